/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tipline"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-application.h"
#include "tl-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlApplication) app = NULL;

  /* LOCALEDIR, or TIPLINE_LOCALEDIR when run from the build folder */
  tl_i18n_init ();

  g_set_application_name (_("Tipline"));

  app = tl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
