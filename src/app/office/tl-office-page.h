/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"

G_BEGIN_DECLS

#define TL_TYPE_OFFICE_PAGE (tl_office_page_get_type ())
G_DECLARE_FINAL_TYPE (TlOfficePage, tl_office_page, TL, OFFICE_PAGE, AdwPreferencesPage)

GtkWidget *tl_office_page_new     (TlContext    *context);
/* Reads the office's status, members and conflicts again. */
void       tl_office_page_refresh (TlOfficePage *self);

G_END_DECLS
