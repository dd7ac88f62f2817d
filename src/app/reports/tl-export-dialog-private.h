/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by tl-export-dialog.c (one tip) and tl-export-dialog-tips.c (several tips
 * sealed into one bundle). */

#include "tl-export-dialog.h"

G_BEGIN_DECLS

struct _TlExportDialog
{
  AdwWindow parent_instance;

  /* template */
  AdwWindowTitle *window_title;
  GtkWidget *run_button;
  AdwComboRow *profile_row;
  AdwComboRow *format_row;
  AdwComboRow *agency_row;
  GtkLabel *description_label;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *withheld_group;
  AdwPreferencesGroup *overrides_group;

  TlContext *context;
  TlStore *store;              /* the context's */
  TlTip *tip;                  /* the one tip, or NULL when sealing several */
  GPtrArray *tips;             /* TlTip: the tips sealed together (tl-export-dialog-tips.c) */
  TlExportDialogMode mode;
  GPtrArray *overrides;        /* TlReportOverride, in the order given */
  GPtrArray *rows;             /* every row added to a group, to take them out again */
  GPtrArray *agency_names;     /* char *: the known agencies, in the agency row's order */
  gboolean blocked;            /* validation problems stop this format */
};

/* tl-export-dialog.c */
GtkWidget *_tl_export_dialog_add_row    (TlExportDialog      *self,
                                         AdwPreferencesGroup *group,
                                         const char          *title,
                                         const char          *subtitle);
const char *_tl_export_dialog_get_agency (TlExportDialog     *self);
void       _tl_export_dialog_setup      (TlExportDialog      *self,
                                         TlContext           *context);
void       _tl_export_dialog_update     (TlExportDialog      *self);

/* tl-export-dialog-tips.c */
void       _tl_export_dialog_update_tips (TlExportDialog     *self);
gboolean   _tl_export_dialog_seal_tips  (TlExportDialog      *self,
                                         const char          *path,
                                         gboolean             overwrite,
                                         GError             **error);

G_END_DECLS
