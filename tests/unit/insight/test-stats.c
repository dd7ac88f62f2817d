/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include "tl-tip-rules.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-stats.h"
#include "tl-store.h"
#include "tl-test-store.h"

#define PASS TL_TEST_STORE_PASSPHRASE
#define N_TIPS 700
#define N_PEOPLE 60

/* Counts from a store of random (seeded) tips, checked against counts the test keeps
 * itself while it makes the tips: from what it chose, not by re-reading the tips. */

typedef struct
{
  gint64 tips;
  gint64 victims;
  gint64 referrals;
  gint64 channel[TL_CHANNEL_OTHER + 1];
  gint64 type[TL_TRAFFICKING_BOTH + 1];
  gint64 venue[TL_VENUE_OTHER + 1];
  gint64 gender[TL_GENDER_NON_BINARY + 1];
  gint64 citizenship[TL_CITIZENSHIP_FOREIGN_NATIONAL + 1];
  gint64 age[TL_AGE_GROUP_MINOR + 1];
  gint64 stage[TL_REFERRAL_DONE + 1];
  gint64 victim_type[TL_TRAFFICKING_BOTH + 1];
  GHashTable *services;     /* need nick -> count */
  GHashTable *contacts;     /* name -> count */
  GHashTable *people;       /* reporter index, set */
  gint64 anonymous;
} Expected;

static const char * const contacts[] = {
  "National Human Trafficking Hotline", "The Life Link", "=cmd|' /C calc'!A0", "CYFD Statewide Central Intake",
};

/* helpers */

static gboolean
in_period (GDateTime   *when,
           const GDate *from,
           const GDate *to)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_compare (&day, from) >= 0 && g_date_compare (&day, to) <= 0;
}

/* Person i has a phone or an e-mail, typed a different way each time. */
static void
set_reporter (TlTip *tip,
              GRand *rand,
              int    person)
{
  if (person % 2 == 0)
    {
      g_autofree char *phone = NULL;

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          phone = g_strdup_printf ("(505) 555-%04d", person);
          break;
        case 1:
          phone = g_strdup_printf ("505.555.%04d", person);
          break;
        default:
          phone = g_strdup_printf ("+1 505 555 %04d", person);
          break;
        }

      tl_set_str (&tip->reporter_phone, phone);
    }
  else
    {
      g_autofree char *email = g_strdup_printf (g_rand_boolean (rand) ? "Person%d@Example.org" : "person%d@example.org ",
                                                person);

      tl_set_str (&tip->reporter_email, email);
    }
}

static TlTip *
random_tip (GRand       *rand,
            const GDate *from,
            const GDate *to,
            Expected    *expected)
{
  TlTip *tip = tl_tip_new ();
  gboolean counted;
  guint n_victims, n_referrals;
  int person;

  tip->status = TL_TIP_STATUS_OPEN;
  /* Two years around the period, so the edges are crossed. */
  tip->received = g_date_time_new_local (g_rand_int_range (rand, 2023, 2026),
                                         g_rand_int_range (rand, 1, 13),
                                         g_rand_int_range (rand, 1, 29),
                                         g_rand_int_range (rand, 0, 24),
                                         g_rand_int_range (rand, 0, 60), 0);
  tip->channel = g_rand_int_range (rand, 0, TL_CHANNEL_OTHER + 1);
  tip->type = g_rand_int_range (rand, 0, TL_TRAFFICKING_BOTH + 1);
  tip->venue = g_rand_int_range (rand, 0, TL_VENUE_OTHER + 1);
  counted = in_period (tip->received, from, to);

  person = g_rand_int_range (rand, -10, N_PEOPLE);
  if (person >= 0)
    set_reporter (tip, rand, person);

  if (counted)
    {
      expected->tips++;
      expected->channel[tip->channel]++;
      expected->type[tip->type]++;
      expected->venue[tip->venue]++;
      if (person >= 0)
        g_hash_table_add (expected->people, GINT_TO_POINTER (person + 1));
      else
        expected->anonymous++;
    }

  n_victims = g_rand_int_range (rand, 0, 4);
  for (guint i = 0; i < n_victims; i++)
    {
      TlVictim *v = tl_victim_new ();
      TlAgeGroup group = g_rand_int_range (rand, 0, 3);

      v->gender = g_rand_int_range (rand, 0, TL_GENDER_NON_BINARY + 1);
      v->citizenship = g_rand_int_range (rand, 0, TL_CITIZENSHIP_FOREIGN_NATIONAL + 1);
      /* any set of services, one victim often needing several */
      v->needs = g_rand_int_range (rand, 0, 64) & ~(g_rand_boolean (rand) ? 0x0f : 0x30);
      if (group == TL_AGE_GROUP_MINOR)
        {
          if (g_rand_boolean (rand))
            tl_set_str (&v->age, "15");
          else
            {
              g_autofree char *birth = g_date_time_format (tip->received, "%Y-01-01");  /* a baby */

              tl_set_str (&v->birth_date, birth);
            }
        }
      else if (group == TL_AGE_GROUP_ADULT)
        {
          if (g_rand_boolean (rand))
            tl_set_str (&v->age, "34");
          else
            tl_set_str (&v->birth_date, "1970-06-15");
        }
      g_ptr_array_add (tip->victims, v);

      if (counted)
        {
          expected->victims++;
          expected->gender[v->gender]++;
          expected->citizenship[v->citizenship]++;
          expected->age[group]++;
          expected->victim_type[tip->type]++;
          for (const TlEnumValue *n = tl_need_values; n->nick != NULL; n++)
            if (v->needs & n->value)
              g_hash_table_insert (expected->services, (gpointer) n->nick,
                                   GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (expected->services, n->nick)) + 1));
        }
    }

  n_referrals = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n_referrals; i++)
    {
      TlReferral *r = tl_referral_new ();
      const char *contact = contacts[g_rand_int_range (rand, 0, G_N_ELEMENTS (contacts))];

      r->at = g_date_time_add_hours (tip->received, g_rand_int_range (rand, 0, 72));
      r->outcome = g_rand_int_range (rand, TL_OUTCOME_REACHED, TL_OUTCOME_DECLINED + 1);
      tl_set_str (&r->contact_name, contact);
      g_ptr_array_add (tip->referrals, r);
      /* some move on: accepted then done, or declined with a reason (issue 19) */
      if (g_rand_int_range (rand, 0, 3) == 0 &&
          tl_referral_can_move (tl_referral_get_stage (r), TL_REFERRAL_ACCEPTED))
        {
          g_assert_true (tl_tip_move_referral (tip, tip->referrals->len - 1, TL_REFERRAL_ACCEPTED, NULL, NULL, r->at, NULL));
          if (g_rand_boolean (rand))
            g_assert_true (tl_tip_move_referral (tip, tip->referrals->len - 1, TL_REFERRAL_DONE, "Placed", NULL, r->at, NULL));
        }
      if (in_period (r->at, from, to))
        expected->stage[tl_referral_get_stage (r)]++;

      /* A voicemail or no answer is a call logged, not a referral made (issue 17). */
      if (in_period (r->at, from, to) &&
          r->outcome != TL_OUTCOME_LEFT_MESSAGE && r->outcome != TL_OUTCOME_NO_ANSWER)
        {
          expected->referrals++;
          g_hash_table_insert (expected->contacts, (gpointer) contact,
                               GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (expected->contacts, contact)) + 1));
        }
    }

  return tip;
}

static gint64
row_count (const TlStatsTable *table,
           const char         *key)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      const TlStatsRow *row = g_ptr_array_index (table->rows, i);

      if (g_str_equal (row->key, key))
        return row->count;
    }
  return -1;
}

static void
check_enum (const TlStatsTable *table,
            const TlEnumValue  *values,
            const gint64       *expected)
{
  g_assert_cmpuint (table->rows->len, ==, tl_enum_count (values));
  for (const TlEnumValue *v = values; v->nick != NULL; v++)
    g_assert_cmpint (row_count (table, v->nick), ==, expected[v->value]);
}

/* tests */

static void
test_fiscal_year (void)
{
  GDate day, from, to;
  char text[32];

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 5, 3, 2024);
  tl_stats_fiscal_year (&day, &from, &to);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &from);
  g_assert_cmpstr (text, ==, "2023-10-01");
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &to);
  g_assert_cmpstr (text, ==, "2024-09-30");

  g_date_set_dmy (&day, 1, 10, 2024);
  tl_stats_fiscal_year (&day, &from, &to);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &from);
  g_assert_cmpstr (text, ==, "2024-10-01");

  tl_stats_calendar_year (&day, &from, &to);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &to);
  g_assert_cmpstr (text, ==, "2024-12-31");
}

static void
test_counts (void)
{
  TlTestStore fx;
  TlStore *store;
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(TlStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240930);
  g_autofree char *csv = NULL;
  Expected expected = { 0 };
  GDate from, to, day;
  const TlStatsTable *referrals;

  tl_test_store_init (&fx, "stats");
  tl_test_store_create (&fx, NULL, PASS);
  store = fx.store;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 1, 2024);
  tl_stats_fiscal_year (&day, &from, &to);

  expected.contacts = g_hash_table_new (g_str_hash, g_str_equal);
  expected.services = g_hash_table_new (g_str_hash, g_str_equal);
  expected.people = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < N_TIPS; i++)
    g_ptr_array_add (tips, random_tip (rand, &from, &to, &expected));

  result = tl_store_import_tips (store, tips, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, N_TIPS);

  /* A tip saved again is counted once, with its new facts. */
  g_assert_true (tl_store_save_tip (store, g_ptr_array_index (tips, 0), &error));

  stats = tl_store_compute_stats (store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expected.tips, >, 100);
  g_assert_cmpint (stats->tips, ==, expected.tips);
  g_assert_cmpint (stats->victims, ==, expected.victims);
  g_assert_cmpint (stats->referrals, ==, expected.referrals);
  g_assert_cmpint (stats->unique_reporters, ==, g_hash_table_size (expected.people));
  g_assert_cmpint (stats->tips_without_reporter, ==, expected.anonymous);

  check_enum (stats->tables[TL_STATS_CHANNEL], tl_channel_values, expected.channel);
  check_enum (stats->tables[TL_STATS_TYPE], tl_trafficking_type_values, expected.type);
  check_enum (stats->tables[TL_STATS_VENUE], tl_venue_values, expected.venue);
  check_enum (stats->tables[TL_STATS_GENDER], tl_gender_values, expected.gender);
  check_enum (stats->tables[TL_STATS_CITIZENSHIP], tl_citizenship_values, expected.citizenship);
  check_enum (stats->tables[TL_STATS_AGE], tl_age_group_values, expected.age);
  check_enum (stats->tables[TL_STATS_REFERRAL_STAGES], tl_referral_stage_values, expected.stage);
  check_enum (stats->tables[TL_STATS_VICTIM_TYPE], tl_trafficking_type_values, expected.victim_type);
  g_assert_cmpint (tl_stats_table_total (stats->tables[TL_STATS_VICTIM_TYPE]), ==, stats->victims);
  g_assert_cmpuint (stats->tables[TL_STATS_SERVICES]->rows->len, ==, tl_enum_count (tl_need_values));
  for (const TlEnumValue *n = tl_need_values; n->nick != NULL; n++)
    g_assert_cmpint (row_count (stats->tables[TL_STATS_SERVICES], n->nick), ==,
                     (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (expected.services, n->nick)));
  g_assert_cmpint (row_count (stats->tables[TL_STATS_SERVICES], "legal"), >, 0);

  /* the grant indicators preset: its summary rows and tables only, in the same CSV */
  {
    g_autofree char *grant = tl_stats_to_csv_preset (stats, TL_STATS_PRESET_GRANT);
    static const struct { TlStatsTableKind kind; gboolean in_grant; } preset_tables[] = {
      { TL_STATS_CHANNEL, FALSE }, { TL_STATS_TYPE, FALSE }, { TL_STATS_VENUE, FALSE },
      { TL_STATS_CITIZENSHIP, TRUE }, { TL_STATS_GENDER, FALSE }, { TL_STATS_AGE, TRUE },
      { TL_STATS_REFERRALS, FALSE }, { TL_STATS_REFERRAL_STAGES, TRUE },
      { TL_STATS_VICTIM_TYPE, TRUE }, { TL_STATS_SERVICES, TRUE },
    };

    g_assert_cmpuint (G_N_ELEMENTS (preset_tables), ==, TL_STATS_N_TABLES);
    for (guint i = 0; i < G_N_ELEMENTS (preset_tables); i++)
      {
        g_autofree char *cell = g_strdup_printf ("\"%s\"", stats->tables[preset_tables[i].kind]->title);

        g_assert_cmpint (tl_stats_preset_has_table (TL_STATS_PRESET_GRANT, preset_tables[i].kind), ==,
                         preset_tables[i].in_grant);
        g_assert_true (tl_stats_preset_has_table (TL_STATS_PRESET_ALL, preset_tables[i].kind));
        g_assert_cmpint (strstr (grant, cell) != NULL, ==, preset_tables[i].in_grant);
      }
    g_assert_nonnull (strstr (grant, "\"Summary\",\"Contacts\","));
    g_assert_nonnull (strstr (grant, "\"Summary\",\"Referrals made\","));
    g_assert_null (strstr (grant, "Unique reporters"));
  }
  g_assert_cmpint (expected.stage[TL_REFERRAL_DONE], >, 0);
  g_assert_cmpint (tl_stats_table_total (stats->tables[TL_STATS_GENDER]), ==, stats->victims);

  referrals = stats->tables[TL_STATS_REFERRALS];
  g_assert_cmpuint (referrals->rows->len, ==, g_hash_table_size (expected.contacts));
  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    g_assert_cmpint (MAX (row_count (referrals, contacts[i]), 0), ==,
                     (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (expected.contacts, contacts[i])));

  /* Venues are listed most common first. */
  for (guint i = 1; i < stats->tables[TL_STATS_VENUE]->rows->len; i++)
    g_assert_cmpint (((TlStatsRow *) g_ptr_array_index (stats->tables[TL_STATS_VENUE]->rows, i - 1))->count, >=,
                     ((TlStatsRow *) g_ptr_array_index (stats->tables[TL_STATS_VENUE]->rows, i))->count);

  csv = tl_stats_to_csv (stats);
  g_assert_true (g_str_has_prefix (csv, "\"From\",\"To\",\"Table\",\"Category\",\"Count\"\r\n"));
  {
    g_autofree char *line = g_strdup_printf ("\"2023-10-01\",\"2024-09-30\",\"Tips by channel\",\"Phone call\",%" G_GINT64_FORMAT "\r\n",
                                             expected.channel[TL_CHANNEL_PHONE]);
    g_assert_nonnull (strstr (csv, line));
  }
  /* A contact that looks like a formula is text to a spreadsheet. */
  g_assert_nonnull (strstr (csv, "\"'=cmd|' /C calc'!A0\""));

  /* Deleting a tip takes its facts with it. */
  {
    g_autoptr(TlStats) after = NULL;
    gint64 before = 0;
    guint i;

    for (i = 0; i < tips->len; i++)
      {
        TlTip *tip = g_ptr_array_index (tips, i);

        if (in_period (tip->received, &from, &to) && tip->victims->len > 0)
          {
            before = tip->victims->len;
            g_assert_true (tl_store_delete_tip (store, tip->id, &error));
            break;
          }
      }
    after = tl_store_compute_stats (store, &from, &to, &error);
    g_assert_cmpint (after->tips, ==, stats->tips - 1);
    g_assert_cmpint (after->victims, ==, stats->victims - before);
  }

  g_assert_null (tl_store_compute_stats (store, &to, &from, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);

  g_hash_table_unref (expected.contacts);
  g_hash_table_unref (expected.services);
  g_hash_table_unref (expected.people);
  tl_store_lock (store);
  tl_test_store_clear (&fx);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/fiscal-year", test_fiscal_year);
  g_test_add_func ("/stats/counts", test_counts);

  return g_test_run ();
}
