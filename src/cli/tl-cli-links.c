/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-links"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-json.h"
#include "tl-links.h"
#include "tl-normalize.h"
#include "tl-stats.h"

/* links: the tips that share an identifier with one tip; stats: counts for a period,
 * as a table or as CSV for grant reports. */

/* helpers */

static char *
format_received (gint64 seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (seconds == 0)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (seconds);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

static void
print_links_json (const char *id,
                  GPtrArray  *links)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *text = NULL;

  tl_json_begin_object (json);
  tl_json_member_string (json, "tip", id);
  tl_json_key (json, "links");
  tl_json_begin_array (json);
  for (guint i = 0; i < links->len; i++)
    {
      const TlLink *link = g_ptr_array_index (links, i);

      tl_json_begin_object (json);
      tl_json_member_string (json, "kind", tl_enum_to_nick (tl_link_kind_values, link->kind));
      tl_json_member_string (json, "value", link->value);
      tl_json_member_string (json, "typed", link->typed);
      tl_json_member_string (json, "field", link->field);
      tl_json_member_bool (json, "sound_match", link->kind == TL_LINK_NAME_SOUND);
      tl_json_member_int (json, "count", link->n_tips);
      tl_json_member_bool (json, "count_capped", link->count_capped);
      tl_json_member_bool (json, "too_common", tl_link_is_too_common (link));
      tl_json_key (json, "tips");
      tl_json_begin_array (json);
      for (guint j = 0; j < link->tips->len; j++)
        {
          const TlTipRow *row = g_ptr_array_index (link->tips, j);
          g_autoptr(GDateTime) received = row->received != 0 ? g_date_time_new_from_unix_utc (row->received) : NULL;
          g_autofree char *received_iso = received != NULL ? g_date_time_format_iso8601 (received) : NULL;

          tl_json_begin_object (json);
          tl_json_member_string (json, "id", row->id);
          tl_json_member_string (json, "received", received_iso);
          tl_json_member_string (json, "status", tl_enum_to_nick (tl_tip_status_values, row->status));
          tl_json_member_string (json, "summary", row->summary);
          tl_json_end_object (json);
        }
      tl_json_end_array (json);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  tl_json_end_object (json);

  text = tl_json_steal (g_steal_pointer (&json));
  g_print ("%s\n", text);
}

static void
print_links_text (GPtrArray *links)
{
  if (links->len == 0)
    {
      g_print ("%s\n", _("No other tip shares a phone, plate, e-mail, online account, card or account number, or offender name with this tip."));
      return;
    }

  for (guint i = 0; i < links->len; i++)
    {
      const TlLink *link = g_ptr_array_index (links, i);
      const char *kind = tl_enum_label (tl_link_kind_values, link->kind);

      if (link->count_capped)
        {
          /* Translators: e.g. "Phone “505-555-0100”: in more than 1000 other tips, too many to list." */
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "%s “%s”: in more than %u other tip, too many to list.",
                                "%s “%s”: in more than %u other tips, too many to list.", link->n_tips),
                   kind, link->typed, link->n_tips);
          g_print ("\n");
          continue;
        }
      if (tl_link_is_too_common (link))
        {
          /* Translators: e.g. "Phone “505-555-0100”: in 340 other tips, too many to list." */
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "%s “%s”: in %u other tip, too many to list.",
                                "%s “%s”: in %u other tips, too many to list.", link->n_tips),
                   kind, link->typed, link->n_tips);
          g_print ("\n");
          continue;
        }

      /* Translators: e.g. "Phone “505-555-0100”: also in 2 other tips" */
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%s “%s”: also in %u other tip",
                            "%s “%s”: also in %u other tips", link->n_tips),
               kind, link->typed, link->n_tips);
      g_print ("\n");
      for (guint j = 0; j < link->tips->len; j++)
        {
          const TlTipRow *row = g_ptr_array_index (link->tips, j);
          g_autofree char *received = format_received (row->received);

          g_print ("  %-10s  %-10s  %s  %s\n", received,
                   tl_enum_label (tl_tip_status_values, row->status),
                   row->id, row->summary != NULL ? row->summary : "");
        }
    }
}

static gboolean
parse_day (const char  *text,
           const char  *option,
           GDate       *day,
           TlCli       *cli)
{
  g_autoptr(GDate) parsed = NULL;

  if (text == NULL)
    return TRUE;
  parsed = tl_parse_date (text);
  if (parsed == NULL)
    {
      /* Translators: %s is an option name such as --from */
      g_autofree char *message = g_strdup_printf (_("%s takes a date as YYYY-MM-DD, for example 2024-10-01."), option);
      tl_cli_usage (cli, message);
      return FALSE;
    }
  *day = *parsed;
  return TRUE;
}

static void
print_count (const TlStats *stats,
             const char    *label,
             gint64         count,
             TlCountShown   shown)
{
  g_autofree char *text = tl_stats_format_count (stats, count, shown);

  g_print ("  %-40s %8s\n", label, text);
}

/* The stats-threshold setting when the app's settings schema is installed, else 11. */
static guint
stats_threshold_setting (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "stats-threshold"))
    return TL_STATS_DEFAULT_THRESHOLD;
  settings = g_settings_new (APP_ID);
  return g_settings_get_uint (settings, "stats-threshold");
}

static void
print_stats_text (const TlStats *stats,
                  TlStatsPreset  preset)
{
  gboolean grant = preset == TL_STATS_PRESET_GRANT;
  g_autofree char *note = tl_stats_suppression_note (stats);
  char from[16], to[16];

  g_date_strftime (from, sizeof from, "%Y-%m-%d", &stats->from);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &stats->to);

  /* Translators: the period of the statistics, two dates */
  g_print (_("Tips received from %s to %s"), from, to);
  g_print ("\n\n");
  print_count (stats, grant ? _("Contacts") : _("Tips"), stats->tips, tl_stats_classify (stats, stats->tips));
  print_count (stats, _("Victims"), stats->victims, tl_stats_classify (stats, stats->victims));
  print_count (stats, _("Referrals made"), stats->referrals,
               tl_stats_classify (stats, stats->referrals));
  if (!grant)
    {
      print_count (stats, _("Unique reporters"), stats->unique_reporters,
                   tl_stats_classify (stats, stats->unique_reporters));
      print_count (stats, _("Tips with no reporter phone or e-mail"), stats->tips_without_reporter,
                   tl_stats_classify (stats, stats->tips_without_reporter));
    }

  for (guint t = 0; t < TL_STATS_N_TABLES; t++)
    {
      const TlStatsTable *table = stats->tables[t];

      if (!tl_stats_preset_has_table (preset, t))
        continue;

      g_print ("\n%s\n", table->title);
      if (table->rows->len == 0)
        g_print ("  %s\n", _("None"));
      for (guint i = 0; i < table->rows->len; i++)
        {
          const TlStatsRow *row = g_ptr_array_index (table->rows, i);

          print_count (stats, row->label, row->count, row->shown);
        }
    }

  g_print ("\n%s\n", _("Victim counts are non-cumulative: one tip can have several victims."));
  if (note != NULL)
    g_print ("%s\n", note);
}

/* commands */

int
tl_cli_links (TlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2)
    return tl_cli_usage (cli, _("Name the id of the tip whose links to show."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  links = tl_store_find_links_by_id (store, argv[1], &error);
  if (links == NULL)
    return tl_cli_fail (cli, error);

  if (json)
    print_links_json (argv[1], links);
  else
    print_links_text (links);
  return TL_EXIT_OK;
}

int
tl_cli_stats (TlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *preset_text = NULL;
  gboolean csv = FALSE;
  int threshold = -1;
  int preset = TL_STATS_PRESET_ALL;
  GDate today, from, to;
  int status;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Count tips received on or after this day (default: the start of the federal fiscal year)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Count tips received on or before this day (default: the end of the federal fiscal year)"), N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV for a spreadsheet or grant report"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("Show counts below this number as “<N” to protect victims (default: Preferences, else 11; 1 shows every count)"), N_("N") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_text,
      N_("Which figures: all (default) or grant (the federal grant indicators)"), N_("PRESET") },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 1)
    return tl_cli_usage (cli, _("stats takes no arguments; give the period with --from and --to."));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  tl_stats_fiscal_year (&today, &from, &to);
  if (!parse_day (from_text, "--from", &from, cli) || !parse_day (to_text, "--to", &to, cli))
    return TL_EXIT_USAGE;
  if (g_date_compare (&from, &to) > 0)
    return tl_cli_usage (cli, _("--to must be the same day as --from or later."));
  if (threshold == -1)
    threshold = (int) stats_threshold_setting ();
  if (threshold < 1 || threshold > 1000)
    return tl_cli_usage (cli, _("--threshold must be a whole number from 1 to 1000."));
  if (preset_text != NULL && !tl_enum_from_nick (tl_stats_preset_values, preset_text, &preset))
    return tl_cli_usage (cli, _("--preset is all or grant."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  stats = tl_store_compute_stats (store, &from, &to, &error);
  if (stats == NULL)
    return tl_cli_fail (cli, error);
  tl_stats_suppress (stats, threshold);

  if (csv)
    {
      g_autofree char *text = tl_stats_to_csv_preset (stats, preset);
      g_print ("%s", text);
    }
  else
    print_stats_text (stats, preset);
  return TL_EXIT_OK;
}
