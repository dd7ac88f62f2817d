/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_TIP_LIST_MODEL (tl_tip_list_model_get_type ())
G_DECLARE_FINAL_TYPE (TlTipListModel, tl_tip_list_model, TL, TIP_LIST_MODEL, GObject)

/* Rows are read from the store in pages of this many, and only this many pages are kept. */
#define TL_TIP_LIST_PAGE_SIZE 100
#define TL_TIP_LIST_MAX_PAGES 5
/* A search shows at most this many matches. */
#define TL_TIP_LIST_SEARCH_LIMIT 500

TlTipListModel *tl_tip_list_model_new          (void);
TlStore        *tl_tip_list_model_get_store    (TlTipListModel    *self);
void            tl_tip_list_model_set_store    (TlTipListModel    *self,
                                                TlStore           *store);
void            tl_tip_list_model_set_filter   (TlTipListModel    *self,
                                                const TlTipFilter *filter);
void            tl_tip_list_model_set_query    (TlTipListModel    *self,
                                                const char        *query);
guint           tl_tip_list_model_get_n_pages  (TlTipListModel    *self);

G_END_DECLS
