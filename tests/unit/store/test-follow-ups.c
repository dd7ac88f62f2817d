/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-follow-ups"

#include "config.h"

#include <string.h>

#include "tl-error.h"
#include "tl-test-store.h"

/* Follow-ups: what the advocate must still do about a tip, by when. Expectations from
 * the hotline's day: what is due today or overdue is listed soonest first; done, snoozed
 * and dropped each need their reason where a reason matters and are audited by number,
 * never by content; a deleted tip takes its follow-ups with it. */

#define WHAT_CANARY "Call Qzxfollowcanary back after 6 pm"

typedef TlTestStore Fixture;

/* helpers */

static TlTip *
save_tip (Fixture *fx)
{
  TlTip *tip = tl_tip_new ();

  tip->type = TL_TRAFFICKING_SEX;
  tl_set_str (&tip->location.state, "NM");
  tl_test_store_save (fx, tip);
  return tip;
}

static gint64
add (Fixture    *fx,
     const char *tip_id,
     const char *what,
     gint64      due)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tl_store_add_follow_up (fx->store, tip_id, what, due, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
audit_count (Fixture    *fx,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = '%s'", action);

  return tl_test_store_query_int (fx->store, sql);
}

/* tests */

static void
test_due_order_and_count (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = 1796000000;      /* a fixed "now" keeps the test independent of the clock */
  gint64 later, overdue, today;

  later = add (fx, tip->id, "Check on the shelter referral", now + 5 * 86400);
  overdue = add (fx, tip->id, "Send the written follow-up report", now - 3600);
  today = add (fx, tip->id, WHAT_CANARY, now + 1800);

  due = tl_store_list_follow_ups (fx->store, NULL, now + 3600, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((TlFollowUp *) g_ptr_array_index (due, 0))->id, ==, overdue);
  g_assert_cmpint (((TlFollowUp *) g_ptr_array_index (due, 1))->id, ==, today);
  g_assert_true (tl_follow_up_is_overdue (g_ptr_array_index (due, 0), now));
  g_assert_false (tl_follow_up_is_overdue (g_ptr_array_index (due, 1), now));
  g_assert_cmpstr (((TlFollowUp *) g_ptr_array_index (due, 1))->advocate, ==, TL_TEST_STORE_ADVOCATE);
  g_assert_cmpstr (((TlFollowUp *) g_ptr_array_index (due, 1))->tip_id, ==, tip->id);

  g_assert_cmpint (tl_store_count_due_follow_ups (fx->store, now + 3600, NULL), ==, 2);
  g_assert_cmpint (tl_store_count_due_follow_ups (fx->store, now + 6 * 86400, NULL), ==, 3);

  /* The Due view's page: the soonest first, at most the limit, with the tip's summary. */
  {
    g_autoptr(GPtrArray) page = tl_store_list_due_follow_ups (fx->store, now + 6 * 86400, 2, &error);
    g_autofree char *summary = tl_tip_dup_summary (tip);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 2);
    g_assert_cmpint (((TlFollowUp *) g_ptr_array_index (page, 0))->id, ==, overdue);
    g_assert_cmpint (((TlFollowUp *) g_ptr_array_index (page, 1))->id, ==, today);
    g_assert_cmpstr (((TlFollowUp *) g_ptr_array_index (page, 0))->tip_summary, ==, summary);
  }

  /* Audited by number; what it says stays out of the audit log. */
  g_assert_cmpint (audit_count (fx, "follow-up-add"), ==, 3);
  g_assert_cmpint (tl_test_store_query_int (fx->store,
                                            "SELECT count(*) FROM audit WHERE detail LIKE '%Qzxfollowcanary%'"), ==, 0);
  (void) later;
}

static void
test_done_snooze_drop (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = 1796000000;
  gint64 a = add (fx, tip->id, "Call the reporter back", now - 60);
  gint64 b = add (fx, tip->id, "Check on the referral", now - 60);
  gint64 c = add (fx, tip->id, "Ask for the release form", now - 60);

  /* Snooze and drop need a reason; nothing changes without one. */
  g_assert_false (tl_store_snooze_follow_up (fx->store, b, now + 86400, "  ", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_store_drop_follow_up (fx->store, c, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (tl_store_finish_follow_up (fx->store, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_snooze_follow_up (fx->store, b, now + 86400, "Reporter works nights", &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_drop_follow_up (fx->store, c, "Victim moved out of state", &error));
  g_assert_no_error (error);

  /* Done twice is refused; a number that does not exist is named as such. */
  g_assert_false (tl_store_finish_follow_up (fx->store, a, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_store_finish_follow_up (fx->store, 9999, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (tl_store_count_due_follow_ups (fx->store, now, NULL), ==, 0);
  g_assert_cmpint (tl_store_count_due_follow_ups (fx->store, now + 86400, NULL), ==, 1);

  all = tl_store_list_follow_ups (fx->store, tip->id, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    {
      TlFollowUp *f = g_ptr_array_index (all, i);

      if (f->id == a)
        g_assert_cmpint (f->state, ==, TL_FOLLOW_UP_DONE);
      else if (f->id == b)
        {
          g_assert_cmpint (f->state, ==, TL_FOLLOW_UP_SNOOZED);
          g_assert_cmpint (f->due, ==, now + 86400);
          g_assert_cmpstr (f->reason, ==, "Reporter works nights");
        }
      else
        {
          g_assert_cmpint (f->state, ==, TL_FOLLOW_UP_DROPPED);
          g_assert_cmpstr (f->reason, ==, "Victim moved out of state");
        }
    }

  g_assert_cmpint (audit_count (fx, "follow-up-done"), ==, 1);
  g_assert_cmpint (audit_count (fx, "follow-up-snooze"), ==, 1);
  g_assert_cmpint (audit_count (fx, "follow-up-drop"), ==, 1);
}

static void
test_limits_and_unknown_tip (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (TL_FOLLOW_UP_MAX_WHAT + 1, 'x');
  g_autofree char *at_limit = g_strnfill (TL_FOLLOW_UP_MAX_WHAT, 'x');

  g_assert_cmpint (tl_store_add_follow_up (fx->store, "0b6f5d3a-8c1e-4f2b-9a7d-5e4c3b2a1f99",
                                           "Call back", 1796000000, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (fx, "follow-up-add"), ==, 0);

  g_assert_cmpint (tl_store_add_follow_up (fx->store, tip->id, long_text, 1796000000, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpint (tl_store_add_follow_up (fx->store, tip->id, "", 1796000000, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (tl_store_add_follow_up (fx->store, tip->id, at_limit, 1796000000, &error), >, 0);
  g_assert_no_error (error);
}

/* A deleted tip takes its follow-ups with it: none is left due for a tip that is gone. */
static void
test_delete_tip (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GError) error = NULL;

  add (fx, tip->id, WHAT_CANARY, 1796000000);
  g_assert_cmpint (tl_store_count_due_follow_ups (fx->store, 1796000000, NULL), ==, 1);
  g_assert_true (tl_store_delete_tip (fx->store, tip->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_due_follow_ups (fx->store, 1796000000, NULL), ==, 0);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM follow_ups"), ==, 0);
}

static void
test_end_of_day (void)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) evening = g_date_time_new (denver, 2026, 11, 24, 22, 30, 0);
  g_autoptr(GDateTime) last = g_date_time_new (denver, 2026, 11, 24, 23, 59, 59);

  /* 22:30 on the 24th in New Mexico is already the 25th in UTC; the day is New Mexico's. */
  g_assert_cmpint (tl_follow_up_end_of_day (evening), ==, g_date_time_to_unix (last));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/follow-ups/due-order-and-count", Fixture, NULL,
              tl_test_store_set_up, test_due_order_and_count, tl_test_store_tear_down);
  g_test_add ("/follow-ups/done-snooze-drop", Fixture, NULL,
              tl_test_store_set_up, test_done_snooze_drop, tl_test_store_tear_down);
  g_test_add ("/follow-ups/limits-and-unknown-tip", Fixture, NULL,
              tl_test_store_set_up, test_limits_and_unknown_tip, tl_test_store_tear_down);
  g_test_add ("/follow-ups/delete-tip", Fixture, NULL,
              tl_test_store_set_up, test_delete_tip, tl_test_store_tear_down);
  g_test_add_func ("/follow-ups/end-of-day", test_end_of_day);

  return g_test_run ();
}
