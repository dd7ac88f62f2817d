/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tl-recovery-code-dialog.h"
#include "tl-test-display.h"
#include "tl-unlock-page.h"

static gboolean
store_unlocked_cb (gpointer data)
{
  return tl_store_is_unlocked (data);
}

static gboolean
label_shown_cb (gpointer data)
{
  GtkWidget *window = data;

  return tl_test_find_visible_label (window, "The passphrase is wrong.") != NULL;
}

static gboolean
countdown_shown_cb (gpointer data)
{
  GtkWidget *window = data;

  return tl_test_find_visible_label (window, "The passphrase is wrong. Try again in 1 second.") != NULL;
}

/* First run: no store yet, so the window asks for a passphrase twice. */
static void
test_create (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_store_new (dir);
  TlWindow *window;
  GtkWidget *passphrase, *confirm, *button;

  window = tl_test_window_new (store);
  passphrase = tl_test_find (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0);
  confirm = tl_test_find (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 1);
  button = tl_test_find_button (GTK_WIDGET (window), "Create Store");
  g_assert_nonnull (passphrase);
  g_assert_nonnull (confirm);
  g_assert_nonnull (button);
  /* nothing typed yet: advice, not an error */
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window),
                                                "Use at least 8 characters. Several unrelated words work well."));
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (passphrase), "short");
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window),
                                                "Too short: use at least 8 characters. Several unrelated words work well."));
  g_assert_false (gtk_widget_is_sensitive (button));

  /* A mismatch is said plainly and blocks creation. */
  gtk_editable_set_text (GTK_EDITABLE (passphrase), TL_TEST_PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (confirm), "correct horse battery stable");
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window), "The passphrases do not match."));
  g_assert_false (gtk_widget_is_sensitive (button));

  gtk_editable_set_text (GTK_EDITABLE (confirm), TL_TEST_PASSPHRASE);
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window), "Strong passphrase."));
  g_assert_true (gtk_widget_is_sensitive (button));
  tl_test_screenshot (GTK_WIDGET (window), "create-page");

  /* The moderate key derivation takes a while: the page stays responsive meanwhile. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_is_sensitive (passphrase));
  g_assert_true (tl_test_wait (store_unlocked_cb, store, 60000));
  g_assert_true (tl_store_exists (store));
  tl_test_iterate (200);

  /* The recovery code is shown once (test-security.c); the tips come after it. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *written = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && written == NULL; i++)
      {
        g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

        if (TL_IS_RECOVERY_CODE_DIALOG (toplevel))
          written = tl_test_find_button (toplevel, "I Have Written It Down");
      }
    g_assert_nonnull (written);
    gtk_widget_activate (written);
    tl_test_iterate (200);
  }

  tl_test_screenshot (GTK_WIDGET (window), "empty-window");
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (window), "No Tips Yet"));

  tl_test_window_destroy (window);
}

/* Later runs: a wrong passphrase is said inline, then the right one opens the store. */
static void
test_unlock (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  TlUnlockPage *page;
  TlWindow *window;
  guint failed = 0;

  window = tl_test_window_new (store);
  page = TL_UNLOCK_PAGE (tl_test_find (GTK_WIDGET (window), TL_TYPE_UNLOCK_PAGE, 0));
  g_assert_nonnull (page);
  tl_test_screenshot (GTK_WIDGET (window), "unlock-page");

  tl_test_unlock (window, "not the passphrase");
  g_assert_true (tl_test_wait (label_shown_cb, window, 30000));
  g_assert_false (tl_store_is_unlocked (store));
  g_assert_cmpuint (tl_unlock_page_get_delay (page), ==, 0);

  /* The second failure makes the next attempt wait, with the entry insensitive. */
  tl_test_unlock (window, "still not it");
  g_assert_true (tl_test_wait (countdown_shown_cb, window, 30000));
  g_assert_cmpuint (tl_unlock_page_get_delay (page), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (tl_test_find (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0)));
  tl_test_screenshot (GTK_WIDGET (window), "unlock-page-wrong");

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (tl_store_is_unlocked (store));

  /* The store wrote each failure to the audit log. */
  audit = tl_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      TlAuditEntry *entry = g_ptr_array_index (audit, i);

      if (entry->action == TL_AUDIT_FAILED_UNLOCK)
        failed++;
    }
  g_assert_cmpuint (failed, ==, 2);

  tl_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

  g_test_add_func ("/start/create", test_create);
  g_test_add_func ("/start/unlock", test_unlock);

  return g_test_run ();
}
