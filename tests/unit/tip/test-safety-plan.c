/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-safety-plan.h"

/* The call-back window (issue 19): read on the clock of its zone, past midnight, across
 * daylight saving time and at the edges of a day. Each case is a row; every verdict
 * tl_safety_plan_check() can give appears at least once (checked at the end). */

#define MON (1 << 0)
#define TUE (1 << 1)
#define WED (1 << 2)
#define THU (1 << 3)
#define FRI (1 << 4)
#define SAT (1 << 5)
#define SUN (1 << 6)
#define WEEKDAYS (MON | TUE | WED | THU | FRI)

typedef struct
{
  TlCallBack call_back;
  guint8 days;
  int from, to;               /* minutes */
  const char *zone;           /* the plan's own zone, or NULL */
} Plan;

static const Plan office_hours = { TL_CALL_BACK_WINDOW, WEEKDAYS, 9 * 60, 17 * 60, "America/Denver" };
static const Plan late_weekend = { TL_CALL_BACK_WINDOW, FRI | SAT, 22 * 60, 2 * 60, "America/Denver" };
static const Plan every_day = { TL_CALL_BACK_WINDOW, 0, 9 * 60, 17 * 60, "America/Denver" };
static const Plan office_zone_hours = { TL_CALL_BACK_WINDOW, WEEKDAYS, 9 * 60, 17 * 60, NULL };
static const Plan sunday_whole = { TL_CALL_BACK_WINDOW, SUN, 0, 0, "America/Denver" };
static const Plan small_hours = { TL_CALL_BACK_WINDOW, 0, 1 * 60, 2 * 60, "America/Denver" };
static const Plan never = { TL_CALL_BACK_NO, 0, 0, 0, NULL };
static const Plan any_time = { TL_CALL_BACK_YES, 0, 0, 0, NULL };
static const Plan not_asked = { TL_CALL_BACK_UNKNOWN, 0, 0, 0, NULL };
static const Plan window_without_hours = { TL_CALL_BACK_WINDOW, 0, 0, 0, "America/Denver" };

static const struct
{
  const char *what;
  const Plan *plan;
  const char *office;         /* the office's zone */
  const char *now;
  TlCallCheck expected;
} cases[] = {
  /* weekday hours, as a local time and as the same instant in UTC */
  { "Monday 10:00", &office_hours, "America/Denver", "2026-12-07T10:00:00-07:00", TL_CALL_SAFE },
  { "Monday 08:59", &office_hours, "America/Denver", "2026-12-07T08:59:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "Monday 09:00, the first minute", &office_hours, "America/Denver", "2026-12-07T09:00:00-07:00", TL_CALL_SAFE },
  { "Monday 17:00, the end is outside", &office_hours, "America/Denver", "2026-12-07T17:00:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "Saturday 10:00", &office_hours, "America/Denver", "2026-12-05T10:00:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "09:30 Denver given in UTC", &office_hours, "America/Denver", "2026-12-07T16:30:00Z", TL_CALL_SAFE },
  { "08:30 Denver given in UTC", &office_hours, "America/Denver", "2026-12-07T15:30:00Z", TL_CALL_OUTSIDE_WINDOW },
  { "09:30 Denver seen from New York", &office_hours, "America/New_York", "2026-12-07T11:30:00-05:00", TL_CALL_SAFE },
  /* no zone in the plan: the office's zone decides */
  { "14:30Z is 09:30 in New York", &office_zone_hours, "America/New_York", "2026-12-07T14:30:00Z", TL_CALL_SAFE },
  { "14:30Z is 07:30 in Denver", &office_zone_hours, "America/Denver", "2026-12-07T14:30:00Z", TL_CALL_OUTSIDE_WINDOW },
  /* past midnight: the morning belongs to the day before */
  { "Friday 23:00", &late_weekend, "America/Denver", "2026-12-04T23:00:00-07:00", TL_CALL_SAFE },
  { "Saturday 01:00, Friday's window", &late_weekend, "America/Denver", "2026-12-05T01:00:00-07:00", TL_CALL_SAFE },
  { "Sunday 01:59, Saturday's window", &late_weekend, "America/Denver", "2026-12-06T01:59:00-07:00", TL_CALL_SAFE },
  { "Sunday 02:00, closed", &late_weekend, "America/Denver", "2026-12-06T02:00:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "Friday 01:00, Thursday has none", &late_weekend, "America/Denver", "2026-12-04T01:00:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "Sunday 23:00, Sunday has none", &late_weekend, "America/Denver", "2026-12-06T23:00:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "Saturday 21:59", &late_weekend, "America/Denver", "2026-12-05T21:59:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  /* daylight saving time: the window stays on the wall clock (Denver springs forward on
   * 2026-03-08 and falls back on 2026-11-01) */
  { "09:30 MST before the change", &every_day, "America/Denver", "2026-03-06T16:30:00Z", TL_CALL_SAFE },
  { "15:30Z is 09:30 MDT after it", &every_day, "America/Denver", "2026-03-09T15:30:00Z", TL_CALL_SAFE },
  { "15:30Z was 08:30 MST before it", &every_day, "America/Denver", "2026-03-06T15:30:00Z", TL_CALL_OUTSIDE_WINDOW },
  { "01:30 MDT, the first one", &small_hours, "America/Denver", "2026-11-01T07:30:00Z", TL_CALL_SAFE },
  { "01:30 MST, the repeated hour", &small_hours, "America/Denver", "2026-11-01T08:30:00Z", TL_CALL_SAFE },
  { "02:30 MST after the repeat", &small_hours, "America/Denver", "2026-11-01T09:30:00Z", TL_CALL_OUTSIDE_WINDOW },
  /* the edges of a day: from == to is the whole day */
  { "Sunday 00:00", &sunday_whole, "America/Denver", "2026-12-06T00:00:00-07:00", TL_CALL_SAFE },
  { "Sunday 23:59", &sunday_whole, "America/Denver", "2026-12-06T23:59:59-07:00", TL_CALL_SAFE },
  { "Monday 00:00", &sunday_whole, "America/Denver", "2026-12-07T00:00:00-07:00", TL_CALL_OUTSIDE_WINDOW },
  { "Saturday 23:59", &sunday_whole, "America/Denver", "2026-12-05T23:59:59-07:00", TL_CALL_OUTSIDE_WINDOW },
  /* not a window */
  { "never", &never, "America/Denver", "2026-12-07T10:00:00-07:00", TL_CALL_NOT_SAFE },
  { "any time", &any_time, "America/Denver", "2026-12-07T03:00:00-07:00", TL_CALL_SAFE },
  { "not asked", &not_asked, "America/Denver", "2026-12-07T10:00:00-07:00", TL_CALL_NOT_ASKED },
  { "a window without hours is not a window", &window_without_hours, "America/Denver", "2026-12-07T10:00:00-07:00", TL_CALL_NOT_ASKED },
};

static void
fill (TlSafetyPlan *plan,
      const Plan   *p)
{
  memset (plan, 0, sizeof *plan);
  plan->call_back = p->call_back;
  plan->days = p->days;
  plan->from = p->from;
  plan->to = p->to;
  tl_set_str (&plan->timezone, p->zone);
}

static GDateTime *
at (const char *text)
{
  GDateTime *result = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (result);
  return result;
}

static void
test_window_table (void)
{
  gboolean seen[TL_CALL_OUTSIDE_WINDOW + 1] = { FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TlSafetyPlan plan;
      g_autoptr(GTimeZone) office = g_time_zone_new_identifier (cases[i].office);
      g_autoptr(GDateTime) now = at (cases[i].now);
      TlCallCheck got;

      g_assert_nonnull (office);
      fill (&plan, cases[i].plan);
      got = tl_safety_plan_check (&plan, now, office);
      if (got != cases[i].expected)
        g_error ("%s: expected %d, got %d", cases[i].what, cases[i].expected, got);
      seen[got] = TRUE;
      tl_safety_plan_clear (&plan);
    }

  for (guint v = 0; v < G_N_ELEMENTS (seen); v++)
    g_assert_true (seen[v]);
}

/* When the window opens next, in the plan's zone. */
static void
test_next_safe (void)
{
  static const struct
  {
    const Plan *plan;
    const char *now;
    const char *expected;     /* NULL: never; "now": at once */
  } next[] = {
    { &office_hours, "2026-12-05T10:00:00-07:00", "2026-12-07T09:00:00-07:00" },  /* Sat → Mon */
    { &office_hours, "2026-12-07T08:00:00-07:00", "2026-12-07T09:00:00-07:00" },
    { &office_hours, "2026-12-07T10:00:00-07:00", "now" },
    { &office_hours, "2026-12-04T17:30:00-07:00", "2026-12-07T09:00:00-07:00" },  /* Fri evening */
    { &late_weekend, "2026-12-03T12:00:00-07:00", "2026-12-04T22:00:00-07:00" },  /* Thu → Fri */
    { &late_weekend, "2026-12-06T03:00:00-07:00", "2026-12-11T22:00:00-07:00" },  /* Sun → Fri */
    /* across the spring change: Monday 09:00 is MDT, -06:00 */
    { &office_hours, "2026-03-07T12:00:00-07:00", "2026-03-09T09:00:00-06:00" },
    { &never, "2026-12-07T10:00:00-07:00", NULL },
    { &not_asked, "2026-12-07T10:00:00-07:00", NULL },
    { &window_without_hours, "2026-12-07T10:00:00-07:00", NULL },
    { &any_time, "2026-12-07T03:00:00-07:00", "now" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (next); i++)
    {
      TlSafetyPlan plan;
      g_autoptr(GDateTime) now = at (next[i].now);
      g_autoptr(GDateTime) got = NULL;

      fill (&plan, next[i].plan);
      got = tl_safety_plan_next_safe (&plan, now, NULL);
      if (next[i].expected == NULL)
        g_assert_null (got);
      else if (g_str_equal (next[i].expected, "now"))
        g_assert_true (got != NULL && g_date_time_equal (got, now));
      else
        {
          g_autoptr(GDateTime) expected = at (next[i].expected);

          g_assert_nonnull (got);
          if (!g_date_time_equal (got, expected))
            g_error ("case %u: expected %s, got %s", i, next[i].expected,
                     g_date_time_format_iso8601 (got));
          g_assert_true (tl_safety_plan_in_window (&plan, got, NULL));
        }
      tl_safety_plan_clear (&plan);
    }
}

/* A window that opens in the hour the spring change skips (02:30 on 2026-03-08 does not
 * exist in Denver): the next safe time is a real time inside the window. */
static void
test_next_safe_in_gap (void)
{
  static const Plan gap = { TL_CALL_BACK_WINDOW, 0, 2 * 60 + 30, 4 * 60, "America/Denver" };
  TlSafetyPlan plan;
  g_autoptr(GDateTime) now = at ("2026-03-08T01:00:00-07:00");
  g_autoptr(GDateTime) got = NULL;

  fill (&plan, &gap);
  got = tl_safety_plan_next_safe (&plan, now, NULL);
  g_assert_nonnull (got);
  g_assert_cmpint (g_date_time_compare (got, now), >, 0);
  g_assert_true (tl_safety_plan_in_window (&plan, got, NULL));
  /* the same day, not the next */
  g_assert_cmpint (g_date_time_difference (got, now), <, 3 * G_TIME_SPAN_HOUR);
  tl_safety_plan_clear (&plan);
}

/* What the copy button says. */
static void
test_warning (void)
{
  static const struct
  {
    const Plan *plan;
    TlMessageRule message;
    const char *now;
    const char *contains[2];  /* NULL, NULL: no warning */
  } warn[] = {
    { &never, TL_MESSAGE_UNKNOWN, "2026-12-07T10:00:00-07:00", { "Do not call", NULL } },
    { &office_hours, TL_MESSAGE_NO, "2026-12-05T10:00:00-07:00", { "Outside the safe window (Mon–Fri 09:00–17:00 (America/Denver))", "Leave no message" } },
    { &office_hours, TL_MESSAGE_YES, "2026-12-05T10:00:00-07:00", { "It opens next at 2026-12-07 09:00", NULL } },
    { &office_hours, TL_MESSAGE_YES, "2026-12-07T10:00:00-07:00", { NULL, NULL } },
    { &any_time, TL_MESSAGE_UNKNOWN, "2026-12-07T10:00:00-07:00", { "Leave no message", NULL } },
    { &any_time, TL_MESSAGE_NO, "2026-12-07T10:00:00-07:00", { "Leave no message", NULL } },
    { &not_asked, TL_MESSAGE_UNKNOWN, "2026-12-07T10:00:00-07:00", { NULL, NULL } },
    { &window_without_hours, TL_MESSAGE_YES, "2026-12-07T10:00:00-07:00", { "The safe window has no days or hours yet", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (warn); i++)
    {
      TlSafetyPlan plan;
      g_autoptr(GDateTime) now = at (warn[i].now);
      g_autofree char *text = NULL;

      fill (&plan, warn[i].plan);
      plan.message = warn[i].message;
      text = tl_safety_plan_dup_warning (&plan, now, NULL);
      if (warn[i].contains[0] == NULL)
        g_assert_null (text);
      for (guint j = 0; j < 2 && warn[i].contains[j] != NULL; j++)
        if (text == NULL || strstr (text, warn[i].contains[j]) == NULL)
          g_error ("warning %u: “%s” lacks “%s”", i, text, warn[i].contains[j]);
      tl_safety_plan_clear (&plan);
    }
}

static void
test_window_text (void)
{
  TlSafetyPlan plan;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  fill (&plan, &late_weekend);
  a = tl_safety_plan_dup_window_text (&plan, NULL);
  g_assert_cmpstr (a, ==, "Fri, Sat 22:00–02:00 (past midnight) (America/Denver)");
  tl_safety_plan_clear (&plan);

  fill (&plan, &office_zone_hours);
  {
    g_autoptr(GTimeZone) office = g_time_zone_new_identifier ("America/Chicago");

    b = tl_safety_plan_dup_window_text (&plan, office);
  }
  g_assert_cmpstr (b, ==, "Mon–Fri 09:00–17:00 (America/Chicago)");
  tl_safety_plan_clear (&plan);

  fill (&plan, &any_time);
  c = tl_safety_plan_dup_window_text (&plan, NULL);
  g_assert_null (c);
  tl_safety_plan_clear (&plan);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety-plan/window", test_window_table);
  g_test_add_func ("/safety-plan/next-safe", test_next_safe);
  g_test_add_func ("/safety-plan/next-safe-in-gap", test_next_safe_in_gap);
  g_test_add_func ("/safety-plan/warning", test_warning);
  g_test_add_func ("/safety-plan/window-text", test_window_text);

  return g_test_run ();
}
