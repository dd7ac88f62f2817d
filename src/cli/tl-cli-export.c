/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-export"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-export.h"
#include "tl-htcds.h"
#include "tl-import.h"
#include "tl-report.h"
#include "tl-router.h"
#include "tl-protocol-set.h"
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

/* Every tip as one <tips> exchange file, read page by page from the list. */
static int
export_all (TlCli      *cli,
            TlStore    *store,
            const char *output,
            gboolean    force)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  gsize length = 0;
  guint offset = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) rows = tl_store_list_tips (store, NULL, offset, 500, &error);

      if (rows == NULL)
        return tl_cli_fail (cli, error);
      for (guint i = 0; i < rows->len; i++)
        {
          TlTipRow *row = g_ptr_array_index (rows, i);
          TlTip *tip = tl_store_load_tip (store, row->id, &error);

          if (tip == NULL)
            return tl_cli_fail (cli, error);
          g_ptr_array_add (tips, tip);
          if (!check_exchange (cli, tip, &error))
            return tl_cli_fail (cli, error);
        }
      if (rows->len < 500)
        break;
      offset += rows->len;
    }

  xml = tl_tip_xml_write (tips, TRUE, &length);
  if (!tl_write_private_file (output, xml, length, force, &error))
    return tl_cli_fail (cli, error);

  for (guint i = 0; i < tips->len; i++)
    if (!tl_store_audit (store, TL_AUDIT_EXPORT, ((TlTip *) g_ptr_array_index (tips, i))->id, &error))
      {
        /* An export nobody logged must not stay behind (e.g. the store's disk is full). */
        g_unlink (output);
        return tl_cli_fail (cli, error);
      }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u tip.\n", "Exported %u tips.\n", tips->len),
           tips->len);
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

/* commands */

int
tl_cli_export (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(TlReport) report = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_nick = NULL;
  g_autofree char *profile_nick = NULL;
  g_autofree char *output = NULL;
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
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Export every tip as one XML exchange file"), NULL },
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
      gsize length = 0;

      if (!check_exchange (cli, tip, &error))
        return tl_cli_fail (cli, error);
      xml = tl_tip_xml_write_one (tip, &length);
      if (output == NULL)
        fwrite (xml, 1, length, stdout);
      else if (!tl_write_private_file (output, xml, length, force, &error))
        return tl_cli_fail (cli, error);
      if (!tl_store_audit (store, TL_AUDIT_EXPORT, tip->id, &error))
        {
          /* An export nobody logged must not stay behind (e.g. the store's disk is full). */
          if (output != NULL)
            g_unlink (output);
          return tl_cli_fail (cli, error);
        }
      return TL_EXIT_OK;
    }

  /* HTCDS is de-identified whatever the profile. */
  report = tl_report_new (tip, profile < 0 ? TL_REPORT_PROFILE_ANONYMOUS_TIP : profile,
                          overrides, NULL);
  if (format == TL_REPORT_PDF || format == TL_REPORT_TEXT)
    {
      /* the plan as of now, under the tip's state protocol (or the national one); a
       * report without it is still worth sending, so a failure only drops the plan */
      g_autoptr(TlProtocolSet) set = tl_protocol_set_new_default ();
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(TlPlan) plan = set != NULL ? tl_router_route_in_set (set, tip, NULL, now, NULL, NULL)
                                           : NULL;

      if (plan != NULL)
        tl_report_add_plan (report, plan);
    }

  if (output != NULL)
    {
      if (!tl_export_report_file (report, format, store, output, force, &error))
        return tl_cli_fail (cli, error);
      return TL_EXIT_OK;
    }
  else
    {
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, tip);
      if (format == TL_REPORT_TEXT)
        text = tl_report_to_text (report);
      else if (format == TL_REPORT_XML)
        text = tl_report_to_xml (report, NULL);
      else if (format == TL_REPORT_HTCDS_CSV)
        text = tl_htcds_to_csv (one);
      else
        text = tl_htcds_to_json (one);

      /* recorded before it is shown: an export nobody logged must not happen */
      if (!tl_store_audit (store, TL_AUDIT_EXPORT, tip->id, &error)
          || (overrides->len > 0
              && !tl_store_audit (store, TL_AUDIT_EXPORT_OVERRIDE, tip->id, &error)))
        return tl_cli_fail (cli, error);
      fputs (text, stdout);
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
  return TL_EXIT_OK;
}
