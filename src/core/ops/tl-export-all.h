/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-store.h"

G_BEGIN_DECLS

/* done of total tips written; called every 500 tips and at the end. */
typedef void (*TlExportAllProgress) (guint     done,
                                     guint     total,
                                     gpointer  user_data);

/* Writes every tip, newest first, as one <tips> exchange file at path (0600), streamed
 * tip by tip, and records one export entry per tip in the audit log in one
 * transaction. Fails without writing path when a tip does not pass tl_tip_validate()
 * (TL_ERROR_INVALID naming the tip and its fields), or when path exists and overwrite
 * is FALSE (TL_ERROR_EXISTS). */
gboolean    tl_export_all_tips          (TlStore              *store,
                                         const char           *path,
                                         gboolean              overwrite,
                                         TlExportAllProgress   progress,
                                         gpointer              user_data,
                                         guint                *n_exported,
                                         GError              **error);

G_END_DECLS
