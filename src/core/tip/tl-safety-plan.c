/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-safety-plan.h"

/* Calling a victim back at the wrong time can tell a trafficker she called a hotline.
 * The plan says when it is safe, on the office's clock: a weekly window read as wall-
 * clock time in its zone, so a window of 09:00–17:00 stays 09:00–17:00 across a change
 * to or from daylight saving time, and one of 22:00–02:00 belongs to the day it opens on. */

/* helpers */

#define ALL_DAYS 0x7f

static guint8
plan_days (const TlSafetyPlan *plan)
{
  return (plan->days & ALL_DAYS) == 0 ? ALL_DAYS : (plan->days & ALL_DAYS);
}

/* bit 0 = Monday ... bit 6 = Sunday; GLib's day of the week runs 1 (Monday) to 7. */
static gboolean
day_in (guint8     days,
        GDateTime *local)
{
  return (days & (1 << (g_date_time_get_day_of_week (local) - 1))) != 0;
}

static gboolean
has_window (const TlSafetyPlan *plan)
{
  return plan->call_back == TL_CALL_BACK_WINDOW;
}

/* "Only in the window" chosen before any day or hour was given: nobody knows when it is
 * safe. (Days without hours are those whole days.) */
static gboolean
window_unset (const TlSafetyPlan *plan)
{
  return has_window (plan) && plan->days == 0 && plan->from == 0 && plan->to == 0;
}

static void
append_days (GString *out,
             guint8   days)
{
  /* Translators: abbreviated days of the week, Monday first */
  const char *names[7] = { NC_("day", "Mon"), NC_("day", "Tue"), NC_("day", "Wed"), NC_("day", "Thu"),
                           NC_("day", "Fri"), NC_("day", "Sat"), NC_("day", "Sun") };
  int first = -1;

  if (days == ALL_DAYS)
    {
      g_string_append (out, _("Every day"));
      return;
    }

  /* runs of days as "Mon–Fri", others as "Sat, Sun" */
  for (int d = 0; d <= 7; d++)
    {
      gboolean on = d < 7 && (days & (1 << d)) != 0;

      if (on && first < 0)
        first = d;
      else if (!on && first >= 0)
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, g_dpgettext2 (GETTEXT_PACKAGE, "day", names[first]));
          if (d - 1 > first + 1)
            g_string_append_printf (out, "–%s", g_dpgettext2 (GETTEXT_PACKAGE, "day", names[d - 1]));
          else if (d - 1 == first + 1)
            g_string_append_printf (out, ", %s", g_dpgettext2 (GETTEXT_PACKAGE, "day", names[d - 1]));
          first = -1;
        }
    }
}

static gboolean
same_str (const char *a,
          const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* public API */

gboolean
tl_safety_plan_is_empty (const TlSafetyPlan *plan)
{
  g_return_val_if_fail (plan != NULL, TRUE);

  return plan->call_back == TL_CALL_BACK_UNKNOWN && plan->days == 0 && plan->from == 0 &&
         plan->to == 0 && plan->timezone == NULL && plan->message == TL_MESSAGE_UNKNOWN &&
         plan->message_text == NULL && plan->ask_for == NULL && plan->code_word == NULL &&
         plan->if_dropped == NULL;
}

void
tl_safety_plan_clear (TlSafetyPlan *plan)
{
  g_return_if_fail (plan != NULL);

  g_free (plan->timezone);
  g_free (plan->message_text);
  g_free (plan->ask_for);
  g_free (plan->code_word);
  g_free (plan->if_dropped);
  memset (plan, 0, sizeof *plan);
}

void
tl_safety_plan_copy_into (TlSafetyPlan       *dest,
                          const TlSafetyPlan *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->timezone = g_strdup (src->timezone);
  dest->message_text = g_strdup (src->message_text);
  dest->ask_for = g_strdup (src->ask_for);
  dest->code_word = g_strdup (src->code_word);
  dest->if_dropped = g_strdup (src->if_dropped);
}

gboolean
tl_safety_plan_equal (const TlSafetyPlan *a,
                      const TlSafetyPlan *b)
{
  return a->call_back == b->call_back && a->days == b->days && a->from == b->from &&
         a->to == b->to && same_str (a->timezone, b->timezone) &&
         a->message == b->message && same_str (a->message_text, b->message_text) &&
         same_str (a->ask_for, b->ask_for) && same_str (a->code_word, b->code_word) &&
         same_str (a->if_dropped, b->if_dropped);
}

GTimeZone *
tl_safety_plan_get_zone (const TlSafetyPlan *plan,
                         GTimeZone          *office_zone)
{
  GTimeZone *zone = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->timezone != NULL)
    zone = g_time_zone_new_identifier (plan->timezone);
  if (zone == NULL && office_zone != NULL)
    zone = g_time_zone_ref (office_zone);
  return zone != NULL ? zone : g_time_zone_new_utc ();
}

/* Inside the window at now. A window with to <= from opens on its day and closes the
 * next morning; to == from is the whole day from that time on. */
gboolean
tl_safety_plan_in_window (const TlSafetyPlan *plan,
                          GDateTime          *now,
                          GTimeZone          *office_zone)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  guint8 days;
  int minute;

  g_return_val_if_fail (plan != NULL && now != NULL, FALSE);

  if (!has_window (plan))
    return FALSE;

  zone = tl_safety_plan_get_zone (plan, office_zone);
  local = g_date_time_to_timezone (now, zone);
  days = plan_days (plan);
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

  if (plan->from < plan->to)
    return day_in (days, local) && minute >= plan->from && minute < plan->to;

  /* past midnight: tonight's part belongs to today, the morning's to yesterday */
  yesterday = g_date_time_add_days (local, -1);
  return (day_in (days, local) && minute >= plan->from) ||
         (day_in (days, yesterday) && minute < plan->to);
}

TlCallCheck
tl_safety_plan_check (const TlSafetyPlan *plan,
                      GDateTime          *now,
                      GTimeZone          *office_zone)
{
  g_return_val_if_fail (plan != NULL && now != NULL, TL_CALL_NOT_ASKED);

  switch (plan->call_back)
    {
    case TL_CALL_BACK_YES:
      return TL_CALL_SAFE;
    case TL_CALL_BACK_NO:
      return TL_CALL_NOT_SAFE;
    case TL_CALL_BACK_WINDOW:
      if (window_unset (plan))
        return TL_CALL_NOT_ASKED;
      return tl_safety_plan_in_window (plan, now, office_zone) ? TL_CALL_SAFE : TL_CALL_OUTSIDE_WINDOW;
    case TL_CALL_BACK_UNKNOWN:
    default:
      return TL_CALL_NOT_ASKED;
    }
}

GDateTime *
tl_safety_plan_next_safe (const TlSafetyPlan *plan,
                          GDateTime          *now,
                          GTimeZone          *office_zone)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  guint8 days;

  g_return_val_if_fail (plan != NULL && now != NULL, NULL);

  switch (tl_safety_plan_check (plan, now, office_zone))
    {
    case TL_CALL_SAFE:
      return g_date_time_ref (now);
    case TL_CALL_OUTSIDE_WINDOW:
      break;
    case TL_CALL_NOT_SAFE:
    case TL_CALL_NOT_ASKED:
    default:
      return NULL;
    }

  zone = tl_safety_plan_get_zone (plan, office_zone);
  local = g_date_time_to_timezone (now, zone);
  days = plan_days (plan);

  /* the next opening on a day of the window, today's if it is still to come */
  for (int d = 0; d <= 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (local, d);
      g_autoptr(GDateTime) start = NULL;

      if (!day_in (days, day))
        continue;
      /* A start in a daylight-saving gap (02:30 on the spring-forward day) does not
       * exist; GLib moves it to the first time that does (03:00), which is inside the
       * window as long as the window is still open then. */
      start = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day), plan->from / 60,
                               plan->from % 60, 0);
      if (start != NULL && g_date_time_compare (start, now) >= 0)
        return g_steal_pointer (&start);
    }

  return NULL;
}

gboolean
tl_safety_plan_allows_message (const TlSafetyPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  return plan->message == TL_MESSAGE_YES;
}

char *
tl_safety_plan_dup_window_text (const TlSafetyPlan *plan,
                                GTimeZone          *office_zone)
{
  g_autoptr(GTimeZone) zone = NULL;
  GString *out;

  g_return_val_if_fail (plan != NULL, NULL);

  if (!has_window (plan))
    return NULL;

  zone = tl_safety_plan_get_zone (plan, office_zone);
  out = g_string_new (NULL);
  append_days (out, plan_days (plan));
  g_string_append_printf (out, " %02u:%02u–%02u:%02u", plan->from / 60, plan->from % 60,
                          plan->to / 60, plan->to % 60);
  if (plan->to <= plan->from)
    /* Translators: after a window such as "22:00–02:00" */
    g_string_append_printf (out, " %s", _("(past midnight)"));
  g_string_append_printf (out, " (%s)", g_time_zone_get_identifier (zone));
  return g_string_free (out, FALSE);
}

char *
tl_safety_plan_dup_warning (const TlSafetyPlan *plan,
                            GDateTime          *now,
                            GTimeZone          *office_zone)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (plan != NULL && now != NULL, NULL);

  switch (tl_safety_plan_check (plan, now, office_zone))
    {
    case TL_CALL_NOT_SAFE:
      g_string_append (out, _("Do not call this number back: the person said it is not safe."));
      break;
    case TL_CALL_OUTSIDE_WINDOW:
      {
        g_autofree char *window = tl_safety_plan_dup_window_text (plan, office_zone);
        g_autoptr(GDateTime) next = tl_safety_plan_next_safe (plan, now, office_zone);
        g_autoptr(GTimeZone) zone = tl_safety_plan_get_zone (plan, office_zone);
        g_autoptr(GDateTime) next_local = next != NULL ? g_date_time_to_timezone (next, zone) : NULL;
        g_autofree char *when = next_local != NULL ? g_date_time_format (next_local, "%Y-%m-%d %H:%M") : NULL;

        if (when != NULL)
          /* Translators: %s is the window, e.g. "Mon–Fri 09:00–17:00 (America/Denver)"; %s the next time it opens */
          g_string_append_printf (out, _("Outside the safe window (%s): calling now may not be safe. It opens next at %s."),
                                  window, when);
        else
          /* Translators: %s is the window */
          g_string_append_printf (out, _("Outside the safe window (%s): calling now may not be safe."), window);
      }
      break;
    case TL_CALL_NOT_ASKED:
      if (window_unset (plan))
        g_string_append (out, _("The safe window has no days or hours yet: ask when it is safe before calling."));
      break;
    case TL_CALL_SAFE:
    default:
      break;
    }

  /* A plan someone recorded without saying a message may be left: leave none. */
  if (!tl_safety_plan_is_empty (plan) && plan->call_back != TL_CALL_BACK_NO &&
      !tl_safety_plan_allows_message (plan))
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, _("Leave no message on this number."));
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
