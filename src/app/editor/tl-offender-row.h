/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-item-row.h"

G_BEGIN_DECLS

#define TL_TYPE_OFFENDER_ROW (tl_offender_row_get_type ())
G_DECLARE_FINAL_TYPE (TlOffenderRow, tl_offender_row, TL, OFFENDER_ROW, TlItemRow)

G_END_DECLS
