/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-routing-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tl-field-set.h"
#include "tl-follow-up.h"
#include "tl-follow-up-proposals.h"
#include "tl-call-log.h"
#include "tl-clipboard.h"
#include "tl-matrix-view.h"
#include "tl-plan-step-row.h"
#include "tl-referral-dialog.h"
#include "tl-router.h"
#include "tl-routing-panel-private.h"
#include "tl-wrapped-label.h"

/* Whom to call, in order and why, for the tip being taken: routed again a moment
 * after each edit (routing takes microseconds; the delay only spares rebuilding the
 * cards on every keystroke), and every minute so that "open now" stays true. Beside
 * the plan, the protocol's referral matrix. Logging a call only tells the window
 * ("referral-logged" with the call); the window adds it to the tip (the core's rule)
 * and saves, and the panel routes again.
 *
 * Everything shown here comes from the tip: tl_routing_panel_clear() empties it all
 * when the application locks. */

#define REFRESH_S 60

G_DEFINE_FINAL_TYPE (TlRoutingPanel, tl_routing_panel, GTK_TYPE_WIDGET)

enum
{
  REFERRAL_LOGGED,
  REFERRAL_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void route_now (TlRoutingPanel *self);

/* For the descriptions that tell whether the widgets need building again. */
static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static void
cancel_route_tick (TlRoutingPanel *self)
{
  if (self->route_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->route_tick);
  self->route_tick = 0;
}

/* helpers */

static void
remove_children (GtkBox *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (parent))) != NULL)
    {
      gtk_box_remove (parent, child);
    }
}

static void
ensure_protocols (TlRoutingPanel *self)
{
  g_autoptr(GtkStringList) names = NULL;
  GPtrArray *problems;
  const char *lang = tl_protocol_default_language ();

  if (self->choices != NULL)
    return;

  self->choices = tl_protocol_set_list (self->protocols);
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("From the tip’s state"));
  for (guint i = 0; i < self->choices->len; i++)
    gtk_string_list_append (names, tl_protocol_get_name (g_ptr_array_index (self->choices, i), lang));

  g_signal_handlers_block_matched (self->protocol_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->protocol_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->protocol_dropdown, 0);
  g_signal_handlers_unblock_matched (self->protocol_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  problems = tl_protocol_set_get_problems (self->protocols);
  if (problems != NULL && problems->len > 0)
    {
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u problem in your protocol files",
                                            "%u problems in your protocol files",
                                            problems->len),
                               problems->len);
      g_ptr_array_add (problems, NULL);
      text = g_strjoinv ("\n", (char **) problems->pdata);
      g_ptr_array_remove_index (problems, problems->len - 1);
      gtk_label_set_text (self->problems_title, title);
      gtk_label_set_text (self->problems_label, text);
    }
  gtk_widget_set_visible (self->problems_expander, problems != NULL && problems->len > 0);
}

/* The protocol for the tip, and a sentence saying where the choice came from. */
static TlProtocol *
pick_protocol (TlRoutingPanel  *self,
               char           **origin)
{
  guint selected = gtk_drop_down_get_selected (self->protocol_dropdown);
  const char *state = self->tip != NULL ? self->tip->location.state : NULL;
  g_autofree char *default_id = NULL;
  TlProtocol *protocol;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->choices->len)
    {
      *origin = g_strdup (_("Chosen by you for this tip."));
      return g_ptr_array_index (self->choices, selected - 1);
    }

  protocol = tl_protocol_set_for_state (self->protocols, state);
  if (protocol != NULL)
    {
      /* Translators: %s is the two-letter state of the tip, e.g. "NM" */
      *origin = g_strdup_printf (_("From the tip’s state, %s."), state);
      return protocol;
    }

  default_id = g_settings_get_string (self->settings, "default-protocol");
  protocol = tl_protocol_set_lookup (self->protocols, default_id);
  if (protocol != NULL)
    {
      if (state != NULL)
        /* Translators: %s is the two-letter state of the tip, e.g. "TX" */
        *origin = g_strdup_printf (_("No protocol is loaded for %s: this is the default protocol from Preferences."), state);
      else
        *origin = g_strdup (_("The tip has no state yet: this is the default protocol from Preferences."));
      return protocol;
    }

  *origin = g_strdup (_("No protocol fits the tip: this is the national protocol."));
  return tl_protocol_set_get_national (self->protocols);
}

static void
show_origin (TlRoutingPanel *self,
             TlProtocol     *protocol,
             const char     *origin)
{
  TlProtocolOrigin kind = tl_protocol_get_origin (protocol);
  const char *source = _(tl_enum_label (tl_protocol_origin_values, kind));
  g_autofree char *text = NULL;

  if (kind != TL_PROTOCOL_ORIGIN_BUNDLED && tl_protocol_get_origin_path (protocol) != NULL)
    /* Translators: where the protocol was chosen from; its version; where its file is */
    text = g_strdup_printf (_("%s Version %s, %s: %s"), origin, tl_protocol_get_version (protocol),
                            source, tl_protocol_get_origin_path (protocol));
  else
    /* Translators: where the protocol was chosen from; its version; "Bundled with Tipline" */
    text = g_strdup_printf (_("%s Version %s, %s."), origin, tl_protocol_get_version (protocol), source);
  gtk_label_set_text (self->origin_label, text);
}

static gboolean
step_logged (TlRoutingPanel   *self,
             const TlPlanStep *step)
{
  for (guint i = 0; i < self->tip->referrals->len; i++)
    {
      const TlReferral *referral = g_ptr_array_index (self->tip->referrals, i);

      if (g_strcmp0 (referral->step, step->text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether the log has a call that reached the emergency number of a step of the plan:
 * then the red banner has done its work. */
static gboolean
emergency_reached (TlRoutingPanel *self)
{
  for (guint i = 0; i < self->tip->referrals->len; i++)
    {
      const TlReferral *referral = g_ptr_array_index (self->tip->referrals, i);

      if (referral->outcome != TL_OUTCOME_REACHED || referral->contact_id == NULL)
        continue;
      for (guint j = 0; j < self->plan->steps->len; j++)
        {
          const TlPlanStep *step = g_ptr_array_index (self->plan->steps, j);

          for (guint k = 0; k < step->contacts->len; k++)
            {
              const TlPlanContact *contact = g_ptr_array_index (step->contacts, k);

              if (contact->contact->kind == TL_CONTACT_KIND_EMERGENCY &&
                  g_strcmp0 (contact->contact->id, referral->contact_id) == 0)
                return TRUE;
            }
        }
    }
  return FALSE;
}

static void
focus_field (TlRoutingPanel *self,
             const char     *path)
{
  if (self->editor == NULL || path == NULL)
    return;
  /* a window showing one pane at a time must show the editor first */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-editor", NULL);
  if (!tl_tip_editor_focus_field (self->editor, path))
    g_debug ("No field in the editor for %s", path);
}

static void
question_clicked_cb (TlRoutingPanel *self,
                     GtkButton      *button)
{
  focus_field (self, g_object_get_data (G_OBJECT (button), "tl-field"));
}

static void
step_focus_field_cb (TlRoutingPanel *self,
                     const char     *path)
{
  focus_field (self, path);
}

static void
referral_response_cb (TlRoutingPanel   *self,
                      const char       *response,
                      TlReferralDialog *dialog)
{
  g_autoptr(TlReferral) referral = NULL;

  if (!g_str_equal (response, "log") || self->tip == NULL)
    return;

  /* The window adds it to the tip and saves; the plan then shows the step as called. */
  referral = tl_referral_dialog_build_referral (dialog);
  g_signal_emit (self, signals[REFERRAL_LOGGED], 0, referral);
  route_now (self);
}

static void
step_log_call_cb (TlRoutingPanel *self,
                  TlPlanStepRow  *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = tl_referral_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   tl_plan_step_row_get_step (row),
                                   self->plan->lang);
  g_signal_connect_object (dialog, "response", G_CALLBACK (referral_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_consent (TlRoutingPanel *self)
{
  const TlPlan *plan = self->plan;
  g_autoptr(GString) text = g_string_new (plan->consent.summary);
  gboolean blocked = plan->consent.release_required && !plan->consent.release_signed;

  if (plan->consent.release_required && plan->consent.unsigned_victims->len > 0)
    {
      g_string_append_c (text, '\n');
      for (guint i = 0; i < plan->consent.unsigned_victims->len; i++)
        {
          if (i > 0)
            g_string_append (text, ", ");
          /* Translators: e.g. "Victim 1 has not signed a release." */
          g_string_append_printf (text, _("Victim %u has not signed a release."),
                                  g_array_index (plan->consent.unsigned_victims, guint, i) + 1);
        }
    }
  gtk_label_set_text (self->consent_label, text->str);
  gtk_image_set_from_icon_name (self->consent_icon, blocked ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->consent_icon), blocked ? "success" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->consent_icon), blocked ? "warning" : "success");
}

/* The plan's widgets in three parts, one a frame: laying out the steps, the questions
 * and the rest in one frame stalled the window 140 ms after a tip was opened (issue 16),
 * each part alone about a third of that. */
static void
show_plan_steps (TlRoutingPanel *self)
{
  const TlPlan *plan = self->plan;
  gboolean mnemonic_given = FALSE;

  gtk_widget_set_visible (self->danger_banner, plan->danger && !emergency_reached (self));
  {
    /* The plan says which time zone its ages and hours were judged in. */
    g_autofree char *zone = g_strdup_printf (_("Ages, business hours and opening hours are judged in the time zone %s."),
                                             plan->timezone);
    g_autofree char *notice = plan->notice != NULL ? g_strdup_printf ("%s\n%s", plan->notice, zone) : g_strdup (zone);

    gtk_label_set_text (self->notice_label, notice);
    gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
  }

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *step = g_ptr_array_index (plan->steps, i);
      gboolean logged = step_logged (self, step);
      GtkWidget *row = tl_plan_step_row_new (step, plan->lang, plan->danger, logged);

      /* Alt+L logs the call of the first step not logged yet */
      if (!logged && !mnemonic_given)
        {
          tl_plan_step_row_set_log_mnemonic (TL_PLAN_STEP_ROW (row), TRUE);
          mnemonic_given = TRUE;
        }

      g_signal_connect_object (row, "log-call", G_CALLBACK (step_log_call_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "focus-field", G_CALLBACK (step_focus_field_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->steps_box, row);
    }
  gtk_widget_set_visible (self->no_steps_label, plan->steps->len == 0);
}

static void
show_plan_questions (TlRoutingPanel *self)
{
  const TlPlan *plan = self->plan;

  show_consent (self);

  for (guint i = 0; i < plan->questions->len; i++)
    {
      const TlPlanQuestion *question = g_ptr_array_index (plan->questions, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *label = tl_wrapped_label_new (question->message);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (content), icon);
      gtk_box_append (GTK_BOX (content), label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "tl-missing");
      gtk_widget_set_tooltip_text (button, _("Go to this field in the tip"));
      g_object_set_data_full (G_OBJECT (button), "tl-field", g_strdup (question->field), g_free);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (question_clicked_cb), self);
      gtk_box_append (self->questions_box, button);
    }
  gtk_widget_set_visible (self->questions_group, plan->questions->len > 0);
}

static void
show_plan_rest (TlRoutingPanel *self)
{
  const TlPlan *plan = self->plan;

  tl_call_log_set_referrals (self->call_log, self->tip->referrals);
  _tl_routing_panel_update_proposals (self);

  for (guint i = 0; i < plan->notes->len; i++)
    {
      GtkWidget *label = tl_wrapped_label_new (g_ptr_array_index (plan->notes, i));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->notes_box, label);
    }
  gtk_widget_set_visible (self->notes_group, plan->notes->len > 0);
}

typedef void (*PlanPart) (TlRoutingPanel *self);

static const PlanPart plan_parts[] = { show_plan_steps, show_plan_questions, show_plan_rest };

/* The number of the frame the panel is drawn in now, or drew last. */
static gint64
current_frame (TlRoutingPanel *self)
{
  return gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
}

/* Whether a tick runs in a frame after @frame. The route and the plan's parts both wait
 * so: a tick callback runs before its frame's layout, and one added by another runs in
 * that same frame. */
static gboolean
tick_is_after (GdkFrameClock *clock,
               gint64         frame)
{
  return gdk_frame_clock_get_frame_counter (clock) > frame;
}

static void
cancel_plan_tick (TlRoutingPanel *self)
{
  if (self->plan_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->plan_tick);
  self->plan_tick = 0;
}

/* The parts of the plan not built yet, now. */
static void
finish_plan (TlRoutingPanel *self)
{
  cancel_plan_tick (self);
  while (self->plan != NULL && self->plan_parts_shown < G_N_ELEMENTS (plan_parts))
    plan_parts[self->plan_parts_shown++] (self);
}

static gboolean
plan_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  TlRoutingPanel *self = TL_ROUTING_PANEL (widget);

  if (!tick_is_after (clock, self->plan_frame))
    return G_SOURCE_CONTINUE;
  self->plan_frame = gdk_frame_clock_get_frame_counter (clock);
  plan_parts[self->plan_parts_shown++] (self);
  if (self->plan_parts_shown < G_N_ELEMENTS (plan_parts))
    return G_SOURCE_CONTINUE;
  self->plan_tick = 0;
  return G_SOURCE_REMOVE;
}

/* For another tip opened (staged): the first part now, the others one a frame. Else,
 * or when the panel is not on screen (where no frame would come), all now. */
static void
show_plan (TlRoutingPanel *self,
           gboolean        staged)
{
  self->plan_parts_shown = 0;
  plan_parts[self->plan_parts_shown++] (self);
  if (staged && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->plan_frame = current_frame (self);
      self->plan_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), plan_tick_cb, NULL, NULL);
    }
  else
    finish_plan (self);
}

/* Drops the plan and every widget built from it; the cards go first, as they point
 * into the plan. */
static void
clear_plan (TlRoutingPanel *self)
{
  cancel_plan_tick (self);
  self->plan_parts_shown = 0;
  remove_children (self->steps_box);
  remove_children (self->questions_box);
  tl_call_log_set_referrals (self->call_log, NULL);
  _tl_routing_panel_clear_proposals (self);
  remove_children (self->notes_box);
  gtk_label_set_text (self->notice_label, "");
  gtk_label_set_text (self->consent_label, "");
  gtk_label_set_text (self->origin_label, "");
  gtk_widget_set_visible (self->danger_banner, FALSE);
  g_clear_pointer (&self->plan, tl_plan_free);
  g_clear_pointer (&self->shown, g_free);
}

/* Everything the plan's widgets show: the plan but the time it was made, the protocol
 * it came from, and the tip's call log (which steps are logged, whether the emergency
 * number was reached). */
static char *
describe_route (TlRoutingPanel *self,
                const TlPlan   *plan,
                TlProtocol     *protocol,
                const char     *origin)
{
  g_autoptr(GRegex) at = g_regex_new ("\"at\": *\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *json = tl_plan_to_json (plan);
  g_autofree char *plan_text = g_regex_replace_literal (at, json, -1, 0, "", G_REGEX_MATCH_DEFAULT, NULL);
  GString *text = g_string_new (plan_text);

  g_string_append_printf (text, "\x1e%p\x1f%s\x1f%p\x1e", (gpointer) protocol, or_empty (origin), (gpointer) self->tip);
  for (guint i = 0; i < self->tip->referrals->len; i++)
    {
      const TlReferral *referral = g_ptr_array_index (self->tip->referrals, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%u\x1e",
                              referral->at != NULL ? g_date_time_to_unix (referral->at) : 0,
                              or_empty (referral->contact_id), or_empty (referral->contact_name),
                              or_empty (referral->step), referral->outcome, or_empty (referral->note),
                              or_empty (referral->advocate),
                              referral->moves != NULL ? referral->moves->len : 0);
    }
  return g_string_free (text, FALSE);
}

static void
route_now_staged (TlRoutingPanel *self,
                  gboolean        staged)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(TlPlan) plan = NULL;
  TlProtocol *protocol;
  const char *lang = tl_protocol_default_language ();

  g_clear_handle_id (&self->route_source, g_source_remove);
  cancel_route_tick (self);

  ensure_protocols (self);
  protocol = pick_protocol (self, &origin);

  /* Without a tip the matrix still shows, for the chosen or the default protocol: a
   * task force reviews its gaps there. */
  tl_matrix_view_set_protocol (self->matrix_view, protocol, lang);

  if (self->tip == NULL || protocol == NULL)
    {
      clear_plan (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "empty");
      return;
    }

  now = g_date_time_new_now_local ();
  plan = tl_router_route (protocol, self->tip, now, lang);

  /* The same plan as shown (most pauses in typing, the minute's refresh): building its
   * widgets again and laying them out stalled the window for up to 400 ms (issue 16).
   * The plan kept is the one the widgets point into, with the new routing time. */
  shown = describe_route (self, plan, protocol, origin);
  if (self->plan != NULL && g_strcmp0 (shown, self->shown) == 0)
    {
      GDateTime *routed = self->plan->at;

      self->plan->at = plan->at;
      plan->at = routed;
      finish_plan (self);
      _tl_routing_panel_update_proposals (self);
      return;
    }

  clear_plan (self);
  self->plan = g_steal_pointer (&plan);
  self->shown = g_steal_pointer (&shown);
  show_origin (self, protocol, origin);
  show_plan (self, staged);
  gtk_stack_set_visible_child_name (self->plan_stack, "plan");
}

static void
route_now (TlRoutingPanel *self)
{
  route_now_staged (self, FALSE);
}

/* callbacks */

static gboolean
route_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TlRoutingPanel *self = TL_ROUTING_PANEL (widget);

  /* Not in the frame that lays out the editor's new tip: the plan's widgets wait for
   * the next one. */
  if (!tick_is_after (clock, self->route_after))
    return G_SOURCE_CONTINUE;
  self->route_tick = 0;
  route_now_staged (self, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
route_timeout_cb (gpointer user_data)
{
  TlRoutingPanel *self = user_data;

  self->route_source = 0;
  route_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
refresh_cb (gpointer user_data)
{
  TlRoutingPanel *self = user_data;

  if (self->tip != NULL && self->route_source == 0)
    route_now (self);
  return G_SOURCE_CONTINUE;
}

static void
editor_changed_cb (TlRoutingPanel *self)
{
  if (self->tip == NULL)
    return;
  g_clear_handle_id (&self->route_source, g_source_remove);
  self->route_source = g_timeout_add (TL_ROUTING_DELAY_MS, route_timeout_cb, self);
}

static void
protocol_selected_cb (TlRoutingPanel *self)
{
  route_now (self);
}

static void
copy_911_clicked_cb (TlRoutingPanel *self,
                     GtkButton      *button)
{
  tl_copy_number (GTK_WIDGET (button), "911");
}

/* A referral moved on in the call log: the window applies it. */
static void
referral_moved_cb (TlRoutingPanel *self,
                   guint           index,
                   int             stage,
                   const char     *reason)
{
  g_signal_emit (self, signals[REFERRAL_MOVED], 0, index, stage, reason);
}

/* overrides */

static void
tl_routing_panel_dispose (GObject *object)
{
  TlRoutingPanel *self = TL_ROUTING_PANEL (object);

  g_clear_handle_id (&self->route_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  cancel_route_tick (self);
  clear_plan (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_ROUTING_PANEL);

  g_clear_weak_pointer (&self->editor);
  g_clear_pointer (&self->tip, tl_tip_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->protocols = NULL;
  self->settings = NULL;
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_routing_panel_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_routing_panel_class_init (TlRoutingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_routing_panel_dispose;

  /**
   * TlRoutingPanel::referral-logged:
   * @referral: (type gpointer): the call as the advocate logged it (a TlReferral, the
   *   panel's: copy it to keep it), without the advocate's name
   *
   * A call was logged for the tip on show. The panel leaves the tip as it is: the
   * window adds the call with tl_tip_add_referral() and saves.
   */
  signals[REFERRAL_LOGGED] = g_signal_new ("referral-logged",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * TlRoutingPanel::referral-moved:
   * @index: the referral's position in the tip's referrals
   * @stage: the TlReferralStage it moves to
   * @reason: (nullable): why it was declined, or how it ended
   *
   * The advocate moved a logged referral on in the call log; the window moves it with
   * tl_tip_move_referral() and saves.
   */
  signals[REFERRAL_MOVED] = g_signal_new ("referral-moved",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT, G_TYPE_STRING);

  g_type_ensure (TL_TYPE_CALL_LOG);
  g_type_ensure (TL_TYPE_MATRIX_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-routing-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, back_button);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, box);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, protocol_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, origin_label);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, problems_expander);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, problems_title);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, plan_stack);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, danger_banner);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, plan_scroll);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, notice_label);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, steps_box);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, no_steps_label);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, consent_icon);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, consent_label);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, questions_group);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, questions_box);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, call_log);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, proposals_group);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, proposals_list);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, notes_group);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, notes_box);
  gtk_widget_class_bind_template_child (widget_class, TlRoutingPanel, matrix_view);
  gtk_widget_class_bind_template_callback (widget_class, protocol_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_911_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "routingpanel");
}

static void
tl_routing_panel_init (TlRoutingPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tl_dropdown_focus_selected (GTK_WIDGET (self->protocol_dropdown));

  /* Room for a contact's name beside its copy button; the editor takes the rest. */
  gtk_widget_set_size_request (GTK_WIDGET (self), 380, -1);

  g_signal_connect_object (self->call_log, "referral-moved", G_CALLBACK (referral_moved_cb), self,
                           G_CONNECT_SWAPPED);
}

/* public API */

/**
 * tl_routing_panel_new:
 * @context: the protocols to route with (read once per run, never on a keystroke) and
 *   the settings that name the default protocol
 */
GtkWidget *
tl_routing_panel_new (TlContext *context)
{
  TlRoutingPanel *self;

  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);

  self = g_object_new (TL_TYPE_ROUTING_PANEL, NULL);
  self->context = g_object_ref (context);
  self->protocols = tl_context_get_protocols (context);
  self->settings = tl_context_get_settings (context);
  route_now (self);
  return GTK_WIDGET (self);
}

/**
 * tl_routing_panel_set_editor:
 * @editor: the editor whose edits re-route the plan, and whose fields the checklist
 *   items lead to
 */
void
tl_routing_panel_set_editor (TlRoutingPanel *self,
                             TlTipEditor    *editor)
{
  g_return_if_fail (TL_IS_ROUTING_PANEL (self));
  g_return_if_fail (editor == NULL || TL_IS_TIP_EDITOR (editor));

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_func (self->editor, editor_changed_cb, self);
  g_set_weak_pointer (&self->editor, editor);
  if (editor != NULL)
    g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * tl_routing_panel_set_tip:
 * @tip: (nullable): the tip in the editor
 *
 * Routes @tip; each tip starts routed by its own state. Another tip than the one shown
 * is routed at the next frame, once the editor shows it: its plan is built and laid
 * out in a frame of its own, not in the open's (issue 16). Until then the panel shows
 * no plan, never the last tip's; tl_routing_panel_get_plan() routes at once.
 */
void
tl_routing_panel_set_tip (TlRoutingPanel *self,
                          TlTip          *tip)
{
  gboolean other;

  g_return_if_fail (TL_IS_ROUTING_PANEL (self));

  if (tip != NULL)
    tl_tip_ref (tip);
  other = self->tip == NULL || tip == NULL || g_strcmp0 (self->tip->id, tip->id) != 0;
  g_clear_pointer (&self->tip, tl_tip_unref);
  self->tip = tip;

  g_signal_handlers_block_by_func (self->protocol_dropdown, protocol_selected_cb, self);
  gtk_drop_down_set_selected (self->protocol_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->protocol_dropdown, protocol_selected_cb, self);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (tip != NULL)
    self->refresh_source = g_timeout_add_seconds (REFRESH_S, refresh_cb, self);
  if (other && tip != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->route_source, g_source_remove);
      clear_plan (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "empty");
      if (self->route_tick == 0)
        {
          self->route_after = current_frame (self) + 1;
          self->route_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), route_tick_cb, NULL, NULL);
        }
    }
  else
    route_now (self);

  /* Another tip: its banner and first step show, not where the last one was scrolled. */
  if (other)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->plan_scroll), 0);
}

/**
 * tl_routing_panel_clear:
 *
 * Forgets the tip and its plan and empties every label that showed them: what the
 * window calls when it locks.
 */
void
tl_routing_panel_clear (TlRoutingPanel *self)
{
  g_return_if_fail (TL_IS_ROUTING_PANEL (self));

  tl_routing_panel_set_tip (self, NULL);
  gtk_stack_set_visible_child_name (self->view_stack, "plan");
}

/* The plan on show, or %NULL. */
const TlPlan *
tl_routing_panel_get_plan (TlRoutingPanel *self)
{
  g_return_val_if_fail (TL_IS_ROUTING_PANEL (self), NULL);

  if (self->route_tick != 0)
    route_now (self);
  finish_plan (self);
  return self->plan;
}

/* When the window shows one pane at a time the panel needs its own way back to the tip. */
void
tl_routing_panel_set_folded (TlRoutingPanel *self,
                             gboolean        folded)
{
  g_return_if_fail (TL_IS_ROUTING_PANEL (self));

  gtk_widget_set_visible (self->back_button, folded);
}
