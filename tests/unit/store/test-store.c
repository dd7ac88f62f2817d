/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tl-error.h"
#include "tl-store-testing.h"
#include "tl-stats.h"
#include "tl-tip-xml.h"
#include "tl-test-store.h"

#define PASS TL_TEST_STORE_PASSPHRASE
#define CANARY "Qzxcanaryvw"
#define CANARY_PHONE "+1 (575) 867-5309"
#define CANARY_DIGITS "5758675309"

typedef TlTestStore Fixture;

/* helpers */

static void
setup_plain (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tl_test_store_init (fx, "plain");
  g_clear_object (&fx->store);
  fx->store = _tl_store_new_plain (fx->dir);
  g_assert_true (tl_store_create (fx->store, "unused", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
}

static TlTip *
make_tip (const char *victim,
          const char *phone,
          const char *plate,
          const char *narrative)
{
  TlTip *tip = tl_tip_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, narrative);

  if (victim != NULL)
    {
      TlVictim *v = tl_victim_new ();

      tl_set_str (&v->name, victim);
      tl_set_str (&v->age, "16");
      g_ptr_array_add (tip->victims, v);
    }
  if (phone != NULL)
    {
      TlPhone *p = tl_phone_new ();

      tl_set_str (&p->number, phone);
      g_ptr_array_add (tip->phones, p);
    }
  if (plate != NULL)
    {
      TlVehicle *v = tl_vehicle_new ();

      tl_set_str (&v->plate, plate);
      g_ptr_array_add (tip->vehicles, v);
    }

  return tip;
}

static char *
hash_file (Fixture    *fx,
           const char *name)
{
  g_autofree char *path = tl_test_store_path (fx, name);

  return tl_test_hash_file (path);
}

static gboolean
file_contains (Fixture    *fx,
               const char *name,
               const char *needle)
{
  g_autofree char *path = tl_test_store_path (fx, name);
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static int
file_mode (Fixture    *fx,
           const char *name)
{
  g_autofree char *path = tl_test_store_path (fx, name);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_mode & 0777;
}

static guint
search_count (Fixture    *fx,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tl_store_search (fx->store, query, 100, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows->len;
}

/* Every tip in the search index (one row per tip, under its pk) and found by each word
 * of what was indexed for it, whole and by its first two letters (the prefix index the
 * store keeps since migration 7). */
static void
assert_every_tip_findable (TlStore *store)
{
  sqlite3 *db = _tl_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  guint n_tips = 0, n_words = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT t.id, f.body FROM tips t LEFT JOIN tips_fts f ON f.docid = t.pk",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *body = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GString) word = g_string_new (NULL);

      g_assert_nonnull (body);
      n_tips++;
      for (const char *p = body;; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != 0 && g_unichar_isalnum (c))
            {
              g_string_append_unichar (word, c);
              continue;
            }
          if (g_utf8_strlen (word->str, -1) >= 2)
            {
              g_autofree char *prefix = g_utf8_substring (word->str, 0, 2);
              const char *queries[] = { word->str, prefix };

              for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
                {
                  g_autoptr(GError) error = NULL;
                  g_autoptr(GPtrArray) rows = tl_store_search (store, queries[q], 10000, &error);
                  gboolean found = FALSE;

                  g_assert_no_error (error);
                  for (guint r = 0; r < rows->len && !found; r++)
                    found = g_str_equal (((TlTipRow *) g_ptr_array_index (rows, r))->id, id);
                  if (!found)
                    g_error ("tip %s not found by “%s”", id, queries[q]);
                }
              n_words++;
            }
          g_string_truncate (word, 0);
          if (c == 0)
            break;
        }
    }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (n_tips, >, 0);
  g_assert_cmpuint (n_words, >, n_tips);
  g_assert_cmpint (tl_test_store_query_int (store, "SELECT count(*) FROM tips_fts"), ==, n_tips);
}

/* The search index keeps a prefix index for two letters, and no longer for three and
 * four (migration 7, issue 16). */
static void
assert_prefix_index_2 (TlStore *store)
{
  sqlite3 *db = _tl_store_get_db (store);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE name = 'tips_fts'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_nonnull (strstr (sql, "prefix=\"2\""));
  g_assert_null (strstr (sql, "2,3"));
  g_assert_cmpint (tl_test_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'tips_fts_prefix2%'"),
                   ==, 0);
}

static void
write_file (Fixture      *fx,
            const char   *name,
            const guint8 *data,
            gsize         length)
{
  g_autofree char *path = tl_test_store_path (fx, name);

  g_assert_true (g_file_set_contents (path, (const char *) data, length, NULL));
}

/* tests */

static void
test_create_reopen (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Roberto Sánchez", "505-555-0100", "ABC-1234", "warehouse");
  g_autoptr(TlTip) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStore) empty = NULL;
  g_autofree char *other = tl_test_make_tmp_dir ("empty");

  g_assert_true (tl_store_exists (fx->store));
  g_assert_true (tl_store_is_unlocked (fx->store));
  tl_test_store_save (fx, tip);

  tl_test_store_reopen (fx, PASS);
  loaded = tl_store_load_tip (fx->store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_true (tl_tip_equal (tip, loaded));
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 1);

  g_assert_null (tl_store_load_tip (fx->store, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (tl_store_create (fx->store, "another", TL_KDF_MINIMUM, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_EXISTS);
  g_clear_error (&error);

  empty = tl_store_new (other);
  g_assert_false (tl_store_exists (empty));
  g_assert_false (tl_store_unlock (empty, PASS, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NO_STORE);
  tl_test_remove_tree (other);
}

static void
test_locked (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip (NULL, NULL, NULL, "x");
  g_autoptr(GError) error = NULL;

  tl_store_lock (fx->store);
  g_assert_false (tl_store_is_unlocked (fx->store));
  g_assert_false (tl_store_save_tip (fx->store, tip, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (tl_store_search (fx->store, "x", 10, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_LOCKED);
}

static void
test_wrong_passphrase (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", NULL, NULL, "x");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *failed = tl_test_store_path (fx, "failed-unlocks");
  guint n_failed = 0, n_unlock = 0;

  tl_test_store_save (fx, tip);
  g_clear_object (&fx->store);
  before = tl_test_hash_store (fx->dir);

  fx->store = tl_store_new (fx->dir);
  g_assert_false (tl_store_unlock (fx->store, "correct horse battery ", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==, "The passphrase is wrong.");
  g_clear_error (&error);
  g_assert_false (tl_store_unlock (fx->store, "", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
  g_assert_false (tl_store_is_unlocked (fx->store));

  after = tl_test_hash_store (fx->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_test (failed, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_mode (fx, "failed-unlocks"), ==, 0600);

  tl_test_store_reopen (fx, PASS);
  g_assert_false (g_file_test (failed, G_FILE_TEST_EXISTS));
  audit = tl_store_list_audit (fx->store, NULL, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      TlAuditEntry *e = g_ptr_array_index (audit, i);

      n_failed += e->action == TL_AUDIT_FAILED_UNLOCK;
      n_unlock += e->action == TL_AUDIT_UNLOCK;
    }
  g_assert_cmpuint (n_failed, ==, 2);
  g_assert_cmpuint (n_unlock, ==, 1);
}

static void
assert_damaged_unchanged (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = tl_test_hash_store (fx->dir);
  g_autofree char *after = NULL;

  g_clear_object (&fx->store);
  fx->store = tl_store_new (fx->dir);
  g_assert_false (tl_store_unlock (fx->store, PASS, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
  /* The message names the file that is wrong and points at backups. */
  g_assert_nonnull (strstr (error->message, "(tipline."));
  g_assert_nonnull (strstr (error->message, "backup"));

  after = tl_test_hash_store (fx->dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_keyslot (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = tl_test_store_path (fx, "tipline.keys");
  g_autofree char *keys = NULL;
  gsize length;

  g_clear_object (&fx->store);
  g_assert_true (g_file_get_contents (path, &keys, &length, NULL));

  keys[length / 2] ^= 1;
  write_file (fx, "tipline.keys", (guint8 *) keys, length);
  assert_damaged_unchanged (fx);

  write_file (fx, "tipline.keys", (guint8 *) keys, 10);
  assert_damaged_unchanged (fx);

  write_file (fx, "tipline.keys", (const guint8 *) "", 0);
  assert_damaged_unchanged (fx);

  /* No record of a failed unlock for damage: it was not a passphrase attempt. */
  g_assert_cmpint (file_mode (fx, "failed-unlocks"), ==, -1);
}

static void
test_damaged_db (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", NULL, NULL, "x");
  g_autofree char *path = tl_test_store_path (fx, "tipline.db");
  g_autofree char *db = NULL;
  guint8 noise[4096];
  sqlite3 *plain = NULL;
  gsize length;

  tl_test_store_save (fx, tip);
  g_clear_object (&fx->store);

  /* damaged first page */
  g_assert_true (g_file_get_contents (path, &db, &length, NULL));
  db[100] ^= 0x55;
  write_file (fx, "tipline.db", (guint8 *) db, length);
  assert_damaged_unchanged (fx);

  /* random bytes */
  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_random_int () & 0xff;
  write_file (fx, "tipline.db", noise, sizeof noise);
  assert_damaged_unchanged (fx);

  /* an empty file */
  write_file (fx, "tipline.db", (const guint8 *) "", 0);
  assert_damaged_unchanged (fx);

  /* a plain SQLite database that is not ours */
  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &plain), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (plain, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (plain);
  assert_damaged_unchanged (fx);

  /* missing */
  g_unlink (path);
  assert_damaged_unchanged (fx);
}

/* The first 16 bytes of tipline.db (SQLCipher's salt), in a static buffer. */
static const guint8 *
salt_after (Fixture *fx)
{
  static guint8 salt[16];
  g_autofree char *path = g_build_filename (fx->dir, "tipline.db", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >=, 16);
  memcpy (salt, data, 16);
  return salt;
}

static void
test_change_passphrase (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", NULL, NULL, "x");
  g_autoptr(TlTip) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  g_autofree char *keys_before = NULL;
  g_autofree char *keys_after = NULL;
  guint8 salt_before[16];

  tl_test_store_save (fx, tip);
  tl_store_lock (fx->store);
  db_before = hash_file (fx, "tipline.db");
  keys_before = hash_file (fx, "tipline.keys");
  memcpy (salt_before, salt_after (fx), 16);

  g_assert_false (tl_store_change_passphrase (fx->store, "not it", "new one", TL_KDF_MINIMUM, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  keys_after = hash_file (fx, "tipline.keys");
  g_assert_cmpstr (keys_before, ==, keys_after);
  g_clear_pointer (&keys_after, g_free);

  g_assert_true (tl_store_change_passphrase (fx->store, PASS, "new one", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  db_after = hash_file (fx, "tipline.db");
  keys_after = hash_file (fx, "tipline.keys");
  /* Not re-encrypted: the database keeps its salt (first 16 bytes) and key; it changes
   * only by the audit entry that records the change (issue 15). */
  g_assert_cmpmem (salt_before, sizeof salt_before, salt_after (fx), 16);
  g_assert_cmpstr (keys_before, !=, keys_after);
  g_assert_cmpint (file_mode (fx, "tipline.keys"), ==, 0600);

  g_assert_false (tl_store_unlock (fx->store, PASS, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  tl_test_store_reopen (fx, "new one");
  loaded = tl_store_load_tip (fx->store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_true (tl_tip_equal (tip, loaded));
}

static void
test_migrations (Fixture       *fx,
                 gconstpointer  data)
{
  int latest = _tl_store_schema_latest ();

  g_assert_cmpint (latest, >=, 1);
  g_assert_cmpint (_tl_store_schema_version (_tl_store_get_db (fx->store)), ==, latest);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM schema_version"), ==, latest);

  tl_test_store_reopen (fx, PASS);
  tl_test_store_reopen (fx, PASS);
  g_assert_cmpint (_tl_store_schema_version (_tl_store_get_db (fx->store)), ==, latest);
  /* One row per applied migration: a re-apply would add rows (or fail). */
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM schema_version"), ==, latest);

  g_assert_cmpint (tl_test_store_query_int (fx->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "PRAGMA temp_store"), ==, 2);
}

/* A store written by Tipline at schema version 3 (tests/fixtures/store-v3, made with the
 * release before issue 13 from tip-full.xml and tip-anonymous-v3.xml; passphrase PASS)
 * opens with every later migration: its tips read back as they were added, the list
 * summary of the tip saved with the old "anonymous" role now says so (migration 4), the
 * follow-ups table exists (migration 5), and the audit chain still checks out. */
static void
test_open_version_3 (void)
{
  static const char * const files[] = { "tipline.db", "tipline.keys" };
  g_autofree char *dir = tl_test_make_tmp_dir ("store-v3");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  TlAuditCheck check = { 0 };
  guint n_anonymous = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = tl_test_fixture_path ("store-v3", files[i], NULL);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (from, &data, &length, NULL));
      g_assert_true (g_file_set_contents_full (to, data, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }

  store = tl_store_new (dir);
  g_assert_true (tl_store_unlock (store, PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_tl_store_schema_version (_tl_store_get_db (store)), ==, _tl_store_schema_latest ());

  rows = tl_store_list_tips (store, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      TlTipRow *row = g_ptr_array_index (rows, i);
      g_autoptr(TlTip) tip = tl_store_load_tip (store, row->id, &error);
      g_autofree char *fixture = tl_test_fixture_path (g_str_equal (row->id, "3c1d7e2a-5b4f-4a6e-9c8d-7e6f5a4b3c2d")
                                                       ? "tip-anonymous-v3.xml" : "tip-full.xml", NULL);
      g_autoptr(GPtrArray) expected = tl_tip_xml_read_file (fixture, &error);

      g_assert_no_error (error);
      g_assert_nonnull (tip);
      g_assert_cmpstr (tip->narrative, ==, ((TlTip *) g_ptr_array_index (expected, 0))->narrative);
      g_assert_cmpuint (tip->victims->len, ==, ((TlTip *) g_ptr_array_index (expected, 0))->victims->len);
      if (strstr (row->summary, "anonymous caller") != NULL)
        {
          g_assert_cmpstr (row->id, ==, "3c1d7e2a-5b4f-4a6e-9c8d-7e6f5a4b3c2d");
          n_anonymous++;
        }
    }
  g_assert_cmpuint (n_anonymous, ==, 1);

  /* referrals logged before stages (the fixture holds every outcome) are counted at the
   * stage the model gives them: the migration's mapping is the model's */
  {
    gint64 by_stage[TL_REFERRAL_DONE + 1] = { 0 };
    g_autoptr(TlStats) stats = NULL;
    GDate from, to;

    for (guint i = 0; i < rows->len; i++)
      {
        g_autoptr(TlTip) tip = tl_store_load_tip (store, ((TlTipRow *) g_ptr_array_index (rows, i))->id, &error);

        for (guint r = 0; r < tip->referrals->len; r++)
          by_stage[tl_referral_get_stage (g_ptr_array_index (tip->referrals, r))]++;
      }
    g_date_clear (&from, 1);
    g_date_clear (&to, 1);
    g_date_set_dmy (&from, 1, 1, 2000);
    g_date_set_dmy (&to, 31, 12, 2099);
    stats = tl_store_compute_stats (store, &from, &to, &error);
    g_assert_no_error (error);
    g_assert_cmpint (by_stage[TL_REFERRAL_NO_ANSWER], ==, 2);
    for (guint st = 0; st <= TL_REFERRAL_DONE; st++)
      {
        const TlStatsRow *row = g_ptr_array_index (stats->tables[TL_STATS_REFERRAL_STAGES]->rows, st);

        g_assert_cmpstr (row->key, ==, tl_enum_to_nick (tl_referral_stage_values, st));
        g_assert_cmpint (row->count, ==, by_stage[st]);
      }
  }

  follow_ups = tl_store_list_follow_ups (store, NULL, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_ups->len, ==, 0);
  g_assert_true (tl_store_check_audit (store, &check, &error));
  g_assert_no_error (error);
  g_assert_true (check.intact);

  /* Migration 7 made the search index again with the two-letter prefix only, and
   * every tip is found by every word it was indexed with. */
  assert_prefix_index_2 (store);
  assert_every_tip_findable (store);

  g_clear_object (&store);
  tl_test_remove_tree (dir);
}

static void
collect_pages (Fixture           *fx,
               const TlTipFilter *filter,
               guint              page,
               GPtrArray         *ids,
               GPtrArray         *rows_out)
{
  for (guint offset = 0; ; offset += page)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = tl_store_list_tips (fx->store, filter, offset, page, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, <=, page);
      for (guint i = 0; i < rows->len; i++)
        {
          TlTipRow *row = g_ptr_array_index (rows, i);

          g_ptr_array_add (ids, g_strdup (row->id));
          if (rows_out != NULL)
            g_ptr_array_add (rows_out, g_memdup2 (row, sizeof *row));
        }
      if (rows_out != NULL)
        {
          /* the copies own the strings now */
          g_ptr_array_set_free_func (rows, g_free);
        }
      if (rows->len < page)
        break;
    }
}

static void
test_paging (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_row_free);
  g_autoptr(GPtrArray) open_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  TlTipFilter by_status = { .by_status = TRUE, .status = TL_TIP_STATUS_OPEN };
  TlTipFilter by_type = { .by_type = TRUE, .type = TL_TRAFFICKING_SEX };
  guint n_open = 0, n_sex = 0;

  for (guint i = 0; i < 250; i++)
    {
      g_autoptr(TlTip) tip = make_tip (NULL, NULL, NULL, "paging");

      /* Groups of five share a modified time, so the id must break ties. */
      tip->modified = G_GINT64_CONSTANT (1700000000000000) + (i / 5) * 1000;
      tip->status = i % 3 == 0 ? TL_TIP_STATUS_OPEN : TL_TIP_STATUS_CLOSED;
      tip->type = i % 4 == 0 ? TL_TRAFFICKING_SEX : TL_TRAFFICKING_LABOR;
      n_open += i % 3 == 0;
      n_sex += i % 4 == 0;
      tl_test_store_save (fx, tip);
    }

  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 250);
  g_assert_cmpint (tl_store_count_tips (fx->store, &by_status, NULL), ==, n_open);
  g_assert_cmpint (tl_store_count_tips (fx->store, &by_type, NULL), ==, n_sex);

  collect_pages (fx, NULL, 20, ids, rows);
  g_assert_cmpuint (ids->len, ==, 250);
  for (guint i = 0; i < rows->len; i++)
    {
      TlTipRow *row = g_ptr_array_index (rows, i);

      g_assert_true (g_hash_table_add (seen, row->id));
      g_assert_nonnull (row->summary);
      g_assert_true (row->has_minor == FALSE);
      if (i > 0)
        {
          TlTipRow *prev = g_ptr_array_index (rows, i - 1);

          g_assert_cmpint (prev->modified, >=, row->modified);
          if (prev->modified == row->modified)
            g_assert_cmpstr (prev->id, >, row->id);
        }
    }

  /* Jumping to any page gives the same rows as walking there. */
  for (guint offset = 0; offset < 250; offset += 37)
    {
      g_autoptr(GPtrArray) page = NULL;

      /* an unrelated query first, so the cursor cannot help */
      g_ptr_array_unref (tl_store_list_tips (fx->store, &by_type, 0, 3, NULL));
      page = tl_store_list_tips (fx->store, NULL, offset, 13, NULL);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (page, i))->id, ==,
                         g_ptr_array_index (ids, offset + i));
    }

  collect_pages (fx, &by_status, 7, open_ids, NULL);
  g_assert_cmpuint (open_ids->len, ==, n_open);
  for (guint i = 0; i < open_ids->len; i++)
    {
      g_autoptr(TlTip) tip = tl_store_load_tip (fx->store, g_ptr_array_index (open_ids, i), NULL);

      g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_OPEN);
    }
}

static void
test_paging_after_change (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(TlTip) newest = NULL;
  g_autoptr(TlTip) oldest = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(TlTip) tip = make_tip (NULL, NULL, NULL, "x");

      tip->modified = 1000 + i;
      tl_test_store_save (fx, tip);
      if (i == 0)
        oldest = tl_tip_ref (tip);
    }

  first = tl_store_list_tips (fx->store, NULL, 0, 5, NULL);
  /* The oldest tip is edited and moves to the top: the next page must reflect the
   * new order, not continue from a stale cursor. */
  oldest->modified = 5000;
  tl_test_store_save (fx, oldest);
  second = tl_store_list_tips (fx->store, NULL, 5, 5, NULL);
  g_assert_cmpuint (second->len, ==, 5);
  g_assert_cmpint (((TlTipRow *) g_ptr_array_index (second, 0))->modified, ==, 1005);
}

static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Roberto Sánchez", "505-555-0100", "ABC-1234",
                                   "They sleep in the warehouse behind the church.");
  g_autoptr(TlTip) other = make_tip ("María López", "(212) 555-0199", "XYZ 987",
                                     "Seen at the truck stop.");
  g_autoptr(TlTip) both = NULL;
  TlOffender *offender = tl_offender_new ();
  static const char * const hostile[] = {
    "\"", "\"\"", "*", "rob*", "AND", "OR", "NOT", "rob OR", "NEAR", "NEAR/3 rob", "-rob", "(", ")",
    "^rob", "rob\"", "'; DROP TABLE tips; --", "body:rob", "tips_fts:x", "a AND (b OR", "%", "_",
    "\\", "\xe2\x80\x8b", "x'00'", "*:*", "rob -", "--", "", "   ",
  };

  tl_set_str (&offender->name, "Jorge Peña");
  tl_set_str (&offender->alias, "El Flaco");
  tl_set_str (&offender->marks, "tattoo of a scorpion");
  g_ptr_array_add (tip->offenders, offender);
  tl_test_store_save (fx, tip);
  tl_test_store_save (fx, other);

  g_assert_cmpuint (search_count (fx, "Rob"), ==, 1);
  g_assert_cmpuint (search_count (fx, "roberto"), ==, 1);
  g_assert_cmpuint (search_count (fx, "sanchez"), ==, 1);
  g_assert_cmpuint (search_count (fx, "Sánchez rob"), ==, 1);
  g_assert_cmpuint (search_count (fx, "flaco"), ==, 1);
  g_assert_cmpuint (search_count (fx, "scorp"), ==, 1);
  g_assert_cmpuint (search_count (fx, "5055550100"), ==, 1);
  g_assert_cmpuint (search_count (fx, "505-555-0100"), ==, 1);
  g_assert_cmpuint (search_count (fx, "+1 (505) 555-0100"), ==, 1);
  g_assert_cmpuint (search_count (fx, "1-505-555-0100"), ==, 1);
  g_assert_cmpuint (search_count (fx, "555-0100"), ==, 1);
  g_assert_cmpuint (search_count (fx, "5550199"), ==, 1);
  g_assert_cmpuint (search_count (fx, "ABC1234"), ==, 1);
  g_assert_cmpuint (search_count (fx, "abc-1234"), ==, 1);
  g_assert_cmpuint (search_count (fx, "xyz987"), ==, 1);
  g_assert_cmpuint (search_count (fx, "warehouse"), ==, 1);
  g_assert_cmpuint (search_count (fx, "WAREHOUSE church"), ==, 1);
  g_assert_cmpuint (search_count (fx, "albuquerque"), ==, 2);
  g_assert_cmpuint (search_count (fx, "warehouse truck"), ==, 0);
  g_assert_cmpuint (search_count (fx, "zzzz"), ==, 0);
  g_assert_cmpuint (search_count (fx, "Mary-Jane"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    search_count (fx, hostile[i]);
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 2);

  /* Edits replace the indexed text. */
  tl_set_str (&tip->narrative, "Moved to a farm.");
  tl_test_store_save (fx, tip);
  g_assert_cmpuint (search_count (fx, "warehouse"), ==, 0);
  g_assert_cmpuint (search_count (fx, "farm"), ==, 1);

  both = tl_tip_ref (other);
  g_assert_true (tl_store_delete_tip (fx->store, both->id, NULL));
  g_assert_cmpuint (search_count (fx, "truck"), ==, 0);
  g_assert_cmpuint (search_count (fx, "albuquerque"), ==, 1);
}

/* More matches than the store sorts (2,000): the list index is walked newest first.
 * Tips are saved in an order unlike their modified times, with ties the id breaks,
 * and every tenth lacks the word; the first rows must be the newest matching ones, in
 * the order of the full (sorted) result. */
/* Searching by the first two letters of a word finds it, with or without accents, in
 * names, narrative words, plates and numbers; one letter is not a prefix search that
 * matters and is not promised. Every case is one row. */
static void
test_search_prefix_2 (Fixture       *fx,
                      gconstpointer  data)
{
  static const struct
  {
    const char *query;
    guint count;
  } cases[] = {
    { "Ro", 1 },        /* Roberto */
    { "sa", 1 },        /* Sánchez, accent folded */
    { "Sá", 1 },
    { "ma", 1 },        /* María */
    { "lo", 1 },        /* López */
    { "wa", 1 },        /* warehouse */
    { "tr", 1 },        /* truck */
    { "al", 2 },        /* Albuquerque, in both */
    { "ab", 1 },        /* plate ABC-1234, indexed as abc1234 */
    { "xy", 1 },        /* plate XYZ 987 */
    { "50", 1 },        /* 5055550100 */
    { "21", 1 },        /* 2125550199 */
    { "ro sa", 1 },     /* both prefixes, same tip */
    { "ro ma", 0 },     /* prefixes of different tips */
    { "qz", 0 },
  };
  g_autoptr(TlTip) tip = make_tip ("Roberto Sánchez", "505-555-0100", "ABC-1234",
                                   "They sleep in the warehouse behind the church.");
  g_autoptr(TlTip) other = make_tip ("María López", "(212) 555-0199", "XYZ 987",
                                     "Seen at the truck stop.");

  tl_test_store_save (fx, tip);
  tl_test_store_save (fx, other);
  assert_prefix_index_2 (fx->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("query “%s”", cases[i].query);
      g_assert_cmpuint (search_count (fx, cases[i].query), ==, cases[i].count);
    }
  assert_every_tip_findable (fx->store);

  /* Still so after a delete and its purge. */
  g_assert_true (tl_store_delete_tip (fx->store, other->id, NULL));
  g_assert_true (tl_store_purge (fx->store, NULL));
  g_assert_cmpuint (search_count (fx, "ma"), ==, 0);
  g_assert_cmpuint (search_count (fx, "ro"), ==, 1);
  assert_every_tip_findable (fx->store);
}

static void
test_search_many (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 2300;
  guint matching = 0;

  for (guint i = 0; i < n; i++)
    {
      TlTip *tip = make_tip (NULL, NULL, NULL, i % 10 == 0 ? "quay" : "harbor");

      /* A permutation of 0..n-1 (7919 is prime to 2300), in pairs sharing a time. */
      tip->modified = G_GINT64_CONSTANT (1700000000000000) + ((i * 7919) % n) / 2 * 1000;
      matching += i % 10 != 0;
      g_ptr_array_add (tips, tip);
    }
  g_assert_true (_tl_store_save_tips (fx->store, tips, &error));
  g_assert_no_error (error);

  all = tl_store_search (fx->store, "harbor", n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, matching);
  g_assert_cmpuint (matching, >, 2000);

  first = tl_store_search (fx->store, "harbor", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 100);
  for (guint i = 0; i < all->len; i++)
    {
      TlTipRow *row = g_ptr_array_index (all, i);

      if (i > 0)
        {
          TlTipRow *prev = g_ptr_array_index (all, i - 1);

          g_assert_true (prev->modified > row->modified ||
                         (prev->modified == row->modified && g_strcmp0 (prev->id, row->id) > 0));
        }
      if (i < first->len)
        g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (first, i))->id, ==, row->id);
    }

  g_clear_pointer (&first, g_ptr_array_unref);
  first = tl_store_search (fx->store, "quay", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, n - matching);
}

/* The search's own SQL aggregate (tl-store-search.c): every id, ascending even when
 * the rows come out of order, repeats kept (the merge with the attachments' matches
 * drops them), an empty blob for no rows. */
static void
test_search_packed_ids (Fixture       *fx,
                        gconstpointer  data)
{
  static const struct {
    const char *rows;
    gint64      ids[5];
    guint       n_ids;
  } cases[] = {
    { "SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 9", { 1, 2, 9 }, 3 },
    { "SELECT 9 AS x UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 2 UNION ALL SELECT -4",
      { -4, 1, 2, 2, 9 }, 5 },
    { "SELECT 1 AS x WHERE 0", { 0 }, 0 },
  };
  sqlite3 *db = _tl_store_get_db (fx->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT tl_packed_ids (x) FROM (%s)", cases[i].rows);
      sqlite3_stmt *stmt = NULL;

      g_test_message ("rows %s", cases[i].rows);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_bytes (stmt, 0), ==, cases[i].n_ids * sizeof (gint64));
      if (cases[i].n_ids > 0)
        g_assert_cmpmem (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                         cases[i].ids, cases[i].n_ids * sizeof (gint64));
      sqlite3_finalize (stmt);
    }
}

static void
test_identifiers (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", "+1 505-555-0100", "abc 1234", "x");
  TlOffender *offender = tl_offender_new ();
  TlOnline *email = tl_online_new ();
  TlOnline *handle = tl_online_new ();
  TlFinancial *card = tl_financial_new ();
  sqlite3_stmt *stmt = NULL;

  tl_set_str (&offender->name, "Robert Smith");
  g_ptr_array_add (tip->offenders, offender);
  email->kind = TL_ONLINE_EMAIL;
  tl_set_str (&email->value, " Boss@Example.COM ");
  g_ptr_array_add (tip->online, email);
  handle->kind = TL_ONLINE_SOCIAL;
  tl_set_str (&handle->value, "@BigBoss_99");
  g_ptr_array_add (tip->online, handle);
  tl_set_str (&card->value, "4111-1111 1111-1111");
  g_ptr_array_add (tip->financial, card);
  tl_test_store_save (fx, tip);

#define HAS(kind, value) \
  tl_test_store_query_int (fx->store, "SELECT count(*) FROM identifiers WHERE kind = '" kind "' AND value = '" value "'")
  g_assert_cmpint (HAS ("phone", "5055550100"), ==, 1);
  g_assert_cmpint (HAS ("plate", "ABC1234"), ==, 1);
  g_assert_cmpint (HAS ("email", "boss@example.com"), ==, 1);
  g_assert_cmpint (HAS ("online", "@bigboss_99"), ==, 1);
  g_assert_cmpint (HAS ("account", "4111111111111111"), ==, 1);
  g_assert_cmpint (HAS ("name", "robert smith"), ==, 1);
  g_assert_cmpint (HAS ("name-sound", "R163 S530"), ==, 1);
#undef HAS

  /* The lookup a later issue does is an index search. */
  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (fx->store),
                                       "EXPLAIN QUERY PLAN SELECT tip_rowid FROM identifiers"
                                       " WHERE kind = 'phone' AND value = '1'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 3), "identifiers_kind_value"));
  sqlite3_finalize (stmt);

  /* Re-saving does not duplicate; deleting removes them. */
  tl_test_store_save (fx, tip);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM identifiers WHERE kind = 'phone'"), ==, 1);
  g_assert_true (tl_store_delete_tip (fx->store, tip->id, NULL));
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM identifiers"), ==, 0);
}

static void
test_drafts (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", NULL, NULL, "half typed");
  g_autoptr(TlTip) saved = make_tip ("Beto", NULL, NULL, "saved");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  tl_set_str (&((TlVictim *) g_ptr_array_index (tip->victims, 0))->age, "1");
  g_assert_true (tl_store_save_draft (fx->store, tip, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_save_draft (fx->store, tip, &error));
  tl_test_store_save (fx, saved);

  tl_test_store_reopen (fx, PASS);
  drafts = tl_store_list_drafts (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_true (tl_tip_equal (tip, g_ptr_array_index (drafts, 0)));
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* Saving the tip removes its draft. */
  tl_test_store_save (fx, tip);
  drafts = tl_store_list_drafts (fx->store, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM drafts"), ==, 0);

  /* A draft of a saved tip made after its save is offered; a later save hides it. */
  g_usleep (2000);
  tl_set_str (&saved->narrative, "edited, not saved");
  g_assert_true (tl_store_save_draft (fx->store, saved, NULL));
  drafts = tl_store_list_drafts (fx->store, NULL);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_assert_true (tl_store_discard_draft (fx->store, saved->id, &error));
  g_assert_no_error (error);
  drafts = tl_store_list_drafts (fx->store, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
}

static void
test_audit (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip (CANARY, CANARY_PHONE, NULL, CANARY);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  static const TlAuditAction expected[] = {
    TL_AUDIT_CREATE, TL_AUDIT_EDIT, TL_AUDIT_VIEW, TL_AUDIT_EXPORT, TL_AUDIT_DELETE,
  };
  sqlite3_stmt *stmt = NULL;

  tl_test_store_save (fx, tip);
  tl_test_store_save (fx, tip);
  g_assert_true (tl_store_audit (fx->store, TL_AUDIT_VIEW, tip->id, &error));
  g_assert_true (tl_store_audit (fx->store, TL_AUDIT_EXPORT, tip->id, &error));
  g_assert_true (tl_store_delete_tip (fx->store, tip->id, &error));
  g_assert_no_error (error);

  entries = tl_store_list_audit (fx->store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entries->len; i++)
    {
      TlAuditEntry *e = g_ptr_array_index (entries, i);

      g_assert_cmpint (e->action, ==, expected[i]);
      g_assert_cmpstr (e->advocate, ==, "Advocate A");
      g_assert_cmpstr (e->tip_id, ==, tip->id);
      g_assert_cmpint (e->at, >, 0);
    }

  /* No content in any column. */
  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (fx->store), "SELECT * FROM audit", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, c);

        g_assert_true (text == NULL || (strstr (text, CANARY) == NULL && strstr (text, CANARY_DIGITS) == NULL));
      }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store), "UPDATE audit SET advocate = 'x'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store), "DELETE FROM audit", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM audit WHERE advocate = 'x'"), ==, 0);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM audit"), >=, G_N_ELEMENTS (expected));
}

static void
test_permissions (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", NULL, NULL, "x");
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (fx->dir, "a", "store", NULL);
  g_autoptr(TlStore) other = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (fx->dir, 0755), ==, 0);
  tl_test_store_reopen (fx, PASS);
  tl_test_store_save (fx, tip);

  g_assert_cmpint (file_mode (fx, "."), ==, 0700);
  g_assert_cmpint (file_mode (fx, "tipline.db"), ==, 0600);
  g_assert_cmpint (file_mode (fx, "tipline.db-wal"), ==, 0600);
  g_assert_cmpint (file_mode (fx, "tipline.db-shm"), ==, 0600);
  g_assert_cmpint (file_mode (fx, "tipline.keys"), ==, 0600);

  other = tl_store_new (nested);
  g_assert_true (tl_store_create (other, PASS, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_no_plain_header (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = tl_test_store_path (fx, "tipline.db");
  g_autofree char *db = NULL;
  gsize length;

  tl_store_lock (fx->store);
  g_assert_true (g_file_get_contents (path, &db, &length, NULL));
  g_assert_cmpuint (length, >=, 1024);
  g_assert_cmpuint (length % 1024, ==, 0);
  g_assert_false (memcmp (db, "SQLite format 3", 15) == 0);
}

static void
test_canary (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip (CANARY " Pérez", CANARY_PHONE, "CNRY-" CANARY, "Narrative " CANARY);
  g_autoptr(GError) error = NULL;
  static const char * const files[] = { "tipline.db", "tipline.db-wal", "tipline.keys" };

  g_assert_true (tl_store_save_draft (fx->store, tip, &error));
  tl_test_store_save (fx, tip);
  g_assert_true (g_file_test (fx->dir, G_FILE_TEST_IS_DIR));

  /* While open (the tip sits in the write-ahead log) and after locking. */
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_assert_false (file_contains (fx, files[i], CANARY));
          g_assert_false (file_contains (fx, files[i], CANARY_DIGITS));
          g_assert_false (file_contains (fx, files[i], "Narrative"));
          g_assert_false (file_contains (fx, files[i], "Albuquerque"));
        }
      tl_store_lock (fx->store);
    }
}

static void
test_plain_delete (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip (CANARY, CANARY_PHONE, NULL, "Narrative " CANARY);
  g_autoptr(TlTip) keep = make_tip ("Someone Else", NULL, NULL, "stays");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (fx->dir, G_FILE_TEST_IS_DIR));
  tl_test_store_save (fx, keep);
  tl_test_store_save (fx, tip);
  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Control: in plain mode the canary is there to find, so the check below can fail. */
  g_assert_true (file_contains (fx, "tipline.db", CANARY));
  g_assert_true (file_contains (fx, "tipline.db", CANARY_DIGITS));

  /* Since issue 16 a delete does not rewrite the search index on the spot: the purge
   * is pending until idle time, a backup or the lock, and then nothing is left. */
  g_assert_true (tl_store_delete_tip (fx->store, tip->id, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_purge_is_pending (fx->store));
  g_assert_true (tl_store_purge (fx->store, &error));
  g_assert_no_error (error);
  g_assert_false (tl_store_purge_is_pending (fx->store));
  g_assert_false (file_contains (fx, "tipline.db", CANARY));
  g_assert_false (file_contains (fx, "tipline.db", CANARY_DIGITS));
  g_assert_false (file_contains (fx, "tipline.db-wal", CANARY));
  g_assert_true (file_contains (fx, "tipline.db", "Someone Else"));

  tl_store_lock (fx->store);
  g_assert_false (file_contains (fx, "tipline.db", CANARY));
  g_assert_false (g_file_test (fx->dir, G_FILE_TEST_IS_REGULAR));
}

static void
changed_cb (TlStore    *store,
            const char *tip_id,
            GPtrArray  *ids)
{
  g_ptr_array_add (ids, g_strdup (tip_id));
}

static void
test_signal (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Ana", NULL, NULL, "x");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (fx->store, "tips-changed", G_CALLBACK (changed_cb), ids);
  tl_test_store_save (fx, tip);
  g_assert_true (tl_store_save_draft (fx->store, tip, NULL));
  g_assert_true (tl_store_delete_tip (fx->store, tip->id, NULL));
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, tip->id);
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, tip->id);
}

/* A state written out is stored as its code, so the list, routing and exports agree;
 * the caller's tip (what the editor shows) is not changed under it. */
static void
test_state_normalized (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(TlTip) tip = make_tip ("Roberto Sánchez", "505-555-0100", "ABC-1234", "warehouse");
  g_autoptr(TlTip) loaded = NULL;
  g_autoptr(GError) error = NULL;

  tl_set_str (&tip->location.state, "Nuevo México");
  tl_test_store_save (fx, tip);
  g_assert_cmpstr (tip->location.state, ==, "Nuevo México");
  loaded = tl_store_load_tip (fx->store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->location.state, ==, "NM");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup_fn, fn) \
  g_test_add (path, Fixture, NULL, setup_fn, fn, tl_test_store_tear_down)

  ADD ("/store/create-reopen", tl_test_store_set_up, test_create_reopen);
  ADD ("/store/locked", tl_test_store_set_up, test_locked);
  ADD ("/store/reopen-wrong-key", tl_test_store_set_up, test_wrong_passphrase);
  ADD ("/store/damaged-keyslot", tl_test_store_set_up, test_damaged_keyslot);
  ADD ("/store/damaged-db", tl_test_store_set_up, test_damaged_db);
  ADD ("/store/change-passphrase", tl_test_store_set_up, test_change_passphrase);
  ADD ("/store/migrations", tl_test_store_set_up, test_migrations);
  ADD ("/store/paging", tl_test_store_set_up, test_paging);
  ADD ("/store/paging-after-change", tl_test_store_set_up, test_paging_after_change);
  ADD ("/store/search", tl_test_store_set_up, test_search);
  ADD ("/store/search-many", setup_plain, test_search_many);
  ADD ("/store/search-packed-ids", setup_plain, test_search_packed_ids);
  ADD ("/store/search-prefix-2", tl_test_store_set_up, test_search_prefix_2);
  ADD ("/store/identifiers", tl_test_store_set_up, test_identifiers);
  ADD ("/store/drafts", tl_test_store_set_up, test_drafts);
  ADD ("/store/audit", tl_test_store_set_up, test_audit);
  ADD ("/store/permissions", tl_test_store_set_up, test_permissions);
  ADD ("/store/no-plain-header", tl_test_store_set_up, test_no_plain_header);
  ADD ("/store/canary", tl_test_store_set_up, test_canary);
  ADD ("/store/plain-delete", setup_plain, test_plain_delete);
  ADD ("/store/signal", tl_test_store_set_up, test_signal);
  ADD ("/store/state-normalized", tl_test_store_set_up, test_state_normalized);

#undef ADD

  g_test_add_func ("/store/open-version-3", test_open_version_3);

  return g_test_run ();
}
