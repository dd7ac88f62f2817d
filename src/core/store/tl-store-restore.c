/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Restoring a backup (tl-store-backup.c writes them): everything about the backup is
 * checked before the store is touched, the current files go aside and are never deleted,
 * and only a restored store that unlocks counts. */

/* helpers */

static gboolean restore_locked (TlStore     *self,
                                const char  *path,
                                const char  *passphrase,
                                char       **kept_dir,
                                GError     **error);

/* public API */

gboolean
tl_store_restore (TlStore     *self,
                  const char  *path,
                  const char  *passphrase,
                  char       **kept_dir,
                  GError     **error)
{
  gboolean had_lock, ok;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL && passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The store's files are replaced: nobody else may have them open, or they would keep
   * writing into the copy moved aside (tl-store-lock.c). */
  had_lock = self->lock_mode != TL_STORE_LOCK_NONE;
  if (!_tl_store_fix_permissions (self->dir, error) ||
      !_tl_store_lock_take (self, TL_STORE_LOCK_EXCLUSIVE, error))
    return FALSE;

  ok = restore_locked (self, path, passphrase, kept_dir, error);
  if (self->db != NULL)
    _tl_store_lock_downgrade (self);
  else if (!had_lock)
    _tl_store_lock_drop (self);
  else
    _tl_store_lock_downgrade (self);
  return ok;
}

static gboolean
restore_locked (TlStore     *self,
                const char  *path,
                const char  *passphrase,
                char       **kept_dir,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *db_in = NULL;
  g_autofree char *keys_in = NULL;
  g_autofree char *anchor_in = NULL;
  g_autoptr(GBytes) anchor = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GBytes) keys = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  g_autofree char *aside_name = NULL;
  GError *local_error = NULL;
  gboolean opened;

  _tl_store_close_db (self);

  db_in = g_build_filename (self->dir, TL_STORE_RESTORE_DB_NAME, NULL);
  keys_in = g_build_filename (self->dir, TL_STORE_RESTORE_KEYS_NAME, NULL);
  anchor_in = g_build_filename (self->dir, TL_STORE_RESTORE_ANCHOR_NAME, NULL);

  /* A restore interrupted earlier is finished (or undone) before this one starts. */
  if (!_tl_store_restore_recover (self, NULL, error))
    return FALSE;

  /* 1. Everything about the backup is checked before the store is touched. */
  keys = _tl_store_read_backup (path, db_in, &anchor, error);
  if (keys == NULL)
    goto fail;
  slots = tl_keyslot_parse (g_bytes_get_data (keys, NULL), g_bytes_get_size (keys), NULL);
  if (slots == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TL_ERROR, TL_ERROR_DAMAGED,
                   _("%s is damaged or is not a Tipline backup. Choose another backup."), display);
      goto fail;
    }
  master = tl_secret_new (TL_MASTER_KEY_BYTES);
  if (_tl_store_unwrap_any (slots, passphrase, master, &local_error) < 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE,
                             _("The passphrase does not open this backup. Nothing was changed."));
      goto fail;
    }
  /* The container's checksum (read above) proves the database is, byte for byte, the
   * copy that was checked page by page when the backup was made: here it is only opened
   * with the key (issue 16: reading every page again made a restore 20 x a file copy).
   * The page check is then due like after any clean close (tl-store-integrity.c). */
  if (!_tl_store_verify_db_opens (db_in, master, NULL, error) ||
      !tl_keyslot_save (keys_in, slots, error))
    goto fail;
  /* The backup's audit anchor comes back with its database (a version 1 backup has
   * none: the restored store starts a new one). Staged before the journal, so a
   * restore finished after a crash puts it in place too. */
  g_unlink (anchor_in);
  if (anchor != NULL &&
      !g_file_set_contents_full (anchor_in, g_bytes_get_data (anchor, NULL), g_bytes_get_size (anchor),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      tl_set_file_error (error, local_error->code == G_FILE_ERROR_NOSPC ? ENOSPC : EIO, anchor_in);
      g_clear_error (&local_error);
      goto fail;
    }

  _tl_store_restore_step (self, TL_RESTORE_STEP_STAGED);

  /* 2. The journal, then the current files go aside (never deleted) and the backup's
   * take their place. From here a crash is finished by the next open
   * (tl-store-restore-journal.c). */
  /* A new folder each time: a second restore in the same second keeps both. */
  for (guint n = 1; aside == NULL; n++)
    {
      aside_name = n == 1 ? g_strdup_printf ("replaced-%s", stamp)
                          : g_strdup_printf ("replaced-%s-%u", stamp, n);
      aside = g_build_filename (self->dir, aside_name, NULL);
      if (g_mkdir (aside, 0700) == 0)
        break;
      if (errno != EEXIST || n >= 100)
        {
          tl_set_file_error (error, errno, aside);
          goto fail;
        }
      g_clear_pointer (&aside_name, g_free);
      g_clear_pointer (&aside, g_free);
    }
  if (!_tl_store_restore_journal_write (self, aside_name, base, TRUE, error))
    {
      g_rmdir (aside);
      goto fail;
    }
  _tl_store_restore_step (self, TL_RESTORE_STEP_JOURNAL);
  if (!_tl_store_restore_roll (self, aside, TRUE, error))
    goto put_back;
  _tl_store_restore_step (self, TL_RESTORE_STEP_IN_PLACE);

  /* 3. Only a restored store that opens counts. */
  self->restoring = TRUE;
  opened = tl_store_unlock (self, passphrase, error);
  self->restoring = FALSE;
  if (!opened)
    goto put_back;
  _tl_store_restore_step (self, TL_RESTORE_STEP_OPENED);
  _tl_store_restore_journal_remove (self);
  _tl_store_restore_step (self, TL_RESTORE_STEP_DONE);

  if (kept_dir != NULL)
    *kept_dir = g_steal_pointer (&aside);
  return _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_RESTORE, NULL, base, error);

put_back:
  _tl_store_close_db (self);
  /* The journal says "back" first, so a crash while putting back finishes that. */
  if (_tl_store_restore_journal_write (self, aside_name, base, FALSE, NULL) &&
      _tl_store_restore_roll (self, aside, FALSE, NULL))
    _tl_store_restore_journal_remove (self);
fail:
  g_unlink (db_in);
  g_unlink (keys_in);
  g_unlink (anchor_in);
  return FALSE;
}
