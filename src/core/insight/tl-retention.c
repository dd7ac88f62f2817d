/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-retention"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-retention.h"

/* A store of victims' names should not keep them longer than the office needs them
 * (GlobaLeaks expires reports on a schedule; issue 19). This is the rule alone: when a
 * tip of a status, last changed at a time and perhaps held longer by an advocate,
 * expires. The store selects and purges by it (tl-store-retention.c); the app and
 * tipline-cli read the schedule from the settings. All times are unix seconds, and a
 * year is a calendar year in UTC (a tip changed on 29 February expires on 28 February). */

/* helpers */

static GDateTime *
utc (gint64 seconds)
{
  return g_date_time_new_from_unix_utc (seconds);
}

/* The time `count` days or years after `at` (before it when sign is -1). */
static gint64
shift (gint64       at,
       TlTipStatus  status,
       guint        count,
       int          sign)
{
  g_autoptr(GDateTime) from = utc (at);
  g_autoptr(GDateTime) to = NULL;

  if (from == NULL)
    return 0;
  if (status == TL_TIP_STATUS_DRAFT)
    to = g_date_time_add_days (from, sign * (int) count);
  else
    to = g_date_time_add_years (from, sign * (int) count);
  return to != NULL ? g_date_time_to_unix (to) : 0;
}

static guint
keep_count (const TlRetentionSchedule *schedule,
            TlTipStatus                status)
{
  switch (status)
    {
    case TL_TIP_STATUS_DRAFT:
      return schedule->draft_days;
    case TL_TIP_STATUS_OPEN:
      return schedule->open_years;
    case TL_TIP_STATUS_REFERRED:
      return schedule->referred_years;
    case TL_TIP_STATUS_CLOSED:
      return schedule->closed_years;
    default:
      return 0;
    }
}

/* public API */

void
tl_retention_schedule_init_default (TlRetentionSchedule *schedule)
{
  g_return_if_fail (schedule != NULL);

  schedule->enabled = TRUE;
  schedule->draft_days = TL_RETENTION_DEFAULT_DRAFT_DAYS;
  schedule->open_years = TL_RETENTION_DEFAULT_OPEN_YEARS;
  schedule->referred_years = TL_RETENTION_DEFAULT_REFERRED_YEARS;
  schedule->closed_years = TL_RETENTION_DEFAULT_CLOSED_YEARS;
  schedule->warning_days = TL_RETENTION_DEFAULT_WARNING_DAYS;
}

/* The schedule in the settings (the app's Preferences); a key an older schema lacks
 * keeps its default. */
void
tl_retention_schedule_load (TlRetentionSchedule *schedule,
                            GSettings           *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  static const struct
  {
    const char *key;
    gsize offset;
  } keys[] = {
    { "retention-draft-days", G_STRUCT_OFFSET (TlRetentionSchedule, draft_days) },
    { "retention-open-years", G_STRUCT_OFFSET (TlRetentionSchedule, open_years) },
    { "retention-referred-years", G_STRUCT_OFFSET (TlRetentionSchedule, referred_years) },
    { "retention-closed-years", G_STRUCT_OFFSET (TlRetentionSchedule, closed_years) },
    { "retention-warning-days", G_STRUCT_OFFSET (TlRetentionSchedule, warning_days) },
  };

  g_return_if_fail (schedule != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  tl_retention_schedule_init_default (schedule);
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "retention-enabled"))
    schedule->enabled = g_settings_get_boolean (settings, "retention-enabled");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_settings_schema_has_key (schema, keys[i].key))
      G_STRUCT_MEMBER (guint, schedule, keys[i].offset) = g_settings_get_uint (settings, keys[i].key);
}

gboolean
tl_retention_keeps_forever (const TlRetentionSchedule *schedule,
                            TlTipStatus                status)
{
  g_return_val_if_fail (schedule != NULL, TRUE);

  return !schedule->enabled || keep_count (schedule, status) == 0;
}

/* Tips of status changed before the cutoff have expired at `at`; 0 when that status is
 * kept for ever. */
gint64
tl_retention_cutoff (const TlRetentionSchedule *schedule,
                     TlTipStatus                status,
                     gint64                     at)
{
  g_return_val_if_fail (schedule != NULL, 0);

  if (tl_retention_keeps_forever (schedule, status))
    return 0;
  return shift (at, status, keep_count (schedule, status), -1);
}

/* When a tip expires: its last change plus its status's time, or the end of a hold an
 * advocate put on it if that is later. 0: never. */
gint64
tl_retention_expires (const TlRetentionSchedule *schedule,
                      TlTipStatus                status,
                      gint64                     modified,
                      gint64                     held_until)
{
  gint64 expires;

  g_return_val_if_fail (schedule != NULL, 0);

  if (tl_retention_keeps_forever (schedule, status))
    return 0;
  expires = shift (modified, status, keep_count (schedule, status), 1);
  return MAX (expires, held_until);
}

/* "Kept 7 years after the last change", "Kept for ever": Preferences and the docs. */
char *
tl_retention_describe (const TlRetentionSchedule *schedule,
                       TlTipStatus                status)
{
  guint count;

  g_return_val_if_fail (schedule != NULL, NULL);

  if (tl_retention_keeps_forever (schedule, status))
    return g_strdup (_("Kept until deleted by hand"));
  count = keep_count (schedule, status);
  if (status == TL_TIP_STATUS_DRAFT)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Kept %u day after the last change",
                                         "Kept %u days after the last change", count), count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Kept %u year after the last change",
                                       "Kept %u years after the last change", count), count);
}
