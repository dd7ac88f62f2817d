/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A media stream that plays a recording from memory: no file in any folder is written.
 * NULL with error set when the system cannot make the in-memory file. */
GtkMediaStream *tl_attachment_media_new (GBytes  *bytes,
                                         GError **error);

G_END_DECLS
