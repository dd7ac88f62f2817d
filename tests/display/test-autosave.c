/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "tl-test-display.h"
#include "tl-tip-editor.h"

static gboolean
dialog_shown_cb (gpointer data)
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

/* A helper process types a tip, lets the autosave write a draft, and is killed with
 * SIGKILL. The next unlock offers the draft back, and restoring it brings the text. */
static void
test_kill_and_recover (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  g_autoptr(GSubprocess) helper = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  AdwMessageDialog *dialog = NULL;
  TlWindow *window;
  TlTip *tip;

  helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             g_getenv ("TL_AUTOSAVE_HELPER"), dir, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (helper));
  /* The helper's g_test_init() prints TAP comments first. */
  do
    {
      g_clear_pointer (&line, g_free);
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
    }
  while (!g_str_has_prefix (line, "draft-saved "));

  g_subprocess_send_signal (helper, SIGKILL);
  g_subprocess_wait (helper, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (helper));
  g_assert_cmpint (g_subprocess_get_term_sig (helper), ==, SIGKILL);

  window = tl_test_window_new (store);
  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  g_assert_true (tl_test_wait (dialog_shown_cb, &dialog, 5000));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Tipline closed before this tip was saved. Restore it?");
  tl_test_screenshot (GTK_WIDGET (dialog), "restore-draft-dialog");

  adw_message_dialog_response (dialog, "restore");
  tl_test_iterate (200);

  tip = tl_tip_editor_get_tip (TL_TIP_EDITOR (tl_test_find (GTK_WIDGET (window), TL_TYPE_TIP_EDITOR, 0)));
  g_assert_nonnull (tip);
  g_assert_cmpstr (tip->id, ==, line + strlen ("draft-saved "));

  tl_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

  g_test_add_func ("/autosave/kill-and-recover", test_kill_and_recover);

  return g_test_run ();
}
