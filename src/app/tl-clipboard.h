/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tl_copy_number (GtkWidget  *widget,
                     const char *digits);

G_END_DECLS
