/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-export"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-attach.h"
#include "tl-attach-carry.h"
#include "tl-cli.h"
#include "tl-error.h"
#include "tl-export.h"
#include "tl-file-util.h"
#include "tl-export.h"
#include "tl-export-all.h"
#include "tl-htcds.h"
#include "tl-import.h"
#include "tl-report.h"
#include "tl-tip-xml.h"

/* export and import: files that leave or enter the store. */

#define PROGRESS_ABOVE 500

/* helpers */

static gboolean
check_exchange (TlCli        *cli,
                const TlTip  *tip,
                GError      **error)
{
  g_autoptr(GPtrArray) problems = tl_tip_validate (tip);

  /* An exchange file must be readable by the next workstation: check before writing. */
  if (problems->len == 0)
    return TRUE;

  for (guint i = 0; i < problems->len; i++)
    {
      TlProblem *problem = g_ptr_array_index (problems, i);
      g_printerr ("tipline-cli: %s: %s: %s\n", tip->id, problem->field, problem->message);
    }
  g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
               _("The tip was not exported because some fields need fixing first (listed above)."));
  return FALSE;
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  if (total > PROGRESS_ABOVE && done < total)
    g_printerr (_("Exported %u of %u tips…\n"), done, total);
}

/* Every tip as one <tips> exchange file, streamed (tl-export-all.c). */
static int
export_all (TlCli      *cli,
            TlStore    *store,
            const char *output,
            gboolean    force)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!tl_export_all_tips (store, output, force, export_progress_cb, NULL, &n, &error))
    return tl_cli_fail (cli, error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u tip.\n", "Exported %u tips.\n", n), n);
  return TL_EXIT_OK;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  if (total > PROGRESS_ABOVE)
    g_printerr (_("Imported %u of %u tips…\n"), done, total);
}

/* The hotline's call-back contact: --advocate-name/--agency-phone, else
 * TIPLINE_ADVOCATE_NAME/TIPLINE_AGENCY_PHONE, else the app's Preferences when its
 * settings schema is installed. Empty stays empty: the report says "not set". */
char *
tl_cli_contact_value (const char *option,
                      const char *env,
                      const char *key)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (option != NULL)
    return g_strdup (option);
  if (g_getenv (env) != NULL)
    return g_strdup (g_getenv (env));

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, key))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      return g_settings_get_string (settings, key);
    }
  return NULL;
}

/* --dry-run: what the report would withhold, and why, written nowhere and not
 * recorded (nothing left Tipline). */
static void
print_dry_run (TlExport   *export,
               GPtrArray  *overrides)
{
  g_autoptr(GPtrArray) lines = tl_export_list_withheld (export);

  if (lines->len == 0)
    g_print ("%s\n", _("Nothing is withheld from this report."));
  else
    g_print ("%s\n", _("Withheld from this report:"));
  for (guint i = 0; i < lines->len; i++)
    g_print ("  %s\n", (char *) g_ptr_array_index (lines, i));
  for (guint i = 0; overrides != NULL && i < overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (overrides, i);

      /* Translators: a dry run lists the overrides given; %u counts from 1 */
      g_print (_("Override %u, reason: %s\n"), i + 1, o->reason);
    }
  g_print ("%s\n", _("Dry run: nothing was written or recorded."));
}

void
tl_cli_print_attachment_result (const TlImportResult *result)
{
  for (guint i = 0; i < result->attachments_refused->len; i++)
    g_printerr ("tipline-cli: %s\n", (char *) g_ptr_array_index (result->attachments_refused, i));
  if (result->attachments_added + result->attachments_present + result->attachments_refused->len == 0)
    return;
  /* Translators: attachments that came with the imported tips; keep the three counts in this order */
  g_print (_("Attachments: added %u, already here %u, refused %u.\n"),
           result->attachments_added, result->attachments_present, result->attachments_refused->len);
}

/* commands */

int
tl_cli_export (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(TlExport) export = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  g_autofree char *advocate_name = NULL;
  g_autofree char *agency_phone = NULL;
  g_autofree char *name_option = NULL;
  g_autofree char *phone_option = NULL;
  gboolean dry_run = FALSE;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_nick = NULL;
  g_autofree char *profile_nick = NULL;
  g_autofree char *output = NULL;
  g_autofree char *attachments_dir = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_auto(GStrv) override_texts = NULL;
  gboolean force = FALSE, all = FALSE;
  int format = TL_REPORT_XML;
  int profile = -1;
  int status;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_nick,
      N_("Output format: pdf, text, xml, htcds-csv or htcds-json (default xml)"), N_("FORMAT") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_nick,
      N_("Whom the report is for: law-enforcement, anonymous-tip, service-provider, coordinator or full"),
      N_("PROFILE") },
    { "override", 0, 0, G_OPTION_ARG_STRING_ARRAY, &override_texts,
      N_("Release something the profile withholds, with the reason, e.g. \"victim:1=reason\""),
      N_("WHAT=REASON") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { "attachments", 0, 0, G_OPTION_ARG_FILENAME, &attachments_dir,
      N_("Also write the attachments the profile carries into DIR (cleaned copies unless the profile is full)"),
      N_("DIR") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Export every tip as one XML exchange file"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("List what the report would withhold and why; write and record nothing"), NULL },
    { "advocate-name", 0, 0, G_OPTION_ARG_STRING, &name_option,
      N_("The advocate to call back, printed in the report (default: TIPLINE_ADVOCATE_NAME or Preferences)"),
      N_("NAME") },
    { "agency-phone", 0, 0, G_OPTION_ARG_STRING, &phone_option,
      N_("The agency phone to call back, printed in the report (default: TIPLINE_AGENCY_PHONE or Preferences)"),
      N_("PHONE") },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID", &argc, &argv))
    return TL_EXIT_USAGE;
  if (format_nick != NULL && !tl_enum_from_nick (tl_report_format_values, format_nick, &format))
    return tl_cli_usage (cli, _("--format must be pdf, text, xml, htcds-csv or htcds-json."));
  if (profile_nick != NULL && !tl_enum_from_nick (tl_report_profile_values, profile_nick, &profile))
    return tl_cli_usage (cli, _("--profile must be law-enforcement, anonymous-tip, service-provider, coordinator or full."));

  if (all)
    {
      if (argc != 1 || format != TL_REPORT_XML || profile_nick != NULL || override_texts != NULL)
        return tl_cli_usage (cli, _("--all writes every tip as one XML exchange file: use it with -o FILE only."));
      if (output == NULL)
        return tl_cli_usage (cli, _("--all needs -o FILE."));
      store = tl_cli_open_store (cli, &status);
      return store == NULL ? status : export_all (cli, store, output, force);
    }

  if (argc != 2)
    return tl_cli_usage (cli, _("Name the id of the tip to export, or use --all."));
  if ((format == TL_REPORT_PDF || format == TL_REPORT_TEXT) && profile < 0)
    return tl_cli_usage (cli, _("Say whom the report is for with --profile (law-enforcement, anonymous-tip, service-provider, coordinator or full)."));
  if (format == TL_REPORT_PDF && output == NULL)
    return tl_cli_usage (cli, _("A PDF is written to a file: add -o FILE."));
  if (override_texts != NULL && profile < 0)
    return tl_cli_usage (cli, _("--override only makes sense with --profile."));
  if (dry_run && profile < 0)
    return tl_cli_usage (cli, _("--dry-run shows what a profile withholds: add --profile."));

  overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  for (guint i = 0; override_texts != NULL && override_texts[i] != NULL; i++)
    {
      TlReportOverride *o = tl_report_override_parse (override_texts[i], &error);

      if (o == NULL)
        return tl_cli_usage (cli, error->message);
      g_ptr_array_add (overrides, o);
    }

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  tip = tl_store_load_tip (store, argv[1], &error);
  if (tip == NULL)
    return tl_cli_fail (cli, error);

  for (guint i = 0; i < overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (overrides, i);

      if (o->victim >= 0 && (guint) o->victim >= tip->victims->len)
        {
          g_set_error (&error, TL_ERROR, TL_ERROR_INVALID,
                       _("The tip has no victim %d. Nothing was exported."), o->victim + 1);
          return tl_cli_fail (cli, error);
        }
    }

  /* Without a profile, XML is the full exchange file another workstation imports. */
  if (format == TL_REPORT_XML && profile < 0)
    {
      g_autofree char *xml = NULL;
      g_autoptr(GPtrArray) carried = NULL;
      gsize length = 0;

      if (!check_exchange (cli, tip, &error))
        return tl_cli_fail (cli, error);
      /* issue 20: the whole record, so the originals of its attachments too */
      xml = tl_exchange_write_tip (store, tip, &carried, &length, &error);
      if (xml == NULL)
        return tl_cli_fail (cli, error);
      if (output == NULL)
        fwrite (xml, 1, length, stdout);
      else if (!tl_write_private_file (output, xml, length, force, &error))
        return tl_cli_fail (cli, error);
      if (!tl_export_audit_tip (store, tip->id, FALSE, &error) ||
          !tl_attachments_record_carried (store, carried, &error))
        {
          /* An export nobody logged must not stay behind (e.g. the store's disk is full). */
          if (output != NULL)
            g_unlink (output);
          return tl_cli_fail (cli, error);
        }
      return TL_EXIT_OK;
    }

  /* HTCDS without a profile is the anonymous tip's rows. */
  export = tl_export_new (tip, profile < 0 ? TL_REPORT_PROFILE_ANONYMOUS_TIP : profile, format,
                          overrides);
  /* issue 20: the report lists every attachment with its hash, sent or withheld. */
  if (profile >= 0)
    {
      releases = tl_attachments_for_export (store, tip, profile, overrides, &error);
      if (releases == NULL)
        return tl_cli_fail (cli, error);
      tl_export_set_attachments (export, releases);
    }
  else if (attachments_dir != NULL)
    return tl_cli_usage (cli, _("--attachments needs --profile."));
  if (attachments_dir != NULL && output == NULL)
    return tl_cli_usage (cli, _("--attachments needs -o FILE for the report."));
  advocate_name = tl_cli_contact_value (name_option, "TIPLINE_ADVOCATE_NAME", "advocate-name");
  agency_phone = tl_cli_contact_value (phone_option, "TIPLINE_AGENCY_PHONE", "agency-phone");
  tl_export_set_contact (export, advocate_name, agency_phone);

  if (dry_run)
    {
      print_dry_run (export, overrides);
      return TL_EXIT_OK;
    }

  if (output != NULL)
    {
      if (!tl_export_write_file (export, store, output, force, &error))
        return tl_cli_fail (cli, error);
      if (attachments_dir != NULL &&
          !tl_attachments_write_copies (store, releases, attachments_dir, force, &error))
        return tl_cli_fail (cli, error);
    }
  else
    {
      g_autoptr(GBytes) bytes = tl_export_render (export, &error);

      if (bytes == NULL)
        return tl_cli_fail (cli, error);
      /* recorded before it is shown: an export nobody logged must not happen */
      if (!tl_export_record (export, store, &error))
        return tl_cli_fail (cli, error);
      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
    }
  return TL_EXIT_OK;
}

int
tl_cli_import (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!tl_cli_parse (cli, NULL, "FILE…", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 2)
    return tl_cli_usage (cli, _("Name one or more tip files to import."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  result = tl_import_files (store, (const char * const *) argv + 1, progress_cb, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("tipline-cli: %s\n", error->message);
      g_printerr ("tipline-cli: %s\n", _("Nothing was imported."));
      return g_error_matches (error, TL_ERROR, TL_ERROR_DAMAGED) ? TL_EXIT_DAMAGED : TL_EXIT_FAILED;
    }

  /* Translators: the result of an import; keep the four counts in this order */
  g_print (_("Added %u, updated %u, skipped %u identical, %u conflicts.\n"),
           result->added, result->updated, result->skipped, result->conflicts);
  for (guint i = 0; i < result->conflict_ids->len; i++)
    g_print (_("Conflict: tip %s is newer in this store, or differs with the same time; it was left as it is.\n"),
             (char *) g_ptr_array_index (result->conflict_ids, i));
  tl_cli_print_attachment_result (result);
  return TL_EXIT_OK;
}
