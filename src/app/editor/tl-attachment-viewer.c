/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachment-viewer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-attachment-media.h"
#include "tl-attachment-meta.h"
#include "tl-attachment-preview.h"
#include "tl-attachment-viewer.h"

/* One attachment, large (issue 20): the picture or the PDF's first page, an audio
 * player, an e-mail's headers and body or a text; then what the file says about itself
 * (GPS, camera, dates, Received headers) under a warning that it is evidence and a danger
 * if it leaks; its SHA-256; and what it shows, which decides which reports carry it.
 * Everything is made from the bytes in memory. Its Remove button only asks: the
 * attachments section confirms and removes (one place writes the store). */

struct _TlAttachmentViewer
{
  AdwWindow parent_instance;

  TlStore *store;
  TlAttachment *attachment;
  GtkMediaStream *media;
  GtkWidget *media_error;
  GtkWidget *remove_button;
};

G_DEFINE_FINAL_TYPE (TlAttachmentViewer, tl_attachment_viewer, ADW_TYPE_WINDOW)

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static GtkWidget *
text_view (const char *text)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Content"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  return scrolled;
}

static void
media_error_cb (GtkMediaStream     *media,
                GParamSpec         *pspec,
                TlAttachmentViewer *self)
{
  const GError *error = gtk_media_stream_get_error (media);

  if (error != NULL)
    g_debug ("recording not played: %s", error->message);
  gtk_widget_set_visible (self->media_error, error != NULL);
}

static GtkWidget *
make_preview (TlAttachmentViewer *self,
              GBytes             *bytes)
{
  TlAttachmentType type = self->attachment->type;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = tl_attachment_preview_new (type, bytes, 800, &error);

  if (paintable != NULL)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (paintable);

      gtk_widget_set_size_request (picture, -1, 320);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->attachment->name, -1);
      return picture;
    }
  if (error != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Cannot preview this file. It may be damaged; it is kept as it arrived."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      return label;
    }
  if (tl_attachment_type_is_audio (type))
    {
      GtkWidget *box, *controls;

      /* Played from memory (tl-attachment-media.c): no file is written. */
      self->media = tl_attachment_media_new (bytes, &error);
      if (self->media == NULL)
        {
          GtkWidget *label = gtk_label_new (error->message);

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          return label;
        }
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      controls = gtk_media_controls_new (self->media);
      gtk_accessible_update_property (GTK_ACCESSIBLE (controls), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Play the recording"), -1);
      self->media_error = gtk_label_new (_("This recording cannot be played. It may be damaged, or the sound codecs (GStreamer's plugins) are missing; it is kept as it arrived."));
      gtk_label_set_wrap (GTK_LABEL (self->media_error), TRUE);
      gtk_widget_add_css_class (self->media_error, "dim-label");
      gtk_widget_set_visible (self->media_error, FALSE);
      g_signal_connect_object (self->media, "notify::error", G_CALLBACK (media_error_cb), self, 0);
      gtk_box_append (GTK_BOX (box), controls);
      gtk_box_append (GTK_BOX (box), self->media_error);
      return box;
    }
  if (type == TL_ATTACHMENT_TYPE_EML)
    {
      g_autofree char *body = tl_attachment_email_body (bytes);

      return text_view (body != NULL ? body : "");
    }
  if (type == TL_ATTACHMENT_TYPE_TEXT)
    {
      g_autofree char *text = g_utf8_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      return text_view (text);
    }
  return gtk_label_new (_("Tipline cannot show this kind of file; it is kept as it arrived."));
}

static GtkWidget *
metadata_group (GBytes             *bytes,
                const TlAttachment *attachment)
{
  g_autoptr(GPtrArray) fields = tl_attachment_read_metadata (attachment->type, bytes);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What the file says about itself"));
  if (fields->len == 0)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("No hidden details were found in this file."));
      return group;
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("This is evidence for police, and a danger to a victim if it leaks: a photo's position can be where she sleeps. Reports other than the full record send a copy without it."));
  for (guint i = 0; i < fields->len; i++)
    {
      const TlMetaField *field = g_ptr_array_index (fields, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s: %s",
                                                g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_meta_group_values, field->group)),
                                                g_dgettext (GETTEXT_PACKAGE, field->label));
      g_autofree char *escaped = g_markup_escape_text (field->value, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (field->group == TL_META_LOCATION)
        gtk_widget_add_css_class (row, "warning");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
kind_selected_cb (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  TlAttachmentViewer *self)
{
  guint kind = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (kind == (guint) self->attachment->kind || kind == GTK_INVALID_LIST_POSITION)
    return;
  if (tl_store_classify_attachment (self->store, self->attachment->tip_id, self->attachment->number,
                                    kind, &error))
    self->attachment->kind = kind;
  else
    g_warning ("%s", error->message);
}

static GtkWidget *
details_group (TlAttachmentViewer *self)
{
  const TlAttachment *a = self->attachment;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row;
  GtkStringList *kinds = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  g_autofree char *size = tl_attachment_format_size (a->size);
  g_autoptr(GDateTime) attached = g_date_time_new_from_unix_local (a->attached);
  g_autofree char *when = g_date_time_format (attached, "%Y-%m-%d %H:%M");
  g_autofree char *who = g_strdup_printf ("%s, %s", when, a->advocate != NULL ? a->advocate : "—");
  g_autofree char *what = g_strdup_printf ("%s, %s",
                                           g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_attachment_type_values, a->type)),
                                           size);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Record"));
  for (guint i = 0; tl_attachment_kind_values[i].nick != NULL; i++)
    gtk_string_list_append (kinds, g_dgettext (GETTEXT_PACKAGE, tl_attachment_kind_values[i].label));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (kinds), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), a->kind);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What it shows"), -1);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("What it shows"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Decides which reports carry it; not classified goes only in the full record."));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

#define ADD_ROW(title_text, value) \
  row = adw_action_row_new (); \
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_text); \
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value); \
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row)
  ADD_ROW (_("Type and size"), what);
  ADD_ROW ("SHA-256", a->sha256);
  ADD_ROW (_("Attached"), who);
#undef ADD_ROW
  return group;
}

static void
remove_clicked_cb (TlAttachmentViewer *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

/* overrides */

static void
tl_attachment_viewer_dispose (GObject *object)
{
  TlAttachmentViewer *self = TL_ATTACHMENT_VIEWER (object);

  if (self->media != NULL)
    gtk_media_stream_pause (self->media);
  g_clear_object (&self->media);
  g_clear_object (&self->store);
  g_clear_pointer (&self->attachment, tl_attachment_free);

  G_OBJECT_CLASS (tl_attachment_viewer_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_attachment_viewer_class_init (TlAttachmentViewerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_attachment_viewer_dispose;

  /* The advocate asked to remove the attachment shown; the handler confirms. */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tl_attachment_viewer_init (TlAttachmentViewer *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/* public API */

GtkWidget *
tl_attachment_viewer_new (TlStore            *store,
                          const TlAttachment *attachment,
                          GBytes             *bytes)
{
  TlAttachmentViewer *self = g_object_new (TL_TYPE_ATTACHMENT_VIEWER, NULL);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->store = g_object_ref (store);
  self->attachment = tl_attachment_copy (attachment);
  gtk_window_set_title (GTK_WINDOW (self), attachment->name);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), make_preview (self, bytes));
  gtk_box_append (GTK_BOX (box), metadata_group (bytes, attachment));
  gtk_box_append (GTK_BOX (box), details_group (self));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove from the tip"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove from the tip"), -1);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->remove_button);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  return GTK_WIDGET (self);
}

const TlAttachment *
tl_attachment_viewer_get_attachment (TlAttachmentViewer *self)
{
  g_return_val_if_fail (TL_IS_ATTACHMENT_VIEWER (self), NULL);

  return self->attachment;
}

/* The recording's player, or NULL (not audio, or it could not be made). */
GtkMediaStream *
tl_attachment_viewer_get_media (TlAttachmentViewer *self)
{
  g_return_val_if_fail (TL_IS_ATTACHMENT_VIEWER (self), NULL);

  return self->media;
}

GtkWidget *
tl_attachment_viewer_get_remove_button (TlAttachmentViewer *self)
{
  g_return_val_if_fail (TL_IS_ATTACHMENT_VIEWER (self), NULL);

  return self->remove_button;
}
