/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-plan.h"

G_BEGIN_DECLS

TlPlan        *_tl_plan_new           (TlProtocol      *protocol,
                                       GDateTime       *at,
                                       const char      *lang);
TlPlanStep    *_tl_plan_step_new      (void);
void           _tl_plan_step_free     (TlPlanStep      *step);
TlPlanContact *_tl_plan_contact_new   (const TlContact *contact);
TlPlanItem    *_tl_plan_item_new      (TlProvideItem    item,
                                       const char      *label,
                                       char            *field,
                                       gboolean         present);
void           _tl_plan_add_question  (TlPlan          *plan,
                                       const char      *field,
                                       char            *message);

G_END_DECLS
