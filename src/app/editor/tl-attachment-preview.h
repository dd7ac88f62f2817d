/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-attachment.h"

G_BEGIN_DECLS

/* A picture of an attachment made in memory (never a temporary file): the image itself,
 * or a PDF's first page drawn by Poppler at most max_size pixels wide. NULL with error
 * set for a file that cannot be previewed (damaged); NULL without error for types that
 * have no picture (audio, e-mail, text). */
GdkPaintable *tl_attachment_preview_new (TlAttachmentType   type,
                                         GBytes            *bytes,
                                         int                max_size,
                                         GError           **error);

G_END_DECLS
