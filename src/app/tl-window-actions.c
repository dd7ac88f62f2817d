/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-tip-xml.h"
#include "tl-window-private.h"

/* What the window does: new tip, save, export, search, and the draft autosave. */

/* helpers */

static gboolean
write_draft (TlWindow *self)
{
  g_autoptr(GError) error = NULL;
  TlTip *tip = tl_tip_editor_get_tip (self->editor);

  if (tip == NULL || self->store == NULL || !tl_store_is_unlocked (self->store))
    return TRUE;

  if (!tl_store_save_draft (self->store, tip, &error))
    {
      /* Not a dialog: this runs while someone types. The toast says what to do. */
      g_warning ("Could not keep a draft: %s", error->message);
      _tl_window_show_toast (self, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  TlWindow *self = user_data;

  self->autosave_source = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    TlWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  gsize length = 0;

  if (response != GTK_RESPONSE_ACCEPT || tip == NULL || !tl_store_is_unlocked (self->store))
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_set_error_literal (&error, TL_ERROR, TL_ERROR_IO,
                           _("Tipline can only export to a folder on this computer. Choose another folder."));
      _tl_window_show_error (self, _("The Tip Could Not Be Exported"), error);
      goto out;
    }

  data = tl_tip_xml_write_one (tip, &length);

  /* The chooser already asked before replacing a file. */
  if (data == NULL || !tl_write_private_file (path, data, length, TRUE, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, TL_ERROR, TL_ERROR_FAILED,
                             _("Tipline could not write the tip as XML."));
      _tl_window_show_error (self, _("The Tip Could Not Be Exported"), error);
    }
  else
    {
      if (!tl_store_audit (self->store, TL_AUDIT_EXPORT, tip->id, &error))
        g_warning ("Could not record an export in the audit log: %s", error->message);
      _tl_window_show_toast (self, _("Tip exported"));
    }

  /* The XML holds the whole tip: wipe it before it goes back to the allocator. */
  if (data != NULL)
    memset (data, 0, length);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
problems_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TlWindow         *self)
{
  const char *field = g_object_get_data (G_OBJECT (dialog), "tl-field");

  if (g_str_equal (response, "show") && field != NULL)
    tl_tip_editor_focus_field (self->editor, field);
}

/* actions */

static void
new_tip_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(TlTip) tip = tl_tip_new ();
  g_autofree char *advocate = g_settings_get_string (self->settings, "advocate-name");

  tip->status = TL_TIP_STATUS_DRAFT;
  tl_set_str (&tip->advocate, advocate);

  _tl_window_list_select_tip (self, NULL);
  _tl_window_open_tip (self, tip, FALSE);
}

static void
save_tip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autoptr(GError) error = NULL;
  TlTipStatus old_status;

  if (tip == NULL)
    return;

  _tl_window_cancel_autosave (self);

  /* Saving makes a new tip an open case; later statuses are the advocate's choice. */
  old_status = tip->status;
  if (tip->status == TL_TIP_STATUS_DRAFT)
    tip->status = TL_TIP_STATUS_OPEN;

  /* The store records the creation or edit in its audit log in the same transaction. */
  if (!tl_store_save_tip (self->store, tip, &error))
    {
      tip->status = old_status;
      _tl_window_show_error (self, _("The Tip Could Not Be Saved"), error);
      return;
    }

  self->unsaved = FALSE;
  _tl_window_list_select_tip (self, tip->id);
  _tl_window_update_actions (self);
  _tl_window_show_toast (self, _("Tip saved"));
}

static void
export_xml_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autoptr(GPtrArray) problems = NULL;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (tip == NULL)
    return;

  problems = tl_tip_validate (tip);
  if (problems != NULL && problems->len > 0)
    {
      const TlProblem *first = g_ptr_array_index (problems, 0);
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The tip has %u problem to fix before it can be exported: %s",
                                           "The tip has %u problems to fix before it can be exported. The first: %s",
                                           problems->len),
                              problems->len, first->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Tip Cannot Be Exported Yet"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "close", _("_Close"),
                                        "show", _("_Show Problem"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
      g_object_set_data_full (G_OBJECT (dialog), "tl-field", g_strdup (first->field), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (problems_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Tip as XML"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Only the first part of the id: enough to tell files apart, nothing about the tip. */
  name = g_strdup_printf ("tip-%.8s.xml", tip->id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* private API */

void
_tl_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-tip", NULL, new_tip_action);
  gtk_widget_class_install_action (widget_class, "win.save-tip", NULL, save_tip_action);
  gtk_widget_class_install_action (widget_class, "win.export-xml", NULL, export_xml_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-tip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-tip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

/* The editor wrote an edit into the tip: write a draft once typing pauses. */
void
_tl_window_editor_changed (TlWindow *self)
{
  gboolean was_unsaved = self->unsaved;

  self->unsaved = TRUE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (TL_AUTOSAVE_DELAY_MS, autosave_cb, self);

  if (!was_unsaved)
    _tl_window_update_actions (self);
}

/* Writes the pending draft now, if there is one. Returns FALSE if writing failed. */
gboolean
_tl_window_flush_autosave (TlWindow *self)
{
  if (self->autosave_source == 0)
    return TRUE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  return write_draft (self);
}

void
_tl_window_cancel_autosave (TlWindow *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
}
