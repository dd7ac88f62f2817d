/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The largest tip the limits allow (tl-tip-limits.h: TL_TIP_MAX_PARTS of every kind of
 * part, a narrative of TL_TIP_MAX_NARRATIVE bytes, long fields) is saved, opened,
 * searched and rendered as text and PDF within bounds of time and memory (issue 15: a
 * tip with 200,000 victims froze the app at 11 GB, a 60 MB narrative took a PDF past
 * 6 GB; the limits refuse those, and this checks that what they let in stays cheap). */
#define G_LOG_DOMAIN "test-largest-tip"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "tl-error.h"
#include "tl-export.h"
#include "tl-tip-limits.h"
#include "tl-test-store.h"

#define PASS TL_TEST_STORE_PASSPHRASE
/* Bounds far above what a quiet machine needs (seconds, below), low enough to catch a
 * regression towards the gigabytes and minutes of issue 15, also on a busy CI runner or
 * under sanitizers. */
#define MAX_SECONDS   60.0
#define MAX_GROWTH_MB 768

/* Every kind of part the limits count (tl_tip_check_limits): adding one to TlTip
 * without a row here leaves it out of the largest tip, so the count below fails. */
#define N_PART_KINDS 7

static long
max_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static char *
long_text (char   c,
           gsize  length)
{
  return g_strnfill (length, c);
}

static TlTip *
largest_tip (void)
{
  TlTip *tip = tl_tip_new ();
  g_autofree char *field = long_text ('f', 200);
  g_autofree char *narrative = NULL;
  GString *words = g_string_sized_new (TL_TIP_MAX_NARRATIVE);
  guint kinds = 0;

  /* Words, not one run of letters: line breaking in the PDF is the costly part. */
  while (words->len + 12 <= TL_TIP_MAX_NARRATIVE)
    g_string_append (words, "Zorblatt at ");
  while (words->len < TL_TIP_MAX_NARRATIVE)
    g_string_append_c (words, 'x');
  narrative = g_string_free (words, FALSE);
  g_assert_cmpuint (strlen (narrative), ==, TL_TIP_MAX_NARRATIVE);
  tl_set_str (&tip->narrative, narrative);
  tip->danger = TL_DANGER_IMMEDIATE;

  for (guint i = 0; i < TL_TIP_MAX_PARTS; i++)
    {
      TlVictim *victim = tl_victim_new ();
      TlOffender *offender = tl_offender_new ();
      TlVehicle *vehicle = tl_vehicle_new ();
      TlPhone *phone = tl_phone_new ();
      TlOnline *online = tl_online_new ();
      TlFinancial *financial = tl_financial_new ();
      TlReferral *referral = tl_referral_new ();
      g_autofree char *number = g_strdup_printf ("505-555-%04u", i);

      tl_set_str (&victim->name, field);
      tl_set_str (&victim->description, field);
      tl_set_str (&offender->name, field);
      tl_set_str (&offender->description, field);
      tl_set_str (&vehicle->plate, number);
      tl_set_str (&vehicle->description, field);
      tl_set_str (&phone->number, number);
      tl_set_str (&online->value, field);
      tl_set_str (&financial->value, number);
      tl_set_str (&referral->note, field);
      tl_set_str (&referral->step, "Call");
      referral->at = g_date_time_new_now_utc ();
      g_ptr_array_add (tip->victims, victim);
      g_ptr_array_add (tip->offenders, offender);
      g_ptr_array_add (tip->vehicles, vehicle);
      g_ptr_array_add (tip->phones, phone);
      g_ptr_array_add (tip->online, online);
      g_ptr_array_add (tip->financial, financial);
      g_ptr_array_add (tip->referrals, referral);
    }

  {
    GPtrArray *parts[] = { tip->victims, tip->offenders, tip->vehicles, tip->phones,
                           tip->online, tip->financial, tip->referrals };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i]->len == TL_TIP_MAX_PARTS)
        kinds++;
    g_assert_cmpuint (kinds, ==, N_PART_KINDS);
  }
  g_assert_true (tl_tip_check_limits (tip, NULL));
  return tip;
}

typedef struct
{
  const char *what;
  gint64 started;
  long rss_before;
} Bound;

static void
bound_start (Bound      *bound,
             const char *what)
{
  bound->what = what;
  bound->rss_before = max_rss_mb ();
  bound->started = g_get_monotonic_time ();
}

static void
bound_check (Bound *bound)
{
  double seconds = (g_get_monotonic_time () - bound->started) / (double) G_USEC_PER_SEC;
  long growth = max_rss_mb () - bound->rss_before;

  g_test_message ("%s: %.2f s, peak memory grew by %ld MB", bound->what, seconds, growth);
  g_assert_cmpfloat (seconds, <, MAX_SECONDS);
  g_assert_cmpint (growth, <, MAX_GROWTH_MB);
}

static void
test_largest_tip (TlTestStore   *fx,
                  gconstpointer  data)
{
  g_autoptr(TlTip) tip = largest_tip ();
  g_autoptr(TlTip) loaded = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const TlReportFormat formats[] = { TL_REPORT_TEXT, TL_REPORT_PDF };
  Bound bound;

  bound_start (&bound, "save");
  g_assert_true (tl_store_save_tip (fx->store, tip, &error));
  g_assert_no_error (error);
  bound_check (&bound);

  bound_start (&bound, "open");
  loaded = tl_store_load_tip (fx->store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->victims->len, ==, TL_TIP_MAX_PARTS);
  g_assert_cmpuint (strlen (loaded->narrative), ==, TL_TIP_MAX_NARRATIVE);
  bound_check (&bound);

  bound_start (&bound, "search");
  rows = tl_store_search (fx->store, "Zorblatt", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  bound_check (&bound);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      TlExport *export = tl_export_new (loaded, TL_REPORT_PROFILE_FULL, formats[i], NULL);

      bound_start (&bound, formats[i] == TL_REPORT_PDF ? "render PDF" : "render text");
      bytes = tl_export_render (export, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, TL_TIP_MAX_NARRATIVE / 2);
      bound_check (&bound);
      tl_export_free (export);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/largest-tip/save-open-render", TlTestStore, NULL,
              tl_test_store_set_up, test_largest_tip, tl_test_store_tear_down);

  return g_test_run ();
}
