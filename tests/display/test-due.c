/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-due-window.h"
#include "tl-store-testing.h"
#include "tl-test-display.h"
#include "tl-window-private.h"

/* The Due view (issue 19): an overdue follow-up shows in it and in the count on the
 * list's header, marking it done takes it out of both, the list can be filtered to the
 * tips with an overdue follow-up, and a tip about to expire under the retention
 * schedule is listed with Keep Longer (screenshots due.png, due-expiring.png). */

#define OVERDUE_WHAT "Send the written follow-up report"
#define LATER_WHAT "Check on the shelter referral"
#define DAY (24 * 3600)

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

static TlTip *
save_tip (Fixture     *fixture,
          TlTipStatus  status)
{
  g_autoptr(GError) error = NULL;
  TlTip *tip = tl_tip_new ();

  tip->status = status;
  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Las Cruces");
  tl_set_str (&tip->location.state, "NM");
  g_assert_true (tl_store_save_tip (fixture->store, tip, &error));
  g_assert_no_error (error);
  return tip;
}

static TlDueWindow *
find_due_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (TL_IS_DUE_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
due_window_shown_cb (gpointer data)
{
  return find_due_window () != NULL;
}

/* An icon button found by its accessible name, which is also its tooltip. */
static GtkWidget *
find_named_button (GtkWidget  *root,
                   const char *name)
{
  GtkWidget *button;

  for (guint i = 0; (button = tl_test_find (root, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (button), name) == 0 && gtk_widget_get_visible (button))
      return button;
  return NULL;
}

static const char *
header_count (Fixture *fixture)
{
  return gtk_label_get_text (fixture->window->due_count_label);
}

static void
test_overdue_done (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TlTip) late = save_tip (fixture, TL_TIP_STATUS_OPEN);
  g_autoptr(TlTip) other = save_tip (fixture, TL_TIP_STATUS_OPEN);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  TlDueWindow *due;
  GtkWidget *done;

  g_assert_cmpint (tl_store_add_follow_up (fixture->store, late->id, OVERDUE_WHAT, now - 3600, &error), >, 0);
  g_assert_cmpint (tl_store_add_follow_up (fixture->store, other->id, LATER_WHAT, now + 8 * DAY, &error), >, 0);
  g_assert_no_error (error);

  /* Opening the view counts again; the header button carries the count and says it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-due", NULL));
  g_assert_true (tl_test_wait (due_window_shown_cb, NULL, 10000));
  due = find_due_window ();
  tl_test_iterate (200);
  g_assert_true (gtk_widget_get_visible (fixture->window->due_button));
  g_assert_cmpstr (header_count (fixture), ==, "1");
  g_assert_cmpuint (tl_due_window_get_n_due (due), ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (fixture->window->due_button), ==,
                   "Due: 1 follow-up today or overdue");
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (due), OVERDUE_WHAT));
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (due), "Overdue"));
  g_assert_null (tl_test_find_visible_label (GTK_WIDGET (due), LATER_WHAT));
  /* Every button in the view has a name for screen readers. */
  for (guint i = 0;; i++)
    {
      GtkWidget *button = tl_test_find (GTK_WIDGET (due), GTK_TYPE_BUTTON, i);

      if (button == NULL)
        break;
      if (gtk_widget_get_visible (button) && gtk_widget_get_parent (button) != NULL &&
          gtk_widget_get_tooltip_text (button) == NULL && gtk_button_get_label (GTK_BUTTON (button)) == NULL &&
          gtk_button_get_icon_name (GTK_BUTTON (button)) != NULL)
        g_assert_not_reached ();
    }
  tl_test_screenshot (GTK_WIDGET (due), "due");
  tl_test_screenshot (GTK_WIDGET (fixture->window), "due-header");

  /* The list filtered to tips with an overdue follow-up: one of the two. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->window->model)), ==, 2);
  gtk_check_button_set_active (fixture->window->overdue_check, TRUE);
  tl_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->window->model)), ==, 1);

  /* Done: out of the view and the count, and in the audit log by number. */
  done = find_named_button (GTK_WIDGET (due), "Mark Done");
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  tl_test_iterate (300);
  g_assert_cmpstr (header_count (fixture), ==, "0");
  g_assert_cmpuint (tl_due_window_get_n_due (due), ==, 0);
  g_assert_null (tl_test_find_visible_label (GTK_WIDGET (due), OVERDUE_WHAT));
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (due), "Nothing Is Due"));
  {
    g_autoptr(GPtrArray) audit = tl_store_list_audit (fixture->store, late->id, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < audit->len; i++)
      {
        const TlAuditEntry *entry = g_ptr_array_index (audit, i);

        if (entry->action == TL_AUDIT_FOLLOW_UP_DONE)
          found = TRUE;
        g_assert_null (entry->detail != NULL ? strstr (entry->detail, "written") : NULL);
      }
    g_assert_true (found);
  }

  /* The filter follows: the tip has no overdue follow-up any more. */
  gtk_check_button_set_active (fixture->window->overdue_check, FALSE);
  gtk_check_button_set_active (fixture->window->overdue_check, TRUE);
  tl_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->window->model)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-filters", NULL);
}

/* A closed tip 10 days before its seventh year is listed under Expiring Soon, with Keep
 * Longer; a tip opened from the view comes up in the editor. */
static void
test_expiring (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TlTip) closed = save_tip (fixture, TL_TIP_STATUS_CLOSED);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) seven = g_date_time_add_years (now, -7);
  g_autoptr(GDateTime) modified = g_date_time_add_days (seven, 10);
  gint64 at = g_date_time_to_unix (modified) * G_USEC_PER_SEC;
  g_autofree char *sql = g_strdup_printf ("UPDATE tips SET modified = %" G_GINT64_FORMAT ", stored = %" G_GINT64_FORMAT
                                          " WHERE id = '%s'", at, at, closed->id);
  TlDueWindow *due;
  GtkWidget *open;

  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fixture->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  if (tl_test_can_press_keys ())
    tl_test_press_key (GTK_WINDOW (fixture->window), GDK_KEY_d, GDK_CONTROL_MASK);
  else
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-due", NULL);
  g_assert_true (tl_test_wait (due_window_shown_cb, NULL, 10000));
  due = find_due_window ();
  tl_test_iterate (200);
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (due), "Expiring Soon"));
  g_assert_nonnull (tl_test_find_button (GTK_WIDGET (due), "Keep Longer…"));
  tl_test_screenshot (GTK_WIDGET (due), "due-expiring");

  open = find_named_button (GTK_WIDGET (due), "Open Tip");
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  tl_test_iterate (300);
  g_assert_nonnull (tl_tip_editor_get_tip (fixture->window->editor));
  g_assert_cmpstr (tl_tip_editor_get_tip (fixture->window->editor)->id, ==, closed->id);

  /* Add Follow-up… for the tip in the editor: asked what and when, then counted. */
  gtk_window_destroy (GTK_WINDOW (due));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-follow-up", NULL));
  tl_test_iterate (300);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *ask = NULL;
    GtkWidget *entry;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        ask = l->data;
    g_assert_nonnull (ask);
    g_assert_false (adw_message_dialog_get_response_enabled (ask, "confirm"));
    entry = tl_test_find (GTK_WIDGET (ask), GTK_TYPE_ENTRY, 0);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Call the prosecutor's office");
    g_assert_true (adw_message_dialog_get_response_enabled (ask, "confirm"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (tl_test_find (GTK_WIDGET (ask), GTK_TYPE_DROP_DOWN, 0)), 0);
    adw_message_dialog_response (ask, "confirm");
    tl_test_iterate (300);
  }
  {
    g_autoptr(GPtrArray) added = tl_store_list_follow_ups (fixture->store, closed->id, 0, FALSE, NULL);

    g_assert_cmpuint (added->len, ==, 1);
    g_assert_cmpstr (((TlFollowUp *) g_ptr_array_index (added, 0))->what, ==, "Call the prosecutor's office");
  }
  /* Due within the hour: the header counts it when that is still today. */
  {
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 tl_store_count_due_follow_ups (fixture->store,
                                                                                tl_follow_up_end_of_day (today), NULL));

    g_assert_cmpstr (header_count (fixture), ==, expected);
  }
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

static gboolean
purge_asked_cb (gpointer data)
{
  return find_dialog ("Purge 1 Expired Tip?") != NULL;
}

/* At unlock, a closed tip eight years old: Tipline asks before purging it, purges it
 * when told to, keeps the open one, and says how many went. */
static void
test_purge_at_unlock (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(TlTip) closed = NULL;
  g_autoptr(TlTip) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 old = (g_get_real_time () / G_USEC_PER_SEC - 8 * 366 * DAY) * G_USEC_PER_SEC;
  Fixture fixture = { NULL, NULL, NULL };
  TlWindow *window;

  g_assert_true (tl_store_unlock (store, TL_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  fixture.store = store;
  closed = save_tip (&fixture, TL_TIP_STATUS_CLOSED);
  open = save_tip (&fixture, TL_TIP_STATUS_OPEN);
  sql = g_strdup_printf ("UPDATE tips SET modified = %" G_GINT64_FORMAT ", stored = %" G_GINT64_FORMAT
                         " WHERE id = '%s'", old, old, closed->id);
  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  tl_store_lock (store);

  window = tl_test_window_new (store);
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (tl_test_wait (purge_asked_cb, NULL, 10000));
  tl_test_screenshot (GTK_WIDGET (find_dialog ("Purge 1 Expired Tip?")), "due-purge-question");
  g_assert_cmpint (tl_store_count_tips (store, NULL, NULL), ==, 2);

  adw_message_dialog_response (find_dialog ("Purge 1 Expired Tip?"), "purge");
  tl_test_iterate (300);
  g_assert_cmpint (tl_store_count_tips (store, NULL, NULL), ==, 1);
  g_assert_nonnull (window->toast);
  g_assert_cmpstr (adw_toast_get_title (window->toast), ==, "1 expired tip or draft purged");
  g_assert_cmpint (tl_store_count_tips (store, NULL, NULL), ==, 1);
  {
    g_autoptr(TlTip) kept = tl_store_load_tip (store, open->id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (kept);
  }
  tl_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

  g_test_add ("/due/overdue-done", Fixture, NULL, fixture_set_up, test_overdue_done, fixture_tear_down);
  g_test_add ("/due/expiring", Fixture, NULL, fixture_set_up, test_expiring, fixture_tear_down);
  g_test_add_func ("/due/purge-at-unlock", test_purge_at_unlock);

  return g_test_run ();
}
