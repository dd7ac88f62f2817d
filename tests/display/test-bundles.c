/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tl-agencies-page.h"
#include "tl-bundle.h"
#include "tl-export-dialog.h"
#include "tl-import-dialog.h"
#include "tl-preferences-window.h"
#include "tl-test-display.h"
#include "tl-test-util.h"
#include "tl-tip-item.h"
#include "tl-window-private.h"

/* Sealed bundles in the app (issue 21): Preferences → Agencies shows this agency's
 * fingerprint and saves another agency's key under the name typed; the export dialog
 * offers "Sealed for an agency" first and writes a bundle that shows nothing in clear;
 * the import dialog recognises a bundle, shows who sent it, and imports only when asked. */

#define VICTIM_NAME "Zephyrine Quillfeather"
#define STORY "Brindlewax"

typedef struct
{
  char *dir, *other_dir;
  char *out;
  TlStore *store, *other;      /* this agency (the window's), and agency B */
  TlWindow *window;
  TlTip *tip;
} Fixture;

static char *data_home;

/* helpers */

static TlTip *
new_tip (const char *city)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();

  tl_set_str (&victim->name, VICTIM_NAME);
  victim->release_signed = FALSE;
  g_ptr_array_add (tip->victims, victim);
  tip->release_policy = TL_RELEASE_POLICY_REQUIRED;
  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, city);
  tl_set_str (&tip->narrative, STORY " saw the van.");
  tip->status = TL_TIP_STATUS_OPEN;
  return tip;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = new_tip ("Gallup");

  fixture->dir = tl_test_make_store_dir ();
  fixture->other_dir = tl_test_make_store_dir ();
  fixture->out = tl_test_make_tmp_dir ("bundles");
  g_assert_no_error (error);
  fixture->store = tl_test_create_store (fixture->dir);
  fixture->other = tl_test_create_store (fixture->other_dir);
  g_assert_true (tl_store_unlock (fixture->other, TL_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  fixture->window = tl_test_window_new (fixture->store);
  tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);

  g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
  g_assert_no_error (error);
  fixture->tip = tl_store_load_tip (fixture->store, tip->id, &error);
  g_assert_no_error (error);
  _tl_window_open_tip (fixture->window, fixture->tip, FALSE);
  tl_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tl_test_window_destroy (fixture->window);
  g_clear_object (&fixture->other);
  tl_test_remove_tree (fixture->out);
  tl_test_remove_tree (fixture->other_dir);
  g_clear_pointer (&fixture->tip, tl_tip_unref);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->other_dir, g_free);
  g_clear_pointer (&fixture->out, g_free);
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find_any (GtkWidget *widget,
          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static gboolean
import_done_cb (gpointer data)
{
  return !tl_import_dialog_is_running (data);
}

/* tests */

static void
test_agencies_export_import (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAgency) other = tl_store_get_agency_identity (fixture->other, NULL, &error);
  g_autoptr(TlAgency) own = tl_store_get_agency_identity (fixture->store, NULL, &error);
  g_autofree char *other_fingerprint = tl_agency_dup_fingerprint (other);
  g_autofree char *own_fingerprint = tl_agency_dup_fingerprint (own);
  g_autofree char *key_path = g_build_filename (fixture->out, "b.tlkey", NULL);
  g_autofree char *bundle_path = g_build_filename (fixture->out, "for-b.tlbundle", NULL);
  g_autofree char *incoming = g_build_filename (fixture->out, "from-b.tlbundle", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  GtkWidget *preferences, *page, *dialog, *entry;
  TlExportDialog *export;
  TlImportDialog *import;
  const char *paths[] = { incoming, NULL };

  /* Preferences → Agencies: this agency's fingerprint; B's key saved as "Agency B". */
  g_assert_true (tl_agency_write_key_file (other, key_path, FALSE, &error));
  preferences = tl_preferences_window_new (tl_window_get_context (fixture->window));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  tl_preferences_window_add_security_page (TL_PREFERENCES_WINDOW (preferences));
  page = find_any (preferences, TL_TYPE_AGENCIES_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 720);
  gtk_window_present (GTK_WINDOW (preferences));
  tl_test_iterate (300);
  text = tl_test_collect_text (page);
  g_assert_nonnull (strstr (text, own_fingerprint));
  g_assert_nonnull (strstr (text, "No agencies saved yet"));
  g_clear_pointer (&text, g_free);

  dialog = tl_agencies_page_add_from_file (TL_AGENCIES_PAGE (page), key_path);
  g_assert_nonnull (dialog);
  text = tl_test_collect_text (dialog);
  g_assert_nonnull (strstr (text, other_fingerprint));
  g_clear_pointer (&text, g_free);
  /* No name, no saving: the advocate names the agency. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Agency B");
  tl_test_screenshot (dialog, "agencies-add");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  tl_test_iterate (300);
  agencies = tl_store_list_agencies (fixture->store, &error);
  g_assert_cmpuint (agencies->len, ==, 1);
  g_assert_cmpstr (((TlAgency *) g_ptr_array_index (agencies, 0))->name, ==, "Agency B");
  text = tl_test_collect_text (page);
  g_assert_nonnull (strstr (text, "Agency B"));
  g_assert_nonnull (strstr (text, other_fingerprint));
  g_clear_pointer (&text, g_free);
  tl_test_screenshot (preferences, "agencies-page");
  gtk_window_destroy (GTK_WINDOW (preferences));
  tl_test_iterate (100);

  /* The export dialog: sealed for an agency is the default; the bundle shows nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-report", NULL));
  tl_test_iterate (300);
  export = TL_EXPORT_DIALOG (find_toplevel (TL_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (export);
  tl_export_dialog_set_profile (export, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  tl_test_iterate (100);
  text = tl_test_collect_text (GTK_WIDGET (export));
  g_assert_nonnull (strstr (text, "Sealed for an agency"));
  g_assert_nonnull (strstr (text, "Agency B"));
  g_assert_nonnull (strstr (text, "only that agency’s Tipline can open it"));
  g_clear_pointer (&text, g_free);
  g_assert_true (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (export), "_Export…")));
  tl_test_screenshot (GTK_WIDGET (export), "export-sealed");
  g_assert_true (tl_export_dialog_export_to_path (export, bundle_path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (tl_bundle_file_is_bundle (bundle_path));
  g_assert_false (file_contains (bundle_path, VICTIM_NAME));
  g_assert_false (file_contains (bundle_path, STORY));
  g_assert_false (file_contains (bundle_path, fixture->tip->id));
  gtk_window_close (GTK_WINDOW (export));
  tl_test_iterate (100);

  /* B opens it with the core: the victim's name (no release) is not in it. */
  {
    g_autoptr(TlAgency) copy = tl_agency_copy (own);
    g_autoptr(TlBundle) bundle = NULL;

    copy->name = g_strdup ("Agency A");
    g_assert_true (tl_store_add_agency (fixture->other, copy, &error));
    bundle = tl_bundle_open (fixture->other, bundle_path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (bundle->sender->name, ==, "Agency A");
    g_assert_null (((TlVictim *) g_ptr_array_index (((TlTip *) g_ptr_array_index (bundle->tips, 0))->victims, 0))->name);
  }

  /* B seals a tip of its own for this agency; the import dialog shows the sender first. */
  {
    g_autoptr(TlTip) tip = new_tip ("Farmington");
    g_autoptr(TlBundleRequest) request = tl_bundle_request_new (TL_REPORT_PROFILE_COORDINATOR);

    g_assert_true (tl_store_save_tip (fixture->other, tip, &error));
    g_ptr_array_add (request->tip_ids, g_strdup (tip->id));
    g_assert_true (tl_bundle_seal (fixture->other, request, "Agency A", incoming, FALSE, &error));
    g_assert_no_error (error);
  }
  import = _tl_window_import_paths (fixture->window, paths);
  g_assert_true (tl_test_wait (import_done_cb, import, 30000));
  tl_test_iterate (200);
  text = tl_test_collect_text (GTK_WIDGET (import));
  g_assert_nonnull (strstr (text, "Sealed Bundle"));
  g_assert_nonnull (strstr (text, "Agency B"));
  g_assert_nonnull (strstr (text, other_fingerprint));
  g_assert_nonnull (strstr (text, "“Human Trafficking Coordinator” profile · 1 tip · sealed"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, NULL), ==, 1);   /* not yet */
  tl_test_screenshot (GTK_WIDGET (import), "import-bundle-sender");
  g_signal_emit_by_name (tl_test_find_button (GTK_WIDGET (import), "_Import Tips"), "clicked");
  tl_test_iterate (100);
  g_assert_true (tl_test_wait (import_done_cb, import, 30000));
  tl_test_iterate (200);
  text = tl_test_collect_text (GTK_WIDGET (import));
  g_assert_nonnull (strstr (text, "1 new tip added"));
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, NULL), ==, 2);
  gtk_window_close (GTK_WINDOW (import));
  tl_test_iterate (100);

  /* The same bundle cut short: one sentence, nothing imported. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (incoming, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (incoming, contents, length / 2, NULL));
  }
  import = _tl_window_import_paths (fixture->window, paths);
  g_assert_true (tl_test_wait (import_done_cb, import, 30000));
  tl_test_iterate (200);
  g_clear_pointer (&text, g_free);
  text = tl_test_collect_text (GTK_WIDGET (import));
  g_assert_nonnull (strstr (text, "Nothing Was Imported"));
  g_assert_nonnull (strstr (text, "is incomplete"));
  tl_test_screenshot (GTK_WIDGET (import), "import-bundle-cut");
  gtk_window_close (GTK_WINDOW (import));
  tl_test_iterate (100);
}

/* With no agency saved, sealing is offered but cannot run, and says where to add one;
 * a plain format still can. */
static void
test_no_agency (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  TlExportDialog *export;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-report", NULL));
  tl_test_iterate (300);
  export = TL_EXPORT_DIALOG (find_toplevel (TL_TYPE_EXPORT_DIALOG));
  text = tl_test_collect_text (GTK_WIDGET (export));
  g_assert_nonnull (strstr (text, "No agency keys are saved yet"));
  g_assert_false (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (export), "_Export…")));
  g_assert_false (tl_export_dialog_set_sealed_for (export, "Nobody"));
  tl_export_dialog_set_format (export, TL_REPORT_TEXT);
  tl_test_iterate (100);
  g_assert_true (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (export), "_Export…")));
  gtk_window_close (GTK_WINDOW (export));
  tl_test_iterate (100);
}


static guint
count_exports (TlStore    *store,
               const char *tip_id)
{
  g_autoptr(GPtrArray) audit = tl_store_list_audit (store, tip_id, NULL);
  guint n = 0;

  for (guint i = 0; audit != NULL && i < audit->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (audit, i))->action == TL_AUDIT_EXPORT)
      n++;
  return n;
}

static gboolean
list_shows_cb (gpointer data)
{
  TlWindow *window = data;

  return g_list_model_get_n_items (G_LIST_MODEL (window->model)) == 3;
}

/* The rows the list shows, checked or not, by what a screen reader gets. */
static guint
count_checked_rows (TlWindow *window)
{
  guint n = 0;

  for (guint i = 0; i < window->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (window->list_rows, i);
      GtkWidget *check = tl_test_find (row, GTK_TYPE_CHECK_BUTTON, 0);

      if (check == NULL || !gtk_widget_get_mapped (row) || !gtk_widget_get_visible (check))
        continue;
      /* a screen reader hears the mark on the list item it lands on */
      g_assert_null (gtk_test_accessible_check_state (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                                      GTK_ACCESSIBLE_STATE_CHECKED,
                                                      gtk_check_button_get_active (GTK_CHECK_BUTTON (check))
                                                      ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE));
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        n++;
    }
  return n;
}

/* The tip list's selection mode: two of three tips marked (the keyboard: Enter and
 * Space on a row; a click is the same "activate" as Enter), sealed together through the export dialog,
 * opened and imported by the recipient's store: both tips, the bundle's count, each
 * export in the audit log, and Escape leaves selection mode. */
static void
test_seal_several (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAgency) other = tl_store_get_agency_identity (fixture->other, NULL, &error);
  g_autoptr(TlAgency) own = tl_store_get_agency_identity (fixture->store, NULL, &error);
  g_autoptr(TlAgency) other_copy = tl_agency_copy (other);
  g_autoptr(TlAgency) own_copy = tl_agency_copy (own);
  g_autoptr(TlTip) second = new_tip ("Taos");
  g_autoptr(TlTip) third = new_tip ("Roswell");
  g_autoptr(TlBundle) bundle = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autofree char *bundle_path = g_build_filename (fixture->out, "task-force.tlbundle", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  TlWindow *window = fixture->window;
  TlExportDialog *export;
  /* what each step promises */
  const struct { const char *step; const char *text; } shown[] = {
    { "selection mode, nothing chosen", "No tips selected" },
    { "two chosen", "2 tips selected" },
    { "the dialog", "Tips in This Bundle" },
    { "the dialog's count", "2 tips in one bundle" },
  };

  other_copy->name = g_strdup ("Agency B");
  own_copy->name = g_strdup ("Agency A");
  g_assert_true (tl_store_add_agency (fixture->store, other_copy, &error));
  g_assert_true (tl_store_add_agency (fixture->other, own_copy, &error));
  g_assert_true (tl_store_save_tip (fixture->store, second, &error));
  g_assert_true (tl_store_save_tip (fixture->store, third, &error));
  g_assert_no_error (error);
  g_assert_true (tl_test_wait (list_shows_cb, window, 10000));
  tl_test_iterate (200);

  /* Select: checkboxes, the action bar; a row marks instead of opening. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-tips", NULL));
  tl_test_iterate (300);
  g_assert_true (gtk_action_bar_get_revealed (window->select_bar));
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window), shown[0].text));
  g_assert_false (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (window), "_Seal for Agency…")));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TlTipItem) item = g_list_model_get_item (G_LIST_MODEL (window->model), i);

      g_ptr_array_add (ids, g_strdup (tl_tip_item_get_id (item)));
    }
  if (tl_test_can_press_keys ())
    {
      /* the list has the focus: Enter marks the first tip, Down, Space the second */
      tl_test_press_key (GTK_WINDOW (window), GDK_KEY_Home, 0);
      tl_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, 0);
      tl_test_press_key (GTK_WINDOW (window), GDK_KEY_Down, 0);
      tl_test_press_key (GTK_WINDOW (window), GDK_KEY_space, 0);
      tl_test_iterate (200);
    }
  else
    {
      g_signal_emit_by_name (window->list_view, "activate", 0);
      g_signal_emit_by_name (window->list_view, "activate", 1);
    }
  /* a third marked and unmarked again */
  g_signal_emit_by_name (window->list_view, "activate", 2);
  g_signal_emit_by_name (window->list_view, "activate", 2);
  tl_test_iterate (200);
  g_assert_cmpuint (_tl_window_select_get_chosen (window)->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (g_ptr_array_index (_tl_window_select_get_chosen (window), i), ==, g_ptr_array_index (ids, i));
  g_assert_cmpuint (count_checked_rows (window), ==, 2);
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window), shown[1].text));
  /* the open tip stayed open: marking is not opening */
  g_assert_cmpstr (tl_tip_editor_get_tip (window->editor)->id, ==, fixture->tip->id);
  tl_test_screenshot (GTK_WIDGET (window), "select-tips");

  /* Seal for Agency… opens the export dialog for both tips. */
  g_signal_emit_by_name (tl_test_find_button (GTK_WIDGET (window), "_Seal for Agency…"), "clicked");
  tl_test_iterate (300);
  export = TL_EXPORT_DIALOG (find_toplevel (TL_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (export);
  g_assert_cmpuint (tl_export_dialog_get_n_tips (export), ==, 2);
  g_assert_true (tl_export_dialog_set_sealed_for (export, "Agency B"));
  tl_export_dialog_set_profile (export, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  tl_test_iterate (100);
  text = tl_test_collect_text (GTK_WIDGET (export));
  for (guint i = 2; i < G_N_ELEMENTS (shown); i++)
    if (strstr (text, shown[i].text) == NULL)
      g_error ("%s: “%s” is not shown", shown[i].step, shown[i].text);
  g_assert_true (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (export), "_Seal…")));
  tl_test_screenshot (GTK_WIDGET (export), "seal-tips");
  g_assert_true (tl_export_dialog_export_to_path (export, bundle_path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (file_contains (bundle_path, VICTIM_NAME));
  g_assert_false (file_contains (bundle_path, STORY));
  gtk_window_close (GTK_WINDOW (export));
  tl_test_iterate (200);
  /* sealed: the list is back as it was */
  g_assert_false (window->selecting);
  g_assert_false (gtk_action_bar_get_revealed (window->select_bar));
  g_assert_cmpuint (count_checked_rows (window), ==, 0);

  /* Each tip's export is in this store's audit log; the third is not. */
  g_assert_cmpuint (count_exports (fixture->store, g_ptr_array_index (ids, 0)), ==, 1);
  g_assert_cmpuint (count_exports (fixture->store, g_ptr_array_index (ids, 1)), ==, 1);
  {
    g_autoptr(TlTipItem) item = g_list_model_get_item (G_LIST_MODEL (window->model), 2);

    g_assert_cmpuint (count_exports (fixture->store, tl_tip_item_get_id (item)), ==, 0);
  }

  /* B opens it: from Agency A, two tips, both imported. */
  bundle = tl_bundle_open (fixture->other, bundle_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bundle->sender->name, ==, "Agency A");
  g_assert_cmpint (bundle->profile, ==, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  g_assert_cmpuint (bundle->tips->len, ==, 2);
  result = tl_bundle_import (fixture->other, bundle, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (fixture->other, NULL, NULL), ==, 2);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TlTip) got = tl_store_load_tip (fixture->other, g_ptr_array_index (ids, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (got);
    }

  /* Escape leaves selection mode and forgets what was chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-tips", NULL));
  g_signal_emit_by_name (window->list_view, "activate", 0);
  tl_test_iterate (100);
  g_assert_cmpuint (_tl_window_select_get_chosen (window)->len, ==, 1);
  if (tl_test_can_press_keys ())
    tl_test_press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-selection", NULL));
  tl_test_iterate (200);
  g_assert_false (window->selecting);
  g_assert_cmpuint (_tl_window_select_get_chosen (window)->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (window->main_menu_button));
}

static void
remove_data_home (void)
{
  tl_test_remove_tree (data_home);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  data_home = tl_test_make_tmp_dir ("data-home");
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  atexit (remove_data_home);

  /* keep accessible states, for the selection mode's marks */
  g_setenv ("GTK_A11Y", "test", TRUE);
  tl_test_display_init (&argc, &argv);

  g_test_add ("/bundles/agencies-export-import", Fixture, NULL,
              fixture_set_up, test_agencies_export_import, fixture_tear_down);
  g_test_add ("/bundles/no-agency", Fixture, NULL,
              fixture_set_up, test_no_agency, fixture_tear_down);
  g_test_add ("/bundles/seal-several", Fixture, NULL,
              fixture_set_up, test_seal_several, fixture_tear_down);
  return g_test_run ();
}
