/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where SQLCipher 3.4 (Debian) and 4.x (the Flatpak) differ (tl-store-cipher.c): the
 * version parsing, both settings texts in full, the format every database reports on
 * the linked library, and a backup, verify, restore and re-key round trip through each
 * branch that this library can run. The real 4.x run is recorded in
 * docs/store-format.md. */
#define G_LOG_DOMAIN "test-store-cipher"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"

#define PASS "correct horse battery"
#define CANARY "Zorbalina Qxcanary"

/* helpers */

static void
setup (TlTestStore     *fx,
       gconstpointer  data)
{
  tl_test_store_init (fx, "store");
  tl_test_store_create (fx, TL_TEST_STORE_ADVOCATE, PASS);
}

static void
teardown (TlTestStore     *fx,
          gconstpointer  data)
{
  _tl_store_cipher_force_generation (TL_CIPHER_GENERATION_UNKNOWN);
  tl_test_store_clear (fx);
}

static char *
pragma_text (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* The store's format, as schema on db reports it. 3.4 has no algorithm pragmas. */
static void
assert_store_format (sqlite3    *db,
                     const char *schema)
{
  g_autofree char *version = pragma_text (db, "PRAGMA cipher_version");
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.cipher_page_size", schema);
  g_autofree char *page = pragma_text (db, sql);

  g_test_message ("SQLCipher %s", version);
  g_assert_cmpstr (page, ==, "1024");
  if (_tl_store_cipher_generation_of (version) == TL_CIPHER_GENERATION_4)
    {
      g_autofree char *hmac_sql = g_strdup_printf ("PRAGMA %s.cipher_hmac_algorithm", schema);
      g_autofree char *kdf_sql = g_strdup_printf ("PRAGMA %s.cipher_kdf_algorithm", schema);
      g_autofree char *hmac = pragma_text (db, hmac_sql);
      g_autofree char *kdf = pragma_text (db, kdf_sql);

      g_assert_cmpstr (hmac, ==, "HMAC_SHA1");
      g_assert_cmpstr (kdf, ==, "PBKDF2_HMAC_SHA1");
    }
}

static TlCipherGeneration
library_generation (TlTestStore *fx)
{
  g_autofree char *version = pragma_text (_tl_store_get_db (fx->store), "PRAGMA cipher_version");

  return _tl_store_cipher_generation_of (version);
}

/* tests */

static void
test_generation_of (void)
{
  static const struct { const char *version; TlCipherGeneration generation; } cases[] = {
    { NULL, TL_CIPHER_GENERATION_UNKNOWN },
    { "", TL_CIPHER_GENERATION_UNKNOWN },
    { "community", TL_CIPHER_GENERATION_UNKNOWN },
    { "2.2.1", TL_CIPHER_GENERATION_UNKNOWN },
    { "3.4.1", TL_CIPHER_GENERATION_3 },
    { "3.4.2 community", TL_CIPHER_GENERATION_3 },
    { "4.0.0 community", TL_CIPHER_GENERATION_4 },
    { "4.6.1 community", TL_CIPHER_GENERATION_4 },
    { "10.0.0", TL_CIPHER_GENERATION_4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (_tl_store_cipher_generation_of (cases[i].version), ==, cases[i].generation);
}

static void
test_settings_sql (void)
{
  static const struct { TlCipherGeneration generation; const char *schema; const char *sql; } cases[] = {
    { TL_CIPHER_GENERATION_3, "main",
      "PRAGMA main.cipher_page_size = 1024;PRAGMA main.kdf_iter = 64000;" },
    { TL_CIPHER_GENERATION_3, "tl_copy",
      "PRAGMA tl_copy.cipher_page_size = 1024;PRAGMA tl_copy.kdf_iter = 64000;" },
    { TL_CIPHER_GENERATION_4, "main",
      "PRAGMA main.cipher_compatibility = 3;PRAGMA main.cipher_page_size = 1024;"
      "PRAGMA main.kdf_iter = 64000;PRAGMA main.cipher_hmac_algorithm = HMAC_SHA1;"
      "PRAGMA main.cipher_kdf_algorithm = PBKDF2_HMAC_SHA1;" },
    { TL_CIPHER_GENERATION_4, "tl_verify",
      "PRAGMA tl_verify.cipher_compatibility = 3;PRAGMA tl_verify.cipher_page_size = 1024;"
      "PRAGMA tl_verify.kdf_iter = 64000;PRAGMA tl_verify.cipher_hmac_algorithm = HMAC_SHA1;"
      "PRAGMA tl_verify.cipher_kdf_algorithm = PBKDF2_HMAC_SHA1;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = _tl_store_cipher_settings_sql (cases[i].generation, cases[i].schema);

      g_assert_cmpstr (sql, ==, cases[i].sql);
    }
}

static void
test_defaults_sql (void)
{
  /* 4.x: ATTACH reads the file with these before any per-database pragma runs. */
  g_assert_cmpstr (_tl_store_cipher_defaults_sql (TL_CIPHER_GENERATION_4), ==,
                   "PRAGMA cipher_default_compatibility = 3;"
                   "PRAGMA cipher_default_page_size = 1024;"
                   "PRAGMA cipher_default_kdf_iter = 64000;"
                   "PRAGMA cipher_default_hmac_algorithm = HMAC_SHA1;"
                   "PRAGMA cipher_default_kdf_algorithm = PBKDF2_HMAC_SHA1;");
  g_assert_cmpstr (_tl_store_cipher_defaults_sql (TL_CIPHER_GENERATION_3), ==,
                   "PRAGMA cipher_default_page_size = 1024;"
                   "PRAGMA cipher_default_kdf_iter = 64000;");
}

/* The store and an attached copy both report the store's format on this library. */
static void
test_library_format (TlTestStore     *fx,
                     gconstpointer  data)
{
  const char *copy = tl_test_store_path_tmp (fx, "format-copy.db");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (library_generation (fx), !=, TL_CIPHER_GENERATION_UNKNOWN);
  assert_store_format (_tl_store_get_db (fx->store), "main");

  tl_test_store_save_tip (fx, CANARY);
  g_assert_true (_tl_store_export_encrypted (_tl_store_get_db (fx->store), copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_tl_store_cipher_attach (_tl_store_get_db (fx->store), copy, "tl_check", NULL, NULL, &error));
  g_assert_no_error (error);
  assert_store_format (_tl_store_get_db (fx->store), "tl_check");
  g_assert_true (_tl_store_exec (_tl_store_get_db (fx->store), "DETACH DATABASE tl_check", NULL, &error));
}

/* Temporary tables and indices stay in memory: the library is built with
 * SQLITE_TEMP_STORE 2 (Debian's 3.4.1) or 3 (the Flatpak's --enable-tempstore=always),
 * and the store asks for MEMORY, which 2 honours. */
static void
test_temp_store (TlTestStore     *fx,
                 gconstpointer  data)
{
  g_autofree char *pragma = pragma_text (_tl_store_get_db (fx->store), "PRAGMA temp_store");
  const char *option = NULL;

  for (int i = 0; (option = sqlite3_compileoption_get (i)) != NULL; i++)
    if (g_str_has_prefix (option, "TEMP_STORE="))
      break;
  g_test_message ("%s", option);
  g_assert_nonnull (option);
  g_assert_cmpint (g_ascii_strtoll (option + strlen ("TEMP_STORE="), NULL, 10), >=, 2);
  g_assert_cmpstr (pragma, ==, "2");
}

/* Backup (export and the attached check), restore (a fresh connection), and a re-key
 * (export under a new key, opened on its own) through one branch. */
static void
test_round_trip (TlTestStore     *fx,
                 gconstpointer  data)
{
  TlCipherGeneration generation = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  if (generation == TL_CIPHER_GENERATION_3 && library_generation (fx) == TL_CIPHER_GENERATION_4)
    {
      /* 3.4's statements leave 4.x's own format in place: nothing to simulate. */
      g_test_skip ("SQLCipher 4.x cannot run the 3.4 branch");
      return;
    }
  _tl_store_cipher_force_generation (generation);

  tl_test_store_save_tip (fx, CANARY);
  dir = tl_store_get_backup_dir (fx->store);
  backup = tl_store_backup_rolling (fx->store, dir, 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);

  rows = tl_store_list_tips (fx->store, NULL, 0, 10, &error);
  g_assert_true (tl_store_delete_tip (fx->store, ((TlTipRow *) rows->pdata[0])->id, &error));
  g_assert_true (tl_store_restore (fx->store, backup, PASS, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 1);

  /* A second recovery code re-keys the store (the old one must stop working). */
  code = tl_store_new_recovery_code (fx->store, PASS, TL_KDF_MINIMUM, &error);
  g_assert_no_error (error);
  tl_store_secret_free (code);
  code = tl_store_new_recovery_code (fx->store, PASS, TL_KDF_MINIMUM, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);
  tl_store_secret_free (g_steal_pointer (&code));

  tl_store_lock (fx->store);
  g_assert_true (tl_store_unlock (fx->store, PASS, &error));
  g_assert_no_error (error);
  found = tl_store_search (fx->store, "Qxcanary", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  assert_store_format (_tl_store_get_db (fx->store), "main");
}

/* The check a re-key runs on its copy before it replaces the store (issue 16: one
 * pass): it passes on a good copy and fails, for each case below, on one that is not. */
static void
test_verify_copy (TlTestStore     *fx,
                  gconstpointer  data)
{
  sqlite3 *db = _tl_store_get_db (fx->store);
  const char *copy = tl_test_store_path_tmp (fx, "verify-copy.db");
  g_autoptr(TlSecret) key = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(TlSecret) other = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autofree char *schema = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  const struct { const char *what; gboolean flip; gboolean wrong_key; gboolean other_schema; } cases[] = {
    { "a page changed on disk", TRUE, FALSE, FALSE },
    { "another key", FALSE, TRUE, FALSE },
    { "another schema than the original's", FALSE, FALSE, TRUE },
  };

  for (guint i = 0; i < 40; i++)
    tl_test_store_save_tip (fx, CANARY);
  randombytes_buf (key->data, key->length);
  randombytes_buf (other->data, other->length);
  schema = _tl_store_schema_text (db, "main");
  g_assert_nonnull (schema);
  g_assert_true (_tl_store_export_encrypted (db, copy, key, &error));
  g_assert_no_error (error);
  g_assert_true (_tl_store_verify_db (copy, key, schema, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (copy, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *changed = g_memdup2 (bytes, length);
      g_autofree char *other_schema = g_strconcat (schema, "table\x1f" "extra\x1f\x1f\n", NULL);
      g_autoptr(GError) failed = NULL;

      g_test_message ("%s", cases[i].what);
      if (cases[i].flip)
        changed[length - 3 * 1024 + 100] ^= 0x01;     /* inside the third page from the end */
      g_assert_true (g_file_set_contents (copy, changed, length, NULL));
      g_assert_false (_tl_store_verify_db (copy, cases[i].wrong_key ? other : key,
                                           cases[i].other_schema ? other_schema : schema, &failed));
      g_assert_error (failed, TL_ERROR, TL_ERROR_DAMAGED);
    }
}

/* A re-key's copy: the store's file encrypted again in place under a new key. It opens
 * under the new key only, and the check of every page under the new key fails, for each
 * case below, on a copy that is not all authentic under it. */
static void
test_rekey_copy (TlTestStore     *fx,
                 gconstpointer  data)
{
  sqlite3 *db = _tl_store_get_db (fx->store);
  const char *original = tl_test_store_path_tmp (fx, "original.db");
  const char *copy = tl_test_store_path_tmp (fx, "rekey-copy.db");
  g_autoptr(TlSecret) old_key = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(TlSecret) new_key = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autofree char *schema = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize length = 0, after_length = 0;
  g_autoptr(GError) error = NULL;
  enum { REKEYED, ORIGINAL, PAGE_KEPT, LAST_PAGE_KEPT, LAST_PAGE_FLIPPED, SALT_FLIPPED, LONGER, EMPTY };
  const struct { const char *what; int copy; gboolean authentic; } cases[] = {
    { "encrypted again in full", REKEYED, TRUE },
    { "the original, under the old key", ORIGINAL, FALSE },
    { "one page as it was", PAGE_KEPT, FALSE },
    { "the last page as it was", LAST_PAGE_KEPT, FALSE },
    { "a bit changed in the last page", LAST_PAGE_FLIPPED, FALSE },
    { "a bit changed in the salt", SALT_FLIPPED, FALSE },
    { "half a page longer", LONGER, FALSE },
    { "empty", EMPTY, FALSE },
  };

  for (guint i = 0; i < 40; i++)
    tl_test_store_save_tip (fx, CANARY);
  randombytes_buf (old_key->data, old_key->length);
  randombytes_buf (new_key->data, new_key->length);
  schema = _tl_store_schema_text (db, "main");
  g_assert_true (_tl_store_export_encrypted (db, original, old_key, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (original, &before, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 1024);
  g_assert_true (_tl_store_db_pages_authentic (original, old_key));
  g_assert_false (_tl_store_db_pages_authentic (original, new_key));

  /* The wrong key for the copy: nothing is encrypted again, and it says so. */
  g_assert_true (g_file_set_contents (copy, before, length, NULL));
  g_assert_false (_tl_store_db_rekey_copy (copy, new_key, old_key, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (copy, before, length, NULL));
  g_assert_true (_tl_store_db_rekey_copy (copy, old_key, new_key, &error));
  g_assert_no_error (error);
  g_assert_true (_tl_store_verify_db_opens (copy, new_key, schema, &error));
  g_assert_no_error (error);
  g_assert_true (_tl_store_verify_db (copy, new_key, schema, &error));
  g_assert_no_error (error);
  g_assert_false (_tl_store_verify_db_opens (copy, old_key, NULL, NULL));
  g_assert_false (_tl_store_verify_db_opens (copy, new_key, "another schema", NULL));
  g_assert_true (g_file_get_contents (copy, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, ==, length);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bytes = g_malloc0 (length + 512);
      gsize size = length;

      g_test_message ("%s", cases[i].what);
      memcpy (bytes, cases[i].copy == ORIGINAL ? before : after, length);
      switch (cases[i].copy)
        {
        case PAGE_KEPT:
          memcpy (bytes + 5 * 1024, before + 5 * 1024, 1024);
          break;
        case LAST_PAGE_KEPT:
          memcpy (bytes + length - 1024, before + length - 1024, 1024);
          break;
        case LAST_PAGE_FLIPPED:
          bytes[length - 600] ^= 0x01;
          break;
        case SALT_FLIPPED:
          bytes[3] ^= 0x01;
          break;
        case LONGER:
          size = length + 512;
          break;
        case EMPTY:
          size = 0;
          break;
        default:
          break;
        }
      g_assert_true (g_file_set_contents (copy, bytes, size, NULL));
      g_assert_cmpint (_tl_store_db_pages_authentic (copy, new_key), ==, cases[i].authentic);
    }
  g_assert_false (_tl_store_db_pages_authentic (tl_test_store_path_tmp (fx, "none.db"), new_key));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-cipher/generation-of", test_generation_of);
  g_test_add_func ("/store-cipher/settings-sql", test_settings_sql);
  g_test_add_func ("/store-cipher/defaults-sql", test_defaults_sql);
  g_test_add ("/store-cipher/library-format", TlTestStore, NULL, setup, test_library_format, teardown);
  g_test_add ("/store-cipher/temp-store", TlTestStore, NULL, setup, test_temp_store, teardown);
  g_test_add ("/store-cipher/verify-copy", TlTestStore, NULL, setup, test_verify_copy, teardown);
  g_test_add ("/store-cipher/rekey-copy", TlTestStore, NULL, setup, test_rekey_copy, teardown);
  g_test_add ("/store-cipher/round-trip/3.4", TlTestStore, GINT_TO_POINTER (TL_CIPHER_GENERATION_3),
              setup, test_round_trip, teardown);
  g_test_add ("/store-cipher/round-trip/4.x", TlTestStore, GINT_TO_POINTER (TL_CIPHER_GENERATION_4),
              setup, test_round_trip, teardown);

  return g_test_run ();
}
