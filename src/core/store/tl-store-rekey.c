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
#include "tl-file-util.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Re-keying: the database is copied into a new file, every page of the copy is
 * encrypted again under a new master key, the copy is verified, and then two renames
 * put it in place:
 *
 *   1. copy the file into tipline.db.rekey and encrypt every page again under the new
 *      key in place (_tl_store_db_rekey_copy, which checks that every page, free ones
 *      too, is authentic under the new key), check that the new key opens it and that
 *      its schema is the store's, write its audit entry
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
busy_error (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                       _("Another Tipline window or program is using the store. Close it and try again."));
  return FALSE;
}

/* The copy (a copy of the store's file, made before) under new_master, checked. Every
 * page is encrypted again in place and checked under the new key; if that does not
 * check out, the copy is made again table by table with sqlcipher_export and checked
 * with quick_check, as before issue 16. SQLCipher's rekey stops at the first page it
 * cannot read, such as a damaged free page that nothing else ever reads, and that must
 * not keep a passphrase from being removed. */
static gboolean
make_checked_copy (TlStore         *self,
                   const char      *copy_path,
                   const char      *schema,
                   const TlSecret  *old_master,
                   const TlSecret  *new_master,
                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  if (_tl_store_db_rekey_copy (copy_path, old_master, new_master, &local_error) &&
      _tl_store_verify_db_opens (copy_path, new_master, schema, &local_error))
    return TRUE;
  if (g_error_matches (local_error, TL_ERROR, TL_ERROR_NO_SPACE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_message ("The store's pages could not all be encrypted again; copying it table by table");
  unlink_db_files (copy_path);
  db = _tl_store_db_open (self->db_path, old_master, FALSE, error);
  ok = db != NULL &&
       _tl_store_export_encrypted (db, copy_path, new_master, error);
  sqlite3_close_v2 (db);
  return ok && _tl_store_verify_db (copy_path, new_master, schema, error);
}

static gboolean
rekey_locked (TlStore         *self,
              const TlSecret  *old_master,
              GPtrArray       *slots,
              TlAuditAction    action,
              const char      *detail,
              GError         **error)
{
  g_autofree char *copy_path = path_in (self, TL_STORE_REKEY_DB_NAME);
  g_autofree char *keys_new_path = path_in (self, TL_STORE_KEYS_NEW_NAME);
  g_autofree char *wal_path = g_strconcat (self->db_path, "-wal", NULL);
  g_autoptr(TlSecret) new_master = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autofree char *schema = NULL;
  sqlite3 *copy = NULL;
  gboolean ok;

  randombytes_buf (new_master->data, new_master->length);
  sodium_mprotect_readonly (new_master->data);

  /* 1. copy, encrypt again, verify, audit entry in the copy. A backup's copy left by a
   * crash is under the old key: it goes too. */
  _tl_store_rekey_discard (self);
  _tl_store_remove_leftovers (self);
  schema = _tl_store_schema_text (self->db, "main");
  if (schema == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED, _("Tipline could not check the store."));
      return FALSE;
    }
  if (!_tl_store_db_copy_file (self->db, self->db_path, copy_path, error))
    goto fail;

  _tl_store_close_db (self);
  /* Our connection was the last one if SQLite removed the write-ahead log on close;
   * otherwise another program still has the store open and would keep writing to the
   * old file. */
  if (g_file_test (wal_path, G_FILE_TEST_EXISTS))
    {
      busy_error (error);
      goto fail_reopen;
    }

  if (!make_checked_copy (self, copy_path, schema, old_master, new_master, error))
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
  if (!tl_durable_rename (copy_path, self->db_path, error))
    goto fail_reopen;
  if (!tl_durable_rename (keys_new_path, self->keys_path, error))
    {
      /* The database is already new; the next unlock finishes this step. */
      return FALSE;
    }

  self->db = _tl_store_db_open (self->db_path, new_master, FALSE, error);
  if (self->db == NULL)
    return FALSE;
  /* The anchor of the audit chain moves to a key derived from the new master key. */
  _tl_store_anchor_reset (self, new_master);
  return TRUE;

fail_reopen:
  self->db = _tl_store_db_open (self->db_path, old_master, FALSE, NULL);
fail:
  _tl_store_rekey_discard (self);
  return FALSE;
}

/* private API */

gboolean
_tl_store_rekey (TlStore         *self,
                 const TlSecret  *old_master,
                 GPtrArray       *slots,
                 TlAuditAction    action,
                 const char      *detail,
                 GError         **error)
{
  gboolean ok;

  g_assert (self->db != NULL);

  /* The database file is replaced: nobody else may have it open (tl-store-lock.c). */
  if (!_tl_store_lock_take (self, TL_STORE_LOCK_EXCLUSIVE, error))
    return FALSE;
  ok = rekey_locked (self, old_master, slots, action, detail, error);
  _tl_store_lock_downgrade (self);
  return ok;
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

  index = _tl_store_unwrap_master (self, slots, passphrase, TRUE, &master, error);
  if (index < 0)
    return FALSE;

  self->db = _tl_store_db_open (self->db_path, master, FALSE, &local_error);
  if (self->db == NULL)
    {
      g_clear_error (&local_error);
      _tl_store_set_damaged_error (self, error);
      return FALSE;
    }

  _tl_store_name_advocate (self, slots, index);
  _tl_store_anchor_set_key (self, master);

  g_message ("Finishing a re-key that was interrupted");
  if (!_tl_store_keys_lock (self, error) ||
      (_tl_store_rekey_pending (self) &&
       !tl_durable_rename (keys_new_path, self->keys_path, error)))
    {
      _tl_store_keys_unlock (self);
      _tl_store_close_db (self);
      return FALSE;
    }
  _tl_store_keys_unlock (self);
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
