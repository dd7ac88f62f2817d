/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "tl-test-display.h"
#include "tl-tip-editor.h"

/* Run by test-autosave: unlocks the store in ARGV[1], starts a new tip, types into it,
 * waits until the window's autosave wrote the draft, says so on stdout, and then waits
 * to be killed with SIGKILL, as a crash or power cut would end it. */

static gboolean
draft_saved_cb (gpointer data)
{
  TlStore *store = data;
  g_autoptr(GPtrArray) drafts = tl_store_list_drafts (store, NULL);

  return drafts != NULL && drafts->len > 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlStore) store = NULL;
  TlWindow *window;
  GtkWidget *editor;
  GtkWidget *field = NULL;

  tl_test_display_init (&argc, &argv);
  g_assert_cmpint (argc, ==, 2);

  store = tl_store_new (argv[1]);
  window = tl_test_window_new (store);
  tl_test_unlock (window, TL_TEST_PASSPHRASE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-tip", NULL));
  tl_test_iterate (100);
  editor = tl_test_find (GTK_WIDGET (window), TL_TYPE_TIP_EDITOR, 0);
  for (guint i = 0; field == NULL; i++)
    {
      GtkWidget *candidate = tl_test_find (editor, GTK_TYPE_EDITABLE, i);

      g_assert_nonnull (candidate);
      if (gtk_editable_get_editable (GTK_EDITABLE (candidate)) && gtk_widget_is_sensitive (candidate))
        field = candidate;
    }
  gtk_editable_set_text (GTK_EDITABLE (field), TL_TEST_MARKER);

  /* Nothing is written until the editor has been quiet for a moment. */
  g_assert_false (draft_saved_cb (store));
  g_assert_true (tl_test_wait (draft_saved_cb, store, 10000));

  printf ("draft-saved %s\n", tl_tip_editor_get_tip (TL_TIP_EDITOR (editor))->id);
  fflush (stdout);

  for (;;)
    g_main_context_iteration (NULL, TRUE);
}
