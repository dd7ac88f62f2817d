/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Identifiers as they are matched across tips; each returns a new string, "" when
 * nothing is left. */
char     *tl_phone_digits     (const char *typed);
char     *tl_plate_normalize  (const char *typed);
char     *tl_email_normalize  (const char *typed);

gboolean  tl_email_is_valid   (const char *text);
gboolean  tl_parse_age        (const char *text,
                               int        *years);
GDate    *tl_parse_date       (const char *text);

G_END_DECLS
