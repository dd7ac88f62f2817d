/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Attaching evidence and giving it back (issue 20): the one place the app and
 * tipline-cli attach a file (type, limits, capture time from the file's own metadata)
 * and write an attachment out (the cleaned copy unless the original is asked for,
 * recorded in the audit log before it leaves). */

#include "tl-attachment-clean.h"
#include "tl-attachment-meta.h"
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

G_END_DECLS
