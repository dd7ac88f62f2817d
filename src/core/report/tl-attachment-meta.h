/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-attachment.h"

G_BEGIN_DECLS

/* Where a detail the file carries belongs, in the viewer and the CLI. */
typedef enum
{
  TL_META_LOCATION,     /* EXIF GPS */
  TL_META_CAMERA,       /* make, model, software, owner */
  TL_META_DATES,        /* when taken, digitised, changed; a message's Date */
  TL_META_MESSAGE,      /* e-mail headers: Received (each), From, To, Subject, ... */
  TL_META_DOCUMENT,     /* PDF author, creator, producer, title */
  TL_META_OTHER,        /* comments, XMP and IPTC blocks, PNG text */
} TlMetaGroup;
extern const TlEnumValue tl_meta_group_values[];

typedef struct
{
  TlMetaGroup group;
  char *label;          /* untranslated key, e.g. "Latitude", "Received" */
  char *value;          /* as the file has it, valid UTF-8 */
} TlMetaField;

GPtrArray  *tl_attachment_read_metadata (TlAttachmentType  type,
                                         GBytes           *bytes);
gint64      tl_attachment_captured_time (TlAttachmentType  type,
                                         GBytes           *bytes);
char       *tl_attachment_email_body    (GBytes           *bytes);
gint64      tl_email_parse_date         (const char       *value);
void        tl_meta_field_free          (TlMetaField      *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlMetaField, tl_meta_field_free)

G_END_DECLS
