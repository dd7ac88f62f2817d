/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_ATTACHMENT_VIEWER (tl_attachment_viewer_get_type ())
G_DECLARE_FINAL_TYPE (TlAttachmentViewer, tl_attachment_viewer, TL, ATTACHMENT_VIEWER, AdwWindow)

GtkWidget *tl_attachment_viewer_new (TlStore            *store,
                                     const TlAttachment *attachment,
                                     GBytes             *bytes);
const TlAttachment *tl_attachment_viewer_get_attachment    (TlAttachmentViewer *self);
GtkMediaStream     *tl_attachment_viewer_get_media         (TlAttachmentViewer *self);
GtkWidget          *tl_attachment_viewer_get_remove_button (TlAttachmentViewer *self);

G_END_DECLS
