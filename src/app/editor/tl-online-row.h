/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-item-row.h"

G_BEGIN_DECLS

#define TL_TYPE_ONLINE_ROW (tl_online_row_get_type ())
G_DECLARE_FINAL_TYPE (TlOnlineRow, tl_online_row, TL, ONLINE_ROW, TlItemRow)

G_END_DECLS
