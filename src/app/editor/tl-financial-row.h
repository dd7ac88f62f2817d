/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-item-row.h"

G_BEGIN_DECLS

#define TL_TYPE_FINANCIAL_ROW (tl_financial_row_get_type ())
G_DECLARE_FINAL_TYPE (TlFinancialRow, tl_financial_row, TL, FINANCIAL_ROW, TlItemRow)

G_END_DECLS
