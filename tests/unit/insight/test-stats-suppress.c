/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats-suppress"

#include "config.h"

#include <string.h>

#include "tl-stats-private.h"

/* Counts that leave the machine hide 1 to 10 ("<11"), and a table with one hidden count
 * hides one more ("*"), so no hidden count is the total minus the shown ones. Expected
 * marks are written from that rule, case by case, before looking at the output. */

typedef struct
{
  const char *name;
  guint threshold;
  gint64 counts[6];         /* -1 ends the table */
  const char *shown[6];     /* what each count is published as */
} Case;

static const Case cases[] = {
  { "seven-is-small", 11, { 7, -1 }, { "<11" } },
  { "zero-is-shown", 11, { 0, 25, -1 }, { "0", "25" } },
  { "ten-is-small-eleven-is-not", 11, { 10, 11, 12, -1 }, { "<11", "*", "12" } },
  { "one-small-hides-the-next-smallest", 11, { 45, 5, 30, 0, -1 }, { "45", "<11", "*", "0" } },
  { "two-small-hide-no-more", 11, { 3, 4, 30, -1 }, { "<11", "<11", "30" } },
  { "one-small-alone", 11, { 4, 0, 0, -1 }, { "<11", "0", "0" } },
  { "threshold-one-shows-all", 1, { 1, 2, 3, -1 }, { "1", "2", "3" } },
  { "threshold-zero-shows-all", 0, { 1, 2, 3, -1 }, { "1", "2", "3" } },
  { "threshold-five", 5, { 4, 5, 100, -1 }, { "<5", "*", "100" } },
  { "all-large", 11, { 11, 200, -1 }, { "11", "200" } },
};

/* helpers */

static TlStats *
stats_with_table (const gint64 *counts)
{
  TlStats *stats = g_new0 (TlStats, 1);

  g_date_clear (&stats->from, 1);
  g_date_clear (&stats->to, 1);
  g_date_set_dmy (&stats->from, 1, G_DATE_OCTOBER, 2025);
  g_date_set_dmy (&stats->to, 30, G_DATE_SEPTEMBER, 2026);
  for (guint t = 0; t < TL_STATS_N_TABLES; t++)
    stats->tables[t] = _tl_stats_table_new (t, "table", "Table", FALSE);

  for (guint i = 0; counts != NULL && counts[i] >= 0; i++)
    {
      g_autofree char *label = g_strdup_printf ("Category %u", i);

      _tl_stats_table_add (stats->tables[TL_STATS_CHANNEL], label, label, counts[i]);
      stats->tips += counts[i];
    }
  return stats;
}

/* tests */

static void
test_cases (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(TlStats) stats = stats_with_table (cases[c].counts);
      TlStatsTable *table = stats->tables[TL_STATS_CHANNEL];

      g_test_message ("case %s", cases[c].name);
      tl_stats_suppress (stats, cases[c].threshold);
      for (guint i = 0; i < table->rows->len; i++)
        {
          TlStatsRow *row = g_ptr_array_index (table->rows, i);
          g_autofree char *text = tl_stats_format_count (stats, row->count, row->shown);

          g_assert_cmpstr (text, ==, cases[c].shown[i]);
        }
    }
}

/* Seeded random tables: a reader who knows the total never finds exactly one hidden
 * non-zero count, the only way subtraction would reveal it. */
static void
test_no_recovery_by_subtraction (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);

  for (guint n = 0; n < 5000; n++)
    {
      gint64 counts[9];
      guint len = g_rand_int_range (rand, 1, 9);
      g_autoptr(TlStats) stats = NULL;
      TlStatsTable *table;
      guint hidden = 0, small = 0;

      for (guint i = 0; i < len; i++)
        counts[i] = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 12) : g_rand_int_range (rand, 0, 400);
      counts[len] = -1;
      stats = stats_with_table (counts);
      tl_stats_suppress (stats, TL_STATS_DEFAULT_THRESHOLD);

      table = stats->tables[TL_STATS_CHANNEL];
      for (guint i = 0; i < table->rows->len; i++)
        {
          TlStatsRow *row = g_ptr_array_index (table->rows, i);

          if (row->count >= 1 && row->count <= 10)
            {
              g_assert_cmpint (row->shown, ==, TL_COUNT_SMALL);
              small++;
            }
          if (row->shown != TL_COUNT_SHOWN)
            hidden++;
        }
      /* A lone small count is only allowed when the total itself is that count,
       * which is then small too and hidden as well. */
      if (hidden == 1)
        g_assert_cmpint (tl_stats_classify (stats, stats->tips), ==, TL_COUNT_SMALL);
      g_assert_true (small == 0 || hidden >= 1);
    }
}

static void
test_csv_and_note (void)
{
  const gint64 counts[] = { 7, 120, 15, -1 };
  g_autoptr(TlStats) stats = stats_with_table (counts);
  g_autofree char *plain = tl_stats_to_csv (stats);
  g_autofree char *csv = NULL;

  /* Before suppression: exact, no note (what the advocate sees in the window). */
  g_assert_nonnull (strstr (plain, "\"Table\",\"Category 0\",7\r\n"));
  g_assert_null (strstr (plain, "\"Note\""));

  tl_stats_suppress (stats, TL_STATS_DEFAULT_THRESHOLD);
  csv = tl_stats_to_csv (stats);
  g_assert_nonnull (strstr (csv, "\"Table\",\"Category 0\",\"<11\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"Table\",\"Category 1\",120\r\n"));
  g_assert_nonnull (strstr (csv, "\"Table\",\"Category 2\",\"*\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"Note\",\"To protect victims, counts from 1 to 10 are shown as “<11”"));
  g_assert_null (strstr (csv, ",7\r\n"));
  g_assert_null (strstr (csv, ",15\r\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/suppress/cases", test_cases);
  g_test_add_func ("/stats/suppress/no-recovery-by-subtraction", test_no_recovery_by_subtraction);
  g_test_add_func ("/stats/suppress/csv-and-note", test_csv_and_note);

  return g_test_run ();
}
