/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-clipboard"

#include "config.h"

#include "tl-clipboard.h"

/* Every copy of a number goes through here, so that one place decides what reaches the
 * clipboard and for how long. */

/**
 * tl_copy_number:
 * @widget: a widget on the display whose clipboard to use
 * @digits: what to dial, e.g. "18553337233" or "#7233"
 *
 * Puts the dialable number on the clipboard, to paste into a softphone.
 */
void
tl_copy_number (GtkWidget  *widget,
                const char *digits)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (digits != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), digits);
}
