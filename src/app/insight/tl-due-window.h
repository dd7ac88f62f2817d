/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_DUE_WINDOW (tl_due_window_get_type ())
G_DECLARE_FINAL_TYPE (TlDueWindow, tl_due_window, TL, DUE_WINDOW, AdwWindow)

TlDueWindow *tl_due_window_new     (GtkWindow   *parent,
                                    TlStore     *store,
                                    GSettings   *settings);
void         tl_due_window_reload  (TlDueWindow *self);
guint        tl_due_window_get_n_due (TlDueWindow *self);

G_END_DECLS
