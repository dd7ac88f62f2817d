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

static gboolean
move_aside (const char  *from,
            const char  *dir,
            GError     **error)
{
  g_autofree char *base = g_path_get_basename (from);
  g_autofree char *to = g_build_filename (dir, base, NULL);

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;
  return tl_durable_rename (from, to, error);
}

/* public API */

gboolean
tl_store_restore (TlStore     *self,
                  const char  *path,
                  const char  *passphrase,
                  char       **kept_dir,
                  GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *db_in = NULL;
  g_autofree char *keys_in = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GBytes) keys = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  GError *local_error = NULL;
  const char * const suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL && passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tl_store_lock (self);
  if (!_tl_store_fix_permissions (self->dir, error))
    return FALSE;

  db_in = g_build_filename (self->dir, "tipline.db.restore", NULL);
  keys_in = g_build_filename (self->dir, "tipline.keys.restore", NULL);

  /* 1. Everything about the backup is checked before the store is touched. */
  keys = _tl_store_read_backup (path, db_in, error);
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
  if (!_tl_store_verify_db_opens (db_in, master, error) ||
      !tl_keyslot_save (keys_in, slots, error))
    goto fail;

  /* 2. The current files go aside (never deleted), the backup's take their place. */
  aside = g_strdup_printf ("%s%creplaced-%s", self->dir, G_DIR_SEPARATOR, stamp);
  if (g_mkdir (aside, 0700) != 0 && errno != EEXIST)
    {
      tl_set_file_error (error, errno, aside);
      goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (self->db_path, suffixes[i], NULL);

      if (!move_aside (p, aside, error))
        goto put_back;
    }
  if (!move_aside (self->keys_path, aside, error) ||
      !tl_durable_rename (db_in, self->db_path, error) ||
      !tl_durable_rename (keys_in, self->keys_path, error))
    goto put_back;

  /* 3. Only a restored store that opens counts. */
  if (!tl_store_unlock (self, passphrase, error))
    goto put_back;

  if (kept_dir != NULL)
    *kept_dir = g_steal_pointer (&aside);
  return _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_RESTORE, NULL, base, error);

put_back:
  tl_store_lock (self);
  {
    g_autofree char *old_db = g_build_filename (aside, TL_STORE_DB_NAME, NULL);
    g_autofree char *old_keys = g_build_filename (aside, TL_STORE_KEYS_NAME, NULL);

    if (g_file_test (old_db, G_FILE_TEST_EXISTS))
      g_rename (old_db, self->db_path);
    if (g_file_test (old_keys, G_FILE_TEST_EXISTS))
      g_rename (old_keys, self->keys_path);
    for (guint i = 1; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *name = g_strconcat (TL_STORE_DB_NAME, suffixes[i], NULL);
        g_autofree char *from = g_build_filename (aside, name, NULL);
        g_autofree char *to = g_strconcat (self->db_path, suffixes[i], NULL);

        if (g_file_test (from, G_FILE_TEST_EXISTS))
          g_rename (from, to);
      }
    g_rmdir (aside);
  }
fail:
  g_unlink (db_in);
  g_unlink (keys_in);
  return FALSE;
}
