/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "tl-bench-stats.h"

/* Timing and the results table. Every figure is a median with its 10th-90th percentile
 * spread: on a shared machine a mean is dragged by whatever else ran at that moment. */

static GPtrArray *rows;

/* helpers */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Linear interpolation between the closest ranks. */
static double
percentile (GArray *sorted,
            double  p)
{
  double rank = p * (sorted->len - 1);
  guint lo = (guint) floor (rank);
  guint hi = MIN (lo + 1, sorted->len - 1);
  double frac = rank - lo;

  return g_array_index (sorted, double, lo) * (1 - frac) + g_array_index (sorted, double, hi) * frac;
}

static void
row_free (TlBenchRow *row)
{
  g_free (row->what);
  g_free (row->size);
  g_free (row->unit);
  g_free (row);
}

static double
ratio (const TlBenchRow *row)
{
  if (row->plain.n == 0 || row->plain.median <= 0)
    return 0;
  return row->enc.median / row->plain.median;
}

static char *
format_stat (const TlBenchStat *stat)
{
  if (stat->n == 0)
    return g_strdup ("–");
  if (stat->n == 1)
    return g_strdup_printf ("%.3g", stat->median);
  return g_strdup_printf ("%.3g (%.3g–%.3g)", stat->median, stat->p10, stat->p90);
}

/* "pass", "MISS" or "" when the row has no budget. */
static const char *
verdict (const TlBenchRow *row)
{
  gboolean judged = FALSE, ok = TRUE;

  if (row->budget > 0 && row->enc.n > 0)
    {
      judged = TRUE;
      ok &= row->enc.median <= row->budget;
    }
  if (row->ratio_budget > 0 && ratio (row) > 0)
    {
      judged = TRUE;
      ok &= ratio (row) <= row->ratio_budget;
    }

  return !judged ? "" : ok ? "pass" : "**MISS**";
}

static char *
format_budget (const TlBenchRow *row)
{
  GString *text = g_string_new (NULL);

  if (row->budget > 0)
    g_string_append_printf (text, "≤ %g %s", row->budget, row->unit ? row->unit : "ms");
  if (row->ratio_budget > 0)
    g_string_append_printf (text, "%sratio ≤ %g", text->len ? ", " : "", row->ratio_budget);

  return g_string_free (text, FALSE);
}

/* public API */

gint64
tl_bench_now (void)
{
  return g_get_monotonic_time ();
}

TlBenchStat
tl_bench_stat_from (GArray *samples_ms)
{
  TlBenchStat stat = { 0 };

  if (samples_ms->len == 0)
    return stat;
  g_array_sort (samples_ms, compare_doubles);
  stat.n = samples_ms->len;
  stat.median = percentile (samples_ms, 0.5);
  stat.p10 = percentile (samples_ms, 0.1);
  stat.p90 = percentile (samples_ms, 0.9);

  return stat;
}

/* One untimed warm-up call first: the first call pays for preparing statements and
 * reading pages into the cache, which is a different figure (cold start) from the one
 * an advocate sees while working. */
TlBenchStat
tl_bench_measure (TlBenchOp op,
                  gpointer  data,
                  guint     reps)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  if (op (data) < 0)
    return (TlBenchStat) { 0 };

  for (guint i = 0; i < reps; i++)
    {
      gint64 us = op (data);
      double ms;

      if (us < 0)
        {
          g_warning ("A measured operation failed; its figure is left out");
          return (TlBenchStat) { 0 };
        }
      ms = us / 1000.0;
      g_array_append_val (samples, ms);
    }

  return tl_bench_stat_from (samples);
}

/* Two operations repetition by repetition (a, b, a, b, …) after one warm-up call each,
 * so a change of load on the machine falls on both and not into their ratio. */
void
tl_bench_measure_pair (TlBenchOp    op,
                       gpointer     data_a,
                       gpointer     data_b,
                       guint        reps,
                       TlBenchStat *stat_a,
                       TlBenchStat *stat_b)
{
  g_autoptr(GArray) samples_a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) samples_b = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean ok_a, ok_b;

  *stat_a = (TlBenchStat) { 0 };
  *stat_b = (TlBenchStat) { 0 };
  ok_a = op (data_a) >= 0;
  ok_b = op (data_b) >= 0;

  for (guint i = 0; i < reps && (ok_a || ok_b); i++)
    for (guint k = 0; k < 2; k++)
      {
        gboolean *ok = k == 0 ? &ok_a : &ok_b;
        gint64 us;
        double ms;

        if (!*ok)
          continue;
        us = op (k == 0 ? data_a : data_b);
        if (us < 0)
          {
            g_warning ("A measured operation failed; its figure is left out");
            *ok = FALSE;
            continue;
          }
        ms = us / 1000.0;
        g_array_append_val (k == 0 ? samples_a : samples_b, ms);
      }

  if (ok_a)
    *stat_a = tl_bench_stat_from (samples_a);
  if (ok_b)
    *stat_b = tl_bench_stat_from (samples_b);
}

GPtrArray *
tl_bench_rows (void)
{
  if (rows == NULL)
    rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return rows;
}

TlBenchRow *
tl_bench_add_row (const char  *what,
                  const char  *size,
                  TlBenchStat  enc,
                  TlBenchStat  plain,
                  double       budget,
                  double       ratio_budget)
{
  TlBenchRow *row = g_new0 (TlBenchRow, 1);

  row->what = g_strdup (what);
  row->size = g_strdup (size != NULL ? size : "");
  row->enc = enc;
  row->plain = plain;
  row->budget = budget;
  row->ratio_budget = ratio_budget;
  g_ptr_array_add (tl_bench_rows (), row);
  tl_bench_print_row (row);

  return row;
}

void
tl_bench_print_row (const TlBenchRow *row)
{
  g_autofree char *enc = format_stat (&row->enc);
  g_autofree char *plain = format_stat (&row->plain);

  printf ("%-34s %-14s %-26s %-26s %6.2f  %s\n", row->what, row->size, enc, plain,
          ratio (row), verdict (row));
  fflush (stdout);
}

char *
tl_bench_markdown (void)
{
  GString *md = g_string_new ("| Operation | Size | Encrypted: median (p10–p90) | "
                              "Plain SQLite: median (p10–p90) | Ratio | Budget | Verdict |\n"
                              "|---|---|---|---|---|---|---|\n");
  GPtrArray *all = tl_bench_rows ();

  for (guint i = 0; i < all->len; i++)
    {
      const TlBenchRow *row = g_ptr_array_index (all, i);
      g_autofree char *enc = format_stat (&row->enc);
      g_autofree char *plain = format_stat (&row->plain);
      g_autofree char *budget = format_budget (row);
      g_autofree char *r = ratio (row) > 0 ? g_strdup_printf ("%.2f", ratio (row)) : g_strdup ("–");

      g_string_append_printf (md, "| %s | %s | %s | %s | %s | %s | %s |\n",
                              row->what, row->size, enc, plain, r, budget, verdict (row));
    }

  return g_string_free (md, FALSE);
}
