/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "tl-i18n.h"
#include "tl-office-page.h"
#include "tl-office.h"
#include "tl-preferences-window.h"
#include "tl-sync-indicator.h"
#include "tl-test-display.h"
#include "tl-test-util.h"

/* The page's words in the language under test (TL_TEST_LANGUAGE=es runs it in Spanish,
 * for the fit of the longer words). */
#define T(text) g_dgettext (GETTEXT_PACKAGE, text)

/* Issue 21 in the app: the Office page of Preferences (create or join, members with
 * their last sync, conflicts resolved from the page) and the header's sync indicator.
 * The window's store and a second store in this process share one office folder. */

/* Any widget of a type, shown or not. */
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

static GtkWidget *
open_office_page (TlWindow   *window,
                  GtkWidget **preferences)
{
  GtkWidget *page;

  *preferences = tl_preferences_window_new (tl_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (*preferences), GTK_WINDOW (window));
  tl_preferences_window_add_office_page (TL_PREFERENCES_WINDOW (*preferences));
  page = find_any (*preferences, TL_TYPE_OFFICE_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (*preferences), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (*preferences), 720, 760);
  gtk_window_present (GTK_WINDOW (*preferences));
  tl_test_iterate (300);
  return page;
}

static void
sync_ok (TlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlOfficeSyncResult) result = tl_office_sync (store, TL_OFFICE_SYNC_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->problems->len, ==, 0);
}

static void
set_narrative (TlStore    *store,
               const char *id,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_store_load_tip (store, id, &error);

  g_assert_no_error (error);
  tl_set_str (&tip->narrative, text);
  tl_tip_touch (tip);
  g_assert_true (tl_store_save_tip (store, tip, &error));
  g_assert_no_error (error);
}

/* Every button on the page has a name a screen reader says. */
static void
assert_buttons_named (GtkWidget *root)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *button = tl_test_find (root, GTK_TYPE_BUTTON, i);
      g_autofree char *text = NULL;

      if (button == NULL)
        break;
      if (!gtk_widget_get_mapped (button))
        continue;
      text = tl_test_collect_text (button);
      g_assert_true ((text != NULL && text[0] != '\0') || gtk_widget_get_tooltip_text (button) != NULL);
    }
}

static gboolean
store_free_cb (gpointer context)
{
  return !tl_context_is_busy (context);
}

/* A sync from the indicator runs on a worker thread: the window stays responsive and
 * writes nothing meanwhile; the state shows once it is done. */
static void
indicator_sync (TlSyncIndicator *indicator)
{
  while (tl_sync_indicator_is_syncing (indicator))      /* its own, on a timer */
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_sync_indicator_sync (indicator));
  g_assert_true (tl_sync_indicator_is_syncing (indicator));
  g_assert_false (tl_sync_indicator_sync (indicator));  /* never two at once */
  while (tl_sync_indicator_is_syncing (indicator))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
keep_other_gone_cb (gpointer page)
{
  return tl_test_find_button (page, T ("Keep _Other")) == NULL;
}

static void
test_office_page (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autofree char *other_dir = tl_test_make_store_dir ();
  g_autofree char *folder = tl_test_make_tmp_dir ("display-office");
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(TlStore) other = tl_test_create_store (other_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_tip_new ();
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  TlWindow *window = tl_test_window_new (store);
  GtkWidget *preferences, *page, *indicator, *button;

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (tl_store_unlock (other, TL_TEST_PASSPHRASE, &error));

  /* Not in an office: create or join; no indicator in the header. */
  indicator = find_any (GTK_WIDGET (window), TL_TYPE_SYNC_INDICATOR);
  g_assert_nonnull (indicator);
  g_assert_false (gtk_widget_get_visible (indicator));
  page = open_office_page (window, &preferences);
  g_assert_nonnull (tl_test_find_button (page, T ("C_reate…")));
  g_assert_nonnull (tl_test_find_button (page, T ("_Join…")));
  assert_buttons_named (page);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The window's store makes the office, the other joins, both edit one field. */
  g_assert_true (tl_office_create (store, folder, "Office workstation", &error));
  g_assert_no_error (error);
  sync_ok (store);
  code = tl_office_invite (store, &error);
  g_assert_true (tl_office_join (other, folder, "Night laptop", code, &error));
  g_assert_no_error (error);
  sync_ok (store);
  sync_ok (other);
  tl_set_str (&tip->narrative, "First words.");
  g_assert_true (tl_store_save_tip (store, tip, &error));
  sync_ok (store);
  sync_ok (other);
  set_narrative (store, tip->id, "Typed at the office.");
  set_narrative (other, tip->id, "Typed on the laptop.");
  sync_ok (other);

  /* The indicator syncs when pressed and says there is a conflict. */
  indicator_sync (TL_SYNC_INDICATOR (indicator));
  g_assert_true (gtk_widget_get_visible (indicator));
  g_assert_true (gtk_widget_has_css_class (indicator, "warning"));
  g_assert_nonnull (strstr (tl_sync_indicator_get_state (TL_SYNC_INDICATOR (indicator)), " 1 "));
  tl_test_iterate (500);
  tl_test_screenshot (gtk_widget_get_ancestor (indicator, ADW_TYPE_HEADER_BAR), "office-indicator");

  /* The page: folder, members with their last sync, the conflict with both values. */
  page = open_office_page (window, &preferences);
  text = tl_test_collect_text (page);
  g_assert_nonnull (strstr (text, folder));
  g_assert_nonnull (strstr (text, "Office workstation"));
  g_assert_nonnull (strstr (text, "Night laptop"));
  g_assert_nonnull (strstr (text, "Typed at the office."));
  g_assert_nonnull (strstr (text, "Typed on the laptop."));
  g_assert_nonnull (tl_test_find_button (page, T ("_Invite…")));
  g_assert_nonnull (tl_test_find_button (page, T ("_Remove…")));
  assert_buttons_named (page);
  {
    const char *language = g_getenv ("TL_TEST_LANGUAGE");
    g_autofree char *name = g_strdup_printf ("office-page-%s", language != NULL ? language : "en");

    tl_test_screenshot (preferences, name);
  }

  /* Keep the other value: it is the tip's now, and the conflict is gone. */
  button = tl_test_find_button (page, T ("Keep _Other"));
  g_assert_nonnull (button);
  {
    g_autoptr(TlTip) before = tl_store_load_tip (store, tip->id, NULL);
    g_autofree char *shown = g_strdup (before->narrative);
    g_autoptr(TlTip) after = NULL;

    gtk_widget_activate (button);
    /* the page's sync runs on a worker thread holding the store */
    g_assert_true (tl_test_wait (store_free_cb, tl_window_get_context (window), 30000));
    tl_test_iterate (300);
    after = tl_store_load_tip (store, tip->id, NULL);
    g_assert_cmpstr (after->narrative, !=, shown);
  }
  /* the page lists the conflicts again after that sync: late on a loaded machine */
  g_assert_true (tl_test_wait (keep_other_gone_cb, page, 10000));
  g_free (text);
  text = tl_test_collect_text (page);
  g_assert_nonnull (strstr (text, T ("No conflicts")));
  sync_ok (other);
  {
    g_autoptr(GPtrArray) left = tl_office_list_conflicts (other, &error);

    g_assert_cmpuint (left->len, ==, 0);
  }
  indicator_sync (TL_SYNC_INDICATOR (indicator));
  g_assert_false (gtk_widget_has_css_class (indicator, "warning"));

  gtk_window_destroy (GTK_WINDOW (preferences));

  /* A lock asked for while the sync runs waits for it, then locks. */
  while (tl_sync_indicator_is_syncing (TL_SYNC_INDICATOR (indicator)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_sync_indicator_sync (TL_SYNC_INDICATOR (indicator)));
  tl_window_lock (TL_WINDOW (window));
  g_assert_true (tl_store_is_unlocked (store));
  while (tl_sync_indicator_is_syncing (TL_SYNC_INDICATOR (indicator)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tl_store_is_unlocked (store));
  tl_store_lock (other);
  tl_test_window_destroy (window);
  tl_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("TL_TEST_LANGUAGE");

  if (language != NULL)
    {
      tl_i18n_init ();
      tl_i18n_set_language (language);
    }
  tl_test_display_init (&argc, &argv);
  g_test_add_func ("/office/page", test_office_page);
  return g_test_run ();
}
