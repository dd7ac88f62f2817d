/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-io.h"
#include "tl-store-private.h"

/* Copies of a database file that are not rebuilt row by row (the SQLCipher layer: no
 * TlStore here). sqlcipher_export decrypts every page, rebuilds every table and index and
 * encrypts the result; a backup needs the same bytes under the same key, and a re-key
 * only needs every page encrypted again under a new key (issue 16). */

#define CHUNK (1024 * 1024)

static gboolean
copy_bytes (const char  *from,
            const char  *to,
            int         *saved_errno)
{
  g_autofree guint8 *chunk = g_malloc (CHUNK);
  int in = open (from, O_RDONLY | O_CLOEXEC);
  int out = open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  gboolean ok = in >= 0 && out >= 0;

  *saved_errno = ok ? 0 : errno;
  while (ok)
    {
      ssize_t n = read (in, chunk, CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          ok = n == 0;
          *saved_errno = errno;
          break;
        }
      if (!tl_write_all (out, chunk, n))
        {
          ok = FALSE;
          *saved_errno = errno;
        }
    }
  if (in >= 0)
    close (in);
  if (out >= 0 && close (out) != 0 && ok)
    {
      ok = FALSE;
      *saved_errno = errno;
    }
  return ok;
}

/* private API */

/* The database of db (the file at db_path) as it is, into copy_path (a new private
 * file), under db's own key. After a checkpoint that empties the write-ahead log, and
 * inside a read transaction, the database file does not change (this connection is the
 * only writer and does not write), so its bytes are a consistent copy, already
 * encrypted: a file copy instead of sqlcipher_export (19 s against 2.2 s at 100,000
 * tips). When the log cannot be emptied (another connection reads), sqlcipher_export
 * as before. Not durable: whoever uses the copy syncs what it keeps. */
gboolean
_tl_store_db_copy_file (sqlite3     *db,
                        const char  *db_path,
                        const char  *copy_path,
                        GError     **error)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  GStatBuf st;
  int saved = 0;
  gboolean ok;

  if (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK ||
      (g_stat (wal, &st) == 0 && st.st_size != 0) ||
      !_tl_store_exec (db, "BEGIN", NULL, NULL))
    return _tl_store_export_encrypted (db, copy_path, NULL, error);

  /* The read transaction starts with the first read. */
  if (sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK ||
      (g_stat (wal, &st) == 0 && st.st_size != 0))
    {
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      return _tl_store_export_encrypted (db, copy_path, NULL, error);
    }

  ok = copy_bytes (db_path, copy_path, &saved);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (!ok)
    {
      g_unlink (copy_path);
      /* A full disk is the likely cause, and freeing space is what to do about it. */
      if (saved == ENOSPC || saved == EDQUOT)
        return _tl_store_db_error (error, NULL, SQLITE_FULL, _("Tipline could not copy the store."));
      g_set_error (error, TL_ERROR, TL_ERROR_IO,
                   _("Tipline could not create a file in the store folder (%s). Check that the disk works and that you may write to the folder."),
                   g_strerror (saved != 0 ? saved : EIO));
    }
  return ok;
}

/* Encrypts every page of the database at path, now under old_key, again under new_key,
 * in place and in page order (SQLCipher's rekey: one decryption and one encryption a
 * page, where sqlcipher_export also rebuilds every table and index). path is a copy
 * that nothing uses yet: it runs without a journal, so a failure or a crash leaves a
 * file half under each key, to be thrown away.
 *
 * SQLCipher's rekey reports no failure of its own (it stops at the first page it cannot
 * read, rolls back and returns success), so its work is checked here: every page of the
 * copy, free pages too, must be authentic under the new key (_tl_store_db_pages_
 * authentic), so none was left under the old one. The write-ahead log is left first:
 * rekey must write the pages into the file itself. */
gboolean
_tl_store_db_rekey_copy (const char      *path,
                         const TlSecret  *old_key,
                         const TlSecret  *new_key,
                         GError         **error)
{
  const char *what = _("Tipline could not copy the store.");
  g_autofree char *journal = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    _tl_store_db_error (error, db, rc, what);
  else if (_tl_store_apply_key (db, old_key, error))
    {
      /* Every page is read and written once, in order: a cache would only hold pages
       * that are done (64 pages measured as fast as 64 MB at 100,000 tips). */
      sqlite3_exec (db, "PRAGMA cache_size = 64", NULL, NULL, NULL);
      journal = _tl_store_query_text (db, "PRAGMA journal_mode = OFF");
      rc = sqlite3_errcode (db);
      if (g_strcmp0 (journal, "off") != 0)
        _tl_store_db_error (error, db, rc != SQLITE_OK ? rc : SQLITE_ERROR, what);
      else
        ok = _tl_store_key_pragma (db, "rekey", new_key, what, error);
    }
  rc = sqlite3_close_v2 (db);
  if (ok && rc != SQLITE_OK)
    ok = _tl_store_db_error (error, NULL, rc, what);
  if (ok && !_tl_store_db_pages_authentic (path, new_key))
    ok = _tl_store_copy_failed_error (error);
  return ok;
}
