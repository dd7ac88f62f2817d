/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-stats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-stats-private.h"
#include "tl-store-private.h"

/* Counting over the fact tables (tl-store-facts.c). Every query is a range on an index
 * that starts with the time column and covers the counted columns, so a fiscal year of
 * 100,000 tips is read from indexes alone. Tips count by when they were received,
 * referrals by when the call was made. */

typedef struct
{
  TlStatsTableKind kind;
  const char *id;
  const char *title;
  gboolean counts_victims;
  const TlEnumValue *values;
  const char *sql;           /* value, count for ?1 <= time < ?2 */
  gboolean zero_is_known;    /* value 0 is a real answer, kept in table order */
} EnumTable;

static const EnumTable enum_tables[] = {
  { TL_STATS_CHANNEL, "channel", N_("Tips by channel"), FALSE, tl_channel_values,
    "SELECT channel, count(*) FROM tip_facts WHERE received >= ?1 AND received < ?2 GROUP BY 1" },
  { TL_STATS_TYPE, "type", N_("Tips by type of trafficking"), FALSE, tl_trafficking_type_values,
    "SELECT type, count(*) FROM tip_facts WHERE received >= ?1 AND received < ?2 GROUP BY 1" },
  { TL_STATS_VENUE, "venue", N_("Tips by venue"), FALSE, tl_venue_values,
    "SELECT venue, count(*) FROM tip_facts WHERE received >= ?1 AND received < ?2 GROUP BY 1" },
  { TL_STATS_CITIZENSHIP, "victim-citizenship", N_("Victims by citizenship"), TRUE, tl_citizenship_values,
    "SELECT citizenship, count(*) FROM victim_facts WHERE received >= ?1 AND received < ?2 GROUP BY 1" },
  { TL_STATS_GENDER, "victim-gender", N_("Victims by gender"), TRUE, tl_gender_values,
    "SELECT gender, count(*) FROM victim_facts WHERE received >= ?1 AND received < ?2 GROUP BY 1" },
  { TL_STATS_AGE, "victim-age", N_("Victims by age"), TRUE, tl_age_group_values,
    "SELECT age_group, count(*) FROM victim_facts WHERE received >= ?1 AND received < ?2 GROUP BY 1" },
  /* every logged call, by where it stands now, counted by when it was made */
  { TL_STATS_REFERRAL_STAGES, "referral-stages", N_("Calls and referrals, by where each stands"), FALSE,
    tl_referral_stage_values,
    "SELECT stage, count(*) FROM referral_facts WHERE at >= ?1 AND at < ?2 GROUP BY 1", TRUE },
  { TL_STATS_VICTIM_TYPE, "victim-type", N_("Victims by type of trafficking"), TRUE, tl_trafficking_type_values,
    "SELECT t.type, count(*) FROM victim_facts v JOIN tip_facts t ON t.tip_rowid = v.tip_rowid"
    " WHERE v.received >= ?1 AND v.received < ?2 GROUP BY 1" },
};

/* helpers */

static gint64
local_midnight (const GDate *day)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_get_year (day),
                                                         g_date_get_month (day),
                                                         g_date_get_day (day),
                                                         0, 0, 0);
  return g_date_time_to_unix (midnight);
}

static sqlite3_stmt *
prepare_range (TlStore     *self,
               const char  *sql,
               gint64       from,
               gint64       to,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not count the tips."));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  return stmt;
}

static gboolean
finish (TlStore      *self,
        sqlite3_stmt *stmt,
        int           rc,
        GError      **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, _("Tipline could not count the tips."));
  return TRUE;
}

/* Every value of the enumeration gets a row, zeros too (a grant form asks for each);
 * "unknown" or "not recorded", always value 0, comes last. */
static TlStatsTable *
count_enum (TlStore          *self,
            const EnumTable  *spec,
            gint64            from,
            gint64            to,
            GError          **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  TlStatsTable *table;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_range (self, spec->sql, from, to, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  if (!finish (self, stmt, rc, error))
    return NULL;

  table = _tl_stats_table_new (spec->kind, spec->id, _(spec->title), spec->counts_victims);
  for (int pass = 0; pass < 2; pass++)
    for (const TlEnumValue *v = spec->values; v->nick != NULL; v++)
      if (spec->zero_is_known ? pass == 0 : (v->value == 0) == (pass == 1))
        _tl_stats_table_add (table, v->nick, tl_enum_label (spec->values, v->value),
                             (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (counts, GINT_TO_POINTER (v->value))));

  return table;
}

static gint
compare_count_desc (gconstpointer a,
                    gconstpointer b)
{
  const TlStatsRow *ra = *(TlStatsRow * const *) a;
  const TlStatsRow *rb = *(TlStatsRow * const *) b;

  return (rb->count > ra->count) - (rb->count < ra->count);
}

static TlStatsTable *
count_referrals (TlStore  *self,
                 gint64    from,
                 gint64    to,
                 gint64   *total,
                 GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  TlStatsTable *table;
  sqlite3_stmt *stmt;
  int rc;

  /* A call that reached no one (a message left, no answer) made no referral. */
  G_STATIC_ASSERT (TL_OUTCOME_LEFT_MESSAGE == 1 && TL_OUTCOME_NO_ANSWER == 2);
  stmt = prepare_range (self,
                        "SELECT contact, count(*) FROM referral_facts WHERE at >= ?1 AND at < ?2"
                        " AND outcome NOT IN (1, 2)"
                        " GROUP BY 1 ORDER BY 2 DESC, 1",
                        from, to, error);
  if (stmt == NULL)
    return NULL;

  table = _tl_stats_table_new (TL_STATS_REFERRALS, "referrals", _("Referrals made, by contact"), FALSE);
  *total = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *contact = (const char *) sqlite3_column_text (stmt, 0);
      gint64 count = sqlite3_column_int64 (stmt, 1);

      _tl_stats_table_add (table, contact,
                           contact != NULL && contact[0] != '\0' ? contact : _("Contact not named"),
                           count);
      *total += count;
    }
  if (!finish (self, stmt, rc, error))
    {
      g_ptr_array_unref (table->rows);
      g_free (table->title);
      g_free (table);
      return NULL;
    }

  return table;
}

/* Victims by each service needed, in the needs' table order; one victim who needs two
 * services is counted in both rows, so the rows do not add up to the victims. */
static TlStatsTable *
count_services (TlStore  *self,
                gint64    from,
                gint64    to,
                GError  **error)
{
  TlStatsTable *table = _tl_stats_table_new (TL_STATS_SERVICES, "victim-services",
                                             _("Victims by service needed"), TRUE);

  for (const TlEnumValue *v = tl_need_values; v->nick != NULL; v++)
    {
      sqlite3_stmt *stmt = prepare_range (self,
                                          "SELECT count(*) FROM victim_facts"
                                          " WHERE received >= ?1 AND received < ?2 AND (needs & ?3) != 0",
                                          from, to, error);
      gint64 count = 0;
      int rc;

      if (stmt == NULL)
        {
          _tl_stats_table_free (table);
          return NULL;
        }
      sqlite3_bind_int (stmt, 3, v->value);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          count = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_DONE;
        }
      if (!finish (self, stmt, rc, error))
        {
          _tl_stats_table_free (table);
          return NULL;
        }
      _tl_stats_table_add (table, v->nick, tl_enum_label (tl_need_values, v->value), count);
    }
  return table;
}

static gboolean
count_summary (TlStore  *self,
               TlStats  *stats,
               gint64    from,
               gint64    to,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_range (self,
                        "SELECT count(*), count(DISTINCT reporter), total(reporter IS NULL)"
                        " FROM tip_facts WHERE received >= ?1 AND received < ?2",
                        from, to, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->tips = sqlite3_column_int64 (stmt, 0);
      stats->unique_reporters = sqlite3_column_int64 (stmt, 1);
      stats->tips_without_reporter = sqlite3_column_int64 (stmt, 2);
      rc = sqlite3_step (stmt);
    }
  if (!finish (self, stmt, rc, error))
    return FALSE;

  stmt = prepare_range (self,
                        "SELECT count(*) FROM victim_facts WHERE received >= ?1 AND received < ?2",
                        from, to, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->victims = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return finish (self, stmt, rc, error);
}

/* public API */

/**
 * tl_store_compute_stats:
 * @from: the first day counted
 * @to: the last day counted, the same as @from or later
 *
 * Returns: (transfer full): the counts, or %NULL with @error set
 */
TlStats *
tl_store_compute_stats (TlStore      *self,
                        const GDate  *from,
                        const GDate  *to,
                        GError      **error)
{
  g_autoptr(TlStats) stats = NULL;
  GDate end;
  gint64 from_time, to_time;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The period ends before it starts. Choose an end date on or after the start date."));
      return NULL;
    }

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  stats = g_new0 (TlStats, 1);
  stats->from = *from;
  stats->to = *to;

  end = *to;
  g_date_add_days (&end, 1);
  from_time = local_midnight (from);
  to_time = local_midnight (&end);

  if (!count_summary (self, stats, from_time, to_time, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (enum_tables); i++)
    {
      stats->tables[enum_tables[i].kind] = count_enum (self, &enum_tables[i], from_time, to_time, error);
      if (stats->tables[enum_tables[i].kind] == NULL)
        return NULL;
    }

  /* Top venues first, as the state profiles list them. */
  g_ptr_array_sort (stats->tables[TL_STATS_VENUE]->rows, compare_count_desc);

  stats->tables[TL_STATS_REFERRALS] = count_referrals (self, from_time, to_time, &stats->referrals, error);
  if (stats->tables[TL_STATS_REFERRALS] == NULL)
    return NULL;
  stats->tables[TL_STATS_SERVICES] = count_services (self, from_time, to_time, error);
  if (stats->tables[TL_STATS_SERVICES] == NULL)
    return NULL;

  return g_steal_pointer (&stats);
}
