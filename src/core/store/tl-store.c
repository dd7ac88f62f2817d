/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* The store: one folder with the encrypted database and the key-slot file that holds its
 * master key wrapped under each passphrase (docs/store-format.md). This file opens it
 * with a passphrase and changes a passphrase; it is the top of the store's files, which
 * call each other downwards only: the object (tl-store-object.c), the SQLCipher layer
 * (tl-store-db.c), tips, search, schema, audit, backup and keys in tl-store-*.c. */

/* helpers */

static gboolean
finish_unlock (TlStore  *self,
               GError  **error)
{
  g_autofree char *failed = _tl_store_path (self, TL_STORE_FAILED_NAME);
  GError *local_error = NULL;
  gint64 now = g_get_real_time ();

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", _("Tipline could not open the store."), &local_error) ||
      !_tl_store_collect_failed_unlocks (self, &local_error) ||
      !_tl_store_audit_at (self, now, TL_AUDIT_UNLOCK, NULL, &local_error) ||
      !_tl_store_exec (self->db, "COMMIT", _("Tipline could not open the store."), &local_error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* A full disk still lets the advocate read: the entry waits for the next write,
       * and failed attempts stay in their file for the next unlock. */
      if (g_error_matches (local_error, TL_ERROR, TL_ERROR_NO_SPACE))
        {
          g_clear_error (&local_error);
          g_message ("The disk is full: the unlock is recorded with the next change");
          _tl_store_audit_defer (self, now, TL_AUDIT_UNLOCK, NULL);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* Only now that the attempts are in the audit log. */
  g_unlink (failed);
  _tl_store_anchor_update (self);
  return TRUE;
}

/* Opens the store; the caller holds the lock on the store folder. */
static gboolean
open_store (TlStore     *self,
            const char  *passphrase,
            GError     **error)
{
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  GError *local_error = NULL;
  gboolean rekey_pending;
  gboolean clean;
  int index = -1;

  /* Before anything opens the database (which makes an empty write-ahead log). */
  clean = _tl_store_closed_cleanly (self->dir, self->db_path);

  if (!self->plain)
    {
      slots = tl_keyslot_load (self->keys_path, &local_error);
      if (slots == NULL)
        {
          if (g_error_matches (local_error, TL_ERROR, TL_ERROR_DAMAGED))
            {
              g_clear_error (&local_error);
              _tl_store_set_damaged_error (self, error);
            }
          else
            g_propagate_error (error, local_error);
          return FALSE;
        }

      /* A re-key that stopped between its two renames: the pending key file holds
       * every remaining passphrase (tl-store-rekey.c), so a passphrase the old slots
       * do not know is only wrong when that file does not know it either. */
      rekey_pending = _tl_store_rekey_pending (self);
      index = _tl_store_unwrap_master (self, slots, passphrase, !rekey_pending,
                                       &master, &local_error);
      if (index < 0)
        {
          if (!g_error_matches (local_error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE) ||
              !rekey_pending)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          g_clear_error (&local_error);
          if (!_tl_store_rekey_resume (self, passphrase, error))
            return FALSE;
          clean = FALSE;
          goto opened;
        }
      _tl_store_name_advocate (self, slots, index);
      if (!rekey_pending)
        _tl_store_join_salt_group (self, slots, index, passphrase, master);
    }

  if (!g_file_test (self->db_path, G_FILE_TEST_IS_REGULAR) ||
      (!self->plain && !_tl_store_check_size (self, error)))
    {
      if (error == NULL || *error == NULL)
        _tl_store_set_damaged_error (self, error);
      return FALSE;
    }

  self->db = _tl_store_db_open (self->db_path, master, FALSE, &local_error);
  if (self->db != NULL)
    _tl_store_anchor_set_key (self, master);
  if (self->db == NULL && !self->plain &&
      g_error_matches (local_error, TL_ERROR, TL_ERROR_DAMAGED) && _tl_store_rekey_pending (self))
    {
      g_clear_error (&local_error);
      if (!_tl_store_rekey_resume (self, passphrase, error))
        return FALSE;
      clean = FALSE;
    }
  else if (self->db == NULL)
    {
      if (g_error_matches (local_error, TL_ERROR, TL_ERROR_DAMAGED))
        {
          g_clear_error (&local_error);
          _tl_store_set_damaged_error (self, error);
        }
      else
        g_propagate_error (error, local_error);
      return FALSE;
    }
  else if (!self->plain)
    _tl_store_rekey_discard (self);

opened:
  /* After a crash (no clean-close mark, or a write-ahead log left behind) every page is
   * read now, so damage anywhere is found with a message that says what to do, rather
   * than halfway through someone's work. After a clean close unlock costs the key
   * derivation and a constant: the check is due and runs later, on its own connection
   * (tl-store-integrity.c). The mark goes before anything is written. */
  if (!_tl_store_unmark_clean (self->dir))
    clean = FALSE;
  if ((!clean && !_tl_store_check_pages (self, error)) ||
      !_tl_store_migrate (self->db, error) ||
      !_tl_store_fix_permissions (self->dir, error) ||
      !finish_unlock (self, error))
    {
      _tl_store_close_db (self);
      return FALSE;
    }

  self->check_due = clean;
  if (clean)
    self->check_key = g_steal_pointer (&master);
  return TRUE;
}

static gboolean
change_slot (TlStore        *self,
             const char     *old_passphrase,
             const char     *new_passphrase,
             TlKdfStrength   strength,
             GError        **error)
{
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  const TlKeySlot *old_slot;
  TlKeySlot *new_slot;
  guint64 opslimit, memlimit;
  int index;

  slots = tl_keyslot_load (self->keys_path, error);
  if (slots == NULL)
    return FALSE;

  index = _tl_store_unwrap_master (self, slots, old_passphrase, TRUE, &master, error);
  if (index < 0)
    return FALSE;

  /* Rewrap only: the database and its key stay as they are. */
  old_slot = g_ptr_array_index (slots, index);
  if (old_slot->kind == TL_KEYSLOT_KIND_RECOVERY)
    {
      /* A "recovery" slot with a passphrase in it would never be tried again. */
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The recovery code cannot be changed like a passphrase. Add a passphrase for yourself with “tipline-cli keys add”, or make a new code with “tipline-cli keys recovery”."));
      return FALSE;
    }
  _tl_store_kdf_limits (strength, &opslimit, &memlimit);
  new_slot = tl_keyslot_wrap_in (slots, old_slot->kind, old_slot->label, new_passphrase,
                              master->data, opslimit, memlimit, error);
  if (new_slot == NULL)
    return FALSE;

  tl_keyslot_free (g_ptr_array_index (slots, index));
  g_ptr_array_index (slots, index) = new_slot;

  if (!tl_keyslot_save (self->keys_path, slots, error))
    return FALSE;

  /* Recorded in the audit log, through this program's connection or a short one of its
   * own (passwd runs on a locked store). The passphrase has changed either way. */
  {
    const char *nick = tl_enum_to_nick (tl_audit_action_values, TL_AUDIT_PASSPHRASE_CHANGE);
    g_autoptr(GError) audit_error = NULL;
    gint64 now = g_get_real_time ();

    if (self->db != NULL)
      _tl_store_audit_detail (self, now, TL_AUDIT_PASSPHRASE_CHANGE, NULL, new_slot->label,
                              &audit_error);
    else
      {
        sqlite3 *db = _tl_store_db_open (self->db_path, master, FALSE, &audit_error);

        if (db != NULL)
          {
            _tl_store_audit_insert (db, new_slot->label, now, nick, NULL, new_slot->label,
                                    &audit_error);
            sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
            sqlite3_close_v2 (db);
          }
      }
    if (audit_error != NULL)
      g_message ("The passphrase change could not be recorded in the audit log: %s",
                 audit_error->message);
  }
  return TRUE;
}

/* public API */

gboolean
tl_store_unlock (TlStore     *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_autofree char *restored = NULL;
  gboolean had_lock;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Unlocking again starts over; a restore calls this holding its exclusive lock. */
  if (self->db != NULL)
    tl_store_lock (self);
  had_lock = self->lock_mode != TL_STORE_LOCK_NONE;

  /* A restore that was interrupted is finished (or undone) first, alone in the folder:
   * until then the store's files may be half moved aside. */
  if (!self->restoring && !self->plain && _tl_store_restore_pending (self))
    {
      if (!_tl_store_lock_take (self, TL_STORE_LOCK_EXCLUSIVE, error))
        return FALSE;
      if (!_tl_store_restore_recover (self, &restored, error))
        {
          if (!had_lock)
            _tl_store_lock_drop (self);
          return FALSE;
        }
    }

  if (!tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NO_STORE,
                           _("There is no Tipline store in this folder yet. Create one, or choose the folder that holds your store."));
      return FALSE;
    }

  /* Before anything is read or counted: a program that cannot have the store changes
   * nothing, not even the count of failed attempts. */
  if (!_tl_store_lock_take (self, self->lock_exclusive ? TL_STORE_LOCK_EXCLUSIVE
                                                       : TL_STORE_LOCK_SHARED, error))
    return FALSE;

  if (open_store (self, passphrase, error))
    {
      if (restored != NULL)
        _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_RESTORE, NULL, restored, NULL);
      _tl_store_remove_leftovers (self);
      if (!self->lock_exclusive && !had_lock)
        _tl_store_lock_downgrade (self);
      return TRUE;
    }

  _tl_store_close_db (self);
  if (!had_lock)
    _tl_store_lock_drop (self);
  return FALSE;
}

gboolean
tl_store_change_passphrase (TlStore        *self,
                            const char     *old_passphrase,
                            const char     *new_passphrase,
                            TlKdfStrength   strength,
                            GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NO_STORE,
                           _("There is no Tipline store in this folder yet. Create one, or choose the folder that holds your store."));
      return FALSE;
    }

  /* Read, change and write the key file under its lock: a change made meanwhile by
   * another program (a re-key, another passphrase change) is never written over. */
  if (!_tl_store_keys_lock (self, error))
    return FALSE;
  ok = change_slot (self, old_passphrase, new_passphrase, strength, error);
  _tl_store_keys_unlock (self);
  return ok;
}
