/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-backup-restore"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tl-backup-restore.h"
#include "tl-secret-prompt.h"

/* The app's side of backups: where automatic backups go (the backup-folder setting, or
 * the store's own backup folder), the rolling backup written when the window closes,
 * and restoring a backup file: ask the passphrase of the backup, restore in a thread
 * (the core checks the backup first and keeps the replaced files aside), then say where
 * the old files are. Used by the unlock page (a damaged store) and the window's menu. */

typedef struct
{
  GtkWindow *parent;
  TlStore *store;
  char *path;
  char *passphrase;
  char *kept_dir;
  GObject *owner;
  TlRestoreDone done;
} RestoreData;

/* helpers */

static void
restore_data_free (RestoreData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->store);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->passphrase, tl_secret_prompt_free_text);
  g_clear_pointer (&data->kept_dir, g_free);
  g_clear_object (&data->owner);
  g_free (data);
}

static void
finish (RestoreData *data,
        gboolean     restored)
{
  if (data->done != NULL)
    data->done (data->owner, restored);
  restore_data_free (data);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  GError *error = NULL;

  if (tl_store_restore (data->store, data->path, data->passphrase, &data->kept_dir, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* callbacks */

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RestoreData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWidget *message;

  g_clear_pointer (&data->passphrase, tl_secret_prompt_free_text);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      message = adw_message_dialog_new (data->parent, _("The Backup Was Not Restored"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      finish (data, FALSE);
      return;
    }

  {
    g_autofree char *display = g_filename_display_name (data->kept_dir != NULL ? data->kept_dir : "");
    /* Translators: %s is a folder inside the store's folder */
    g_autofree char *body = g_strdup_printf (_("The files it replaced were kept in %s. Nothing was deleted."), display);

    message = adw_message_dialog_new (data->parent, _("Store Restored From the Backup"), body);
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (message));
  }
  finish (data, TRUE);
}

static void
prompt_response_cb (TlSecretPrompt *prompt,
                    const char     *response,
                    RestoreData    *data)
{
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "accept"))
    {
      finish (data, FALSE);
      return;
    }

  data->passphrase = tl_secret_prompt_take_current (prompt);
  task = g_task_new (NULL, NULL, restore_done_cb, NULL);
  g_task_set_source_tag (task, tl_restore_backup);
  /* freed by finish(), once the thread is done */
  g_task_set_task_data (task, data, NULL);
  g_task_run_in_thread (task, restore_thread);
}

/* public API */

/* The folder for automatic backups: the preference, or the folder beside the store. */
char *
tl_backup_dup_folder (TlContext *context)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);

  folder = g_settings_get_string (tl_context_get_settings (context), "backup-folder");
  if (folder[0] != '\0')
    return g_steal_pointer (&folder);
  return tl_store_get_backup_dir (tl_context_get_store (context));
}

/* When the backup file was written, for "Restore Backup from DATE…". */
char *
tl_backup_describe_time (const char *path)
{
  GStatBuf st;
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0 || (time = g_date_time_new_from_unix_local (st.st_mtime)) == NULL)
    return g_filename_display_basename (path);
  /* Translators: the date and time of a backup, see g_date_time_format() */
  return g_date_time_format (time, _("%e %B %Y, %H:%M"));
}

/* Backups started on close that have not finished (the application stays alive for
 * them: tl_backup_on_close_running()). */
static guint closing_backups;

typedef struct
{
  char *folder;
  guint keep;
  GApplication *application;
  gint64 start;
  gboolean counted;           /* in closing_backups, holding the application */
} CloseBackup;

static void
close_backup_free (CloseBackup *backup)
{
  if (backup->counted)
    closing_backups--;
  if (backup->application != NULL)
    g_application_release (backup->application);
  g_free (backup->folder);
  g_clear_object (&backup->application);
  g_free (backup);
}

static void
close_backup_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CloseBackup *backup = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  if (g_mkdir_with_parents (backup->folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (backup->folder);

      g_message ("Could not make the backup folder: %s", g_strerror (saved));
      /* Translators: %s is a folder, the second %s why it could not be made */
      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved),
                               _("The backup folder %s could not be made (%s). Choose another folder under Preferences → Security, or check the disk."),
                               display, g_strerror (saved));
      return;
    }

  written = tl_store_backup_rolling (source, backup->folder, backup->keep, &error);
  if (written == NULL)
    {
      g_message ("The automatic backup failed (error %d)", error->code);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("Automatic backup written in %" G_GINT64_FORMAT " ms",
           (g_get_monotonic_time () - backup->start) / 1000);
  g_task_return_boolean (task, TRUE);
}

/* Whether the backup folder holds an automatic backup already (by name only: reading a
 * backup through would cost as much as writing one). */
static gboolean
has_auto_backup (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "tipline-") && g_str_has_suffix (name, ".tlbackup"))
      return TRUE;
  return FALSE;
}

/* Closing while unlocked: one more automatic backup, the oldest beyond backup-count
 * removed, skipped when the session changed no tip and a backup exists (issue 16). It
 * runs on a worker thread while the window is hidden, and the application stays alive
 * until it is written (it took 40 s on the window's thread at 100,000 tips). Returns
 * FALSE when no backup is due (callback is not called). A failure is logged without
 * names or content and returned by tl_backup_on_close_finish(), so the window can come
 * back and say so (issue 18: it never passes silently). The store must not be used by
 * anything else until it is done. */
gboolean
tl_backup_on_close_async (TlContext           *context,
                          gboolean             changed,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TlStore *store;
  guint keep;
  g_autoptr(GTask) task = NULL;
  CloseBackup *backup;
  GApplication *application = g_application_get_default ();

  g_return_val_if_fail (TL_IS_CONTEXT (context), FALSE);

  store = tl_context_get_store (context);
  keep = g_settings_get_uint (tl_context_get_settings (context), "backup-count");
  if (keep == 0 || !tl_store_is_unlocked (store))
    return FALSE;

  backup = g_new0 (CloseBackup, 1);
  backup->folder = tl_backup_dup_folder (context);
  backup->keep = keep;
  backup->start = g_get_monotonic_time ();
  if (!changed && has_auto_backup (backup->folder))
    {
      g_debug ("No tip changed since the last backup: none written on close");
      close_backup_free (backup);
      return FALSE;
    }

  if (application != NULL)
    {
      backup->application = g_object_ref (application);
      g_application_hold (application);
    }
  closing_backups++;
  backup->counted = TRUE;
  task = g_task_new (store, NULL, callback, user_data);
  g_task_set_source_tag (task, tl_backup_on_close_async);
  g_task_set_task_data (task, backup, (GDestroyNotify) close_backup_free);
  g_task_run_in_thread (task, close_backup_thread);
  return TRUE;
}

gboolean
tl_backup_on_close_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tl_backup_on_close_running (void)
{
  return closing_backups > 0;
}

/**
 * tl_restore_backup:
 * @owner: (nullable): kept alive until @done is called with it
 * @done: (nullable): called once, restored or not (also when the advocate cancels)
 *
 * Asks the passphrase of the backup at @path and restores it into @store. The store
 * is locked first by the core and is left unlocked when the backup was restored.
 */
void
tl_restore_backup (GtkWindow     *parent,
                   TlStore       *store,
                   const char    *path,
                   GObject       *owner,
                   TlRestoreDone  done)
{
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  RestoreData *data;
  GtkWidget *prompt;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (TL_IS_STORE (store));
  g_return_if_fail (path != NULL);

  data = g_new0 (RestoreData, 1);
  data->parent = g_object_ref (parent);
  data->store = g_object_ref (store);
  data->path = g_strdup (path);
  data->owner = owner != NULL ? g_object_ref (owner) : NULL;
  data->done = done;

  when = tl_backup_describe_time (path);
  /* Translators: %s is a date and time */
  body = g_strdup_printf (_("Enter a passphrase that opened the store when this backup was made (%s). The backup is checked first; the files it replaces are kept aside, never deleted."),
                          when);
  prompt = tl_secret_prompt_new (parent, _("Restore the Backup?"), body, _("_Restore"), FALSE);
  tl_secret_prompt_set_current_title (TL_SECRET_PROMPT (prompt), _("Passphrase of the Backup"));
  g_signal_connect (prompt, "response", G_CALLBACK (prompt_response_cb), data);
  gtk_window_present (GTK_WINDOW (prompt));
}
