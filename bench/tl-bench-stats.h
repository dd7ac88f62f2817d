/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A timed operation: does any setup it needs, then returns how long the measured part
 * took, in microseconds (tl_bench_now() before and after), or -1 on failure. */
typedef gint64 (*TlBenchOp) (gpointer data);

typedef struct
{
  guint n;
  double median;              /* milliseconds */
  double p10;
  double p90;
} TlBenchStat;

/* One line of the results: the encrypted store, and the plain one where it applies. */
typedef struct
{
  char *what;
  char *size;                 /* "100,000 tips", or "" */
  TlBenchStat enc;
  TlBenchStat plain;          /* n == 0 when there is no plain counterpart */
  double budget;              /* milliseconds; 0 = none */
  double ratio_budget;        /* encrypted / plain; 0 = none */
  char *unit;                 /* NULL for milliseconds, else printed as is (e.g. "MB") */
} TlBenchRow;

gint64       tl_bench_now            (void);
TlBenchStat  tl_bench_measure        (TlBenchOp    op,
                                      gpointer     data,
                                      guint        reps);
void         tl_bench_measure_pair   (TlBenchOp    op,
                                      gpointer     data_a,
                                      gpointer     data_b,
                                      guint        reps,
                                      TlBenchStat *stat_a,
                                      TlBenchStat *stat_b);
TlBenchStat  tl_bench_stat_from      (GArray      *samples_ms);

GPtrArray   *tl_bench_rows           (void);
TlBenchRow  *tl_bench_add_row        (const char  *what,
                                      const char  *size,
                                      TlBenchStat  enc,
                                      TlBenchStat  plain,
                                      double       budget,
                                      double       ratio_budget);
void         tl_bench_print_row      (const TlBenchRow *row);
char        *tl_bench_markdown       (void);

G_END_DECLS
