/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-call-log.h"
#include "tl-matrix-view.h"
#include "tl-routing-panel.h"

G_BEGIN_DECLS

/* The panel's parts, shared by its files: tl-routing-panel.c (the plan and the
 * matrix) and tl-routing-panel-proposals.c (the proposed follow-ups). */

struct _TlRoutingPanel
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *box;
  GtkDropDown *protocol_dropdown;
  GtkLabel *origin_label;
  GtkWidget *problems_expander;
  GtkLabel *problems_title;
  GtkLabel *problems_label;
  GtkStack *view_stack;
  GtkStack *plan_stack;
  GtkWidget *danger_banner;
  GtkScrolledWindow *plan_scroll;
  GtkLabel *notice_label;
  GtkBox *steps_box;
  GtkWidget *no_steps_label;
  GtkImage *consent_icon;
  GtkLabel *consent_label;
  GtkWidget *questions_group;
  GtkBox *questions_box;
  TlCallLog *call_log;
  GtkWidget *proposals_group;
  GtkListBox *proposals_list;
  GtkWidget *notes_group;
  GtkBox *notes_box;
  TlMatrixView *matrix_view;

  TlTipEditor *editor;              /* weak */
  TlContext *context;
  TlProtocolSet *protocols;         /* the context's */
  GPtrArray *choices;               /* TlProtocol, in dropdown order after "from the state" */
  GSettings *settings;              /* the context's: the default protocol */

  TlTip *tip;
  TlPlan *plan;
  char *shown;                      /* what the plan's widgets show (describe_route) */
  char *proposals_shown;            /* what the proposals' rows show */
  guint route_source;
  guint route_tick;                 /* a route at the next frame (another tip opened) */
  gint64 route_after;               /* the frame that lays out the editor: the route waits past it */
  guint plan_tick;                  /* the next part of the plan at the next frame */
  guint plan_parts_shown;           /* of plan_parts */
  gint64 plan_frame;                /* the frame that built the last part */
  guint refresh_source;

  GtkWidget *back_button;
};

/* tl-routing-panel-proposals.c */
void _tl_routing_panel_clear_proposals  (TlRoutingPanel *self);
void _tl_routing_panel_update_proposals (TlRoutingPanel *self);

G_END_DECLS
