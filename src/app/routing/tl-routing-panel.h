/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-context.h"
#include "tl-plan.h"
#include "tl-tip-editor.h"

G_BEGIN_DECLS

/* How long the facts must stay still before the plan is routed again. */
#define TL_ROUTING_DELAY_MS 200

#define TL_TYPE_ROUTING_PANEL (tl_routing_panel_get_type ())
G_DECLARE_FINAL_TYPE (TlRoutingPanel, tl_routing_panel, TL, ROUTING_PANEL, GtkWidget)

GtkWidget    *tl_routing_panel_new           (TlContext      *context);
void          tl_routing_panel_set_editor    (TlRoutingPanel *self,
                                              TlTipEditor    *editor);
void          tl_routing_panel_set_tip       (TlRoutingPanel *self,
                                              TlTip          *tip);
void          tl_routing_panel_clear         (TlRoutingPanel *self);
const TlPlan *tl_routing_panel_get_plan      (TlRoutingPanel *self);

void            tl_routing_panel_set_folded    (TlRoutingPanel *self,
                                                gboolean        folded);

G_END_DECLS
