/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The counts of a shift hand-off (issue 19, src/core/ops/tl-handoff.c): what is open
 * now, and what happened between since and until. Counts only; the hand-off reads the
 * tips it lists through the report profiles. */

/* helpers */

static gint64
count (TlStore    *self,
       const char *sql,
       gint64      since,
       gint64      until,
       gint64      due_by,
       GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      if (sqlite3_bind_parameter_index (stmt, ":since") > 0)
        sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":since"), since);
      if (sqlite3_bind_parameter_index (stmt, ":until") > 0)
        sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":until"), until);
      if (sqlite3_bind_parameter_index (stmt, ":due_by") > 0)
        sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":due_by"), due_by);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (n < 0)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not count the shift’s work."));
  return n;
}

/* public API */

/* since, until and due_by in unix seconds: due counts what is due by due_by (the end
 * of the day), overdue what was due before until. */
gboolean
tl_store_count_shift (TlStore       *self,
                      gint64         since,
                      gint64         until,
                      gint64         due_by,
                      TlShiftCounts *counts,
                      GError       **error)
{
  static const struct
  {
    gsize offset;
    const char *sql;
  } queries[] = {
    { G_STRUCT_OFFSET (TlShiftCounts, open_tips),
      "SELECT count(*) FROM tips WHERE status IN (1, 2)" },
    { G_STRUCT_OFFSET (TlShiftCounts, received),
      "SELECT count(*) FROM tips WHERE received >= :since AND received <= :until" },
    { G_STRUCT_OFFSET (TlShiftCounts, calls),
      "SELECT count(*) FROM referral_facts WHERE at >= :since AND at <= :until" },
    { G_STRUCT_OFFSET (TlShiftCounts, due),
      "SELECT count(*) FROM follow_ups INDEXED BY follow_ups_due WHERE state IN (0, 2) AND due <= :due_by" },
    { G_STRUCT_OFFSET (TlShiftCounts, overdue),
      "SELECT count(*) FROM follow_ups INDEXED BY follow_ups_due WHERE state IN (0, 2) AND due < :until" },
    { G_STRUCT_OFFSET (TlShiftCounts, follow_ups_closed),
      "SELECT count(*) FROM follow_ups WHERE state IN (1, 3) AND state_at >= :since AND state_at <= :until" },
  };

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;
  if (!_tl_store_exec (self->db, "BEGIN", _("Tipline could not count the shift’s work."), error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      gint64 n = count (self, queries[i].sql, since, until, due_by, error);

      if (n < 0)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      G_STRUCT_MEMBER (gint64, counts, queries[i].offset) = n;
    }
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return TRUE;
}
