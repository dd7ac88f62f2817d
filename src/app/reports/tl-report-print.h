/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-export.h"
#include "tl-store.h"

G_BEGIN_DECLS

/* Prints an export's report with GtkPrintOperation, drawn by the same TlReportPages as
 * the PDF. Takes ownership of export. The print is recorded in the store's audit log
 * (tl_export_record()) before the first page is drawn; errors are shown in a dialog
 * over parent. */
void tl_report_print (TlExport  *export,
                      TlStore   *store,
                      GtkWindow *parent);
gboolean tl_report_print_to_file (TlExport    *export,
                                  TlStore     *store,
                                  const char  *path,
                                  GError     **error);

G_END_DECLS
