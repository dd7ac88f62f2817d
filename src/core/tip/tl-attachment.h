/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-enums.h"

G_BEGIN_DECLS

/* What an attachment is, sniffed from its first bytes (never from its name). The nicks
 * go into `attachments --json` and the report; UNKNOWN is refused when attaching. */
typedef enum
{
  TL_ATTACHMENT_TYPE_UNKNOWN,
  TL_ATTACHMENT_TYPE_PNG,
  TL_ATTACHMENT_TYPE_JPEG,
  TL_ATTACHMENT_TYPE_GIF,
  TL_ATTACHMENT_TYPE_WEBP,
  TL_ATTACHMENT_TYPE_PDF,
  TL_ATTACHMENT_TYPE_WAV,
  TL_ATTACHMENT_TYPE_OGG,
  TL_ATTACHMENT_TYPE_MP3,
  TL_ATTACHMENT_TYPE_M4A,
  TL_ATTACHMENT_TYPE_EML,     /* an Internet message (RFC 5322), headers first */
  TL_ATTACHMENT_TYPE_MSG,     /* an Outlook message (an OLE2 compound file) */
  TL_ATTACHMENT_TYPE_TEXT,    /* UTF-8 text */
} TlAttachmentType;
extern const TlEnumValue tl_attachment_type_values[];

/* What the attachment shows, which decides who may receive it (the disclosure table,
 * tl-disclosure.c). Unclassified evidence is withheld from every profile but `full`. */
typedef enum
{
  TL_ATTACHMENT_KIND_UNCLASSIFIED,
  TL_ATTACHMENT_KIND_VICTIM,        /* shows or names a victim: victim-identifying */
  TL_ATTACHMENT_KIND_OFFENDER_AD,   /* an offender's ad or profile: intelligence */
  TL_ATTACHMENT_KIND_OFFENDER,      /* an offender, a vehicle, a place: intelligence */
} TlAttachmentKind;
extern const TlEnumValue tl_attachment_kind_values[];

/* The limits (README "Attachments"): a 20 MB screenshot or photo fits; a video does not. */
#define TL_ATTACHMENT_MAX_SIZE     (25 * 1024 * 1024)
#define TL_ATTACHMENT_MAX_PER_TIP  20
#define TL_ATTACHMENT_MAX_NAME     255

/* One attachment as the store lists it, without its bytes. */
typedef struct
{
  guint number;               /* 1, 2, ... within its tip; never reused */
  char *tip_id;
  char *name;                 /* the file's original name, as given */
  TlAttachmentType type;
  TlAttachmentKind kind;
  gint64 size;                /* bytes */
  char *sha256;               /* lower-case hex, of the bytes as received */
  gint64 captured;            /* unix seconds, UTC, from the file's own metadata; 0 = unknown */
  gint64 attached;            /* unix seconds, UTC */
  char *advocate;             /* who attached it; may be NULL */
} TlAttachment;

/* An attachment as a tip exchange file or a sealed bundle carries it (issue 20): the
 * record the sender had, the bytes sent and, when the reader refused them, why. The
 * reader checks the bytes against the hash the file gives; the store sniffs the type
 * and applies the limits again when it keeps them. */
typedef struct
{
  TlAttachment *info;         /* size and sha256: of the bytes carried; number: the sender's */
  gboolean cleaned;           /* a cleaned copy (metadata removed), not the original */
  char *original_sha256;      /* the original's hash as the sender received it */
  GBytes *bytes;              /* NULL when refused */
  char *refused;              /* one sentence when the reader refused it, else NULL */
} TlCarriedAttachment;

TlAttachmentType tl_attachment_sniff         (const guint8     *data,
                                              gsize             length);
const char      *tl_attachment_type_mime     (TlAttachmentType  type);
gboolean         tl_attachment_type_is_image (TlAttachmentType  type);
gboolean         tl_attachment_type_is_audio (TlAttachmentType  type);
gboolean         tl_attachment_type_has_text (TlAttachmentType  type);
char            *tl_attachment_sha256        (const guint8     *data,
                                              gsize             length);
char            *tl_attachment_clean_name    (const char       *name);
gboolean         tl_attachment_check         (const char       *name,
                                              const guint8     *data,
                                              gsize             length,
                                              guint             already_on_tip,
                                              TlAttachmentType *type,
                                              GError          **error);
char            *tl_attachment_dup_text      (TlAttachmentType  type,
                                              const guint8     *data,
                                              gsize             length);
char            *tl_attachment_format_size   (gint64            size);
TlAttachment    *tl_attachment_copy          (const TlAttachment *attachment);
void             tl_attachment_free          (TlAttachment     *attachment);
void             tl_carried_attachment_free  (TlCarriedAttachment *carried);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlAttachment, tl_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlCarriedAttachment, tl_carried_attachment_free)

G_END_DECLS
