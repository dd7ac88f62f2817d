/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tipline"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "tl-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Tipline"));

  app = tl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
