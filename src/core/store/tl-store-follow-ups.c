/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* Follow-ups beside the tips (tl-follow-up.h): added, listed by when they are due, and
 * closed, snoozed or dropped. A follow-up belongs to its tip and goes when the tip is
 * deleted (ON DELETE CASCADE). Each change is one transaction with its audit entry, which
 * names the tip and the follow-up's number, never what it says. */

#define FOLLOW_UP_COLUMNS \
  "f.id, t.id, f.what, f.due, f.created, f.advocate, f.state, f.reason, f.state_at, t.summary"

/* helpers */

static TlFollowUp *
follow_up_from_stmt (sqlite3_stmt *stmt)
{
  TlFollowUp *follow_up = g_new0 (TlFollowUp, 1);

  follow_up->id = sqlite3_column_int64 (stmt, 0);
  follow_up->tip_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  follow_up->what = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  follow_up->due = sqlite3_column_int64 (stmt, 3);
  follow_up->created = sqlite3_column_int64 (stmt, 4);
  follow_up->advocate = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  follow_up->state = sqlite3_column_int (stmt, 6);
  follow_up->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  follow_up->state_at = sqlite3_column_int64 (stmt, 8);
  follow_up->tip_summary = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  return follow_up;
}

/* Runs stmt (an INSERT or UPDATE of one row) and its audit entry in one transaction.
 * Returns the follow-up's number (id, or the new row's when id is 0), or 0 when stmt
 * changed nothing (then error says no_match). */
static gint64
change_and_audit (TlStore        *self,
                  sqlite3_stmt   *stmt,
                  TlAuditAction   action,
                  const char     *tip_id,
                  gint64          id,
                  const char     *no_match,
                  GError        **error)
{
  const char *what = _("Tipline could not save the follow-up.");
  g_autofree char *detail = NULL;
  int rc;

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE || sqlite3_changes (self->db) == 0)
    {
      if (rc != SQLITE_DONE)
        _tl_store_db_error (error, self->db, rc, what);
      else
        g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND, no_match);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return 0;
    }
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  detail = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!_tl_store_audit_detail (self, g_get_real_time (), action, tip_id, detail, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return 0;
    }
  return id;
}

static TlFollowUp *
load_one (TlStore  *self,
          gint64    id,
          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  TlFollowUp *follow_up = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups f JOIN tips t ON t.pk = f.tip_rowid"
                           " WHERE f.id = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        follow_up = follow_up_from_stmt (stmt);
    }
  sqlite3_finalize (stmt);

  if (follow_up == NULL && (rc == SQLITE_DONE || rc == SQLITE_OK))
    g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                         _("There is no follow-up with that number."));
  else if (follow_up == NULL)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not read the follow-ups."));
  return follow_up;
}

static gboolean
set_state (TlStore          *self,
           gint64            id,
           TlFollowUpState   state,
           gint64            due,
           const char       *reason,
           TlAuditAction     action,
           GError          **error)
{
  g_autoptr(TlFollowUp) follow_up = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;
  if (reason != NULL &&
      !tl_follow_up_check_text (reason, TL_FOLLOW_UP_MAX_REASON, _("Say why, in a few words."), error))
    return FALSE;

  follow_up = load_one (self, id, error);
  if (follow_up == NULL)
    return FALSE;
  if (!tl_follow_up_is_active (follow_up))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("That follow-up is already done or dropped."));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (self->db,
                          "UPDATE follow_ups SET state = ?2, due = ?3, reason = ?4, state_at = ?5"
                          " WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return _tl_store_db_error (error, self->db, sqlite3_errcode (self->db),
                               _("Tipline could not save the follow-up."));
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_int64 (stmt, 3, due > 0 ? due : follow_up->due);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  ok = change_and_audit (self, stmt, action, follow_up->tip_id, id,
                         _("There is no follow-up with that number."), error) != 0;
  sqlite3_finalize (stmt);
  return ok;
}

/* public API */

gint64
tl_store_add_follow_up (TlStore     *self,
                        const char  *tip_id,
                        const char  *what,
                        gint64       due,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), 0);
  g_return_val_if_fail (tip_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_tl_store_check_unlocked (self, error) ||
      !tl_follow_up_check_text (what, TL_FOLLOW_UP_MAX_WHAT, _("Say what is to be done."), error))
    return 0;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO follow_ups (tip_rowid, what, due, created, advocate, state, state_at)"
                           " SELECT pk, ?2, ?3, ?4, ?5, 0, ?4 FROM tips WHERE id = ?1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not save the follow-up."));
      return 0;
    }
  sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, what, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, due);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (self->advocate != NULL)
    sqlite3_bind_text (stmt, 5, self->advocate, -1, SQLITE_TRANSIENT);

  id = change_and_audit (self, stmt, TL_AUDIT_FOLLOW_UP_ADD, tip_id, 0,
                         _("There is no tip with that id. Save the tip first, then add its follow-up."),
                         error);
  sqlite3_finalize (stmt);
  return id;
}

static GPtrArray *
list_follow_ups (TlStore     *self,
                 const char  *tip_id,
                 gint64       due_before,
                 gboolean     include_closed,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups f");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  /* From constant fragments, so each case uses its index: the Due view (every tip)
   * reads the due index and the tips' id and summary from tips_brief, never the table's
   * one page per tip; one tip's list starts from its id. */
  if (tip_id == NULL)
    g_string_append (sql, " JOIN tips t INDEXED BY tips_brief ON t.pk = f.tip_rowid WHERE 1");
  else
    g_string_append (sql, " JOIN tips t ON t.pk = f.tip_rowid WHERE t.id = :tip");
  if (!include_closed)
    g_string_append (sql, " AND f.state IN (0, 2)");
  if (due_before != 0)
    g_string_append (sql, " AND f.due <= :due");
  g_string_append (sql, " ORDER BY f.due, f.id");
  if (limit > 0)
    g_string_append (sql, " LIMIT :limit");

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the follow-ups."));
      return NULL;
    }
  if (tip_id != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":tip"), tip_id, -1, SQLITE_TRANSIENT);
  if (due_before != 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":due"), due_before);
  if (limit > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_follow_up_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, follow_up_from_stmt (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the follow-ups."));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Active follow-ups due at or before due_before (0: any time), soonest first; with
 * include_closed also the done and dropped ones. tip_id NULL for every tip. */
GPtrArray *
tl_store_list_follow_ups (TlStore     *self,
                          const char  *tip_id,
                          gint64       due_before,
                          gboolean     include_closed,
                          GError     **error)
{
  return list_follow_ups (self, tip_id, due_before, include_closed, 0, error);
}

/* The Due view: the first limit active follow-ups of every tip due at or before
 * due_before, soonest first (tl_store_count_due_follow_ups() says how many in all). */
GPtrArray *
tl_store_list_due_follow_ups (TlStore  *self,
                              gint64    due_before,
                              guint     limit,
                              GError  **error)
{
  return list_follow_ups (self, NULL, due_before, FALSE, limit, error);
}

/* How many active follow-ups are due at or before due_before: the window's header. */
gint64
tl_store_count_due_follow_ups (TlStore  *self,
                               gint64    due_before,
                               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), -1);

  if (!_tl_store_check_unlocked (self, error))
    return -1;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT count(*) FROM follow_ups INDEXED BY follow_ups_due"
                           " WHERE state IN (0, 2) AND due <= ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, due_before);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (count < 0)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not read the follow-ups."));
  return count;
}

gboolean
tl_store_finish_follow_up (TlStore     *self,
                           gint64       id,
                           const char  *note,
                           GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  return set_state (self, id, TL_FOLLOW_UP_DONE, 0, note != NULL && note[0] != '\0' ? note : NULL,
                    TL_AUDIT_FOLLOW_UP_DONE, error);
}

gboolean
tl_store_snooze_follow_up (TlStore     *self,
                           gint64       id,
                           gint64       until,
                           const char  *reason,
                           GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  if (reason == NULL)
    return tl_follow_up_check_text (reason, TL_FOLLOW_UP_MAX_REASON, _("Say why, in a few words."), error);
  return set_state (self, id, TL_FOLLOW_UP_SNOOZED, until, reason, TL_AUDIT_FOLLOW_UP_SNOOZE, error);
}

gboolean
tl_store_drop_follow_up (TlStore     *self,
                         gint64       id,
                         const char  *reason,
                         GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  if (reason == NULL)
    return tl_follow_up_check_text (reason, TL_FOLLOW_UP_MAX_REASON, _("Say why, in a few words."), error);
  return set_state (self, id, TL_FOLLOW_UP_DROPPED, 0, reason, TL_AUDIT_FOLLOW_UP_DROP, error);
}
