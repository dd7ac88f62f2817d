/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"

G_BEGIN_DECLS

#define TL_TYPE_AGENCIES_PAGE (tl_agencies_page_get_type ())
G_DECLARE_FINAL_TYPE (TlAgenciesPage, tl_agencies_page, TL, AGENCIES_PAGE, AdwPreferencesPage)

GtkWidget  *tl_agencies_page_new            (TlContext      *context);
/* What "Add…" does once the key file is chosen: asks the name, shows the fingerprint.
 * Returns the dialog (for tests), or NULL after showing why the file was refused. */
GtkWidget  *tl_agencies_page_add_from_file  (TlAgenciesPage *self,
                                             const char     *path);

G_END_DECLS
