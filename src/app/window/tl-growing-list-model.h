/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TL_TYPE_GROWING_LIST_MODEL (tl_growing_list_model_get_type ())
G_DECLARE_FINAL_TYPE (TlGrowingListModel, tl_growing_list_model, TL, GROWING_LIST_MODEL, GObject)

/* Rows shown in the first frame after the whole list is replaced, and added by each
 * frame after it. */
#define TL_GROWING_LIST_SLICE 24
/* Once this many are shown, the rest come at once: a list view builds rows only for
 * about 200 items from the top of what it shows. */
#define TL_GROWING_LIST_ALL_FROM 240

TlGrowingListModel *tl_growing_list_model_new       (GListModel         *model,
                                                     GtkWidget          *ticker);
GListModel         *tl_growing_list_model_get_model (TlGrowingListModel *self);
gboolean            tl_growing_list_model_is_growing (TlGrowingListModel *self);
void                tl_growing_list_model_show_all  (TlGrowingListModel *self);

G_END_DECLS
