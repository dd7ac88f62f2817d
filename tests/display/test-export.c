/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-export-dialog.h"
#include "tl-import-dialog.h"
#include "tl-report-print.h"
#include "tl-test-display.h"
#include "tl-test-util.h"
#include "tl-tip-xml.h"
#include "tl-window-private.h"

/* Export, print and import from the window: what the export dialog says is withheld,
 * what the written file holds, overrides with a typed reason, and an import's counts. */

#define VICTIM_NAME "Zephyrine Quillfeather"
#define REASON "She agreed by phone to share her name with the detective"

typedef struct
{
  char *dir;
  char *out;
  TlStore *store;
  TlWindow *window;
  TlTip *tip;
} Fixture;

static char *data_home;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();

  fixture->dir = tl_test_make_store_dir ();
  fixture->out = tl_test_make_tmp_dir ("export");
  g_assert_no_error (error);
  fixture->store = tl_test_create_store (fixture->dir);
  fixture->window = tl_test_window_new (fixture->store);
  tl_test_unlock (fixture->window, TL_TEST_PASSPHRASE);

  /* A victim who did not sign a release, under a policy that requires one. */
  tl_set_str (&victim->name, VICTIM_NAME);
  tl_set_str (&victim->birth_date, "2001-04-09");
  victim->release_signed = FALSE;
  g_ptr_array_add (tip->victims, victim);
  tip->release_policy = TL_RELEASE_POLICY_REQUIRED;
  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Gallup");
  tip->status = TL_TIP_STATUS_OPEN;
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
  tl_test_remove_tree (fixture->out);
  g_clear_pointer (&fixture->tip, tl_tip_unref);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dir, g_free);
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

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_private_file (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static guint
count_audit (TlStore       *store,
             const char    *tip_id,
             TlAuditAction  action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = tl_store_list_audit (store, tip_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (entries, i))->action == action)
      n++;
  return n;
}

static TlExportDialog *
open_dialog (Fixture    *fixture,
             const char *action)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  tl_test_iterate (300);
  dialog = find_toplevel (TL_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  return TL_EXPORT_DIALOG (dialog);
}

/* Clicks "Include…", types the reason into the message dialog and confirms. */
static void
override_with_reason (TlExportDialog *dialog,
                      const char     *reason)
{
  GtkWidget *button = tl_test_find_button (GTK_WIDGET (dialog), "_Include…");
  GtkWindow *message;
  GtkWidget *entry;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tl_test_iterate (300);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (message));
  g_assert_true (GTK_IS_EDITABLE (entry));

  /* No reason, no override. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (message), "include"));
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (message), "include"));
  tl_test_screenshot (GTK_WIDGET (message), "export-override");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "include");
  tl_test_iterate (300);
}

static void
test_export_withheld_and_override (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = g_build_filename (fixture->out, "report.txt", NULL);
  g_autofree char *released = g_build_filename (fixture->out, "released.txt", NULL);
  g_autofree char *pdf = g_build_filename (fixture->out, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *recent = NULL;
  TlExportDialog *dialog;

  dialog = open_dialog (fixture, "win.export-report");
  tl_export_dialog_set_profile (dialog, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  tl_export_dialog_set_format (dialog, TL_REPORT_TEXT);
  tl_test_iterate (200);

  /* The dialog says, before anything is written, that the victim's name is withheld
   * for want of a release, and never shows the name itself. */
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Victim 1"));
  g_assert_nonnull (strstr (text, "Name"));
  g_assert_nonnull (strstr (text, "[withheld: no signed release]"));
  g_assert_null (strstr (text, "Quillfeather"));
  tl_test_screenshot (GTK_WIDGET (dialog), "export-dialog");

  /* Written through the core: no name, the marker instead, owner-only. */
  g_assert_true (tl_export_dialog_export_to_path (dialog, plain, FALSE, &error));
  g_assert_no_error (error);
  contents = read_file (plain);
  g_assert_null (strstr (contents, "Quillfeather"));
  g_assert_nonnull (strstr (contents, "[withheld: no signed release]"));
  assert_private_file (plain);
  g_assert_cmpuint (count_audit (fixture->store, fixture->tip->id, TL_AUDIT_EXPORT), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, fixture->tip->id, TL_AUDIT_EXPORT_OVERRIDE), ==, 0);

  /* The toast names the file. */
  tl_test_iterate (100);
  g_assert_nonnull (fixture->window->toast);
  g_assert_nonnull (strstr (adw_toast_get_title (fixture->window->toast), "report.txt"));

  /* An existing file is replaced only when the advocate confirmed it. */
  g_assert_false (tl_export_dialog_export_to_path (dialog, plain, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Release the name with a reason: it appears, the reason is printed, and the
   * override is in the audit log. */
  override_with_reason (dialog, REASON);
  g_clear_pointer (&text, g_free);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Victim 1’s identity"));
  g_assert_nonnull (strstr (text, REASON));
  g_assert_null (strstr (text, "[withheld: no signed release]"));
  tl_test_screenshot (GTK_WIDGET (dialog), "export-dialog-override");

  g_assert_true (tl_export_dialog_export_to_path (dialog, released, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = read_file (released);
  g_assert_nonnull (strstr (contents, VICTIM_NAME));
  g_assert_nonnull (strstr (contents, "Reason given"));
  g_assert_nonnull (strstr (contents, "agreed by phone"));
  assert_private_file (released);
  g_assert_cmpuint (count_audit (fixture->store, fixture->tip->id, TL_AUDIT_EXPORT_OVERRIDE), ==, 1);

  /* The override can be taken back: the name is withheld again. */
  g_signal_emit_by_name (tl_test_find_button (GTK_WIDGET (dialog), "_Withhold Again"), "clicked");
  tl_test_iterate (200);
  g_clear_pointer (&text, g_free);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "[withheld: no signed release]"));

  /* A law-enforcement PDF, rendered for a look (page 1 in the build folder). */
  tl_export_dialog_set_format (dialog, TL_REPORT_PDF);
  tl_test_iterate (100);
  g_assert_true (tl_export_dialog_export_to_path (dialog, pdf, FALSE, &error));
  g_assert_no_error (error);
  assert_private_file (pdf);
  if (g_find_program_in_path ("pdftoppm") != NULL)
    {
      g_autofree char *prefix = g_test_build_filename (G_TEST_BUILT, "export-law-enforcement", NULL);
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                             pdf, prefix, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_test_message ("Page 1: %s.png", prefix);
    }

  /* Nothing exported is in the recent files list. */
  recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  if (g_file_test (recent, G_FILE_TEST_EXISTS))
    {
      g_autofree char *xbel = read_file (recent);

      g_assert_null (strstr (xbel, fixture->out));
      g_assert_null (strstr (xbel, "report"));
    }

  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);
}

/* A problem blocks the exchange file, only warns for a report people read, and
 * "Show" closes the dialog and takes the advocate to the field. */
static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  TlVictim *victim = g_ptr_array_index (fixture->tip->victims, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->out, "invalid.xml", NULL);
  g_autofree char *text = NULL;
  TlExportDialog *dialog;
  GtkWidget *focus;

  tl_set_str (&victim->birth_date, "yesterday");
  g_assert_true (tl_store_save_tip (fixture->store, fixture->tip, &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture, "win.export-report");
  tl_export_dialog_set_format (dialog, TL_REPORT_TEXT);
  tl_test_iterate (100);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Check Before Sending"));
  g_assert_true (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (dialog), "_Export…")));

  tl_export_dialog_set_format (dialog, TL_REPORT_XML);
  tl_test_iterate (100);
  g_clear_pointer (&text, g_free);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Fix Before Exporting"));
  g_assert_false (gtk_widget_get_sensitive (tl_test_find_button (GTK_WIDGET (dialog), "_Export…")));
  g_assert_false (tl_export_dialog_export_to_path (dialog, path, FALSE, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  tl_test_screenshot (GTK_WIDGET (dialog), "export-dialog-problems");

  g_signal_emit_by_name (tl_test_find_button (GTK_WIDGET (dialog), "_Show"), "clicked");
  tl_test_iterate (500);
  g_assert_null (find_toplevel (TL_TYPE_EXPORT_DIALOG));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->window->editor)));
}

/* Through the real save dialog (GTK's own here, as no portal runs under Xvfb): the
 * file is written, and GTK does not put it in the recent-files list. */
static void
test_file_chooser (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->out);
  g_autofree char *chosen = g_build_filename (fixture->out, "chosen.txt", NULL);
  g_autofree char *recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_autofree char *name = NULL;
  TlExportDialog *dialog;
  GtkWindow *chooser;
  GtkWidget *accept;

  dialog = open_dialog (fixture, "win.export-report");
  tl_export_dialog_set_format (dialog, TL_REPORT_TEXT);
  tl_test_iterate (100);
  g_signal_emit_by_name (tl_test_find_button (GTK_WIDGET (dialog), "_Export…"), "clicked");
  tl_test_iterate (500);

  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  /* The suggested name says nothing about the tip but the start of its id. */
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_prefix (name, "tip-"));
  g_assert_true (g_str_has_suffix (name, "-law-enforcement.txt"));
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "chosen.txt");
  tl_test_iterate (200);
  accept = gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (accept);
  g_signal_emit_by_name (accept, "clicked");
  tl_test_iterate (500);

  g_assert_true (g_file_test (chosen, G_FILE_TEST_EXISTS));
  assert_private_file (chosen);
  g_assert_null (find_toplevel (TL_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (strstr (adw_toast_get_title (fixture->window->toast), "chosen.txt"));

  if (g_file_test (recent, G_FILE_TEST_EXISTS))
    {
      g_autofree char *xbel = read_file (recent);

      g_assert_null (strstr (xbel, "chosen.txt"));
    }
}

/* Printing draws with the same pages as the PDF; a print dialog cannot be driven in
 * a test, so the same operation exports to a PDF file instead. */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->out, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  TlExportDialog *dialog;

  dialog = open_dialog (fixture, "win.print-report");
  tl_test_iterate (100);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Print Report"));
  g_assert_nonnull (strstr (text, "[withheld: no signed release]"));
  tl_test_screenshot (GTK_WIDGET (dialog), "print-dialog");

  g_assert_true (tl_report_print_to_file (tl_export_dialog_build_export (dialog),
                                          fixture->store, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_audit (fixture->store, fixture->tip->id, TL_AUDIT_EXPORT), ==, 1);

  if (g_find_program_in_path ("pdftotext") != NULL)
    {
      g_autofree char *out = NULL;
      const char *argv[] = { "pdftotext", pdf, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                   NULL, &out, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "no signed release"));
      g_assert_null (strstr (out, "Quillfeather"));
    }

  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);
}

static char *
flat (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/* Issue 13: the export dialog and Print show the same withheld list as the file written
 * (and as tipline-cli export --dry-run): one list, from the core. */
static void
test_same_withheld_list (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) print_lines = NULL;
  g_autofree char *path = g_build_filename (fixture->out, "same.txt", NULL);
  g_autofree char *pdf = g_build_filename (fixture->out, "same.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *file_text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *pdftotext = NULL;
  TlExportDialog *dialog;

  /* The victim told it herself and signed nothing: more is withheld than her name. */
  fixture->tip->reporter_role = TL_REPORTER_VICTIM;
  tl_set_str (&fixture->tip->narrative, "She says the crew boss keeps the passports.");

  dialog = open_dialog (fixture, "win.export-report");
  tl_export_dialog_set_profile (dialog, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  tl_export_dialog_set_format (dialog, TL_REPORT_TEXT);
  tl_test_iterate (200);
  lines = tl_export_dialog_get_withheld (dialog);
  g_assert_cmpuint (lines->len, >=, 2);
  shown = flat (tl_test_collect_text (GTK_WIDGET (dialog)));
  g_assert_true (tl_export_dialog_export_to_path (dialog, path, FALSE, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  file_text = flat (contents);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *dash = strstr (line, " — ");
      g_autofree char *title = g_strndup (line, dash - line);
      g_autofree char *in_file = g_strdup_printf ("Withheld: %s", line);
      g_autofree char *flat_line = flat (in_file);

      /* the dialog's row: the title, then the marker as its subtitle */
      if (strstr (shown, title) == NULL || strstr (shown, dash + strlen (" — ")) == NULL)
        g_error ("the dialog does not show “%s”", line);
      if (strstr (file_text, flat_line) == NULL)
        g_error ("the file does not list “%s”", line);
    }
  g_assert_nonnull (strstr (contents, "withheld whole"));
  g_assert_null (strstr (contents, "passports"));
  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);

  /* Print: the same list in the dialog and on paper. */
  dialog = open_dialog (fixture, "win.print-report");
  tl_export_dialog_set_profile (dialog, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  tl_test_iterate (200);
  print_lines = tl_export_dialog_get_withheld (dialog);
  g_assert_cmpuint (print_lines->len, ==, lines->len);
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (g_ptr_array_index (print_lines, i), ==, g_ptr_array_index (lines, i));
  g_assert_true (tl_report_print_to_file (tl_export_dialog_build_export (dialog),
                                          fixture->store, pdf, &error));
  g_assert_no_error (error);
  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *printed = NULL;
      const char *argv[] = { "pdftotext", pdf, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                   NULL, &out, NULL, NULL, &error));
      g_assert_no_error (error);
      printed = flat (out);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);
          g_autofree char *title = g_strndup (line, strstr (line, " — ") - line);

          if (strstr (printed, title) == NULL)
            g_error ("the print does not list “%s”", line);
        }
      g_assert_null (strstr (printed, "passports"));
    }
  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);
}

static gboolean
import_done_cb (gpointer data)
{
  return !tl_import_dialog_is_running (data);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_tip_new ();
  g_autofree char *xml = NULL;
  g_autofree char *good = g_build_filename (fixture->out, "tip.xml", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "malformed-line-7.xml", NULL);
  g_autofree char *text = NULL;
  const char *paths[] = { good, NULL };
  const char *bad_paths[] = { good, bad, NULL };
  TlImportDialog *dialog;
  gsize length = 0;

  tl_set_str (&tip->location.city, "Farmington");
  tip->status = TL_TIP_STATUS_OPEN;
  xml = tl_tip_xml_write_one (tip, &length);
  g_assert_true (g_file_set_contents (good, xml, length, &error));

  /* A bad file stops everything: nothing imported, the file and line shown. */
  dialog = _tl_window_import_paths (fixture->window, bad_paths);
  g_assert_true (tl_test_wait (import_done_cb, dialog, 30000));
  tl_test_iterate (200);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Nothing Was Imported"));
  g_assert_nonnull (strstr (text, "malformed-line-7.xml:7:"));
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, 1);
  tl_test_screenshot (GTK_WIDGET (dialog), "import-error");
  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);

  /* A good file: counted, and the list shows it. */
  dialog = _tl_window_import_paths (fixture->window, paths);
  g_assert_true (tl_test_wait (import_done_cb, dialog, 30000));
  tl_test_iterate (200);
  g_clear_pointer (&text, g_free);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "1 new tip added"));
  g_assert_nonnull (strstr (text, "0 tips updated"));
  g_assert_nonnull (strstr (text, "0 conflicts"));
  g_assert_cmpint (tl_store_count_tips (fixture->store, NULL, &error), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->window->model)), ==, 2);
  tl_test_screenshot (GTK_WIDGET (dialog), "import-result");
  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);

  /* Again: the same tip is skipped. */
  dialog = _tl_window_import_paths (fixture->window, paths);
  g_assert_true (tl_test_wait (import_done_cb, dialog, 30000));
  tl_test_iterate (200);
  g_clear_pointer (&text, g_free);
  text = tl_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "0 new tips added"));
  g_assert_nonnull (strstr (text, "1 tip skipped"));
  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);
}

/* At exit, after GTK: its recent-files manager writes an empty list there when the
 * process ends, after g_test_run() has returned. */
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

  /* Before GTK reads it: where a recent-files list would be written. Registered
   * before GTK starts, so it runs after GTK's own exit handlers. */
  data_home = tl_test_make_tmp_dir ("data-home");
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  atexit (remove_data_home);

  tl_test_display_init (&argc, &argv);

  g_test_add ("/export/same-withheld-list", Fixture, NULL,
              fixture_set_up, test_same_withheld_list, fixture_tear_down);
  g_test_add ("/export/withheld-and-override", Fixture, NULL,
              fixture_set_up, test_export_withheld_and_override, fixture_tear_down);
  g_test_add ("/export/validation", Fixture, NULL,
              fixture_set_up, test_validation, fixture_tear_down);
  g_test_add ("/export/file-chooser", Fixture, NULL,
              fixture_set_up, test_file_chooser, fixture_tear_down);
  g_test_add ("/export/print", Fixture, NULL,
              fixture_set_up, test_print, fixture_tear_down);
  g_test_add ("/export/import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);

  return g_test_run ();
}
