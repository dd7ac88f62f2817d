/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-i18n.h"
#include "tl-matrix-view.h"
#include "tl-plan-step-row.h"
#include "tl-referral-dialog.h"
#include "tl-routing-panel.h"
#include "tl-follow-up.h"
#include "tl-stats.h"
#include "tl-test-display.h"
#include "tl-tip-editor.h"

/* The routing panel in the real window: a tip typed into the editor is routed at once,
 * missing items lead back to their fields, a logged call reaches the tip and the store,
 * and the protocol chooser and the matrix follow the chosen protocol. */

#define NOTE "Spoke to dispatcher 4471"

typedef struct
{
  char *dir;
  TlStore *store;
  TlWindow *window;
  TlTipEditor *editor;
  TlRoutingPanel *panel;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *language = data;

  if (language != NULL)
    {
      tl_i18n_init ();
      tl_i18n_set_language (language);
    }

  fixture->dir = tl_test_make_store_dir ();
  fixture->store = tl_test_create_store (fixture->dir);
  fixture->window = tl_test_window_new (fixture->store);
  tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);
  fixture->panel = TL_ROUTING_PANEL (tl_window_get_side_pane (fixture->window));
  g_assert_true (TL_IS_ROUTING_PANEL (fixture->panel));
}

static gboolean
editor_shown_cb (gpointer data)
{
  return tl_test_find (data, TL_TYPE_TIP_EDITOR, 0) != NULL;
}

/* The editor is on screen only once a tip is open. */
static void
new_tip (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  g_assert_true (tl_test_wait (editor_shown_cb, fixture->window, 10000));
  tl_test_iterate (100);
  fixture->editor = TL_TIP_EDITOR (tl_test_find (GTK_WIDGET (fixture->window), TL_TYPE_TIP_EDITOR, 0));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tl_test_window_destroy (fixture->window);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dir, g_free);
}

/* The widget holding @path once the editor has focused it, or its nearest @type. */
static GtkWidget *
field_widget (Fixture    *fixture,
              const char *path,
              GType       type)
{
  GtkWidget *focus;

  g_assert_true (tl_tip_editor_focus_field (fixture->editor, path));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  if (!g_type_is_a (G_OBJECT_TYPE (focus), type))
    focus = gtk_widget_get_ancestor (focus, type);
  g_assert_nonnull (focus);
  return focus;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  tl_test_iterate (50);
}

/* An NM minor in danger, typed in as an advocate would during the call. */
static void
fill_nm_minor (Fixture *fixture)
{
  GtkWidget *danger;

  new_tip (fixture);

  danger = field_widget (fixture, "danger", GTK_TYPE_TOGGLE_BUTTON);
  /* "Yes" is the first of the three danger buttons. */
  click (gtk_widget_get_first_child (gtk_widget_get_parent (danger)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (field_widget (fixture, "type", ADW_TYPE_COMBO_ROW)),
                              TL_TRAFFICKING_SEX);
  gtk_editable_set_text (GTK_EDITABLE (field_widget (fixture, "location/state", ADW_TYPE_ENTRY_ROW)), "NM");
  gtk_editable_set_text (GTK_EDITABLE (field_widget (fixture, "location/city", ADW_TYPE_ENTRY_ROW)),
                         "Albuquerque");
  /* With no victim yet, the victims' field is the "Add Victim" button. */
  click (field_widget (fixture, "victims", GTK_TYPE_BUTTON));
  gtk_editable_set_text (GTK_EDITABLE (field_widget (fixture, "victims/0/age", ADW_TYPE_ENTRY_ROW)), "15");

  /* Routed a moment after the last edit. */
  tl_test_iterate (TL_ROUTING_DELAY_MS + 300);
}

static gboolean
plan_has_phone (const TlPlan *plan,
                const char   *display)
{
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *step = g_ptr_array_index (plan->steps, i);

      for (guint k = 0; k < step->contacts->len; k++)
        {
          const TlPlanContact *pc = g_ptr_array_index (step->contacts, k);

          for (guint p = 0; p < pc->contact->phones->len; p++)
            if (g_str_equal (((TlContactPhone *) g_ptr_array_index (pc->contact->phones, p))->display, display))
              return TRUE;
        }
    }
  return FALSE;
}

/* A label on screen that contains @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = tl_test_find (root, GTK_TYPE_LABEL, i);

      if (label == NULL)
        return FALSE;
      if (gtk_widget_is_visible (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
        return TRUE;
    }
}

static GtkWidget *
find_missing_item (GtkWidget  *row,
                   const char *field)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *button = tl_test_find (row, GTK_TYPE_BUTTON, i);

      if (button == NULL)
        return NULL;
      if (gtk_widget_has_css_class (button, "tl-missing") &&
          g_strcmp0 (g_object_get_data (G_OBJECT (button), "tl-field"), field) == 0)
        return button;
    }
}

static TlReferralDialog *
find_referral_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TL_IS_REFERRAL_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TL_REFERRAL_DIALOG (window);
    }
  return NULL;
}

static void
choose_protocol (Fixture    *fixture,
                 const char *name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (tl_test_find (GTK_WIDGET (fixture->panel), GTK_TYPE_DROP_DOWN, 0));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      {
        gtk_drop_down_set_selected (dropdown, i);
        tl_test_iterate (100);
        return;
      }
  g_assert_not_reached ();
}

/* The first widget of a type, shown or not (tl_test_find() finds mapped ones only). */
static GtkWidget *
find_hidden (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_hidden (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_view (Fixture    *fixture,
           const char *name)
{
  GtkWidget *switcher = tl_test_find (GTK_WIDGET (fixture->panel), GTK_TYPE_STACK_SWITCHER, 0);

  g_assert_nonnull (switcher);
  gtk_stack_set_visible_child_name (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (switcher)), name);
  tl_test_iterate (100);
}

/* Labels that may break anywhere (word-char) keep a minimum width in characters: without
 * one, GTK finds their minimum width by laying them out one character a line, and the
 * plan's layout cost several times more (issue 16). Libadwaita's own widgets are theirs. */
static guint
check_wrapping_labels (GtkWidget *widget)
{
  guint checked = 0;

  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Adw"))
    return 0;
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_wrap_mode (GTK_LABEL (widget)) == PANGO_WRAP_WORD_CHAR)
    {
      g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (widget)), >, 0);
      checked++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    checked += check_wrapping_labels (child);
  return checked;
}

/* tests */

static void
test_nm_minor (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  const TlPlan *plan;
  const TlPlanStep *first;
  GtkWidget *row;
  GtkWidget *before;
  GtkWidget *focus;
  TlReferralDialog *dialog;
  TlReferral *referral;
  TlTip *tip;
  g_autoptr(TlTip) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* The application's protocols are there before any tip: the state's, then three. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (tl_test_find (panel, GTK_TYPE_DROP_DOWN, 0)))),
                    ==, 4);

  fill_nm_minor (fixture);
  tip = tl_tip_editor_get_tip (fixture->editor);
  g_assert_cmpint (tip->danger, ==, TL_DANGER_IMMEDIATE);
  g_assert_cmpstr (tip->location.state, ==, "NM");

  /* 911 first, in a banner and as step 1; child intake for the 15-year-old. */
  plan = tl_routing_panel_get_plan (fixture->panel);
  g_assert_nonnull (plan);
  g_assert_cmpstr (tl_protocol_get_id (plan->protocol), ==, "us-nm");
  g_assert_true (plan->danger);
  g_assert_true (shows_text (panel, "Call 911 now"));
  first = g_ptr_array_index (plan->steps, 0);
  g_assert_cmpstr (((TlPlanContact *) g_ptr_array_index (first->contacts, 0))->contact->id, ==, "emergency-911");
  g_assert_true (plan_has_phone (plan, "1-855-333-SAFE"));
  g_assert_true (shows_text (panel, "Statewide Central Intake"));
  g_assert_true (shows_text (panel, "1-855-333-SAFE (1-855-333-7233)"));
  g_assert_true (shows_text (panel, "From the tip’s state, NM."));
  g_assert_cmpuint (check_wrapping_labels (panel), >=, 10);
  /* The form from its top, as the advocate starts a call. */
  tl_tip_editor_focus_field (fixture->editor, "danger");
  tl_test_screenshot (GTK_WIDGET (fixture->window), "window-routing");

  /* A missing item of step 1 takes the focus to its field in the editor. */
  row = tl_test_find (panel, TL_TYPE_PLAN_STEP_ROW, 0);
  g_assert_nonnull (row);
  before = tl_test_find (panel, GTK_TYPE_DROP_DOWN, 0);
  gtk_widget_grab_focus (before);
  click (find_missing_item (row, "location/address"));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->editor)));
  g_assert_true (tl_tip_editor_focus_field (fixture->editor, "location/address"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus);

  /* "Why / Source" on demand: step 1's expander holds the protocol's sentence. */
  row = tl_test_find (panel, TL_TYPE_PLAN_STEP_ROW, 0);
  {
    GtkWidget *expander = tl_test_find (row, GTK_TYPE_EXPANDER, 0);

    g_assert_nonnull (expander);
    g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, "Why / Source");
    g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
    gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    tl_test_iterate (50);
    g_assert_true (shows_text (expander, "“Call 911”"));
    gtk_expander_set_expanded (GTK_EXPANDER (expander), FALSE);
    tl_test_iterate (50);
  }
  g_assert_true (shows_text (panel, "America/Denver"));

  /* Behind the plan the matrix is not built (issue 16: its cells were a third of opening
   * a tip); showing its page builds it. */
  {
    GtkWidget *grid = find_hidden (find_hidden (panel, TL_TYPE_MATRIX_VIEW), GTK_TYPE_GRID);

    g_assert_null (gtk_widget_get_first_child (grid));
    show_view (fixture, "matrix");
    g_assert_nonnull (gtk_widget_get_first_child (grid));
  }

  /* The matrix of the tip's protocol, with its gaps. */
  {
    GtkWidget *matrix = tl_test_find (panel, TL_TYPE_MATRIX_VIEW, 0);
    GtkWidget *gap = tl_matrix_view_get_cell (TL_MATRIX_VIEW (matrix), TL_SERVICE_MENTAL_HEALTH, TL_MATRIX_URGENT);
    GtkWidget *filled = tl_matrix_view_get_cell (TL_MATRIX_VIEW (matrix), TL_SERVICE_TIP_REPORTING, TL_MATRIX_MINORS);

    g_assert_true (gtk_widget_has_css_class (gap, "tl-matrix-gap"));
    g_assert_true (gtk_widget_has_css_class (filled, "tl-matrix-filled"));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (filled), "1-855-333-SAFE"));
  }
  tl_test_screenshot (GTK_WIDGET (fixture->window), "matrix");
  show_view (fixture, "plan");

  /* Log the 911 call through the dialog. */
  click (tl_test_find_button (row, "_Log Call…"));
  dialog = find_referral_dialog ();
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (tl_test_find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1)),
                              TL_OUTCOME_REACHED);
  gtk_editable_set_text (GTK_EDITABLE (tl_test_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0)), NOTE);
  tl_test_screenshot (GTK_WIDGET (dialog), "referral-dialog");
  click (tl_test_find_button (GTK_WIDGET (dialog), "_Log Call"));
  tl_test_iterate (300);
  g_assert_null (find_referral_dialog ());

  g_assert_cmpuint (tip->referrals->len, ==, 1);
  referral = g_ptr_array_index (tip->referrals, 0);
  g_assert_cmpstr (referral->contact_id, ==, "emergency-911");
  g_assert_cmpstr (referral->note, ==, NOTE);
  g_assert_cmpint (referral->outcome, ==, TL_OUTCOME_REACHED);
  g_assert_nonnull (referral->at);
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_REFERRED);
  g_assert_true (shows_text (panel, NOTE));
  {
    GtkScrolledWindow *scroll = GTK_SCROLLED_WINDOW (tl_test_find (panel, GTK_TYPE_SCROLLED_WINDOW, 0));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroll);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    tl_test_screenshot (GTK_WIDGET (fixture->window), "window-routing-calls");
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* Saved through the window: the store has it. */
  id = g_strdup (tip->id);
  stored = tl_store_load_tip (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->status, ==, TL_TIP_STATUS_REFERRED);
  g_assert_cmpuint (stored->referrals->len, ==, 1);
  g_assert_cmpstr (((TlReferral *) g_ptr_array_index (stored->referrals, 0))->note, ==, NOTE);

  /* The logged step shows its check mark. */
  row = tl_test_find (panel, TL_TYPE_PLAN_STEP_ROW, 0);
  g_assert_true (gtk_widget_is_visible (tl_test_find (row, GTK_TYPE_IMAGE, 0)) ||
                 shows_text (panel, NOTE));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (row), "tl-step-done"));


  /* Mississippi: child intake is MCI. */
  choose_protocol (fixture, "Mississippi Human Trafficking Task Force");
  plan = tl_routing_panel_get_plan (fixture->panel);
  g_assert_cmpstr (tl_protocol_get_id (plan->protocol), ==, "us-ms");
  g_assert_true (plan_has_phone (plan, "1-800-222-8000"));
  g_assert_true (shows_text (panel, "1-800-222-8000"));
  g_assert_true (shows_text (panel, "Chosen by you for this tip."));

  /* Back to the state's protocol. */
  choose_protocol (fixture, "From the tip’s state");
  plan = tl_routing_panel_get_plan (fixture->panel);
  g_assert_cmpstr (tl_protocol_get_id (plan->protocol), ==, "us-nm");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static gint64
stage_count (TlStore        *store,
             TlReferralStage stage)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TlStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  GDate day, from, to;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  tl_stats_calendar_year (&day, &from, &to);
  stats = tl_store_compute_stats (store, &from, &to, &error);
  g_assert_no_error (error);
  return ((TlStatsRow *) g_ptr_array_index (stats->tables[TL_STATS_REFERRAL_STAGES]->rows, stage))->count;
}

/* Issue 19: a logged call moves on in the call log (made → accepted → done with its
 * outcome); the panel shows where it stands, the store keeps it, and the statistics by
 * stage follow. */
static void
test_outcome (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  GtkWidget *row, *entry;
  AdwMessageDialog *dialog;
  TlReferral *referral;
  TlTip *tip;
  g_autoptr(TlTip) stored = NULL;
  g_autoptr(GError) error = NULL;

  fill_nm_minor (fixture);
  tip = tl_tip_editor_get_tip (fixture->editor);
  row = tl_test_find (panel, TL_TYPE_PLAN_STEP_ROW, 0);
  click (tl_test_find_button (row, "_Log Call…"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (tl_test_find (GTK_WIDGET (find_referral_dialog ()), ADW_TYPE_COMBO_ROW, 1)),
                              TL_OUTCOME_REACHED);
  click (tl_test_find_button (GTK_WIDGET (find_referral_dialog ()), "_Log Call"));
  tl_test_iterate (300);
  g_assert_cmpuint (tip->referrals->len, ==, 1);
  referral = g_ptr_array_index (tip->referrals, 0);
  g_assert_cmpint (tl_referral_get_stage (referral), ==, TL_REFERRAL_MADE);
  g_assert_true (shows_text (panel, "Stands at: Made"));
  g_assert_cmpint (stage_count (fixture->store, TL_REFERRAL_MADE), ==, 1);
  g_assert_cmpint (stage_count (fixture->store, TL_REFERRAL_ACCEPTED), ==, 0);
  /* done is not a next step from made: no button for it */
  g_assert_null (tl_test_find_button (panel, "Done"));

  /* a report to 911 was made: the written follow-up report is proposed (seed 002), and
   * "Add" takes it into the tip's follow-ups, after which it is no longer proposed */
  g_assert_true (shows_text (panel, "Send the written follow-up report to the anti-trafficking contacts about the report made to 911"));
  {
    g_autoptr(GPtrArray) follow_ups = NULL;
    GtkScrolledWindow *scroll = GTK_SCROLLED_WINDOW (tl_test_find (panel, GTK_TYPE_SCROLLED_WINDOW, 0));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroll);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    tl_test_iterate (100);
    tl_test_screenshot (GTK_WIDGET (fixture->window), "window-routing-proposals");
    click (tl_test_find_button (panel, "_Add"));
    tl_test_iterate (100);
    follow_ups = tl_store_list_follow_ups (fixture->store, tip->id, 0, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (follow_ups->len, ==, 1);
    g_assert_nonnull (strstr (((TlFollowUp *) g_ptr_array_index (follow_ups, 0))->what, "written follow-up report"));
    g_assert_false (shows_text (panel, "Send the written follow-up report"));
  }

  click (tl_test_find_button (panel, "Accepted"));
  tl_test_iterate (300);
  referral = g_ptr_array_index (tip->referrals, 0);
  g_assert_cmpint (tl_referral_get_stage (referral), ==, TL_REFERRAL_ACCEPTED);
  g_assert_true (shows_text (panel, "Stands at: Accepted"));
  g_assert_cmpint (stage_count (fixture->store, TL_REFERRAL_MADE), ==, 0);
  g_assert_cmpint (stage_count (fixture->store, TL_REFERRAL_ACCEPTED), ==, 1);

  /* done asks how it ended; the answer is kept */
  click (tl_test_find_button (panel, "Done"));
  tl_test_iterate (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Officer took the report");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "move"));
  tl_test_screenshot (GTK_WIDGET (dialog), "referral-outcome-dialog");
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tl_test_iterate (300);

  referral = g_ptr_array_index (tip->referrals, 0);
  g_assert_cmpint (tl_referral_get_stage (referral), ==, TL_REFERRAL_DONE);
  g_assert_true (shows_text (panel, "Stands at: Done"));
  g_assert_true (shows_text (panel, "Done: Officer took the report"));
  g_assert_null (tl_test_find_button (panel, "Accepted"));
  g_assert_cmpint (stage_count (fixture->store, TL_REFERRAL_DONE), ==, 1);
  {
    GtkScrolledWindow *scroll = GTK_SCROLLED_WINDOW (tl_test_find (panel, GTK_TYPE_SCROLLED_WINDOW, 0));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroll);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    tl_test_screenshot (GTK_WIDGET (fixture->window), "window-routing-outcome");
  }

  stored = tl_store_load_tip (fixture->store, tip->id, &error);
  g_assert_no_error (error);
  referral = g_ptr_array_index (stored->referrals, 0);
  g_assert_cmpuint (referral->moves->len, ==, 2);
  g_assert_cmpstr (((TlReferralMove *) g_ptr_array_index (referral->moves, 1))->reason, ==, "Officer took the report");
}

/* Each edit routes again, without a save. */
static void
test_live_update (Fixture       *fixture,
                  gconstpointer  data)
{
  const TlPlan *plan;

  new_tip (fixture);
  tl_test_iterate (200);
  plan = tl_routing_panel_get_plan (fixture->panel);
  g_assert_nonnull (plan);
  g_assert_false (plan->danger);
  g_assert_false (shows_text (GTK_WIDGET (fixture->panel), "Call 911 now"));

  gtk_editable_set_text (GTK_EDITABLE (field_widget (fixture, "location/state", ADW_TYPE_ENTRY_ROW)), "MS");
  tl_test_iterate (TL_ROUTING_DELAY_MS + 200);
  plan = tl_routing_panel_get_plan (fixture->panel);
  g_assert_cmpstr (tl_protocol_get_id (plan->protocol), ==, "us-ms");
}

static void
test_spanish (Fixture       *fixture,
              gconstpointer  data)
{
  fill_nm_minor (fixture);
  g_assert_nonnull (tl_routing_panel_get_plan (fixture->panel));
  g_assert_cmpstr (tl_routing_panel_get_plan (fixture->panel)->lang, ==, "es");
  tl_tip_editor_focus_field (fixture->editor, "danger");
  tl_test_screenshot (GTK_WIDGET (fixture->window), "window-routing-es");
}

static gboolean
folded_cb (gpointer data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (tl_test_find (data, ADW_TYPE_LEAFLET, 0));

  return leaflet != NULL && adw_leaflet_get_folded (leaflet);
}

/* A narrow window shows one pane at a time: the editor leads to the routing panel and
 * the panel back to the editor. */
static void
test_narrow_window (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkWidget *side_pane;

  fill_nm_minor (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 700);
  gtk_widget_queue_resize (GTK_WIDGET (fixture->window));
  g_assert_true (tl_test_wait (folded_cb, fixture->window, 5000));
  leaflet = ADW_LEAFLET (tl_test_find (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET, 0));
  side_pane = gtk_widget_get_parent (GTK_WIDGET (fixture->panel));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-routing", NULL));
  tl_test_iterate (300);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == side_pane);
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (fixture->panel), "Call 911 now"));
  tl_test_screenshot (GTK_WIDGET (fixture->window), "window-narrow-routing");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-editor", NULL));
  tl_test_iterate (300);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (fixture->editor),
                                         adw_leaflet_get_visible_child (leaflet)));
}

typedef struct
{
  GtkWidget *panel;
  gboolean steps_before_questions;  /* a frame drew the steps without the questions */
  gboolean first_frame_without_plan; /* the frame that lays out the opened tip had none */
  guint frames;
} PartsSeen;

/* A question of the plan: a button that goes to a field of the tip (not one of a
 * step's, which look the same). */
static gboolean
has_question (GtkWidget *root)
{
  if (TL_IS_PLAN_STEP_ROW (root))
    return FALSE;
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), "Go to this field in the tip") == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_question (child))
      return TRUE;
  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                PartsSeen     *seen)
{
  gboolean steps = tl_test_find (seen->panel, TL_TYPE_PLAN_STEP_ROW, 0) != NULL;
  gboolean questions = has_question (seen->panel);

  if (seen->frames == 0)
    seen->first_frame_without_plan = !steps;
  seen->frames++;
  seen->steps_before_questions |= steps && !questions;
}

/* Issue 16: another tip's plan waits past the frame that lays out the opened tip, then
 * is built a part a frame (the steps, then the questions, then the rest), so opening a
 * tip lays out a third of the plan in each frame; the
 * plan asked for (tl_routing_panel_get_plan) or routed for the tip on show is whole. */
static void
test_plan_a_part_a_frame (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TlTip) other = tl_tip_new ();
  PartsSeen seen = { .panel = GTK_WIDGET (fixture->panel) };
  GdkFrameClock *clock;
  gulong handler;

  new_tip (fixture);
  tl_test_iterate (300);
  g_assert_nonnull (tl_test_find (GTK_WIDGET (fixture->panel), TL_TYPE_PLAN_STEP_ROW, 0));
  g_assert_true (has_question (GTK_WIDGET (fixture->panel)));

  tl_set_str (&other->location.state, "NM");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->panel));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &seen);
  tl_routing_panel_set_tip (fixture->panel, other);
  tl_test_iterate (1000);
  g_signal_handler_disconnect (clock, handler);

  g_assert_cmpuint (seen.frames, >=, 3);
  g_assert_true (seen.first_frame_without_plan);
  g_assert_true (seen.steps_before_questions);
  g_assert_nonnull (tl_test_find (GTK_WIDGET (fixture->panel), TL_TYPE_PLAN_STEP_ROW, 0));
  g_assert_true (has_question (GTK_WIDGET (fixture->panel)));

  /* Asked for at once, the plan is whole at once. */
  {
    g_autoptr(TlTip) third = tl_tip_new ();

    tl_set_str (&third->location.state, "NM");
    tl_routing_panel_set_tip (fixture->panel, third);
    g_assert_nonnull (tl_routing_panel_get_plan (fixture->panel));
    g_assert_true (has_question (GTK_WIDGET (fixture->panel)));
  }
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

  g_test_add ("/routing/narrow-window", Fixture, NULL,
              fixture_set_up, test_narrow_window, fixture_tear_down);
  g_test_add ("/routing/plan-a-part-a-frame", Fixture, NULL,
              fixture_set_up, test_plan_a_part_a_frame, fixture_tear_down);
  g_test_add ("/routing/nm-minor", Fixture, NULL,
              fixture_set_up, test_nm_minor, fixture_tear_down);
  g_test_add ("/routing/outcome", Fixture, NULL,
              fixture_set_up, test_outcome, fixture_tear_down);
  g_test_add ("/routing/live-update", Fixture, NULL,
              fixture_set_up, test_live_update, fixture_tear_down);
  /* Last: it switches the whole process to Spanish. */
  g_test_add ("/routing/spanish", Fixture, "es",
              fixture_set_up, test_spanish, fixture_tear_down);

  return g_test_run ();
}
