/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* The cipher settings (SQLCipher 3.4 and 4.x open the same file) live in
 * tl-store-cipher.c; see docs/store-format.md. */

/* private API */

/* Runs PRAGMA pragma = "x'…'" (key or rekey) with key as a raw key. The hex key text is
 * as secret as the key: it is built in guarded memory. */
gboolean
_tl_store_key_pragma (sqlite3         *db,
                      const char      *pragma,
                      const TlSecret  *key,
                      const char      *what,
                      GError         **error)
{
  static const char suffix[] = "'\";";
  g_autofree char *prefix = g_strdup_printf ("PRAGMA %s = \"x'", pragma);
  gsize prefix_len = strlen (prefix);
  g_autoptr(TlSecret) sql = NULL;
  int rc;

  g_assert (key->length == TL_MASTER_KEY_BYTES);

  sql = tl_secret_new (prefix_len + 2 * TL_MASTER_KEY_BYTES + sizeof suffix);
  memcpy (sql->data, prefix, prefix_len);
  sodium_bin2hex ((char *) sql->data + prefix_len, 2 * TL_MASTER_KEY_BYTES + 1,
                  key->data, key->length);
  memcpy (sql->data + prefix_len + 2 * TL_MASTER_KEY_BYTES, suffix, sizeof suffix);

  rc = sqlite3_exec (db, (const char *) sql->data, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, what);
  return TRUE;
}

gboolean
_tl_store_apply_key (sqlite3         *db,
                     const TlSecret  *key,
                     GError         **error)
{
  return _tl_store_key_pragma (db, "key", key, _("Tipline could not open the store."), error) &&
         _tl_store_cipher_apply (db, "main", error);
}

/* A copy that is to replace the store (re-key, restore) did not check out. */
gboolean
_tl_store_copy_failed_error (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                       _("The copy of the store did not check out, so nothing was replaced. Check that the disk works and has free space, then try again."));
  return FALSE;
}

static gboolean
has_schema (sqlite3 *db)
{
  g_autofree char *name = _tl_store_query_text (db,
                                      "SELECT name FROM sqlite_master "
                                      "WHERE type = 'table' AND name = 'schema_version'");

  return name != NULL;
}

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
  return FALSE;
}

/* private API */

sqlite3 *
_tl_store_db_open (const char      *path,
                   const TlSecret  *key,
                   gboolean         create,
                   GError         **error)
{
  g_autofree char *journal = NULL;
  sqlite3 *db = NULL;
  mode_t old_umask;
  /* Serialized: a worker thread (the app's office sync, an import) holds the connection
   * while the window stays open; whatever slips through on the window's thread then
   * waits for the connection or fails to begin its transaction, never corrupts it. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  gboolean exclusive = FALSE;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  /* SQLite creates -wal and -shm lazily with the database's mode; the umask covers the
   * whole open so nothing is ever group- or world-readable, even for an instant. The
   * umask is process-wide: stores are opened from the main thread only. */
  old_umask = umask (077);

open:
  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not open the store."));
      goto fail;
    }
  sqlite3_extended_result_codes (db, TRUE);

  if (key != NULL && !_tl_store_apply_key (db, key, error))
    goto fail;
  if (!_tl_store_search_register (db, error))
    goto fail;

  /* A full disk has no room for the write-ahead log's shared index (-shm): this
   * connection then keeps the index in its own memory, which needs the database to
   * itself, so the store can still be read (tl-store.c defers the unlock's entry). */
  if (exclusive)
    sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);

  /* First read: with a wrong key or a foreign file this fails before anything is
   * written, so a damaged store stays byte-identical. */
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK && !create && !exclusive &&
      (rc == SQLITE_FULL || ((rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno (db) == ENOSPC)))
    {
      g_message ("The disk is full: opening the store for this program alone");
      sqlite3_close_v2 (db);
      db = NULL;
      exclusive = TRUE;
      goto open;
    }
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not open the store."));
      goto fail;
    }

  /* An existing store always has its schema; an empty or truncated database file beside
   * a key file is damage, not an invitation to start over. */
  if (!create && !has_schema (db))
    {
      set_damaged (error);
      goto fail;
    }

  sqlite3_busy_timeout (db, 5000);

  journal = _tl_store_query_text (db, "PRAGMA journal_mode = WAL");
  if (g_strcmp0 (journal, "wal") != 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                           _("Tipline could not open the store because its folder does not allow the files it needs. Move the store to a local disk and try again."));
      goto fail;
    }

  if (!_tl_store_exec (db,
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA temp_store = MEMORY;"
                       /* 8 MB of pages instead of SQLite's 2 MB default: with 1024-byte
                        * cipher pages, a large store's search index and an import no
                        * longer re-read and decrypt the same pages over and over. Since
                        * a search reads its doclist once, 32 MB measured no faster at
                        * 100,000 tips, and unlock's page check and scrolling the list
                        * filled it all, 28 MB of the app's memory (BENCHMARKS.md). */
                       "PRAGMA cache_size = -8192;"
                       "PRAGMA secure_delete = ON;"
                       "PRAGMA foreign_keys = ON;",
                       _("Tipline could not open the store."), error))
    goto fail;

  umask (old_umask);
  return db;

fail:
  umask (old_umask);
  sqlite3_close_v2 (db);
  return NULL;
}

/* Benchmarks only: writes the plain database at plain_path, whole (FTS shadow tables
 * included), as a new encrypted database at path under key, with the cipher settings
 * apply_key() pins. Encrypting a finished store is a linear copy; building a 100,000-tip
 * store through the cipher, page by page, had not finished after 11 minutes. */
gboolean
_tl_store_db_export_encrypted (const char      *plain_path,
                               const char      *path,
                               const TlSecret  *key,
                               GError         **error)
{
  const char *what = _("Tipline could not create the store.");
  sqlite3 *db = NULL;
  mode_t old_umask = umask (077);
  gboolean ok = FALSE;
  int rc, fd;

  g_assert (key->length == TL_MASTER_KEY_BYTES);

  fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0)
    close (fd);

  rc = sqlite3_open_v2 (plain_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    _tl_store_db_error (error, db, rc, what);
  else if (_tl_store_cipher_attach (db, path, "encrypted", key, what, error))
    {
      ok = _tl_store_exec (db, "SELECT sqlcipher_export ('encrypted');", what, error);
      sqlite3_exec (db, "DETACH DATABASE encrypted", NULL, NULL, NULL);
    }

  sqlite3_close_v2 (db);
  umask (old_umask);
  return ok;
}

/* Row counts of every ordinary table, to compare a copy with its original. */
GHashTable *
_tl_store_table_counts (sqlite3     *db,
                        const char  *schema,
                        GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  char *list = sqlite3_mprintf ("SELECT name FROM \"%w\".sqlite_master "
                                           "WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%%'",
                                           schema);

  rc = sqlite3_prepare_v2 (db, list, -1, &stmt, NULL);
  sqlite3_free (list);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not check the store."));
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\".\"%w\"", schema, name);
      gint64 *count = g_new0 (gint64, 1);

      stmt = NULL;
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      sqlite3_free (sql);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *count = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      g_hash_table_insert (counts, g_strdup (name), count);
      if (rc != SQLITE_OK)
        {
          _tl_store_db_error (error, db, rc, _("Tipline could not check the store."));
          return NULL;
        }
    }

  return g_steal_pointer (&counts);
}

/* Copies db's main database into a new encrypted file under key (NULL: db's own key),
 * with the store's cipher settings (tl-store-cipher.c). */
gboolean
_tl_store_export_encrypted (sqlite3         *db,
                            const char      *path,
                            const TlSecret  *key,
                            GError         **error)
{
  const char *what = _("Tipline could not copy the store.");
  gboolean ok;
  int fd;

  /* The store's connection was opened without SQLITE_OPEN_CREATE, and ATTACH inherits
   * that: create the (empty, private) file first. */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, TL_ERROR, saved == ENOSPC ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
                   _("Tipline could not create a file in the store folder (%s). Check that the disk works and that you may write to the folder."),
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (!_tl_store_cipher_attach (db, path, "tl_copy", key, what, error))
    return FALSE;
  ok = _tl_store_exec (db, "SELECT sqlcipher_export ('tl_copy');", what, error);
  sqlite3_exec (db, "DETACH DATABASE tl_copy", NULL, NULL, NULL);
  return ok;
}

/* The schema of a database (every table, index, trigger and view with its SQL), to
 * compare a copy with its original. NULL if it cannot be read. */
char *
_tl_store_schema_text (sqlite3    *db,
                       const char *schema)
{
  GString *text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_mprintf ("SELECT type, name, sql FROM \"%w\".sqlite_master "
                               "ORDER BY type, name", schema);
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  sqlite3_free (sql);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < 3; i++)
        g_string_append_printf (text, "%s\x1f", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* Opens a copy made by sqlcipher_export read-only and checks it: the key opens it,
 * SQLite's quick check passes, and, when given, its schema is the original's. Nothing
 * is written to the file.
 *
 * quick_check reads every page, which SQLCipher authenticates (HMAC) as it decrypts
 * it, on 3.4 and 4.x alike, and checks every b-tree. That one pass is the check
 * (issue 16: re-key was 1.5 x sqlcipher_export): integrity_check's comparison of every
 * index with its table cost more than the copy itself and finds nothing the page HMACs
 * do not ("tipline-cli check" still runs it); SQLCipher 4's cipher_integrity_check
 * would read and authenticate every page a second time (3.4 has no such pragma); and
 * counting every table's rows in the original and in the copy read both again to
 * restate what sqlcipher_export's success says (it copies each table with one INSERT
 * ... SELECT whose failure fails the copy). The schema comparison shows every table and
 * index was made. */
gboolean
_tl_store_verify_db (const char      *path,
                     const TlSecret  *key,
                     const char      *expected_schema,
                     GError         **error)
{
  g_autofree char *result = NULL;
  g_autofree char *schema = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK || !_tl_store_apply_key (db, key, NULL))
    goto out;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (result, "ok") != 0 || !has_schema (db))
    goto out;

  schema = _tl_store_schema_text (db, "main");
  ok = schema != NULL && (expected_schema == NULL || g_str_equal (schema, expected_schema));

out:
  sqlite3_close_v2 (db);
  if (!ok)
    _tl_store_copy_failed_error (error);
  return ok;
}

/* Opens a copy read-only with key and reads its schema: the key opens it, it is a
 * Tipline store and, when given, its schema is the original's. Its pages are not all
 * read: a restored copy's checksum proves the bytes are those that were checked page by
 * page when the backup was made, and a re-key's copy has every page checked by
 * _tl_store_db_pages_authentic (issue 16). */
gboolean
_tl_store_verify_db_opens (const char      *path,
                           const TlSecret  *key,
                           const char      *expected_schema,
                           GError         **error)
{
  g_autofree char *schema = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  ok = rc == SQLITE_OK && _tl_store_apply_key (db, key, NULL) &&
       sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK &&
       has_schema (db);
  if (ok && expected_schema != NULL)
    {
      schema = _tl_store_schema_text (db, "main");
      ok = g_strcmp0 (schema, expected_schema) == 0;
    }
  sqlite3_close_v2 (db);
  if (!ok)
    _tl_store_copy_failed_error (error);
  return ok;
}
