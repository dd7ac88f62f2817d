/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-due"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "tl-store-testing.h"

/* Issue 19: the Due view's queries and the header's count in an encrypted store of
 * 100,000 tips (TIPLINE_BENCH_TIPS to change) with 10,000 open follow-ups (a tenth of
 * them due today or overdue) and 20,000 done ones, against the same SQL run directly on
 * the store's connection (the baseline: no structs, no strings copied). The Due view is
 * the list of follow-ups due by the end of today plus the tips the retention schedule
 * expires within its warning days, each at most TL_DUE_VIEW_LIMIT (the soonest); the
 * header is the count of all. Exits non-zero when the median of either is over 20 ms. */

#define RUNS 101
#define LIMIT_MS 20.0
#define DAY (24 * 3600)

/* helpers */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The plain twin: tips in batches, then follow-ups straight into the table. */
static void
fill_plain (const char *dir,
            guint       n_tips,
            guint       n_open,
            gint64      now)
{
  g_autoptr(TlStore) plain = _tl_store_new_plain (dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  if (!tl_store_create (plain, "unused", TL_KDF_MINIMUM, &error))
    g_error ("%s", error->message);
  for (guint done = 0; done < n_tips; done += 10000)
    {
      g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);

      for (guint i = done; i < MIN (done + 10000, n_tips); i++)
        {
          TlTip *tip = tl_tip_new ();

          tip->status = g_rand_int_range (rand, TL_TIP_STATUS_OPEN, TL_TIP_STATUS_CLOSED + 1);
          tip->type = g_rand_int_range (rand, 0, TL_TRAFFICKING_UNKNOWN + 1);
          tl_set_str (&tip->location.city, "Albuquerque");
          tl_set_str (&tip->location.state, "NM");
          tl_set_str (&tip->narrative, "Narrative of a generated tip for the benchmark");
          g_ptr_array_add (tips, tip);
        }
      if (!_tl_store_save_tips (plain, tips, &error))
        g_error ("%s", error->message);
    }

  db = _tl_store_get_db (plain);
  /* Closed tips changed over the last seven years (older ones a purge has taken), so
   * those changed in its first month expire within the warning days. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE tips SET modified = (%" G_GINT64_FORMAT
                                            " - (pk * 2654435761 %% (2557 * 86400))) * 1000000 WHERE status = 3;"
                                            "UPDATE tips SET stored = modified WHERE status = 3",
                                            now);
    exec (db, sql);
  }
  exec (db, "BEGIN");
  if (sqlite3_prepare_v2 (db, "INSERT INTO follow_ups (tip_rowid, what, due, created, advocate, state, state_at)"
                              " VALUES (?, 'Call the reporter back in the safe window', ?, ?, 'Advocate A', ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  for (guint i = 0; i < n_open * 3; i++)
    {
      gboolean open = i < n_open;
      /* a tenth of the open ones due by today (most overdue), the rest up to 60 days on */
      gint64 due = open && i % 10 == 0 ? now - g_rand_int_range (rand, 0, 30 * DAY)
                                       : now + g_rand_int_range (rand, DAY, 60 * DAY);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, n_tips + 1));
      sqlite3_bind_int64 (stmt, 2, open ? due : now - g_rand_int_range (rand, 0, 365 * DAY));
      sqlite3_bind_int64 (stmt, 3, now - 60 * DAY);
      sqlite3_bind_int (stmt, 4, open ? TL_FOLLOW_UP_OPEN : TL_FOLLOW_UP_DONE);
      sqlite3_bind_int64 (stmt, 5, now - DAY);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
  exec (db, "COMMIT");
  tl_store_lock (plain);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* The baseline: the same statements, stepped through without building anything. */
static gint64
direct (sqlite3    *db,
        const char *sql,
        gint64      a,
        gint64      b,
        gint64      c,
        gint64      d,
        gint64      e)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rows = 0;
  const gint64 values[] = { a, b, c, d, e };

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  for (int i = 0; i < sqlite3_bind_parameter_count (stmt); i++)
    sqlite3_bind_int64 (stmt, i + 1, values[i]);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows += sqlite3_column_int64 (stmt, 0) >= 0;
  sqlite3_finalize (stmt);
  return rows;
}

int
main (int argc, char *argv[])
{
  const char *env = g_getenv ("TIPLINE_BENCH_TIPS");
  guint n_tips = env != NULL ? (guint) atoi (env) : 100000;
  guint n_open = MAX (n_tips / 10, 1);
  g_autofree char *plain_dir = g_dir_make_tmp ("tipline-bench-due-plain-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tipline-bench-due-XXXXXX", NULL);
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now_local = g_date_time_new_now_local ();
  g_autoptr(GArray) count_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) view_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) count_direct = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) view_direct = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 now = g_date_time_to_unix (now_local);
  gint64 end_of_day = tl_follow_up_end_of_day (now_local);
  TlRetentionSchedule schedule;
  guint n_due = 0, n_expiring = 0;
  gint64 start, cutoff;
  double count_ms, view_ms, count_base, view_base;
  sqlite3 *db;

  start = g_get_monotonic_time ();
  fill_plain (plain_dir, n_tips, n_open, now);
  store = tl_store_new (dir);
  if (!_tl_store_create_from_plain (store, "bench passphrase", TL_KDF_MINIMUM, plain_dir, &error))
    g_error ("%s", error->message);
  remove_dir (plain_dir);
  g_print ("Stored %u tips and %u follow-ups (%u open) in %.1f s\n", n_tips, n_open * 3, n_open,
           (g_get_monotonic_time () - start) / 1e6);

  /* As after an unlock, not with the copy's cache warm. */
  tl_store_lock (store);
  g_clear_object (&store);
  store = tl_store_new (dir);
  if (!tl_store_unlock (store, "bench passphrase", &error))
    g_error ("%s", error->message);
  db = _tl_store_get_db (store);
  tl_retention_schedule_init_default (&schedule);
  cutoff = tl_retention_cutoff (&schedule, TL_TIP_STATUS_CLOSED, now + schedule.warning_days * DAY);

  for (guint run = 0; run < RUNS; run++)
    {
      double ms;

      start = g_get_monotonic_time ();
      if (tl_store_count_due_follow_ups (store, end_of_day, &error) < 0)
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (count_times, ms);

      start = g_get_monotonic_time ();
      {
        g_autoptr(GPtrArray) due = tl_store_list_due_follow_ups (store, end_of_day, TL_DUE_VIEW_LIMIT, &error);
        g_autoptr(GPtrArray) expiring = due != NULL
          ? tl_store_list_expiring (store, &schedule, now + schedule.warning_days * DAY, TL_DUE_VIEW_LIMIT, &error)
          : NULL;

        if (expiring == NULL)
          g_error ("%s", error->message);
        n_due = due->len;
        n_expiring = expiring->len;
      }
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (view_times, ms);

      start = g_get_monotonic_time ();
      direct (db, "SELECT count(*) FROM follow_ups WHERE state IN (0, 2) AND due <= ?", end_of_day, 0, 0, 0, 0);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (count_direct, ms);

      start = g_get_monotonic_time ();
      direct (db, "SELECT f.id, t.id, f.what, f.due, t.summary FROM follow_ups f JOIN tips t ON t.pk = f.tip_rowid"
                  " WHERE f.state IN (0, 2) AND f.due <= ? ORDER BY f.due, f.id LIMIT ?", end_of_day,
              TL_DUE_VIEW_LIMIT, 0, 0, 0);
      direct (db, "SELECT t.pk, t.id, t.status, t.modified, t.summary FROM tips t"
                  " WHERE t.status = 3 AND t.modified <= ? ORDER BY t.modified LIMIT ?", cutoff * G_USEC_PER_SEC,
              TL_DUE_VIEW_LIMIT, 0, 0, 0);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (view_direct, ms);
    }

  count_ms = median (count_times);
  view_ms = median (view_times);
  count_base = median (count_direct);
  view_base = median (view_direct);
  g_print ("Due view (%u follow-ups due, %u tips expiring): median %.2f ms, slowest %.2f ms;"
           " direct SQL %.2f ms (x%.1f)\n", n_due, n_expiring, view_ms,
           g_array_index (view_times, double, view_times->len - 1), view_base, view_ms / MAX (view_base, 0.001));
  g_print ("Header count: median %.3f ms, slowest %.3f ms; direct SQL %.3f ms (x%.1f)\n",
           count_ms, g_array_index (count_times, double, count_times->len - 1), count_base,
           count_ms / MAX (count_base, 0.001));

  tl_store_lock (store);
  remove_dir (dir);
  return count_ms <= LIMIT_MS && view_ms <= LIMIT_MS ? 0 : 1;
}
