/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-purge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* What a lock leaves behind (issue 16), on a bare connection and folder, below the
 * object so tl_store_lock() can use it:
 *
 * - The purge. FTS4 forgets a deleted or edited tip's words at once (they match no
 *   search), but keeps them in its older index segments until the segments are merged.
 *   Rewriting the whole index (FTS4 'optimize') at every delete cost 12.8 s at 100,000
 *   tips, so a delete or an edit only marks the purge pending, in its own transaction,
 *   and the purge runs later: at lock, before a backup, on demand (idle), and at the next
 *   lock if the app died. With secure_delete the freed pages are zeroed, and the
 *   checkpoint that follows empties the write-ahead log, so no removed word stays on
 *   disk.
 * - The clean-close mark ("tipline.closed"): written after a lock has folded the
 *   write-ahead log into the database, removed at unlock before anything is written.
 *   An unlock that finds no mark, or a write-ahead log left behind, checks every page
 *   before the store is used (tl-store.c); otherwise unlock costs key derivation and a
 *   constant, and the check runs later (tl-store-integrity.c). */

#define PURGE_TABLE "tl_fts_purge"

/* helpers */

static char *
mark_path (const char *dir)
{
  return g_build_filename (dir, TL_STORE_CLOSED_NAME, NULL);
}

static void
sync_folder (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Attachments (schema 7) have their own search index, rewritten by the same purge. */
static gboolean
has_table (sqlite3    *db,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* private API */

/* Inside the caller's transaction. The table is made on first use, so stores of every
 * schema version get it without a migration. */
gboolean
_tl_store_purge_mark (sqlite3  *db,
                      GError  **error)
{
  return _tl_store_exec (db,
                         "CREATE TABLE IF NOT EXISTS " PURGE_TABLE " ("
                         "  id INTEGER PRIMARY KEY CHECK (id = 1),"
                         "  since INTEGER NOT NULL);"
                         "INSERT OR IGNORE INTO " PURGE_TABLE " (id, since)"
                         "  VALUES (1, CAST (strftime ('%s', 'now') AS INTEGER));",
                         _("Tipline could not update the search index."), error);
}

gboolean
_tl_store_purge_pending (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean pending = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM " PURGE_TABLE, -1, &stmt, NULL) == SQLITE_OK)
    pending = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return pending;
}

/* Rewrites the search index without the removed words and clears the mark, in one
 * transaction, then empties the write-ahead log (old page images). Nothing to do when
 * no purge is pending. */
gboolean
_tl_store_purge_run (sqlite3  *db,
                     GError  **error)
{
  const char *what = _("Tipline could not clean up the search index.");

  if (!_tl_store_purge_pending (db))
    return TRUE;

  if (!_tl_store_exec (db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  if (!_tl_store_exec (db,
                       "INSERT INTO tips_fts (tips_fts) VALUES ('optimize');"
                       "DELETE FROM " PURGE_TABLE ";",
                       what, error) ||
      (has_table (db, "attachments_fts") &&
       !_tl_store_exec (db, "INSERT INTO attachments_fts (attachments_fts) VALUES ('optimize');",
                        what, error)) ||
      !_tl_store_exec (db, "COMMIT", what, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  return TRUE;
}

/* Whether the last session closed the store cleanly: its mark is there and no
 * write-ahead log with frames in it was left behind. */
gboolean
_tl_store_closed_cleanly (const char *dir,
                          const char *db_path)
{
  g_autofree char *mark = mark_path (dir);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  GStatBuf st;

  if (g_lstat (mark, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  return g_lstat (wal, &st) != 0 || st.st_size == 0;
}

/* Removes the mark (durably) before the first write of a session. FALSE when it is
 * still there, so the caller checks now rather than trust it after a crash. */
gboolean
_tl_store_unmark_clean (const char *dir)
{
  g_autofree char *mark = mark_path (dir);

  if (g_unlink (mark) != 0 && errno != ENOENT)
    {
      g_warning ("Could not remove the clean-close mark: %s", g_strerror (errno));
      return FALSE;
    }
  sync_folder (dir);
  return TRUE;
}

void
_tl_store_mark_clean (const char *dir)
{
  g_autofree char *mark = mark_path (dir);
  int fd;

  fd = open (mark, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      g_warning ("Could not write the clean-close mark: %s", g_strerror (errno));
      return;
    }
  fsync (fd);
  close (fd);
  sync_folder (dir);
}
