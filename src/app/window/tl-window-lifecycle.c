/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-lifecycle"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-window-private.h"

/* A tip's life after it is taken: close it (it stays, out of the open list), reopen it,
 * or delete it after a confirmation. Closing and reopening are saves (the store's audit
 * log records an edit), deleting is recorded as a deletion by the store. Delete has no
 * undo: the store keeps nothing of a deleted tip, which is the point of deleting. */

/* helpers */

static gboolean
set_status (TlWindow    *self,
            TlTipStatus  status,
            const char  *done)
{
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autoptr(GError) error = NULL;
  TlTipStatus old_status;

  if (tip == NULL)
    return FALSE;

  _tl_window_cancel_autosave (self);
  old_status = tip->status;
  tip->status = status;
  if (!tl_store_save_tip (self->store, tip, &error))
    {
      tip->status = old_status;
      _tl_window_show_error (self, _("The Tip Could Not Be Saved"), error);
      return FALSE;
    }

  self->unsaved = FALSE;
  _tl_window_list_select_tip (self, tip->id);
  _tl_window_update_actions (self);
  _tl_window_show_toast (self, done);
  return TRUE;
}

/* callbacks */

static void
close_reason_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "close", reason[0] != '\0');
}

/* The reason goes with the tip (internal: the coordinator's and the full record, see
 * docs/report-profiles.md); the status change itself is audited as an edit. */
static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TlWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autofree char *old_reason = NULL;

  if (!g_str_equal (response, "close") || tip == NULL || reason[0] == '\0')
    return;

  old_reason = g_steal_pointer (&tip->close_reason);
  tip->close_reason = g_steal_pointer (&reason);
  if (!set_status (self, TL_TIP_STATUS_CLOSED, _("Tip closed")))
    {
      g_free (tip->close_reason);
      tip->close_reason = g_steal_pointer (&old_reason);
    }
}

static void
delete_response_cb (TlWindow   *self,
                    const char *response)
{
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "delete") || tip == NULL)
    return;

  id = g_strdup (tip->id);
  _tl_window_cancel_autosave (self);
  /* A tip never saved has only its draft: discarding it is the whole deletion. */
  if (tip->status != TL_TIP_STATUS_DRAFT && !tl_store_delete_tip (self->store, id, &error))
    {
      _tl_window_show_error (self, _("The Tip Could Not Be Deleted"), error);
      return;
    }
  tl_store_discard_draft (self->store, id, NULL);

  self->unsaved = FALSE;
  _tl_window_open_tip (self, NULL, FALSE);
  _tl_window_list_select_tip (self, NULL);
  _tl_window_show_toast (self, _("Tip deleted"));
}

/* actions */

static void
close_tip_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (tl_tip_editor_get_tip (self->editor) == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Close This Tip?"),
                                                       _("A closed tip is kept, with its calls and history, and leaves the list of open tips. It can be reopened. Say why it is closed.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Tip"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "close", FALSE);

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example: referred to the shelter, no further contact"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for closing"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (close_reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
reopen_tip_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autofree char *old_reason = NULL;

  if (tip == NULL)
    return;
  /* Open again: the reason it was closed no longer holds. */
  old_reason = g_steal_pointer (&tip->close_reason);
  if (!set_status (self, TL_TIP_STATUS_OPEN, _("Tip reopened")))
    tip->close_reason = g_steal_pointer (&old_reason);
}

static void
delete_tip_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (tl_tip_editor_get_tip (self->editor) == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Tip?"),
                                                       _("The tip, its calls and its draft are removed from the store for good; the audit log records the deletion. This cannot be undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Tip"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter and Escape both keep the tip. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* private API */

void
_tl_window_class_init_lifecycle (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.close-tip", NULL, close_tip_action);
  gtk_widget_class_install_action (widget_class, "win.reopen-tip", NULL, reopen_tip_action);
  gtk_widget_class_install_action (widget_class, "win.delete-tip", NULL, delete_tip_action);
}

void
_tl_window_update_lifecycle_actions (TlWindow *self,
                                     TlTip    *tip)
{
  gboolean saved = tip != NULL && tip->status != TL_TIP_STATUS_DRAFT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tip",
                                 saved && tip->status != TL_TIP_STATUS_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reopen-tip",
                                 saved && tip->status == TL_TIP_STATUS_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-tip", tip != NULL);
}
