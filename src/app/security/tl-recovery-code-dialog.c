/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-recovery-code-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-clipboard.h"
#include "tl-recovery-code-dialog.h"

/* Shows a new recovery code once, large and selectable, with a copy button, until the
 * advocate says they wrote it down. The caller frees its copy of the code with
 * tl_store_secret_free() right after creating the dialog; the label's copy is replaced
 * when the dialog goes away. */

struct _TlRecoveryCodeDialog
{
  AdwMessageDialog parent_instance;

  GtkLabel *code_label;
  GtkButton *copy_button;

  gboolean written_down;      /* "I Have Written It Down", or closing confirmed */
  GtkWidget *confirm;         /* the question asked on Escape, while it shows */
};

G_DEFINE_FINAL_TYPE (TlRecoveryCodeDialog, tl_recovery_code_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* callbacks */

static void
copy_cb (TlRecoveryCodeDialog *self)
{
  tl_copy_secret (GTK_WIDGET (self), gtk_label_get_text (self->code_label));
  gtk_button_set_child (self->copy_button,
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "object-select-symbolic",
                                      "label", _("Copied"),
                                      NULL));
}

/* As if "I Have Written It Down" was pressed: the caller goes on from the response. */
static gboolean
close_idle_cb (gpointer user_data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (user_data), "done");
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
confirm_response_cb (TlRecoveryCodeDialog *self,
                     const char           *response)
{
  self->confirm = NULL;
  if (g_strcmp0 (response, "close") != 0)
    return;
  self->written_down = TRUE;
  /* once the question, which belongs to this dialog, has gone */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* Escape before the advocate says the code is written down: the
 * code is shown only once, so ask first. */
static void
ask_before_closing (TlRecoveryCodeDialog *self)
{
  AdwMessageDialog *confirm;

  if (self->confirm != NULL)
    return;

  confirm = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                        _("Close Without the Recovery Code?"),
                                                        _("Tipline will not show this code again. Without it, a lost passphrase means the tips are lost.")));
  adw_message_dialog_add_responses (confirm,
                                    "back", _("_Back to the Code"),
                                    "close", _("_Close Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (confirm, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (confirm, "back");
  adw_message_dialog_set_close_response (confirm, "back");
  g_signal_connect_object (confirm, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_SWAPPED);
  self->confirm = GTK_WIDGET (confirm);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* Escape, caught before the dialog's own handling (which would close it at once). */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TlRecoveryCodeDialog *self = TL_RECOVERY_CODE_DIALOG (widget);

  if (self->written_down)
    return FALSE;
  ask_before_closing (self);
  return TRUE;
}

/* overrides */

static void
tl_recovery_code_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  TlRecoveryCodeDialog *self = TL_RECOVERY_CODE_DIALOG (dialog);

  if (g_strcmp0 (response, "done") == 0)
    self->written_down = TRUE;
  gtk_label_set_label (self->code_label, "");

  /* AdwMessageDialog closes itself after the signal; it has no class handler. */
  if (ADW_MESSAGE_DIALOG_CLASS (tl_recovery_code_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tl_recovery_code_dialog_parent_class)->response (dialog, response);
}

static void
tl_recovery_code_dialog_dispose (GObject *object)
{
  TlRecoveryCodeDialog *self = (TlRecoveryCodeDialog *) object;

  if (self->code_label != NULL)
    gtk_label_set_label (self->code_label, "");
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_RECOVERY_CODE_DIALOG);

  G_OBJECT_CLASS (tl_recovery_code_dialog_parent_class)->dispose (object);
}

static void
tl_recovery_code_dialog_class_init (TlRecoveryCodeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tl_recovery_code_dialog_dispose;
  dialog_class->response = tl_recovery_code_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-recovery-code-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TlRecoveryCodeDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, TlRecoveryCodeDialog, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_cb);
}

static void
tl_recovery_code_dialog_init (TlRecoveryCodeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* in the capture phase: before AdwMessageDialog's own Escape */
  {
    GtkEventController *controller = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_callback_action_new (escape_cb, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), controller);
  }
}

/* public API */

GtkWidget *
tl_recovery_code_dialog_new (GtkWindow  *parent,
                             const char *code)
{
  TlRecoveryCodeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (TL_TYPE_RECOVERY_CODE_DIALOG,
                       "transient-for", parent,
                       NULL);
  gtk_label_set_label (self->code_label, code);
  return GTK_WIDGET (self);
}
