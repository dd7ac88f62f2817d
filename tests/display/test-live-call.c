/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-live-call"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "tl-export-dialog.h"
#include "tl-i18n.h"
#include "tl-preferences-window.h"
#include "tl-recovery-code-dialog.h"
#include "tl-stats-window.h"
#include "tl-routing-panel.h"
#include "tl-test-display.h"
#include "tl-tip-editor.h"
#include "tl-tip-item.h"
#include "tl-growing-list-model.h"
#include "tl-tip-list-model.h"

/* Issue 17: the advocate on a live call. Focus lands where the advocate types, the
 * keyboard reaches every step, the emergency stays on screen, and no secret is shown. */

typedef struct
{
  char *dir;
  TlStore *store;
  TlWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = tl_test_make_store_dir ();
  fixture->store = tl_test_create_store (fixture->dir);
  fixture->window = tl_test_window_new (fixture->store);
  tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tl_test_window_destroy (fixture->window);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dir, g_free);
}

/* helpers */

static GtkWidget *
focus_of (TlWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Ctrl+L, as the advocate locks (the action when keys cannot be pressed). */
static void
lock_window (TlWindow *window)
{
  if (tl_test_can_press_keys ())
    tl_test_press_key (GTK_WINDOW (window), GDK_KEY_l, GDK_CONTROL_MASK);
  else
    g_action_group_activate_action (G_ACTION_GROUP (tl_test_application ()), "lock", NULL);
  tl_test_iterate (400);
  g_assert_false (tl_store_is_unlocked (tl_window_get_store (window)));
}


static gboolean
focus_inside (TlWindow  *window,
              GtkWidget *widget)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static TlTipEditor *
find_editor (TlWindow *window)
{
  GtkWidget *editor = tl_test_find (GTK_WIDGET (window), TL_TYPE_TIP_EDITOR, 0);

  g_assert_nonnull (editor);
  return TL_TIP_EDITOR (editor);
}

/* The mapped preferences row (entry, combo …) with this title. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = tl_test_find (root, type, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
}

/* Whether the widget lies entirely inside what the scrolled window shows. */
static gboolean
scrolled_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
press (TlWindow        *window,
       guint            keyval,
       GdkModifierType  modifiers)
{
  tl_test_press_key (GTK_WINDOW (window), keyval, modifiers);
}

/* A new tip with the facts of the call, set through the editor, and its plan. */
static TlTip *
open_minor_in_danger (TlWindow *window)
{
  TlTipEditor *editor;
  TlTip *tip;
  TlVictim *victim;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-tip", NULL));
  tl_test_iterate (100);
  editor = find_editor (window);
  tip = tl_tip_editor_get_tip (editor);
  tip->danger = TL_DANGER_IMMEDIATE;
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->location.city, "Las Cruces");
  victim = tl_victim_new ();
  tl_set_str (&victim->age, "16");
  g_ptr_array_add (tip->victims, victim);
  tl_tip_editor_set_tip (editor, tip);
  g_signal_emit_by_name (editor, "changed");
  tl_test_iterate (TL_ROUTING_DELAY_MS + 300);
  g_assert_nonnull (tl_routing_panel_get_plan (TL_ROUTING_PANEL (tl_window_get_side_pane (window))));
  return tip;
}

/* 1. The passphrase field after a lock */

static void
test_lock_focus_and_reveal (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *row, *reveal, *text, *focus;

  for (guint round = 0; round < 2; round++)
    {
      lock_window (fixture->window);
      row = tl_test_find (GTK_WIDGET (fixture->window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0);
      g_assert_nonnull (row);
      text = tl_test_find (row, GTK_TYPE_TEXT, 0);
      reveal = tl_test_find (row, GTK_TYPE_BUTTON, 0);   /* the row's "Show Text" */
      g_assert_nonnull (text);
      g_assert_nonnull (reveal);

      /* Typing goes into the field, and what is typed is hidden. */
      focus = focus_of (fixture->window);
      g_test_message ("round %u: focus on %s", round, focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
      g_assert_true (focus == text);
      g_assert_false (gtk_text_get_visibility (GTK_TEXT (text)));

      /* The advocate shows the passphrase once: the next lock hides it again. */
      g_signal_emit_by_name (reveal, "clicked");
      tl_test_iterate (50);
      g_assert_true (gtk_text_get_visibility (GTK_TEXT (text)));
      tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);
    }
}


/* 2. Focus and typing */

/* Ctrl+N puts the keyboard in the form; Add Victim opens the new victim at Age, on screen. */
static void
test_new_tip_and_victim_focus (Fixture       *fixture,
                               gconstpointer  data)
{
  TlTipEditor *editor;
  GtkWidget *age_row;
  TlTip *tip;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  press (fixture->window, GDK_KEY_n, GDK_CONTROL_MASK);
  editor = find_editor (fixture->window);
  tip = tl_tip_editor_get_tip (editor);
  g_assert_nonnull (tip);
  g_assert_true (focus_inside (fixture->window, GTK_WIDGET (editor)));

  press (fixture->window, GDK_KEY_v, GDK_ALT_MASK);
  tl_test_iterate (600);
  g_assert_cmpuint (tip->victims->len, ==, 1);
  age_row = find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Age in years");
  g_assert_nonnull (age_row);
  g_assert_true (focus_inside (fixture->window, age_row));
  g_assert_true (scrolled_into_view (age_row));

  tl_test_type_text (GTK_WINDOW (fixture->window), "16");
  g_assert_cmpstr (((TlVictim *) g_ptr_array_index (tip->victims, 0))->age, ==, "16");
  g_assert_null (((TlVictim *) g_ptr_array_index (tip->victims, 0))->name);
}

/* Tab from an entry into the text view below it lands in its text: what is typed stays. */
static void
test_tab_into_text_view (Fixture       *fixture,
                         gconstpointer  data)
{
  TlTipEditor *editor;
  GtkWidget *venue_row, *focus;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  editor = find_editor (fixture->window);
  venue_row = find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                        "Venue details (business name, kind of work)");
  g_assert_nonnull (venue_row);
  gtk_widget_grab_focus (venue_row);
  press (fixture->window, GDK_KEY_Tab, 0);
  focus = focus_of (fixture->window);
  g_assert_true (GTK_IS_TEXT_VIEW (focus));

  tl_test_type_text (GTK_WINDOW (fixture->window), "debt");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "debt");
}

/* A dropdown opens with the keyboard on the value it shows, so Enter keeps it. */
static void
test_dropdown_focus (Fixture       *fixture,
                     gconstpointer  data)
{
  TlTipEditor *editor;
  GtkWidget *venue_row, *popover;
  TlTip *tip;
  guint chosen;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  editor = find_editor (fixture->window);
  tip = tl_tip_editor_get_tip (editor);
  venue_row = find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Venue");
  g_assert_nonnull (venue_row);

  /* the advocate picks a venue with the keyboard: the list remembers that item … */
  gtk_widget_grab_focus (venue_row);
  press (fixture->window, GDK_KEY_space, 0);
  tl_test_iterate (300);
  popover = tl_test_find (venue_row, GTK_TYPE_POPOVER, 0);
  g_assert_nonnull (popover);
  press (fixture->window, GDK_KEY_Down, 0);
  press (fixture->window, GDK_KEY_Down, 0);
  press (fixture->window, GDK_KEY_Return, 0);
  tl_test_iterate (200);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (venue_row)), ==, 2);

  /* … then another value shows (another tip): opening the list starts on that one */
  chosen = 5;
  adw_combo_row_set_selected (ADW_COMBO_ROW (venue_row), chosen);
  tl_test_iterate (50);
  gtk_widget_grab_focus (venue_row);
  press (fixture->window, GDK_KEY_space, 0);
  tl_test_iterate (300);
  popover = tl_test_find (venue_row, GTK_TYPE_POPOVER, 0);
  g_assert_nonnull (popover);
  press (fixture->window, GDK_KEY_Return, 0);
  tl_test_iterate (200);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (venue_row)), ==, chosen);
  (void) tip;
}

/* Alt+L logs a call for the first step; Enter in the dialog logs it. */
static void
test_log_call_keys (Fixture       *fixture,
                    gconstpointer  data)
{
  TlTip *tip;
  GtkWindow *dialog;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  tip = open_minor_in_danger (fixture->window);
  press (fixture->window, GDK_KEY_l, GDK_ALT_MASK);
  tl_test_iterate (300);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);

  tl_test_press_key (dialog, GDK_KEY_Return, 0);
  tl_test_iterate (300);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (tip->referrals->len, ==, 1);
}

/* Enter in the search with one tip found opens that tip. */
static void
test_search_enter_opens (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_tip_new ();
  TlTip *open;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  tl_set_str (&tip->location.city, "Albuquerque");
  g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
  g_assert_no_error (error);
  tl_test_iterate (200);

  press (fixture->window, GDK_KEY_f, GDK_CONTROL_MASK);
  tl_test_type_text (GTK_WINDOW (fixture->window), "Albuquerque");
  tl_test_iterate (400);
  press (fixture->window, GDK_KEY_Return, 0);
  tl_test_iterate (200);
  open = tl_tip_editor_get_tip (find_editor (fixture->window));
  g_assert_nonnull (open);
  g_assert_cmpstr (open->id, ==, tip->id);
}

/* No two mnemonics alike among what is on screen at once. */
/* A row's title shows in two labels, for one mnemonic: the row owns it. */
static gpointer
mnemonic_owner (GtkWidget *label)
{
  GtkWidget *row = gtk_widget_get_ancestor (label, ADW_TYPE_PREFERENCES_ROW);

  return row != NULL ? (gpointer) row : (gpointer) label;
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   guint      *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      GtkWidget *other;

      if (keyval != GDK_KEY_VoidSymbol && keyval != 0)
        {
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));
          if (other == NULL)
            {
              g_test_message ("Alt+%s: “%s”", gdk_keyval_name (keyval), gtk_label_get_label (GTK_LABEL (widget)));
              g_hash_table_insert (seen, GUINT_TO_POINTER (keyval), widget);
            }
          else if (mnemonic_owner (other) != mnemonic_owner (widget))
            {
              g_test_message ("Alt+%s is both “%s” and “%s”", gdk_keyval_name (keyval),
                              gtk_label_get_label (GTK_LABEL (other)),
                              gtk_label_get_label (GTK_LABEL (widget)));
              (*clashes)++;
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes);
}

static guint
count_mnemonic_clashes (GtkWidget  *root,
                        const char *view)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint clashes = 0;

  collect_mnemonics (root, seen, &clashes);
  g_test_message ("%s: %u mnemonics, %u clashes", view, g_hash_table_size (seen), clashes);
  return clashes;
}

static void
test_mnemonics_unique (Fixture       *fixture,
                       gconstpointer  data)
{
  guint clashes = 0;
  GtkWidget *panel;

  clashes += count_mnemonic_clashes (GTK_WIDGET (fixture->window), "empty window");
  open_minor_in_danger (fixture->window);
  clashes += count_mnemonic_clashes (GTK_WIDGET (fixture->window), "tip with a plan");
  panel = tl_window_get_side_pane (fixture->window);
  gtk_stack_set_visible_child_name (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (tl_test_find (panel, GTK_TYPE_STACK_SWITCHER, 0))), "matrix");
  tl_test_iterate (200);
  clashes += count_mnemonic_clashes (GTK_WIDGET (fixture->window), "matrix");
  g_assert_cmpuint (clashes, ==, 0);
}

/* 3. The emergency stays visible */

static GtkWidget *
plan_scroll (TlWindow *window)
{
  GtkWidget *panel = tl_window_get_side_pane (window);
  GtkWidget *scrolled = tl_test_find (panel, GTK_TYPE_SCROLLED_WINDOW, 0);

  g_assert_nonnull (scrolled);
  return scrolled;
}

static void
test_plan_scrolls_to_top (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkAdjustment *adjustment;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1180, 600);
  tl_test_iterate (200);
  open_minor_in_danger (fixture->window);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (plan_scroll (fixture->window)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  tl_test_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* another tip (a new one here): its first step and the banner show from the top */
  open_minor_in_danger (fixture->window);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (plan_scroll (fixture->window)));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

static GtkWidget *
find_banner (TlWindow *window)
{
  GtkWidget *panel = tl_window_get_side_pane (window);

  for (guint i = 0;; i++)
    {
      GtkWidget *box = tl_test_find (panel, GTK_TYPE_BOX, i);

      if (box == NULL || gtk_widget_has_css_class (box, "tl-danger-banner"))
        return box;
    }
}

static void
test_banner_alert_and_reached (Fixture       *fixture,
                               gconstpointer  data)
{
  TlRoutingPanel *panel = TL_ROUTING_PANEL (tl_window_get_side_pane (fixture->window));
  TlTip *tip = open_minor_in_danger (fixture->window);
  const TlPlan *plan = tl_routing_panel_get_plan (panel);
  const TlPlanStep *first;
  const TlPlanContact *contact;
  TlReferral *referral;
  GtkWidget *banner;

  banner = find_banner (fixture->window);
  g_assert_nonnull (banner);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (banner)), ==, GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                 gtk_test_accessible_has_relation (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  /* 911 answered: the banner goes, the step shows as done */
  first = g_ptr_array_index (plan->steps, 0);
  contact = g_ptr_array_index (first->contacts, 0);
  g_assert_cmpstr (contact->contact->id, ==, "emergency-911");
  referral = tl_referral_new ();
  tl_set_str (&referral->contact_id, contact->contact->id);
  tl_set_str (&referral->step, first->text);
  referral->outcome = TL_OUTCOME_REACHED;
  g_ptr_array_add (tip->referrals, referral);
  tl_routing_panel_set_tip (panel, tip);
  tl_test_iterate (100);
  g_assert_null (find_banner (fixture->window));
}

/* 4. The full drive: the call, with the keyboard alone, in at most 8 actions */

static gboolean
step_has_contact (const TlPlanStep *step,
                  const char       *id)
{
  for (guint i = 0; i < step->contacts->len; i++)
    {
      const TlPlanContact *contact = g_ptr_array_index (step->contacts, i);

      if (g_strcmp0 (contact->contact->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_full_drive (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  TlRoutingPanel *panel;
  const TlPlan *plan;
  TlTip *tip;
  guint actions = 0;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  /* "16-year-old in immediate danger in Las Cruces, NM" */
  tl_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK), actions++;   /* new tip */
  tl_test_press_key (window, GDK_KEY_i, GDK_ALT_MASK), actions++;       /* Yes, immediate danger */
  tl_test_press_key (window, GDK_KEY_c, GDK_ALT_MASK), actions++;       /* City */
  tl_test_type_text (window, "Las Cruces"), actions++;
  tl_test_press_key (window, GDK_KEY_t, GDK_ALT_MASK), actions++;       /* State */
  tl_test_type_text (window, "NM"), actions++;
  tl_test_press_key (window, GDK_KEY_v, GDK_ALT_MASK), actions++;       /* Add Victim: at Age */
  tl_test_type_text (window, "16"), actions++;
  g_assert_cmpuint (actions, <=, 8);

  tl_test_iterate (TL_ROUTING_DELAY_MS + 400);
  tip = tl_tip_editor_get_tip (find_editor (fixture->window));
  g_assert_nonnull (tip);
  g_assert_cmpint (tip->danger, ==, TL_DANGER_IMMEDIATE);
  g_assert_cmpstr (tip->location.city, ==, "Las Cruces");
  g_assert_cmpstr (tip->location.state, ==, "NM");
  g_assert_cmpuint (tip->victims->len, ==, 1);
  g_assert_cmpstr (((TlVictim *) g_ptr_array_index (tip->victims, 0))->age, ==, "16");

  panel = TL_ROUTING_PANEL (tl_window_get_side_pane (fixture->window));
  plan = tl_routing_panel_get_plan (panel);
  g_assert_nonnull (plan);
  g_assert_true (plan->danger);
  g_assert_cmpuint (plan->steps->len, >=, 2);
  g_assert_true (step_has_contact (g_ptr_array_index (plan->steps, 0), "emergency-911"));
  g_assert_true (step_has_contact (g_ptr_array_index (plan->steps, 1), "cyfd-sci"));

  /* and both are on screen, the banner first */
  g_assert_nonnull (find_banner (fixture->window));
  g_assert_true (scrolled_into_view (find_banner (fixture->window)));
  tl_test_screenshot (GTK_WIDGET (fixture->window), "live-call-full-drive");
}

/* 5. Accessibility as a tested property: no interactive widget without a name */

static gboolean
is_interactive (GtkWidget *widget)
{
  switch (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
      return gtk_widget_get_focusable (widget);
    default:
      return FALSE;
    }
}

static gboolean
has_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child))
      return TRUE;
  return FALSE;
}

/* The accessible name as GTK 4.8 gives it to AT-SPI: the label property, else the
 * widgets it is labelled by. A button's own label or a row's title counts through the
 * labelled-by relation GTK sets; an icon alone names nothing. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* the check returns the actual value when it differs from the one given */
      g_autofree char *value = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "\001");

      if (value != NULL && value[0] != '\0')
        return TRUE;
    }

  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      if (ADW_IS_PREFERENCES_ROW (widget))
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))[0] != '\0';
      /* GTK points a button at its icon too: only a text names it */
      if (GTK_IS_BUTTON (widget))
        return has_label_text (widget);
      return TRUE;
    }
  return FALSE;
}

/* Parts of a composite widget that it names itself (the button inside a menu button). */
static gboolean
is_inner_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* the value a closed dropdown shows: the dropdown is what the keyboard reaches */
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL &&
      (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL ||
       gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL))
    return TRUE;

  return parent != NULL && (GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent) ||
                            GTK_IS_DROP_DOWN (parent) || GTK_IS_SEARCH_ENTRY (parent) ||
                            GTK_IS_SPIN_BUTTON (parent) || GTK_IS_PASSWORD_ENTRY (parent) ||
                            (GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (parent)));
}

static void
find_unnamed (GtkWidget  *widget,
              GString    *report,
              guint      *n_checked,
              guint      *n_unnamed)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (is_interactive (widget) && !is_inner_part (widget))
    {
      (*n_checked)++;
      if (!has_accessible_name (widget))
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);

          (*n_unnamed)++;
          g_string_append_printf (report, "  %s (%s)\n", G_OBJECT_TYPE_NAME (widget),
                                  tooltip != NULL ? tooltip : "no tooltip");
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_unnamed (child, report, n_checked, n_unnamed);
}

static guint
count_unnamed (GtkWidget  *root,
               const char *screen)
{
  g_autoptr(GString) report = g_string_new (NULL);
  guint n_checked = 0, n_unnamed = 0;

  find_unnamed (root, report, &n_checked, &n_unnamed);
  g_test_message ("%s: %u interactive widgets, %u without a name\n%s", screen, n_checked, n_unnamed, report->str);
  g_assert_cmpuint (n_checked, >, 0);
  return n_unnamed;
}

static void
test_accessible_names (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GError) error = NULL;
  TlWindow *window = tl_test_window_new (store);
  GtkWidget *panel, *preferences;
  GtkWindow *stats, *export;
  guint unnamed = 0;
  TlTip *tip;

  tl_test_iterate (300);
  unnamed += count_unnamed (GTK_WIDGET (window), "unlock");

  /* tips in the list: their rows need names too */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TlTip) saved = tl_tip_new ();

      g_assert_true (tl_store_unlock (store, TL_TEST_PASSPHRASE, &error));
      tl_set_str (&saved->location.city, "Albuquerque");
      g_assert_true (tl_store_save_tip (store, saved, &error));
      tl_store_lock (store);
    }
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  unnamed += count_unnamed (GTK_WIDGET (window), "empty window");

  tip = open_minor_in_danger (window);
  unnamed += count_unnamed (GTK_WIDGET (window), "tip with a plan");

  panel = tl_window_get_side_pane (window);
  gtk_stack_set_visible_child_name (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (tl_test_find (panel, GTK_TYPE_STACK_SWITCHER, 0))), "matrix");
  tl_test_iterate (200);
  unnamed += count_unnamed (GTK_WIDGET (window), "matrix");

  preferences = tl_preferences_window_new (tl_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  tl_test_iterate (300);
  unnamed += count_unnamed (preferences, "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  stats = GTK_WINDOW (tl_stats_window_new (GTK_WINDOW (window), store));
  gtk_window_present (stats);
  tl_test_iterate (500);
  unnamed += count_unnamed (GTK_WIDGET (stats), "statistics");
  gtk_window_destroy (stats);

  export = GTK_WINDOW (tl_export_dialog_new (GTK_WINDOW (window), tl_window_get_context (window), tip, TL_EXPORT_DIALOG_EXPORT));
  gtk_window_present (export);
  tl_test_iterate (400);
  unnamed += count_unnamed (GTK_WIDGET (export), "export dialog");
  gtk_window_destroy (export);

  /* the list's selection mode, a tip marked, and the dialog that seals several */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(TlTipItem) item = NULL;
    GtkWidget *tips = NULL;

    for (guint i = 0; tips == NULL; i++)
      {
        GtkWidget *list_view = tl_test_find (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, i);
        GtkSelectionModel *model;

        g_assert_nonnull (list_view);
        model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
        if (GTK_IS_SINGLE_SELECTION (model) &&
            TL_IS_GROWING_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))))
          tips = list_view;
      }
    item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (tips))), 0);
    g_ptr_array_add (ids, g_strdup (tl_tip_item_get_id (item)));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-tips", NULL));
    g_signal_emit_by_name (tips, "activate", 0);
    tl_test_iterate (300);
    unnamed += count_unnamed (GTK_WIDGET (window), "selection mode");
    export = GTK_WINDOW (tl_export_dialog_new_for_tips (GTK_WINDOW (window), tl_window_get_context (window), ids, &error));
    g_assert_no_error (error);
    gtk_window_present (export);
    tl_test_iterate (400);
    unnamed += count_unnamed (GTK_WIDGET (export), "seal several tips");
    gtk_window_destroy (export);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-selection", NULL));

  g_assert_cmpuint (unnamed, ==, 0);
  tl_test_window_destroy (window);
}

/* Contrast of the "Minor" badge and the "Why:" lines, from the colours the style gives
 * them, in the light and dark styles (WCAG 2 relative luminance; 4.5:1 at least). */

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * channel (c->red) + 0.7152 * channel (c->green) + 0.0722 * channel (c->blue);
}

/* @top with its alpha laid over the opaque @bottom */
static GdkRGBA
over (GdkRGBA top,
      GdkRGBA bottom)
{
  GdkRGBA out = { top.red * top.alpha + bottom.red * (1 - top.alpha),
                  top.green * top.alpha + bottom.green * (1 - top.alpha),
                  top.blue * top.alpha + bottom.blue * (1 - top.alpha), 1 };
  return out;
}

static double
ratio (GdkRGBA a,
       GdkRGBA b)
{
  double la = luminance (&a), lb = luminance (&b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static GdkRGBA
named (GtkWidget  *widget,
       const char *name)
{
  GdkRGBA color;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color));
G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

static GdkRGBA
text_color (GtkWidget *widget)
{
  GdkRGBA color;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

static void
test_contrast (void)
{
  AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  const char *names[] = { "light", "dark" };
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *tag = gtk_label_new ("Minor");
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *why = gtk_label_new ("Why: Victim 1 is 16 years old");

  tl_test_application ();
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "tl-tag");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (why, "tl-reasons");
  gtk_box_append (GTK_BOX (card), why);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), card);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GdkRGBA view, badge, card_bg, selected;
      double minor, minor_selected, reasons;

      adw_style_manager_set_color_scheme (manager, schemes[i]);
      tl_test_iterate (200);

      /* the badge: its tint over the list (a view), and over a selected row */
      view = named (tag, "view_bg_color");
      badge = named (tag, "accent_bg_color");
      badge.alpha = 0.15;                   /* as style.css tints it */
      badge = over (badge, view);
      minor = ratio (over (text_color (tag), badge), badge);
      selected = named (tag, "accent_bg_color");
      selected.alpha = 0.15;                /* a selected row's tint, under the badge's */
      selected = over (selected, badge);
      minor_selected = ratio (over (text_color (tag), selected), selected);

      card_bg = over (named (why, "card_bg_color"), named (why, "window_bg_color"));
      reasons = ratio (over (text_color (why), card_bg), card_bg);

      g_test_message ("%s%s: Minor %.1f:1 (%.1f:1 on a selected row), Why: %.1f:1", names[i],
                      adw_style_manager_get_high_contrast (manager) ? ", high contrast" : "",
                      minor, minor_selected, reasons);
      g_assert_cmpfloat (minor, >=, 4.5);
      g_assert_cmpfloat (minor_selected, >=, 4.5);
      g_assert_cmpfloat (reasons, >=, 4.5);
    }

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 6. At the default size (1180×700) the window keeps its three panes, the routing panel
 * beside the form, in English and in Spanish. */

static void
report_min_widths (GtkWidget *leaflet)
{
  for (GtkWidget *child = gtk_widget_get_first_child (leaflet); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum, natural;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("pane %s %s: minimum width %d", G_OBJECT_TYPE_NAME (child),
                      GTK_IS_BUILDABLE (child) && gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)) != NULL
                      ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)) : "", minimum);
    }
}

static void
test_three_panes (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *leaflet;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1180, 700);
  tl_test_iterate (300);
  open_minor_in_danger (fixture->window);
  tl_test_iterate (300);
  leaflet = tl_test_find (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET, 0);
  g_assert_nonnull (leaflet);
  report_min_widths (leaflet);
  g_test_message ("window %d wide", gtk_widget_get_width (GTK_WIDGET (fixture->window)));
  tl_test_screenshot (GTK_WIDGET (fixture->window), "live-call-1180x700");
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));

  /* the list's selection mode (its action bar) keeps the three panes too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-tips", NULL));
  tl_test_iterate (300);
  report_min_widths (leaflet);
  tl_test_screenshot (GTK_WIDGET (fixture->window), "live-call-select-1180x700");
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.leave-selection", NULL));
}

/* Decision-critical choices show their whole label, in the row and in its list: the
 * victim's stance on law enforcement, the venue, the outcome of a call. */

static guint
count_ellipsized (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("cut off: “%s”", gtk_label_get_text (GTK_LABEL (widget)));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_ellipsized (child);
  return n;
}

/* Every value in turn, shown in the row, then the open list. */
static guint
check_combo_row (AdwComboRow *row)
{
  GtkWidget *popover;
  guint n = 0;

  g_assert_nonnull (row);
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (row)); i++)
    {
      adw_combo_row_set_selected (row, i);
      tl_test_iterate (30);
      n += count_ellipsized (GTK_WIDGET (row));
    }
  popover = tl_test_find (GTK_WIDGET (row), GTK_TYPE_POPOVER, 0);
  if (popover == NULL)
    {
      gtk_widget_activate (GTK_WIDGET (row));
      tl_test_iterate (400);
      popover = tl_test_find (GTK_WIDGET (row), GTK_TYPE_POPOVER, 0);
    }
  g_assert_nonnull (popover);
  n += count_ellipsized (popover);
  gtk_popover_popdown (GTK_POPOVER (popover));
  tl_test_iterate (100);
  return n;
}

static AdwComboRow *
combo_row_titled (GtkWidget  *root,
                  const char *title)
{
  GtkWidget *row = NULL;

  /* a row in a victim that just opened shows once the row is laid out */
  for (guint i = 0; i < 50 && row == NULL; i++)
    {
      row = find_row (root, ADW_TYPE_COMBO_ROW, title);
      if (row == NULL)
        tl_test_iterate (100);
    }

  if (row == NULL)
    g_test_message ("no combo row “%s” on screen", title);
  return row != NULL ? ADW_COMBO_ROW (row) : NULL;
}

static void
test_full_labels (Fixture       *fixture,
                  gconstpointer  data)
{
  TlTipEditor *editor;
  GtkWindow *dialog;
  guint cut = 0;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1180, 700);
  tl_test_iterate (200);
  open_minor_in_danger (fixture->window);
  editor = find_editor (fixture->window);
  g_assert_true (tl_tip_editor_focus_field (editor, "victims/0/stance"));
  tl_test_iterate (300);

  cut += check_combo_row (combo_row_titled (GTK_WIDGET (editor), g_dgettext (GETTEXT_PACKAGE, "Law enforcement")));
  g_assert_true (tl_tip_editor_focus_field (editor, "venue"));
  tl_test_iterate (300);
  cut += check_combo_row (combo_row_titled (GTK_WIDGET (editor), g_dgettext (GETTEXT_PACKAGE, "Venue")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-routing", NULL) || TRUE);
  {
    TlRoutingPanel *panel = TL_ROUTING_PANEL (tl_window_get_side_pane (fixture->window));
    GtkWidget *log = NULL;

    for (guint i = 0; (log = tl_test_find (GTK_WIDGET (panel), GTK_TYPE_BUTTON, i)) != NULL; i++)
      if (gtk_button_get_use_underline (GTK_BUTTON (log)) && gtk_button_get_label (GTK_BUTTON (log)) != NULL)
        break;
    g_assert_nonnull (log);
    g_signal_emit_by_name (log, "clicked");
    tl_test_iterate (400);
  }
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  cut += check_combo_row (combo_row_titled (GTK_WIDGET (dialog), g_dgettext (GETTEXT_PACKAGE, "Outcome")));
  gtk_window_destroy (dialog);

  g_assert_cmpuint (cut, ==, 0);
}

/* 7. Escape on the one-time recovery code asks before closing it */

static void
set_password_row (GtkWidget  *root,
                  guint       nth,
                  const char *text)
{
  GtkWidget *row = tl_test_find (root, ADW_TYPE_PASSWORD_ENTRY_ROW, nth);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
recovery_shown_cb (gpointer data)
{
  return find_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG) != NULL;
}

/* the question asked over the code: a message dialog that is not the code's */
static GtkWindow *
find_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && !TL_IS_RECOVERY_CODE_DIALOG (window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_recovery_code_escape (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_store_new (dir);
  TlWindow *window = tl_test_window_new (store);
  GtkWindow *code, *question;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      tl_test_window_destroy (window);
      return;
    }

  set_password_row (GTK_WIDGET (window), 0, TL_TEST_PASSPHRASE);
  set_password_row (GTK_WIDGET (window), 1, TL_TEST_PASSPHRASE);
  gtk_widget_activate (tl_test_find_button (GTK_WIDGET (window), "Create Store"));
  g_assert_true (tl_test_wait (recovery_shown_cb, NULL, 60000));
  tl_test_iterate (300);
  code = find_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG);

  /* Escape: the code stays, and a question says what closing means */
  tl_test_press_key (code, GDK_KEY_Escape, 0);
  tl_test_iterate (300);
  g_assert_nonnull (find_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG));
  question = find_question ();
  g_assert_nonnull (question);

  /* Escape again: back to the code */
  tl_test_press_key (question, GDK_KEY_Escape, 0);
  tl_test_iterate (300);
  g_assert_null (find_question ());
  g_assert_nonnull (find_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG));

  /* closing, confirmed, goes on to the tips */
  tl_test_press_key (code, GDK_KEY_Escape, 0);
  tl_test_iterate (300);
  question = find_question ();
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "close");
  gtk_window_destroy (question);
  tl_test_iterate (400);
  g_assert_null (find_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG));
  g_assert_true (tl_store_is_unlocked (store));

  tl_test_window_destroy (window);
}

/* 7. The list shows the tip the advocate works on */

static GtkSingleSelection *
list_selection (TlWindow *window)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *list_view = tl_test_find (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, i);
      GtkSelectionModel *model;

      g_assert_nonnull (list_view);
      model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
      if (GTK_IS_SINGLE_SELECTION (model) &&
          TL_IS_GROWING_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))))
        return GTK_SINGLE_SELECTION (model);
    }
}

static const char *
selected_id (TlWindow *window)
{
  TlTipItem *item = gtk_single_selection_get_selected_item (list_selection (window));

  return item != NULL ? tl_tip_item_get_id (item) : NULL;
}

/* A tip saved while a search that does not match it is active stays in sight. */
static void
test_save_while_searching (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) other = tl_tip_new ();
  GtkWidget *entry;
  TlTip *tip;

  tl_set_str (&other->location.city, "Albuquerque");
  g_assert_true (tl_store_save_tip (fixture->store, other, &error));
  tl_test_iterate (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  entry = tl_test_wait_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Albuquerque");
  tl_test_iterate (400);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  tip = tl_tip_editor_get_tip (find_editor (fixture->window));
  tl_set_str (&tip->location.city, "Gallup");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-tip", NULL));
  tl_test_iterate (400);

  g_assert_cmpstr (selected_id (fixture->window), ==, tip->id);
}

/* After restoring a draft the list marks that tip, not the one marked before. */
static void
test_restore_draft_selects (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) first = tl_tip_new ();
  g_autoptr(TlTip) second = tl_tip_new ();
  GtkWindow *dialog;

  tl_set_str (&first->location.city, "Albuquerque");
  g_assert_true (tl_store_save_tip (fixture->store, first, &error));
  g_usleep (2000);
  tl_set_str (&second->location.city, "Gallup");
  g_assert_true (tl_store_save_tip (fixture->store, second, &error));

  /* an edit of the first tip, kept as a draft when Tipline stopped */
  tl_set_str (&first->location.city, "Albuquerque, NM");
  g_assert_true (tl_store_save_draft (fixture->store, first, &error));
  g_assert_no_error (error);

  lock_window (fixture->window);
  tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);
  tl_test_iterate (300);
  gtk_single_selection_set_selected (list_selection (fixture->window), 0);   /* the second */
  tl_test_iterate (100);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  tl_test_iterate (300);

  g_assert_cmpstr (tl_tip_editor_get_tip (find_editor (fixture->window))->id, ==, first->id);
  g_assert_cmpstr (selected_id (fixture->window), ==, first->id);
}

/* Close a tip, reopen it, delete it (asked first, recorded in the audit log). */

static void
respond (const char *response)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  /* as a click on the button: the response, then the dialog closes */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  tl_test_iterate (300);
}

static TlTipStatus
stored_status (TlStore    *store,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_store_load_tip (store, id, &error);

  g_assert_no_error (error);
  return tip->status;
}

static void
test_tip_lifecycle (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *id = NULL;
  TlTipFilter closed = { .by_status = TRUE, .status = TL_TIP_STATUS_CLOSED };
  gboolean deleted = FALSE;
  TlTip *tip;

  g_assert_true (gtk_widget_activate_action (widget, "win.new-tip", NULL));
  tl_test_iterate (100);
  tip = tl_tip_editor_get_tip (find_editor (fixture->window));
  tl_set_str (&tip->location.city, "Gallup");
  g_assert_true (gtk_widget_activate_action (widget, "win.save-tip", NULL));
  tl_test_iterate (200);
  id = g_strdup (tip->id);

  /* close: asked, Cancel keeps it open */
  g_assert_true (gtk_widget_activate_action (widget, "win.close-tip", NULL));
  tl_test_iterate (200);
  respond ("cancel");
  g_assert_cmpint (stored_status (fixture->store, id), ==, TL_TIP_STATUS_OPEN);
  g_assert_true (gtk_widget_activate_action (widget, "win.close-tip", NULL));
  tl_test_iterate (200);
  {
    /* Closing asks why: without a reason the button stays off. */
    AdwMessageDialog *question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *entry = adw_message_dialog_get_extra_child (question);

    g_assert_true (GTK_IS_EDITABLE (entry));
    g_assert_false (adw_message_dialog_get_response_enabled (question, "close"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Referred to the shelter, no further contact");
    g_assert_true (adw_message_dialog_get_response_enabled (question, "close"));
  }
  respond ("close");
  g_assert_cmpint (stored_status (fixture->store, id), ==, TL_TIP_STATUS_CLOSED);
  g_assert_cmpint (tl_store_count_tips (fixture->store, &closed, &error), ==, 1);
  {
    g_autoptr(TlTip) stored = tl_store_load_tip (fixture->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stored->close_reason, ==, "Referred to the shelter, no further contact");
  }

  /* reopen: the reason no longer holds */
  g_assert_true (gtk_widget_activate_action (widget, "win.reopen-tip", NULL));
  tl_test_iterate (200);
  g_assert_cmpint (stored_status (fixture->store, id), ==, TL_TIP_STATUS_OPEN);
  {
    g_autoptr(TlTip) stored = tl_store_load_tip (fixture->store, id, &error);

    g_assert_no_error (error);
    g_assert_null (stored->close_reason);
  }

  /* delete: Cancel keeps it; Delete removes it and the audit log says so */
  g_assert_true (gtk_widget_activate_action (widget, "win.delete-tip", NULL));
  tl_test_iterate (200);
  respond ("cancel");
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, 1);
  g_assert_true (gtk_widget_activate_action (widget, "win.delete-tip", NULL));
  tl_test_iterate (200);
  respond ("delete");
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, 0);
  g_assert_null (tl_test_find (widget, TL_TYPE_TIP_EDITOR, 0));   /* no tip open */

  audit = tl_store_list_audit (fixture->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    deleted |= ((TlAuditEntry *) g_ptr_array_index (audit, i))->action == TL_AUDIT_DELETE;
  g_assert_true (deleted);
}

/* Office defaults: set in the preferences, each new tip starts with them. */
static void
test_office_defaults (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *preferences = tl_preferences_window_new (tl_window_get_context (fixture->window));
  AdwComboRow *channel, *policy;
  TlTip *tip;

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  tl_test_iterate (300);
  channel = combo_row_titled (preferences, "Usual Channel");
  policy = combo_row_titled (preferences, "Agency Release Policy");
  g_assert_nonnull (channel);
  g_assert_nonnull (policy);
  adw_combo_row_set_selected (channel, 2);     /* tl_channel_values order: Text message */
  adw_combo_row_set_selected (policy, 1);      /* A signed release is required */
  tl_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_cmpstr (g_settings_get_string (settings, "usual-channel"), ==, "text");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  tip = tl_tip_editor_get_tip (find_editor (fixture->window));
  g_assert_cmpint (tip->channel, ==, TL_CHANNEL_TEXT);
  g_assert_cmpint (tip->release_policy, ==, TL_RELEASE_POLICY_REQUIRED);

  g_settings_reset (settings, "usual-channel");
  g_settings_reset (settings, "release-policy");
}

/* 8. The keyboard between panes: F6 cycles them, Ctrl+R goes to whom to call and back */

static void
test_pane_keys (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWidget *panel, *editor, *city;
  TlTipEditor *tip_editor;

  if (!tl_test_can_press_keys ())
    {
      g_test_skip ("no XTest: cannot press keys");
      return;
    }

  open_minor_in_danger (fixture->window);
  panel = tl_window_get_side_pane (fixture->window);
  tip_editor = find_editor (fixture->window);
  editor = GTK_WIDGET (tip_editor);

  /* Ctrl+R from a field: into whom to call; again: back in that field */
  city = find_row (editor, ADW_TYPE_ENTRY_ROW, "_City, village or town");
  g_assert_nonnull (city);
  gtk_widget_grab_focus (city);
  tl_test_press_key (window, GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_true (focus_inside (fixture->window, panel));
  tl_test_press_key (window, GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_true (focus_inside (fixture->window, city));

  /* F6: the next pane, round the three; Shift+F6 back */
  tl_test_press_key (window, GDK_KEY_F6, 0);
  g_assert_true (focus_inside (fixture->window, panel));
  tl_test_press_key (window, GDK_KEY_F6, 0);
  g_assert_false (focus_inside (fixture->window, panel));
  g_assert_false (focus_inside (fixture->window, editor));
  tl_test_press_key (window, GDK_KEY_F6, 0);
  g_assert_true (focus_inside (fixture->window, editor));
  tl_test_press_key (window, GDK_KEY_F6, GDK_SHIFT_MASK);
  g_assert_false (focus_inside (fixture->window, editor));
  g_assert_false (focus_inside (fixture->window, panel));

  /* and the shortcuts window lists them */
  {
    g_autoptr(GBytes) overlay = g_resources_lookup_data ("/io/github/tipline/Tipline/gtk/help-overlay.ui", 0, NULL);
    const char *text;

    g_assert_nonnull (overlay);
    text = g_bytes_get_data (overlay, NULL);
    g_assert_nonnull (strstr (text, "&lt;Control&gt;r"));
    g_assert_nonnull (strstr (text, ">F6<"));
    g_assert_nonnull (strstr (text, "&lt;Shift&gt;F6"));
    g_assert_nonnull (strstr (text, "&lt;Alt&gt;l"));
  }
}

/* Screenshots of a call in progress for docs/screenshots/: light and dark, at a laptop's
 * 1366×768 and a small 1024×600, in the language the test runs in. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct { int width, height; } sizes[] = { { 1366, 768 }, { 1024, 600 } };
  AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  const char *scheme_names[] = { "light", "dark" };
  const char *language = g_getenv ("TL_TEST_LANGUAGE");

  open_minor_in_danger (fixture->window);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint c = 0; c < G_N_ELEMENTS (schemes); c++)
      {
        g_autofree char *name = g_strdup_printf ("call-%s-%s-%dx%d", language != NULL ? language : "en",
                                                 scheme_names[c], sizes[s].width, sizes[s].height);

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[c]);
        gtk_window_set_default_size (GTK_WINDOW (fixture->window), sizes[s].width, sizes[s].height);
        tl_test_iterate (500);
        tl_test_screenshot (GTK_WIDGET (fixture->window), name);

        /* one pane at a time: whom to call is one key away, show it too */
        if (adw_leaflet_get_folded (ADW_LEAFLET (tl_test_find (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET, 0))))
          {
            g_autofree char *routing = g_strconcat (name, "-routing", NULL);

            g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-routing", NULL));
            tl_test_iterate (600);
            tl_test_screenshot (GTK_WIDGET (fixture->window), routing);
            g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-editor", NULL));
          }
      }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("TL_TEST_LANGUAGE");

  /* accessible attributes are kept for the checks (none are kept with "none") */
  g_setenv ("GTK_A11Y", "test", TRUE);

  /* The contrast once more in the high-contrast style (ADW_DEBUG_HIGH_CONTRAST=1). */
  if (g_getenv ("ADW_DEBUG_HIGH_CONTRAST") != NULL)
    {
      tl_test_display_init (&argc, &argv);
      g_test_add_func ("/live-call/contrast", test_contrast);
  g_test_add ("/live-call/three-panes", Fixture, NULL,
              fixture_set_up, test_three_panes, fixture_tear_down);
  g_test_add ("/live-call/full-labels", Fixture, NULL,
              fixture_set_up, test_full_labels, fixture_tear_down);
  g_test_add_func ("/live-call/recovery-code-escape", test_recovery_code_escape);
  g_test_add ("/live-call/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/live-call/pane-keys", Fixture, NULL,
              fixture_set_up, test_pane_keys, fixture_tear_down);
  g_test_add ("/live-call/office-defaults", Fixture, NULL,
              fixture_set_up, test_office_defaults, fixture_tear_down);
  g_test_add ("/live-call/tip-lifecycle", Fixture, NULL,
              fixture_set_up, test_tip_lifecycle, fixture_tear_down);
  g_test_add ("/live-call/save-while-searching", Fixture, NULL,
              fixture_set_up, test_save_while_searching, fixture_tear_down);
  g_test_add ("/live-call/restore-draft-selects", Fixture, NULL,
              fixture_set_up, test_restore_draft_selects, fixture_tear_down);
      return g_test_run ();
    }

  /* The mnemonics once more in Spanish, where the words and so the letters differ. */
  if (language != NULL)
    {
      tl_i18n_init ();
      tl_i18n_set_language (language);
      tl_test_display_init (&argc, &argv);
      g_test_add ("/live-call/mnemonics-unique", Fixture, NULL,
                  fixture_set_up, test_mnemonics_unique, fixture_tear_down);
      g_test_add ("/live-call/three-panes", Fixture, NULL,
                  fixture_set_up, test_three_panes, fixture_tear_down);
      g_test_add ("/live-call/full-labels", Fixture, NULL,
                  fixture_set_up, test_full_labels, fixture_tear_down);
      g_test_add ("/live-call/screenshots", Fixture, NULL,
                  fixture_set_up, test_screenshots, fixture_tear_down);
      return g_test_run ();
    }

  tl_test_display_init (&argc, &argv);

  g_test_add ("/live-call/lock-focus-and-reveal", Fixture, NULL,
              fixture_set_up, test_lock_focus_and_reveal, fixture_tear_down);

  g_test_add_func ("/live-call/accessible-names", test_accessible_names);
  g_test_add_func ("/live-call/contrast", test_contrast);
  g_test_add ("/live-call/three-panes", Fixture, NULL,
              fixture_set_up, test_three_panes, fixture_tear_down);
  g_test_add ("/live-call/full-labels", Fixture, NULL,
              fixture_set_up, test_full_labels, fixture_tear_down);
  g_test_add_func ("/live-call/recovery-code-escape", test_recovery_code_escape);
  g_test_add ("/live-call/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/live-call/pane-keys", Fixture, NULL,
              fixture_set_up, test_pane_keys, fixture_tear_down);
  g_test_add ("/live-call/office-defaults", Fixture, NULL,
              fixture_set_up, test_office_defaults, fixture_tear_down);
  g_test_add ("/live-call/tip-lifecycle", Fixture, NULL,
              fixture_set_up, test_tip_lifecycle, fixture_tear_down);
  g_test_add ("/live-call/save-while-searching", Fixture, NULL,
              fixture_set_up, test_save_while_searching, fixture_tear_down);
  g_test_add ("/live-call/restore-draft-selects", Fixture, NULL,
              fixture_set_up, test_restore_draft_selects, fixture_tear_down);
  g_test_add ("/live-call/full-drive", Fixture, NULL,
              fixture_set_up, test_full_drive, fixture_tear_down);
  g_test_add ("/live-call/new-tip-and-victim-focus", Fixture, NULL,
              fixture_set_up, test_new_tip_and_victim_focus, fixture_tear_down);
  g_test_add ("/live-call/tab-into-text-view", Fixture, NULL,
              fixture_set_up, test_tab_into_text_view, fixture_tear_down);
  g_test_add ("/live-call/dropdown-focus", Fixture, NULL,
              fixture_set_up, test_dropdown_focus, fixture_tear_down);
  g_test_add ("/live-call/log-call-keys", Fixture, NULL,
              fixture_set_up, test_log_call_keys, fixture_tear_down);
  g_test_add ("/live-call/search-enter-opens", Fixture, NULL,
              fixture_set_up, test_search_enter_opens, fixture_tear_down);
  g_test_add ("/live-call/mnemonics-unique", Fixture, NULL,
              fixture_set_up, test_mnemonics_unique, fixture_tear_down);
  g_test_add ("/live-call/plan-scrolls-to-top", Fixture, NULL,
              fixture_set_up, test_plan_scrolls_to_top, fixture_tear_down);
  g_test_add ("/live-call/banner-alert-and-reached", Fixture, NULL,
              fixture_set_up, test_banner_alert_and_reached, fixture_tear_down);

  return g_test_run ();
}
