/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"
#include "tl-export.h"
#include "tl-store.h"

G_BEGIN_DECLS

typedef enum
{
  TL_EXPORT_DIALOG_EXPORT,    /* choose a format, then a file */
  TL_EXPORT_DIALOG_PRINT,     /* print with GtkPrintOperation */
} TlExportDialogMode;

#define TL_TYPE_EXPORT_DIALOG (tl_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlExportDialog, tl_export_dialog, TL, EXPORT_DIALOG, AdwWindow)

TlExportDialog *tl_export_dialog_new              (GtkWindow          *parent,
                                                   TlContext          *context,
                                                   TlTip              *tip,
                                                   TlExportDialogMode  mode);
/* Several saved tips sealed into one bundle (the tip list's selection mode). */
TlExportDialog *tl_export_dialog_new_for_tips     (GtkWindow          *parent,
                                                   TlContext          *context,
                                                   GPtrArray          *tip_ids,
                                                   GError            **error);
guint           tl_export_dialog_get_n_tips       (TlExportDialog     *self);
void            tl_export_dialog_set_profile      (TlExportDialog     *self,
                                                   TlReportProfile     profile);
void            tl_export_dialog_set_format       (TlExportDialog     *self,
                                                   TlReportFormat      format);
/* Chooses "Sealed for an agency" and the known agency of that name; FALSE when there is
 * none (issue 21). */
gboolean        tl_export_dialog_set_sealed_for   (TlExportDialog     *self,
                                                   const char         *agency_name);
TlExport       *tl_export_dialog_build_export     (TlExportDialog     *self);
/* The withheld list the dialog shows, one line each (for tests). */
GPtrArray      *tl_export_dialog_get_withheld     (TlExportDialog     *self);
gboolean        tl_export_dialog_export_to_path   (TlExportDialog     *self,
                                                   const char         *path,
                                                   gboolean            overwrite,
                                                   GError            **error);

G_END_DECLS
