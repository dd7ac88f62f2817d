/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Labels of the routing panel whose text may break anywhere (addresses, long words in
 * a narrow pane). */
void       tl_label_wrap_anywhere (GtkLabel   *label);
GtkWidget *tl_wrapped_label_new   (const char *text);

G_END_DECLS
