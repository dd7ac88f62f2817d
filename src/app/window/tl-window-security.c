/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-security"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-audit-window.h"
#include "tl-backup-restore.h"
#include "tl-clipboard.h"
#include "tl-window-private.h"

/* The window's side of issue 7: the primary menu's Back Up Now… and Restore from
 * Backup…, the tip menu's History, and what locking and closing add (the clipboard,
 * the automatic backup). */

/* helpers */

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TlWindow *self = source_object;
  GError *error = NULL;

  if (tl_store_backup (self->store, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* callbacks */

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TlWindow *self = TL_WINDOW (object);
  g_autoptr(GError) error = NULL;

  tl_context_release (self->context);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _tl_window_show_error (self, _("The Backup Was Not Written"), error);
      return;
    }
  _tl_window_show_toast (self, _("Encrypted backup written and checked"));
}

static void
backup_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  TlWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  char *path;

  if (response != GTK_RESPONSE_ACCEPT || !tl_store_is_unlocked (self->store))
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;

  tl_context_hold (self->context);
  task = g_task_new (self, NULL, backup_done_cb, NULL);
  g_task_set_source_tag (task, backup_chosen_cb);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, backup_thread);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
restored_cb (GObject  *owner,
             gboolean  restored)
{
  TlWindow *self = TL_WINDOW (owner);

  /* Restored: the store is open again, as after typing the passphrase. */
  if (restored && tl_store_is_unlocked (self->store))
    g_signal_emit_by_name (self->unlock_page, "unlocked");
}

static void
restore_confirm_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TlWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "tl-path");

  if (!g_str_equal (response, "replace") || tl_context_is_busy (self->context))
    return;

  /* Nothing of a tip stays on screen or in memory while the files are swapped. */
  tl_window_lock (self);
  tl_restore_backup (GTK_WINDOW (self), self->store, path, G_OBJECT (self), restored_cb);
}

static void
restore_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   TlWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;

  when = tl_backup_describe_time (path);
  /* Translators: %s is a date and time */
  body = g_strdup_printf (_("Every tip saved since the backup was made (%s) is replaced by the backup’s. The current files are kept aside in the store’s folder."),
                          when);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Replace the Store With This Backup?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tl-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* actions */

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "tipline-%Y-%m-%d.tlbackup");
  GtkFileChooserNative *chooser;

  if (!tl_store_is_unlocked (self->store))
    return;

  chooser = gtk_file_chooser_native_new (_("Back Up Now"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(GtkFileFilter) backups = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (backups, _("Tipline backups"));
  gtk_file_filter_add_suffix (backups, "tlbackup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backups);
  g_signal_connect_object (chooser, "response", G_CALLBACK (restore_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tip_history_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autoptr(GError) error = NULL;
  GtkWidget *history;

  if (tip == NULL || !tl_store_is_unlocked (self->store) || tl_context_is_busy (self->context))
    return;

  history = tl_audit_window_new (GTK_WINDOW (self), self->store, tip->id, &error);
  if (history == NULL)
    {
      _tl_window_show_error (self, _("The History Could Not Be Read"), error);
      return;
    }
  /* Closed by a lock (_tl_window_security_lock) or with the window. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (history), TRUE);
  if (self->history_window != NULL)
    gtk_window_destroy (self->history_window);
  self->history_window = GTK_WINDOW (history);
  g_object_add_weak_pointer (G_OBJECT (history), (gpointer *) &self->history_window);
  gtk_window_present (GTK_WINDOW (history));
}

/* private API */

void
_tl_window_class_init_security (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.tip-history", NULL, tip_history_action);
}

void
_tl_window_security_update_actions (TlWindow *self,
                                    gboolean  unlocked)
{
  /* the main page, and so the editor, exists only from the first unlock on */
  TlTip *tip = self->editor != NULL ? tl_tip_editor_get_tip (self->editor) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-now", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tip-history",
                                 unlocked && tip != NULL && tip->status != TL_TIP_STATUS_DRAFT);
}

/* Locking: the history goes, and a copied number or code leaves the clipboard. */
void
_tl_window_security_lock (TlWindow *self)
{
  if (self->history_window != NULL)
    gtk_window_destroy (self->history_window);
  tl_clipboard_clear_copied (GTK_WIDGET (self));
}

static void
backup_failed_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TlWindow         *self)
{
  if (g_str_equal (response, "back-up"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.back-up-now", NULL);
  else if (g_str_equal (response, "close"))
    {
      self->close_without_backup = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* The automatic backup on close failed: the window comes back, and a dialog says what
 * failed and what to do. */
static void
show_backup_failed (TlWindow     *self,
                    const GError *error)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (self));
  if (self->backup_failed_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->backup_failed_dialog));
      return;
    }

  /* Translators: %s says why the backup failed and what to check */
  body = g_strdup_printf (_("%s\n\nTipline stays open so that nothing is lost. Back up now to another folder or disk, or close without a backup: the store itself is saved."),
                          error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Automatic Backup Failed"), body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Open"),
                                    "close", _("_Close Without Backup"),
                                    "back-up", _("_Back Up Now…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "back-up", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "back-up");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (backup_failed_response_cb), self, 0);
  self->backup_failed_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->backup_failed_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_backup_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->backup_running = FALSE;
  if (!tl_backup_on_close_finish (result, &error))
    {
      show_backup_failed (self, error);
      return;
    }
  self->close_without_backup = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing while unlocked: the automatic backup, on a worker thread while the window is
 * hidden (issue 16: the window goes at once whatever the store's size). FALSE while it
 * runs; the window closes when it is written, and comes back saying so when it failed
 * (issue 18). */
gboolean
_tl_window_security_closing (TlWindow *self)
{
  if (self->close_without_backup || tl_context_is_busy (self->context) ||
      !tl_store_is_unlocked (self->store))
    return TRUE;

  if (!self->backup_running)
    {
      if (!tl_backup_on_close_async (self->context, _tl_window_integrity_changed (self),
                                     close_backup_done_cb, g_object_ref (self)))
        {
          g_object_unref (self);
          return TRUE;
        }
      self->backup_running = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return FALSE;
}
