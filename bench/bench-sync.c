/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "tl-bench-gen.h"
#include "tl-office.h"
#include "tl-store.h"

/* The office sync's cost (issue 21, docs/sync.md): applying N_CHANGES incoming changes
 * (new tips from another device, one segment) to an encrypted store of N_TIPS tips,
 * against the direct baseline of importing as many tips into the same store in one
 * transaction (tl_store_import_tips). Each device has its own copy of the office folder
 * and this program carries files between them as a sync engine would, so the writer of
 * the changes never reads the large store's own first segment.
 *
 *   meson test --benchmark -C _build --print-errorlogs sync-100k
 *   TIPLINE_BENCH_TIPS=20000 TIPLINE_BENCH_CHANGES=10000 _build/bench/bench-sync
 *
 * The time from a save on one machine to the tip visible on the other, through two real
 * Syncthing daemons with the file watcher on, is measured by the end-to-end test
 * (tests/unit/sync/test-office-syncthing.c prints it). */

#define SEED 21021u
#define BATCH 10000
#define PASSPHRASE "benchmark passphrase, not a secret"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

/* Copies the office files of from that to lacks (a sync engine's work). */
static void
carry (const char *from,
       const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (!g_file_test (target, G_FILE_TEST_EXISTS) && g_file_get_contents (source, &data, &length, NULL))
        g_file_set_contents (target, data, length, NULL);
    }
}

static TlStore *
new_store (const char *root,
           const char *name)
{
  g_autofree char *dir = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;
  TlStore *store = tl_store_new (dir);

  check (tl_store_create (store, PASSPHRASE, TL_KDF_MINIMUM, &error), error);
  return store;
}

static void
import_range (TlStore *store,
              guint    first,
              guint    count)
{
  for (guint done = 0; done < count; done += BATCH)
    {
      g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
      g_autoptr(TlImportResult) result = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = done; i < MIN (count, done + BATCH); i++)
        g_ptr_array_add (tips, tl_bench_make_tip (SEED, first + i));
      result = tl_store_import_tips (store, tips, NULL, NULL, &error);
      check (result != NULL, error);
    }
}

static TlOfficeSyncResult *
office_sync (TlStore *store)
{
  g_autoptr(GError) error = NULL;
  TlOfficeSyncResult *result = tl_office_sync (store, TL_OFFICE_SYNC_DEFAULT, &error);

  check (result != NULL, error);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  const char *env_tips = g_getenv ("TIPLINE_BENCH_TIPS");
  const char *env_changes = g_getenv ("TIPLINE_BENCH_CHANGES");
  guint n_tips = env_tips != NULL ? (guint) atoi (env_tips) : 100000;
  guint n_changes = env_changes != NULL ? (guint) atoi (env_changes) : 10000;
  g_autofree char *root = g_dir_make_tmp ("tipline-bench-sync-XXXXXX", NULL);
  g_autofree char *fa = g_build_filename (root, "office-a", NULL);
  g_autofree char *fb = g_build_filename (root, "office-b", NULL);
  g_autoptr(TlStore) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlOfficeSyncResult) result = NULL;
  g_autofree char *code = NULL;
  double fill_ms, first_ms, apply_ms, import_ms, save_ms;
  gint64 start;

  g_mkdir (fa, 0700);
  g_mkdir (fb, 0700);
  a = new_store (root, "store-a");
  b = new_store (root, "store-b");

  /* One office: A makes it, B joins (each with its own copy of the folder). */
  check (tl_office_create (a, fa, "A", &error), error);
  g_clear_pointer (&result, tl_office_sync_result_free);
  result = office_sync (a);
  code = tl_office_invite (a, &error);
  check (tl_office_join (b, fb, "B", code, &error), error);
  carry (fb, fa);
  g_clear_pointer (&result, tl_office_sync_result_free);
  result = office_sync (a);
  carry (fa, fb);
  g_clear_pointer (&result, tl_office_sync_result_free);
  result = office_sync (b);
  g_assert (result->became_member);

  /* B: the large store, each tip described once by its first office_sync (set-up). */
  start = g_get_monotonic_time ();
  import_range (b, 0, n_tips);
  fill_ms = ms_since (start);
  start = g_get_monotonic_time ();
  g_clear_pointer (&result, tl_office_sync_result_free);
  result = office_sync (b);
  first_ms = ms_since (start);

  /* A: n_changes new tips in one segment; carried to B's folder. */
  import_range (a, n_tips, n_changes);
  g_clear_pointer (&result, tl_office_sync_result_free);
  result = office_sync (a);
  g_assert (result->changes_sent == n_changes);
  carry (fa, fb);

  /* Measured: B applies them. */
  start = g_get_monotonic_time ();
  g_clear_pointer (&result, tl_office_sync_result_free);
  result = office_sync (b);
  apply_ms = ms_since (start);
  if (result->changes_applied != n_changes)
    g_error ("applied %u of %u changes", result->changes_applied, n_changes);

  /* One save on B described and written out: what a sync after one save costs. */
  {
    g_autoptr(TlTip) tip = tl_bench_make_tip (SEED, n_tips + 3 * n_changes);

    check (tl_store_save_tip (b, tip, &error), error);
    start = g_get_monotonic_time ();
    g_clear_pointer (&result, tl_office_sync_result_free);
    result = office_sync (b);
    save_ms = ms_since (start);
  }

  /* Baseline: as many other tips imported straight into B, one transaction. */
  start = g_get_monotonic_time ();
  import_range (b, n_tips + n_changes, n_changes);
  import_ms = ms_since (start);

  g_print ("store: %u tips (filled in %.0f ms; its first sync, describing every tip: %.0f ms)\n",
           n_tips, fill_ms, first_ms);
  g_print ("sync-apply-%u: %.0f ms (%.1f µs per change)\n", n_changes, apply_ms, apply_ms * 1000.0 / n_changes);
  g_print ("baseline import of %u tips: %.0f ms\n", n_changes, import_ms);
  g_print ("ratio sync / import: %.2f\n", apply_ms / import_ms);
  g_print ("sync after one save, %u-tip store: %.0f ms\n", n_tips + n_changes + 1, save_ms);

  g_clear_object (&a);
  g_clear_object (&b);
  {
    g_autofree char *quoted = g_shell_quote (root);
    g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

    if (system (command) != 0)
      g_warning ("could not remove %s", root);
  }
  return 0;
}
