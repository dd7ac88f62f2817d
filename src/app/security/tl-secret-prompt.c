/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-secret-prompt"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-create-page.h"
#include "tl-secret-prompt.h"

/* Asks for a passphrase that opens the store (every key change asks again, so an
 * unattended unlocked window is not enough), and for "add a passphrase" also a name and
 * the new passphrase twice. The caller takes the texts in its "response" handler; the
 * fields are emptied right after, whatever the response. */

struct _TlSecretPrompt
{
  AdwMessageDialog parent_instance;

  GtkWidget *new_list;
  AdwEntryRow *label_row;
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *confirm_row;
  AdwPasswordEntryRow *current_row;
  GtkLabel *hint_label;

  gboolean asks_new;
  gboolean responded;
};

G_DEFINE_FINAL_TYPE (TlSecretPrompt, tl_secret_prompt, ADW_TYPE_MESSAGE_DIALOG)

/* helpers */

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static char *
take_text (gpointer editable)
{
  char *text = g_strdup (text_of (editable));

  gtk_editable_set_text (GTK_EDITABLE (editable), "");
  return text;
}

static void
show_hint (TlSecretPrompt *self,
           const char     *hint)
{
  gtk_label_set_label (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

static gboolean
is_valid (TlSecretPrompt *self)
{
  g_autofree char *label = NULL;
  const char *new_passphrase, *confirm;

  show_hint (self, NULL);
  if (!self->asks_new)
    return text_of (self->current_row)[0] != '\0';

  label = g_strstrip (g_strdup (text_of (self->label_row)));
  new_passphrase = text_of (self->new_row);
  confirm = text_of (self->confirm_row);

  if (new_passphrase[0] != '\0' && tl_passphrase_strength (new_passphrase) == TL_PASSPHRASE_TOO_SHORT)
    show_hint (self, _("Too short: use at least 8 characters. Several unrelated words work well."));
  else if (confirm[0] != '\0' && !g_str_equal (new_passphrase, confirm))
    show_hint (self, _("The passphrases do not match."));

  return label[0] != '\0' &&
         tl_passphrase_strength (new_passphrase) != TL_PASSPHRASE_TOO_SHORT &&
         g_str_equal (new_passphrase, confirm) &&
         text_of (self->current_row)[0] != '\0';
}

/* callbacks */

static void
changed_cb (TlSecretPrompt *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", is_valid (self));
}

/* Connected first, so it runs before the caller's handlers: closing the window after
 * Enter emits the close response too, and the caller must hear only one. */
static void
first_response_only_cb (TlSecretPrompt *self,
                        const char     *response)
{
  /* "response" is emitted with the response as its detail. */
  if (self->responded)
    g_signal_stop_emission (self, g_signal_lookup ("response", ADW_TYPE_MESSAGE_DIALOG),
                            g_quark_from_string (response));
  self->responded = TRUE;
}

static void
activated_cb (TlSecretPrompt *self)
{
  if (!is_valid (self))
    return;
  /* Like the button: respond, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "accept");
  gtk_window_close (GTK_WINDOW (self));
}

/* overrides */

static void
clear_fields (TlSecretPrompt *self)
{
  if (self->current_row == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
}

static void
tl_secret_prompt_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  /* Runs after the caller's handlers took what they needed. */
  clear_fields (TL_SECRET_PROMPT (dialog));

  /* AdwMessageDialog closes itself after the signal; it has no class handler. */
  if (ADW_MESSAGE_DIALOG_CLASS (tl_secret_prompt_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tl_secret_prompt_parent_class)->response (dialog, response);
}

static void
tl_secret_prompt_dispose (GObject *object)
{
  TlSecretPrompt *self = (TlSecretPrompt *) object;

  clear_fields (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_SECRET_PROMPT);

  G_OBJECT_CLASS (tl_secret_prompt_parent_class)->dispose (object);
}

static void
tl_secret_prompt_class_init (TlSecretPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tl_secret_prompt_dispose;
  dialog_class->response = tl_secret_prompt_response;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-secret-prompt.ui");
  gtk_widget_class_bind_template_child (widget_class, TlSecretPrompt, new_list);
  gtk_widget_class_bind_template_child (widget_class, TlSecretPrompt, label_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecretPrompt, new_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecretPrompt, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecretPrompt, current_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecretPrompt, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);
}

static void
tl_secret_prompt_init (TlSecretPrompt *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (first_response_only_cb), NULL);
}

/* public API */

GtkWidget *
tl_secret_prompt_new (GtkWindow  *parent,
                      const char *heading,
                      const char *body,
                      const char *accept_label,
                      gboolean    asks_new)
{
  TlSecretPrompt *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (TL_TYPE_SECRET_PROMPT,
                       "transient-for", parent,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->asks_new = asks_new;
  gtk_widget_set_visible (self->new_list, asks_new);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "accept", accept_label);
  gtk_widget_grab_focus (asks_new ? GTK_WIDGET (self->label_row) : GTK_WIDGET (self->current_row));
  return GTK_WIDGET (self);
}

void
tl_secret_prompt_set_current_title (TlSecretPrompt *self,
                                    const char     *title)
{
  g_return_if_fail (TL_IS_SECRET_PROMPT (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_row), title);
}

/* The passphrase (or recovery code) that opens the store; free with tl_secret_prompt_free_text(). */
char *
tl_secret_prompt_take_current (TlSecretPrompt *self)
{
  g_return_val_if_fail (TL_IS_SECRET_PROMPT (self), NULL);

  return take_text (self->current_row);
}

char *
tl_secret_prompt_take_new (TlSecretPrompt *self)
{
  g_return_val_if_fail (TL_IS_SECRET_PROMPT (self), NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  return take_text (self->new_row);
}

char *
tl_secret_prompt_dup_label (TlSecretPrompt *self)
{
  g_return_val_if_fail (TL_IS_SECRET_PROMPT (self), NULL);

  return g_strstrip (g_strdup (text_of (self->label_row)));
}

/* Overwrites a passphrase copied out of an entry before freeing it. */
void
tl_secret_prompt_free_text (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}
