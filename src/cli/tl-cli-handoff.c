/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-handoff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-handoff.h"

/* handoff --since WHEN: the shift hand-off summary (src/core/ops/tl-handoff.h) under
 * the coordinator profile, counts suppressed like stats. It leaves Tipline on standard
 * output, so it is recorded in the audit log first, as an export of each tip it lists. */

int
tl_cli_handoff (TlCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlHandoff) handoff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since_text = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int threshold = TL_STATS_DEFAULT_THRESHOLD;
  gint64 since = 0;
  int status;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_("When the shift began"), N_("WHEN") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("Show counts below this number as “<N” to protect victims (default 11; 1 shows every count)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "--since WHEN", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 1)
    return tl_cli_usage (cli, _("handoff takes no arguments; say when the shift began with --since."));
  if (since_text == NULL)
    return tl_cli_usage (cli, _("Say when the shift began with --since, e.g. --since 2026-12-07T07:00:00-07:00."));
  if (!tl_cli_parse_when (since_text, &since))
    return tl_cli_usage (cli, _("--since takes a date and time (2026-12-07T07:00:00-07:00)."));
  if (threshold < 1 || threshold > 1000)
    return tl_cli_usage (cli, _("--threshold must be a whole number from 1 to 1000."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  handoff = tl_handoff_new (store, since, now, threshold, &error);
  if (handoff == NULL || !tl_handoff_record (handoff, store, &error))
    return tl_cli_fail (cli, error);

  text = json ? tl_handoff_to_json (handoff) : tl_handoff_to_text (handoff);
  g_print ("%s%s", text, json ? "\n" : "");
  return TL_EXIT_OK;
}
