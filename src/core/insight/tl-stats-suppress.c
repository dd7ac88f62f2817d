/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-stats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-stats.h"

/* Small counts identify people: "2 Honduran minors in Lea County this year" can name
 * them. Every count that leaves the machine (CSV, printed or copied figures, the CLI's
 * stats) hides counts from 1 to threshold - 1, and where a table has just one such count,
 * also the next smallest, so the hidden one cannot be recovered from the total by
 * subtraction. Zero is shown: it identifies no one. */

/* helpers */

static gboolean
is_small (guint  threshold,
          gint64 count)
{
  return threshold > 1 && count >= 1 && count < (gint64) threshold;
}

static void
suppress_table (TlStatsTable *table,
                guint         threshold)
{
  TlStatsRow *smallest_shown = NULL;
  guint n_small = 0;

  for (guint i = 0; i < table->rows->len; i++)
    {
      TlStatsRow *row = g_ptr_array_index (table->rows, i);

      row->shown = is_small (threshold, row->count) ? TL_COUNT_SMALL : TL_COUNT_SHOWN;
      if (row->shown == TL_COUNT_SMALL)
        n_small++;
      else if (row->count > 0 && (smallest_shown == NULL || row->count < smallest_shown->count))
        smallest_shown = row;
    }

  /* One hidden count among shown ones is the total minus the rest: hide one more. */
  if (n_small == 1 && smallest_shown != NULL)
    smallest_shown->shown = TL_COUNT_WITHHELD;
}

/* public API */

void
tl_stats_suppress (TlStats *stats,
                   guint    threshold)
{
  g_return_if_fail (stats != NULL);

  stats->threshold = threshold;
  for (guint t = 0; t < TL_STATS_N_TABLES; t++)
    suppress_table (stats->tables[t], threshold);
}

/* How a summary count (tips, victims, ...) is shown under the threshold applied. */
TlCountShown
tl_stats_classify (const TlStats *stats,
                   gint64         count)
{
  g_return_val_if_fail (stats != NULL, TL_COUNT_SHOWN);

  return is_small (stats->threshold, count) ? TL_COUNT_SMALL : TL_COUNT_SHOWN;
}

char *
tl_stats_format_count (const TlStats *stats,
                       gint64         count,
                       TlCountShown   shown)
{
  g_return_val_if_fail (stats != NULL, NULL);

  switch (shown)
    {
    case TL_COUNT_SMALL:
      return g_strdup_printf ("<%u", stats->threshold);
    case TL_COUNT_WITHHELD:
      return g_strdup ("*");
    case TL_COUNT_SHOWN:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, count);
    }
}

/* NULL when nothing is suppressed. */
char *
tl_stats_suppression_note (const TlStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  if (stats->threshold <= 1)
    return NULL;

  /* Translators: %u is the threshold (11), %u the largest hidden count (10), %u again the
   * threshold, as in "<11" */
  return g_strdup_printf (_("To protect victims, counts from 1 to %u are shown as “<%u”, and a count marked “*” is withheld so that a small count cannot be worked out from the others."),
                          stats->threshold - 1, stats->threshold);
}
