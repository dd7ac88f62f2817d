/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "tl-error.h"
#include "tl-tip-check.h"
#include "tl-tip-limits.h"
#include "tl-tip-xml.h"
#include "tl-store-private.h"

/* Tips are stored whole as tip XML (the same format as exchange files), next to a few
 * denormalised columns the list needs, so listing never parses XML. Drafts are the
 * unsaved state of an open form, written every few seconds. */

/* helpers */

/* Tip XML is tip content: wipe it before giving the memory back. */
static void
wipe_free (char  *data,
           gsize  length)
{
  if (data == NULL)
    return;
  sodium_memzero (data, length);
  g_free (data);
}

static gboolean
filter_equal (const TlTipFilter *a,
              const TlTipFilter *b)
{
  return a->by_status == b->by_status &&
         (!a->by_status || a->status == b->status) &&
         a->by_type == b->by_type &&
         (!a->by_type || a->type == b->type) &&
         a->received_from == b->received_from &&
         a->received_to == b->received_to &&
         a->overdue_before == b->overdue_before;
}

/* The WHERE clause is assembled from constant fragments only; values are bound. */
static void
append_filter (GString           *sql,
               const TlTipFilter *filter)
{
  g_string_append (sql, " WHERE 1");
  if (filter->by_status)
    g_string_append (sql, " AND t.status = :status");
  if (filter->by_type)
    g_string_append (sql, " AND t.type = :type");
  if (filter->received_from != 0)
    g_string_append (sql, " AND t.received >= :from");
  if (filter->received_to != 0)
    g_string_append (sql, " AND t.received < :to");
  if (filter->overdue_before != 0)
    g_string_append (sql, " AND t.pk IN (SELECT tip_rowid FROM follow_ups INDEXED BY follow_ups_due"
                          " WHERE state IN (0, 2) AND due < :overdue)");
}

static void
bind_filter (sqlite3_stmt      *stmt,
             const TlTipFilter *filter)
{
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":status"), filter->status);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":type"), filter->type);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":from"), filter->received_from);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":to"), filter->received_to);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":overdue"), filter->overdue_before);
}

static gboolean
step_done (TlStore     *self,
           sqlite3_stmt *stmt,
           const char  *what,
           GError     **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _tl_store_db_error (error, self->db, rc, what);
  return TRUE;
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

/* 0 when there is no such tip. */
static sqlite3_int64
find_pk (TlStore    *self,
         const char *id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT pk FROM tips WHERE id = ?", NULL, NULL);
  sqlite3_int64 pk = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pk = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return pk;
}

static gboolean
write_tip_row (TlStore        *self,
               const TlTip    *tip,
               sqlite3_int64  *pk,
               const char     *xml,
               gsize           xml_len,
               GError        **error)
{
  g_autofree char *summary = tl_tip_dup_summary (tip);
  const char *what = _("Tipline could not save the tip.");
  sqlite3_stmt *stmt;
  int rc;

  if (*pk != 0)
    stmt = prepare (self,
                    "UPDATE tips SET created = :created, modified = :modified,"
                    " received = :received, status = :status, type = :type, danger = :danger,"
                    " has_minor = :minor, state = :state, summary = :summary,"
                    " stored = :stored, xml = :xml WHERE pk = :pk",
                    what, error);
  else
    stmt = prepare (self,
                    "INSERT INTO tips (id, created, modified, received, status, type, danger,"
                    " has_minor, state, summary, stored, xml) VALUES (:id, :created, :modified,"
                    " :received, :status, :type, :danger, :minor, :state, :summary, :stored, :xml)",
                    what, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":pk"), *pk);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":id"), tip->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":created"), tip->created);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":modified"), tip->modified);
  if (tip->received != NULL)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":received"),
                        g_date_time_to_unix (tip->received));
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":status"), tip->status);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":type"), tip->type);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":danger"), tip->danger);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":minor"), tl_tip_has_minor (tip));
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":state"), tip->location.state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":summary"), summary, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":stored"), g_get_real_time ());
  sqlite3_bind_blob (stmt, sqlite3_bind_parameter_index (stmt, ":xml"), xml, xml_len, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, what);

  if (*pk == 0)
    *pk = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

static gboolean
delete_draft (TlStore     *self,
              const char  *id,
              const char  *what,
              GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM drafts WHERE id = ?", what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, what, error);
}

static TlTip *
tip_from_xml (const void *data,
              int         length,
              GError    **error)
{
  g_autoptr(GPtrArray) tips = NULL;

  if (data != NULL && length > 0)
    tips = tl_tip_xml_read (data, length, TL_STORE_DB_NAME, TL_TIP_XML_TRUSTED, NULL);

  /* The parser's message may quote the tip, so it is not passed on or logged. */
  if (tips == NULL || tips->len != 1)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      return NULL;
    }

  return tl_tip_ref (g_ptr_array_index (tips, 0));
}

static GPtrArray *
collect_rows (TlStore      *self,
              sqlite3_stmt *stmt,
              GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _tl_store_row_from_stmt (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the list of tips."));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* private API */

/* Saves one tip inside the caller's transaction: row, search index, draft, audit.
 * audit is the action to record, or -1 for create/edit as the tip is new or not. */
gboolean
_tl_store_write_tip (TlStore      *self,
                     const TlTip  *tip,
                     int           audit,
                     GError      **error)
{
  return _tl_store_write_tip_revision (self, tip, audit, NULL, error);
}

/* The export's check of the bytes just written, and its mark (migration 15): kept when
 * they pass, removed when they do not, in the save's transaction, so an export checks
 * again only what no save checked. */
static gboolean
write_check_mark (TlStore        *self,
                  sqlite3_int64   pk,
                  const char     *xml,
                  gsize           xml_len,
                  GError        **error)
{
  const char *what = _("Tipline could not save the tip.");
  guint8 mark[TL_TIP_CHECK_MARK_BYTES];
  sqlite3_stmt *stmt;

  if (tl_tip_check_stored (xml, xml_len, NULL) != TL_TIP_CHECK_PASSED)
    {
      stmt = prepare (self, "DELETE FROM tips_checked WHERE pk = ?", what, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      return step_done (self, stmt, what, error);
    }

  tl_tip_check_mark (xml, xml_len, mark);
  stmt = prepare (self, "INSERT OR REPLACE INTO tips_checked (pk, mark) VALUES (?, ?)", what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  sqlite3_bind_blob (stmt, 2, mark, sizeof mark, SQLITE_TRANSIENT);
  return step_done (self, stmt, what, error);
}

gboolean
_tl_store_write_tip_revision (TlStore      *self,
                              const TlTip  *tip,
                              int           audit,
                              gint64       *revision,
                              GError      **error)
{
  gint64 new_revision;
  const char *what = _("Tipline could not save the tip.");
  sqlite3_int64 pk;
  gboolean is_new;
  gboolean ok;
  char *xml;
  gsize xml_len = 0;

  xml = tl_tip_xml_write_one (tip, &xml_len);
  if (xml == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED, what);
      return FALSE;
    }

  pk = find_pk (self, tip->id);
  is_new = pk == 0;
  if (audit < 0)
    audit = is_new ? TL_AUDIT_CREATE : TL_AUDIT_EDIT;

  ok = (is_new || _tl_store_unindex_tip (self->db, pk, error)) &&
       write_tip_row (self, tip, &pk, xml, xml_len, error) &&
       write_check_mark (self, pk, xml, xml_len, error) &&
       (new_revision = _tl_store_bump_revision (self->db, pk, is_new, error)) > 0 &&
       _tl_store_index_tip (self->db, pk, tip, error) &&
       _tl_store_write_facts (self->db, pk, tip, error) &&
       delete_draft (self, tip->id, what, error) &&
       _tl_store_audit_at (self, g_get_real_time (), audit, tip->id, error);

  wipe_free (xml, xml_len);
  if (ok && revision != NULL)
    *revision = new_revision;
  return ok;
}

/* Removes one tip inside the caller's transaction: row, search index, draft, audit
 * (action, with detail); a tip that is not stored is no error (a tombstone for a tip
 * this store never had). */
gboolean
_tl_store_remove_tip (TlStore      *self,
                      const char   *id,
                      int           audit,
                      const char   *detail,
                      GError      **error)
{
  const char *what = _("Tipline could not delete the tip.");
  sqlite3_stmt *stmt;
  sqlite3_int64 pk = find_pk (self, id);

  if (pk == 0)
    return TRUE;

  stmt = prepare (self, "DELETE FROM tips WHERE pk = ?", what, error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, pk);

  /* secure_delete zeroes the freed pages; FTS4 keeps deleted terms in old segments
   * until they are merged, and old page images stay in the write-ahead log: unindexing
   * marks the purge that removes both pending, in this transaction, and it runs off the
   * critical path (tl-store-purge.c). */
  return _tl_store_unindex_tip (self->db, pk, error) &&
         stmt != NULL && step_done (self, stmt, what, error) &&
         delete_draft (self, id, what, error) &&
         _tl_store_audit_detail (self, g_get_real_time (), audit, id, detail, error);
}

/* public API */

gboolean
tl_store_save_tip (TlStore  *self,
                   TlTip    *tip,
                   GError  **error)
{
  const char *what = _("Tipline could not save the tip.");
  g_autoptr(TlTip) normalized = NULL;
  gint64 revision = 0;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip != NULL && tip->id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The same limits as a tip file (tl-tip-limits.h): what the form saves opens again. */
  if (!_tl_store_check_writable (self, error) || !tl_tip_check_limits (tip, error))
    return FALSE;

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  /* The store keeps what the model recognises in its canonical form ("New Mexico" is
   * "NM"), without changing the caller's tip under an editor that shows what was typed;
   * never over a newer save or import, never bringing back a deleted tip. */
  normalized = tl_tip_copy (tip);
  tl_tip_normalize (normalized);
  if (!_tl_store_check_revision (self->db, tip, error) ||
      !_tl_store_write_tip_revision (self, normalized, -1, &revision, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  tip->revision = revision;
  _tl_store_emit_tips_changed (self, tip->id);
  return TRUE;
}

TlTip *
tl_store_load_tip (TlStore     *self,
                   const char  *id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  TlTip *tip;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  stmt = prepare (self, "SELECT xml, revision FROM tips WHERE id = ?", _("Tipline could not open the tip."), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tip = tip_from_xml (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), error);
      if (tip != NULL)
        tip->revision = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    {
      tip = NULL;
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                           _("That tip is not in the store. It may have been deleted."));
    }
  else
    {
      tip = NULL;
      _tl_store_db_error (error, self->db, rc, _("Tipline could not open the tip."));
    }
  sqlite3_finalize (stmt);

  return tip;
}

gboolean
tl_store_delete_tip (TlStore     *self,
                     const char  *id,
                     GError     **error)
{
  const char *what = _("Tipline could not delete the tip.");
  sqlite3_int64 pk;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  pk = find_pk (self, id);
  if (pk == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                           _("That tip is not in the store. It may have been deleted."));
      return FALSE;
    }

  if (!_tl_store_remove_tip (self, id, TL_AUDIT_DELETE, NULL, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  _tl_store_emit_tips_changed (self, id);
  return TRUE;
}

gint64
tl_store_count_tips (TlStore            *self,
                     const TlTipFilter  *filter,
                     GError            **error)
{
  static const TlTipFilter no_filter = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM tips t");
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!_tl_store_check_unlocked (self, error))
    return -1;

  if (filter == NULL)
    filter = &no_filter;
  /* Every tip: the count the triggers keep (migration 16). */
  if (filter_equal (filter, &no_filter))
    g_string_assign (sql, "SELECT n FROM tips_count WHERE id = 1 UNION ALL SELECT count(*) FROM tips LIMIT 1");
  else
    append_filter (sql, filter);

  stmt = prepare (self, sql->str, _("Tipline could not count the tips."), error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _tl_store_db_error (error, self->db, rc, _("Tipline could not count the tips."));
  sqlite3_finalize (stmt);

  return count;
}

/* Newest change first (modified, then id, both descending). A page that starts where
 * the previous one ended continues by key; any other offset is walked in the covering
 * index only, and just the page's rows are read from the table. */
GPtrArray *
tl_store_list_tips (TlStore            *self,
                    const TlTipFilter  *filter,
                    guint               offset,
                    guint               limit,
                    GError            **error)
{
  static const TlTipFilter no_filter = { 0 };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  TlPageCursor *cursor;
  const TlListKey *from = NULL;
  sqlite3_stmt *stmt;
  gboolean by_key;
  guint skip = 0;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  if (filter == NULL)
    filter = &no_filter;
  cursor = &self->cursor;

  if (limit == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_row_free);

  by_key = offset > 0 && cursor->valid && cursor->generation == self->generation &&
           cursor->end == offset && filter_equal (&cursor->filter, filter);

  if (by_key)
    {
      g_string_append (sql, "SELECT " TL_STORE_ROW_COLUMNS " FROM tips t");
      append_filter (sql, filter);
      g_string_append (sql, " AND (t.modified, t.id) < (:mod, :id)"
                            " ORDER BY t.modified DESC, t.id DESC LIMIT :limit");
    }
  else
    {
      /* A jump in the list of every tip walks from the nearest mark, if there is one. */
      from = filter_equal (filter, &no_filter) ? _tl_store_list_mark_before (self, offset, &skip) : NULL;
      g_string_append (sql, "SELECT " TL_STORE_ROW_COLUMNS " FROM tips t WHERE t.pk IN"
                            " (SELECT t.pk FROM tips t");
      append_filter (sql, filter);
      if (from != NULL)
        g_string_append (sql, " AND (t.modified, t.id) < (:mod, :id)");
      g_string_append (sql, " ORDER BY t.modified DESC, t.id DESC LIMIT :limit OFFSET :offset)"
                            " ORDER BY t.modified DESC, t.id DESC");
    }

  stmt = prepare (self, sql->str, _("Tipline could not read the list of tips."), error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), from != NULL ? skip : offset);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":mod"),
                      from != NULL ? from->modified : cursor->modified);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":id"),
                     from != NULL ? from->id : cursor->id, -1, SQLITE_TRANSIENT);

  rows = collect_rows (self, stmt, error);
  if (rows == NULL)
    return NULL;

  cursor->valid = rows->len > 0;
  if (cursor->valid)
    {
      TlTipRow *last = g_ptr_array_index (rows, rows->len - 1);

      cursor->generation = self->generation;
      cursor->filter = *filter;
      cursor->end = offset + rows->len;
      cursor->modified = last->modified;
      g_free (cursor->id);
      cursor->id = g_strdup (last->id);
    }

  return g_steal_pointer (&rows);
}

gboolean
tl_store_save_draft (TlStore      *self,
                     const TlTip  *tip,
                     GError      **error)
{
  const char *what = _("Tipline could not keep a draft of the tip.");
  sqlite3_stmt *stmt;
  gboolean ok;
  char *xml;
  gsize xml_len = 0;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip != NULL && tip->id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;

  /* One statement, so one small transaction: cheap enough to run every two seconds. */
  stmt = prepare (self, "INSERT OR REPLACE INTO drafts (id, saved, xml) VALUES (?, ?, ?)", what, error);
  if (stmt == NULL)
    return FALSE;

  xml = tl_tip_xml_write_one (tip, &xml_len);
  sqlite3_bind_text (stmt, 1, tip->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_blob (stmt, 3, xml, xml_len, SQLITE_STATIC);
  ok = step_done (self, stmt, what, error);
  wipe_free (xml, xml_len);

  return ok;
}

/* Drafts of new tips, and of saved tips that changed after their last save. */
GPtrArray *
tl_store_list_drafts (TlStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) tips = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  stmt = prepare (self,
                  "SELECT d.xml FROM drafts d LEFT JOIN tips t ON t.id = d.id"
                  " WHERE t.stored IS NULL OR t.stored < d.saved ORDER BY d.saved DESC",
                  _("Tipline could not read the drafts."), error);
  if (stmt == NULL)
    return NULL;

  tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TlTip *tip = tip_from_xml (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL);

      /* One unreadable draft must not hide the others. */
      if (tip == NULL)
        g_warning ("Skipping a draft that could not be read");
      else
        g_ptr_array_add (tips, tip);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the drafts."));
      return NULL;
    }

  return g_steal_pointer (&tips);
}

gboolean
tl_store_discard_draft (TlStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;

  return delete_draft (self, id, _("Tipline could not discard the draft."), error);
}
