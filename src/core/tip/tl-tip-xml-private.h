/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "tl-tip-xml.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

#define TL_TIP_XML_SCHEMA_PATH "/io/github/tipline/core/schemas/tip.rng"

/* Times in tip files always carry their UTC offset and keep microseconds, so a tip
 * reads back with the very instant and offset it was written with. The reader
 * parses them with g_date_time_new_from_iso8601 (text, NULL). */
char *_tl_tip_xml_format_date_time (GDateTime *date_time);
char *_tl_tip_xml_format_usec      (gint64     unix_usec);

/* tl-tip-xml-tree.c: tips from a document the reader has parsed safely (and
 * validated, unless trusted). */
gboolean   _tl_tip_xml_is_element     (xmlNodePtr      node,
                                       const char     *name);
GPtrArray *_tl_tip_xml_tips_from_root (xmlNodePtr      root,
                                       const char     *filename,
                                       TlTipXmlFlags   flags,
                                       GError        **error);

/* tl-tip-xml-attachments.c: <attachment> elements (issue 20). The writer adds those of
 * carried whose tip id is the tip's; the reader appends TlCarriedAttachment to carried. */
void       _tl_tip_xml_add_attachments  (xmlNodePtr      tip_node,
                                         const TlTip    *tip,
                                         GPtrArray      *carried);
void       _tl_tip_xml_read_attachments (xmlNodePtr      root,
                                         const char     *filename,
                                         GPtrArray      *carried);

G_END_DECLS
