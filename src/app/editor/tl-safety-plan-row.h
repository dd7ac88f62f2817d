/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-tip.h"

G_BEGIN_DECLS

#define TL_TYPE_SAFETY_PLAN_ROW (tl_safety_plan_row_get_type ())
G_DECLARE_FINAL_TYPE (TlSafetyPlanRow, tl_safety_plan_row, TL, SAFETY_PLAN_ROW, AdwExpanderRow)

GtkWidget  *tl_safety_plan_row_new          (void);
void        tl_safety_plan_row_set_plan     (TlSafetyPlanRow *self,
                                             TlSafetyPlan    *plan);
void        tl_safety_plan_row_attach_phone (TlSafetyPlanRow *self,
                                             AdwEntryRow     *phone_row);
GtkWidget  *tl_safety_plan_row_get_copy_button (TlSafetyPlanRow *self);
/* What copying the number now would warn about, or NULL. */
char       *tl_safety_plan_row_dup_warning  (TlSafetyPlanRow *self);

/* The office's clock for every plan's window (the window sets it from the default
 * protocol); this computer's until then. */
void        tl_safety_plan_row_set_office_zone (GTimeZone    *zone);

G_END_DECLS
