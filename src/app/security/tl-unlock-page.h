/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_UNLOCK_PAGE (tl_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (TlUnlockPage, tl_unlock_page, TL, UNLOCK_PAGE, AdwBin)

GtkWidget *tl_unlock_page_new        (void);
TlStore   *tl_unlock_page_get_store  (TlUnlockPage *self);
void       tl_unlock_page_set_context (TlUnlockPage *self,
                                       TlContext    *context);
void       tl_unlock_page_reset      (TlUnlockPage *self);
guint      tl_unlock_page_get_delay  (TlUnlockPage *self);

G_END_DECLS
