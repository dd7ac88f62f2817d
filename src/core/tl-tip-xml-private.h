/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TL_TIP_XML_SCHEMA_PATH "/io/github/tipline/core/schemas/tip.rng"

/* Times in tip files always carry their UTC offset and keep microseconds, so a tip
 * reads back with the very instant and offset it was written with. */
char      *_tl_tip_xml_format_date_time (GDateTime  *date_time);
char      *_tl_tip_xml_format_usec      (gint64      unix_usec);
GDateTime *_tl_tip_xml_parse_date_time  (const char *text);

G_END_DECLS
