/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-ask-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-ask-dialog.h"

/* The Due view's questions (tl-ask-dialog.h): an AdwMessageDialog with an entry and a
 * drop-down, each labelled for screen readers. */

typedef struct
{
  GtkEntry *entry;
  GtkDropDown *when;
  gint64 *seconds;
  TlAskFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_free (ask->seconds);
  g_free (ask);
}

/* callbacks */

static void
text_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "confirm", text[0] != '\0');
}

static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "confirm"))
    adw_message_dialog_response (dialog, "confirm");
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  g_autofree char *text = NULL;
  gint64 when = 0;

  if (!g_str_equal (response, "confirm"))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));
  if (ask->when != NULL)
    when = g_get_real_time () / G_USEC_PER_SEC + ask->seconds[gtk_drop_down_get_selected (ask->when)];
  ask->func (ask->user_data, text, when);
}

/* public API */

GtkWidget *
tl_ask_dialog_new (GtkWindow       *parent,
                   const char      *heading,
                   const char      *body,
                   const char      *text_label,
                   const char      *when_label,
                   const TlAskWhen *choices,
                   guint            n_choices,
                   const char      *confirm,
                   gboolean         destructive,
                   TlAskFunc        func,
                   gpointer         user_data,
                   GDestroyNotify   destroy)
{
  AdwMessageDialog *dialog;
  GtkWidget *box, *label;
  Ask *ask = g_new0 (Ask, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "confirm", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (text_label);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  ask->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (ask->entry, 1000);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (ask->entry));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (ask->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->entry));

  if (n_choices > 0)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      GtkWidget *when_title = gtk_label_new_with_mnemonic (when_label);

      ask->seconds = g_new (gint64, n_choices);
      for (guint i = 0; i < n_choices; i++)
        {
          gtk_string_list_append (list, choices[i].label);
          ask->seconds[i] = choices[i].seconds;
        }
      ask->when = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL));
      gtk_label_set_xalign (GTK_LABEL (when_title), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (when_title), GTK_WIDGET (ask->when));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (ask->when),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, when_title, NULL, -1);
      gtk_widget_set_margin_top (when_title, 6);
      gtk_box_append (GTK_BOX (box), when_title);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->when));
    }
  adw_message_dialog_set_extra_child (dialog, box);

  ask->func = func;
  ask->user_data = user_data;
  ask->destroy = destroy;
  g_signal_connect (ask->entry, "changed", G_CALLBACK (text_changed_cb), dialog);
  g_signal_connect (ask->entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), ask,
                         (GClosureNotify) (void (*) (void)) ask_free, 0);
  gtk_widget_grab_focus (GTK_WIDGET (ask->entry));
  return GTK_WIDGET (dialog);
}
