/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* Retention (issue 19, docs/retention.md): which tips the office's schedule
 * (tl-retention.h) says have expired or soon will, holds an advocate puts on a tip with
 * a reason, and the purge. A purge deletes every expired tip and every unsaved draft of
 * a new tip past the drafts' time in one transaction, with one audit entry that says how
 * many, never which or what; then the search index is rewritten without their words and
 * the write-ahead log emptied (tl-store-purge.c), so with secure_delete nothing of them
 * is left in the store's files. Backups made before the purge still hold them. */

/* What a tip's status row binds: a modified time (microseconds) at or before which the
 * status has expired at the horizon; -1 when it is kept for ever. */
#define NEVER (-1)

/* One status at a time. A tip's time runs from the later of its own last change
 * (modified, which an imported tip brings from its file, and which old files leave at
 * 0) and its last write into this store (stored): an import never makes a tip expire
 * sooner. The index on (status, that time) reads only the rows that have expired; the
 * summary comes from tips_brief, so the table's pages (one per tip) are never read. The
 * time is written as in the index's definition, or the index is not used. */
#define SELECT_TIPS \
  "SELECT t.pk, b.id, t.status, max (t.modified, t.stored), h.until, b.summary" \
  " FROM tips t INDEXED BY tips_expiry" \
  " JOIN tips b INDEXED BY tips_brief ON b.pk = t.pk" \
  " LEFT JOIN retention_holds h ON h.tip_rowid = t.pk" \
  " WHERE t.status = ?1 AND max (t.modified, t.stored) <= ?2" \
  "   AND (h.until IS NULL OR h.until <= ?3)" \
  " ORDER BY max (t.modified, t.stored) LIMIT ?4"

/* Drafts of tips never saved: the tip is only in the drafts table. */
#define SELECT_DRAFTS \
  "SELECT d.id, d.saved FROM drafts d" \
  " WHERE d.saved <= ?1 AND NOT EXISTS (SELECT 1 FROM tips t WHERE t.id = d.id)"

/* helpers */

static gint64
bound (const TlRetentionSchedule *schedule,
       TlTipStatus                status,
       gint64                     horizon)
{
  gint64 cutoff = tl_retention_cutoff (schedule, status, horizon);

  /* A tip changed at any microsecond of the cutoff's second counts. */
  return cutoff == 0 ? NEVER : cutoff * G_USEC_PER_SEC + (G_USEC_PER_SEC - 1);
}

static TlRetentionItem *
item_new (const char  *id,
          TlTipStatus  status,
          gint64       modified,
          gint64       held_until,
          const char  *summary,
          gboolean     saved)
{
  TlRetentionItem *item = g_new0 (TlRetentionItem, 1);

  item->tip_id = g_strdup (id);
  item->status = status;
  item->modified = modified;
  item->held_until = held_until;
  item->summary = g_strdup (summary);
  item->saved = saved;
  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const TlRetentionItem *x = *(TlRetentionItem * const *) a;
  const TlRetentionItem *y = *(TlRetentionItem * const *) b;

  if (x->expires != y->expires)
    return x->expires < y->expires ? -1 : 1;
  return g_strcmp0 (x->tip_id, y->tip_id);
}

/* The tips of one status that expire by horizon, added to items (their row numbers to
 * pks); SQLITE_DONE when all were read. */
static int
select_status (sqlite3_stmt              *stmt,
               const TlRetentionSchedule *schedule,
               TlTipStatus                which,
               gint64                     horizon,
               guint                      limit,
               GPtrArray                 *items,
               GArray                    *pks)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, which);
  sqlite3_bind_int64 (stmt, 2, bound (schedule, which, horizon));
  sqlite3_bind_int64 (stmt, 3, horizon);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 modified = sqlite3_column_int64 (stmt, 3) / G_USEC_PER_SEC;
      gint64 held = sqlite3_column_int64 (stmt, 4);
      gint64 expires = tl_retention_expires (schedule, which, modified, held);
      TlRetentionItem *item;

      if (expires == 0 || expires > horizon)
        continue;
      item = item_new ((const char *) sqlite3_column_text (stmt, 1), which, modified, held,
                       (const char *) sqlite3_column_text (stmt, 5), TRUE);
      item->expires = expires;
      g_ptr_array_add (items, item);
      if (pks != NULL)
        {
          gint64 pk = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (pks, pk);
        }
    }
  return rc;
}

/* Everything that expires at or before horizon (with limit, the limit longest unchanged
 * of each status: enough for the soonest limit in all). pks (may be NULL) gets the row
 * numbers of the saved tips among them, in the same order as they were read. */
static GPtrArray *
select_expiring (TlStore                   *self,
                 const TlRetentionSchedule *schedule,
                 gint64                     horizon,
                 guint                      limit,
                 GArray                    *pks,
                 GError                   **error)
{
  const char *what = _("Tipline could not read which tips have expired.");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_retention_item_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!schedule->enabled)
    return g_steal_pointer (&items);

  rc = sqlite3_prepare_v2 (self->db, SELECT_TIPS, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, what);
      return NULL;
    }
  rc = SQLITE_DONE;
  for (TlTipStatus which = TL_TIP_STATUS_DRAFT; rc == SQLITE_DONE && which <= TL_TIP_STATUS_CLOSED; which++)
    if (!tl_retention_keeps_forever (schedule, which))
      rc = select_status (stmt, schedule, which, horizon, limit, items, pks);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, what);
      return NULL;
    }

  /* Unsaved drafts of new tips follow the drafts' time. */
  if (!tl_retention_keeps_forever (schedule, TL_TIP_STATUS_DRAFT))
    {
      rc = sqlite3_prepare_v2 (self->db, SELECT_DRAFTS, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, bound (schedule, TL_TIP_STATUS_DRAFT, horizon));
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 saved = sqlite3_column_int64 (stmt, 1) / G_USEC_PER_SEC;
              TlRetentionItem *item = item_new ((const char *) sqlite3_column_text (stmt, 0),
                                                TL_TIP_STATUS_DRAFT, saved, 0, NULL, FALSE);

              item->expires = tl_retention_expires (schedule, TL_TIP_STATUS_DRAFT, saved, 0);
              if (item->expires == 0 || item->expires > horizon)
                tl_retention_item_free (item);
              else
                g_ptr_array_add (items, item);
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          _tl_store_db_error (error, self->db, rc, what);
          return NULL;
        }
    }

  return g_steal_pointer (&items);
}

static gboolean
run_for_each (sqlite3      *db,
              const char   *sql,
              GArray       *pks,
              GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < pks->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (pks, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, _("Tipline could not purge the expired tips."));
  return TRUE;
}

static gboolean
delete_drafts (sqlite3    *db,
               GPtrArray  *items,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM drafts WHERE id = ?", -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < items->len; i++)
    {
      const TlRetentionItem *item = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, item->tip_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, _("Tipline could not purge the expired tips."));
  return TRUE;
}

/* public API */

void
tl_retention_item_free (TlRetentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->tip_id);
  g_free (item->summary);
  g_free (item);
}

/* What has expired by horizon (unix seconds; now for what a purge would take, later for
 * the Due view's warnings), soonest first; at most limit (0: all). */
GPtrArray *
tl_store_list_expiring (TlStore                   *self,
                        const TlRetentionSchedule *schedule,
                        gint64                     horizon,
                        guint                      limit,
                        GError                   **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (schedule != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  items = select_expiring (self, schedule, horizon, limit, NULL, error);
  if (items != NULL)
    g_ptr_array_sort (items, compare_items);
  if (items != NULL && limit > 0 && items->len > limit)
    g_ptr_array_set_size (items, limit);
  return g_steal_pointer (&items);
}

/* Keeps tip_id until `until` (unix seconds, later than now) whatever the schedule says,
 * for reason (required; kept with the hold, never in the audit log). A later hold
 * replaces an earlier one. */
gboolean
tl_store_extend_retention (TlStore     *self,
                           const char  *tip_id,
                           gint64       until,
                           const char  *reason,
                           GError     **error)
{
  const char *what = _("Tipline could not keep the tip longer.");
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *detail = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_writable (self, error))
    return FALSE;
  if (!tl_follow_up_check_text (reason, TL_RETENTION_MAX_REASON, _("Say why the tip is to be kept longer."), error))
    return FALSE;
  end = g_date_time_new_from_unix_utc (now);
  {
    g_autoptr(GDateTime) limit = g_date_time_add_years (end, TL_RETENTION_MAX_EXTEND_YEARS);

    if (until <= now || until > g_date_time_to_unix (limit))
      {
        g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Choose a day after today and at most %d year from now.",
                                  "Choose a day after today and at most %d years from now.",
                                  TL_RETENTION_MAX_EXTEND_YEARS),
                     TL_RETENTION_MAX_EXTEND_YEARS);
        return FALSE;
      }
  }

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO retention_holds (tip_rowid, until, reason, advocate, at)"
                           " SELECT pk, ?2, ?3, ?4, ?5 FROM tips WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, until);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
      if (self->advocate != NULL)
        sqlite3_bind_text (stmt, 4, self->advocate, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, now);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || sqlite3_changes (self->db) == 0)
    {
      if (rc != SQLITE_DONE)
        _tl_store_db_error (error, self->db, rc, what);
      else
        g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                             _("That tip is not in the store. It may have been deleted."));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  g_clear_pointer (&end, g_date_time_unref);
  end = g_date_time_new_from_unix_utc (until);
  detail = g_date_time_format (end, "%Y-%m-%d");
  if (!_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_RETENTION_EXTEND, tip_id, detail, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* The end of tip_id's hold (unix seconds), 0 when it has none; -1 on error. */
gint64
tl_store_get_retention_hold (TlStore     *self,
                             const char  *tip_id,
                             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 until = 0;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), -1);
  g_return_val_if_fail (tip_id != NULL, -1);

  if (!_tl_store_check_unlocked (self, error))
    return -1;
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT h.until FROM retention_holds h JOIN tips t ON t.pk = h.tip_rowid"
                           " WHERE t.id = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        until = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the tip's retention."));
      return -1;
    }
  return until;
}

/* Deletes everything that has expired at now, in one transaction audited by count;
 * then purges the search index and empties the write-ahead log. Returns how many tips
 * and drafts went (0 when none: nothing is written), -1 on error (nothing went). */
gint64
tl_store_purge_expired (TlStore                   *self,
                        const TlRetentionSchedule *schedule,
                        gint64                     now,
                        GError                   **error)
{
  const char *what = _("Tipline could not purge the expired tips.");
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), -1);
  g_return_val_if_fail (schedule != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!_tl_store_check_writable (self, error))
    return -1;
  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return -1;

  items = select_expiring (self, schedule, now, 0, pks, error);
  if (items == NULL)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return -1;
    }
  if (items->len == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return 0;
    }

  /* The tips' words out of the search index and their identifiers (as a delete does),
   * then the rows; follow-ups, facts and holds go with them (ON DELETE CASCADE). */
  detail = g_strdup_printf ("%u", items->len);
  if (!run_for_each (self->db, "DELETE FROM tips_fts WHERE docid = ?", pks, error) ||
      !run_for_each (self->db, "DELETE FROM identifiers WHERE tip_rowid = ?", pks, error) ||
      !run_for_each (self->db, "DELETE FROM tips WHERE pk = ?", pks, error) ||
      !delete_drafts (self->db, items, error) ||
      !_tl_store_purge_mark (self->db, error) ||
      !_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_PURGE, NULL, detail, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return -1;
    }

  _tl_store_emit_tips_changed (self, NULL);

  /* The deleted words leave the index's older segments and the freed pages are zeroed
   * (secure_delete); the checkpoint then empties the write-ahead log. */
  {
    g_autoptr(GError) purge_error = NULL;

    /* The tips are gone; the purge stays pending and runs again at lock. */
    if (!_tl_store_purge_run (self->db, &purge_error))
      g_warning ("The search index was not cleaned up after a retention purge: %s",
                 purge_error->message);
  }
  return items->len;
}
