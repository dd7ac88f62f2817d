/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachments-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-attach.h"
#include "tl-attachment-preview.h"
#include "tl-attachment-viewer.h"
#include "tl-attachments-section.h"

/* The tip's evidence (issue 20), at the end of the form: a thumbnail per attachment
 * (made in memory), and three ways in: the file chooser (the portal when sandboxed),
 * dropping files or an image, and pasting a screenshot; and one way out, the remove
 * button on a thumbnail or in the viewer, after a confirmation. Attachments live in the
 * store, not in the tip, so they are written at once (the tip must be saved first); the
 * rules are the core's (tl-attach.c, tl-store-attachments.c). */

#define THUMB_SIZE 96

struct _TlAttachmentsSection
{
  AdwBin parent_instance;

  TlStore *store;
  char *tip_id;

  GtkWidget *group;
  GtkFlowBox *flow;
  GtkLabel *message;
  GtkWidget *attach_button;
  GtkWidget *paste_button;
  GPtrArray *attachments;     /* TlAttachment, shown */
  GPtrArray *thumbnails;      /* GdkPaintable or NULL, by index */
  GPtrArray *remove_buttons;  /* GtkWidget, by index */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TlAttachmentsSection, tl_attachments_section, ADW_TYPE_BIN)

/* helpers */

static void
set_message (TlAttachmentsSection *self,
             const char           *text)
{
  gtk_label_set_text (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && *text != '\0');
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static const char *
icon_for (TlAttachmentType type)
{
  if (tl_attachment_type_is_audio (type))
    return "audio-x-generic-symbolic";
  if (type == TL_ATTACHMENT_TYPE_EML || type == TL_ATTACHMENT_TYPE_MSG)
    return "mail-unread-symbolic";
  if (tl_attachment_type_is_image (type))
    return "image-x-generic-symbolic";
  return "text-x-generic-symbolic";
}

static gboolean
destroy_viewer_cb (gpointer viewer)
{
  gtk_window_destroy (GTK_WINDOW (viewer));
  return G_SOURCE_REMOVE;
}

static void
remove_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    TlAttachmentsSection *self)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "number"));
  const char *tip_id = g_object_get_data (G_OBJECT (dialog), "tip-id");
  GtkWidget *viewer = g_object_get_data (G_OBJECT (dialog), "viewer");
  g_autoptr(GError) error = NULL;

  /* The attachment asked about, even if another tip opened meanwhile. */
  if (!g_str_equal (response, "remove") || self->store == NULL)
    return;
  if (!tl_store_delete_attachment (self->store, tip_id, number, &error))
    {
      set_message (self, error->message);
      return;
    }
  set_message (self, NULL);
  tl_attachments_section_reload (self);
  /* The viewer shows what is gone; it closes once the dialog, its child, is done. */
  if (viewer != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, destroy_viewer_cb, g_object_ref (viewer), g_object_unref);
}

/* Says what removing does before it is done; parent is the window asked from (the
 * editor's, or the viewer, which closes once the attachment is gone). */
static void
ask_remove (TlAttachmentsSection *self,
            const TlAttachment   *attachment,
            GtkWidget            *viewer)
{
  GtkRoot *root = viewer != NULL ? GTK_ROOT (viewer) : gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is the attachment's file name */
  heading = g_strdup_printf (_("Remove “%s”?"), attachment->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The evidence is removed from this tip and its bytes are erased from the store. This cannot be undone; the audit log keeps only its SHA-256. Backups made before keep their copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "number", GUINT_TO_POINTER (attachment->number));
  g_object_set_data_full (G_OBJECT (dialog), "tip-id", g_strdup (attachment->tip_id), g_free);
  if (viewer != NULL)
    g_object_set_data (G_OBJECT (dialog), "viewer", viewer);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_clicked_cb (GtkButton            *button,
                   TlAttachmentsSection *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index < self->attachments->len)
    ask_remove (self, g_ptr_array_index (self->attachments, index), NULL);
}

static void
viewer_remove_requested_cb (TlAttachmentViewer   *viewer,
                            TlAttachmentsSection *self)
{
  ask_remove (self, tl_attachment_viewer_get_attachment (viewer), GTK_WIDGET (viewer));
}

static void
item_clicked_cb (GtkButton            *button,
                 TlAttachmentsSection *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  const TlAttachment *attachment;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *viewer;

  if (index >= self->attachments->len)
    return;
  attachment = g_ptr_array_index (self->attachments, index);
  bytes = tl_store_load_attachment (self->store, self->tip_id, attachment->number, NULL, &error);
  if (bytes == NULL)
    {
      set_message (self, error->message);
      return;
    }
  viewer = tl_attachment_viewer_new (self->store, attachment, bytes);
  gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (viewer, "destroy", G_CALLBACK (tl_attachments_section_reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewer, "remove-requested", G_CALLBACK (viewer_remove_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (viewer));
}

static GtkWidget *
make_item (TlAttachmentsSection *self,
           const TlAttachment   *attachment,
           guint                 index)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autofree char *size = tl_attachment_format_size (attachment->size);
  g_autofree char *accessible = NULL;
  g_autofree char *remove_name = NULL;
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *remove;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture, *name, *detail;

  bytes = tl_store_load_attachment (self->store, self->tip_id, attachment->number, NULL, &error);
  if (bytes != NULL)
    paintable = tl_attachment_preview_new (attachment->type, bytes, THUMB_SIZE * 2, &error);

  if (paintable != NULL)
    {
      picture = gtk_picture_new_for_paintable (paintable);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
    }
  else if (error != NULL)
    {
      picture = gtk_label_new (_("Cannot preview"));
      gtk_widget_add_css_class (picture, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (picture), TRUE);
    }
  else
    {
      picture = gtk_image_new_from_icon_name (icon_for (attachment->type));
      gtk_image_set_pixel_size (GTK_IMAGE (picture), 48);
    }
  gtk_widget_set_size_request (picture, THUMB_SIZE, THUMB_SIZE);
  g_ptr_array_add (self->thumbnails, paintable != NULL ? g_object_ref (paintable) : NULL);

  name = gtk_label_new (attachment->name);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 14);
  detail = gtk_label_new (size);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");

  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: accessible name of an attachment's thumbnail: the file's name and type */
  accessible = g_strdup_printf (_("Open %s (%s)"), attachment->name,
                                g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_attachment_type_values, attachment->type)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, attachment->name);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (item_clicked_cb), self);

  /* Over the thumbnail's corner, not inside its button: a button in a button is one
   * control to a screen reader. */
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_set_margin_top (remove, 4);
  gtk_widget_set_margin_end (remove, 4);
  gtk_widget_set_tooltip_text (remove, _("Remove from the tip"));
  /* Translators: accessible name of the button that removes an attachment; %s is its file name */
  remove_name = g_strdup_printf (_("Remove %s"), attachment->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  g_ptr_array_add (self->remove_buttons, remove);

  gtk_overlay_set_child (GTK_OVERLAY (overlay), button);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
  return overlay;
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TlAttachmentsSection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, _("Tipline could not read that file. Check that it is still there and that you may read it."));
      return;
    }
  name = g_file_get_basename (G_FILE (source));
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (contents, length);

    tl_attachments_section_attach (self, name, bytes);
  }
}

static void
attach_files (TlAttachmentsSection *self,
              GSList               *files)
{
  for (GSList *l = files; l != NULL; l = l->next)
    g_file_load_contents_async (l->data, self->cancellable, file_loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog      *dialog,
                     int                   response,
                     TlAttachmentsSection *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *list = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        list = g_slist_append (list, g_list_model_get_item (files, i));
      attach_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  g_object_unref (dialog);
}

static void
attach_clicked_cb (TlAttachmentsSection *self)
{
  GtkFileChooserNative *chooser;

  /* The portal's file chooser when sandboxed; the file is read into memory. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = gtk_file_chooser_native_new (_("Attach Evidence"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A pasted or dropped image becomes a PNG named after the time it came in. */
static void
attach_texture (TlAttachmentsSection *self,
                GdkTexture           *texture)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H%M%S");
  /* Translators: the name given to a pasted screenshot; %s is the date and time */
  g_autofree char *name = g_strdup_printf (_("Pasted image %s.png"), stamp);

  tl_attachments_section_attach (self, name, png);
}

static void
texture_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TlAttachmentsSection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, _("The clipboard holds no image or file to attach. Copy a screenshot or a file, then paste."));
      return;
    }
  attach_texture (self, texture);
}

static void
files_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TlAttachmentsSection) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);

  if (value == NULL)
    {
      gdk_clipboard_read_texture_async (GDK_CLIPBOARD (source), self->cancellable, texture_read_cb,
                                        g_object_ref (self));
      return;
    }
  attach_files (self, g_value_get_boxed (value));
}

static gboolean
drop_cb (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         TlAttachmentsSection *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      attach_files (self, g_value_get_boxed (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      attach_texture (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

static void
update_sensitive (TlAttachmentsSection *self)
{
  gboolean ready = self->store != NULL && self->tip_id != NULL && tl_store_is_unlocked (self->store);

  gtk_widget_set_sensitive (self->attach_button, ready);
  gtk_widget_set_sensitive (self->paste_button, ready);
}

/* overrides */

static void
tl_attachments_section_dispose (GObject *object)
{
  TlAttachmentsSection *self = TL_ATTACHMENTS_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tip_id, g_free);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->thumbnails, g_ptr_array_unref);
  g_clear_pointer (&self->remove_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (tl_attachments_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_attachments_section_class_init (TlAttachmentsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_attachments_section_dispose;
}

static void
tl_attachments_section_init (TlAttachmentsSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  self->cancellable = g_cancellable_new ();
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_attachment_free);
  self->thumbnails = g_ptr_array_new_with_free_func (unref_if_set);
  self->remove_buttons = g_ptr_array_new ();

  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Evidence"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
    _("Photos and files carry hidden details: where and when they were made, and the phone that made them. That is evidence for police and a danger to a victim if it leaks; reports send a cleaned copy."));

  self->attach_button = gtk_button_new_from_icon_name ("mail-attachment-symbolic");
  gtk_widget_set_tooltip_text (self->attach_button, _("Attach a file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attach_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attach a file"), -1);
  gtk_widget_add_css_class (self->attach_button, "flat");
  g_signal_connect_swapped (self->attach_button, "clicked", G_CALLBACK (attach_clicked_cb), self);
  self->paste_button = gtk_button_new_from_icon_name ("edit-paste-symbolic");
  gtk_widget_set_tooltip_text (self->paste_button, _("Paste a screenshot or a file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->paste_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Paste a screenshot or a file"), -1);
  gtk_widget_add_css_class (self->paste_button, "flat");
  g_signal_connect_swapped (self->paste_button, "clicked", G_CALLBACK (tl_attachments_section_paste), self);
  gtk_box_append (GTK_BOX (buttons), self->paste_button);
  gtk_box_append (GTK_BOX (buttons), self->attach_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), buttons);

  self->flow = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->flow, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attachments"), -1);
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->flow));
  gtk_box_append (GTK_BOX (box), self->group);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  adw_bin_set_child (ADW_BIN (self), box);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_sensitive (self);
}

/* public API */

GtkWidget *
tl_attachments_section_new (void)
{
  return g_object_new (TL_TYPE_ATTACHMENTS_SECTION, NULL);
}

void
tl_attachments_section_set_store (TlAttachmentsSection *self,
                                  TlStore              *store)
{
  g_return_if_fail (TL_IS_ATTACHMENTS_SECTION (self));

  if (g_set_object (&self->store, store))
    tl_attachments_section_reload (self);
}

/* tip_id NULL: no tip (or the store locked): nothing shown. */
void
tl_attachments_section_set_tip (TlAttachmentsSection *self,
                                const char           *tip_id)
{
  g_return_if_fail (TL_IS_ATTACHMENTS_SECTION (self));

  g_free (self->tip_id);
  self->tip_id = g_strdup (tip_id);
  set_message (self, NULL);
  tl_attachments_section_reload (self);
}

void
tl_attachments_section_reload (TlAttachmentsSection *self)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkWidget *child;

  g_return_if_fail (TL_IS_ATTACHMENTS_SECTION (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);
  g_ptr_array_set_size (self->attachments, 0);
  g_ptr_array_set_size (self->thumbnails, 0);
  g_ptr_array_set_size (self->remove_buttons, 0);
  update_sensitive (self);

  if (self->store == NULL || self->tip_id == NULL || !tl_store_is_unlocked (self->store))
    return;
  list = tl_store_list_attachments (self->store, self->tip_id, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const TlAttachment *attachment = g_ptr_array_index (list, i);

      g_ptr_array_add (self->attachments, tl_attachment_copy (attachment));
      gtk_flow_box_append (self->flow, make_item (self, attachment, i));
    }
}

/* Attaches in memory; a refusal (limits, type, unsaved tip) is shown as its one
 * sentence under the thumbnails. */
gboolean
tl_attachments_section_attach (TlAttachmentsSection *self,
                               const char           *name,
                               GBytes               *bytes)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TL_IS_ATTACHMENTS_SECTION (self), FALSE);

  if (self->store == NULL || self->tip_id == NULL)
    return FALSE;
  if (tl_attach_bytes (self->store, self->tip_id, name, bytes, TL_ATTACHMENT_KIND_UNCLASSIFIED, &error) == 0)
    {
      set_message (self, error->message);
      return FALSE;
    }
  set_message (self, NULL);
  tl_attachments_section_reload (self);
  return TRUE;
}

/* Files on the clipboard first (copied in a file manager), else an image. */
void
tl_attachments_section_paste (TlAttachmentsSection *self)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;

  g_return_if_fail (TL_IS_ATTACHMENTS_SECTION (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, self->cancellable,
                                    files_read_cb, g_object_ref (self));
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, texture_read_cb, g_object_ref (self));
}

guint
tl_attachments_section_get_n_items (TlAttachmentsSection *self)
{
  g_return_val_if_fail (TL_IS_ATTACHMENTS_SECTION (self), 0);

  return self->attachments->len;
}

/* The thumbnail shown for an attachment, or NULL (an icon, or "Cannot preview"). */
GdkPaintable *
tl_attachments_section_get_thumbnail (TlAttachmentsSection *self,
                                      guint                 index)
{
  g_return_val_if_fail (TL_IS_ATTACHMENTS_SECTION (self), NULL);

  return index < self->thumbnails->len ? g_ptr_array_index (self->thumbnails, index) : NULL;
}

const char *
tl_attachments_section_get_message (TlAttachmentsSection *self)
{
  g_return_val_if_fail (TL_IS_ATTACHMENTS_SECTION (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}

/* The button that removes an attachment (after asking), for the tests. */
GtkWidget *
tl_attachments_section_get_remove_button (TlAttachmentsSection *self,
                                          guint                 index)
{
  g_return_val_if_fail (TL_IS_ATTACHMENTS_SECTION (self), NULL);

  return index < self->remove_buttons->len ? g_ptr_array_index (self->remove_buttons, index) : NULL;
}
