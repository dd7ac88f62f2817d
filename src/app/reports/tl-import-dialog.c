/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-bundle.h"
#include "tl-import-dialog.h"
#include "tl-import.h"

/* Imports tip files in a worker thread and shows how it went. The core reads and
 * checks every file first and then writes all tips in one transaction, so an error
 * leaves the store as it was; this dialog shows the progress, then the counts, or the
 * FILE:LINE lines of what stopped it.
 *
 * While the worker runs it alone uses the store (the store's connection is not shared
 * between threads): the dialog is modal and cannot be closed, and the window holds
 * back its own store use until "finished" (see tl-window-reports.c).
 *
 * A sealed bundle (issue 21) is opened first, in the worker: decrypted, its signature
 * checked, its tips read. The dialog then shows who sent it (the known agency's name or
 * "unknown", and the sender's fingerprint), the profile and the number of tips, and
 * imports only when the advocate says so. */

#define PROGRESS_INTERVAL_MS 100

struct _TlImportDialog
{
  AdwWindow parent_instance;

  /* template */
  GtkWidget *close_button;
  GtkStack *stack;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  AdwPreferencesGroup *counts_group;
  AdwPreferencesGroup *conflicts_group;
  AdwPreferencesGroup *sender_group;
  GtkWidget *import_button;
  AdwStatusPage *error_page;
  GtkLabel *error_label;

  TlStore *store;
  TlBundle *bundle;            /* opened, waiting for the advocate's go-ahead */
  gboolean running;
  gboolean finished;           /* "finished" was emitted */
  guint progress_source;

  /* written by the worker's progress callback, read by a timeout in the main loop */
  int done;
  int total;
};

G_DEFINE_FINAL_TYPE (TlImportDialog, tl_import_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

static void
show_result (TlImportDialog       *self,
             const TlImportResult *result)
{
  g_autofree char *added = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *conflicts = NULL;

  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new tip added", "%u new tips added",
                                        result->added),
                           result->added);
  updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tip updated with a newer copy",
                                          "%u tips updated with newer copies", result->updated),
                             result->updated);
  skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tip skipped: already here, identical",
                                          "%u tips skipped: already here, identical",
                                          result->skipped),
                             result->skipped);
  conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict: this store’s copy was kept",
                                            "%u conflicts: this store’s copies were kept",
                                            result->conflicts),
                               result->conflicts);
  add_row (self->counts_group, added, NULL);
  add_row (self->counts_group, updated, NULL);
  add_row (self->counts_group, skipped, NULL);
  add_row (self->counts_group, conflicts, NULL);
  /* issue 20: the attachments the files carried, and each one refused, in its words */
  if (result->attachments_added + result->attachments_refused->len > 0)
    {
      g_autofree char *attachments =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attachment added", "%u attachments added",
                                      result->attachments_added),
                         result->attachments_added);

      add_row (self->counts_group, attachments, NULL);
    }
  for (guint i = 0; i < result->attachments_refused->len; i++)
    add_row (self->counts_group, _("Attachment refused"),
             g_ptr_array_index (result->attachments_refused, i));

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), result->conflict_ids->len > 0);
  for (guint i = 0; i < result->conflict_ids->len; i++)
    {
      /* Translators: a tip named by the start of its id */
      g_autofree char *title = g_strdup_printf (_("Tip %.8s…"),
                                                (char *) g_ptr_array_index (result->conflict_ids, i));

      add_row (self->conflicts_group, title, NULL);
    }

  gtk_stack_set_visible_child_name (self->stack, "result");
}

/* The worker is done; with wait_for_advocate (a bundle opened, not yet imported) the
 * store stays held until the advocate imports or closes. */
static void
stop_running (TlImportDialog *self)
{
  self->running = FALSE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_sensitive (self->close_button, TRUE);
  gtk_window_set_deletable (GTK_WINDOW (self), TRUE);
}

static void
finish (TlImportDialog *self)
{
  stop_running (self);
  gtk_widget_grab_focus (self->close_button);
  if (!self->finished)
    {
      self->finished = TRUE;
      g_signal_emit (self, signals[FINISHED], 0);
    }
}

static void
show_sender (TlImportDialog *self)
{
  TlBundle *bundle = self->bundle;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (bundle->sealed_at);
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : NULL;
  g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        /* Translators: a sealed bundle: its profile, number of tips and time */
                                                        "“%s” profile · %u tip · sealed %s",
                                                        "“%s” profile · %u tips · sealed %s",
                                                        bundle->tips->len),
                                           tl_report_profile_get_name (bundle->profile),
                                           bundle->tips->len, when != NULL ? when : "?");

  if (bundle->sender->name != NULL)
    add_row (self->sender_group, _("From"), bundle->sender->name);
  else
    add_row (self->sender_group, _("From"),
             _("An agency that is not among the known agencies. Call it on a number you already know and compare the fingerprint below before you rely on these tips."));
  add_row (self->sender_group, _("Sender’s fingerprint"), bundle->fingerprint);
  add_row (self->sender_group, _("Contents"), what);
  adw_preferences_group_set_description (self->sender_group,
                                         _("The signature holds: the bundle is as the sender sealed it, for this agency."));
  gtk_stack_set_visible_child_name (self->stack, "sender");
  gtk_widget_grab_focus (self->import_button);
}

/* callbacks */

/* In the worker thread: only atomics, nothing of GTK. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  TlImportDialog *self = user_data;

  g_atomic_int_set (&self->total, (int) MIN (total, G_MAXINT));
  g_atomic_int_set (&self->done, (int) MIN (done, G_MAXINT));
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  TlImportDialog *self = user_data;
  int total = g_atomic_int_get (&self->total);
  int done = g_atomic_int_get (&self->done);

  /* Until the files are read and checked there is no count to show. */
  if (total <= 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }

  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  {
    /* Translators: progress of an import */
    g_autofree char *text = g_strdup_printf (_("%d of %d tips"), done, total);

    gtk_progress_bar_set_text (self->progress_bar, text);
  }
  return G_SOURCE_CONTINUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TlImportDialog *self = source_object;
  const char * const *paths = task_data;
  g_autoptr(GError) error = NULL;
  TlImportResult *result;

  if (self->bundle != NULL)
    result = tl_bundle_import (self->store, self->bundle, progress_cb, self, &error);
  else
    result = tl_import_files (self->store, paths, progress_cb, self, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) tl_import_result_free);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TlImportDialog *self = source_object;
  const char * const *paths = task_data;
  g_autoptr(GError) error = NULL;
  TlBundle *bundle = tl_bundle_open (self->store, paths[0], &error);

  if (bundle == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bundle, (GDestroyNotify) tl_bundle_free);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  TlImportDialog *self = TL_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;

  self->bundle = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (self->bundle == NULL)
    {
      adw_status_page_set_description (self->error_page, _("The store is as it was."));
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      finish (self);
      return;
    }
  stop_running (self);
  show_sender (self);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *async_result,
                gpointer      user_data)
{
  TlImportDialog *self = TL_IMPORT_DIALOG (object);
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL && self->bundle != NULL)
    adw_status_page_set_description (self->error_page, _("The store is as it was."));
  if (result == NULL)
    {
      /* The core's messages name the file and line: show them as they are. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    show_result (self, result);

  finish (self);
}

static void
import_clicked_cb (TlImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->bundle == NULL || self->running)
    return;
  gtk_label_set_text (self->progress_label, _("Importing the tips…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (self->close_button, FALSE);
  gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
  self->running = TRUE;
  g_atomic_int_set (&self->done, 0);
  g_atomic_int_set (&self->total, 0);
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick_cb, self);
  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, import_clicked_cb);
  g_task_run_in_thread (task, import_thread);
}

/* overrides */

static gboolean
tl_import_dialog_close_request (GtkWindow *window)
{
  TlImportDialog *self = TL_IMPORT_DIALOG (window);

  /* The import is one transaction: it cannot stop half way, so wait for it. */
  if (self->running)
    return TRUE;
  /* A bundle opened but not imported: the store is free again. */
  finish (self);

  return GTK_WINDOW_CLASS (tl_import_dialog_parent_class)->close_request (window);
}

static void
tl_import_dialog_dispose (GObject *object)
{
  TlImportDialog *self = (TlImportDialog *) object;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->bundle, tl_bundle_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tl_import_dialog_parent_class)->dispose (object);
}

static void
tl_import_dialog_class_init (TlImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tl_import_dialog_dispose;
  window_class->close_request = tl_import_dialog_close_request;

  /**
   * TlImportDialog::finished:
   *
   * The worker is done with the store, whether the import succeeded or not.
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, sender_group);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TlImportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_import_dialog_init (TlImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

TlImportDialog *
tl_import_dialog_new (GtkWindow *parent,
                      TlStore   *store)
{
  TlImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  self = g_object_new (TL_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * tl_import_dialog_start:
 * @paths: the tip files to import, each one <tip> or <tips>
 *
 * Starts the import in a worker thread and shows its progress; emits
 * #TlImportDialog::finished when the worker is done with the store.
 */
void
tl_import_dialog_start (TlImportDialog     *self,
                        const char * const *paths)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *heading = NULL;
  guint n_paths;

  g_return_if_fail (TL_IS_IMPORT_DIALOG (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);
  g_return_if_fail (!self->running);

  n_paths = g_strv_length ((GStrv) paths);
  for (guint i = 0; n_paths > 1 && i < n_paths; i++)
    if (tl_bundle_file_is_bundle (paths[i]))
      {
        adw_status_page_set_description (self->error_page, _("The store is as it was."));
        gtk_label_set_text (self->error_label,
                            _("A sealed bundle is opened on its own, so you can see who sent it: import it alone."));
        gtk_stack_set_visible_child_name (self->stack, "error");
        finish (self);
        return;
      }
  if (n_paths == 1 && tl_bundle_file_is_bundle (paths[0]))
    {
      gtk_label_set_text (self->progress_label, _("Opening and checking the sealed bundle…"));
      gtk_stack_set_visible_child_name (self->stack, "progress");
      gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
      self->running = TRUE;
      self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick_cb, self);
      task = g_task_new (self, NULL, open_done_cb, NULL);
      g_task_set_source_tag (task, tl_import_dialog_start);
      g_task_set_task_data (task, g_strdupv ((GStrv) paths), (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, open_thread);
      return;
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Reading and checking %u file…",
                                          "Reading and checking %u files…", n_paths),
                             n_paths);
  gtk_label_set_text (self->progress_label, heading);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_window_set_deletable (GTK_WINDOW (self), FALSE);

  self->running = TRUE;
  g_atomic_int_set (&self->done, 0);
  g_atomic_int_set (&self->total, 0);
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick_cb, self);

  /* The task holds a reference to the dialog, so the progress fields outlive it. */
  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, tl_import_dialog_start);
  g_task_set_task_data (task, g_strdupv ((GStrv) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, import_thread);
}

gboolean
tl_import_dialog_is_running (TlImportDialog *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}
