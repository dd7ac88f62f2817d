/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_WINDOW (tl_window_get_type ())
G_DECLARE_FINAL_TYPE (TlWindow, tl_window, TL, WINDOW, AdwApplicationWindow)

TlWindow  *tl_window_new            (AdwApplication *application,
                                     TlContext      *context);
TlContext *tl_window_get_context    (TlWindow       *self);
TlStore   *tl_window_get_store      (TlWindow       *self);
void       tl_window_lock           (TlWindow       *self);
GtkWidget *tl_window_get_side_pane  (TlWindow       *self);
void       tl_window_set_side_pane  (TlWindow       *self,
                                     GtkWidget      *child);

G_END_DECLS
