/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a copied number or code stays on the clipboard. */
#define TL_CLIPBOARD_CLEAR_MS (30 * 1000)

void tl_copy_number          (GtkWidget  *widget,
                              const char *digits);
void tl_copy_secret          (GtkWidget  *widget,
                              const char *secret);
void tl_clipboard_clear_copied (GtkWidget *widget);

/* For tests: shorten the delay before the clipboard is cleared. */
void _tl_clipboard_set_clear_timeout (guint ms);

G_END_DECLS
