/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-security"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-application-private.h"
#include "tl-audit-window.h"
#include "tl-backup-restore.h"
#include "tl-clipboard.h"
#include "tl-preferences-window.h"
#include "tl-recovery-code-dialog.h"
#include "tl-secret-prompt.h"
#include "tl-security-page.h"
#include "tl-test-display.h"
#include "tl-unlock-page.h"

/* Issue 7 in the app: the recovery code at creation, passphrases added and removed in
 * the preferences, the clipboard clearing itself, locking with the screen saver, a
 * damaged store offering its backup, and a tip's history. */

#define SECOND_PASSPHRASE "a second advocate's passphrase"

/* helpers */

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

static gboolean
toplevel_shown_cb (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
wait_toplevel (GType type)
{
  g_assert_true (tl_test_wait (toplevel_shown_cb, GSIZE_TO_POINTER (type), 60000));
  tl_test_iterate (100);
  return find_toplevel (type);
}

/* A message dialog with this heading: a dialog that another step left behind, closing
 * while this one is awaited, is not taken for it. */
static gboolean
message_shown_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), data) == 0)
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
wait_message (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (tl_test_wait (message_shown_cb, (gpointer) heading, 60000));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  g_assert_not_reached ();
}

static gboolean
no_message_cb (gpointer data)
{
  return !message_shown_cb (data);
}

typedef struct
{
  GtkWidget  *page;
  const char *label;
} LabelWait;

static gboolean
label_shown_cb (gpointer data)
{
  LabelWait *wait = data;

  return tl_test_find_visible_label (wait->page, wait->label) != NULL;
}

static gboolean
label_gone_cb (gpointer data)
{
  return !label_shown_cb (data);
}

static gboolean
unlocked_cb (gpointer data)
{
  return tl_store_is_unlocked (tl_window_get_store (data));
}

static gboolean
page_idle_cb (gpointer data)
{
  return !tl_security_page_is_busy (data);
}

static gboolean
opens_with (const char *dir,
            const char *passphrase)
{
  g_autoptr(TlStore) store = tl_store_new (dir);
  gboolean ok = tl_store_unlock (store, passphrase, NULL);

  tl_store_lock (store);
  return ok;
}

static void
set_row (GtkWidget  *root,
         GType       type,
         guint       nth,
         const char *text)
{
  GtkWidget *row = tl_test_find (root, type, nth);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
lock_window (TlWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (tl_test_application ()), "lock", NULL);
  tl_test_iterate (200);
  g_assert_false (tl_store_is_unlocked (tl_window_get_store (window)));
}

/* tests */

static void
test_create_recovery_code (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_store_new (dir);
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  TlWindow *window = tl_test_window_new (store);
  GtkWindow *dialog;
  GtkWidget *label;

  set_row (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, TL_TEST_PASSPHRASE);
  set_row (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 1, TL_TEST_PASSPHRASE);
  gtk_widget_activate (tl_test_find_button (GTK_WIDGET (window), "Create Store"));

  dialog = wait_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG);
  label = tl_test_find_visible_label (GTK_WIDGET (dialog), "Recovery Code");
  g_assert_nonnull (label);
  for (guint i = 0; (label = tl_test_find (GTK_WIDGET (dialog), GTK_TYPE_LABEL, i)) != NULL; i++)
    if (gtk_widget_has_css_class (label, "tl-recovery-code"))
      break;
  g_assert_nonnull (label);
  code = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  g_assert_cmpuint (strlen (code), ==, 47);
  tl_test_screenshot (GTK_WIDGET (dialog), "security-recovery-code");

  /* The tips appear only once the advocate says the code is written down. */
  g_assert_false (g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (tl_test_find (GTK_WIDGET (window), GTK_TYPE_STACK, 0))), "main"));
  gtk_widget_activate (tl_test_find_button (GTK_WIDGET (dialog), "I Have Written It Down"));
  tl_test_iterate (300);
  g_assert_null (find_toplevel (TL_TYPE_RECOVERY_CODE_DIALOG));
  g_assert_true (tl_store_is_unlocked (store));
  text = tl_test_collect_text (GTK_WIDGET (window));
  g_assert_null (strstr (text, code));

  /* The slot carries a name, and the code opens the store through the same entry. */
  lock_window (window);
  tl_test_unlock (window, code);
  g_assert_true (tl_test_wait (unlocked_cb, window, 60000));

  tl_test_window_destroy (window);
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

static TlSecurityPage *
open_security_page (TlWindow   *window,
                    TlStore    *store,
                    GtkWidget **preferences)
{
  TlSecurityPage *page;

  g_assert_true (tl_window_get_store (window) == store);
  *preferences = tl_preferences_window_new (tl_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (*preferences), GTK_WINDOW (window));
  tl_preferences_window_add_security_page (TL_PREFERENCES_WINDOW (*preferences));
  page = TL_SECURITY_PAGE (find_any (*preferences, TL_TYPE_SECURITY_PAGE));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (*preferences), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (*preferences), 640, 720);
  gtk_window_present (GTK_WINDOW (*preferences));
  tl_test_iterate (300);
  return page;
}

static void
test_add_remove_passphrase (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window = tl_test_window_new (store);
  GtkWidget *preferences;
  GtkWindow *prompt;
  TlSecurityPage *page;
  GtkWidget *button;

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  page = open_security_page (window, store, &preferences);

  /* Add a passphrase for a second advocate. */
  button = tl_test_find_button (GTK_WIDGET (page), "_Add Passphrase…");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  prompt = wait_toplevel (TL_TYPE_SECRET_PROMPT);
  set_row (GTK_WIDGET (prompt), ADW_TYPE_ENTRY_ROW, 0, "Rosa");
  set_row (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, SECOND_PASSPHRASE);
  set_row (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 1, SECOND_PASSPHRASE);
  set_row (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 2, TL_TEST_PASSPHRASE);
  tl_test_screenshot (GTK_WIDGET (prompt), "security-add-passphrase");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (prompt), "accept"));
  g_signal_emit_by_name (tl_test_find (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 2), "entry-activated");
  tl_test_iterate (100);
  g_assert_true (tl_test_wait (label_shown_cb, &(LabelWait) { GTK_WIDGET (page), "Rosa" }, 60000));
  g_assert_true (tl_test_wait (page_idle_cb, page, 60000));
  tl_test_iterate (300);
  tl_test_screenshot (preferences, "security-preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The new passphrase unlocks the window, and the audit log then names Rosa. */
  lock_window (window);
  tl_test_unlock (window, SECOND_PASSPHRASE);
  g_assert_true (tl_test_wait (unlocked_cb, window, 60000));
  tl_test_iterate (100);
  {
    g_autoptr(GPtrArray) entries = tl_store_list_audit (store, NULL, NULL);
    const TlAuditEntry *last = g_ptr_array_index (entries, entries->len - 1);

    g_assert_cmpint (last->action, ==, TL_AUDIT_UNLOCK);
    g_assert_cmpstr (last->advocate, ==, "Rosa");
  }

  /* Remove it again: the store is re-keyed in a thread. The second of the two
   * passphrase rows has the Remove button of Rosa's. */
  page = open_security_page (window, store, &preferences);
  button = NULL;
  for (guint i = 0; (button = tl_test_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (button)), "Rosa") == 0)
      break;
  g_assert_nonnull (button);
  button = tl_test_find_button (button, "_Remove…");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  prompt = wait_toplevel (TL_TYPE_SECRET_PROMPT);
  set_row (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, TL_TEST_PASSPHRASE);
  g_signal_emit_by_name (tl_test_find (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 0), "entry-activated");
  tl_test_iterate (100);
  /* Under load the re-key may start only after a while: wait for its outcome. */
  g_assert_true (tl_test_wait (label_gone_cb, &(LabelWait) { GTK_WIDGET (page), "Rosa" }, 120000));
  g_assert_true (tl_test_wait (page_idle_cb, page, 120000));
  tl_test_iterate (300);
  gtk_window_destroy (GTK_WINDOW (preferences));

  lock_window (window);
  g_assert_false (opens_with (dir, SECOND_PASSPHRASE));
  g_assert_true (opens_with (dir, TL_TEST_PASSPHRASE));
  tl_test_unlock (window, TL_TEST_PASSPHRASE);

  tl_test_window_destroy (window);
}

static void
test_clipboard_clears (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window = tl_test_window_new (store);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  _tl_clipboard_set_clear_timeout (300);
  tl_copy_number (GTK_WIDGET (window), "18553337233");
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));
  tl_test_iterate (800);
  g_assert_null (gdk_clipboard_get_content (clipboard));

  /* Something copied since is left alone. */
  tl_copy_number (GTK_WIDGET (window), "18553337233");
  gdk_clipboard_set_text (clipboard, "the advocate's own text");
  tl_test_iterate (800);
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));

  _tl_clipboard_set_clear_timeout (TL_CLIPBOARD_CLEAR_MS);
  tl_test_window_destroy (window);
}

static gboolean
store_locked (gpointer data)
{
  return !tl_store_is_unlocked (data);
}

static void
test_screensaver_locks (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window = tl_test_window_new (store);
  GtkStack *stack = GTK_STACK (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
  gboolean register_session = FALSE;

  g_object_get (tl_test_application (), "register-session", &register_session, NULL);
  g_assert_true (register_session);

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  _tl_application_screensaver_changed (tl_test_application (), TRUE);
  g_assert_true (tl_test_wait (store_locked, store, 5000));

  /* The tips are gone in the frame the lock happens: no fade still drawing them. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "unlock");
  g_assert_false (gtk_stack_get_transition_running (stack));
  g_assert_false (gtk_widget_get_mapped (gtk_stack_get_child_by_name (stack, "main")));

  tl_test_window_destroy (window);
}

/* The tip list (not a drop-down's list of choices). */
static GtkWidget *
find_tip_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tip_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A worker thread holds the store through the context (an import, a backup, a key
 * change on the Security page): a lock asked for meanwhile waits until it lets go,
 * and the list reads no page while it holds. */
static void
test_hold_puts_off_lock (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window = tl_test_window_new (store);
  TlContext *context = tl_window_get_context (window);
  GtkListView *list;

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  list = GTK_LIST_VIEW (find_tip_list (GTK_WIDGET (window)));
  g_assert_nonnull (list);
  g_assert_nonnull (gtk_list_view_get_model (list));
  g_assert_true (tl_context_get_store (context) == store);
  g_assert_false (tl_context_is_busy (context));

  tl_context_hold (context);
  tl_context_hold (context);
  g_assert_true (tl_context_is_busy (context));
  g_assert_null (gtk_list_view_get_model (list));
  tl_window_lock (window);
  g_assert_true (tl_store_is_unlocked (store));

  tl_context_release (context);
  g_assert_true (tl_context_is_busy (context));
  g_assert_true (tl_store_is_unlocked (store));
  tl_context_release (context);
  g_assert_false (tl_context_is_busy (context));
  g_assert_false (tl_store_is_unlocked (store));

  tl_test_window_destroy (window);
}

static void
test_damaged_offers_backup (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = tl_store_get_backup_dir (store);
  g_autofree char *backup = NULL;
  g_autofree char *db = g_build_filename (dir, "tipline.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  TlWindow *window;
  GtkWidget *button = NULL;

  g_assert_true (tl_store_unlock (store, TL_TEST_PASSPHRASE, &error));
  backup = tl_store_backup_rolling (store, backup_dir, 5, &error);
  g_assert_no_error (error);
  tl_store_lock (store);

  /* Cut the database short: damage the unlock must report, not repair. */
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (db, contents, length - 100, NULL));

  window = tl_test_window_new (store);
  set_row (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, TL_TEST_PASSPHRASE);
  g_signal_emit_by_name (tl_test_find (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0), "entry-activated");
  for (guint i = 0; i < 600 && button == NULL; i++)
    {
      tl_test_iterate (100);
      for (guint j = 0; (button = tl_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, j)) != NULL; j++)
        if (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (button)) ?: "", "_Restore Backup from"))
          break;
    }
  g_assert_nonnull (button);
  tl_test_screenshot (GTK_WIDGET (window), "security-damaged");

  gtk_widget_activate (button);
  {
    GtkWindow *prompt = wait_toplevel (TL_TYPE_SECRET_PROMPT);

    set_row (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, TL_TEST_PASSPHRASE);
    g_signal_emit_by_name (tl_test_find (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, 0), "entry-activated");
  }
  g_assert_true (tl_test_wait (unlocked_cb, window, 60000));
  tl_test_iterate (200);

  tl_test_window_destroy (window);
}

/* A failed automatic backup on close is not silent: the window stays open with a
 * dialog that says what failed and what to do; closing without a backup still works. */
static void
test_backup_failure_shown (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *not_a_folder = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *folder = g_build_filename (not_a_folder, "backups", NULL);
  g_autoptr(GtkWidget) held = NULL;
  g_autofree char *text = NULL;
  TlWindow *window = tl_test_window_new (store);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (not_a_folder, "", 0, NULL));
  g_settings_set_string (settings, "backup-folder", folder);
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  held = g_object_ref (GTK_WIDGET (window));

  /* As the window manager's close button or Ctrl+Q would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL) ||
                 (gtk_window_close (GTK_WINDOW (window)), TRUE));
  dialog = wait_message ("The Automatic Backup Failed");
  g_assert_true (gtk_widget_get_visible (held));
  text = g_strdup (adw_message_dialog_get_body (dialog));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "could not be made"));
  g_assert_nonnull (strstr (text, "Choose another folder"));
  g_assert_true (adw_message_dialog_has_response (dialog, "back-up"));
  g_assert_true (tl_store_is_unlocked (store));
  tl_test_screenshot (GTK_WIDGET (dialog), "security-backup-failed");

  /* Keeping it open keeps it open; asking to close again asks again. */
  adw_message_dialog_response (dialog, "keep");
  gtk_window_close (GTK_WINDOW (dialog));   /* as a click on the button does */
  g_assert_true (tl_test_wait (no_message_cb, (gpointer) "The Automatic Backup Failed", 10000));
  tl_test_iterate (200);
  g_assert_true (gtk_widget_get_visible (held));
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_message ("The Automatic Backup Failed");

  /* Closing without a backup closes. */
  adw_message_dialog_response (dialog, "close");
  tl_test_iterate (300);
  g_assert_false (gtk_widget_get_visible (held));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  g_settings_reset (settings, "backup-folder");
}

static void
test_history (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window = tl_test_window_new (store);
  GtkWindow *history;

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-tip", NULL));
  tl_test_iterate (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-tip", NULL));
  tl_test_iterate (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tip-history", NULL));
  history = wait_toplevel (TL_TYPE_AUDIT_WINDOW);
  g_assert_nonnull (tl_test_find_visible_label (GTK_WIDGET (history), "Created"));
  tl_test_screenshot (GTK_WIDGET (history), "security-history");

  /* A lock closes it. */
  lock_window (window);
  g_assert_null (find_toplevel (TL_TYPE_AUDIT_WINDOW));

  tl_test_window_destroy (window);
}

/* Issue 16: unlock after a clean close does not read every page; the window's worker
 * check finds a damaged page once the list shows and says so, and writes wait. */
static void
test_damage_found_after_unlock (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "tipline.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) narrative = g_string_new (NULL);
  gsize length;
  TlWindow *window;
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (narrative, "word%u ", i);
  g_assert_true (tl_store_unlock (store, TL_TEST_PASSPHRASE, &error));
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();

      tl_set_str (&tip->narrative, narrative->str);
      g_assert_true (tl_store_save_tip (store, tip, &error));
    }
  tl_store_lock (store);

  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  contents[(length / 2 / 1024) * 1024 + 500] ^= 0x5a;
  g_assert_true (g_file_set_contents (db, contents, length, NULL));

  window = tl_test_window_new (store);
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (tl_store_is_unlocked (store));
  dialog = wait_message ("The Store Is Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "tipline.db"));
  g_assert_true (tl_store_is_damaged (store));
  adw_message_dialog_response (dialog, "read-only");
  tl_test_iterate (100);
  g_assert_true (tl_store_is_damaged (store));

  tl_test_window_destroy (window);
}

static guint
count_backups (const char *folder)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, ".tlbackup");
  return n;
}

static gboolean
no_close_backup_cb (gpointer data)
{
  return !tl_backup_on_close_running ();
}

/* Issue 16: the automatic backup on close runs while the window is hidden, on a worker
 * thread, and is skipped when the session changed no tip. */
static void
test_backup_on_close_background (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;
  TlWindow *window;

  g_settings_set_uint (settings, "backup-count", 3);

  /* A session that saves a tip: one backup, written after the window closed. */
  window = tl_test_window_new (store);
  folder = tl_backup_dup_folder (tl_window_get_context (window));
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  {
    g_autoptr(TlTip) tip = tl_tip_new ();

    g_assert_true (tl_store_save_tip (store, tip, &error));
  }
  gtk_window_close (GTK_WINDOW (window));
  /* The window is gone while the backup still runs. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (tl_backup_on_close_running ());
  g_assert_true (tl_test_wait (no_close_backup_cb, NULL, 60000));
  g_assert_cmpuint (count_backups (folder), ==, 1);
  tl_store_lock (store);
  tl_test_iterate (50);

  /* A session that changes nothing: none. */
  window = tl_test_window_new (store);
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (tl_backup_on_close_running ());
  g_assert_cmpuint (count_backups (folder), ==, 1);
  tl_store_lock (store);
  tl_test_iterate (50);

  {
    g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
      }
    g_rmdir (folder);
  }
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

  g_test_add_func ("/security/create-recovery-code", test_create_recovery_code);
  g_test_add_func ("/security/add-remove-passphrase", test_add_remove_passphrase);
  g_test_add_func ("/security/clipboard-clears", test_clipboard_clears);
  g_test_add_func ("/security/screensaver-locks", test_screensaver_locks);
  g_test_add_func ("/security/hold-puts-off-lock", test_hold_puts_off_lock);
  g_test_add_func ("/security/damaged-offers-backup", test_damaged_offers_backup);
  g_test_add_func ("/security/damage-found-after-unlock", test_damage_found_after_unlock);
  g_test_add_func ("/security/backup-on-close-background", test_backup_on_close_background);
  g_test_add_func ("/security/history", test_history);
  g_test_add_func ("/security/backup-failure-shown", test_backup_failure_shown);

  return g_test_run ();
}
