/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_IMPORT_DIALOG (tl_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlImportDialog, tl_import_dialog, TL, IMPORT_DIALOG, AdwWindow)

TlImportDialog *tl_import_dialog_new         (GtkWindow           *parent,
                                              TlStore             *store);
void            tl_import_dialog_start       (TlImportDialog      *self,
                                              const char * const  *paths);
gboolean        tl_import_dialog_is_running  (TlImportDialog      *self);

G_END_DECLS
