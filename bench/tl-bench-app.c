/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tl-bench-app.h"
#include "tl-bench-stats.h"

/* The app's figures, each from a fresh process: start-up against the minimal window,
 * and the list with a large store. */

/* The app's measurement switch (src/app/tl-measure.h, which needs GTK). */
#define MEASURE_ENV "TIPLINE_MEASURE_STARTUP"

/* helpers */

/* The value of "key: value" in a program's output, or -1. */
static double
read_value (const char *output,
            const char *key)
{
  g_autofree char *needle = g_strdup_printf ("%s: ", key);
  const char *line = output != NULL ? strstr (output, needle) : NULL;

  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (needle), NULL);
}

/* Runs argv, with TIPLINE_MEASURE_STARTUP=1 when measure_start is set (the program then
 * quits at its first frame); returns its output, and in spawned the monotonic time just
 * before the process was made. */
static char *
run_measured (const char * const *argv,
              gboolean            measure_start,
              gint64             *spawned)
{
  g_auto(GStrv) env = measure_start ? g_environ_setenv (g_get_environ (), MEASURE_ENV, "1", TRUE)
                                    : g_environ_unsetenv (g_get_environ (), MEASURE_ENV);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  *spawned = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s: %s\n%s", argv[0], error->message, err != NULL ? err : "");
      g_free (out);
      return NULL;
    }

  return out;
}

static void
append (GArray *samples,
        double  value)
{
  if (value >= 0)
    g_array_append_val (samples, value);
}

/* public API */

void
tl_bench_run_startup (const char *app_path,
                      const char *minimal_path,
                      const char *store_dir,
                      guint       runs)
{
  const char *app_argv[] = { app_path, "--store", store_dir, NULL };
  const char *minimal_argv[] = { minimal_path, NULL };
  const char * const *argvs[2] = { app_argv, minimal_argv };
  GArray *frame[2], *kernel[2], *rss[2];
  TlBenchRow *row;

  for (guint p = 0; p < 2; p++)
    {
      frame[p] = g_array_new (FALSE, FALSE, sizeof (double));
      kernel[p] = g_array_new (FALSE, FALSE, sizeof (double));
      rss[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* One untimed launch each first (shared libraries, fonts, icon theme into the page
   * cache), then alternating, so a change in the machine's load hits both alike. */
  for (guint i = 0; i <= runs; i++)
    for (guint p = 0; p < 2; p++)
      {
        gint64 spawned;
        g_autofree char *out = run_measured (argvs[p], TRUE, &spawned);
        double at = read_value (out, "first-frame-monotonic");

        if (i == 0 || out == NULL)
          continue;
        append (frame[p], at >= 0 ? (at - spawned) / 1000.0 : -1);
        append (kernel[p], read_value (out, "first-frame-ms"));
        append (rss[p], read_value (out, "vmrss-kb") / 1024.0);
      }

  tl_bench_add_row ("app start to first frame (unlock page) vs minimal window", "",
                    tl_bench_stat_from (frame[0]), tl_bench_stat_from (frame[1]), 0, 1.2);
  tl_bench_add_row ("same, timed from /proc starttime (10 ms ticks)", "",
                    tl_bench_stat_from (kernel[0]), tl_bench_stat_from (kernel[1]), 0, 0);
  row = tl_bench_add_row ("resident memory at first frame (MB)", "",
                          tl_bench_stat_from (rss[0]), tl_bench_stat_from (rss[1]), 0, 0);
  row->unit = g_strdup ("MB");

  for (guint p = 0; p < 2; p++)
    {
      g_array_unref (frame[p]);
      g_array_unref (kernel[p]);
      g_array_unref (rss[p]);
    }
}

void
tl_bench_run_app_open (const char *open_path,
                       const char *store_dir,
                       guint       n_tips,
                       guint       runs)
{
  const char *argv[] = { open_path, "--store", store_dir, NULL };
  g_autofree char *size = g_strdup_printf ("%'u tips", n_tips);
  g_autoptr(GArray) unlock = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unlock_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hwm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite = g_array_new (FALSE, FALSE, sizeof (double));
  static const char * const actions[] = { "unlock", "scroll", "open", "open-again", "type", "type-field", "save",
                                          "filter", "search" };
  static const double budgets[] = { 0, 0, 100, 100, 50, 50, 100, 0, 0 };
  GArray *stalls[G_N_ELEMENTS (actions)];
  TlBenchStat none = { 0 };
  TlBenchRow *row;

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    stalls[a] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      gint64 spawned;
      g_autofree char *out = run_measured (argv, FALSE, &spawned);

      if (out == NULL)
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        {
          g_autofree char *key = g_strdup_printf ("%s-stall-ms", actions[a]);

          append (stalls[a], read_value (out, key));
        }
      append (unlock, read_value (out, "unlock-to-rows-ms"));
      append (unlock_all, read_value (out, "unlock-to-all-rows-ms"));
      append (scroll, read_value (out, "scroll-ms"));
      append (rss, read_value (out, "vmrss-kb") / 1024.0);
      append (hwm, read_value (out, "vmhwm-kb") / 1024.0);
      append (rows_rss, read_value (out, "rows-vmrss-kb") / 1024.0);
      append (sqlite, read_value (out, "sqlite-peak-kb") / 1024.0);
    }

  /* Issue 16: key derivation + 150 ms; the benchmark's stores have the minimum KDF. */
  tl_bench_add_row ("app: unlock (minimum KDF) to first rows drawn", size,
                    tl_bench_stat_from (unlock), none, 150, 0);
  tl_bench_add_row ("app: unlock to the list showing every tip (a slice of rows a frame)", size,
                    tl_bench_stat_from (unlock_all), none, 0, 0);
  tl_bench_add_row ("app: scroll the list top to end (400 frames)", size,
                    tl_bench_stat_from (scroll), none, 0, 0);
  row = tl_bench_add_row ("app: resident memory after the scroll (MB)", size,
                          tl_bench_stat_from (rss), none, 150, 0);
  row->unit = g_strdup ("MB");
  row = tl_bench_add_row ("app: peak resident memory (VmHWM, MB)", size,
                          tl_bench_stat_from (hwm), none, 150, 0);
  row->unit = g_strdup ("MB");
  row = tl_bench_add_row ("app: resident memory at the first rows (MB)", size,
                          tl_bench_stat_from (rows_rss), none, 0, 0);
  row->unit = g_strdup ("MB");
  row = tl_bench_add_row ("app: of it, SQLite's heap at its peak (page cache, MB)", size,
                          tl_bench_stat_from (sqlite), none, 0, 0);
  row->unit = g_strdup ("MB");

  /* Issue 16: the longest main-loop stall of each action (budget: 100 ms for opening a
   * tip and saving, 50 ms for typing). */
  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      g_autofree char *what = g_strdup_printf ("app: longest main-loop stall, %s", actions[a]);
      tl_bench_add_row (what, size, tl_bench_stat_from (stalls[a]), none, budgets[a], 0);
      g_array_unref (stalls[a]);
    }
}
