/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_STATS_WINDOW (tl_stats_window_get_type ())
G_DECLARE_FINAL_TYPE (TlStatsWindow, tl_stats_window, TL, STATS_WINDOW, AdwWindow)

TlStatsWindow *tl_stats_window_new        (GtkWindow     *parent,
                                           TlStore       *store);
void           tl_stats_window_set_period (TlStatsWindow *self,
                                           const GDate   *from,
                                           const GDate   *to);

void           tl_stats_window_set_threshold (TlStatsWindow *self,
                                              guint          threshold);

G_END_DECLS
