/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-agencies-page.h"
#include "tl-attachment-viewer.h"
#include "tl-attachments-section.h"
#include "tl-export-dialog.h"
#include "tl-i18n.h"
#include "tl-due-window.h"
#include "tl-preferences-window.h"
#include "tl-routing-panel.h"
#include "tl-stats-window.h"
#include "tl-test-evidence.h"
#include "tl-test-display.h"
#include "tl-tip-editor.h"

/* Every main screen under LANGUAGE=es: no text on it may be an English message that has
 * a Spanish translation (that would be a string someone forgot to translate at run time,
 * e.g. a label set with a literal instead of _()). Each screen is also saved as a
 * screenshot for people to look at. */

static guint n_checked;

static void
assert_all_spanish (GtkWidget  *root,
                    const char *screen)
{
  g_autofree char *text = tl_test_collect_text (root);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint untranslated = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *spanish;

      if (line[0] == '\0')
        continue;
      n_checked++;
      spanish = g_dgettext (GETTEXT_PACKAGE, line);
      if (spanish != line && g_strcmp0 (spanish, line) != 0)
        {
          g_test_message ("%s: English text on screen: “%s” (Spanish: “%s”)", screen, line, spanish);
          untranslated++;
        }
    }

  g_assert_cmpuint (untranslated, ==, 0);
}

static gboolean
editor_shown_cb (gpointer data)
{
  return tl_test_find (data, TL_TYPE_TIP_EDITOR, 0) != NULL;
}

static void
show_view (GtkWidget  *panel,
           const char *name)
{
  GtkWidget *switcher = tl_test_find (panel, GTK_TYPE_STACK_SWITCHER, 0);

  g_assert_nonnull (switcher);
  gtk_stack_set_visible_child_name (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (switcher)), name);
  tl_test_iterate (100);
}

/* Any widget of type under root, shown or not (a preferences page not yet visible). */
static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
message_dialog_shown_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* issue 20: the tip's evidence with its remove buttons, the question asked before one
 * is removed, and a voicemail's player. */
static void
check_attachments (TlWindow    *window,
                   TlStore     *store,
                   TlTipEditor *editor)
{
  g_autoptr(GBytes) png = tl_test_evidence_plain_png ();
  g_autoptr(GBytes) wav = tl_test_evidence_wav ();
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  TlAttachmentsSection *attachments = TL_ATTACHMENTS_SECTION (tl_tip_editor_get_attachments (editor));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (attachments), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  AdwMessageDialog *dialog = NULL;
  GtkWidget *viewer;

  g_assert_true (tl_store_save_tip (store, tl_tip_editor_get_tip (editor), &error));
  g_assert_no_error (error);
  g_assert_true (tl_attachments_section_attach (attachments, "captura-anuncio.png", png));
  g_assert_true (tl_attachments_section_attach (attachments, "mensaje-de-voz.wav", wav));
  tl_test_iterate (200);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  tl_test_screenshot (GTK_WIDGET (window), "es-attachments");
  assert_all_spanish (GTK_WIDGET (window), "attachments");

  g_assert_true (gtk_widget_activate (tl_attachments_section_get_remove_button (attachments, 0)));
  g_assert_true (tl_test_wait (message_dialog_shown_cb, &dialog, 3000));
  tl_test_screenshot (GTK_WIDGET (dialog), "es-attachment-remove");
  assert_all_spanish (GTK_WIDGET (dialog), "remove attachment");
  adw_message_dialog_response (dialog, "cancel");

  stored = tl_store_list_attachments (store, tl_tip_editor_get_tip (editor)->id, &error);
  g_assert_cmpuint (stored->len, ==, 2);
  viewer = tl_attachment_viewer_new (store, g_ptr_array_index (stored, 1), wav);
  gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (viewer));
  tl_test_screenshot (viewer, "es-attachment-audio");
  assert_all_spanish (viewer, "audio viewer");
  gtk_window_destroy (GTK_WINDOW (viewer));
}

static void
test_main_screens (void)
{
  g_autofree char *dir = tl_test_make_store_dir ();
  g_autoptr(TlStore) store = tl_test_create_store (dir);
  TlWindow *window = tl_test_window_new (store);
  TlTipEditor *editor;
  TlTip *tip;
  TlVictim *victim;
  GtkWidget *panel, *preferences;
  TlStatsWindow *stats;

  /* the translation is really loaded: otherwise the test proves nothing */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Victim %u"), ==, "Víctima %u");

  tl_test_iterate (300);
  tl_test_screenshot (GTK_WIDGET (window), "es-unlock-page");
  assert_all_spanish (GTK_WIDGET (window), "unlock page");

  tl_test_unlock (window, TL_TEST_PASSPHRASE);
  tl_test_screenshot (GTK_WIDGET (window), "es-window-empty");
  assert_all_spanish (GTK_WIDGET (window), "empty window");

  /* A tip: an NM minor in danger, so every part of the routing panel has something. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-tip", NULL));
  g_assert_true (tl_test_wait (editor_shown_cb, window, 10000));
  editor = TL_TIP_EDITOR (tl_test_find (GTK_WIDGET (window), TL_TYPE_TIP_EDITOR, 0));
  tip = tl_tip_editor_get_tip (editor);
  tip->danger = TL_DANGER_IMMEDIATE;
  tip->type = TL_TRAFFICKING_SEX;
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->location.city, "Albuquerque");
  victim = tl_victim_new ();
  tl_set_str (&victim->age, "15");
  g_ptr_array_add (tip->victims, victim);
  tl_tip_editor_set_tip (editor, tip);
  g_signal_emit_by_name (editor, "changed");
  tl_test_iterate (TL_ROUTING_DELAY_MS + 400);

  tl_test_screenshot (GTK_WIDGET (window), "es-window-routing");
  assert_all_spanish (GTK_WIDGET (window), "tip with routing");

  panel = tl_window_get_side_pane (window);
  show_view (panel, "matrix");
  tl_test_screenshot (GTK_WIDGET (window), "es-matrix");
  assert_all_spanish (GTK_WIDGET (window), "matrix");
  show_view (panel, "plan");

  preferences = tl_preferences_window_new (tl_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  tl_test_iterate (300);
  tl_test_screenshot (preferences, "es-preferences");
  assert_all_spanish (preferences, "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* issue 21: Preferences → Agencias, and the export dialog's sealed bundle (the default) */
  preferences = tl_preferences_window_new (tl_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
  tl_preferences_window_add_security_page (TL_PREFERENCES_WINDOW (preferences));
  {
    GtkWidget *agencies = find_type (preferences, TL_TYPE_AGENCIES_PAGE);

    g_assert_nonnull (agencies);
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (agencies));
  }
  gtk_window_present (GTK_WINDOW (preferences));
  tl_test_iterate (300);
  tl_test_screenshot (preferences, "es-agencies");
  assert_all_spanish (preferences, "agencies");
  gtk_window_destroy (GTK_WINDOW (preferences));
  {
    GtkWidget *export = GTK_WIDGET (tl_export_dialog_new (GTK_WINDOW (window), tl_window_get_context (window),
                                                          tip, TL_EXPORT_DIALOG_EXPORT));

    gtk_window_present (GTK_WINDOW (export));
    tl_test_iterate (300);
    tl_test_screenshot (export, "es-export-sealed");
    assert_all_spanish (export, "export dialog");
    gtk_window_destroy (GTK_WINDOW (export));
  }

  stats = tl_stats_window_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (stats));
  tl_test_iterate (500);
  tl_test_screenshot (GTK_WIDGET (stats), "es-statistics");
  assert_all_spanish (GTK_WIDGET (stats), "statistics");
  gtk_window_destroy (GTK_WINDOW (stats));

  /* issue 19: the Due view with an overdue follow-up, in Spanish, at its default size. */
  {
    g_autoptr(TlTip) saved = tl_tip_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GList) toplevels = NULL;
    TlDueWindow *due = NULL;
    int minimum = 0, width = 0, height = 0;

    saved->type = TL_TRAFFICKING_LABOR;
    tl_set_str (&saved->location.city, "Las Cruces");
    tl_set_str (&saved->location.state, "NM");
    g_assert_true (tl_store_save_tip (store, saved, &error));
    g_assert_cmpint (tl_store_add_follow_up (store, saved->id, "Enviar el informe de seguimiento por escrito",
                                             g_get_real_time () / G_USEC_PER_SEC - 3600, &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-due", NULL));
    tl_test_iterate (500);
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (TL_IS_DUE_WINDOW (l->data))
        due = l->data;
    g_assert_nonnull (due);
    tl_test_screenshot (GTK_WIDGET (due), "es-due");
    assert_all_spanish (GTK_WIDGET (due), "due");
    gtk_window_get_default_size (GTK_WINDOW (due), &width, &height);
    gtk_widget_measure (GTK_WIDGET (due), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, width);
    gtk_window_destroy (GTK_WINDOW (due));
  }

  check_attachments (window, store, editor);
  /* The tip list's selection mode and the dialog that seals several tips, at the
   * window's default size: nothing cut off (the screenshots show it). */
  {
    g_autoptr(TlTip) another = tl_tip_new ();
    g_autoptr(GError) error = NULL;
    GtkWidget *seal;
    GtkWidget *bar;
    GtkWidget *button;
    int minimum = 0;

    another->type = TL_TRAFFICKING_SEX;
    tl_set_str (&another->location.city, "Gallup");
    tl_set_str (&another->location.state, "NM");
    g_assert_true (tl_store_save_tip (store, another, &error));
    /* the app's default size, where the list is narrowest beside the other two panes */
    gtk_window_set_default_size (GTK_WINDOW (window), 1180, 700);
    tl_test_iterate (300);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-tips", NULL));
    tl_test_iterate (200);
    tl_test_screenshot (GTK_WIDGET (window), "es-select-none");
    assert_all_spanish (GTK_WIDGET (window), "selection mode");
    g_signal_emit_by_name (tl_test_find (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, 0), "activate", 0);
    g_signal_emit_by_name (tl_test_find (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, 0), "activate", 1);
    tl_test_iterate (300);
    tl_test_screenshot (GTK_WIDGET (window), "es-select-tips");
    assert_all_spanish (GTK_WIDGET (window), "two tips selected");
    /* the action bar's count and button fit the list's width */
    bar = tl_test_find (GTK_WIDGET (window), GTK_TYPE_ACTION_BAR, 0);
    gtk_widget_measure (bar, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, gtk_widget_get_width (bar));
    g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (tl_test_find (GTK_WIDGET (window), ADW_TYPE_LEAFLET, 0))));
    button = tl_test_find_button (bar, "_Sellar para agencia…");
    g_assert_nonnull (button);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (tl_test_find (button, GTK_TYPE_LABEL, 0)))));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.seal-selected", NULL));
    tl_test_iterate (300);
    seal = NULL;
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        if (TL_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
          seal = l->data;
    }
    g_assert_nonnull (seal);
    tl_test_screenshot (seal, "es-seal-tips");
    assert_all_spanish (seal, "seal several tips");
    gtk_window_destroy (GTK_WINDOW (seal));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-selection", NULL));
    tl_test_iterate (100);
  }

  g_assert_cmpuint (n_checked, >, 200);
  tl_test_window_destroy (window);
}

int
main (int argc, char *argv[])
{
  /* before anything is translated: GLib decides once whether to translate at all */
  tl_i18n_init ();
  tl_i18n_set_language ("es");
  tl_test_display_init (&argc, &argv);

  g_test_add_func ("/spanish/main-screens", test_main_screens);

  return g_test_run ();
}
