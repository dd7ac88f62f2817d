/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-follow-ups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-follow-up-proposals.h"
#include "tl-json.h"

/* due: what is due today or overdue, across tips; follow-up add|done|snooze|drop. Times
 * are read as ISO 8601 (2026-12-07T14:00:00-07:00, or a day, which means by the end of
 * that day here) and printed in local time. */

/* helpers */

static gboolean
parse_when (const char  *text,
            gint64      *out)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  int year, month, day;
  char tail;

  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3)
    {
      g_autoptr(GDateTime) start = g_date_time_new (local, year, month, day, 12, 0, 0);

      if (start == NULL)
        return FALSE;
      *out = tl_follow_up_end_of_day (start);
      return TRUE;
    }
  when = g_date_time_new_from_iso8601 (text, local);
  if (when == NULL)
    return FALSE;
  *out = g_date_time_to_unix (when);
  return TRUE;
}

static int
bad_when (TlCli      *cli,
          const char *option)
{
  /* Translators: %s is an option name such as --due */
  g_autofree char *message = g_strdup_printf (_("%s takes a day (2026-12-07) or a date and time (2026-12-07T14:00:00-07:00)."), option);

  return tl_cli_usage (cli, message);
}

static gboolean
parse_number (const char *text,
              gint64     *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static char *
format_local (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static char *
format_iso (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);

  return utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;
}

static void
print_json (GPtrArray *list,
            gint64     now)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *text = NULL;

  tl_json_begin_array (json);
  for (guint i = 0; i < list->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (list, i);
      g_autofree char *due = format_iso (follow_up->due);
      g_autofree char *changed = format_iso (follow_up->state_at);

      tl_json_begin_object (json);
      tl_json_member_int (json, "number", follow_up->id);
      tl_json_member_string (json, "tip", follow_up->tip_id);
      tl_json_member_string (json, "what", follow_up->what);
      tl_json_member_string (json, "due", due);
      tl_json_member_bool (json, "overdue", tl_follow_up_is_overdue (follow_up, now));
      tl_json_member_string (json, "state", tl_enum_to_nick (tl_follow_up_state_values, follow_up->state));
      tl_json_member_string (json, "reason", follow_up->reason);
      tl_json_member_string (json, "changed", changed);
      tl_json_member_string (json, "advocate", follow_up->advocate);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);

  text = tl_json_steal (g_steal_pointer (&json));
  g_print ("%s\n", text);
}

static void
print_text (GPtrArray *list,
            gint64     now)
{
  if (list->len == 0)
    {
      g_print ("%s\n", _("Nothing is due."));
      return;
    }

  for (guint i = 0; i < list->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (list, i);
      g_autofree char *due = format_local (follow_up->due);
      const char *state = tl_follow_up_is_overdue (follow_up, now)
                          ? _("overdue")
                          : tl_enum_label (tl_follow_up_state_values, follow_up->state);

      /* number, due time, state, tip id, then what to do on the next line */
      g_print ("%" G_GINT64_FORMAT "  %s  %s  %s\n    %s\n", follow_up->id, due, state,
               follow_up->tip_id, follow_up->what);
      if (follow_up->reason != NULL)
        g_print ("    %s\n", follow_up->reason);
    }
}

/* The app's Preferences, when its settings schema is installed. */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "referral-check-days"))
    return NULL;
  return g_settings_new (APP_ID);
}

/* follow-up propose ID [--accept] [--days N] [--json]: what Tipline proposes from the
 * tip's plans (tl_follow_up_propose), and with --accept, each taken into the tip's
 * follow-ups. */
static int
propose (TlCli      *cli,
         const char *tip_id,
         gboolean    accept,
         int         days,
         gboolean    json)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(TlProtocolSet) protocols = NULL;
  g_autoptr(GTimeZone) office = NULL;
  g_autoptr(GSettings) settings = app_settings ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *default_protocol = NULL;
  int status;

  if (days < 0)
    days = settings != NULL ? (int) g_settings_get_uint (settings, "referral-check-days")
                            : TL_REFERRAL_CHECK_DAYS_DEFAULT;
  default_protocol = settings != NULL ? g_settings_get_string (settings, "default-protocol")
                                      : g_strdup ("national");

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  tip = tl_store_load_tip (store, tip_id, &error);
  if (tip == NULL)
    return tl_cli_fail (cli, error);
  taken = tl_store_list_follow_ups (store, tip->id, 0, TRUE, &error);
  if (taken == NULL)
    return tl_cli_fail (cli, error);
  for (guint i = 0; i < taken->len; i++)
    g_ptr_array_add (texts, ((TlFollowUp *) g_ptr_array_index (taken, i))->what);
  g_ptr_array_add (texts, NULL);

  protocols = tl_protocol_set_new_default ();
  office = tl_office_zone (protocols, default_protocol);
  proposals = tl_follow_up_propose (tip, protocols, now, office, (guint) days,
                                    (const char * const *) texts->pdata);

  if (json)
    {
      g_autoptr(TlJson) out = tl_json_new ();
      g_autofree char *text = NULL;

      tl_json_begin_array (out);
      for (guint i = 0; i < proposals->len; i++)
        {
          const TlFollowUpProposal *p = g_ptr_array_index (proposals, i);
          g_autofree char *due = format_iso (p->due);
          gint64 number = accept ? tl_store_add_follow_up (store, tip->id, p->what, p->due, &error) : 0;

          if (accept && number <= 0)
            return tl_cli_fail (cli, error);
          tl_json_begin_object (out);
          tl_json_member_string (out, "kind", tl_enum_to_nick (tl_proposal_kind_values, p->kind));
          tl_json_member_string (out, "what", p->what);
          tl_json_member_string (out, "due", due);
          if (p->referral >= 0)
            tl_json_member_int (out, "referral", p->referral + 1);
          if (accept)
            tl_json_member_int (out, "number", number);
          tl_json_end_object (out);
        }
      tl_json_end_array (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
      return TL_EXIT_OK;
    }

  if (proposals->len == 0)
    g_print ("%s\n", _("Nothing to propose for this tip."));
  for (guint i = 0; i < proposals->len; i++)
    {
      const TlFollowUpProposal *p = g_ptr_array_index (proposals, i);
      g_autofree char *due = format_local (p->due);

      g_print ("%s  %s\n    %s\n", due, _(tl_enum_label (tl_proposal_kind_values, p->kind)), p->what);
      if (accept)
        {
          gint64 number = tl_store_add_follow_up (store, tip->id, p->what, p->due, &error);
          g_autofree char *text = NULL;

          if (number <= 0)
            return tl_cli_fail (cli, error);
          text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
          /* Translators: %s is the follow-up's number */
          g_print (_("Follow-up %s added.\n"), text);
        }
    }
  return TL_EXIT_OK;
}

/* commands */

int
tl_cli_due (TlCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean json = FALSE, all = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List every follow-up, done, dropped and later ones too"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "[ID]", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc > 2)
    return tl_cli_usage (cli, _("due takes at most one tip id."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  list = tl_store_list_follow_ups (store, argc == 2 ? argv[1] : NULL,
                                   all ? 0 : tl_follow_up_end_of_day (now), all, &error);
  if (list == NULL)
    return tl_cli_fail (cli, error);

  if (json)
    print_json (list, g_date_time_to_unix (now));
  else
    print_text (list, g_date_time_to_unix (now));
  return TL_EXIT_OK;
}

int
tl_cli_follow_up (TlCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *until_text = NULL;
  const char *action;
  gint64 when = 0, number = 0;
  gboolean ok, accept = FALSE, json = FALSE;
  int status, days = -1;
  GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text, N_("When it is due (add)"), N_("WHEN") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_("When it is due again (snooze)"), N_("WHEN") },
    { "accept", 0, 0, G_OPTION_ARG_NONE, &accept, N_("Add every proposal to the tip’s follow-ups (propose)"), NULL },
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Days a referral may go without an outcome before checking on it (propose; default: Preferences, else 3)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (propose)"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "add ID WHAT --due WHEN | done N [NOTE] | snooze N REASON --until WHEN | drop N REASON | propose ID [--accept]",
                     &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 3)
    return tl_cli_usage (cli, _("Say add, done, snooze, drop or propose, and which tip or follow-up."));

  action = argv[1];
  if (g_str_equal (action, "propose"))
    {
      if (argc != 3)
        return tl_cli_usage (cli, _("propose takes one tip id."));
      if (days != -1 && (days < 0 || days > 365))
        return tl_cli_usage (cli, _("--days must be a whole number from 0 to 365."));
      return propose (cli, argv[2], accept, days, json);
    }
  if (g_str_equal (action, "add"))
    {
      if (argc != 4)
        return tl_cli_usage (cli, _("add takes a tip id and what to do, in quotes."));
      if (!parse_when (due_text, &when))
        return bad_when (cli, "--due");
    }
  else if (g_str_equal (action, "done") || g_str_equal (action, "snooze") || g_str_equal (action, "drop"))
    {
      if (!parse_number (argv[2], &number))
        return tl_cli_usage (cli, _("Give the follow-up’s number, as “tipline-cli due” lists it."));
      if (g_str_equal (action, "done") ? argc > 4 : argc != 4)
        return tl_cli_usage (cli, _("Say why, in quotes, after the follow-up’s number."));
      if (g_str_equal (action, "snooze") && !parse_when (until_text, &when))
        return bad_when (cli, "--until");
    }
  else
    return tl_cli_usage (cli, _("Say add, done, snooze, drop or propose, and which tip or follow-up."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (g_str_equal (action, "add"))
    {
      number = tl_store_add_follow_up (store, argv[2], argv[3], when, &error);
      ok = number > 0;
      if (ok)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

          /* Translators: %s is the follow-up's number */
          g_print (_("Follow-up %s added.\n"), text);
        }
    }
  else if (g_str_equal (action, "done"))
    ok = tl_store_finish_follow_up (store, number, argc == 4 ? argv[3] : NULL, &error);
  else if (g_str_equal (action, "snooze"))
    ok = tl_store_snooze_follow_up (store, number, when, argv[3], &error);
  else
    ok = tl_store_drop_follow_up (store, number, argv[3], &error);

  return ok ? TL_EXIT_OK : tl_cli_fail (cli, error);
}

/* The same reading of times for other commands (purge --at, keep --until, handoff). */
gboolean
tl_cli_parse_when (const char *text,
                   gint64     *out)
{
  return parse_when (text, out);
}
