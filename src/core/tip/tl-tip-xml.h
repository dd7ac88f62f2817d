/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-attachment.h"
#include "tl-tip.h"

G_BEGIN_DECLS

#define TL_TIP_XML_NAMESPACE "urn:tipline:tip:1"
#define TL_TIP_XML_MAX_SIZE (64 * 1024 * 1024)

typedef enum
{
  TL_TIP_XML_NONE = 0,
  /* Data Tipline wrote itself (its own encrypted store): skip RelaxNG validation so
   * drafts with half-typed values load, but keep every other safety rule. */
  TL_TIP_XML_TRUSTED = 1 << 0,
} TlTipXmlFlags;

/* The format is described in data/schemas/README.md and data/schemas/tip.rng. */

/* Writes one <tip> when tips has one element and as_collection is FALSE, else <tips>.
 * Returns UTF-8 XML (free with g_free); length, if given, is its size in bytes. */
char       *tl_tip_xml_write      (GPtrArray      *tips,
                                   gboolean        as_collection,
                                   gsize          *length);
char       *tl_tip_xml_write_one  (const TlTip    *tip,
                                   gsize          *length);
/* issue 20: the same, with each tip's attachments from carried (TlCarriedAttachment,
 * matched by info->tip_id; may be NULL) as <attachment> elements. */
char       *tl_tip_xml_write_carrying (GPtrArray  *tips,
                                   gboolean        as_collection,
                                   GPtrArray      *carried,
                                   gsize          *length);

/* Reads <tip> or <tips>; errors are TL_ERROR_INVALID with "FILE:LINE: message", or
 * TL_ERROR_TOO_LARGE over TL_TIP_XML_MAX_SIZE. filename (UTF-8, may be NULL) is only
 * used in messages. Any DOCTYPE is refused. Returns a GPtrArray of TlTip (it owns
 * them). tl_tip_xml_read_file validates (no TRUSTED) and adds TL_ERROR_IO. */
GPtrArray  *tl_tip_xml_read       (const char     *data,
                                   gsize           length,
                                   const char     *filename,
                                   TlTipXmlFlags   flags,
                                   GError        **error);
GPtrArray  *tl_tip_xml_read_file  (const char     *path,
                                   GError        **error);
/* issue 20: the same, appending the attachments the file carries to carried
 * (TlCarriedAttachment; an attachment whose bytes do not match its SHA-256, or that is
 * too large, comes back with bytes NULL and refused set, and the rest is read). */
GPtrArray  *tl_tip_xml_read_carrying (const char  *data,
                                   gsize           length,
                                   const char     *filename,
                                   TlTipXmlFlags   flags,
                                   GPtrArray      *carried,
                                   GError        **error);
GPtrArray  *tl_tip_xml_read_file_carrying (const char *path,
                                   GPtrArray      *carried,
                                   GError        **error);

G_END_DECLS
