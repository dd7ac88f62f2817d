/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-context.h"
#include "tl-export-dialog.h"
#include "tl-routing-panel.h"
#include "tl-test-display.h"
#include "tl-tip-editor.h"
#include "tl-tip-item.h"
#include "tl-growing-list-model.h"
#include "tl-tip-list-model.h"
#include "tl-tip-list-row.h"
#include "tl-list-section.h"
#include "tl-store-testing.h"
#include "tl-tip-describe.h"
#include "tl-window-private.h"

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

static TlTipEditor *
find_editor (TlWindow *window)
{
  GtkWidget *editor = tl_test_find (GTK_WIDGET (window), TL_TYPE_TIP_EDITOR, 0);

  g_assert_nonnull (editor);
  return TL_TIP_EDITOR (editor);
}

/* The tip list's selection model (the editor has list views of its own). */
static GListModel *
find_list_model (TlWindow *window)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *list_view = tl_test_find (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, i);
      GtkSelectionModel *model;

      g_assert_nonnull (list_view);
      model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
      if (GTK_IS_SINGLE_SELECTION (model) &&
          TL_IS_GROWING_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))))
        return G_LIST_MODEL (model);
    }
}

/* Whether any field of the tip, as described for people, holds the text. */
static gboolean
tip_contains (const TlTip *tip,
              const char  *text)
{
  g_autoptr(GPtrArray) sections = tl_tip_describe (tip);

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);

          if (field->value != NULL && strstr (field->value, text) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

/* Types into the first text field of the editor, as a person would. */
static void
type_into_editor (TlTipEditor *editor,
                  const char  *text)
{
  GtkWidget *field = NULL;

  for (guint i = 0; field == NULL; i++)
    {
      GtkWidget *candidate = tl_test_find (GTK_WIDGET (editor), GTK_TYPE_EDITABLE, i);

      g_assert_nonnull (candidate);
      if (gtk_editable_get_editable (GTK_EDITABLE (candidate)) &&
          gtk_widget_is_sensitive (candidate))
        field = candidate;
    }

  gtk_widget_grab_focus (field);
  gtk_editable_set_text (GTK_EDITABLE (field), text);
  tl_test_iterate (50);
}

static void
test_new_save_lock_unlock (Fixture       *fixture,
                           gconstpointer  data)
{
  TlTipEditor *editor;
  GListModel *model;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *panel_text = NULL;
  g_autoptr(GError) error = NULL;
  TlRoutingPanel *panel;
  TlReferral *referral;
  TlTip *tip;

  tl_test_screenshot (GTK_WIDGET (fixture->window), "main-window-empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  editor = find_editor (fixture->window);
  tip = tl_tip_editor_get_tip (editor);
  g_assert_nonnull (tip);
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_DRAFT);

  type_into_editor (editor, TL_TEST_MARKER);
  g_assert_true (tip_contains (tip, TL_TEST_MARKER));
  id = g_strdup (tip->id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-tip", NULL));
  tl_test_iterate (200);
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, 1);
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_OPEN);
  model = find_list_model (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  tl_test_screenshot (GTK_WIDGET (fixture->window), "main-window-tip");

  /* The routing panel shows tip text too: its plan, and a logged call's note. */
  panel = TL_ROUTING_PANEL (tl_window_get_side_pane (fixture->window));
  referral = tl_referral_new ();
  tl_set_str (&referral->note, TL_TEST_MARKER);
  g_ptr_array_add (tip->referrals, referral);
  tl_routing_panel_set_tip (panel, tip);
  panel_text = tl_test_collect_text (GTK_WIDGET (panel));
  g_assert_nonnull (strstr (panel_text, TL_TEST_MARKER));
  g_assert_nonnull (tl_routing_panel_get_plan (panel));

  /* Lock: no text of the tip may stay anywhere in the widget tree. */
  g_action_group_activate_action (G_ACTION_GROUP (tl_test_application ()), "lock", NULL);
  tl_test_iterate (300);
  g_assert_false (tl_store_is_unlocked (fixture->store));
  g_assert_null (tl_tip_editor_get_tip (editor));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  text = tl_test_collect_text (GTK_WIDGET (fixture->window));
  g_assert_null (strstr (text, TL_TEST_MARKER));
  g_assert_null (strstr (text, "Quillfeather"));
  g_assert_null (tl_routing_panel_get_plan (panel));
  tl_test_screenshot (GTK_WIDGET (fixture->window), "locked-window");

  /* Unlock again: the tip is in the list, and choosing it opens it. */
  tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 0, TRUE);
  tl_test_iterate (100);
  tip = tl_tip_editor_get_tip (editor);
  g_assert_nonnull (tip);
  g_assert_cmpstr (tip->id, ==, id);
  g_assert_true (tip_contains (tip, TL_TEST_MARKER));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_tip_new ();
  GtkWidget *entry;
  GListModel *model;

  tl_set_str (&tip->location.city, "Albuquerque");
  tip->type = TL_TRAFFICKING_LABOR;
  g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
  g_assert_no_error (error);

  model = find_list_model (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  entry = tl_test_wait_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Gallup");
  tl_test_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (fixture->window), "No Tips Found"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "Albuquerque");
  tl_test_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

/* The list reads pages on demand and keeps only a few, however many tips there are. */
static void
test_lazy_model (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TlTipListModel) model = tl_tip_list_model_new ();
  g_autoptr(GError) error = NULL;
  guint n = TL_TIP_LIST_PAGE_SIZE * (TL_TIP_LIST_MAX_PAGES + 1) + 7;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();

      g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
    }

  tl_tip_list_model_set_store (model, fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpuint (tl_tip_list_model_get_n_pages (model), ==, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (item);
      g_assert_cmpuint (tl_tip_list_model_get_n_pages (model), <=, TL_TIP_LIST_MAX_PAGES);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  {
    g_autoptr(TlTip) tip = tl_tip_new ();

    g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 1);

  tl_tip_list_model_set_store (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (tl_tip_list_model_get_n_pages (model), ==, 0);
}

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  *change = (Change) { position, removed, added, change->calls + 1 };
}

static const char *
id_at (TlTipListModel *model,
       guint           position)
{
  g_autoptr(TlTipItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  return tl_tip_item_get_id (item);
}

/* Issue 16: saving announces only the rows that changed (a save moves the tip to the
 * top: rows 0 .. its old place), a new tip one inserted row, a delete one removed row;
 * never every row, which made the view read every page again. */
static void
test_model_announces_changed_rows (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(TlTipListModel) model = tl_tip_list_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) edited = NULL;
  g_autofree char *edited_id = NULL;
  g_autofree char *deleted_id = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = TL_TIP_LIST_PAGE_SIZE * 3;
  Change change = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();

      g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
    }
  tl_tip_list_model_set_store (model, fixture->store);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* Edit the tip shown in row 7. */
  for (guint i = 0; i <= 7; i++)
    g_ptr_array_add (before, g_list_model_get_item (G_LIST_MODEL (model), i));
  edited_id = g_strdup (id_at (model, 7));
  edited = tl_store_load_tip (fixture->store, edited_id, &error);
  tl_tip_touch (edited);
  g_assert_true (tl_store_save_tip (fixture->store, edited, &error));
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 8);
  g_assert_cmpuint (change.added, ==, 8);
  g_assert_cmpstr (id_at (model, 0), ==, edited_id);
  /* The rows that only moved down are the same items, so the view keeps their widgets
   * rather than building and laying out every row on screen again; the edited one is new. */
  for (guint i = 0; i <= 7; i++)
    {
      g_autoptr(TlTipItem) item = g_list_model_get_item (G_LIST_MODEL (model), (i + 1) % 8);

      if (i < 7)
        g_assert_true (item == g_ptr_array_index (before, i));
      else
        g_assert_true (item != g_ptr_array_index (before, i));
    }

  /* Saved again without a new modified time (Ctrl+S with no edit): that row only. */
  g_clear_pointer (&edited, tl_tip_unref);
  g_clear_pointer (&edited_id, g_free);
  edited_id = g_strdup (id_at (model, 30));
  edited = tl_store_load_tip (fixture->store, edited_id, &error);
  g_assert_true (tl_store_save_tip (fixture->store, edited, &error));
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 30);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  change.calls = 1;

  /* A new tip: one row inserted at the top. */
  {
    g_autoptr(TlTip) tip = tl_tip_new ();

    g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
    g_assert_cmpuint (change.calls, ==, 2);
    g_assert_cmpuint (change.position, ==, 0);
    g_assert_cmpuint (change.removed, ==, 0);
    g_assert_cmpuint (change.added, ==, 1);
    g_assert_cmpstr (id_at (model, 0), ==, tip->id);
  }

  /* A delete: one row removed where it was. */
  deleted_id = g_strdup (id_at (model, 12));
  g_assert_true (tl_store_delete_tip (fixture->store, deleted_id, &error));
  g_assert_cmpuint (change.calls, ==, 3);
  g_assert_cmpuint (change.position, ==, 12);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpstr (id_at (model, i), !=, deleted_id);
}

static gboolean
conflict_shown_cb (gpointer data)
{
  AdwMessageDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *dialog = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The window saves a tip that another program (a second TlStore on the same folder)
 * changed or deleted since it was opened: a dialog says so and, for a change, shows the
 * fields that differ side by side; nothing is overwritten and a deleted tip does not
 * come back. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  gboolean deleted = GPOINTER_TO_INT (data);
  g_autoptr(TlStore) other = tl_store_new (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog = NULL;
  TlTipEditor *editor;
  TlTip *tip;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  editor = find_editor (fixture->window);
  type_into_editor (editor, TL_TEST_MARKER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-tip", NULL));
  tl_test_iterate (200);
  tip = tl_tip_editor_get_tip (editor);
  id = g_strdup (tip->id);

  /* Meanwhile, another program. */
  g_assert_true (tl_store_unlock (other, TL_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  if (deleted)
    g_assert_true (tl_store_delete_tip (other, id, &error));
  else
    {
      g_autoptr(TlTip) theirs = tl_store_load_tip (other, id, &error);

      g_assert_nonnull (theirs);
      tl_set_str (&theirs->narrative, "Changed in the other program.");
      g_assert_true (tl_store_save_tip (other, theirs, &error));
    }
  g_assert_no_error (error);

  type_into_editor (editor, "Quillon Marbleworth");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-tip", NULL));
  g_assert_true (tl_test_wait (conflict_shown_cb, &dialog, 5000));

  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_test_message ("%s", text);
  if (deleted)
    {
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Tip Was Deleted Elsewhere");
      g_assert_false (adw_message_dialog_has_response (dialog, "mine"));
      g_assert_null (adw_message_dialog_get_extra_child (dialog));
      tl_test_screenshot (GTK_WIDGET (dialog), "conflict-deleted-elsewhere");
    }
  else
    {
      GtkWidget *table = adw_message_dialog_get_extra_child (dialog);
      g_autofree char *cells = NULL;

      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Tip Changed Elsewhere");
      g_assert_nonnull (table);
      g_assert_nonnull (tl_test_find (table, GTK_TYPE_GRID, 0));
      cells = tl_test_collect_text (table);
      /* Field, theirs, mine: the narrative and the field typed in, both sides. */
      g_assert_nonnull (strstr (cells, "Stored now"));
      g_assert_nonnull (strstr (cells, "Yours"));
      g_assert_nonnull (strstr (cells, "Changed in the other program."));
      g_assert_nonnull (strstr (cells, TL_TEST_MARKER));
      g_assert_nonnull (strstr (cells, "Quillon Marbleworth"));
      tl_test_screenshot (GTK_WIDGET (dialog), "conflict-changed-elsewhere");
    }

  /* Keep editing: nothing was written over the other program's change. */
  adw_message_dialog_response (dialog, "editing");
  tl_test_iterate (100);
  tl_store_lock (other);
  {
    g_autoptr(TlTip) stored = tl_store_load_tip (fixture->store, id, NULL);

    if (deleted)
      g_assert_null (stored);
    else
      {
        g_assert_nonnull (stored);
        g_assert_cmpstr (stored->narrative, ==, "Changed in the other program.");
        g_assert_false (tip_contains (stored, "Quillon Marbleworth"));
      }
  }
}

/* Ctrl+S while a worker thread (an office sync, an import, a backup) holds the store:
 * nothing is written meanwhile, and the save runs when the store is given back. */
static void
test_save_while_busy (Fixture       *fixture,
                      gconstpointer  data)
{
  TlContext *context = tl_window_get_context (fixture->window);
  g_autoptr(GError) error = NULL;
  TlTip *tip;
  gint64 before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  tip = tl_tip_editor_get_tip (find_editor (fixture->window));
  type_into_editor (find_editor (fixture->window), TL_TEST_MARKER);
  before = tl_store_count_tips (fixture->store, NULL, &error);

  tl_context_hold (context);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-tip", NULL));
  tl_test_iterate (100);
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, before);
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_DRAFT);

  tl_context_release (context);
  tl_test_iterate (200);
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, before + 1);
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_OPEN);
  {
    g_autoptr(TlTip) stored = tl_store_load_tip (fixture->store, tip->id, &error);

    g_assert_nonnull (stored);
    g_assert_true (tip_contains (stored, TL_TEST_MARKER));
  }
}

/* A report is made from the saved tip: exporting an unsaved one asks first, and "Save
 * and Continue" saves it and opens the export. */
static void
test_export_saves_first (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *message = NULL;
  gboolean exporting = FALSE;
  TlTip *tip;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tip", NULL));
  tl_test_iterate (100);
  tip = tl_tip_editor_get_tip (find_editor (fixture->window));
  type_into_editor (find_editor (fixture->window), TL_TEST_MARKER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-report", NULL));
  tl_test_iterate (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), "Save the Tip First?") == 0)
        message = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (message);
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, NULL), ==, 0);

  adw_message_dialog_response (message, "save");
  gtk_window_destroy (GTK_WINDOW (message));
  tl_test_iterate (200);
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, NULL), ==, 1);
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_OPEN);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      exporting |= TL_IS_EXPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window));
    }
  g_assert_true (exporting);
}

static void
label_changed_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  GHashTable *touched)
{
  g_hash_table_add (touched, gtk_widget_get_ancestor (GTK_WIDGET (label), TL_TYPE_TIP_LIST_ROW));
}

static void
watch_labels (GtkWidget  *widget,
              GHashTable *touched)
{
  if (GTK_IS_LABEL (widget))
    g_signal_connect (widget, "notify::label", G_CALLBACK (label_changed_cb), touched);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    watch_labels (child, touched);
}

/* Issue 16: GTK 4.8 unbinds and binds again every row after a change in the list. A row
 * that gets its own item back keeps its labels, so a save lays out the saved tip's row,
 * not every row the view holds (a save stalled the window 60-100 ms for it). */
static void
test_save_keeps_other_rows (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GHashTable) touched = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *list_view = NULL;
  GListModel *model;
  guint rows = 0;

  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (tips, tl_tip_new ());
  g_assert_true (_tl_store_save_tips (fixture->store, tips, &error));
  g_assert_no_error (error);
  model = find_list_model (fixture->window);
  tl_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 120);

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), 5);
  tl_test_iterate (300);
  for (guint i = 0; (list_view = tl_test_find (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, i)) != NULL; i++)
    if (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)) == GTK_SELECTION_MODEL (model))
      break;
  g_assert_nonnull (list_view);
  for (GtkWidget *row; (row = tl_test_find (list_view, TL_TYPE_TIP_LIST_ROW, rows)) != NULL; rows++)
    watch_labels (row, touched);
  g_assert_cmpuint (rows, >, 10);

  /* The tip in row 5 changed and saved: it moves to the top, rows 0 to 4 move down one. */
  tl_tip_touch (tl_tip_editor_get_tip (find_editor (fixture->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-tip", NULL));
  tl_test_iterate (300);
  g_assert_cmpstr (id_at (TL_TIP_LIST_MODEL (tl_growing_list_model_get_model (TL_GROWING_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))))), 0),
                   ==, tl_tip_editor_get_tip (find_editor (fixture->window))->id);
  g_assert_cmpuint (g_hash_table_size (touched), <=, 1);
}

/* The list sections under @widget, shown or not (tl_test_find sees only mapped ones). */
static void
collect_list_sections (GtkWidget *widget,
                       GPtrArray *sections)
{
  if (TL_IS_LIST_SECTION (widget))
    g_ptr_array_add (sections, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_list_sections (child, sections);
}

static gboolean
every_list_section_has_a_row (gpointer user_data)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();

  collect_list_sections (GTK_WIDGET (user_data), sections);
  for (guint i = 0; i < sections->len; i++)
    if (tl_list_section_get_n_rows_at_hand (g_ptr_array_index (sections, i)) == 0)
      return FALSE;
  return sections->len > 0;
}

/* Issue 16: the window has the editor prepare ahead at unlock, so that the first tip
 * opens as fast as the next (tests/display/editor/test-prepare-ahead.c checks what
 * preparing does): with no tip opened, each list section gets its row. */
static void
test_editor_prepared_at_unlock (Fixture       *fixture,
                                gconstpointer  data)
{
  g_assert_null (tl_test_find (GTK_WIDGET (fixture->window), TL_TYPE_TIP_EDITOR, 0));   /* no tip open */
  g_assert_true (tl_test_wait (every_list_section_has_a_row, fixture->window, 10000));
}

static gboolean
list_marked (gpointer data)
{
  return _tl_store_list_marks_made (data);
}

/* Marks along the list, which a jump deep into a long list starts from (issue 16), are
 * made while the window is idle, made again after each save, and not while a worker
 * thread holds the store. Marks every 5 rows, so 12 tips have two. */
static void
test_list_marked_when_idle (Fixture       *fixture,
                            gconstpointer  data)
{
  TlContext *context = tl_window_get_context (fixture->window);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) last = NULL;
  guint jumps;

  _tl_store_set_list_mark_every (fixture->store, 5);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();

      tl_set_str (&tip->narrative, "A tip in a long list");
      g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
      g_assert_no_error (error);
      if (i == 11)
        last = tl_tip_ref (tip);
    }
  g_assert_true (tl_test_wait (list_marked, fixture->store, 5000));

  jumps = _tl_store_get_list_mark_jumps (fixture->store);
  rows = tl_store_list_tips (fixture->store, NULL, 11, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (_tl_store_get_list_mark_jumps (fixture->store), ==, jumps + 1);

  tl_context_hold (context);
  tl_set_str (&last->narrative, "Saved again while the store is held");
  g_assert_true (tl_store_save_tip (fixture->store, last, &error));
  g_assert_no_error (error);
  tl_test_iterate (300);
  g_assert_false (_tl_store_list_marks_made (fixture->store));
  tl_context_release (context);
  g_assert_true (tl_test_wait (list_marked, fixture->store, 5000));
}

static gboolean
main_page_built (gpointer data)
{
  return ((TlWindow *) data)->toast_overlay != NULL;
}

/* Issue 16: the main page is built and its editor prepared while the unlock page waits
 * for the passphrase; it holds nothing of the store until the unlock. */
static void
test_main_page_built_ahead (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window;

  tl_store_lock (store);
  window = tl_test_window_new (store);
  g_assert_true (tl_test_wait (main_page_built, window, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "unlock");
  g_assert_null (tl_tip_list_model_get_store (window->model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->selection)), ==, 0);
  /* and its editor prepared, so a tip opened right after the unlock opens as fast as
   * later ones */
  g_assert_true (tl_test_wait (every_list_section_has_a_row, window, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "unlock");

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (tl_tip_list_model_get_store (window->model) == store);
  tl_test_window_destroy (window);
}

static gboolean
list_grown (gpointer data)
{
  return !tl_growing_list_model_is_growing (((TlWindow *) data)->growing);
}

/* Issue 16: after a reset (here a filter) the list shows a slice a frame; a tip marked
 * in the list just then is marked all the same, far down as it may be. */
static void
test_list_grows (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GError) error = NULL;
  TlWindow *window = fixture->window;
  g_autofree char *far_id = NULL;
  const guint n = 300;

  for (guint i = 0; i < n; i++)
    {
      TlTip *tip = tl_tip_new ();

      tip->status = TL_TIP_STATUS_OPEN;
      g_ptr_array_add (tips, tip);
    }
  g_assert_true (_tl_store_save_tips (fixture->store, tips, &error));
  g_assert_no_error (error);
  g_assert_true (tl_test_wait (list_grown, window, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->selection)), ==, n);
  far_id = g_strdup (id_at (window->model, 150));

  /* Open tips only: every tip again, so the whole list is replaced. */
  gtk_drop_down_set_selected (window->status_dropdown, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->selection)), ==, TL_GROWING_LIST_SLICE);
  _tl_window_list_select_tip (window, far_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->selection)), ==, n);
  g_assert_cmpstr (tl_tip_item_get_id (gtk_single_selection_get_selected_item (window->selection)), ==, far_id);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

  g_test_add ("/window/new-save-lock-unlock", Fixture, NULL,
              fixture_set_up, test_new_save_lock_unlock, fixture_tear_down);
  g_test_add ("/window/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/window/lazy-model", Fixture, NULL,
              fixture_set_up, test_lazy_model, fixture_tear_down);
  g_test_add ("/window/model-announces-changed-rows", Fixture, NULL,
              fixture_set_up, test_model_announces_changed_rows, fixture_tear_down);
  g_test_add_func ("/window/main-page-built-ahead", test_main_page_built_ahead);
  g_test_add ("/window/list-grows", Fixture, NULL,
              fixture_set_up, test_list_grows, fixture_tear_down);
  g_test_add ("/window/save-keeps-other-rows", Fixture, NULL,
              fixture_set_up, test_save_keeps_other_rows, fixture_tear_down);
  g_test_add ("/window/editor-prepared-at-unlock", Fixture, NULL,
              fixture_set_up, test_editor_prepared_at_unlock, fixture_tear_down);
  g_test_add ("/window/list-marked-when-idle", Fixture, NULL,
              fixture_set_up, test_list_marked_when_idle, fixture_tear_down);
  g_test_add ("/window/save-while-busy", Fixture, NULL,
              fixture_set_up, test_save_while_busy, fixture_tear_down);
  g_test_add ("/window/export-saves-first", Fixture, NULL,
              fixture_set_up, test_export_saves_first, fixture_tear_down);
  g_test_add ("/window/conflict/changed-elsewhere", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/window/conflict/deleted-elsewhere", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_conflict, fixture_tear_down);

  return g_test_run ();
}
