/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-i18n"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-i18n.h"

static gboolean
is_plain_c (const char *locale)
{
  return locale == NULL || strcmp (locale, "C") == 0 || strcmp (locale, "POSIX") == 0;
}

/* A plain C locale (LC_ALL=C, common in containers, cron and ssh sessions) is ASCII and
 * makes gettext ignore LANGUAGE: with LANGUAGE=es the messages stayed English and every
 * accented letter of a protocol printed as "?". Its UTF-8 twin, C.UTF-8, behaves the same
 * otherwise, prints "México" and lets LANGUAGE (or --lang) choose Spanish. A locale the
 * user chose by name is left alone. */
static void
use_utf8_in_plain_c_locale (void)
{
  if (is_plain_c (setlocale (LC_CTYPE, NULL)) && setlocale (LC_CTYPE, "C.UTF-8") == NULL)
    return;
  if (is_plain_c (setlocale (LC_MESSAGES, NULL)))
    setlocale (LC_MESSAGES, "C.UTF-8");
}

void
tl_i18n_init (void)
{
  const char *localedir = g_getenv ("TIPLINE_LOCALEDIR");

  setlocale (LC_ALL, "");
  use_utf8_in_plain_c_locale ();
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
