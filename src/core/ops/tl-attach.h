/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Attaching evidence and giving it back (issue 20): the one place the app and
 * tipline-cli attach a file (type, limits, capture time from the file's own metadata)
 * and write an attachment out (the cleaned copy unless the original is asked for,
 * recorded in the audit log before it leaves). */

#include "tl-attachment-clean.h"
#include "tl-attachment-meta.h"
#include "tl-report.h"
#include "tl-store.h"

G_BEGIN_DECLS

guint       tl_attach_bytes           (TlStore           *store,
                                       const char        *tip_id,
                                       const char        *name,
                                       GBytes            *bytes,
                                       TlAttachmentKind   kind,
                                       GError           **error);
GBytes     *tl_attachment_get_copy    (TlStore           *store,
                                       const char        *tip_id,
                                       guint              number,
                                       gboolean           original,
                                       TlAttachment     **info,
                                       GError           **error);
gboolean    tl_attachment_write_file  (TlStore           *store,
                                       const char        *tip_id,
                                       guint              number,
                                       gboolean           original,
                                       const char        *path,
                                       gboolean           overwrite,
                                       GError           **error);

/* What one export does with each attachment of the tip (the disclosure table's
 * "attachment" rows): sent as a cleaned copy (as the original in the full record), or
 * withheld and why. A type with no cleaned copy, or a damaged file, is withheld from
 * every profile but full. */
typedef struct
{
  TlAttachment *attachment;
  TlWithhold withhold;          /* TL_WITHHOLD_NONE: sent */
  const char *withheld;         /* the marker printed instead, when not sent */
  gboolean cleaned;             /* the copy sent is the cleaned one */
  GBytes *copy;                 /* the bytes sent; NULL when withheld */
  char *sha256;                 /* of copy; NULL when withheld */
} TlAttachmentRelease;

GPtrArray  *tl_attachments_for_export  (TlStore          *store,
                                        const TlTip      *tip,
                                        TlReportProfile   profile,
                                        GPtrArray        *overrides,
                                        GError          **error);
/* Adds the "Attachments" section, and sets report->carried: the copies sent, which the
 * XML form carries (tl_attachments_carry). */
void        tl_attachments_add_to_report (TlReport       *report,
                                        GPtrArray        *releases);
/* (element-type TlCarriedAttachment): each copy sent, with its own hash and the
 * original's; without the attacher's name unless with_attacher. */
GPtrArray  *tl_attachments_carry        (GPtrArray       *releases,
                                        gboolean          with_attacher);
gboolean    tl_attachments_write_copies (TlStore         *store,
                                        GPtrArray        *releases,
                                        const char       *dir,
                                        gboolean          overwrite,
                                        GError          **error);
void        tl_attachment_release_free (TlAttachmentRelease *release);

G_END_DECLS
