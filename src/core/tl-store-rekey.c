/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-rekey"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Re-keying: the database is copied into a new file under a new master key with
 * sqlcipher_export (SQLCipher 3.4's PRAGMA rekey is not used: it has known bugs), the
 * copy is verified, and then two renames put it in place:
 *
 *   1. export into tipline.db.rekey (new key), verify it, write its audit entry
 *   2. write tipline.keys.new: the remaining slots, resealed to the new key (fsync)
 *   3. rename tipline.db.rekey -> tipline.db (fsync the folder)   <- the switch
 *   4. rename tipline.keys.new -> tipline.keys (fsync the folder)
 *
 * A crash before 3 leaves the old database and key file untouched; the next unlock
 * deletes the leftovers (_tl_store_rekey_discard). A crash between 3 and 4 leaves the
 * new database beside the old key file: the old key does not open it, so unlock tries
 * tipline.keys.new, and when that opens the database it finishes step 4
 * (_tl_store_rekey_resume). Every remaining passphrase is in both key files, so each
 * state opens; the removed one opens neither the new database nor the new key file. */

/* helpers */

static char *
path_in (TlStore    *self,
         const char *name)
{
  return g_build_filename (self->dir, name, NULL);
}

static void
unlink_db_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }
}

static gboolean
same_counts (GHashTable *expected,
             GHashTable *actual)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (expected) != g_hash_table_size (actual))
    return FALSE;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *other = g_hash_table_lookup (actual, key);

      if (other == NULL || *other != *(gint64 *) value)
        return FALSE;
    }
  return TRUE;
}

static gboolean
busy_error (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                       _("Another Tipline window or program is using the store. Close it and try again."));
  return FALSE;
}

/* private API */

gboolean
_tl_store_durable_rename (const char  *from,
                          const char  *to,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (to);
  int fd;

  if (g_rename (from, to) != 0)
    {
      int saved = errno;

      g_set_error (error, TL_ERROR, saved == ENOSPC ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
                   _("Tipline could not replace a file in the store folder (%s). Check that the disk works and that you may write to the folder."),
                   g_strerror (saved));
      return FALSE;
    }

  /* The rename is only durable once the folder itself is on disk. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

/* Row counts of every ordinary table, to compare a copy with its original. */
GHashTable *
_tl_store_table_counts (sqlite3     *db,
                        const char  *schema,
                        GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  char *list = sqlite3_mprintf ("SELECT name FROM \"%w\".sqlite_master "
                                           "WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%%'",
                                           schema);

  rc = sqlite3_prepare_v2 (db, list, -1, &stmt, NULL);
  sqlite3_free (list);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not check the store."));
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\".\"%w\"", schema, name);
      gint64 *count = g_new0 (gint64, 1);

      stmt = NULL;
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      sqlite3_free (sql);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *count = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      g_hash_table_insert (counts, g_strdup (name), count);
      if (rc != SQLITE_OK)
        {
          _tl_store_db_error (error, db, rc, _("Tipline could not check the store."));
          return NULL;
        }
    }

  return g_steal_pointer (&counts);
}

/* Copies db's main database into a new encrypted file under key (NULL: db's own key),
 * with the store's cipher settings (tl-store-cipher.c). */
gboolean
_tl_store_export_encrypted (sqlite3         *db,
                            const char      *path,
                            const TlSecret  *key,
                            GError         **error)
{
  const char *what = _("Tipline could not copy the store.");
  gboolean ok;
  int fd;

  /* The store's connection was opened without SQLITE_OPEN_CREATE, and ATTACH inherits
   * that: create the (empty, private) file first. */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, TL_ERROR, saved == ENOSPC ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
                   _("Tipline could not create a file in the store folder (%s). Check that the disk works and that you may write to the folder."),
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (!_tl_store_cipher_attach (db, path, "tl_copy", key, what, error))
    return FALSE;
  ok = _tl_store_exec (db, "SELECT sqlcipher_export ('tl_copy');", what, error);
  sqlite3_exec (db, "DETACH DATABASE tl_copy", NULL, NULL, NULL);
  return ok;
}

/* Opens a copy read-only and checks it: the key opens it, SQLite's integrity check and
 * (SQLCipher 4) the page HMAC check pass, and, when given, every table has the expected
 * number of rows. Nothing is written to the file. */
gboolean
_tl_store_verify_db (const char      *path,
                     const TlSecret  *key,
                     GHashTable      *expected_counts,
                     GError         **error)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *result = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  gboolean hmac_ok = TRUE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK || !_tl_store_apply_key (db, key, NULL))
    goto out;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (result, "ok") != 0)
    goto out;

  /* SQLCipher 4 lists pages whose HMAC fails; 3.4 ignores the pragma (no rows), and
   * its integrity_check above already read and authenticated every page. */
  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA cipher_integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    hmac_ok = FALSE;
  sqlite3_finalize (stmt);
  if (!hmac_ok)
    goto out;

  counts = _tl_store_table_counts (db, "main", NULL);
  if (counts == NULL || g_hash_table_lookup (counts, "schema_version") == NULL)
    goto out;
  ok = expected_counts == NULL || same_counts (expected_counts, counts);

out:
  sqlite3_close_v2 (db);
  if (!ok)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                         _("The copy of the store did not check out, so nothing was replaced. Check that the disk works and has free space, then try again."));
  return ok;
}

gboolean
_tl_store_rekey (TlStore         *self,
                 const TlSecret  *old_master,
                 GPtrArray       *slots,
                 TlAuditAction    action,
                 const char      *detail,
                 GError         **error)
{
  g_autofree char *copy_path = path_in (self, TL_STORE_REKEY_DB_NAME);
  g_autofree char *keys_new_path = path_in (self, TL_STORE_KEYS_NEW_NAME);
  g_autofree char *wal_path = g_strconcat (self->db_path, "-wal", NULL);
  g_autoptr(TlSecret) new_master = _tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(GHashTable) counts = NULL;
  sqlite3 *copy = NULL;
  gboolean ok;

  g_assert (self->db != NULL);

  randombytes_buf (new_master->data, new_master->length);
  sodium_mprotect_readonly (new_master->data);

  /* 1. export, verify, audit entry in the copy */
  _tl_store_rekey_discard (self);
  if (!_tl_store_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, error))
    return FALSE;
  counts = _tl_store_table_counts (self->db, "main", error);
  if (counts == NULL || !_tl_store_export_encrypted (self->db, copy_path, new_master, error))
    goto fail;

  tl_store_lock (self);
  /* Our connection was the last one if SQLite removed the write-ahead log on close;
   * otherwise another program still has the store open and would keep writing to the
   * old file. */
  if (g_file_test (wal_path, G_FILE_TEST_EXISTS))
    {
      busy_error (error);
      goto fail_reopen;
    }

  if (!_tl_store_verify_db (copy_path, new_master, counts, error))
    goto fail_reopen;

  copy = _tl_store_db_open (copy_path, new_master, FALSE, error);
  ok = copy != NULL &&
       _tl_store_audit_insert (copy, self->advocate, g_get_real_time (),
                               tl_enum_to_nick (tl_audit_action_values, action),
                               NULL, detail, error);
  if (copy != NULL)
    {
      sqlite3_exec (copy, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      sqlite3_close_v2 (copy);
    }
  if (!ok)
    goto fail_reopen;

  /* 2. the remaining slots, sealed to the new key, beside the old key file */
  for (guint i = 0; i < slots->len; i++)
    tl_keyslot_reseal (g_ptr_array_index (slots, i), new_master->data);
  if (!tl_keyslot_save (keys_new_path, slots, error))
    goto fail_reopen;

  /* 3. the switch, then 4. */
  if (!_tl_store_durable_rename (copy_path, self->db_path, error))
    goto fail_reopen;
  if (!_tl_store_durable_rename (keys_new_path, self->keys_path, error))
    {
      /* The database is already new; the next unlock finishes this step. */
      return FALSE;
    }

  self->db = _tl_store_db_open (self->db_path, new_master, FALSE, error);
  return self->db != NULL;

fail_reopen:
  self->db = _tl_store_db_open (self->db_path, old_master, FALSE, NULL);
fail:
  _tl_store_rekey_discard (self);
  return FALSE;
}

gboolean
_tl_store_rekey_pending (TlStore *self)
{
  g_autofree char *keys_new_path = path_in (self, TL_STORE_KEYS_NEW_NAME);

  return g_file_test (keys_new_path, G_FILE_TEST_IS_REGULAR);
}

/* The database did not open with the key file's master key, and a pending key file
 * exists: a re-key stopped between its renames. If the pending file opens the
 * database, it becomes the key file. */
gboolean
_tl_store_rekey_resume (TlStore     *self,
                        const char  *passphrase,
                        GError     **error)
{
  g_autofree char *keys_new_path = path_in (self, TL_STORE_KEYS_NEW_NAME);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  GError *local_error = NULL;
  int index;

  slots = tl_keyslot_load (keys_new_path, NULL);
  if (slots == NULL)
    {
      _tl_store_set_damaged_error (self, error);
      return FALSE;
    }

  master = _tl_secret_new (TL_MASTER_KEY_BYTES);
  index = _tl_store_unwrap_any (slots, passphrase, master, &local_error);
  if (index < 0)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      _tl_store_note_failed_unlock (self);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase is wrong."));
      return FALSE;
    }

  self->db = _tl_store_db_open (self->db_path, master, FALSE, &local_error);
  if (self->db == NULL)
    {
      g_clear_error (&local_error);
      _tl_store_set_damaged_error (self, error);
      return FALSE;
    }

  if (self->advocate == NULL)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, index);

      if (slot->label[0] != '\0')
        self->advocate = g_strdup (slot->label);
    }

  g_message ("Finishing a re-key that was interrupted");
  if (!_tl_store_durable_rename (keys_new_path, self->keys_path, error))
    {
      tl_store_lock (self);
      return FALSE;
    }
  return TRUE;
}

/* Leftovers of a re-key that never replaced the database. */
void
_tl_store_rekey_discard (TlStore *self)
{
  g_autofree char *copy_path = path_in (self, TL_STORE_REKEY_DB_NAME);
  g_autofree char *keys_new_path = path_in (self, TL_STORE_KEYS_NEW_NAME);

  unlink_db_files (copy_path);
  g_unlink (keys_new_path);
}
