/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-tip-check.h"
#include "tl-store-private.h"

/* Whole-store reads for an export of every tip (issue 16): one statement walks the
 * tips in list order and hands each one's stored XML to the caller, so nothing holds the
 * whole store in memory, with the mark of its last passed check (migration 15,
 * tl-tip-check.h) when it has one; the audit entries of an export of many tips go in one
 * transaction (one durable commit instead of one per tip); and the marks of the tips
 * the export checked are kept for the next one. */

typedef struct
{
  gint64 pk;
  guint8 mark[TL_TIP_CHECK_MARK_BYTES];
} CheckMark;

/* helpers */

/* Every tip's check mark, in pk order, read in one pass: looking each one up beside its
 * tip (a join) cost the walk a b-tree search per tip. 24 bytes a tip. */
static int
read_marks (sqlite3 *db,
            GArray  *marks)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT pk, mark FROM tips_checked ORDER BY pk", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CheckMark mark = { .pk = sqlite3_column_int64 (stmt, 0) };

      rc = SQLITE_OK;
      if (sqlite3_column_bytes (stmt, 1) != TL_TIP_CHECK_MARK_BYTES)
        continue;
      memcpy (mark.mark, sqlite3_column_blob (stmt, 1), TL_TIP_CHECK_MARK_BYTES);
      g_array_append_val (marks, mark);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
compare_pks (const void *a,
             const void *b)
{
  gint64 x = ((const CheckMark *) a)->pk, y = ((const CheckMark *) b)->pk;

  return x < y ? -1 : x > y;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
audit_rest (TlStore        *self,
            gint64          at,
            TlAuditAction   action,
            GPtrArray      *tip_ids,
            GError        **error)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  for (guint i = 1; i < tip_ids->len; i++)
    g_ptr_array_add (rest, g_ptr_array_index (tip_ids, i));
  return _tl_store_audit_insert_many (self->db, self->advocate, at,
                                      tl_enum_to_nick (tl_audit_action_values, action),
                                      rest, error);
}

/* public API */

gboolean
tl_store_foreach_tip_xml (TlStore         *self,
                          TlStoreTipXmlFunc func,
                          gpointer         user_data,
                          GError         **error)
{
  const char *what = _("Tipline could not read the tips.");
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (CheckMark));
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  /* A read transaction: the tips do not change under the walk. */
  if (!_tl_store_exec (self->db, "BEGIN", what, error))
    return FALSE;
  rc = read_marks (self->db, marks);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "SELECT pk, id, xml FROM tips ORDER BY modified DESC, id DESC",
                             -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CheckMark key = { .pk = sqlite3_column_int64 (stmt, 0) };
      const CheckMark *mark = marks->len > 0 ? bsearch (&key, marks->data, marks->len, sizeof key, compare_pks)
                                             : NULL;

      rc = SQLITE_OK;
      if (!func ((const char *) sqlite3_column_text (stmt, 1),
                 sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2),
                 mark != NULL ? mark->mark : NULL, mark != NULL ? TL_TIP_CHECK_MARK_BYTES : 0,
                 user_data, error))
        {
          ok = FALSE;
          break;
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (ok && rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, what);
  return ok;
}

gboolean
tl_store_audit_tips (TlStore        *self,
                     TlAuditAction   action,
                     GPtrArray      *tip_ids,
                     GError        **error)
{
  const char *what = _("Tipline could not write the store’s audit log.");
  g_autoptr(GPtrArray) sorted = NULL;
  gint64 at = g_get_real_time ();
  GError *local_error = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip_ids != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  if (tip_ids->len == 0)
    return TRUE;

  /* In the order of the ids: the audit's index by tip then grows leaf by leaf. In the
   * order of the export each entry landed on a random leaf of an index that every
   * export makes larger: 1.7 s for 100,000 tips, then 2.6, 3.2, 3.5 s (issue 16). */
  sorted = g_ptr_array_sized_new (tip_ids->len);
  for (guint i = 0; i < tip_ids->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (tip_ids, i));
  g_ptr_array_sort (sorted, compare_ids);
  tip_ids = sorted;

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, &local_error))
    goto fail;
  /* The first entry as any other (it writes entries a full disk held back first), the
   * rest with the audit key read once. */
  if (!_tl_store_audit_at (self, at, action, g_ptr_array_index (tip_ids, 0), &local_error) ||
      !audit_rest (self, at, action, tip_ids, &local_error))
    goto fail;
  if (!_tl_store_exec (self->db, "COMMIT", what, &local_error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* A full store disk: the entries wait in memory for the next write, as one entry
   * does (tl_store_audit). */
  if (g_error_matches (local_error, TL_ERROR, TL_ERROR_NO_SPACE))
    {
      g_clear_error (&local_error);
      for (guint i = 0; i < tip_ids->len; i++)
        _tl_store_audit_defer_tip (self, at, action, g_ptr_array_index (tip_ids, i));
      return TRUE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
tl_store_keep_check_marks (TlStore     *self,
                           GPtrArray   *tip_ids,
                           GByteArray  *marks,
                           GError     **error)
{
  const char *what = _("Tipline could not update the store.");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tip_ids != NULL && marks != NULL, FALSE);
  g_return_val_if_fail (marks->len == tip_ids->len * TL_TIP_CHECK_MARK_BYTES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;
  if (tip_ids->len == 0)
    return TRUE;

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO tips_checked (pk, mark)"
                           " SELECT pk, ? FROM tips WHERE id = ?",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < tip_ids->len; i++)
    {
      sqlite3_bind_blob (stmt, 1, marks->data + i * TL_TIP_CHECK_MARK_BYTES,
                         TL_TIP_CHECK_MARK_BYTES, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (tip_ids, i), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? sqlite3_reset (stmt) : rc;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, what);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
