/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TL_TYPE_VERTICAL_LABEL (tl_vertical_label_get_type ())
G_DECLARE_FINAL_TYPE (TlVerticalLabel, tl_vertical_label, TL, VERTICAL_LABEL, GtkWidget)

GtkWidget *tl_vertical_label_new (const char *text);

G_END_DECLS
