/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-follow-ups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tl-cli.h"
#include "tl-error.h"
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
  gboolean ok;
  int status;
  GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text, N_("When it is due (add)"), N_("WHEN") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_("When it is due again (snooze)"), N_("WHEN") },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "add ID WHAT --due WHEN | done N [NOTE] | snooze N REASON --until WHEN | drop N REASON",
                     &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 3)
    return tl_cli_usage (cli, _("Say add, done, snooze or drop, and which tip or follow-up."));

  action = argv[1];
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
    return tl_cli_usage (cli, _("Say add, done, snooze or drop, and which tip or follow-up."));

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
