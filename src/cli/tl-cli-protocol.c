/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-protocol"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-json.h"
#include "tl-matrix.h"
#include "tl-router.h"
#include "tl-tip-xml.h"

/* The protocol commands: route, matrix, validate-protocol, protocols. None needs the
 * store except "route ID", which reads one tip from it. */

/* helpers */

/* Load problems are never silent: every command that uses the set says them first. */
static void
print_problems (TlProtocolSet *set)
{
  GPtrArray *problems = tl_protocol_set_get_problems (set);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("tipline-cli: %s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    g_printerr ("%s\n", _("tipline-cli: The protocols above were skipped; the others are in use."));
}

/* tl_cli_run() has already switched the messages to --lang, so the protocol's texts and
 * Tipline's own never mix two languages. */
static const char *
pick_lang (const char *lang)
{
  if (lang != NULL && (g_str_equal (lang, "en") || g_str_equal (lang, "es")))
    return lang;
  return tl_protocol_default_language ();
}

static TlTip *
load_tip (TlCli       *cli,
          const char  *what,
          int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStore) store = NULL;
  TlTip *tip;

  *status = TL_EXIT_OK;
  if (g_file_test (what, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (what, &error);

      if (tips == NULL)
        {
          *status = tl_cli_fail (cli, error);
          return NULL;
        }
      if (tips->len != 1)
        {
          *status = tl_cli_usage (cli, _("The file holds several tips; route one tip at a time."));
          return NULL;
        }
      return tl_tip_ref (g_ptr_array_index (tips, 0));
    }

  store = tl_cli_open_store (cli, status);
  if (store == NULL)
    return NULL;
  tip = tl_store_load_tip (store, what, &error);
  if (tip == NULL)
    *status = tl_cli_fail (cli, error);
  return tip;
}

/* commands */

int
tl_cli_route (TlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *protocol_id = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *lang = NULL;
  gboolean json = FALSE;
  gboolean explain = FALSE;
  GOptionEntry entries[] = {
    { "protocol", 'p', 0, G_OPTION_ARG_STRING, &protocol_id, N_("Route by this protocol instead of the tip’s state"), N_("ID") },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &explain, N_("Print under each step the sentence of the protocol’s document it comes from"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_("Route as at this moment (ISO 8601) instead of now"), N_("TIME") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the protocol texts: en or es"), N_("LANG") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(TlProtocolSet) set = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(TlPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!tl_cli_parse (cli, entries, "FILE.xml|ID", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2)
    return tl_cli_usage (cli, _("Name one tip file or one tip id to route."));

  if (at_text != NULL)
    {
      at = g_date_time_new_from_iso8601 (at_text, NULL);
      if (at == NULL)
        return tl_cli_usage (cli, _("--at needs a time such as 2026-11-22T14:30:00-07:00."));
    }
  else
    at = g_date_time_new_now_utc ();

  set = tl_protocol_set_new_default ();
  print_problems (set);
  tip = load_tip (cli, argv[1], &status);
  if (tip == NULL)
    return status;

  plan = tl_router_route_in_set (set, tip, protocol_id, at, pick_lang (lang), &error);
  if (plan == NULL)
    return tl_cli_fail (cli, error);
  if (json)
    out = tl_plan_to_json (plan);
  else
    out = explain ? tl_plan_to_text_explained (plan) : tl_plan_to_text (plan);
  g_print ("%s\n", out);
  return TL_EXIT_OK;
}

int
tl_cli_matrix (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *lang = NULL;
  gboolean json = FALSE;
  gboolean sources = FALSE;
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the protocol texts: en or es"), N_("LANG") },
    { "sources", 0, 0, G_OPTION_ARG_NONE, &sources, N_("Print under every filled cell the document sentence behind it"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(TlProtocolSet) set = NULL;
  g_autoptr(TlMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  TlProtocol *protocol;

  if (!tl_cli_parse (cli, entries, "PROTOCOL", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2)
    return tl_cli_usage (cli, _("Name one protocol, e.g. “us-nm”; “tipline-cli protocols” lists them."));

  set = tl_protocol_set_new_default ();
  print_problems (set);
  protocol = tl_protocol_set_lookup (set, argv[1]);
  if (protocol == NULL)
    {
      g_set_error (&error, TL_ERROR, TL_ERROR_NOT_FOUND,
                   _("There is no protocol with the id \"%s\"; \"tipline-cli protocols\" lists them."), argv[1]);
      return tl_cli_fail (cli, error);
    }
  matrix = tl_matrix_new (protocol);
  if (json)
    out = tl_matrix_to_json (matrix, pick_lang (lang));
  else if (sources)
    out = tl_matrix_to_text_with_sources (matrix, pick_lang (lang));
  else
    out = tl_matrix_to_text (matrix, pick_lang (lang));
  g_print ("%s\n", out);
  return TL_EXIT_OK;
}

int
tl_cli_validate_protocol (TlCli  *cli,
                          int     argc,
                          char  **argv)
{
  int status = TL_EXIT_OK;

  if (!tl_cli_parse (cli, NULL, "FILE.xml…", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 2)
    return tl_cli_usage (cli, _("Name one or more protocol files to check."));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TlProtocol) protocol = tl_protocol_load_from_file (argv[i], &error);

      if (protocol == NULL)
        {
          /* Each line is already "FILE:LINE: message", as editors expect. */
          g_printerr ("%s\n", error->message);
          status = TL_EXIT_FAILED;
          continue;
        }
      /* Translators: file, protocol id, number of contacts, number of rules. */
      g_print (_("%s: valid protocol “%s” (%u contacts, %u rules).\n"), argv[i],
               tl_protocol_get_id (protocol), tl_protocol_get_contacts (protocol)->len,
               tl_protocol_get_rules (protocol)->len);
    }
  return status;
}

int
tl_cli_protocols (TlCli  *cli,
                  int     argc,
                  char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(TlProtocolSet) set = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *user_dir = tl_protocol_set_user_directory ();
  GPtrArray *problems;
  const char *lang = tl_protocol_default_language ();

  if (!tl_cli_parse (cli, entries, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 1)
    return tl_cli_usage (cli, _("protocols takes no arguments."));

  set = tl_protocol_set_new_default ();
  list = tl_protocol_set_list (set);
  problems = tl_protocol_set_get_problems (set);

  if (json)
    {
      g_autoptr(TlJson) out = tl_json_new ();
      char *text;

      tl_json_begin_object (out);
      tl_json_member_string (out, "user_directory", user_dir);
      tl_json_key (out, "protocols");
      tl_json_begin_array (out);
      for (guint i = 0; i < list->len; i++)
        {
          TlProtocol *p = g_ptr_array_index (list, i);

          tl_json_begin_object (out);
          tl_json_member_string (out, "id", tl_protocol_get_id (p));
          tl_json_member_string (out, "name", tl_protocol_get_name (p, lang));
          tl_json_member_string (out, "jurisdiction", tl_protocol_get_jurisdiction (p));
          tl_json_member_string (out, "timezone", tl_protocol_get_timezone_id (p));
          tl_json_member_string (out, "version", tl_protocol_get_version (p));
          tl_json_member_string (out, "date", tl_protocol_get_date (p));
          tl_json_member_string (out, "origin", tl_enum_to_nick (tl_protocol_origin_values, tl_protocol_get_origin (p)));
          tl_json_member_string (out, "path", tl_protocol_get_origin_path (p));
          tl_json_member_string (out, "replaces", tl_protocol_get_replaced_path (p));
          tl_json_end_object (out);
        }
      tl_json_end_array (out);
      tl_json_key (out, "problems");
      tl_json_begin_array (out);
      for (guint i = 0; i < problems->len; i++)
        tl_json_string (out, g_ptr_array_index (problems, i));
      tl_json_end_array (out);
      tl_json_end_object (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
      g_free (text);
      return problems->len > 0 ? TL_EXIT_FAILED : TL_EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      TlProtocol *p = g_ptr_array_index (list, i);

      g_print ("%-10s %-4s %s (%s %s, %s)\n", tl_protocol_get_id (p), tl_protocol_get_jurisdiction (p),
               tl_protocol_get_name (p, lang), _("version"), tl_protocol_get_version (p),
               _(tl_enum_label (tl_protocol_origin_values, tl_protocol_get_origin (p))));
      g_print ("           %s\n", tl_protocol_get_origin_path (p));
      if (tl_protocol_get_replaced_path (p) != NULL)
        /* Translators: %s is the path of the protocol file that this one replaces. */
        g_print (_("           replaces %s\n"), tl_protocol_get_replaced_path (p));
    }
  g_print (_("Your own protocols go in %s\n"), user_dir);
  print_problems (set);
  return problems->len > 0 ? TL_EXIT_FAILED : TL_EXIT_OK;
}
