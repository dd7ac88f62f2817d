/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"

/* "tipline-cli check": the thorough integrity check on demand (issue 16). Unlock reads
 * every page only after a crash, so this is how a script or an administrator checks a
 * store that closed cleanly; it reads the whole store once. */

int
tl_cli_check (TlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!tl_cli_parse (cli, NULL, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 1)
    return tl_cli_usage (cli, _("check takes no arguments."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (!tl_store_check_integrity (store, &error))
    return tl_cli_fail (cli, error);

  g_print ("%s\n", _("The store checks out: every page reads back and every index matches its table."));
  return TL_EXIT_OK;
}
