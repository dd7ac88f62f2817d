/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-item-row.h"

G_BEGIN_DECLS

#define TL_TYPE_VICTIM_ROW (tl_victim_row_get_type ())
G_DECLARE_FINAL_TYPE (TlVictimRow, tl_victim_row, TL, VICTIM_ROW, TlItemRow)

G_END_DECLS
