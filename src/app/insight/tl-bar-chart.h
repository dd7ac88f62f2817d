/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TL_TYPE_BAR_CHART (tl_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (TlBarChart, tl_bar_chart, TL, BAR_CHART, GtkWidget)

GtkWidget *tl_bar_chart_new      (void);
void       tl_bar_chart_set_bars (TlBarChart         *self,
                                  const char         *title,
                                  const char * const *labels,
                                  const gint64       *values,
                                  guint               n_bars);

void       tl_bar_chart_set_bars_with_texts (TlBarChart         *self,
                                             const char         *title,
                                             const char * const *labels,
                                             const gint64       *values,
                                             const char * const *texts,
                                             guint               n_bars);

G_END_DECLS
