/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* Evidence attached to tips (issue 20), inside the encrypted database: the row in
 * `attachments` (what it is, its SHA-256, who attached it and when), the bytes in
 * `attachment_data`, and the search text in `attachments_fts`. All three go with the
 * tip (ON DELETE CASCADE and a trigger), so backups, re-keys, restores and deletes carry
 * them like any other part of the store. The audit entry of an attachment names its
 * number and hash, never its name or content. */

#define ATTACHMENT_COLUMNS \
  "a.number, t.id, a.name, a.type, a.kind, a.size, a.sha256, a.captured, a.attached, a.advocate"

/* helpers */

static TlAttachment *
attachment_from_stmt (sqlite3_stmt *stmt)
{
  TlAttachment *attachment = g_new0 (TlAttachment, 1);

  attachment->number = sqlite3_column_int (stmt, 0);
  attachment->tip_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  attachment->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  attachment->type = sqlite3_column_int (stmt, 3);
  attachment->kind = sqlite3_column_int (stmt, 4);
  attachment->size = sqlite3_column_int64 (stmt, 5);
  attachment->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  attachment->captured = sqlite3_column_int64 (stmt, 7);
  attachment->attached = sqlite3_column_int64 (stmt, 8);
  attachment->advocate = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  return attachment;
}

static sqlite3_int64
find_tip (TlStore     *self,
          const char  *tip_id,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 pk = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT pk FROM tips WHERE id = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        pk = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (pk == 0 && (rc == SQLITE_DONE || rc == SQLITE_ROW))
    g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                         _("There is no tip with that id. Save the tip first, then attach the file."));
  else if (pk == 0)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not read the attachments."));
  return pk;
}

/* One int64 from a query with the tip's row bound to ?1; -1 on error. */
static gint64
query_int (TlStore       *self,
           const char    *sql,
           sqlite3_int64  tip_rowid)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tip_rowid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
run (TlStore     *self,
     const char  *sql,
     const char  *what,
     GError     **error,
     ...)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      va_list args;
      int n = sqlite3_bind_parameter_count (stmt);

      va_start (args, error);
      for (int i = 1; i <= n; i++)
        sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
      va_end (args);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, what);
  return TRUE;
}

static TlAttachment *
load_info (TlStore     *self,
           const char  *tip_id,
           guint        number,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  TlAttachment *attachment = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT " ATTACHMENT_COLUMNS ", a.id FROM attachments a"
                           " JOIN tips t ON t.pk = a.tip_rowid WHERE t.id = ? AND a.number = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, number);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          attachment = attachment_from_stmt (stmt);
          *id = sqlite3_column_int64 (stmt, 10);
        }
    }
  sqlite3_finalize (stmt);

  if (attachment == NULL && (rc == SQLITE_DONE || rc == SQLITE_ROW))
    g_set_error (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                 _("Tip %s has no attachment number %u. List them with “tipline-cli attachments %s”."),
                 tip_id, number, tip_id);
  else if (attachment == NULL)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not read the attachments."));
  return attachment;
}

static char *
audit_detail (guint       number,
              const char *sha256)
{
  return g_strdup_printf ("%u sha256:%s", number, sha256);
}

/* The row, the bytes and the search text of one attachment, inside the caller's
 * transaction; the same for a file attached here and one that arrived with a tip. */
static gboolean
insert_rows (TlStore             *self,
             sqlite3_int64        tip_rowid,
             gint64               number,
             const char          *clean_name,
             TlAttachmentType     type,
             const TlAttachment  *meta,
             const guint8        *data,
             gsize                length,
             const char          *sha256,
             GError             **error)
{
  const char *what = _("Tipline could not save the attachment.");
  g_autofree char *text = NULL;
  g_autoptr(GString) body = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 id = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO attachments (tip_rowid, number, name, type, kind, size, sha256,"
                           " captured, attached, advocate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tip_rowid);
      sqlite3_bind_int64 (stmt, 2, number);
      sqlite3_bind_text (stmt, 3, clean_name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, type);
      sqlite3_bind_int (stmt, 5, meta->kind);
      sqlite3_bind_int64 (stmt, 6, length);
      sqlite3_bind_text (stmt, 7, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, MAX (meta->captured, 0));
      sqlite3_bind_int64 (stmt, 9, meta->attached);
      if (meta->advocate != NULL)
        sqlite3_bind_text (stmt, 10, meta->advocate, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      id = sqlite3_last_insert_rowid (self->db);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* The bytes go straight from memory into the database, bound without a copy. */
  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (self->db, "INSERT INTO attachment_data (attachment_id, bytes) VALUES (?, ?)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_blob64 (stmt, 2, data, length, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  body = g_string_new (clean_name);
  text = tl_attachment_dup_text (type, data, length);
  if (text != NULL)
    {
      g_string_append_c (body, '\n');
      g_string_append (body, text);
      sodium_memzero (text, strlen (text));
    }
  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (self->db, "INSERT INTO attachments_fts (docid, body) VALUES (?, ?)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, body->str, body->len, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sodium_memzero (body->str, body->len);

  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, what);
  return TRUE;
}

/* public API */

/**
 * tl_store_add_attachment:
 * @name: the file's original name (only its last part is kept)
 * @captured: when the evidence was made, from its own metadata (unix seconds); 0 unknown
 *
 * Returns: the attachment's number within the tip (from 1), or 0 with @error set
 */
guint
tl_store_add_attachment (TlStore           *self,
                         const char        *tip_id,
                         const char        *name,
                         GBytes            *bytes,
                         gint64             captured,
                         TlAttachmentKind   kind,
                         GError           **error)
{
  const char *what = _("Tipline could not save the attachment.");
  g_autofree char *clean_name = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *detail = NULL;
  TlAttachmentType type;
  const guint8 *data;
  sqlite3_int64 tip_rowid;
  gint64 count, number = 0;
  gsize length;

  g_return_val_if_fail (TL_IS_STORE (self), 0);
  g_return_val_if_fail (tip_id != NULL, 0);
  g_return_val_if_fail (bytes != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_tl_store_check_writable (self, error))
    return 0;

  data = g_bytes_get_data (bytes, &length);
  clean_name = tl_attachment_clean_name (name);
  /* The checks that need no store first, so a refused file costs no transaction. */
  if (!tl_attachment_check (clean_name, data, length, 0, &type, error))
    return 0;
  sha256 = tl_attachment_sha256 (data, length);

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return 0;

  tip_rowid = find_tip (self, tip_id, error);
  if (tip_rowid == 0)
    goto fail;
  count = query_int (self, "SELECT count(*) FROM attachments WHERE tip_rowid = ?1", tip_rowid);
  if (count < 0 || !tl_attachment_check (clean_name, data, length, count, NULL, error))
    {
      if (count < 0)
        _tl_store_db_error (error, self->db, sqlite3_errcode (self->db), what);
      goto fail;
    }
  number = query_int (self, "SELECT ifnull (max (number), 0) + 1 FROM attachments WHERE tip_rowid = ?1",
                      tip_rowid);

  {
    TlAttachment meta = { .kind = kind, .captured = captured,
                          .attached = g_get_real_time () / G_USEC_PER_SEC,
                          .advocate = self->advocate };

    if (!insert_rows (self, tip_rowid, number, clean_name, type, &meta, data, length, sha256, error))
      goto fail;
  }

  detail = audit_detail (number, sha256);
  if (!_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACH, tip_id, detail, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    goto fail;

  return number;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}

/**
 * tl_store_list_attachments:
 *
 * Returns: (transfer full) (element-type TlAttachment): the tip's attachments by
 *   number; empty when it has none
 */
GPtrArray *
tl_store_list_attachments (TlStore     *self,
                           const char  *tip_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) attachments = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (tip_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_attachment_free);
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT " ATTACHMENT_COLUMNS " FROM attachments a"
                           " JOIN tips t ON t.pk = a.tip_rowid WHERE t.id = ? ORDER BY a.number",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (attachments, attachment_from_stmt (stmt));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the attachments."));
      return NULL;
    }
  return g_steal_pointer (&attachments);
}

/**
 * tl_store_load_attachment:
 * @info: (out) (optional): the attachment's record
 *
 * Returns: (transfer full): the bytes as they were attached, in memory only
 */
GBytes *
tl_store_load_attachment (TlStore        *self,
                          const char     *tip_id,
                          guint           number,
                          TlAttachment  **info,
                          GError        **error)
{
  g_autoptr(TlAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (tip_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  attachment = load_info (self, tip_id, number, &id, error);
  if (attachment == NULL)
    return NULL;

  rc = sqlite3_prepare_v2 (self->db, "SELECT bytes FROM attachment_data WHERE attachment_id = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (bytes == NULL)
    {
      _tl_store_db_error (error, self->db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                          _("Tipline could not read the attachment."));
      return NULL;
    }
  if (g_bytes_get_size (bytes) != (gsize) attachment->size)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      return NULL;
    }

  if (info != NULL)
    *info = g_steal_pointer (&attachment);
  return g_steal_pointer (&bytes);
}

/* Zeroes the bytes (secure_delete) and marks the purge that takes the name out of the
 * older search segments and empties the write-ahead log (tl-store-purge.c). */
gboolean
tl_store_delete_attachment (TlStore     *self,
                            const char  *tip_id,
                            guint        number,
                            GError     **error)
{
  const char *what = _("Tipline could not remove the attachment.");
  g_autoptr(TlAttachment) attachment = NULL;
  g_autofree char *detail = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;
  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  attachment = load_info (self, tip_id, number, &id, error);
  detail = attachment != NULL ? audit_detail (number, attachment->sha256) : NULL;
  if (attachment == NULL ||
      !run (self, "DELETE FROM attachments WHERE id = ?", what, error, id) ||
      !_tl_store_purge_mark (self->db, error) ||
      !_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACHMENT_DELETE, tip_id, detail, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* A copy leaving Tipline (tipline-cli attachment, the app's Save a Copy): its number,
 * whether it is the original or the cleaned copy, and the copy's own hash. */
gboolean
tl_store_record_attachment_export (TlStore     *self,
                                   const char  *tip_id,
                                   guint        number,
                                   gboolean     original,
                                   const char  *sha256,
                                   GError     **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip_id != NULL && sha256 != NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;
  detail = g_strdup_printf ("%u %s sha256:%s", number, original ? "original" : "cleaned", sha256);
  return _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACHMENT_EXPORT, tip_id, detail, error);
}

/* What the attachment shows decides which reports carry it (tl-disclosure.c). */
gboolean
tl_store_classify_attachment (TlStore           *self,
                              const char        *tip_id,
                              guint              number,
                              TlAttachmentKind   kind,
                              GError           **error)
{
  const char *what = _("Tipline could not save the attachment.");
  g_autoptr(TlAttachment) attachment = NULL;
  g_autofree char *detail = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;
  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  attachment = load_info (self, tip_id, number, &id, error);
  if (attachment != NULL)
    detail = g_strdup_printf ("%u %s", number, tl_enum_to_nick (tl_attachment_kind_values, kind));
  if (attachment == NULL ||
      !run (self, "UPDATE attachments SET kind = ?2 WHERE id = ?1", what, error, id, (gint64) kind) ||
      !_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACHMENT_CLASSIFY, tip_id, detail, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Whether the tip already holds these bytes: a file imported twice adds nothing. */
static gint64
count_same (TlStore       *self,
            sqlite3_int64  tip_rowid,
            const char    *sha256)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM attachments WHERE tip_rowid = ? AND sha256 = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tip_rowid);
      sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

/* One carried attachment; FALSE only on a store error. A broken limit is a sentence. */
static gboolean
import_one (TlStore                   *self,
            const TlCarriedAttachment *carried,
            TlImportResult            *result,
            GError                   **error)
{
  const char *what = _("Tipline could not save the attachment.");
  const TlAttachment *a = carried->info;
  g_autoptr(GError) refused = NULL;
  g_autofree char *clean_name = tl_attachment_clean_name (a->name);
  g_autofree char *detail = NULL;
  TlAttachmentType type;
  const guint8 *data;
  sqlite3_int64 tip_rowid;
  gint64 count, same, number;
  gsize length;

  data = g_bytes_get_data (carried->bytes, &length);
  tip_rowid = find_tip (self, a->tip_id, &refused);
  if (tip_rowid == 0)
    {
      if (!g_error_matches (refused, TL_ERROR, TL_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&refused));
          return FALSE;
        }
      g_clear_error (&refused);
      g_set_error (&refused, TL_ERROR, TL_ERROR_NOT_FOUND, _("Its tip is not in this store."));
    }
  count = tip_rowid != 0 ? query_int (self, "SELECT count(*) FROM attachments WHERE tip_rowid = ?1", tip_rowid) : 0;
  same = tip_rowid != 0 ? count_same (self, tip_rowid, a->sha256) : 0;
  if (count < 0 || same < 0)
    return _tl_store_db_error (error, self->db, sqlite3_errcode (self->db), what);
  if (refused == NULL && same > 0)
    {
      result->attachments_present++;
      return TRUE;
    }
  if (refused != NULL || !tl_attachment_check (clean_name, data, length, count, &type, &refused))
    {
      /* Translators: tip ID, attachment “NAME”: why it was not imported (one sentence) */
      g_ptr_array_add (result->attachments_refused,
                       g_strdup_printf (_("Tip %s, attachment “%s”: %s It was not imported."),
                                        a->tip_id, clean_name, refused->message));
      return TRUE;
    }

  number = query_int (self, "SELECT ifnull (max (number), 0) + 1 FROM attachments WHERE tip_rowid = ?1",
                      tip_rowid);
  detail = audit_detail (number, a->sha256);
  if (number < 1 ||
      !insert_rows (self, tip_rowid, number, clean_name, type, a, data, length, a->sha256, error) ||
      !_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACH, a->tip_id, detail, error))
    return number < 1 ? _tl_store_db_error (error, self->db, sqlite3_errcode (self->db), what) : FALSE;
  result->attachments_added++;
  return TRUE;
}

gboolean
tl_store_import_attachments (TlStore         *self,
                             GPtrArray       *carried,
                             TlImportResult  *result,
                             GError         **error)
{
  const char *what = _("Tipline could not save the attachments. None of them was imported.");

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (carried != NULL && result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (carried->len == 0)
    return TRUE;
  if (!_tl_store_check_writable (self, error) ||
      !_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  for (guint i = 0; i < carried->len; i++)
    {
      const TlCarriedAttachment *c = g_ptr_array_index (carried, i);

      if (c->refused != NULL)
        {
          g_ptr_array_add (result->attachments_refused, g_strdup (c->refused));
          continue;
        }
      if (!import_one (self, c, result, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          result->attachments_added = 0;
          return FALSE;
        }
    }
  if (!_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      result->attachments_added = 0;
      return FALSE;
    }
  return TRUE;
}

/* --- the office sync (issue 20; docs/sync.md) ---------------------------------------- */

gboolean
_tl_store_sync_attachment_add (TlStore                   *self,
                               const TlCarriedAttachment *carried,
                               const char                *who,
                               GError                   **error)
{
  const char *what = _("Tipline could not save the attachment.");
  const TlAttachment *a = carried->info;
  g_autofree char *clean_name = tl_attachment_clean_name (a->name);
  g_autofree char *detail = NULL;
  TlAttachmentType type;
  const guint8 *data;
  sqlite3_int64 tip_rowid;
  gint64 same, number;
  gsize length;

  data = g_bytes_get_data (carried->bytes, &length);
  {
    sqlite3_stmt *stmt = NULL;

    tip_rowid = -1;
    if (sqlite3_prepare_v2 (self->db, "SELECT ifnull ((SELECT pk FROM tips WHERE id = ?), 0)", -1, &stmt,
                            NULL) == SQLITE_OK)
      {
        sqlite3_bind_text (stmt, 1, a->tip_id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          tip_rowid = sqlite3_column_int64 (stmt, 0);
      }
    sqlite3_finalize (stmt);
  }
  if (tip_rowid < 0)
    return _tl_store_db_error (error, self->db, sqlite3_errcode (self->db), what);
  if (tip_rowid == 0)
    return TRUE;      /* its tip was deleted here: a tombstone wins */
  same = count_same (self, tip_rowid, a->sha256);
  if (same < 0)
    return _tl_store_db_error (error, self->db, sqlite3_errcode (self->db), what);
  /* Kept past the per-tip limit: another member attached it (two devices may each have
   * added files to one tip before they synced), and every device must end up holding the
   * same evidence. Its size and type are checked as for any file. */
  if (same > 0 || !tl_attachment_check (clean_name, data, length, 0, &type, NULL))
    return TRUE;
  number = query_int (self, "SELECT ifnull (max (number), 0) + 1 FROM attachments WHERE tip_rowid = ?1",
                      tip_rowid);
  detail = g_strdup_printf ("%" G_GINT64_FORMAT " sha256:%s %s", number, a->sha256, who != NULL ? who : "");
  if (number < 1)
    return _tl_store_db_error (error, self->db, sqlite3_errcode (self->db), what);
  return insert_rows (self, tip_rowid, number, clean_name, type, a, data, length, a->sha256, error) &&
         _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACH, a->tip_id, detail, error);
}

gboolean
_tl_store_sync_attachment_remove (TlStore     *self,
                                  const char  *tip_id,
                                  const char  *sha256,
                                  const char  *who,
                                  GError     **error)
{
  const char *what = _("Tipline could not remove the attachment.");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT a.id, a.number FROM attachments a JOIN tips t ON t.pk = a.tip_rowid"
                           " WHERE t.id = ? AND a.sha256 = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0), number = sqlite3_column_int64 (stmt, 1);

          g_array_append_val (ids, id);
          g_array_append_val (numbers, number);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, what);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *detail = g_strdup_printf ("%" G_GINT64_FORMAT " sha256:%s %s",
                                                 g_array_index (numbers, gint64, i), sha256,
                                                 who != NULL ? who : "");

      if (!run (self, "DELETE FROM attachments WHERE id = ?", what, error, g_array_index (ids, gint64, i)) ||
          !_tl_store_purge_mark (self->db, error) ||
          !_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_ATTACHMENT_DELETE, tip_id, detail, error))
        return FALSE;
    }
  return TRUE;
}
