/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-tip-item.h"

G_BEGIN_DECLS

#define TL_TYPE_TIP_LIST_ROW (tl_tip_list_row_get_type ())
G_DECLARE_FINAL_TYPE (TlTipListRow, tl_tip_list_row, TL, TIP_LIST_ROW, GtkWidget)

GtkWidget *tl_tip_list_row_new      (void);
void       tl_tip_list_row_set_item (TlTipListRow *self,
                                     TlTipItem    *item);
const char *tl_tip_list_row_get_tip_id (TlTipListRow *self);
void       tl_tip_list_row_set_check (TlTipListRow *self,
                                      gboolean      shown,
                                      gboolean      active);

G_END_DECLS
