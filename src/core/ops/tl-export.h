/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-report.h"
#include "tl-store.h"

G_BEGIN_DECLS

/* Renders report in format, writes path with tl_write_private_file(), and records the
 * export (and any override) in the store's audit log; the file is removed again when
 * the audit log cannot be written, so no export goes unrecorded. */
gboolean    tl_export_report_file      (TlReport         *report,
                                        TlReportFormat    format,
                                        TlStore          *store,
                                        const char       *path,
                                        gboolean          overwrite,
                                        GError          **error);

G_END_DECLS
