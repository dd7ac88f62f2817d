/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"
#include "tl-store-testing.h"

/* Entry points for tests and benchmarks only (tl-store-testing.h): plain stores, stores
 * made from a plain copy, and many tips in one transaction. No program that an advocate
 * runs calls these; tests/data/check-core-layers.py checks that src/ never includes the
 * header. */

TlStore *
_tl_store_new_plain (const char *dir)
{
  TlStore *self = tl_store_new (dir);

  self->plain = TRUE;
  return self;
}

gboolean
_tl_store_create_from_plain (TlStore        *self,
                             const char     *passphrase,
                             TlKdfStrength   strength,
                             const char     *plain_dir,
                             GError        **error)
{
  g_autofree char *plain_path = g_build_filename (plain_dir, TL_STORE_DB_NAME, NULL);
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;

  g_return_val_if_fail (TL_IS_STORE (self) && !self->plain, FALSE);

  if (tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_EXISTS, "The folder already holds a store");
      return FALSE;
    }
  if (!_tl_store_fix_permissions (self->dir, error))
    return FALSE;

  master = _tl_store_new_master (self, passphrase, strength, &slots, NULL, error);
  if (master == NULL)
    return FALSE;

  if (!_tl_store_db_export_encrypted (plain_path, self->db_path, master, error) ||
      !tl_keyslot_save (self->keys_path, slots, error) ||
      !_tl_store_fix_permissions (self->dir, error))
    {
      _tl_store_remove_files (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tl_store_save_tips (TlStore    *self,
                     GPtrArray  *tips,
                     GError    **error)
{
  const char *what = _("Tipline could not save the tip.");

  if (!_tl_store_check_unlocked (self, error) ||
      !_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  for (guint i = 0; i < tips->len; i++)
    if (!_tl_store_write_tip (self, g_ptr_array_index (tips, i), -1, error))
      {
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }

  if (!_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  _tl_store_emit_tips_changed (self, NULL);
  return TRUE;
}

sqlite3 *
_tl_store_get_db (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  return self->db;
}

gboolean
_tl_store_sqlcipher_export (TlStore     *self,
                            const char  *path,
                            GError     **error)
{
  if (!_tl_store_check_unlocked (self, error))
    return FALSE;
  return _tl_store_export_encrypted (self->db, path, NULL, error);
}

/* Restore's crash points (tl-store-restore-journal.c); see tl-store-testing.h. */
static TlStoreStepHook restore_hook;

void
_tl_store_set_restore_hook (TlStoreStepHook hook)
{
  restore_hook = hook;
}

void
_tl_store_restore_step (TlStore       *self,
                        TlRestoreStep  step)
{
  if (restore_hook != NULL)
    restore_hook ((int) step);
}

/* Tests only: marks closer together, to test them on a small store. */
void
_tl_store_set_list_mark_every (TlStore *self,
                               guint    every)
{
  g_return_if_fail (every > 0);

  _tl_store_list_marks_clear (self);
  self->marks.every = every;
}

/* Tests only: how many pages were read from a mark. */
guint
_tl_store_get_list_mark_jumps (TlStore *self)
{
  return self->marks.jumps;
}

void
_tl_store_drop_list_marks (TlStore *self)
{
  _tl_store_list_marks_clear (self);
}

gboolean
_tl_store_list_marks_made (TlStore *self)
{
  return self->marks.keys != NULL && self->marks.complete && self->marks.generation == self->generation;
}
