/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachment-preview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "tl-attachment-preview.h"
#include "tl-error.h"

/* Thumbnails and previews of evidence (issue 20), from the bytes in memory: GTK's own
 * texture loaders (and GdkPixbuf's, for GIF and WebP) for images, Poppler for a PDF's
 * first page. A file they cannot read is "cannot preview", never a crash; the corpus of
 * damaged files is replayed through here by the attachments display test. */

/* helpers */

static GdkPaintable *
pdf_first_page (GBytes  *bytes,
                int      max_size,
                GError **error)
{
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, NULL);
  PopplerPage *page = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  GdkTexture *texture = NULL;
  double width = 0, height = 0, scale;
  int w, h;

  if (document != NULL && poppler_document_get_n_pages (document) > 0)
    page = poppler_document_get_page (document, 0);
  if (page != NULL)
    poppler_page_get_size (page, &width, &height);
  if (page == NULL || width < 1 || height < 1)
    {
      g_clear_object (&page);
      g_clear_object (&document);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, _("Cannot preview this PDF."));
      return NULL;
    }

  scale = MIN (max_size / width, max_size / height);
  w = MAX (1, (int) (width * scale));
  h = MAX (1, (int) (height * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GBytes) pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                              (gsize) cairo_image_surface_get_stride (surface) * h);

      texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, pixels,
                                        cairo_image_surface_get_stride (surface));
    }
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  if (texture == NULL)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, _("Cannot preview this PDF."));
  return GDK_PAINTABLE (texture);
}

/* public API */

GdkPaintable *
tl_attachment_preview_new (TlAttachmentType   type,
                           GBytes            *bytes,
                           int                max_size,
                           GError           **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  if (tl_attachment_type_is_image (type))
    {
      g_autoptr(GError) load_error = NULL;
      GdkTexture *texture = gdk_texture_new_from_bytes (bytes, &load_error);

      if (texture == NULL)
        g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, _("Cannot preview this image."));
      return GDK_PAINTABLE (texture);
    }
  if (type == TL_ATTACHMENT_TYPE_PDF)
    return pdf_first_page (bytes, max_size, error);
  return NULL;
}
