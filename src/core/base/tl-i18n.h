/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale and binds Tipline's message catalogue. TIPLINE_LOCALEDIR, when set,
 * names the folder to read catalogues from instead of the installed one: it exists so
 * the build tree and the tests run in Spanish without installing. */
void tl_i18n_init         (void);

/* Switch every message, Tipline's and the protocols', to one language ("en", "es")
 * for the rest of the process, whatever the locale says. */
void tl_i18n_set_language (const char *language);

G_END_DECLS
