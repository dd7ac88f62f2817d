/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-handoff"

#include "config.h"

#include <string.h>

#include "tl-error.h"
#include "tl-handoff.h"
#include "tl-test-store.h"
#include "tl-tip-rules.h"

/* The shift hand-off (issue 19): its counts, every one of which leaves the machine
 * suppressed from 1 to 10 with the statistics' note; the tips it lists, each as the
 * coordinator profile shows it, so a victim's name, phone and words never appear; what
 * a follow-up says, withheld; its audit entries. */

#define CANARY "Qzxhandoffcanary"
#define HOUR 3600

typedef TlTestStore Fixture;

/* helpers */

static TlTip *
save (Fixture     *fx,
      TlTipStatus  status,
      gboolean     with_call)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  TlTip *tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();
  TlPhone *phone = tl_phone_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  /* A minute ago: the shift runs up to the second the hand-off is made. */
  tip->received = g_date_time_add_minutes (now, -1);
  tl_set_str (&tip->location.city, "Las Cruces");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&victim->name, CANARY " Pérez");
  tl_set_str (&victim->age, "16");
  g_ptr_array_add (tip->victims, victim);
  tl_set_str (&phone->number, "+1 (575) 555-0177");
  g_ptr_array_add (tip->phones, phone);
  tl_set_str (&tip->narrative, "She said " CANARY " keeps the passports.");
  if (with_call)
    {
      TlReferral *referral = tl_referral_new ();

      referral->at = g_date_time_add_minutes (now, -1);
      tl_set_str (&referral->contact_name, "Child protective intake");
      referral->outcome = TL_OUTCOME_REACHED;
      tl_tip_add_referral (tip, referral, TL_TEST_STORE_ADVOCATE);
    }
  tip->status = status;
  tl_test_store_save (fx, tip);
  return tip;
}

static gint64
audit_exports (Fixture    *fx,
               const char *tip_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'export' AND tip_id = '%s'",
                                          tip_id);

  return tl_test_store_query_int (fx->store, sql);
}

/* tests */

static void
test_counts_and_redaction (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(TlTip) open = save (fx, TL_TIP_STATUS_OPEN, FALSE);
  g_autoptr(TlTip) referred = save (fx, TL_TIP_STATUS_REFERRED, TRUE);
  g_autoptr(TlTip) closed = save (fx, TL_TIP_STATUS_CLOSED, FALSE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TlHandoff) handoff = NULL;
  g_autoptr(TlHandoff) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *plain = NULL;
  gint64 t = g_date_time_to_unix (now);
  gint64 done_id;
  /* Every count, with what it must be here. A count added to TlShiftCounts without a
   * row here fails the size check. */
  static const struct
  {
    const char *key;            /* its JSON name */
    gsize offset;
    gint64 expected;
  } rows[] = {
    { "open-tips", G_STRUCT_OFFSET (TlShiftCounts, open_tips), 2 },
    { "received", G_STRUCT_OFFSET (TlShiftCounts, received), 3 },
    { "calls", G_STRUCT_OFFSET (TlShiftCounts, calls), 1 },
    { "due", G_STRUCT_OFFSET (TlShiftCounts, due), 2 },
    { "overdue", G_STRUCT_OFFSET (TlShiftCounts, overdue), 2 },
    { "follow-ups-closed", G_STRUCT_OFFSET (TlShiftCounts, follow_ups_closed), 1 },
  };

  g_assert_cmpuint (G_N_ELEMENTS (rows), ==, sizeof (TlShiftCounts) / sizeof (gint64));

  g_assert_cmpint (tl_store_add_follow_up (fx->store, open->id, "Call " CANARY " back", t - 2 * HOUR, &error), >, 0);
  g_assert_cmpint (tl_store_add_follow_up (fx->store, referred->id, "Written follow-up report", t - HOUR, &error), >, 0);
  g_assert_cmpint (tl_store_add_follow_up (fx->store, open->id, "Check on the shelter", t + 7 * 24 * HOUR, &error), >, 0);
  done_id = tl_store_add_follow_up (fx->store, closed->id, "Last call", t - 3 * HOUR, &error);
  g_assert_true (tl_store_finish_follow_up (fx->store, done_id, NULL, &error));
  g_assert_no_error (error);

  g_assert_null (tl_handoff_new (fx->store, t + HOUR, now, TL_STATS_DEFAULT_THRESHOLD, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);

  /* The hand-off is made now, after all of the above. */
  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_local ();
  handoff = tl_handoff_new (fx->store, t - 8 * HOUR, now, TL_STATS_DEFAULT_THRESHOLD, &error);
  g_assert_no_error (error);
  text = tl_handoff_to_text (handoff);
  json = tl_handoff_to_json (handoff);
  shown = tl_handoff_new (fx->store, t - 8 * HOUR, now, 1, &error);
  g_assert_no_error (error);
  plain = tl_handoff_to_json (shown);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gint64 value = G_STRUCT_MEMBER (gint64, &handoff->counts, rows[i].offset);
      g_autofree char *suppressed = g_strdup_printf ("\"%s\":\"<11\"", rows[i].key);
      g_autofree char *exact = g_strdup_printf ("\"%s\":\"%" G_GINT64_FORMAT "\"", rows[i].key, rows[i].expected);

      g_test_message ("%s = %" G_GINT64_FORMAT, rows[i].key, value);
      g_assert_cmpint (value, ==, rows[i].expected);
      /* 1 to 10: "<11" by default, the number with threshold 1. */
      g_assert_nonnull (strstr (json, suppressed));
      g_assert_nonnull (strstr (plain, exact));
    }
  g_assert_nonnull (strstr (json, "\"note\":\"To protect victims"));
  g_assert_nonnull (strstr (text, "To protect victims"));
  g_assert_nonnull (strstr (plain, "\"note\":null"));

  /* The open and referred tips, not the closed one; two follow-ups due, overdue. */
  g_assert_cmpuint (handoff->tips->len, ==, 2);
  g_assert_nonnull (strstr (json, open->id));
  g_assert_nonnull (strstr (json, referred->id));
  g_assert_null (strstr (json, closed->id));
  g_assert_cmpuint (handoff->due->len, ==, 2);
  g_assert_nonnull (strstr (text, "(overdue)"));
  g_assert_nonnull (strstr (text, "Labor trafficking · Las Cruces, NM"));

  /* Nothing of the victims, nor what the follow-ups say, in either form. */
  for (guint i = 0; i < 3; i++)
    {
      const char *out = i == 0 ? text : i == 1 ? json : plain;

      g_assert_null (strstr (out, CANARY));
      g_assert_null (strstr (out, "555-0177"));
      g_assert_null (strstr (out, "passports"));
      g_assert_null (strstr (out, "Written follow-up report"));
      g_assert_null (strstr (out, "Check on the shelter"));
    }

  /* Recorded as an export of each tip it lists, before it leaves. */
  g_assert_cmpint (audit_exports (fx, open->id), ==, 0);
  g_assert_true (tl_handoff_record (handoff, fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_exports (fx, open->id), ==, 1);
  g_assert_cmpint (audit_exports (fx, referred->id), ==, 1);
  g_assert_cmpint (audit_exports (fx, closed->id), ==, 0);
}

/* Eleven open tips: a count at the threshold is shown as it is. */
static void
test_threshold_edge (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TlHandoff) handoff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  for (guint i = 0; i < 11; i++)
    {
      g_autoptr(TlTip) tip = save (fx, TL_TIP_STATUS_OPEN, FALSE);
    }
  handoff = tl_handoff_new (fx->store, g_date_time_to_unix (now) - HOUR, now, TL_STATS_DEFAULT_THRESHOLD, &error);
  g_assert_no_error (error);
  json = tl_handoff_to_json (handoff);
  g_assert_nonnull (strstr (json, "\"open-tips\":\"11\""));
  g_assert_nonnull (strstr (json, "\"calls\":\"0\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/handoff/counts-and-redaction", Fixture, NULL, tl_test_store_set_up,
              test_counts_and_redaction, tl_test_store_tear_down);
  g_test_add ("/handoff/threshold-edge", Fixture, NULL, tl_test_store_set_up,
              test_threshold_edge, tl_test_store_tear_down);
  return g_test_run ();
}
