/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_ATTACHMENTS_SECTION (tl_attachments_section_get_type ())
G_DECLARE_FINAL_TYPE (TlAttachmentsSection, tl_attachments_section, TL, ATTACHMENTS_SECTION, AdwBin)

GtkWidget  *tl_attachments_section_new           (void);
void        tl_attachments_section_set_store     (TlAttachmentsSection *self,
                                                  TlStore              *store);
void        tl_attachments_section_set_tip       (TlAttachmentsSection *self,
                                                  const char           *tip_id);
void        tl_attachments_section_reload        (TlAttachmentsSection *self);
gboolean    tl_attachments_section_attach        (TlAttachmentsSection *self,
                                                  const char           *name,
                                                  GBytes               *bytes);
void        tl_attachments_section_paste         (TlAttachmentsSection *self);
guint       tl_attachments_section_get_n_items   (TlAttachmentsSection *self);
GdkPaintable *tl_attachments_section_get_thumbnail (TlAttachmentsSection *self,
                                                    guint                 index);
const char *tl_attachments_section_get_message   (TlAttachmentsSection *self);
GtkWidget  *tl_attachments_section_get_remove_button (TlAttachmentsSection *self,
                                                      guint                 index);

G_END_DECLS
