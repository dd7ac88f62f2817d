/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-integrity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* Integrity checks off the critical path (issue 16). Unlock reads every page only after
 * a crash (tl-store.c, tl-store-purge.c); otherwise the check is due and runs here: on a
 * worker thread with its own read-only connection once the app shows the list, on
 * demand ("tipline-cli check"), and on every backup (the copy's check). Damage found
 * here is reported as at unlock, with the newest backup that checks out, and blocks
 * writes until the advocate decides (restore it, or keep working as it is). */

typedef struct
{
  char *db_path;
  TlSecret *key;          /* NULL for a plain (test) store */
} CheckData;

/* helpers */

static void
check_data_free (CheckData *data)
{
  g_free (data->db_path);
  tl_secret_free (data->key);
  g_free (data);
}

static TlSecret *
copy_key (const TlSecret *key)
{
  TlSecret *copy = tl_secret_new (key->length);

  memcpy (copy->data, key->data, key->length);
  sodium_mprotect_readonly (copy->data);
  return copy;
}

static int
check_progress (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

/* "ok", or NULL when any page does not read back (SQLCipher authenticates each page as
 * it decrypts it) or a b-tree is inconsistent. */
static gboolean
run_check (sqlite3    *db,
           const char *pragma)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  return ok;
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (data->db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK && data->key != NULL && !_tl_store_apply_key (db, data->key, NULL))
    rc = SQLITE_ERROR;
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      g_task_return_new_error (task, TL_ERROR, TL_ERROR_IO, "%s",
                               _("Tipline could not check the store for damage. It will check again the next time the store is unlocked."));
      return;
    }

  sqlite3_busy_timeout (db, 5000);
  /* The check reads each page once: a small cache keeps the app under its memory
   * budget while the list scrolls beside it (SQLite's default 2 MB made the peak 154 MB
   * at 100,000 tips). */
  sqlite3_exec (db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, check_progress, cancellable);
  ok = run_check (db, "PRAGMA quick_check");
  sqlite3_close_v2 (db);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, ok);
}

static void
found_damage (TlStore  *self,
              GError  **error)
{
  self->damaged = TRUE;
  _tl_store_set_damaged_error (self, error);
}

static void
check_done (TlStore *self)
{
  self->check_due = FALSE;
  g_clear_pointer (&self->check_key, tl_secret_free);
  g_clear_object (&self->check_cancellable);
}

/* public API */

gboolean
tl_store_integrity_check_due (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  return self->db != NULL && self->check_due;
}

gboolean
tl_store_is_damaged (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  return self->damaged;
}

void
tl_store_accept_damage (TlStore *self)
{
  g_return_if_fail (TL_IS_STORE (self));

  if (self->damaged)
    g_message ("The advocate chose to keep writing to a store with damage");
  self->damaged = FALSE;
}

gboolean
tl_store_check_integrity (TlStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  /* The thorough check: every page, and every index against its table. */
  if (!run_check (self->db, "PRAGMA integrity_check"))
    {
      found_damage (self, error);
      return FALSE;
    }

  check_done (self);
  return TRUE;
}

void
tl_store_check_integrity_async (TlStore             *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (TL_IS_STORE (self));

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  task = g_task_new (self, self->check_cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_store_check_integrity_async);

  if (!tl_store_integrity_check_due (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (CheckData, 1);
  data->db_path = g_strdup (self->db_path);
  if (self->check_key != NULL)
    data->key = copy_key (self->check_key);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

gboolean
tl_store_check_integrity_finish (TlStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      /* Cancelled (the store was locked) or not run: nothing is known. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->db == NULL)
    return TRUE;

  if (!ok)
    {
      found_damage (self, error);
      return FALSE;
    }

  check_done (self);
  return TRUE;
}

/* The purge of removed words (tl-store-purge.c), for the app's idle time; lock and
 * backup run it too. */
gboolean
tl_store_purge_is_pending (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  return self->db != NULL && _tl_store_purge_pending (self->db);
}

gboolean
tl_store_purge (TlStore  *self,
                GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;
  return _tl_store_purge_run (self->db, error);
}

/* Changes to tips through this store object (saves, deletes, imports): the app skips its
 * backup on close when a session changed nothing. */
guint64
tl_store_get_change_count (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), 0);

  return self->generation;
}
