/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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

G_END_DECLS
