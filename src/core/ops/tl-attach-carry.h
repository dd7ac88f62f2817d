/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Attachments that travel with their tip (issue 20) in a tip exchange file or a sealed
 * bundle (data/schemas/README.md, <attachment>): writing the plain exchange file of a
 * tip with the originals, recording each copy that leaves, and keeping what arrives. */

#include "tl-attach.h"
#include "tl-store.h"

G_BEGIN_DECLS

/* The exchange file of one tip, as another workstation imports it: the tip and the
 * originals of its attachments. carried (optional) receives them, for
 * tl_attachments_record_carried() once the file is written. A file larger than a tip
 * file may be (TL_TIP_XML_MAX_SIZE) is refused with one sentence (TL_ERROR_TOO_LARGE). */
char       *tl_exchange_write_tip          (TlStore       *store,
                                            const TlTip   *tip,
                                            GPtrArray    **carried,
                                            gsize         *length,
                                            GError       **error);

/* TL_ERROR_TOO_LARGE, one sentence, when a tip file of length bytes could not be read
 * back (its attachments made it larger than TL_TIP_XML_MAX_SIZE). */
gboolean    tl_exchange_check_size         (const char    *tip_id,
                                            gsize          length,
                                            GError       **error);

/* One audit entry per attachment carried (its number, original or cleaned, the hash of
 * the copy sent), as writing an attachment out records it. */
gboolean    tl_attachments_record_carried  (TlStore       *store,
                                            GPtrArray     *carried,
                                            GError       **error);

/* The tips of tip files or a bundle, then the attachments they carried
 * (tl_store_import_tips, tl_store_import_attachments). NULL only when the tips could
 * not be imported; attachments the store could not keep are a line in the result. */
TlImportResult *tl_import_carrying         (TlStore          *store,
                                            GPtrArray        *tips,
                                            GPtrArray        *carried,
                                            TlImportProgress  progress,
                                            gpointer          user_data,
                                            GError          **error);

G_END_DECLS
