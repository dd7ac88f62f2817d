/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The bottom of the store: running SQL and turning SQLite's result codes into sentences
 * a person can act on. Everything else in the store calls these. */

/* private API */

gboolean
_tl_store_db_error (GError     **error,
                    sqlite3     *db,
                    int          rc,
                    const char  *what)
{
  int code = TL_ERROR_FAILED;
  const char *why;

  /* Only the generic SQLite text goes to the log: sqlite3_errmsg() can quote a search
   * query, which is tip content. */
  g_debug ("SQLite error %d (%s)", db ? sqlite3_extended_errcode (db) : rc, sqlite3_errstr (rc));

  if (what == NULL)
    what = _("Tipline could not use the store.");

  /* A write the disk had no room for can come back as an I/O error. */
  if ((rc & 0xff) == SQLITE_IOERR && db != NULL && sqlite3_system_errno (db) == ENOSPC)
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = TL_ERROR_NO_SPACE;
      why = _("The disk is full. Free some space and try again.");
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      code = TL_ERROR_DAMAGED;
      why = tl_damaged_store_message ();
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      why = _("Another Tipline window or program is using the store. Close it and try again.");
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      code = TL_ERROR_IO;
      why = _("The store’s files could not be read or written. Check that the store folder is on a working disk and that you may write to it, then try again.");
      break;

    case SQLITE_NOMEM:
      why = _("The computer ran out of memory. Close other programs and try again.");
      break;

    default:
      why = _("Try again; if it keeps happening, restart Tipline and tell your administrator.");
      break;
    }

  g_set_error (error, TL_ERROR, code, "%s %s", what, why);
  return FALSE;
}

gboolean
_tl_store_exec (sqlite3     *db,
                const char  *sql,
                const char  *what,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, what);
  return TRUE;
}

/* The first column of the first row of sql as text, or NULL. */
char *
_tl_store_query_text (sqlite3    *db,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_text (stmt, 0) != NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}
