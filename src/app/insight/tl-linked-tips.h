/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_LINKED_TIPS (tl_linked_tips_get_type ())
G_DECLARE_FINAL_TYPE (TlLinkedTips, tl_linked_tips, TL, LINKED_TIPS, GtkWidget)

GtkWidget *tl_linked_tips_new         (void);
void       tl_linked_tips_set_store   (TlLinkedTips *self,
                                       TlStore      *store);
void       tl_linked_tips_set_tip     (TlLinkedTips *self,
                                       TlTip        *tip);
void       tl_linked_tips_tip_changed (TlLinkedTips *self);
void       tl_linked_tips_refresh     (TlLinkedTips *self);
guint      tl_linked_tips_get_n_links (TlLinkedTips *self);

G_END_DECLS
