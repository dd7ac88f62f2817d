/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 16: unlock costs the key derivation and a constant (the page check only after a
 * crash, later on its own connection, or on demand), damage found after unlock blocks
 * writes, and deletes and edits leave no word of what they removed on disk once the
 * pending purge has run (canaries), without rewriting the index on the spot. */
#define G_LOG_DOMAIN "test-store-speed"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-export-all.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"
#include "tl-tip-xml.h"

#define PASS "speed test secret"
#define CANARY_DELETE "qvorzathine"
#define CANARY_EDIT   "wyxtrembolia"

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
  tl_test_store_clear (fx);
}

static TlTip *
make_tip (const char *victim,
          guint       words)
{
  g_autoptr(GString) narrative = g_string_new (NULL);
  TlTip *tip = tl_tip_new ();
  TlVictim *v = tl_victim_new ();

  for (guint i = 0; i < words; i++)
    g_string_append_printf (narrative, "word%u ", g_str_hash (victim) % 9973 + i);
  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, narrative->str);
  tl_set_str (&v->name, victim);
  g_ptr_array_add (tip->victims, v);
  return tip;
}

static char *
save (TlStore    *store,
      const char *victim,
      guint       words)
{
  g_autoptr(GError) error = NULL;
  TlTip *tip = make_tip (victim, words);
  char *id = g_strdup (tip->id);

  g_assert_true (tl_store_save_tip (store, tip, &error));
  g_assert_no_error (error);
  tl_tip_unref (tip);
  return id;
}

static void
unlock (TlStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_store_unlock (store, PASS, &error));
  g_assert_no_error (error);
}

/* Flips one byte in the middle of the database file: a page of tip data, which unlock
 * does not read. */
static void
damage_middle (TlTestStore *fx)
{
  g_autofree char *path = tl_test_store_path (fx, TL_STORE_DB_NAME);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_cmpuint (length, >, 64 * 1024);
  data[(length / 2 / 1024) * 1024 + 500] ^= 0x5a;
  g_assert_true (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                           0600, &error));
}

static void
fill (TlTestStore *fx)
{
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Victim %u", i);
      g_autofree char *id = save (fx->store, name, 400);
    }
  tl_store_lock (fx->store);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  tl_store_check_integrity_finish (TL_STORE (source), result, error);
  if (*error == NULL)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED, "no damage found");
}

/* Whether word (lower case) is in the file at path, in any case. FTS4 stores a term
 * after the prefix it shares with the term before it, so callers look for a canary's
 * tail (made-up words share no more than a letter or two with real ones). */
static gboolean
file_has (const char *path,
          const char *word)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    data[i] = g_ascii_tolower (data[i]);
  return memmem (data, length, word, strlen (word)) != NULL;
}

static gboolean
store_has (const char *dir,
           const char *word)
{
  static const char * const names[] = { "tipline.db", "tipline.db-wal", "tipline.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (file_has (path, word + 3))
        return TRUE;
    }
  return FALSE;
}

/* Index segments beyond one per index (the full-word index and each prefix index keep
 * their own; 'optimize' leaves one each). */
static gint64
segments (TlStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (store), "SELECT count(*) - count(DISTINCT level / 1024) FROM tips_fts_segdir",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* tests */

/* After a clean close, unlock does not read every page: a damaged page of tip data is
 * not noticed at unlock but by the check that follows (on demand, or on a worker), which
 * then blocks writes until the advocate decides. After a crash (no clean-close mark)
 * the same damage stops the unlock, as before. */
static void
test_clean_unlock_defers_check (TlTestStore     *fx,
                                gconstpointer  data)
{
  g_autofree char *mark = tl_test_store_path (fx, "tipline.closed");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  fill (fx);
  g_assert_true (g_file_test (mark, G_FILE_TEST_IS_REGULAR));

  /* Undamaged: the check is due after unlock, and the worker finds nothing. */
  unlock (fx->store);
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_assert_true (tl_store_integrity_check_due (fx->store));
  g_assert_true (tl_store_check_integrity (fx->store, &error));
  g_assert_no_error (error);
  g_assert_false (tl_store_integrity_check_due (fx->store));
  tl_store_lock (fx->store);

  damage_middle (fx);

  /* Clean close: unlock succeeds, the worker's check finds the damage. */
  unlock (fx->store);
  g_assert_true (tl_store_integrity_check_due (fx->store));
  tl_store_check_integrity_async (fx->store, NULL, check_done, &error);
  while (error == NULL)
    g_main_context_iteration (context, TRUE);
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "tipline.db"));
  g_clear_error (&error);
  g_assert_true (tl_store_is_damaged (fx->store));

  /* Writes wait for the advocate's decision; reading still works. */
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, &error), ==, 60);
  g_assert_no_error (error);
  {
    TlTip *tip = make_tip ("Another", 3);

    g_assert_false (tl_store_save_tip (fx->store, tip, &error));
    g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
    g_clear_error (&error);
    tl_tip_unref (tip);
  }

  /* A store found damaged is not marked clean at lock: the next unlock checks every
   * page and refuses. */
  tl_store_lock (fx->store);
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_assert_false (tl_store_unlock (fx->store, PASS, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
}

/* The on-demand check and tl_store_accept_damage(). */
static void
test_check_on_demand (TlTestStore     *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  fill (fx);
  damage_middle (fx);
  unlock (fx->store);
  g_assert_false (tl_store_check_integrity (fx->store, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_true (tl_store_is_damaged (fx->store));

  tl_store_accept_damage (fx->store);
  g_assert_false (tl_store_is_damaged (fx->store));
  id = save (fx->store, "After the decision", 3);
}

/* A write-ahead log left behind (a crash) means a check at unlock, mark or not. */
static void
test_wal_left_behind (TlTestStore     *fx,
                      gconstpointer  data)
{
  g_autofree char *wal = tl_test_store_path (fx, "tipline.db-wal");
  g_autofree char *mark = tl_test_store_path (fx, "tipline.closed");
  g_autoptr(GError) error = NULL;

  fill (fx);
  damage_middle (fx);
  tl_test_store_write (fx, "tipline.db-wal", "x", 1);
  g_assert_true (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_assert_false (tl_store_unlock (fx->store, PASS, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
  g_unlink (wal);
}

/* Delete does not rewrite the search index: FTS4 segments stay as they are and a purge
 * is pending; the purge (at lock) leaves one segment and nothing pending. */
static void
test_delete_defers_purge (TlTestStore     *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = save (fx->store, "Ana", 5);
  g_autofree char *b = save (fx->store, "Beto", 5);
  g_autofree char *c = save (fx->store, "Carla", 5);
  gint64 before = segments (fx->store);

  g_assert_cmpint (before, >=, 2);
  g_assert_true (tl_store_delete_tip (fx->store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (segments (fx->store), >, 0);
  g_assert_true (tl_store_purge_is_pending (fx->store));

  /* The deleted tip is forgotten by search at once. */
  {
    g_autoptr(GPtrArray) hits = tl_store_search (fx->store, "Beto", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  g_assert_true (tl_store_purge (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (segments (fx->store), ==, 0);
  g_assert_false (tl_store_purge_is_pending (fx->store));
}

/* Canaries, on a plain twin (encryption would hide them anyway): a deleted tip's victim
 * name and a name removed by an edit are on disk until the purge, and nowhere in the
 * store's files after the lock's purge and checkpoint. */
static void
test_canaries (void)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("canary");
  g_autoptr(TlStore) store = _tl_store_new_plain (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *gone = NULL;
  TlTip *tip;

  g_assert_true (tl_store_create (store, "unused", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  keep = save (store, "Dora", 50);
  gone = save (store, CANARY_DELETE, 50);
  tip = make_tip (CANARY_EDIT, 50);
  g_assert_true (tl_store_save_tip (store, tip, &error));
  tl_store_lock (store);
  g_assert_true (store_has (dir, CANARY_DELETE));
  g_assert_true (store_has (dir, CANARY_EDIT));

  g_assert_true (tl_store_unlock (store, "", &error));
  g_assert_true (tl_store_delete_tip (store, gone, &error));
  g_assert_no_error (error);
  tl_set_str (&((TlVictim *) tip->victims->pdata[0])->name, "Corrected Name");
  tip->modified += 1;
  g_assert_true (tl_store_save_tip (store, tip, &error));
  g_assert_no_error (error);
  tl_tip_unref (tip);

  /* Before the purge the words are still there (the test can see them). */
  sqlite3_exec (_tl_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_assert_true (store_has (dir, CANARY_DELETE));
  g_assert_true (store_has (dir, CANARY_EDIT));
  g_assert_true (tl_store_purge_is_pending (store));

  tl_store_lock (store);
  g_assert_false (store_has (dir, CANARY_DELETE));
  g_assert_false (store_has (dir, CANARY_EDIT));

  /* The kept tip is still found. */
  g_assert_true (tl_store_unlock (store, "", &error));
  {
    g_autoptr(GPtrArray) hits = tl_store_search (store, "Dora", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  tl_store_lock (store);
  g_clear_object (&store);
  tl_test_remove_tree (dir);
}

/* The app died after a delete: a copy of the folder as it was (database, write-ahead
 * log, key file, no clean-close mark) still has the purge pending, and its next lock
 * runs it. */
static void
test_purge_survives_crash (TlTestStore     *fx,
                           gconstpointer  data)
{
  static const char * const names[] = { "tipline.db", "tipline.db-wal", "tipline.keys" };
  g_autofree char *copy = tl_test_make_tmp_dir ("crash");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = save (fx->store, "Ana", 5);
  g_autoptr(TlStore) other = NULL;

  g_assert_true (tl_store_delete_tip (fx->store, a, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = tl_test_store_path (fx, names[i]);
      g_autofree char *to = g_build_filename (copy, names[i], NULL);
      g_autofree char *bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
      g_assert_true (g_file_set_contents_full (to, bytes, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }

  other = tl_store_new (copy);
  g_assert_true (tl_store_unlock (other, PASS, &error));
  g_assert_no_error (error);
  g_assert_false (tl_store_integrity_check_due (other));   /* checked at unlock */
  g_assert_true (tl_store_purge_is_pending (other));
  tl_store_lock (other);
  g_assert_true (tl_store_unlock (other, PASS, &error));
  g_assert_false (tl_store_purge_is_pending (other));
  g_assert_true (tl_store_integrity_check_due (other));    /* closed cleanly this time */
  tl_store_lock (other);
  g_clear_object (&other);
  tl_test_remove_tree (copy);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

/* Export of every tip, streamed: the file reads back (schema-valid) with every tip,
 * newest first; one export entry per tip, all written in one transaction (one time);
 * a tip that does not validate stops the export before the file exists. */
static void
test_export_all (TlTestStore     *fx,
                 gconstpointer  data)
{
  g_autofree char *path = tl_test_store_path (fx, "export.xml");
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at = 0;
  guint n = 0, calls = 0, exports = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *id = save (fx->store, name, 20);
    }
  rows = tl_store_list_tips (fx->store, NULL, 0, 100, &error);

  g_assert_true (tl_export_all_tips (fx->store, path, FALSE, count_progress, &calls, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpuint (calls, >=, 1);

  back = tl_tip_xml_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (((TlTip *) back->pdata[i])->id, ==, ((TlTipRow *) rows->pdata[i])->id);

  audit = tl_store_list_audit (fx->store, NULL, &error);
  for (guint i = 0; i < audit->len; i++)
    {
      TlAuditEntry *entry = audit->pdata[i];

      if (entry->action != TL_AUDIT_EXPORT)
        continue;
      g_assert_nonnull (entry->tip_id);
      if (exports++ == 0)
        at = entry->at;
      g_assert_cmpint (entry->at, ==, at);
    }
  g_assert_cmpuint (exports, ==, 7);
  /* The seven entries were appended with the audit key read once: each is still one
   * link of the chain, and each names its own tip, in the order of the tips' ids (so the
   * audit's index grows leaf by leaf). */
  {
    g_autoptr(GPtrArray) by_id = g_ptr_array_new ();
    TlAuditCheck check = { 0 };
    guint k = 0;

    for (guint i = 0; i < rows->len; i++)
      g_ptr_array_add (by_id, ((TlTipRow *) rows->pdata[i])->id);
    g_ptr_array_sort (by_id, compare_ids);

    /* (the fixture's store gets its record outside the database at its first unlock) */
    tl_test_store_reopen (fx, PASS);
    g_assert_true (tl_store_check_audit (fx->store, &check, &error));
    g_assert_no_error (error);
    if (!check.intact)
      g_test_message ("broken at %" G_GINT64_FORMAT ": %s", check.broken_seq, check.problem);
    g_assert_true (check.intact);
    g_assert_cmpuint (check.checked, >=, audit->len);
    for (guint i = 0; i < audit->len; i++)
      if (((TlAuditEntry *) audit->pdata[i])->action == TL_AUDIT_EXPORT)
        g_assert_cmpstr (((TlAuditEntry *) audit->pdata[i])->tip_id, ==, by_id->pdata[k++]);
  }

  /* Exists: refused without overwrite. */
  g_assert_false (tl_export_all_tips (fx->store, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_EXISTS);
  g_clear_error (&error);
  g_unlink (path);

  /* A tip that does not validate (an age that is not a number): no file. */
  {
    TlTip *bad = make_tip ("Eva", 3);

    tl_set_str (&((TlVictim *) bad->victims->pdata[0])->age, "about fifteen");
    g_assert_true (tl_store_save_tip (fx->store, bad, &error));
    g_assert_no_error (error);
    g_assert_false (tl_export_all_tips (fx->store, path, FALSE, NULL, NULL, NULL, &error));
    g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, bad->id));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    tl_tip_unref (bad);
  }
}

static gint64
direct_count (TlStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (store), "SELECT count(*) FROM tips", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

typedef enum
{
  COUNT_SAVE_NEW,
  COUNT_SAVE_AGAIN,
  COUNT_SAVE_MANY,
  COUNT_DELETE,
  COUNT_REOPEN,
  COUNT_MIGRATE,     /* a store from before migration 16 */
  COUNT_STEPS
} CountStep;

/* The number of tips the list asks for is kept by triggers (migration 16) rather than
 * counted: after every kind of write it is what count(*) says, and a store from before
 * the migration starts with its real count. */
static void
test_count_kept (TlTestStore     *fx,
                 gconstpointer  data)
{
  static const char * const names[] = {
    "save a new tip", "save a tip again", "save many in one transaction", "delete a tip",
    "lock and unlock", "a store from before migration 16",
  };
  g_autofree char *first = save (fx->store, "First", 3);

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == COUNT_STEPS);
  for (guint step = 0; step < COUNT_STEPS; step++)
    {
      g_autoptr(GError) error = NULL;
      TlTipFilter open_only = { .by_status = TRUE, .status = TL_TIP_STATUS_OPEN };

      g_test_message ("%s", names[step]);
      switch ((CountStep) step)
        {
        case COUNT_SAVE_NEW:
          g_free (save (fx->store, "Second", 3));
          break;
        case COUNT_SAVE_AGAIN:
          {
            g_autoptr(TlTip) tip = tl_store_load_tip (fx->store, first, &error);

            tl_tip_touch (tip);
            g_assert_true (tl_store_save_tip (fx->store, tip, &error));
          }
          break;
        case COUNT_SAVE_MANY:
          {
            g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);

            for (guint i = 0; i < 5; i++)
              g_ptr_array_add (tips, make_tip ("Many", 2));
            g_assert_true (_tl_store_save_tips (fx->store, tips, &error));
          }
          break;
        case COUNT_DELETE:
          g_assert_true (tl_store_delete_tip (fx->store, first, &error));
          break;
        case COUNT_REOPEN:
          tl_test_store_reopen (fx, PASS);
          break;
        case COUNT_MIGRATE:
          g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store),
                                         "DROP TRIGGER tips_count_insert; DROP TRIGGER tips_count_delete;"
                                         "DROP TABLE tips_count; DELETE FROM schema_version WHERE version >= 16;",
                                         NULL, NULL, NULL), ==, SQLITE_OK);
          g_free (save (fx->store, "Before the migration", 2));
          tl_test_store_reopen (fx, PASS);
          break;
        case COUNT_STEPS:
        default:
          g_assert_not_reached ();
        }
      g_assert_no_error (error);
      g_assert_cmpint (tl_store_count_tips (fx->store, NULL, &error), ==, direct_count (fx->store));
      /* A filtered count is still counted. */
      g_assert_cmpint (tl_store_count_tips (fx->store, &open_only, &error), <=, direct_count (fx->store));
      g_assert_no_error (error);
    }
  g_assert_cmpint (direct_count (fx->store), ==, 1 + 1 + 5 - 1 + 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, TlTestStore, NULL, setup, fn, teardown)
  ADD ("/store-speed/clean-unlock-defers-check", test_clean_unlock_defers_check);
  ADD ("/store-speed/check-on-demand", test_check_on_demand);
  ADD ("/store-speed/wal-left-behind", test_wal_left_behind);
  ADD ("/store-speed/delete-defers-purge", test_delete_defers_purge);
  ADD ("/store-speed/purge-survives-crash", test_purge_survives_crash);
  ADD ("/store-speed/export-all", test_export_all);
  ADD ("/store-speed/count-kept", test_count_kept);
#undef ADD
  g_test_add_func ("/store-speed/canaries", test_canaries);

  return g_test_run ();
}
