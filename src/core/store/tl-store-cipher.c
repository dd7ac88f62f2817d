/* SPDX-License-Identifier: GPL-3.0-or-later */
/* area: store */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* The one place where SQLCipher 3.4 (Debian) and 4.x (the Flatpak) differ for Tipline.
 *
 * Every database Tipline writes (the store, a backup, a re-key copy) has SQLCipher 3's
 * format: 1024-byte pages, HMAC-SHA1, PBKDF2-HMAC-SHA1, 64,000 iterations (they do not
 * apply to a raw key but are pinned anyway). 3.4 has no other format, and the HMAC and
 * KDF algorithm pragmas do not exist there. 4.x defaults to another format and, unlike
 * 3.4, gives an ATTACHed database the library's defaults, not the main database's
 * settings, and ATTACH reads the attached file's first page at once, before any
 * per-database pragma could run. So the main database gets its settings explicitly
 * after PRAGMA key, and the defaults are pinned to the store's format before every
 * ATTACH (on 3.4 they already are, and per-database cipher pragmas after an ATTACH
 * without a key made the attached backup unreadable there: tried, the backup check
 * failed). The two branches are the two pairs of texts below; everything else is
 * shared. See docs/store-format.md. */

#define TL_CIPHER_PAGE_SIZE "1024"
#define TL_CIPHER_KDF_ITER  "64000"

static TlCipherGeneration forced_generation = TL_CIPHER_GENERATION_UNKNOWN;

/* private API */

/* "3.4.1" → 3, "4.6.1 community" → 4; NULL (plain SQLite) or text that does not start
 * with a number → UNKNOWN. Anything from 4 on is treated as 4. */
TlCipherGeneration
_tl_store_cipher_generation_of (const char *version)
{
  guint64 major;

  if (version == NULL || !g_ascii_isdigit (version[0]))
    return TL_CIPHER_GENERATION_UNKNOWN;
  major = g_ascii_strtoull (version, NULL, 10);
  if (major < 3)
    return TL_CIPHER_GENERATION_UNKNOWN;
  return major == 3 ? TL_CIPHER_GENERATION_3 : TL_CIPHER_GENERATION_4;
}

/* The generation of the SQLCipher db runs on, or UNKNOWN for plain SQLite. */
TlCipherGeneration
_tl_store_cipher_generation (sqlite3 *db)
{
  g_autofree char *version = _tl_store_query_text (db, "PRAGMA cipher_version");
  TlCipherGeneration generation = _tl_store_cipher_generation_of (version);

  if (generation != TL_CIPHER_GENERATION_UNKNOWN &&
      forced_generation != TL_CIPHER_GENERATION_UNKNOWN)
    return forced_generation;
  return generation;
}

/* Tests only: run the other generation's statements on this library. 3.4 ignores the
 * 4.x-only pragmas, so on 3.4 both branches can run; UNKNOWN ends the override. */
void
_tl_store_cipher_force_generation (TlCipherGeneration generation)
{
  forced_generation = generation;
}

/* The statements that give one database (schema "main" or an attached name) the
 * store's format. */
char *
_tl_store_cipher_settings_sql (TlCipherGeneration  generation,
                               const char         *schema)
{
  g_assert (schema != NULL && schema[0] != '\0');

  if (generation == TL_CIPHER_GENERATION_4)
    return g_strdup_printf ("PRAGMA %1$s.cipher_compatibility = 3;"
                            "PRAGMA %1$s.cipher_page_size = " TL_CIPHER_PAGE_SIZE ";"
                            "PRAGMA %1$s.kdf_iter = " TL_CIPHER_KDF_ITER ";"
                            "PRAGMA %1$s.cipher_hmac_algorithm = HMAC_SHA1;"
                            "PRAGMA %1$s.cipher_kdf_algorithm = PBKDF2_HMAC_SHA1;",
                            schema);
  return g_strdup_printf ("PRAGMA %1$s.cipher_page_size = " TL_CIPHER_PAGE_SIZE ";"
                          "PRAGMA %1$s.kdf_iter = " TL_CIPHER_KDF_ITER ";",
                          schema);
}

/* What a database attached next starts with. On 4.x these are the library's (process-
 * wide) defaults, which ATTACH uses to read the file before any per-database pragma
 * can run; every database Tipline opens has the same format, so pinning them for the
 * whole process changes nothing else. 3.4's defaults are already the store's format,
 * and it takes the attached database's settings from the main database anyway. */
const char *
_tl_store_cipher_defaults_sql (TlCipherGeneration generation)
{
  if (generation == TL_CIPHER_GENERATION_4)
    return "PRAGMA cipher_default_compatibility = 3;"
           "PRAGMA cipher_default_page_size = " TL_CIPHER_PAGE_SIZE ";"
           "PRAGMA cipher_default_kdf_iter = " TL_CIPHER_KDF_ITER ";"
           "PRAGMA cipher_default_hmac_algorithm = HMAC_SHA1;"
           "PRAGMA cipher_default_kdf_algorithm = PBKDF2_HMAC_SHA1;";
  return "PRAGMA cipher_default_page_size = " TL_CIPHER_PAGE_SIZE ";"
         "PRAGMA cipher_default_kdf_iter = " TL_CIPHER_KDF_ITER ";";
}

/* After PRAGMA key: the store's format for schema on db. */
gboolean
_tl_store_cipher_apply (sqlite3     *db,
                        const char  *schema,
                        GError     **error)
{
  TlCipherGeneration generation = _tl_store_cipher_generation (db);
  g_autofree char *sql = NULL;

  if (generation == TL_CIPHER_GENERATION_UNKNOWN)
    {
      /* Linked against plain SQLite: refuse rather than write tips in clear. */
      g_critical ("SQLCipher is not available; refusing to open an encrypted store");
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                           _("This copy of Tipline was built without encryption, so it cannot open the store. Install Tipline from your administrator or from Flathub."));
      return FALSE;
    }

  sql = _tl_store_cipher_settings_sql (generation, schema);
  return _tl_store_exec (db, sql, NULL, error);
}

/* Every ATTACH of an encrypted database goes through here. Without key the attached
 * file uses db's key (backups); with one, x'…' marks it as a raw key, as in PRAGMA key,
 * built in guarded memory. The file at path must exist (an empty file for a new copy:
 * the store's connection may lack SQLITE_OPEN_CREATE, which ATTACH inherits). */
gboolean
_tl_store_cipher_attach (sqlite3         *db,
                         const char      *path,
                         const char      *schema,
                         const TlSecret  *key,
                         const char      *what,
                         GError         **error)
{
  TlCipherGeneration generation = _tl_store_cipher_generation (db);
  g_autoptr(TlSecret) key_text = tl_secret_new (2 * TL_MASTER_KEY_BYTES + 4);
  g_autofree char *attach = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert (key == NULL || key->length == TL_MASTER_KEY_BYTES);

  if (generation == TL_CIPHER_GENERATION_UNKNOWN)
    return _tl_store_cipher_apply (db, schema, error);

  if (key != NULL)
    {
      memcpy (key_text->data, "x'", 2);
      sodium_bin2hex ((char *) key_text->data + 2, 2 * TL_MASTER_KEY_BYTES + 1, key->data, key->length);
      key_text->data[2 + 2 * TL_MASTER_KEY_BYTES] = '\'';
    }

  if (!_tl_store_exec (db, _tl_store_cipher_defaults_sql (generation), what, error))
    return FALSE;

  attach = g_strdup_printf (key != NULL ? "ATTACH DATABASE ?1 AS %s KEY ?2" : "ATTACH DATABASE ?1 AS %s",
                            schema);
  rc = sqlite3_prepare_v2 (db, attach, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
      if (key != NULL)
        sqlite3_bind_text (stmt, 2, (const char *) key_text->data, 2 * TL_MASTER_KEY_BYTES + 3,
                           SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, what);

  return TRUE;
}
