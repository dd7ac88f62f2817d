/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-export.h"
#include "tl-import.h"
#include "tl-export.h"
#include "tl-tip-xml.h"
#include "tl-test-store.h"

#define PASS TL_TEST_STORE_PASSPHRASE

typedef TlTestStore Fixture;

/* helpers */

static TlTip *
make_tip (guint n)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *v = tl_victim_new ();

  tip->type = n % 2 ? TL_TRAFFICKING_SEX : TL_TRAFFICKING_LABOR;
  tip->modified = 1700000000000000 + n;
  tl_set_str (&tip->location.state, "NM");
  tip->narrative = g_strdup_printf ("Generated tip %u", n);
  tl_set_str (&v->age, "30");
  g_ptr_array_add (tip->victims, v);
  return tip;
}

static char *
write_tips (Fixture    *fx,
            const char *name,
            GPtrArray  *tips)
{
  g_autofree char *xml = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);
  gsize length = 0;

  xml = tl_tip_xml_write (tips, TRUE, &length);
  g_assert_true (g_file_set_contents (path, xml, length, NULL));
  return path;
}

static guint
count_audit (Fixture       *fx,
             TlAuditAction  action)
{
  g_autoptr(GPtrArray) entries = tl_store_list_audit (fx->store, NULL, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (entries, i))->action == action)
      n++;
  return n;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

/* tests */

/* 5,000 tips, of which 100 are already in the store unchanged, 100 are newer here
 * (updates), 100 are older than the store's copy (conflicts), plus 50 duplicates
 * inside the file itself. */
static void
test_large (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };
  guint calls = 0;

  for (guint i = 0; i < 300; i++)
    {
      TlTip *tip = make_tip (i);
      g_assert_true (tl_store_save_tip (fx->store, tip, &error));
      g_ptr_array_add (existing, tip);
    }

  for (guint i = 0; i < 300; i++)
    {
      TlTip *copy = tl_tip_copy (g_ptr_array_index (existing, i));

      if (i >= 100 && i < 200)
        {
          g_free (copy->narrative);
          copy->narrative = g_strdup ("Updated on the other workstation");
          copy->modified += 1000;
        }
      else if (i >= 200)
        {
          g_free (copy->narrative);
          copy->narrative = g_strdup ("An older edit");
          copy->modified -= 1000;
        }
      g_ptr_array_add (incoming, copy);
    }
  for (guint i = 300; i < 5000 - 50; i++)
    g_ptr_array_add (incoming, make_tip (i));
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (incoming, tl_tip_copy (g_ptr_array_index (incoming, 1000 + i)));
  g_assert_cmpuint (incoming->len, ==, 5000);

  path = write_tips (fx, "many.xml", incoming);
  paths[0] = path;
  result = tl_import_files (fx->store, paths, progress_cb, &calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 4650);
  g_assert_cmpuint (result->updated, ==, 100);
  g_assert_cmpuint (result->skipped, ==, 100 + 50);
  g_assert_cmpuint (result->conflicts, ==, 100);
  g_assert_cmpuint (result->conflict_ids->len, ==, 100);
  g_assert_cmpuint (calls, >=, 50);
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 4950);
  g_assert_cmpuint (count_audit (fx, TL_AUDIT_IMPORT), ==, 4750);
}

/* One broken tip among many: nothing at all is imported. */
static void
test_all_or_nothing (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GString) broken = NULL;
  const char *paths[3];

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (tips, make_tip (i));
  good = write_tips (fx, "good.xml", tips);

  xml = tl_tip_xml_write (tips, TRUE, NULL);
  broken = g_string_new (xml);
  g_string_replace (broken, "<age>30</age>", "<age>thirty</age>", 1);
  bad = g_build_filename (fx->dir, "bad.xml", NULL);
  g_assert_true (g_file_set_contents (bad, broken->str, -1, NULL));

  paths[0] = good;
  paths[1] = bad;
  paths[2] = NULL;
  result = tl_import_files (fx->store, paths, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.xml:"));
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 0);

  /* a failure inside the transaction rolls back what came before it */
  g_clear_error (&error);
  g_clear_pointer (&((TlTip *) g_ptr_array_index (tips, 10))->id, g_free);
  result = tl_store_import_tips (fx->store, tips, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, 0);
}

/* Export as XML, import into another store: the same tip comes back. */
static void
test_round_trip (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *fixture = tl_test_fixture_path ("tip-full.xml", NULL);
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (fixture, NULL);
  TlTip *tip = g_ptr_array_index (tips, 0);
  g_autoptr(TlExport) report = tl_export_new (tip, TL_REPORT_PROFILE_FULL, TL_REPORT_XML, NULL);
  g_autofree char *out = g_build_filename (fx->dir, "full.xml", NULL);
  g_autofree char *other_dir = g_build_filename (fx->dir, "other", NULL);
  g_autoptr(TlStore) other = tl_store_new (other_dir);
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(TlTip) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { out, NULL };

  g_assert_true (tl_store_save_tip (fx->store, tip, &error));
  g_assert_true (tl_export_write_file (report, fx->store, out, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (tl_store_create (other, PASS, TL_KDF_MINIMUM, &error));
  result = tl_import_files (other, paths, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  back = tl_store_load_tip (other, tip->id, &error);
  g_assert_true (tl_tip_equal (back, tip));

  /* a second import of the same file changes nothing */
  g_clear_pointer (&result, tl_import_result_free);
  result = tl_import_files (other, paths, NULL, NULL, &error);
  g_assert_cmpuint (result->skipped, ==, 1);

  /* a redacted copy of the same tip, same time, different content: a conflict */
  {
    g_autoptr(TlExport) le = tl_export_new (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_XML, NULL);
    g_autofree char *le_path = g_build_filename (fx->dir, "le.xml", NULL);
    const char *le_paths[] = { le_path, NULL };

    g_assert_true (tl_export_write_file (le, fx->store, le_path, FALSE, &error));
    g_clear_pointer (&result, tl_import_result_free);
    result = tl_import_files (other, le_paths, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->conflicts, ==, 1);
  }
}

/* Export files: owner-only, never replaced silently, never in recent files, audited. */
static void
test_write_file (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *fixture = tl_test_fixture_path ("tip-full.xml", NULL);
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (fixture, NULL);
  TlTip *tip = g_ptr_array_index (tips, 0);
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *recent = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  const char *names[] = { "r.pdf", "r.txt", "r.xml", "r.csv", "r.json" };

  g_ptr_array_add (overrides, tl_report_override_parse ("victim:2=Court order 24-117", NULL));
  g_assert_true (tl_store_save_tip (fx->store, tip, &error));

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *path = g_build_filename (fx->dir, names[f], NULL);
      TlReportFormat format = f == 0 ? TL_REPORT_PDF : f == 1 ? TL_REPORT_TEXT
                              : f == 2 ? TL_REPORT_XML : f == 3 ? TL_REPORT_HTCDS_CSV
                              : TL_REPORT_HTCDS_JSON;
      g_autoptr(TlExport) report = tl_export_new (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, format,
                                                  overrides);
      GStatBuf st;

      g_assert_true (tl_export_write_file (report, fx->store, path, FALSE, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);

      g_assert_false (tl_export_write_file (report, fx->store, path, FALSE, &error));
      g_assert_error (error, TL_ERROR, TL_ERROR_EXISTS);
      g_clear_error (&error);
    }

  g_assert_cmpuint (count_audit (fx, TL_AUDIT_EXPORT), ==, 5);
  g_assert_cmpuint (count_audit (fx, TL_AUDIT_EXPORT_OVERRIDE), ==, 5);
  g_assert_false (g_file_test (recent, G_FILE_TEST_EXISTS));
}

static void
tips_changed_cb (TlStore    *store,
                 const char *tip_id,
                 gpointer    user_data)
{
  GThread **thread = user_data;

  *thread = g_thread_self ();
}

static gpointer
import_in_thread (gpointer data)
{
  Fixture *fx = data;
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);

  g_ptr_array_add (tips, make_tip (1));
  return tl_store_import_tips (fx->store, tips, NULL, NULL, NULL);
}

/* The app imports in a worker thread: tips-changed still reaches handlers on the
 * thread that made the store, from its main context, so they may touch widgets. */
static void
test_worker_thread (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(TlImportResult) result = NULL;
  GThread *emitted_on = NULL;
  GThread *worker;

  g_signal_connect (fx->store, "tips-changed", G_CALLBACK (tips_changed_cb), &emitted_on);
  worker = g_thread_new ("import", import_in_thread, fx);
  result = g_thread_join (worker);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_null (emitted_on);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (emitted_on == g_thread_self ());
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = tl_test_make_tmp_dir ("import-data");

  /* before GLib caches the user data folder */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import/large", Fixture, NULL, tl_test_store_set_up, test_large, tl_test_store_tear_down);
  g_test_add ("/import/all-or-nothing", Fixture, NULL, tl_test_store_set_up, test_all_or_nothing, tl_test_store_tear_down);
  g_test_add ("/import/round-trip", Fixture, NULL, tl_test_store_set_up, test_round_trip, tl_test_store_tear_down);
  g_test_add ("/import/worker-thread", Fixture, NULL, tl_test_store_set_up, test_worker_thread, tl_test_store_tear_down);
  g_test_add ("/import/write-file", Fixture, NULL, tl_test_store_set_up, test_write_file, tl_test_store_tear_down);

  return g_test_run () + (tl_test_remove_tree (data_home), 0);
}
