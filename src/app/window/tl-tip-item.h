/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_TIP_ITEM (tl_tip_item_get_type ())
G_DECLARE_FINAL_TYPE (TlTipItem, tl_tip_item, TL, TIP_ITEM, GObject)

TlTipItem      *tl_tip_item_new      (TlTipRow  *row);
const TlTipRow *tl_tip_item_get_row  (TlTipItem *self);
const char     *tl_tip_item_get_id   (TlTipItem *self);

G_END_DECLS
