/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-tip-limits.h"
#include "tl-store-private.h"
#include "tl-store-sync.h"

/* The office sync's records inside the encrypted store (issue 21, docs/sync.md). The
 * sync area above decides what they mean; here they are only kept, in the same
 * transactions as the tips they describe, so a tip and its field clocks never disagree
 * after a crash. */

typedef enum
{
  OP_WRITE,
  OP_REMOVE,
  OP_PUT,
  OP_AUDIT_REMOTE,
  OP_AUDIT_HERE,
  OP_ATTACH,                 /* issue 20 */
  OP_DETACH,
  OP_MARK_ALL,
} OpKind;

typedef struct
{
  OpKind kind;
  char *id;                  /* tip id, record key or device */
  TlTip *tip;
  GBytes *bytes;             /* meta or record value */
  char *who;
  TlAuditEntry entry;        /* OP_AUDIT_* */
  char *action;              /* OP_AUDIT_REMOTE; OP_DETACH: the SHA-256 */
  TlCarriedAttachment *carried;  /* OP_ATTACH */
} Op;

struct _TlStoreSyncBatch
{
  GPtrArray *ops;
  sqlite3_stmt *put_meta;      /* prepared once per commit: a segment writes thousands */
};

static void
op_free (Op *op)
{
  g_free (op->id);
  g_clear_pointer (&op->tip, tl_tip_unref);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op->who);
  g_free (op->entry.advocate);
  g_free (op->entry.tip_id);
  g_free (op->entry.detail);
  g_free (op->action);
  tl_carried_attachment_free (op->carried);
  g_free (op);
}

/* helpers */

static const char *
what_read (void)
{
  return _("Tipline could not read the office’s records in the store.");
}

static const char *
what_write (void)
{
  return _("Tipline could not write the office’s changes into the store.");
}

static sqlite3_stmt *
prepare (TlStore     *self,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

static gboolean
step_done (TlStore      *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _tl_store_db_error (error, self->db, rc, what_write ());
  return TRUE;
}

static gboolean
put_meta (TlStore          *self,
          TlStoreSyncBatch *batch,
          const char       *id,
          gint64            revision,
          GBytes           *meta,
          GError          **error)
{
  gsize size = 0;
  const void *data = g_bytes_get_data (meta, &size);

  if (batch->put_meta == NULL &&
      (batch->put_meta = prepare (self,
                                  "INSERT OR REPLACE INTO sync_tip (tip_id, revision, meta) VALUES (?, "
                                  "  CASE WHEN ?2 = -2 THEN ifnull ((SELECT revision FROM tips WHERE id = ?1), 0)"
                                  "  ELSE ?2 END, ?3)",
                                  what_write (), error)) == NULL)
    return FALSE;
  sqlite3_bind_text (batch->put_meta, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (batch->put_meta, 2, revision);
  sqlite3_bind_blob (batch->put_meta, 3, data != NULL ? data : "", (int) size, SQLITE_STATIC);
  return step_done (self, batch->put_meta, error);
}

/* The tips the office has described as they are now leave the dirty list (a tip saved
 * again meanwhile, on another connection, stays on it). */
static gboolean
clear_described (TlStore  *self,
                 GError  **error)
{
  return _tl_store_exec (self->db,
                         "DELETE FROM sync_dirty WHERE tip_id IN ("
                         "  SELECT d.tip_id FROM sync_dirty d"
                         "  LEFT JOIN tips t ON t.id = d.tip_id LEFT JOIN sync_tip s ON s.tip_id = d.tip_id"
                         "  WHERE (t.id IS NOT NULL AND s.revision = t.revision)"
                         "     OR (t.id IS NULL AND (s.tip_id IS NULL OR s.revision < 0)))",
                         what_write (), error);
}

static gboolean
put_record (TlStore    *self,
            const char *key,
            GBytes     *value,
            GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (value == NULL)
    {
      stmt = prepare (self, "DELETE FROM sync_kv WHERE key = ?", what_write (), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }
  else
    {
      gsize size = 0;
      const void *data = g_bytes_get_data (value, &size);

      stmt = prepare (self, "INSERT OR REPLACE INTO sync_kv (key, value) VALUES (?, ?)", what_write (), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, data != NULL ? data : "", (int) size, SQLITE_TRANSIENT);
    }
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
insert_remote_audit (TlStore  *self,
                     Op       *op,
                     GError  **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT OR IGNORE INTO sync_audit (device, seq, at, advocate, action, tip_id, detail)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", what_write (), error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, op->entry.seq);
  sqlite3_bind_int64 (stmt, 3, op->entry.at);
  sqlite3_bind_text (stmt, 4, op->entry.advocate, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, op->action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, op->entry.tip_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, op->entry.detail, -1, SQLITE_TRANSIENT);
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
run_op (TlStore          *self,
        TlStoreSyncBatch *batch,
        Op               *op,
        GError          **error)
{
  switch (op->kind)
    {
    case OP_WRITE:
      if (op->tip != NULL)
        {
          gint64 revision = 0;

          tl_tip_normalize (op->tip);
          return tl_tip_check_limits (op->tip, error) &&
                 _tl_store_write_tip_revision (self, op->tip, TL_AUDIT_SYNC, &revision, error) &&
                 put_meta (self, batch, op->id, revision, op->bytes, error);
        }
      return put_meta (self, batch, op->id, -2, op->bytes, error);
    case OP_REMOVE:
      return _tl_store_remove_tip (self, op->id, TL_AUDIT_SYNC, op->who, error) &&
             put_meta (self, batch, op->id, -1, op->bytes, error);
    case OP_PUT:
      return put_record (self, op->id, op->bytes, error);
    case OP_AUDIT_REMOTE:
      return insert_remote_audit (self, op, error);
    case OP_AUDIT_HERE:
      return _tl_store_audit_detail (self, g_get_real_time (), op->entry.action, NULL,
                                     op->entry.detail, error);
    case OP_ATTACH:
      return _tl_store_sync_attachment_add (self, op->carried, op->who, error);
    case OP_DETACH:
      return _tl_store_sync_attachment_remove (self, op->id, op->action, op->who, error);
    case OP_MARK_ALL:
      return _tl_store_exec (self->db, "INSERT OR IGNORE INTO sync_dirty (tip_id) SELECT id FROM tips",
                             what_write (), error);
    default:
      g_assert_not_reached ();
    }
}

static Op *
add_op (TlStoreSyncBatch *batch,
        OpKind            kind,
        const char       *id)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->id = g_strdup (id);
  g_ptr_array_add (batch->ops, op);
  return op;
}

/* public API */

GBytes *
tl_store_sync_get (TlStore     *self,
                   const char  *key,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  GBytes *value = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  stmt = prepare (self, "SELECT value FROM sync_kv WHERE key = ?", what_read (), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = column_bytes (stmt, 0);
  else if (rc != SQLITE_DONE)
    _tl_store_db_error (error, self->db, rc, what_read ());
  sqlite3_finalize (stmt);
  return value;
}

gboolean
tl_store_sync_put (TlStore     *self,
                   const char  *key,
                   GBytes      *value,
                   GError     **error)
{
  g_autoptr(TlStoreSyncBatch) batch = tl_store_sync_batch_new ();

  tl_store_sync_batch_put (batch, key, value);
  return tl_store_sync_batch_commit (self, batch, error);
}

GHashTable *
tl_store_sync_list (TlStore     *self,
                    const char  *prefix,
                    GError     **error)
{
  g_autoptr(GHashTable) records = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  stmt = prepare (self, "SELECT key, value FROM sync_kv WHERE substr (key, 1, length (?1)) = ?1",
                  what_read (), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (records, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         column_bytes (stmt, 1));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, what_read ());
      return NULL;
    }
  return g_steal_pointer (&records);
}

GBytes *
tl_store_sync_get_meta (TlStore     *self,
                        const char  *id,
                        gint64      *revision,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  GBytes *meta = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  stmt = prepare (self, "SELECT meta, revision FROM sync_tip WHERE tip_id = ?", what_read (), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      meta = column_bytes (stmt, 0);
      if (revision != NULL)
        *revision = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    _tl_store_db_error (error, self->db, rc, what_read ());
  sqlite3_finalize (stmt);
  return meta;
}

static GPtrArray *
collect_ids (TlStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (self, sql, what_read (), error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, what_read ());
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
tl_store_sync_list_pending (TlStore     *self,
                            GPtrArray  **changed,
                            GPtrArray  **deleted,
                            GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;
  /* Only the tips on the dirty list (migration 14's triggers): the cost of what changed,
   * not of the store. CROSS JOIN keeps the list the outer loop (SQLite never reorders
   * it), or the planner could walk tips in pk order to skip the sort. */
  *changed = collect_ids (self,
                          "SELECT t.id FROM sync_dirty d CROSS JOIN tips t ON t.id = d.tip_id"
                          " LEFT JOIN sync_tip s ON s.tip_id = t.id"
                          " WHERE s.tip_id IS NULL OR s.revision != t.revision ORDER BY t.pk", error);
  if (*changed == NULL)
    return FALSE;
  *deleted = collect_ids (self,
                          "SELECT s.tip_id FROM sync_dirty d CROSS JOIN sync_tip s ON s.tip_id = d.tip_id"
                          " WHERE s.revision >= 0 AND NOT EXISTS (SELECT 1 FROM tips t WHERE t.id = s.tip_id)",
                          error);
  if (*deleted == NULL)
    {
      g_clear_pointer (changed, g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
tl_store_sync_list_metas (TlStore  *self,
                          GError  **error)
{
  g_autoptr(GHashTable) metas = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  stmt = prepare (self, "SELECT tip_id, meta FROM sync_tip", what_read (), error);
  if (stmt == NULL)
    return NULL;
  metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (metas, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         column_bytes (stmt, 1));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, what_read ());
      return NULL;
    }
  return g_steal_pointer (&metas);
}

static GPtrArray *
read_audit (TlStore     *self,
            const char  *sql,
            gint64       seq,
            GPtrArray  **devices,
            GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  stmt = prepare (self, sql, what_read (), error);
  if (stmt == NULL)
    return NULL;
  if (devices != NULL)
    *devices = g_ptr_array_new_with_free_func (g_free);
  else
    sqlite3_bind_int64 (stmt, 1, seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TlAuditEntry *entry = g_new0 (TlAuditEntry, 1);
      int action = TL_AUDIT_VIEW;

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->advocate = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      tl_enum_from_nick (tl_audit_action_values, (const char *) sqlite3_column_text (stmt, 2), &action);
      entry->action = action;
      entry->tip_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->seq = sqlite3_column_int64 (stmt, 4);
      entry->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (entries, entry);
      if (devices != NULL)
        g_ptr_array_add (*devices, g_strdup ((const char *) sqlite3_column_text (stmt, 6)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      if (devices != NULL)
        g_clear_pointer (devices, g_ptr_array_unref);
      _tl_store_db_error (error, self->db, rc, what_read ());
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
tl_store_sync_list_audit_since (TlStore  *self,
                                gint64    seq,
                                GError  **error)
{
  return read_audit (self, "SELECT at, advocate, action, tip_id, seq, detail FROM audit"
                     " WHERE seq > ? ORDER BY seq", seq, NULL, error);
}

GPtrArray *
tl_store_sync_list_remote_audit (TlStore    *self,
                                 GPtrArray **devices,
                                 GError    **error)
{
  return read_audit (self, "SELECT at, advocate, action, tip_id, seq, detail, device FROM sync_audit"
                     " ORDER BY device, seq", 0, devices, error);
}

TlStoreSyncBatch *
tl_store_sync_batch_new (void)
{
  TlStoreSyncBatch *batch = g_new0 (TlStoreSyncBatch, 1);

  batch->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  return batch;
}

void
tl_store_sync_batch_free (TlStoreSyncBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->ops);
  g_clear_pointer (&batch->put_meta, sqlite3_finalize);
  g_free (batch);
}

void
tl_store_sync_batch_write (TlStoreSyncBatch *batch,
                           const char       *id,
                           TlTip            *tip,
                           GBytes           *meta,
                           const char       *who)
{
  Op *op = add_op (batch, OP_WRITE, id);

  op->tip = tip != NULL ? tl_tip_ref (tip) : NULL;
  op->bytes = g_bytes_ref (meta);
  op->who = g_strdup (who);
}

void
tl_store_sync_batch_remove (TlStoreSyncBatch *batch,
                            const char       *id,
                            GBytes           *meta,
                            const char       *who)
{
  Op *op = add_op (batch, OP_REMOVE, id);

  op->bytes = g_bytes_ref (meta);
  op->who = g_strdup (who);
}

void
tl_store_sync_batch_put (TlStoreSyncBatch *batch,
                         const char       *key,
                         GBytes           *value)
{
  Op *op = add_op (batch, OP_PUT, key);

  op->bytes = value != NULL ? g_bytes_ref (value) : NULL;
}

void
tl_store_sync_batch_add_audit (TlStoreSyncBatch   *batch,
                               const char         *device,
                               const TlAuditEntry *entry,
                               const char         *action)
{
  Op *op = add_op (batch, OP_AUDIT_REMOTE, device);

  op->entry.at = entry->at;
  op->entry.seq = entry->seq;
  op->entry.advocate = g_strdup (entry->advocate);
  op->entry.tip_id = g_strdup (entry->tip_id);
  op->entry.detail = g_strdup (entry->detail);
  op->action = g_strdup (action);
}

void
tl_store_sync_batch_audit_here (TlStoreSyncBatch *batch,
                                TlAuditAction     action,
                                const char       *detail)
{
  Op *op = add_op (batch, OP_AUDIT_HERE, NULL);

  op->entry.action = action;
  op->entry.detail = g_strdup (detail);
}

void
tl_store_sync_batch_mark_all (TlStoreSyncBatch *batch)
{
  add_op (batch, OP_MARK_ALL, NULL);
}

guint
tl_store_sync_batch_get_size (TlStoreSyncBatch *batch)
{
  return batch->ops->len;
}

void
tl_store_sync_batch_add_attachment (TlStoreSyncBatch    *batch,
                                    TlCarriedAttachment *carried,
                                    const char          *who)
{
  Op *op = add_op (batch, OP_ATTACH, carried->info->tip_id);

  op->carried = carried;
  op->who = g_strdup (who);
}

void
tl_store_sync_batch_remove_attachment (TlStoreSyncBatch *batch,
                                       const char       *tip_id,
                                       const char       *sha256,
                                       const char       *who)
{
  Op *op = add_op (batch, OP_DETACH, tip_id);

  op->action = g_strdup (sha256);
  op->who = g_strdup (who);
}

gboolean
tl_store_sync_batch_commit (TlStore           *self,
                            TlStoreSyncBatch  *batch,
                            GError           **error)
{
  gboolean tips_changed = FALSE;
  gboolean metas_written = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;
  if (batch->ops->len == 0)
    return TRUE;
  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what_write (), error))
    return FALSE;

  for (guint i = 0; ok && i < batch->ops->len; i++)
    {
      Op *op = g_ptr_array_index (batch->ops, i);

      ok = run_op (self, batch, op, error);
      tips_changed |= (op->kind == OP_WRITE && op->tip != NULL) || op->kind == OP_REMOVE ||
                      op->kind == OP_ATTACH || op->kind == OP_DETACH;
      metas_written |= op->kind == OP_WRITE || op->kind == OP_REMOVE;
    }
  g_clear_pointer (&batch->put_meta, sqlite3_finalize);
  if (ok && metas_written)
    ok = clear_described (self, error);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (!_tl_store_exec (self->db, "COMMIT", what_write (), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (tips_changed)
    _tl_store_emit_tips_changed (self, NULL);
  return TRUE;
}
