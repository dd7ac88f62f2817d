/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-follow-up"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-follow-up.h"

/* A hotline's work goes on after the first call: follow-ups are the things still to do,
 * each with a time. They live in the store beside the tips (tl-store-follow-ups.c);
 * this is what they are and when one counts as due. */

const TlEnumValue tl_follow_up_state_values[] = {
  { TL_FOLLOW_UP_OPEN, "open", N_("Open") },
  { TL_FOLLOW_UP_DONE, "done", N_("Done") },
  { TL_FOLLOW_UP_SNOOZED, "snoozed", N_("Snoozed") },
  { TL_FOLLOW_UP_DROPPED, "dropped", N_("Dropped") },
  { 0, NULL, NULL },
};

/* public API */

gboolean
tl_follow_up_is_active (const TlFollowUp *follow_up)
{
  g_return_val_if_fail (follow_up != NULL, FALSE);

  return follow_up->state == TL_FOLLOW_UP_OPEN || follow_up->state == TL_FOLLOW_UP_SNOOZED;
}

gboolean
tl_follow_up_is_overdue (const TlFollowUp *follow_up,
                         gint64            now)
{
  g_return_val_if_fail (follow_up != NULL, FALSE);

  return tl_follow_up_is_active (follow_up) && follow_up->due < now;
}

/* The last second of now's day in now's time zone: what "due today" runs to. */
gint64
tl_follow_up_end_of_day (GDateTime *now)
{
  g_autoptr(GDateTime) midnight = NULL;

  g_return_val_if_fail (now != NULL, 0);

  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                              0, 0, 0);
  {
    g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

    return g_date_time_to_unix (next) - 1;
  }
}

/* Text present and not too long: what a follow-up says or why it changed. missing is
 * the sentence for no text at all. */
gboolean
tl_follow_up_check_text (const char  *text,
                         gsize        max,
                         const char  *missing,
                         GError     **error)
{
  gboolean blank = TRUE;

  if (text != NULL && (!g_utf8_validate (text, -1, NULL) || strlen (text) > max))
    {
      /* Translators: %zu is a number of characters */
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("A follow-up takes at most %zu characters here; put the details in the tip."), max);
      return FALSE;
    }
  for (const char *p = text; p != NULL && *p != '\0' && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p));
  if (blank)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, missing);
      return FALSE;
    }
  return TRUE;
}

void
tl_follow_up_free (TlFollowUp *follow_up)
{
  if (follow_up == NULL)
    return;
  g_free (follow_up->tip_id);
  g_free (follow_up->what);
  g_free (follow_up->advocate);
  g_free (follow_up->reason);
  g_free (follow_up->tip_summary);
  g_free (follow_up);
}
