/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-export-dialog.h"
#include "tl-import-dialog.h"
#include "tl-window-private.h"

/* The window's side of reports: the tip menu's Export… and Print…, which open
 * TlExportDialog, and the primary menu's Import…, which runs TlImportDialog. */

/* helpers */

static void
exported_cb (TlWindow       *self,
             const char     *path,
             TlExportDialog *dialog)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: %s is the file name, such as tip-3f2a1b2c-law-enforcement.pdf */
  g_autofree char *title = g_strdup_printf (_("Report saved as %s"), name);

  _tl_window_show_toast (self, title);
}

static void
show_field_cb (TlWindow       *self,
               const char     *field,
               TlExportDialog *dialog)
{
  tl_tip_editor_focus_field (self->editor, field);
}

static void
open_export_dialog (TlWindow           *self,
                    TlExportDialogMode  mode)
{
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  TlExportDialog *dialog;

  if (tip == NULL || !tl_store_is_unlocked (self->store))
    return;

  dialog = tl_export_dialog_new (GTK_WINDOW (self), self->context, tip, mode);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "show-field", G_CALLBACK (show_field_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_first_response_cb (AdwMessageDialog *message,
                        const char       *response,
                        TlWindow         *self)
{
  TlExportDialogMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (message), "tl-mode"));

  if (!g_str_equal (response, "save"))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.save-tip", NULL);
  /* The save shows its own error when it fails; then there is nothing to export. */
  if (!self->unsaved)
    open_export_dialog (self, mode);
}

/* A report goes out as a record of what the store holds, so the audit log's "export"
 * names a version that exists: unsaved edits are saved first, with the advocate's say. */
static void
export_or_print (TlWindow           *self,
                 TlExportDialogMode  mode)
{
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  AdwMessageDialog *message;

  if (tip == NULL)
    return;

  if (!self->unsaved && tip->status != TL_TIP_STATUS_DRAFT)
    {
      open_export_dialog (self, mode);
      return;
    }

  message = _tl_window_ask_save_first (self, G_CALLBACK (save_first_response_cb));
  g_object_set_data (G_OBJECT (message), "tl-mode", GINT_TO_POINTER (mode));
}

static void
import_finished_cb (TlWindow       *self,
                    TlImportDialog *dialog)
{
  tl_context_release (self->context);
}

static void
import_files_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        TlWindow        *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  if (response != GTK_RESPONSE_ACCEPT || !tl_store_is_unlocked (self->store))
    goto out;

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Tipline can only import files from a folder on this computer. Copy them here first."));

      _tl_window_show_error (self, _("Nothing Was Imported"), error);
      goto out;
    }
  g_ptr_array_add (paths, NULL);
  _tl_window_import_paths (self, (const char * const *) paths->pdata);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* actions */

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export_or_print (TL_WINDOW (widget), TL_EXPORT_DIALOG_EXPORT);
}

static void
print_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  export_or_print (TL_WINDOW (widget), TL_EXPORT_DIALOG_PRINT);
}

static void
import_tips_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Tips"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (xml, _("Tip files (XML) and sealed bundles"));
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_filter_add_mime_type (xml, "text/xml");
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_filter_add_suffix (xml, "tlbundle");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xml);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect_object (chooser, "response", G_CALLBACK (import_files_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* private API */

/* A report or bundle is made from the saved tip: asks to save the open one first, and
 * calls response_cb ("save" or "cancel") with the window. */
AdwMessageDialog *
_tl_window_ask_save_first (TlWindow  *self,
                           GCallback  response_cb)
{
  AdwMessageDialog *message;

  message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                        _("Save the Tip First?"),
                                                        _("A report is made from the saved tip, so that what you send matches the record.")));
  adw_message_dialog_add_responses (message,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save and Continue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (message, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message, "save");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect_object (message, "response", response_cb, self, 0);
  gtk_window_present (GTK_WINDOW (message));
  return message;
}

/* Imports the files with a progress dialog, which then shows the result. */
TlImportDialog *
_tl_window_import_paths (TlWindow           *self,
                         const char * const *paths)
{
  TlImportDialog *dialog;

  g_return_val_if_fail (tl_store_is_unlocked (self->store), NULL);

  dialog = tl_import_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  tl_context_hold (self->context);
  tl_import_dialog_start (dialog, paths);
  return dialog;
}

void
_tl_window_class_init_reports (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, print_report_action);
  gtk_widget_class_install_action (widget_class, "win.import-tips", NULL, import_tips_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-tips", NULL);
}
