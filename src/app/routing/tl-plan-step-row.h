/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-plan.h"

G_BEGIN_DECLS

#define TL_TYPE_PLAN_STEP_ROW (tl_plan_step_row_get_type ())
G_DECLARE_FINAL_TYPE (TlPlanStepRow, tl_plan_step_row, TL, PLAN_STEP_ROW, GtkWidget)

GtkWidget        *tl_plan_step_row_new      (const TlPlanStep *step,
                                             const char       *lang,
                                             gboolean          danger,
                                             gboolean          logged);
void              tl_plan_step_row_set_log_mnemonic (TlPlanStepRow *self,
                                                     gboolean       mnemonic);
const TlPlanStep *tl_plan_step_row_get_step (TlPlanStepRow    *self);

G_END_DECLS
