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

/* A U.S. state (or DC, or a territory) as people write it: postal code, English or
 * Spanish name, any case, with or without periods or accents ("nm", "N.M.", "New Mexico",
 * "nuevo mexico"). Returns the two-letter postal code ("NM"), or NULL when it is not one. */
const char *tl_state_code    (const char *typed);

G_END_DECLS
