/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tipline"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-application.h"
#include "tl-i18n.h"
#include "tl-log.h"
#include "tl-temp-file.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlApplication) app = NULL;

  /* Before anything can log or crash: no tip content in logs, no core dumps. */
  tl_log_writer_install ();
  if (!tl_process_harden ())
    g_warning ("Could not turn off core dumps for this process");

  /* LOCALEDIR, or TIPLINE_LOCALEDIR when run from the build folder */
  tl_i18n_init ();
  /* SIGINT or SIGTERM during an export must not leave its plaintext temporary file. */
  tl_temp_files_guard_signals ();

  g_set_application_name (_("Tipline"));

  app = tl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
