/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"

G_BEGIN_DECLS

#define TL_TYPE_SECURITY_PAGE (tl_security_page_get_type ())
G_DECLARE_FINAL_TYPE (TlSecurityPage, tl_security_page, TL, SECURITY_PAGE, AdwPreferencesPage)

GtkWidget *tl_security_page_new       (TlContext      *context);
gboolean   tl_security_page_is_busy   (TlSecurityPage *self);

G_END_DECLS
