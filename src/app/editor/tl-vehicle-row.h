/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-item-row.h"

G_BEGIN_DECLS

#define TL_TYPE_VEHICLE_ROW (tl_vehicle_row_get_type ())
G_DECLARE_FINAL_TYPE (TlVehicleRow, tl_vehicle_row, TL, VEHICLE_ROW, TlItemRow)

G_END_DECLS
