/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-bundle"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "tl-bundle.h"
#include "tl-cli.h"
#include "tl-error.h"
#include "tl-json.h"
#include "tl-protocol-set.h"

/* bundle: sealed bundles between agencies (issue 21, docs/bundles.md). This agency's
 * key and fingerprint, the known agencies, sealing tips for one of them and opening a
 * bundle sealed for this agency. */

#define USAGE N_("Say what to do: key, agencies add NAME FILE|list|remove NAME, seal or open FILE.")

typedef struct
{
  char *export_path;
  char *to;
  char *profile_nick;
  char *output;
  char *advocate_name;
  char *agency_phone;
  gboolean force;
  gboolean json;
  gboolean check;
} Options;

/* helpers */

static void
print_agency_json (TlJson          *json,
                   const TlAgency  *agency)
{
  g_autofree char *fingerprint = tl_agency_dup_fingerprint (agency);

  tl_json_begin_object (json);
  tl_json_member_string (json, "name", agency->name);
  tl_json_member_string (json, "fingerprint", fingerprint);
  tl_json_end_object (json);
}

static int
bundle_key (TlCli    *cli,
            Options  *o)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  int status;

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  own = tl_store_get_agency_identity (store, NULL, &error);
  if (own == NULL)
    return tl_cli_fail (cli, error);
  fingerprint = tl_agency_dup_fingerprint (own);

  if (o->export_path != NULL && !tl_agency_write_key_file (own, o->export_path, o->force, &error))
    return tl_cli_fail (cli, error);

  if (o->json)
    {
      TlJson *json = tl_json_new ();   /* freed by tl_json_steal() */
      g_autofree char *text = NULL;

      print_agency_json (json, own);
      text = tl_json_steal (json);
      g_print ("%s\n", text);
      return TL_EXIT_OK;
    }
  g_print (_("This agency’s fingerprint: %s\n"), fingerprint);
  if (o->export_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (o->export_path);

      g_print (_("Public key written to %s. Send it to the other agency, then read them the fingerprint by phone.\n"),
               display);
    }
  return TL_EXIT_OK;
}

static int
agencies_add (TlCli       *cli,
              const char  *name,
              const char  *path)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlAgency) agency = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  int status;

  /* The file first: a bad file should not cost a passphrase. */
  agency = tl_agency_read_key_file (path, &error);
  if (agency == NULL)
    return tl_cli_fail (cli, error);
  agency->name = g_strdup (name);

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  if (!tl_store_add_agency (store, agency, &error))
    return tl_cli_fail (cli, error);

  fingerprint = tl_agency_dup_fingerprint (agency);
  g_print (_("Saved “%s”, fingerprint %s. Check this fingerprint with them by phone before sending them tips.\n"),
           name, fingerprint);
  return TL_EXIT_OK;
}

static int
agencies_list (TlCli    *cli,
               Options  *o)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  agencies = tl_store_list_agencies (store, &error);
  if (agencies == NULL)
    return tl_cli_fail (cli, error);

  if (o->json)
    {
      TlJson *json = tl_json_new ();   /* freed by tl_json_steal() */
      g_autofree char *text = NULL;

      tl_json_begin_array (json);
      for (guint i = 0; i < agencies->len; i++)
        print_agency_json (json, g_ptr_array_index (agencies, i));
      tl_json_end_array (json);
      text = tl_json_steal (json);
      g_print ("%s\n", text);
      return TL_EXIT_OK;
    }
  if (agencies->len == 0)
    g_print ("%s\n", _("No known agencies yet. Save one with “tipline-cli bundle agencies add NAME FILE”."));
  for (guint i = 0; i < agencies->len; i++)
    {
      TlAgency *agency = g_ptr_array_index (agencies, i);
      g_autofree char *fingerprint = tl_agency_dup_fingerprint (agency);

      g_print ("%s  %s\n", fingerprint, agency->name);
    }
  return TL_EXIT_OK;
}

static int
agencies_remove (TlCli       *cli,
                 const char  *name)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  if (!tl_store_remove_agency (store, name, &error))
    return tl_cli_fail (cli, error);
  g_print (_("Removed “%s”.\n"), name);
  return TL_EXIT_OK;
}

static int
bundle_seal (TlCli    *cli,
             Options  *o,
             int       argc,
             char    **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlBundleRequest) request = NULL;
  g_autoptr(TlProtocolSet) protocols = NULL;
  g_autoptr(GError) error = NULL;
  int profile = -1;
  int status;

  if (o->to == NULL)
    return tl_cli_usage (cli, _("Name the agency to seal the tips for with --to AGENCY."));
  if (o->profile_nick == NULL ||
      !tl_enum_from_nick (tl_report_profile_values, o->profile_nick, &profile))
    return tl_cli_usage (cli, _("Say what the agency may see with --profile (law-enforcement, anonymous-tip, service-provider, coordinator or full)."));
  if (o->output == NULL)
    return tl_cli_usage (cli, _("A bundle is written to a file: add -o FILE."));
  if (argc < 3)
    return tl_cli_usage (cli, _("Name the ids of the tips to seal."));

  request = tl_bundle_request_new (profile);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (request->tip_ids, g_strdup (argv[i]));
  request->advocate_name = tl_cli_contact_value (o->advocate_name, "TIPLINE_ADVOCATE_NAME", "advocate-name");
  request->agency_phone = tl_cli_contact_value (o->agency_phone, "TIPLINE_AGENCY_PHONE", "agency-phone");

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  protocols = tl_protocol_set_new_default ();
  request->protocols = protocols;

  if (!tl_bundle_seal (store, request, o->to, o->output, o->force, &error))
    return tl_cli_fail (cli, error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Sealed %u tip for “%s” under the “%s” profile.\n",
                        "Sealed %u tips for “%s” under the “%s” profile.\n",
                        request->tip_ids->len),
           request->tip_ids->len, o->to, tl_report_profile_get_name (profile));
  return TL_EXIT_OK;
}

static void
print_opened (TlBundle        *bundle,
              TlImportResult  *result)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (bundle->sealed_at);
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("?");

  if (bundle->sender->name != NULL)
    g_print (_("From: %s (fingerprint %s), a known agency.\n"), bundle->sender->name, bundle->fingerprint);
  else
    g_print (_("From: an agency that is not among the known agencies, fingerprint %s. Check it with the sender by phone before you rely on these tips.\n"),
             bundle->fingerprint);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Sealed %s under the “%s” profile: %u tip.\n",
                        "Sealed %s under the “%s” profile: %u tips.\n",
                        bundle->tips->len),
           when, tl_report_profile_get_name (bundle->profile), bundle->tips->len);
  if (result == NULL)
    {
      g_print ("%s\n", _("Checked only: nothing was imported."));
      return;
    }
  /* Translators: the result of an import; keep the four counts in this order */
  g_print (_("Added %u, updated %u, skipped %u identical, %u conflicts.\n"),
           result->added, result->updated, result->skipped, result->conflicts);
  for (guint i = 0; i < result->conflict_ids->len; i++)
    g_print (_("Conflict: tip %s is newer in this store, or differs with the same time; it was left as it is.\n"),
             (char *) g_ptr_array_index (result->conflict_ids, i));
  tl_cli_print_attachment_result (result);
}

static void
print_opened_json (TlBundle        *bundle,
                   TlImportResult  *result)
{
  TlJson *json = tl_json_new ();   /* freed by tl_json_steal() */
  g_autofree char *text = NULL;

  tl_json_begin_object (json);
  tl_json_key (json, "sender");
  tl_json_begin_object (json);
  tl_json_member_string (json, "name", bundle->sender->name);
  tl_json_member_bool (json, "known", bundle->sender->name != NULL);
  tl_json_member_string (json, "fingerprint", bundle->fingerprint);
  tl_json_end_object (json);
  tl_json_member_string (json, "profile", tl_enum_to_nick (tl_report_profile_values, bundle->profile));
  tl_json_member_int (json, "sealed_at", bundle->sealed_at);
  tl_json_member_int (json, "tips", bundle->tips->len);
  tl_json_key (json, "imported");
  if (result == NULL)
    tl_json_null (json);
  else
    {
      tl_json_begin_object (json);
      tl_json_member_int (json, "added", result->added);
      tl_json_member_int (json, "updated", result->updated);
      tl_json_member_int (json, "skipped", result->skipped);
      tl_json_member_int (json, "conflicts", result->conflicts);
      tl_json_key (json, "conflict_ids");
      tl_json_begin_array (json);
      for (guint i = 0; i < result->conflict_ids->len; i++)
        tl_json_string (json, g_ptr_array_index (result->conflict_ids, i));
      tl_json_end_array (json);
      tl_json_member_int (json, "attachments_added", result->attachments_added);
      tl_json_member_int (json, "attachments_present", result->attachments_present);
      tl_json_key (json, "attachments_refused");
      tl_json_begin_array (json);
      for (guint i = 0; i < result->attachments_refused->len; i++)
        tl_json_string (json, g_ptr_array_index (result->attachments_refused, i));
      tl_json_end_array (json);
      tl_json_end_object (json);
    }
  tl_json_member_int (json, "attachments", bundle->attachments->len);
  tl_json_end_object (json);
  text = tl_json_steal (json);
  g_print ("%s\n", text);
}

static int
bundle_open (TlCli       *cli,
             Options     *o,
             const char  *path)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlBundle) bundle = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  bundle = tl_bundle_open (store, path, &error);
  if (bundle == NULL)
    return tl_cli_fail (cli, error);
  if (!o->check)
    {
      result = tl_bundle_import (store, bundle, NULL, NULL, &error);
      if (result == NULL)
        {
          g_printerr ("tipline-cli: %s\n", error->message);
          g_printerr ("tipline-cli: %s\n", _("Nothing was imported."));
          return g_error_matches (error, TL_ERROR, TL_ERROR_DAMAGED) ? TL_EXIT_DAMAGED : TL_EXIT_FAILED;
        }
    }
  if (o->json)
    print_opened_json (bundle, result);
  else
    print_opened (bundle, result);
  return TL_EXIT_OK;
}

static void
options_clear (Options *o)
{
  g_free (o->export_path);
  g_free (o->to);
  g_free (o->profile_nick);
  g_free (o->output);
  g_free (o->advocate_name);
  g_free (o->agency_phone);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* commands */

int
tl_cli_bundle (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &o.export_path,
      N_("key: also write this agency’s public key to FILE"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to,
      N_("seal: the known agency the bundle is for"), N_("AGENCY") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &o.profile_nick,
      N_("seal: what the agency may see: law-enforcement, anonymous-tip, service-provider, coordinator or full"),
      N_("PROFILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("seal: write the bundle to FILE"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o.force, N_("Replace FILE if it exists"), NULL },
    { "advocate-name", 0, 0, G_OPTION_ARG_STRING, &o.advocate_name,
      N_("seal: the advocate to call back, printed in each report (default: TIPLINE_ADVOCATE_NAME or Preferences)"),
      N_("NAME") },
    { "agency-phone", 0, 0, G_OPTION_ARG_STRING, &o.agency_phone,
      N_("seal: the agency phone to call back, printed in each report (default: TIPLINE_AGENCY_PHONE or Preferences)"),
      N_("PHONE") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &o.check,
      N_("open: verify the bundle and show its sender without importing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON"), NULL },
    { NULL }
  };
  const char *what;

  if (!tl_cli_parse (cli, entries,
                     "key|agencies add NAME FILE|agencies list|agencies remove NAME|seal ID…|open FILE",
                     &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 2)
    return tl_cli_usage (cli, _(USAGE));

  what = argv[1];
  if (g_str_equal (what, "key") && argc == 2)
    return bundle_key (cli, &o);
  if (g_str_equal (what, "agencies") && argc >= 3)
    {
      if (g_str_equal (argv[2], "add") && argc == 5)
        return agencies_add (cli, argv[3], argv[4]);
      if (g_str_equal (argv[2], "list") && argc == 3)
        return agencies_list (cli, &o);
      if (g_str_equal (argv[2], "remove") && argc == 4)
        return agencies_remove (cli, argv[3]);
    }
  if (g_str_equal (what, "seal"))
    return bundle_seal (cli, &o, argc, argv);
  if (g_str_equal (what, "open") && argc == 3)
    return bundle_open (cli, &o, argv[2]);

  return tl_cli_usage (cli, _(USAGE));
}
