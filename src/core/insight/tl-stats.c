/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-stats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-stats-private.h"

/* Periods, CSV and memory for the statistics the store counts (tl-store-stats.c). */

const TlEnumValue tl_age_group_values[] = {
  { TL_AGE_GROUP_ADULT, "adult", N_("Adult") },
  { TL_AGE_GROUP_MINOR, "minor", N_("Minor (under 18)") },
  { TL_AGE_GROUP_UNKNOWN, "unknown", N_("Age unknown") },
  { 0, NULL, NULL }
};

/* helpers */

/* A cell as RFC 4180 quotes it. Text that a spreadsheet would run as a formula gets a
 * leading apostrophe: contact names come from protocol files and people's typing. */
static void
append_cell (GString    *csv,
             const char *text)
{
  g_string_append_c (csv, '"');
  if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
      text[0] == '\t' || text[0] == '\r')
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_row (GString       *csv,
            const TlStats *stats,
            const char    *table,
            const char    *category,
            gint64         count,
            TlCountShown   shown)
{
  g_autofree char *text = tl_stats_format_count (stats, count, shown);
  char from[16], to[16];

  g_date_strftime (from, sizeof from, "%Y-%m-%d", &stats->from);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &stats->to);

  append_cell (csv, from);
  g_string_append_c (csv, ',');
  append_cell (csv, to);
  g_string_append_c (csv, ',');
  append_cell (csv, table);
  g_string_append_c (csv, ',');
  append_cell (csv, category);
  g_string_append_c (csv, ',');
  if (shown == TL_COUNT_SHOWN)
    g_string_append (csv, text);
  else
    append_cell (csv, text);
  g_string_append (csv, "\r\n");
}

static void
table_free (TlStatsTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
row_free (TlStatsRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

/* public API */

void
tl_stats_fiscal_year (GDate *day,
                      GDate *from,
                      GDate *to)
{
  GDateYear end_year;

  g_return_if_fail (day != NULL && g_date_valid (day));

  end_year = g_date_get_year (day) + (g_date_get_month (day) >= G_DATE_OCTOBER ? 1 : 0);
  g_date_clear (from, 1);
  g_date_clear (to, 1);
  g_date_set_dmy (from, 1, G_DATE_OCTOBER, end_year - 1);
  g_date_set_dmy (to, 30, G_DATE_SEPTEMBER, end_year);
}

void
tl_stats_calendar_year (GDate *day,
                        GDate *from,
                        GDate *to)
{
  g_return_if_fail (day != NULL && g_date_valid (day));

  g_date_clear (from, 1);
  g_date_clear (to, 1);
  g_date_set_dmy (from, 1, G_DATE_JANUARY, g_date_get_year (day));
  g_date_set_dmy (to, 31, G_DATE_DECEMBER, g_date_get_year (day));
}

gint64
tl_stats_table_total (const TlStatsTable *table)
{
  gint64 total = 0;

  g_return_val_if_fail (table != NULL, 0);

  for (guint i = 0; i < table->rows->len; i++)
    total += ((TlStatsRow *) g_ptr_array_index (table->rows, i))->count;
  return total;
}

const TlEnumValue tl_stats_preset_values[] = {
  { TL_STATS_PRESET_ALL, "all", N_("Every table") },
  { TL_STATS_PRESET_GRANT, "grant", N_("Federal grant indicators") },
  { 0, NULL, NULL },
};

gboolean
tl_stats_preset_has_table (TlStatsPreset    preset,
                           TlStatsTableKind kind)
{
  static const TlStatsTableKind grant[] = {
    TL_STATS_REFERRAL_STAGES, TL_STATS_AGE, TL_STATS_CITIZENSHIP, TL_STATS_VICTIM_TYPE,
    TL_STATS_SERVICES,
  };

  if (preset != TL_STATS_PRESET_GRANT)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (grant); i++)
    if (grant[i] == kind)
      return TRUE;
  return FALSE;
}

/**
 * tl_stats_to_csv:
 *
 * Every table as rows of From, To, Table, Category, Count, after a few summary rows,
 * with a header row. Dates are YYYY-MM-DD; lines end in CRLF as RFC 4180 says. Counts
 * that tl_stats_suppress() marked are written as "<11" or "*", and a last row says why.
 */
char *
tl_stats_to_csv (const TlStats *stats)
{
  return tl_stats_to_csv_preset (stats, TL_STATS_PRESET_ALL);
}

/* The CSV of tl_stats_to_csv() with only the preset's summary rows and tables: for the
 * grant indicators, contacts (tips), victims and referrals made, then its tables. */
char *
tl_stats_to_csv_preset (const TlStats *stats,
                        TlStatsPreset  preset)
{
  GString *csv = g_string_new (NULL);
  gboolean grant = preset == TL_STATS_PRESET_GRANT;
  g_autofree char *note = NULL;
  const char *summary;

  g_return_val_if_fail (stats != NULL, NULL);

  /* Translators: column headings of the statistics CSV file */
  append_cell (csv, C_("csv", "From"));
  g_string_append_c (csv, ',');
  append_cell (csv, C_("csv", "To"));
  g_string_append_c (csv, ',');
  append_cell (csv, C_("csv", "Table"));
  g_string_append_c (csv, ',');
  append_cell (csv, C_("csv", "Category"));
  g_string_append_c (csv, ',');
  append_cell (csv, C_("csv", "Count"));
  g_string_append (csv, "\r\n");

  summary = C_("csv", "Summary");
  /* Translators: a grant report's word for tips received (each is a contact with the hotline) */
  append_row (csv, stats, summary, grant ? _("Contacts") : _("Tips"), stats->tips,
              tl_stats_classify (stats, stats->tips));
  append_row (csv, stats, summary, _("Victims"), stats->victims,
              tl_stats_classify (stats, stats->victims));
  append_row (csv, stats, summary, _("Referrals made"), stats->referrals,
              tl_stats_classify (stats, stats->referrals));
  if (!grant)
    {
      append_row (csv, stats, summary, _("Unique reporters"), stats->unique_reporters,
                  tl_stats_classify (stats, stats->unique_reporters));
      append_row (csv, stats, summary, _("Tips with no reporter phone or e-mail"),
                  stats->tips_without_reporter, tl_stats_classify (stats, stats->tips_without_reporter));
    }

  for (guint t = 0; t < TL_STATS_N_TABLES; t++)
    {
      const TlStatsTable *table = stats->tables[t];

      if (!tl_stats_preset_has_table (preset, t))
        continue;

      for (guint i = 0; i < table->rows->len; i++)
        {
          const TlStatsRow *row = g_ptr_array_index (table->rows, i);

          append_row (csv, stats, table->title, row->label, row->count, row->shown);
        }
    }

  note = tl_stats_suppression_note (stats);
  if (note != NULL)
    {
      append_cell (csv, "");
      g_string_append_c (csv, ',');
      append_cell (csv, "");
      g_string_append_c (csv, ',');
      /* Translators: the "Table" cell of the CSV row that explains hidden counts */
      append_cell (csv, C_("csv", "Note"));
      g_string_append_c (csv, ',');
      append_cell (csv, note);
      g_string_append (csv, ",\r\n");
    }

  return g_string_free (csv, FALSE);
}

void
tl_stats_free (TlStats *stats)
{
  if (stats == NULL)
    return;
  for (guint t = 0; t < TL_STATS_N_TABLES; t++)
    table_free (stats->tables[t]);
  g_free (stats);
}

/* private API, for tl-store-stats.c */

TlStatsTable *
_tl_stats_table_new (TlStatsTableKind  kind,
                     const char       *id,
                     const char       *title,
                     gboolean          counts_victims)
{
  TlStatsTable *table = g_new0 (TlStatsTable, 1);

  table->kind = kind;
  table->id = id;
  table->title = g_strdup (title);
  table->counts_victims = counts_victims;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return table;
}

TlStatsRow *
_tl_stats_table_add (TlStatsTable *table,
                     const char   *key,
                     const char   *label,
                     gint64        count)
{
  TlStatsRow *row = g_new0 (TlStatsRow, 1);

  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->count = count;
  g_ptr_array_add (table->rows, row);
  return row;
}

void
_tl_stats_table_free (TlStatsTable *table)
{
  table_free (table);
}
