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

#define FAILED_UNLOCKS_MAX_BYTES (1024 * 1024)

/* helpers */

static char *
query_text (sqlite3    *db,
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

gboolean
_tl_store_apply_key (sqlite3         *db,
           const TlSecret  *key,
           GError         **error)
{
  static const char prefix[] = "PRAGMA key = \"x'";
  static const char suffix[] = "'\";";
  g_autoptr(TlSecret) sql = NULL;
  int rc;

  g_assert (key->length == TL_MASTER_KEY_BYTES);

  /* The hex key text is as secret as the key: build it in guarded memory. */
  sql = _tl_secret_new (sizeof prefix - 1 + 2 * TL_MASTER_KEY_BYTES + sizeof suffix);
  memcpy (sql->data, prefix, sizeof prefix - 1);
  sodium_bin2hex ((char *) sql->data + sizeof prefix - 1, 2 * TL_MASTER_KEY_BYTES + 1,
                  key->data, key->length);
  memcpy (sql->data + sizeof prefix - 1 + 2 * TL_MASTER_KEY_BYTES, suffix, sizeof suffix);

  rc = sqlite3_exec (db, (const char *) sql->data, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, _("Tipline could not open the store."));

  return _tl_store_cipher_apply (db, "main", error);
}

static gboolean
has_schema (sqlite3 *db)
{
  g_autofree char *name = query_text (db,
                                      "SELECT name FROM sqlite_master "
                                      "WHERE type = 'table' AND name = 'schema_version'");

  return name != NULL;
}

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, _tl_store_damaged_message ());
  return FALSE;
}

/* private API */

TlSecret *
_tl_secret_new (gsize length)
{
  TlSecret *secret = g_new0 (TlSecret, 1);

  secret->length = length;
  secret->data = sodium_malloc (MAX (length, 1));
  if (secret->data == NULL)
    g_error ("Could not allocate guarded memory");
  sodium_memzero (secret->data, MAX (length, 1));

  return secret;
}

void
_tl_secret_free (TlSecret *secret)
{
  if (secret == NULL)
    return;
  /* sodium_free wipes, but only memory it can write to. */
  sodium_mprotect_readwrite (secret->data);
  sodium_free (secret->data);
  g_free (secret);
}

/* NFC, so the same passphrase typed through different input methods (a precomposed "ñ"
 * or "n" + combining tilde) opens the store. GLib's scratch buffers are not wiped; the
 * result is, and only the guarded copy is kept. */
TlSecret *
_tl_secret_normalize_passphrase (const char *passphrase)
{
  g_autofree char *nfc = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC);
  const char *text = nfc != NULL ? nfc : passphrase;
  gsize len = strlen (text);
  TlSecret *secret = _tl_secret_new (len + 1);

  memcpy (secret->data, text, len);
  secret->length = len;
  if (nfc != NULL)
    sodium_memzero (nfc, len);
  sodium_mprotect_readonly (secret->data);

  return secret;
}

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
      why = _tl_store_damaged_message ();
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

sqlite3 *
_tl_store_db_open (const char      *path,
                   const TlSecret  *key,
                   gboolean         create,
                   GError         **error)
{
  g_autofree char *journal = NULL;
  sqlite3 *db = NULL;
  mode_t old_umask;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  /* SQLite creates -wal and -shm lazily with the database's mode; the umask covers the
   * whole open so nothing is ever group- or world-readable, even for an instant. The
   * umask is process-wide: stores are opened from the main thread only. */
  old_umask = umask (077);

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not open the store."));
      goto fail;
    }
  sqlite3_extended_result_codes (db, TRUE);

  if (key != NULL && !_tl_store_apply_key (db, key, error))
    goto fail;

  /* First read: with a wrong key or a foreign file this fails before anything is
   * written, so a damaged store stays byte-identical. */
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
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

  journal = query_text (db, "PRAGMA journal_mode = WAL");
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

gboolean
_tl_store_fix_permissions (const char  *dir,
                           GError     **error)
{
  static const char * const names[] = {
    TL_STORE_DB_NAME, TL_STORE_DB_NAME "-wal", TL_STORE_DB_NAME "-shm",
    TL_STORE_KEYS_NAME, TL_STORE_FAILED_NAME,
  };

  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                           _("Tipline could not create a private folder for the store. Check that you may write to that place, then try again."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_chmod (path, 0600) != 0 && errno != ENOENT)
        g_warning ("Could not make a store file private: %s", g_strerror (errno));
    }

  return TRUE;
}

/* A failed unlock must not touch the store's files (they stay byte-identical, and the
 * database cannot be written without the key anyway), so the time goes to a small side
 * file and into the audit log at the next successful unlock. */
void
_tl_store_note_failed_unlock (TlStore *self)
{
  g_autofree char *path = g_build_filename (self->dir, TL_STORE_FAILED_NAME, NULL);
  g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT "\n", g_get_real_time ());
  int fd;

  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      g_warning ("Could not record a failed unlock: %s", g_strerror (errno));
      return;
    }
  if (write (fd, line, strlen (line)) < 0 || fsync (fd) != 0)
    g_warning ("Could not record a failed unlock: %s", g_strerror (errno));
  close (fd);
}

gboolean
_tl_store_collect_failed_unlocks (TlStore  *self,
                                  GError  **error)
{
  g_autofree char *path = g_build_filename (self->dir, TL_STORE_FAILED_NAME, NULL);
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return TRUE;

  if (!S_ISREG (st.st_mode) || st.st_size > FAILED_UNLOCKS_MAX_BYTES ||
      !g_file_get_contents (path, &data, &length, NULL))
    {
      g_warning ("Ignoring an unreadable or oversized %s file", TL_STORE_FAILED_NAME);
      return TRUE;
    }

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 at;

      if (lines[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_signed (lines[i], 10, 0, G_MAXINT64, &at, NULL))
        {
          g_warning ("Skipping a malformed line in %s", TL_STORE_FAILED_NAME);
          continue;
        }
      if (!_tl_store_audit_at (self, at, TL_AUDIT_FAILED_UNLOCK, NULL, error))
        return FALSE;
    }

  return TRUE;
}
