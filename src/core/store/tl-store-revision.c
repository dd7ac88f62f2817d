/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* Versions on save (docs/store-format.md, "Revisions"): each stored tip has a revision
 * that every save and import raises by one. A tip read from the store carries the
 * revision it was read at (TlTip.revision); saving it when the stored revision has
 * moved on (another window or program saved or imported it meanwhile) is a conflict,
 * and saving it when the tip is no longer stored (deleted meanwhile) does not bring it
 * back. A tip never read from the store (revision 0) is saved as before. */

/* private API */

/* The stored revision of id: 0 when the tip is not stored, -1 on error. */
gint64
_tl_store_get_revision (sqlite3     *db,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 revision = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT revision FROM tips WHERE id = ?", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
      return -1;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
      revision = -1;
    }
  sqlite3_finalize (stmt);
  return revision;
}

/* Inside the save's transaction: may this copy of the tip replace the stored one? */
gboolean
_tl_store_check_revision (sqlite3      *db,
                          const TlTip  *tip,
                          GError      **error)
{
  gint64 stored;

  if (tip->revision == 0)
    return TRUE;

  stored = _tl_store_get_revision (db, tip->id, error);
  if (stored < 0)
    return FALSE;
  if (stored == 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                           _("This tip was deleted in another window or program after you opened it, so it was not saved. Save it as a new tip to keep what you wrote."));
      return FALSE;
    }
  if (stored != tip->revision)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_CONFLICT,
                           _("This tip was changed in another window or program after you opened it, so it was not saved. Compare the two and choose which to keep."));
      return FALSE;
    }
  return TRUE;
}

/* After the row was written: one more than before (1 for a new tip). */
gint64
_tl_store_bump_revision (sqlite3        *db,
                         sqlite3_int64   pk,
                         gboolean        is_new,
                         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 revision = -1;
  int rc = SQLITE_OK;

  if (!is_new)
    {
      rc = sqlite3_prepare_v2 (db, "UPDATE tips SET revision = revision + 1 WHERE pk = ?",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, pk);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (rc != SQLITE_DONE && rc != SQLITE_OK)
        {
          _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
          return -1;
        }
    }

  rc = sqlite3_prepare_v2 (db, "SELECT revision FROM tips WHERE pk = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, pk);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        revision = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (revision < 0)
    _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
  return revision;
}

/* Schema version 4 (tl-store-schema.c): the revision column, unless it is there. */
gboolean
_tl_store_add_revisions (sqlite3  *db,
                         GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA table_info(tips)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "revision") == 0)
      found = TRUE;
  sqlite3_finalize (stmt);

  if (found)
    return TRUE;
  return _tl_store_exec (db, "ALTER TABLE tips ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
                         _("Tipline could not update the store."), error);
}
