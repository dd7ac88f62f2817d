/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report-print"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tl-error.h"
#include "tl-report-pdf.h"
#include "tl-report-print.h"

/* Printing a report. GtkPrintOperation asks for the number of pages in begin-print and
 * for each page in draw-page; TlReportPages answers both, exactly as it lays out the
 * PDF. The whole page is ours (use-full-page) in points, so the printed page and the
 * PDF have the same margins and breaks. */

typedef struct
{
  TlExport *export;
  TlReport *report;         /* the export's */
  TlStore *store;
  GtkWindow *parent;
  TlReportPages *pages;
  GError *error;
  gboolean quiet;          /* tl_report_print_to_file(): the caller reports errors */
} PrintJob;

#define JOB_KEY "tl-print-job"

/* helpers */

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_pointer (&job->pages, tl_report_pages_free);
  g_clear_pointer (&job->export, tl_export_free);
  g_clear_object (&job->store);
  g_clear_weak_pointer (&job->parent);
  g_clear_error (&job->error);
  g_free (job);
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The Report Could Not Be Printed"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkPageSetup *
default_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  /* The same paper the PDF would be written on; the print dialog may still change it. */
  paper = gtk_paper_size_new (tl_paper_for_locale (NULL) == TL_PAPER_A4 ? GTK_PAPER_NAME_A4
                                                                        : GTK_PAPER_NAME_LETTER);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  return setup;
}

/* callbacks */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = g_object_get_data (G_OBJECT (operation), JOB_KEY);
  g_autoptr(GError) error = NULL;
  TlReport *report;

  g_return_if_fail (job != NULL);
  report = job->report;

  /* Recorded before anything reaches the printer: no print goes unrecorded. */
  if (!tl_export_record (job->export, job->store, &error))
    {
      g_set_error (&job->error, TL_ERROR, TL_ERROR_FAILED,
                   _("Nothing was printed because the print could not be recorded in the audit log: %s"),
                   error->message);
      gtk_print_operation_cancel (operation);
      return;
    }

  job->pages = tl_report_pages_new (report, gtk_print_context_get_cairo_context (context),
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) tl_report_pages_get_n_pages (job->pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  PrintJob *job = g_object_get_data (G_OBJECT (operation), JOB_KEY);

  g_return_if_fail (job != NULL && job->pages != NULL);

  tl_report_pages_draw (job->pages, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  PrintJob *job = g_object_get_data (G_OBJECT (operation), JOB_KEY);
  g_autoptr(GError) error = NULL;

  if (job != NULL && job->quiet)
    {
      /* keep the job, and its error, for tl_report_print_to_file() to read */
    }
  else if (job != NULL)
    {
      if (job->error != NULL)
        error = g_steal_pointer (&job->error);
      else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        gtk_print_operation_get_error (operation, &error);

      if (error != NULL)
        {
          g_warning ("A report could not be printed: %s", error->message);
          show_error (job->parent, error);
        }

      /* The report holds the tip: let go of it as soon as the printer has the pages. */
      g_object_set_data (G_OBJECT (operation), JOB_KEY, NULL);
    }

  /* the reference taken for the run in tl_report_print() */
  g_object_unref (operation);
}

static GtkPrintOperation *
new_operation (TlExport  *export,
               TlStore   *store,
               GtkWindow *parent)
{
  TlReport *report = tl_export_get_report (export);
  g_autoptr(GtkPageSetup) setup = default_page_setup ();
  g_autofree char *job_name = NULL;
  GtkPrintOperation *operation;
  PrintJob *job;

  job = g_new0 (PrintJob, 1);
  job->export = export;
  job->report = report;
  job->store = g_object_ref (store);
  g_set_weak_pointer (&job->parent, parent);

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), JOB_KEY, job, print_job_free);

  /* The job name shows in print queues that others may see: the title, no tip content. */
  job_name = g_strdup_printf ("%s (%.8s)", report->title, tl_report_get_redacted_tip (report)->id);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), NULL);
  /* "done" comes in every case, now or later; it drops this reference. */
  g_signal_connect (g_object_ref (operation), "done", G_CALLBACK (done_cb), NULL);
  return operation;
}

/* public API */

void
tl_report_print (TlExport  *export,
                 TlStore   *store,
                 GtkWindow *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (export != NULL);
  g_return_if_fail (TL_IS_STORE (store));

  operation = new_operation (export, store, parent);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);

  /* An error before the operation started, which "done" did not report. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR
      && g_object_get_data (G_OBJECT (operation), JOB_KEY) != NULL)
    {
      if (error != NULL)
        show_error (parent, error);
      g_object_set_data (G_OBJECT (operation), JOB_KEY, NULL);
    }
}

/**
 * tl_report_print_to_file:
 * @path: a PDF file to write
 *
 * The print path without the dialog: the same operation, callbacks and audit,
 * exported to a PDF. For tests, which cannot drive a print dialog. Takes ownership
 * of export.
 */
gboolean
tl_report_print_to_file (TlExport    *export,
                         TlStore     *store,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  PrintJob *job;

  g_return_val_if_fail (export != NULL, FALSE);
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = new_operation (export, store, NULL);
  job = g_object_get_data (G_OBJECT (operation), JOB_KEY);
  /* errors are returned, not shown */
  job->quiet = TRUE;
  gtk_print_operation_set_export_filename (operation, path);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  job = g_object_get_data (G_OBJECT (operation), JOB_KEY);
  if (job != NULL && job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  return result == GTK_PRINT_OPERATION_RESULT_APPLY;
}
