/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-i18n"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "tl-i18n.h"

void
tl_i18n_init (void)
{
  const char *localedir = g_getenv ("TIPLINE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
tl_i18n_set_language (const char *language)
{
  g_return_if_fail (language != NULL);

  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches translations; setting the domain again makes it look anew */
  textdomain (GETTEXT_PACKAGE);
}
