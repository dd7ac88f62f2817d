/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-availability"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-availability.h"

static const char *day_nicks[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* Is the weekday (0 = Monday) in the period's days? */
static gboolean
has_day (const TlOpenPeriod *p,
         int                 day)
{
  return (p->days & (1u << (((day % 7) + 7) % 7))) != 0;
}

static gboolean
period_contains (const TlOpenPeriod *p,
                 int                 day,
                 int                 minute)
{
  if (p->to > p->from)
    return has_day (p, day) && minute >= p->from && minute < p->to;

  /* Runs past midnight: the evening part today, the morning part from yesterday. */
  if (has_day (p, day) && minute >= p->from)
    return TRUE;
  return has_day (p, day - 1) && minute < p->to;
}

TlAvailability *
tl_availability_new (TlAvailabilityKind kind)
{
  TlAvailability *a = g_new0 (TlAvailability, 1);

  a->kind = kind;
  a->periods = g_array_new (FALSE, TRUE, sizeof (TlOpenPeriod));
  return a;
}

void
tl_availability_free (TlAvailability *availability)
{
  if (availability == NULL)
    return;
  g_array_unref (availability->periods);
  g_free (availability);
}

void
tl_availability_add (TlAvailability     *availability,
                     const TlOpenPeriod *period)
{
  g_return_if_fail (availability != NULL);
  g_return_if_fail (period != NULL);

  g_array_append_vals (availability->periods, period, 1);
}

/* at must already be in the protocol's time zone: the protocol decides business hours,
 * not the computer the advocate sits at. */
TlOpenState
tl_availability_state_at (const TlAvailability  *availability,
                          GDateTime             *at,
                          GDateTime            **next_open)
{
  int day, minute;
  GDateTime *best = NULL;

  if (next_open != NULL)
    *next_open = NULL;
  if (availability == NULL || availability->kind == TL_AVAILABILITY_UNKNOWN)
    return TL_OPEN_STATE_UNKNOWN;
  if (availability->kind == TL_AVAILABILITY_ALWAYS)
    return TL_OPEN_STATE_OPEN;

  g_return_val_if_fail (at != NULL, TL_OPEN_STATE_UNKNOWN);

  day = g_date_time_get_day_of_week (at) - 1;
  minute = g_date_time_get_hour (at) * 60 + g_date_time_get_minute (at);

  for (guint i = 0; i < availability->periods->len; i++)
    {
      const TlOpenPeriod *p = &g_array_index (availability->periods, TlOpenPeriod, i);

      if (period_contains (p, day, minute))
        return TL_OPEN_STATE_OPEN;
    }

  if (next_open == NULL)
    return TL_OPEN_STATE_CLOSED;

  /* The next start within a week: day offsets 0..7 cover every weekday once more. */
  for (int d = 0; d <= 7; d++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (at, d);

      for (guint i = 0; i < availability->periods->len; i++)
        {
          const TlOpenPeriod *p = &g_array_index (availability->periods, TlOpenPeriod, i);
          GDateTime *start;

          if (!has_day (p, day + d) || p->from >= 24 * 60)
            continue;
          start = g_date_time_new (g_date_time_get_timezone (at),
                                   g_date_time_get_year (date),
                                   g_date_time_get_month (date),
                                   g_date_time_get_day_of_month (date),
                                   p->from / 60, p->from % 60, 0);
          if (start == NULL)
            continue;
          if (g_date_time_compare (start, at) > 0 &&
              (best == NULL || g_date_time_compare (start, best) < 0))
            {
              g_clear_pointer (&best, g_date_time_unref);
              best = start;
            }
          else
            g_date_time_unref (start);
        }
    }

  *next_open = best;
  return TL_OPEN_STATE_CLOSED;
}


gboolean
tl_availability_parse_days (const char *text,
                            guint8     *days)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (days != NULL, FALSE);

  *days = 0;
  if (text == NULL)
    return FALSE;
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (words[i][0] == '\0')
        continue;
      for (int d = 0; d < 7; d++)
        if (strcmp (words[i], day_nicks[d]) == 0)
          {
            *days |= 1u << d;
            found = TRUE;
          }
      if (!found)
        return FALSE;
    }
  return *days != 0;
}

gboolean
tl_availability_parse_clock (const char *text,
                             guint16    *minutes)
{
  int h, m;

  g_return_val_if_fail (minutes != NULL, FALSE);

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;
  *minutes = (guint16) (h * 60 + m);
  return TRUE;
}

const char *
tl_open_state_to_nick (TlOpenState state)
{
  switch (state)
    {
    case TL_OPEN_STATE_OPEN: return "open";
    case TL_OPEN_STATE_CLOSED: return "closed";
    case TL_OPEN_STATE_UNKNOWN:
    default: return "unknown";
    }
}
