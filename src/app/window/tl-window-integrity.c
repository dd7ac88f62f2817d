/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-error.h"
#include "tl-window-private.h"

/* Issue 16: unlock no longer reads every page of the store (after a clean close); the
 * check runs here on a worker thread with its own read-only connection, once the list
 * is on screen. Damage found says so the same way as at unlock, and the store writes
 * nothing more until the advocate chooses: restore a backup, keep working read-only
 * (saving then says why it cannot), or keep writing. */

#define CHECK_DELAY_MS 500

/* helpers */

static void
damage_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TlWindow         *self)
{
  if (g_str_equal (response, "restore"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.restore-backup", NULL);
  else if (g_str_equal (response, "write") && tl_store_is_unlocked (self->store))
    tl_store_accept_damage (self->store);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (tl_store_check_integrity_finish (TL_STORE (source), result, &error))
    return;
  if (!g_error_matches (error, TL_ERROR, TL_ERROR_DAMAGED) ||
      !gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      g_debug ("The store was not checked (error %d)", error->code);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Store Is Damaged"),
                                                       error->message));
  adw_message_dialog_add_responses (dialog,
                                    "read-only", _("Work _Read-Only"),
                                    "write", _("Keep _Writing"),
                                    "restore", _("_Restore a Backup…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "write", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "read-only");
  g_signal_connect_object (dialog, "response", G_CALLBACK (damage_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
start_check_cb (gpointer data)
{
  TlWindow *self = data;

  if (tl_store_integrity_check_due (self->store))
    tl_store_check_integrity_async (self->store, NULL, check_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* private API */

/* Right after the main page is shown: the check starts once the list has been drawn,
 * and the number of changes is noted, so closing can skip a backup of nothing new. */
void
_tl_window_integrity_opened (TlWindow *self)
{
  self->changes_at_unlock = tl_store_get_change_count (self->store);

  if (tl_store_integrity_check_due (self->store))
    g_timeout_add_full (G_PRIORITY_LOW, CHECK_DELAY_MS, start_check_cb,
                        g_object_ref (self), g_object_unref);
}

/* Whether a tip was saved, imported or deleted since the unlock. */
gboolean
_tl_window_integrity_changed (TlWindow *self)
{
  return tl_store_get_change_count (self->store) != self->changes_at_unlock;
}
