/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-item-row.h"

G_BEGIN_DECLS

#define TL_TYPE_PHONE_ROW (tl_phone_row_get_type ())
G_DECLARE_FINAL_TYPE (TlPhoneRow, tl_phone_row, TL, PHONE_ROW, TlItemRow)

G_END_DECLS
