/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tl-import.h"
#include "tl-keyslot.h"
#include "tl-links.h"
#include "tl-protocol-set.h"
#include "tl-report.h"
#include "tl-router.h"
#include "tl-export-all.h"
#include "tl-store-testing.h"
#include "tl-tip-xml.h"
#include "tl-bench-gen.h"
#include "tl-bench-stats.h"
#include "tl-bench-store.h"

/* The store operations, timed on the encrypted store and on its plain twin (same
 * schema, same queries, no cipher) in the same run, so their ratio is the cost of the
 * encryption whatever else the machine is doing. */

/* What the app asks for: a list page and the most search results it shows. */
#define PAGE_SIZE    100
#define SEARCH_LIMIT 500

/* Part of the cache key with the schema version: bump it when the generated content or
 * the store's files change in a way a migration does not cover (2: the key file
 * format of the key-slot work, which the v1 stores' tipline.keys predates). */
#define GENERATOR_VERSION 2

typedef struct
{
  TlStore *store;
  guint n_tips;
  GRand *rand;               /* which tip an operation picks; same sequence each run */
  const char *query;
  guint offset;
  guint next_new;            /* index of the next generated tip not in the store */
  const char *work_dir;
  const char *store_dir;
  gboolean plain;            /* the plain twin; for backup: the baseline instead */
  gboolean durable;          /* restore's baseline: the copy is fsync'ed, as a restore's is */
  gboolean unmarked;         /* export: every tip's check mark dropped first (untimed) */
} Ctx;

typedef struct
{
  const char *what;
  TlBenchOp op;
  const char *query;         /* for searches */
  guint reps;
  double budget;
  double ratio_budget;
} StoreOp;

/* helpers */

static guint
pick_index (Ctx *ctx)
{
  return g_rand_int_range (ctx->rand, 0, ctx->n_tips);
}

static gint64
save_op (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(TlTip) tip = tl_bench_make_tip (TL_BENCH_SEED, pick_index (ctx));
  gint64 start;

  tip->status = TL_TIP_STATUS_REFERRED;
  tl_tip_touch (tip);
  start = tl_bench_now ();
  if (!tl_store_save_tip (ctx->store, tip, NULL))
    return -1;
  return tl_bench_now () - start;
}

static gint64
load_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *id = tl_bench_tip_id (TL_BENCH_SEED, pick_index (ctx));
  g_autoptr(TlTip) tip = NULL;
  gint64 start = tl_bench_now ();

  tip = tl_store_load_tip (ctx->store, id, NULL);
  return tip != NULL ? tl_bench_now () - start : -1;
}

/* The links panel of an open tip: every other tip sharing one of its identifiers. */
static gint64
links_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *id = tl_bench_tip_id (TL_BENCH_SEED, pick_index (ctx));
  g_autoptr(GPtrArray) links = NULL;
  gint64 start = tl_bench_now ();

  links = tl_store_find_links_by_id (ctx->store, id, NULL);
  return links != NULL ? tl_bench_now () - start : -1;
}

static gint64
count_op (gpointer data)
{
  Ctx *ctx = data;
  gint64 start = tl_bench_now ();

  return tl_store_count_tips (ctx->store, NULL, NULL) >= 0 ? tl_bench_now () - start : -1;
}

static gint64
list_at (Ctx   *ctx,
         guint  offset)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start = tl_bench_now ();

  rows = tl_store_list_tips (ctx->store, NULL, offset, PAGE_SIZE, NULL);
  return rows != NULL && rows->len > 0 ? tl_bench_now () - start : -1;
}

static gint64
list_first_op (gpointer data)
{
  return list_at (data, 0);
}

/* The marks the app makes along the list while idle (tl_store_mark_list(), 3 ms
 * steps): all of them, from none. */
static gint64
mark_list_op (gpointer data)
{
  Ctx *ctx = data;
  gint64 start;

  _tl_store_drop_list_marks (ctx->store);
  start = tl_bench_now ();
  while (tl_store_mark_list (ctx->store, 3000))
    ;
  return tl_bench_now () - start;
}

/* A jump (scroll bar dragged, or the list reopened far down): the store cannot
 * continue from where the last page ended, and starts from the nearest mark, made
 * (untimed) as the app makes them while idle. */
static gint64
list_deep_op (gpointer data)
{
  Ctx *ctx = data;

  while (tl_store_mark_list (ctx->store, 3000))
    ;
  return list_at (ctx, (ctx->n_tips * 9 / 10) / PAGE_SIZE * PAGE_SIZE);
}

/* Scrolling on: the page right after the one served last. */
static gint64
list_next_op (gpointer data)
{
  Ctx *ctx = data;
  guint offset = (ctx->n_tips / 2) / PAGE_SIZE * PAGE_SIZE;

  if (list_at (ctx, offset) < 0)
    return -1;
  return list_at (ctx, offset + PAGE_SIZE);
}

static gint64
search_op (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start = tl_bench_now ();

  rows = tl_store_search (ctx->store, ctx->query, SEARCH_LIMIT, NULL);
  return rows != NULL && rows->len > 0 ? tl_bench_now () - start : -1;
}

static gint64
delete_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *id = NULL;
  gint64 start;

  /* Deleting from the end of the range keeps the picks of the other operations valid. */
  ctx->n_tips--;
  id = tl_bench_tip_id (TL_BENCH_SEED, ctx->n_tips);
  start = tl_bench_now ();
  if (!tl_store_delete_tip (ctx->store, id, NULL))
    return -1;
  return tl_bench_now () - start;
}

static gint64
import_op (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(TlImportResult) result = NULL;
  g_autofree char *path = g_build_filename (ctx->work_dir, "import.xml", NULL);
  const char *paths[] = { path, NULL };
  g_autofree char *xml = NULL;
  gsize length = 0;
  gint64 start;

  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (tips, tl_bench_make_tip (TL_BENCH_SEED, ctx->next_new++));
  xml = tl_tip_xml_write (tips, TRUE, &length);
  if (!g_file_set_contents (path, xml, length, NULL))
    return -1;

  start = tl_bench_now ();
  result = tl_import_files (ctx->store, paths, NULL, NULL, NULL);
  if (result == NULL || result->added != 1000)
    return -1;
  return tl_bench_now () - start;
}

/* Delete costs a constant since issue 16; the purge it leaves pending (FTS optimize and
 * a checkpoint) runs at lock, before a backup, or when the app is idle: timed here. */
static gint64
purge_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *id = NULL;
  gint64 start;

  ctx->n_tips--;
  id = tl_bench_tip_id (TL_BENCH_SEED, ctx->n_tips);
  if (!tl_store_delete_tip (ctx->store, id, NULL))
    return -1;
  start = tl_bench_now ();
  if (!tl_store_purge (ctx->store, NULL))
    return -1;
  return tl_bench_now () - start;
}

/* The thorough check on demand (tipline-cli check), and the page check that an unlock
 * after a crash runs before anything else. */
static gint64
check_op (gpointer data)
{
  Ctx *ctx = data;
  gint64 start = tl_bench_now ();

  return tl_store_check_integrity (ctx->store, NULL) ? tl_bench_now () - start : -1;
}

static gint64
unlock_crash_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *mark = g_build_filename (ctx->store_dir, "tipline.closed", NULL);
  gint64 start;

  tl_store_lock (ctx->store);
  g_unlink (mark);
  start = tl_bench_now ();
  if (!tl_store_unlock (ctx->store, TL_BENCH_PASSPHRASE, NULL))
    return -1;
  return tl_bench_now () - start;
}

/* Export of every tip as XML (streamed), against the direct read of the same stored XML
 * in list order (the baseline): the same SELECT stepped on the store's connection,
 * nothing built. */
static gint64
read_all_xml_op (gpointer data)
{
  Ctx *ctx = data;
  sqlite3_stmt *stmt = NULL;
  gint64 bytes = 0;
  gint64 start = tl_bench_now ();

  if (sqlite3_prepare_v2 (_tl_store_get_db (ctx->store),
                          "SELECT id, xml FROM tips ORDER BY modified DESC, id DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    bytes += sqlite3_column_bytes (stmt, 0) + sqlite3_column_bytes (stmt, 1);
  sqlite3_finalize (stmt);
  return bytes > 0 ? tl_bench_now () - start : -1;
}

static gint64
export_all_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *path = g_strconcat (ctx->store_dir, "-export.xml", NULL);
  gint64 start, elapsed;
  gboolean ok;

  if (ctx->unmarked &&
      sqlite3_exec (_tl_store_get_db (ctx->store), "DELETE FROM tips_checked", NULL, NULL, NULL) != SQLITE_OK)
    return -1;
  start = tl_bench_now ();
  ok = tl_export_all_tips (ctx->store, path, TRUE, NULL, NULL, NULL, NULL);
  elapsed = tl_bench_now () - start;
  g_unlink (path);
  return ok ? elapsed : -1;
}

/* The pair: export ("encrypted" side) by turns with the direct read ("plain" side). */
static gint64
export_or_read_op (gpointer data)
{
  Ctx *ctx = data;

  return ctx->plain ? read_all_xml_op (ctx) : export_all_op (ctx);
}

/* The two sides of an operation timed by turns against its direct equivalent on one
 * store: [0] Tipline's, [1] the baseline (marked "plain"). */
static void
pair_on_store (Ctx         ctx[2],
               TlStore    *store,
               const char *store_dir)
{
  for (int k = 0; k < 2; k++)
    ctx[k] = (Ctx) { .store = store, .store_dir = store_dir, .plain = k == 1 };
}

/* Backup (encrypted store only) against sqlcipher_export of the same database. */
static gint64
backup_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *path = g_strconcat (ctx->store_dir, "-backup.tlbackup", NULL);
  gint64 start, elapsed;
  gboolean ok;

  g_unlink (path);
  start = tl_bench_now ();
  ok = ctx->plain ? _tl_store_sqlcipher_export (ctx->store, path, NULL)
                  : tl_store_backup (ctx->store, path, NULL);
  elapsed = tl_bench_now () - start;
  g_unlink (path);
  return ok ? elapsed : -1;
}

/* Re-key (removing a passphrase) against sqlcipher_export of the same store: each
 * repetition adds a passphrase (untimed) and times its removal. */
static gint64
rekey_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *path = g_strconcat (ctx->store_dir, "-export.db", NULL);
  gint64 start, elapsed;
  gboolean ok;

  if (ctx->plain)
    {
      g_unlink (path);
      start = tl_bench_now ();
      ok = _tl_store_sqlcipher_export (ctx->store, path, NULL);
      elapsed = tl_bench_now () - start;
      g_unlink (path);
      return ok ? elapsed : -1;
    }

  if (!tl_store_add_passphrase (ctx->store, TL_BENCH_PASSPHRASE, "rekey", "rekey secret",
                                TL_KDF_MINIMUM, NULL))
    return -1;
  start = tl_bench_now ();
  ok = tl_store_remove_key_slot (ctx->store, TL_BENCH_PASSPHRASE, 1, NULL);
  elapsed = tl_bench_now () - start;
  return ok ? elapsed : -1;
}

/* Restore of a backup of the store against copying the backup file (the baseline). */
static gint64
restore_op (gpointer data)
{
  Ctx *ctx = data;
  g_autofree char *backup = g_strconcat (ctx->store_dir, "-restore.tlbackup", NULL);
  g_autofree char *copy = g_strconcat (ctx->store_dir, "-restore.copy", NULL);
  g_autofree char *kept = NULL;
  gint64 start, elapsed;
  gboolean ok;

  if (!g_file_test (backup, G_FILE_TEST_EXISTS) && !tl_store_backup (ctx->store, backup, NULL))
    return -1;

  start = tl_bench_now ();
  if (ctx->plain)
    {
      g_autoptr(GFile) from = g_file_new_for_path (backup);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      ok = g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
      if (ok && ctx->durable)
        {
          int fd = open (copy, O_RDONLY | O_CLOEXEC);

          ok = fd >= 0 && fsync (fd) == 0;
          if (fd >= 0)
            close (fd);
        }
      elapsed = tl_bench_now () - start;
      g_unlink (copy);
    }
  else
    {
      ok = tl_store_restore (ctx->store, backup, TL_BENCH_PASSPHRASE, &kept, NULL);
      elapsed = tl_bench_now () - start;
      if (kept != NULL)
        {
          g_autoptr(GDir) dir = g_dir_open (kept, 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *file = g_build_filename (kept, name, NULL);

              g_unlink (file);
            }
          g_rmdir (kept);
        }
    }
  return ok ? elapsed : -1;
}

/* Import of a file of one tip (the import of a single tip is not the cost of a
 * thousand divided by a thousand). */
static gint64
import_one_op (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(TlImportResult) result = NULL;
  g_autofree char *path = g_build_filename (ctx->work_dir, "import-one.xml", NULL);
  const char *paths[] = { path, NULL };
  g_autofree char *xml = NULL;
  gsize length = 0;
  gint64 start;

  g_ptr_array_add (tips, tl_bench_make_tip (TL_BENCH_SEED, ctx->next_new++));
  xml = tl_tip_xml_write (tips, TRUE, &length);
  if (!g_file_set_contents (path, xml, length, NULL))
    return -1;

  start = tl_bench_now ();
  result = tl_import_files (ctx->store, paths, NULL, NULL, NULL);
  if (result == NULL || result->added != 1)
    return -1;
  return tl_bench_now () - start;
}

static gint64
unlock_op (gpointer data)
{
  Ctx *ctx = data;
  gint64 start;

  tl_store_lock (ctx->store);
  start = tl_bench_now ();
  if (!tl_store_unlock (ctx->store, TL_BENCH_PASSPHRASE, NULL))
    return -1;
  return tl_bench_now () - start;
}

/* The store's files out of the page cache, as after a reboot: posix_fadvise
 * (DONTNEED) on each, which needs no privilege and leaves the rest of the machine's
 * cache alone (dropping every cache would slow the other programs sharing it). */
static void
evict_store_files (const char *store_dir)
{
  g_autoptr(GDir) dir = g_dir_open (store_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);
      int fd = open (path, O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

/* The first unlock after a reboot (clean close): key derivation and the pages it reads
 * come from the disk. */
static gint64
unlock_cold_op (gpointer data)
{
  Ctx *ctx = data;
  gint64 start;

  tl_store_lock (ctx->store);
  evict_store_files (ctx->store_dir);
  start = tl_bench_now ();
  if (!tl_store_unlock (ctx->store, TL_BENCH_PASSPHRASE, NULL))
    return -1;
  return tl_bench_now () - start;
}

/* Unlock with the passphrase of the last of several advocates' slots, and a wrong one
 * (ctx->query: the passphrase to try). */
static gint64
unlock_with_op (gpointer data)
{
  Ctx *ctx = data;
  gboolean wrong = g_str_equal (ctx->query, "not anybody's passphrase");
  gint64 start, elapsed;
  gboolean ok;

  tl_store_lock (ctx->store);
  start = tl_bench_now ();
  ok = tl_store_unlock (ctx->store, ctx->query, NULL);
  elapsed = tl_bench_now () - start;
  if (wrong)
    return ok ? -1 : elapsed;
  return ok ? elapsed : -1;
}

/* The first phone number and plate among the generated tips, as a person would type
 * them from a note. */
static char *
find_phone (void)
{
  for (guint i = 0; ; i++)
    {
      g_autoptr(TlTip) tip = tl_bench_make_tip (TL_BENCH_SEED, i);

      if (tip->phones->len > 0)
        return g_strdup (((TlPhone *) g_ptr_array_index (tip->phones, 0))->number);
    }
}

static char *
find_plate (void)
{
  for (guint i = 0; ; i++)
    {
      g_autoptr(TlTip) tip = tl_bench_make_tip (TL_BENCH_SEED, i);

      if (tip->vehicles->len > 0)
        return g_strdup (((TlVehicle *) g_ptr_array_index (tip->vehicles, 0))->plate);
    }
}

static gboolean
copy_dir (const char *from,
          const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  if (dir == NULL || g_mkdir_with_parents (to, 0700) != 0)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src_path = g_build_filename (from, name, NULL);
      g_autofree char *dst_path = g_build_filename (to, name, NULL);
      g_autoptr(GFile) src = g_file_new_for_path (src_path);
      g_autoptr(GFile) dst = g_file_new_for_path (dst_path);

      if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL))
        return FALSE;
    }
  return TRUE;
}

static TlStore *
open_store (const char *dir,
            gboolean    plain)
{
  g_autoptr(TlStore) store = plain ? _tl_store_new_plain (dir) : tl_store_new (dir);
  g_autoptr(GError) error = NULL;

  if (!tl_store_unlock (store, TL_BENCH_PASSPHRASE, &error))
    {
      g_printerr ("Could not open the %s benchmark store: %s\n", plain ? "plain" : "encrypted",
                  error->message);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static gint64
route_op (gpointer data)
{
  gpointer *args = data;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 3, 5, 22, 30, 0);
  g_autoptr(TlPlan) plan = NULL;
  gint64 start = tl_bench_now ();

  plan = tl_router_route_in_set (args[0], args[1], NULL, at, "en", NULL);
  /* A plan without steps would mean the protocol was not found: no figure then. */
  return plan != NULL && plan->steps->len > 0 ? tl_bench_now () - start : -1;
}

/* What exporting a PDF does after the tip is loaded: report, plan, rendering. */
static gint64
pdf_op (gpointer data)
{
  gpointer *args = data;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 3, 5, 22, 30, 0);
  g_autoptr(TlReport) report = NULL;
  g_autoptr(TlPlan) plan = NULL;
  g_autoptr(GBytes) pdf = NULL;
  gint64 start = tl_bench_now ();

  report = tl_report_new (args[1], TL_REPORT_PROFILE_LAW_ENFORCEMENT, NULL, NULL);
  plan = tl_router_route_in_set (args[0], args[1], NULL, at, "en", NULL);
  if (plan != NULL)
    tl_report_add_plan (report, plan);
  pdf = tl_report_to_pdf (report, NULL);
  return pdf != NULL ? tl_bench_now () - start : -1;
}

static gint64
unwrap_op (gpointer data)
{
  guint8 master[TL_MASTER_KEY_BYTES];
  gint64 start = tl_bench_now ();
  gboolean ok = tl_keyslot_unwrap (data, TL_BENCH_PASSPHRASE, master, NULL);
  gint64 elapsed = tl_bench_now () - start;

  sodium_memzero (master, sizeof master);
  return ok ? elapsed : -1;
}

/* A wrong passphrase against every slot of a store shared by several advocates. */
static gint64
wrong_passphrase_op (gpointer data)
{
  guint8 master[TL_MASTER_KEY_BYTES];
  gint64 start = tl_bench_now ();
  int index = tl_keyslot_unwrap_any (data, "not anybody's passphrase", NULL, master, NULL);
  gint64 elapsed = tl_bench_now () - start;

  return index < 0 ? elapsed : -1;
}

/* Of the first 50 generated tips, the one whose plan has the most steps: the most work
 * for the router and the longest report. */
static TlTip *
busiest_tip (TlProtocolSet *set)
{
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 3, 5, 22, 30, 0);
  TlTip *best = NULL;
  guint best_steps = 0;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(TlTip) tip = tl_bench_make_tip (TL_BENCH_SEED, i);
      g_autoptr(TlPlan) plan = tl_router_route_in_set (set, tip, NULL, at, "en", NULL);

      if (plan != NULL && plan->steps->len > best_steps)
        {
          best_steps = plan->steps->len;
          g_clear_pointer (&best, tl_tip_unref);
          best = g_steal_pointer (&tip);
        }
    }

  return best != NULL ? best : tl_bench_make_tip (TL_BENCH_SEED, 0);
}

/* Route and PDF read a tip the app already holds; the store's mode does not matter. */
static void
run_tip_ops (const char *size)
{
  g_autoptr(TlProtocolSet) set = tl_protocol_set_new_default ();
  g_autoptr(TlTip) tip = busiest_tip (set);
  gpointer args[2] = { set, tip };
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 3, 5, 22, 30, 0);
  g_autoptr(TlPlan) plan = tl_router_route_in_set (set, tip, NULL, at, "en", NULL);
  g_autofree char *what = g_strdup_printf ("route one tip (plan of %u steps)",
                                           plan != NULL ? plan->steps->len : 0);
  TlBenchStat none = { 0 };

  tl_bench_add_row (what, size, tl_bench_measure (route_op, args, 200), none, 1, 0);
  tl_bench_add_row ("PDF export of one tip", size, tl_bench_measure (pdf_op, args, 10), none, 200, 0);
}

/* public API */

/* The plain store is generated (each tip through the store's save path); the encrypted
 * one is that store encrypted whole, which is the same content and takes seconds. */
double
tl_bench_prepare_store (const char *dir,
                        const char *cache_dir,
                        guint       n_tips,
                        const char *plain_dir)
{
  g_autofree char *cached = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  gint64 start;

  if (cache_dir != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u-%u-v%d-schema%d",
                                               plain_dir == NULL ? "plain" : "encrypted",
                                               n_tips, TL_BENCH_SEED, GENERATOR_VERSION,
                                               _tl_store_schema_latest ());

      cached = g_build_filename (cache_dir, name, NULL);
      if (g_file_test (cached, G_FILE_TEST_IS_DIR) && copy_dir (cached, dir))
        return 0;
    }

  start = tl_bench_now ();
  store = plain_dir == NULL ? _tl_store_new_plain (dir) : tl_store_new (dir);
  tl_store_set_advocate (store, "Benchmark");
  if (plain_dir == NULL)
    ok = tl_store_create (store, TL_BENCH_PASSPHRASE, TL_KDF_MINIMUM, &error) &&
         tl_bench_fill_store (store, TL_BENCH_SEED, 0, n_tips, &error);
  else
    ok = _tl_store_create_from_plain (store, TL_BENCH_PASSPHRASE, TL_KDF_MINIMUM, plain_dir, &error);
  if (!ok)
    {
      g_printerr ("Could not make the benchmark store: %s\n", error->message);
      return -1;
    }
  tl_store_lock (store);

  if (cached != NULL && !copy_dir (dir, cached))
    g_printerr ("Could not keep a copy of the store in %s\n", cached);

  return (tl_bench_now () - start) / (double) G_USEC_PER_SEC;
}

gboolean
tl_bench_run_store (const char *work_dir,
                    const char *cache_dir,
                    guint       n_tips,
                    const char *only)
{
  g_autofree char *phone = find_phone ();
  g_autofree char *plate = find_plate ();
  g_autofree char *size = g_strdup_printf ("%'u tips", n_tips);
  const StoreOp ops[] = {
    { "count tips", count_op, NULL, 30, 0, 0 },
    { "load one tip", load_op, NULL, 50, 2, 0 },
    { "list first page", list_first_op, NULL, 30, 5, 2.0 },
    { "mark the list for jumps (idle, in all)", mark_list_op, NULL, 3, 0, 0 },
    { "list page 90% down (jump)", list_deep_op, NULL, 20, 5, 2.0 },
    { "list next page (scrolling)", list_next_op, NULL, 30, 5, 2.0 },
    { "search phone number", search_op, phone, 20, 30, 2.0 },
    { "search plate", search_op, plate, 20, 30, 2.0 },
    { "search name prefix “Gonz”", search_op, "Gonz", 20, 30, 2.0 },
    { "search word in every tip", search_op, TL_BENCH_COMMON_WORD, 10, 30, 2.0 },
    { "search word in 1 of 50 tips", search_op, TL_BENCH_RARE_WORD, 20, 30, 2.0 },
    { "links of one tip", links_op, NULL, 30, 20, 0 },
    { "save one tip (durable)", save_op, NULL, 20, 10, 0 },
    { "delete one tip", delete_op, NULL, 10, 50, 0 },
    { "purge after a delete (lock, backup, idle)", purge_op, NULL, 3, 0, 0 },
    { "import 1 tip", import_one_op, NULL, 5, 0, 0 },
    { "import 1,000 tips", import_op, NULL, 3, 0, 0 },
    { "export all tips as XML (streamed)", export_all_op, NULL, 3, 0, 0 },
    { "read every tip's XML (SELECT: export's baseline)", read_all_xml_op, NULL, 3, 0, 0 },
    { "unlock (minimum KDF)", unlock_op, NULL, 5, 0, 0 },
    { "unlock, cold page cache (files evicted with fadvise)", unlock_cold_op, NULL, 5, 0, 0 },
    { "unlock after a crash (every page checked)", unlock_crash_op, NULL, 3, 0, 0 },
    { "integrity check on demand", check_op, NULL, 3, 0, 0 },
  };
  TlBenchStat stats[2][G_N_ELEMENTS (ops)];
  double generated[2];

  g_autofree char *dirs[2] = { g_build_filename (work_dir, "encrypted", NULL),
                               g_build_filename (work_dir, "plain", NULL) };

  /* Both before either is changed by the operations. */
  generated[1] = tl_bench_prepare_store (dirs[1], cache_dir, n_tips, NULL);
  generated[0] = generated[1] >= 0 ? tl_bench_prepare_store (dirs[0], cache_dir, n_tips, dirs[1]) : -1;
  if (generated[0] < 0)
    return FALSE;

  {
    g_autoptr(TlStore) enc = open_store (dirs[0], FALSE);
    g_autoptr(TlStore) plain = open_store (dirs[1], TRUE);
    g_autoptr(GRand) rand_enc = g_rand_new_with_seed (TL_BENCH_SEED);
    g_autoptr(GRand) rand_plain = g_rand_new_with_seed (TL_BENCH_SEED);
    Ctx ctx[2] = { { 0 }, { 0 } };

    if (enc == NULL || plain == NULL)
      return FALSE;

    for (int k = 0; k < 2; k++)
      {
        ctx[k].store = k == 0 ? enc : plain;
        ctx[k].n_tips = n_tips;
        ctx[k].rand = k == 0 ? rand_enc : rand_plain;
        ctx[k].next_new = n_tips;
        ctx[k].work_dir = work_dir;
        ctx[k].store_dir = dirs[k];
        ctx[k].plain = k == 1;
      }

    /* Encrypted and plain repetition by repetition (issue 16). */
    for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
      {
        stats[0][i] = stats[1][i] = (TlBenchStat) { 0 };
        if (only != NULL && strstr (ops[i].what, only) == NULL)
          continue;
        ctx[0].query = ctx[1].query = ops[i].query;
        tl_bench_measure_pair (ops[i].op, &ctx[0], &ctx[1], ops[i].reps, &stats[0][i], &stats[1][i]);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (stats[0][i].n > 0)
      tl_bench_add_row (ops[i].what, size, stats[0][i], stats[1][i], ops[i].budget, ops[i].ratio_budget);

  /* Backup of the encrypted store against sqlcipher_export of the same database, by
   * turns: the "plain" column of this row is the baseline. */
  if (only == NULL || strstr ("backup / sqlcipher_export", only) != NULL)
    {
      g_autoptr(TlStore) store = open_store (dirs[0], FALSE);
      Ctx backup_ctx[2] = { { 0 }, { 0 } };
      TlBenchStat backup, baseline;

      if (store == NULL)
        return FALSE;
      pair_on_store (backup_ctx, store, dirs[0]);
      tl_bench_measure_pair (backup_op, &backup_ctx[0], &backup_ctx[1], 3, &backup, &baseline);
      tl_bench_add_row ("backup / sqlcipher_export (encrypted store; ratio ≤ 1.3)", size,
                        backup, baseline, 0, 1.3);
    }
  /* Export of every tip against the direct read of the same XML, by turns on the
   * encrypted store: with the check marks the saves wrote, and with none (every tip
   * checked, as the first export after the checks change). */
  if (only == NULL || strstr ("export all / read every tip's XML", only) != NULL)
    {
      g_autoptr(TlStore) store = open_store (dirs[0], FALSE);
      Ctx export_ctx[2] = { { 0 }, { 0 } };
      TlBenchStat exported, baseline;

      if (store == NULL)
        return FALSE;
      pair_on_store (export_ctx, store, dirs[0]);
      tl_bench_measure_pair (export_or_read_op, &export_ctx[0], &export_ctx[1], 3, &exported, &baseline);
      tl_bench_add_row ("export all / read every tip's XML (encrypted store; ratio ≤ 2)", size,
                        exported, baseline, 0, 2);
      export_ctx[0].unmarked = TRUE;
      tl_bench_measure_pair (export_or_read_op, &export_ctx[0], &export_ctx[1], 3, &exported, &baseline);
      tl_bench_add_row ("export all, no check marks (every tip checked) / read every tip's XML", size,
                        exported, baseline, 0, 0);
    }
  if (only == NULL || strstr ("re-key / sqlcipher_export", only) != NULL)
    {
      g_autoptr(TlStore) store = open_store (dirs[0], FALSE);
      Ctx rekey_ctx[2] = { { 0 }, { 0 } };
      TlBenchStat rekey, baseline;

      if (store == NULL)
        return FALSE;
      pair_on_store (rekey_ctx, store, dirs[0]);
      tl_bench_measure_pair (rekey_op, &rekey_ctx[0], &rekey_ctx[1], 3, &rekey, &baseline);
      tl_bench_add_row ("re-key (remove a passphrase) / sqlcipher_export (ratio ≤ 1.3)", size,
                        rekey, baseline, 0, 1.3);
    }
  if (only == NULL || strstr ("restore / copy of the backup file", only) != NULL)
    {
      g_autoptr(TlStore) store = open_store (dirs[0], FALSE);
      Ctx restore_ctx[2] = { { 0 }, { 0 } };
      TlBenchStat restore, baseline;

      if (store == NULL)
        return FALSE;
      pair_on_store (restore_ctx, store, dirs[0]);
      tl_bench_measure_pair (restore_op, &restore_ctx[0], &restore_ctx[1], 3, &restore, &baseline);
      tl_bench_add_row ("restore / copy of the backup file (ratio ≤ 2)", size,
                        restore, baseline, 0, 2);
      /* A restore is durable (its copy is on the disk before the journal puts it in
       * place): the same against a copy that is fsync'ed too. */
      restore_ctx[1].durable = TRUE;
      tl_bench_measure_pair (restore_op, &restore_ctx[0], &restore_ctx[1], 3, &restore, &baseline);
      tl_bench_add_row ("restore / copy of the backup file + fsync", size,
                        restore, baseline, 0, 2);
      {
        g_autofree char *backup = g_strconcat (dirs[0], "-restore.tlbackup", NULL);

        g_unlink (backup);
      }
    }

  /* Five advocates with the app's own cost (MODERATE), in a copy of the encrypted store:
   * unlock with the fifth one's passphrase, and with a wrong one. Key file v3: one
   * derivation per distinct cost (here the benchmark's MINIMUM slot and the MODERATE
   * group), whatever the number of slots. */
  if (only == NULL || strstr ("unlock with the 5th of 5 moderate slots / a wrong passphrase", only) != NULL)
    {
      g_autofree char *slots_dir = g_strconcat (dirs[0], "-slots", NULL);
      g_autoptr(TlStore) store = NULL;
      g_autofree char *fifth = g_strdup_printf ("%s 5", TL_BENCH_PASSPHRASE);
      Ctx slot_ctx[2] = { { 0 }, { 0 } };
      TlBenchStat right, wrong;
      gboolean ok = copy_dir (dirs[0], slots_dir) && (store = open_store (slots_dir, FALSE)) != NULL;

      for (guint i = 1; ok && i <= 4; i++)
        {
          g_autofree char *label = g_strdup_printf ("advocate %u", i + 1);
          g_autofree char *pass = g_strdup_printf ("%s %u", TL_BENCH_PASSPHRASE, i + 1);

          ok = tl_store_add_passphrase (store, TL_BENCH_PASSPHRASE, label, pass, TL_KDF_MODERATE, NULL);
        }
      if (ok)
        {
          for (int k = 0; k < 2; k++)
            {
              slot_ctx[k].store = store;
              slot_ctx[k].store_dir = slots_dir;
              slot_ctx[k].query = k == 0 ? fifth : "not anybody's passphrase";
            }
          tl_bench_measure_pair (unlock_with_op, &slot_ctx[0], &slot_ctx[1], 3, &right, &wrong);
          tl_bench_add_row ("unlock with the 5th of 5 moderate slots / a wrong passphrase", size,
                            right, wrong, 0, 0);
        }
      else
        g_printerr ("Could not add the key slots for the unlock benchmark\n");
      g_clear_object (&store);
      {
        const char *argv[] = { "rm", "-rf", "--", slots_dir, NULL };

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      }
    }

  if (generated[1] > 0)
    {
      TlBenchStat enc = { 1, generated[0] * 1000, 0, 0 };
      TlBenchStat plain = { 1, generated[1] * 1000, 0, 0 };

      tl_bench_add_row ("make the store: encrypt the plain one / generate it", size, enc, plain, 0, 0);
    }

  if (only == NULL)
    run_tip_ops (size);

  return TRUE;
}

void
tl_bench_run_kdf (void)
{
  static const struct { const char *what; TlKdfStrength strength; guint reps; } kdfs[] = {
    { "key derivation, moderate (the app's)", TL_KDF_MODERATE, 3 },
    { "key derivation, minimum (tests only)", TL_KDF_MINIMUM, 10 },
  };
  guint8 master[TL_MASTER_KEY_BYTES];

  /* The store does this in its class_init; no store exists yet. */
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  randombytes_buf (master, sizeof master);
  for (guint i = 0; i < G_N_ELEMENTS (kdfs); i++)
    {
      g_autoptr(TlKeySlot) slot = NULL;
      TlBenchStat none = { 0 };
      guint64 ops, mem;

      _tl_store_kdf_limits (kdfs[i].strength, &ops, &mem);
      slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, "", TL_BENCH_PASSPHRASE, master,
                              ops, mem, NULL);
      if (slot != NULL)
        tl_bench_add_row (kdfs[i].what, "", tl_bench_measure (unwrap_op, slot, kdfs[i].reps),
                          none, 0, 0);
    }

  /* Five advocates with the app's cost: key file v3 (one salt for the five) against
   * version 2 (a salt each, one derivation each), same run. */
  {
    g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
    g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
    TlBenchStat stat_shared, stat_own;
    guint64 ops, mem;

    _tl_store_kdf_limits (TL_KDF_MODERATE, &ops, &mem);
    for (guint i = 0; i < 5; i++)
      {
        g_autofree char *pass = g_strdup_printf ("%s %u", TL_BENCH_PASSPHRASE, i);

        g_ptr_array_add (shared, tl_keyslot_wrap_in (shared, TL_KEYSLOT_KIND_PASSPHRASE, "", pass,
                                                     master, ops, mem, NULL));
        g_ptr_array_add (own, tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, "", pass, master,
                                               ops, mem, NULL));
      }
    tl_bench_measure_pair (wrong_passphrase_op, shared, own, 3, &stat_shared, &stat_own);
    tl_bench_add_row ("wrong passphrase, 5 moderate slots: key file v3 / v2 (a salt each)", "",
                      stat_shared, stat_own, 0, 0);
  }
  sodium_memzero (master, sizeof master);
}
