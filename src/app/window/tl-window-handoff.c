/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-handoff"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-handoff.h"
#include "tl-window-private.h"

/* Shift Hand-off… (issue 19): the summary of tl-handoff.h for a shift that began 8, 12
 * or 24 hours ago or at midnight, shown, then saved as a text file or printed. It is
 * made under the coordinator profile with its counts suppressed, and recorded in the
 * audit log before it leaves Tipline. */

#define LINES_PER_PAGE 56

typedef struct
{
  TlWindow *self;
  GtkDropDown *since;
  GtkTextBuffer *buffer;
  TlHandoff *handoff;
} Handoff;

static const gint64 since_hours[] = { 8, 12, 24, 0 /* midnight */ };

static void
handoff_free (gpointer data)
{
  Handoff *h = data;

  g_clear_pointer (&h->handoff, tl_handoff_free);
  g_object_unref (h->self);
  g_free (h);
}

/* helpers */

static gint64
since_time (guint choice)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (choice >= G_N_ELEMENTS (since_hours) || since_hours[choice] == 0)
    {
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                             g_date_time_get_day_of_month (now), 0, 0, 0);
      return g_date_time_to_unix (midnight);
    }
  return g_date_time_to_unix (now) - since_hours[choice] * 3600;
}

static void
rebuild (Handoff *h)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&h->handoff, tl_handoff_free);
  h->handoff = tl_handoff_new (h->self->store, since_time (gtk_drop_down_get_selected (h->since)), now,
                               TL_STATS_DEFAULT_THRESHOLD, &error);
  text = h->handoff != NULL ? tl_handoff_to_text (h->handoff) : g_strdup (error->message);
  gtk_text_buffer_set_text (h->buffer, text, -1);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              char             **lines)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Monospace 9");
  g_autoptr(GString) chunk = g_string_new (NULL);
  guint n = g_strv_length (lines);

  for (guint i = page * LINES_PER_PAGE; i < n && i < (guint) (page + 1) * LINES_PER_PAGE; i++)
    g_string_append_printf (chunk, "%s\n", lines[i]);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_text (layout, chunk->str, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

static void
print_handoff (Handoff *h)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tl_handoff_to_text (h->handoff);
  char **lines = g_strsplit (text, "\n", -1);

  if (!tl_handoff_record (h->handoff, h->self->store, &error))
    {
      g_strfreev (lines);
      _tl_window_show_error (h->self, _("The Hand-off Could Not Be Printed"), error);
      return;
    }
  gtk_print_operation_set_n_pages (operation, MAX (1, (g_strv_length (lines) + LINES_PER_PAGE - 1) / LINES_PER_PAGE));
  gtk_print_operation_set_job_name (operation, _("Shift hand-off"));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), lines,
                         (GClosureNotify) (void (*) (void)) g_strfreev, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (h->self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _tl_window_show_error (h->self, _("The Hand-off Could Not Be Printed"), error);
}

/* callbacks */

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  Handoff         *h)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (response == GTK_RESPONSE_ACCEPT && h->handoff != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      text = tl_handoff_to_text (h->handoff);
      if (path == NULL)
        g_set_error_literal (&error, TL_ERROR, TL_ERROR_IO,
                             _("Tipline can only export to a folder on this computer. Choose another folder."));
      /* Recorded before it leaves; the chooser already asked before replacing a file. */
      else if (tl_handoff_record (h->handoff, h->self->store, &error))
        tl_write_private_file (path, text, strlen (text), TRUE, &error);
      if (error != NULL)
        _tl_window_show_error (h->self, _("The Hand-off Could Not Be Saved"), error);
      else
        _tl_window_show_toast (h->self, _("Hand-off saved"));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  handoff_free (h);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Handoff          *h)
{
  if (h->handoff == NULL)
    return;
  if (g_str_equal (response, "print"))
    print_handoff (h);
  else if (g_str_equal (response, "save"))
    {
      GtkFileChooserNative *chooser;
      Handoff *copy = g_new0 (Handoff, 1);

      copy->self = g_object_ref (h->self);
      copy->handoff = g_steal_pointer (&h->handoff);
      chooser = gtk_file_chooser_native_new (_("Save Hand-off"), GTK_WINDOW (h->self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "tipline-handoff.txt");
      g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), copy);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

static void
since_changed_cb (GtkDropDown *since,
                  GParamSpec  *pspec,
                  Handoff     *h)
{
  rebuild (h);
}

static void
handoff_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  const char *choices[] = { _("8 hours ago"), _("12 hours ago"), _("24 hours ago"), _("At midnight"), NULL };
  AdwMessageDialog *dialog;
  GtkWidget *box, *label, *scrolled, *view;
  Handoff *h;

  if (!tl_store_is_unlocked (self->store))
    return;

  h = g_new0 (Handoff, 1);
  h->self = g_object_ref (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Shift Hand-off"),
                                                       _("Open tips, calls made and follow-ups due, for the next shift. Victims’ details are left out (coordinator profile), and counts from 1 to 10 are shown as “<11”.")));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "save", _("_Save…"), "print", _("_Print…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "close");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("The shift _began"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  h->since = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (choices));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (h->since));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (h->since), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hand-off summary"), -1);
  h->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_size_request (scrolled, 560, 320);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (h->since));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (dialog, box);

  rebuild (h);
  g_signal_connect (h->since, "notify::selected", G_CALLBACK (since_changed_cb), h);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), h,
                         (GClosureNotify) (void (*) (void)) handoff_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* private API */

void
_tl_window_class_init_handoff (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.handoff", NULL, handoff_action);
}
