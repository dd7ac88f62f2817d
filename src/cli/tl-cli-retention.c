/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-retention"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-json.h"

/* purge: what the office's retention schedule (docs/retention.md) says has expired,
 * listed (--dry-run) or purged for good; keep: hold one tip past the schedule with a
 * reason. The schedule is the app's Preferences when its settings schema is installed,
 * else the documented default. */

/* helpers */

static void
load_schedule (TlRetentionSchedule *schedule)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  tl_retention_schedule_init_default (schedule);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      tl_retention_schedule_load (schedule, settings);
    }
}

static char *
format_day (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

static char *
format_iso (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);

  return utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;
}

static void
json_schedule (TlJson                    *json,
               const TlRetentionSchedule *schedule)
{
  tl_json_key (json, "schedule");
  tl_json_begin_object (json);
  tl_json_member_bool (json, "enabled", schedule->enabled);
  tl_json_member_int (json, "draft-days", schedule->draft_days);
  tl_json_member_int (json, "open-years", schedule->open_years);
  tl_json_member_int (json, "referred-years", schedule->referred_years);
  tl_json_member_int (json, "closed-years", schedule->closed_years);
  tl_json_end_object (json);
}

static void
print_json (const TlRetentionSchedule *schedule,
            GPtrArray                 *items,
            gint64                     at,
            gint64                     purged)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *at_text = format_iso (at);
  g_autofree char *text = NULL;

  tl_json_begin_object (json);
  json_schedule (json, schedule);
  tl_json_member_string (json, "at", at_text);
  if (items != NULL)
    {
      tl_json_member_int (json, "count", items->len);
      tl_json_key (json, "expired");
      tl_json_begin_array (json);
      for (guint i = 0; i < items->len; i++)
        {
          const TlRetentionItem *item = g_ptr_array_index (items, i);
          g_autofree char *modified = format_iso (item->modified);
          g_autofree char *expires = format_iso (item->expires);
          g_autofree char *held = item->held_until > 0 ? format_iso (item->held_until) : NULL;

          tl_json_begin_object (json);
          tl_json_member_string (json, "id", item->tip_id);
          tl_json_member_string (json, "status", tl_enum_to_nick (tl_tip_status_values, item->status));
          tl_json_member_bool (json, "saved", item->saved);
          tl_json_member_string (json, "modified", modified);
          tl_json_member_string (json, "expires", expires);
          tl_json_member_string (json, "held-until", held);
          tl_json_end_object (json);
        }
      tl_json_end_array (json);
    }
  else
    tl_json_member_int (json, "purged", purged);
  tl_json_end_object (json);

  text = tl_json_steal (g_steal_pointer (&json));
  g_print ("%s\n", text);
}

static void
print_text (const TlRetentionSchedule *schedule,
            GPtrArray                 *items)
{
  if (!schedule->enabled)
    {
      g_print ("%s\n", _("The retention schedule is off: no tip expires."));
      return;
    }
  for (TlTipStatus status = TL_TIP_STATUS_DRAFT; status <= TL_TIP_STATUS_CLOSED; status++)
    {
      g_autofree char *rule = tl_retention_describe (schedule, status);

      /* Translators: a tip status ("Closed"), then how long such tips are kept */
      g_print (_("%s: %s\n"), tl_enum_label (tl_tip_status_values, status), rule);
    }
  g_print ("\n");
  if (items->len == 0)
    {
      g_print ("%s\n", _("Nothing has expired."));
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      const TlRetentionItem *item = g_ptr_array_index (items, i);
      g_autofree char *modified = format_day (item->modified);
      g_autofree char *expires = format_day (item->expires);
      const char *status = item->saved ? tl_enum_label (tl_tip_status_values, item->status)
                                       : _("Unsaved draft");

      /* id, status, last change, expiry */
      g_print ("%s  %s  ", item->tip_id, status);
      /* Translators: %s is a date */
      g_print (_("changed %s"), modified);
      g_print ("  ");
      /* Translators: %s is a date */
      g_print (_("expired %s"), expires);
      g_print ("\n");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u tip or draft would be purged.\n",
                        "%u tips or drafts would be purged.\n", items->len), items->len);
}

/* commands */

int
tl_cli_purge (TlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_text = NULL;
  TlRetentionSchedule schedule;
  gboolean dry_run = FALSE, json = FALSE;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC;
  int status;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("List what has expired, and purge nothing"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_("With --dry-run: what will have expired by then"), N_("WHEN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc > 1)
    return tl_cli_usage (cli, _("purge takes no tip id: the retention schedule decides."));
  if (at_text != NULL && !dry_run)
    return tl_cli_usage (cli, _("--at only goes with --dry-run: a purge takes only what has expired now."));
  if (at_text != NULL && !tl_cli_parse_when (at_text, &at))
    return tl_cli_usage (cli, _("--at takes a day (2026-12-07) or a date and time (2026-12-07T14:00:00-07:00)."));

  load_schedule (&schedule);
  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (dry_run)
    {
      g_autoptr(GPtrArray) items = tl_store_list_expiring (store, &schedule, at, 0, &error);

      if (items == NULL)
        return tl_cli_fail (cli, error);
      if (json)
        print_json (&schedule, items, at, 0);
      else
        print_text (&schedule, items);
      return TL_EXIT_OK;
    }

  {
    gint64 purged = tl_store_purge_expired (store, &schedule, at, &error);

    if (purged < 0)
      return tl_cli_fail (cli, error);
    if (json)
      print_json (&schedule, NULL, at, purged);
    else if (purged == 0)
      g_print ("%s\n", _("Nothing has expired: nothing was purged."));
    else
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u expired tip or draft purged.\n",
                            "%u expired tips or drafts purged.\n", (guint) purged), (guint) purged);
  }
  return TL_EXIT_OK;
}

int
tl_cli_keep (TlCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *day = NULL;
  gint64 until = 0;
  int status;
  GOptionEntry entries[] = {
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_("Keep the tip at least until then"), N_("WHEN") },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID REASON --until WHEN", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 3)
    return tl_cli_usage (cli, _("keep takes a tip id and, in quotes, why it is kept longer."));
  if (!tl_cli_parse_when (until_text, &until))
    return tl_cli_usage (cli, _("--until takes a day (2027-06-30) or a date and time (2027-06-30T17:00:00-07:00)."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  if (!tl_store_extend_retention (store, argv[1], until, argv[2], &error))
    return tl_cli_fail (cli, error);

  day = format_day (until);
  /* Translators: %s is a date */
  g_print (_("The tip is kept at least until %s.\n"), day);
  return TL_EXIT_OK;
}
