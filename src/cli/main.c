/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tipline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "tl-cli.h"
#include "tl-i18n.h"
#include "tl-log.h"
#include "tl-temp-file.h"

int
main (int    argc,
      char **argv)
{
  /* Before anything can log or crash with tips in memory. */
  tl_log_writer_install ();
  if (!tl_process_harden ())
    g_warning ("Could not turn off core dumps for this process");
  tl_i18n_init ();
  /* Ctrl-C or SIGTERM during an export must not leave its plaintext temporary file. */
  tl_temp_files_guard_signals ();

  if (sodium_init () < 0)
    {
      g_printerr ("tipline-cli: %s\n", _("The cryptography library could not start. Tipline cannot open a store on this system."));
      return 1;
    }

  return tl_cli_run (argc, argv);
}
