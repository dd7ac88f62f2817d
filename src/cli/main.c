/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tipline-cli"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "tl-cli.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (sodium_init () < 0)
    {
      g_printerr ("tipline-cli: %s\n", _("The cryptography library could not start. Tipline cannot open a store on this system."));
      return 1;
    }

  return tl_cli_run (argc, argv);
}
