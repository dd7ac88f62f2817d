/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachment-meta"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libexif/exif-data.h>
#include <poppler.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tl-attachment-meta.h"

/* What an attachment's own metadata says (issue 20): where and when a photo was taken
 * and with what (EXIF, read with libexif), which servers an e-mail passed through (its
 * Received headers), who made a PDF (Poppler). For police this is evidence; for a victim
 * it can be her address. The viewer shows it under a warning and every export but the
 * full record sends the cleaned copy (tl-attachment-clean.c). Nothing here writes a
 * file: everything is read from memory. A damaged file yields what could be read. */

const TlEnumValue tl_meta_group_values[] = {
  { TL_META_LOCATION, "location", N_("Location") },
  { TL_META_CAMERA, "camera", N_("Camera") },
  { TL_META_DATES, "dates", N_("Dates") },
  { TL_META_MESSAGE, "message", N_("Message headers") },
  { TL_META_DOCUMENT, "document", N_("Document") },
  { TL_META_OTHER, "other", N_("Other details") },
  { 0, NULL, NULL },
};

/* The e-mail headers worth showing, in the order met; Received may repeat. */
static const struct
{
  const char *name;
  TlMetaGroup group;
} email_headers[] = {
  { "Received", TL_META_MESSAGE },
  { "Return-Path", TL_META_MESSAGE },
  { "X-Originating-IP", TL_META_MESSAGE },
  { "From", TL_META_MESSAGE },
  { "Reply-To", TL_META_MESSAGE },
  { "To", TL_META_MESSAGE },
  { "Cc", TL_META_MESSAGE },
  { "Subject", TL_META_MESSAGE },
  { "Message-ID", TL_META_MESSAGE },
  { "Date", TL_META_DATES },
};

/* helpers */

static void
add (GPtrArray   *fields,
     TlMetaGroup  group,
     const char  *label,
     const char  *value)
{
  TlMetaField *field;
  g_autofree char *valid = NULL;

  if (value == NULL)
    return;
  valid = g_utf8_make_valid (value, -1);
  g_strstrip (valid);
  if (*valid == '\0')
    return;
  field = g_new0 (TlMetaField, 1);
  field->group = group;
  field->label = g_strdup (label);
  field->value = g_steal_pointer (&valid);
  g_ptr_array_add (fields, field);
}

/* The chunk body of a RIFF (WebP) or PNG file whose type is fourcc, or NULL. */
static const guint8 *
find_chunk (const guint8 *d,
            gsize         n,
            gboolean      png,
            const char   *fourcc,
            gsize        *length)
{
  gsize pos = png ? 8 : 12;

  while (pos + 8 <= n)
    {
      guint32 size = png ? ((guint32) d[pos] << 24 | d[pos + 1] << 16 | d[pos + 2] << 8 | d[pos + 3])
                         : ((guint32) d[pos + 7] << 24 | d[pos + 6] << 16 | d[pos + 5] << 8 | d[pos + 4]);
      const guint8 *type = d + pos + (png ? 4 : 0);

      if (size > n - pos - 8)
        return NULL;
      if (memcmp (type, fourcc, 4) == 0)
        {
          *length = size;
          return d + pos + 8;
        }
      pos += 8 + size + (png ? 4 : (size & 1));
    }
  return NULL;
}

/* libexif takes a JPEG or a block starting "Exif\0\0". */
static ExifData *
load_exif (TlAttachmentType  type,
           const guint8     *d,
           gsize             n)
{
  const guint8 *block = NULL;
  gsize length = 0;
  g_autofree guint8 *prefixed = NULL;

  if (type == TL_ATTACHMENT_TYPE_JPEG)
    return n > G_MAXUINT ? NULL : exif_data_new_from_data (d, n);
  if (type == TL_ATTACHMENT_TYPE_PNG)
    block = find_chunk (d, n, TRUE, "eXIf", &length);
  else if (type == TL_ATTACHMENT_TYPE_WEBP)
    block = find_chunk (d, n, FALSE, "EXIF", &length);
  if (block == NULL || length < 8)
    return NULL;
  if (length >= 6 && memcmp (block, "Exif\0\0", 6) == 0)
    return exif_data_new_from_data (block, length);
  prefixed = g_malloc (length + 6);
  memcpy (prefixed, "Exif\0\0", 6);
  memcpy (prefixed + 6, block, length);
  return exif_data_new_from_data (prefixed, length + 6);
}

static char *
exif_text (ExifData *exif,
           ExifIfd   ifd,
           ExifTag   tag)
{
  ExifEntry *entry = exif_content_get_entry (exif->ifd[ifd], tag);
  char buffer[1024];

  if (entry == NULL)
    return NULL;
  return g_strdup (exif_entry_get_value (entry, buffer, sizeof buffer));
}

/* Degrees as a decimal, signed by its reference (S and W negative); NAN when absent. */
static double
exif_coordinate (ExifData *exif,
                 ExifTag   tag,
                 ExifTag   ref_tag)
{
  ExifEntry *entry = exif_content_get_entry (exif->ifd[EXIF_IFD_GPS], tag);
  ExifEntry *ref = exif_content_get_entry (exif->ifd[EXIF_IFD_GPS], ref_tag);
  ExifByteOrder order = exif_data_get_byte_order (exif);
  double value = 0, scale = 1;

  if (entry == NULL || entry->format != EXIF_FORMAT_RATIONAL || entry->components < 1 ||
      entry->size < entry->components * 8)
    return NAN;
  for (unsigned i = 0; i < MIN (entry->components, 3); i++)
    {
      ExifRational r = exif_get_rational (entry->data + 8 * i, order);

      if (r.denominator == 0)
        return NAN;
      value += (double) r.numerator / r.denominator / scale;
      scale *= 60;
    }
  if (ref != NULL && ref->size >= 1 && (ref->data[0] == 'S' || ref->data[0] == 'W'))
    value = -value;
  return value;
}

static void
read_exif (TlAttachmentType  type,
           const guint8     *d,
           gsize             n,
           GPtrArray        *fields)
{
  static const struct
  {
    TlMetaGroup group;
    ExifIfd ifd;
    ExifTag tag;
    const char *label;
  } texts[] = {
    { TL_META_CAMERA, EXIF_IFD_0, EXIF_TAG_MAKE, N_("Camera make") },
    { TL_META_CAMERA, EXIF_IFD_0, EXIF_TAG_MODEL, N_("Camera model") },
    { TL_META_CAMERA, EXIF_IFD_0, EXIF_TAG_SOFTWARE, N_("Software") },
    { TL_META_CAMERA, EXIF_IFD_0, EXIF_TAG_ARTIST, N_("Artist") },
    { TL_META_CAMERA, EXIF_IFD_EXIF, EXIF_TAG_BODY_SERIAL_NUMBER, N_("Camera serial number") },
    { TL_META_DATES, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, N_("Taken") },
    { TL_META_DATES, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_DIGITIZED, N_("Digitized") },
    { TL_META_DATES, EXIF_IFD_0, EXIF_TAG_DATE_TIME, N_("Changed") },
  };
  ExifData *exif = load_exif (type, d, n);
  double lat, lon;

  if (exif == NULL)
    return;

  lat = exif_coordinate (exif, EXIF_TAG_GPS_LATITUDE, EXIF_TAG_GPS_LATITUDE_REF);
  lon = exif_coordinate (exif, EXIF_TAG_GPS_LONGITUDE, EXIF_TAG_GPS_LONGITUDE_REF);
  if (!isnan (lat) && !isnan (lon))
    {
      g_autofree char *where = g_strdup_printf ("%.6f, %.6f", lat, lon);

      add (fields, TL_META_LOCATION, N_("GPS position"), where);
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *value = exif_text (exif, texts[i].ifd, texts[i].tag);

      add (fields, texts[i].group, texts[i].label, value);
    }
  exif_data_unref (exif);
}

/* Other blocks that say who or where: named, not decoded. */
static void
read_blocks (TlAttachmentType  type,
             const guint8     *d,
             gsize             n,
             GPtrArray        *fields)
{
  if (type == TL_ATTACHMENT_TYPE_JPEG || type == TL_ATTACHMENT_TYPE_PNG ||
      type == TL_ATTACHMENT_TYPE_GIF || type == TL_ATTACHMENT_TYPE_WEBP)
    {
      if (memmem (d, n, "http://ns.adobe.com/xap/1.0/", 28) != NULL ||
          memmem (d, n, "<x:xmpmeta", 10) != NULL)
        add (fields, TL_META_OTHER, N_("XMP block"), _("present"));
      if (type == TL_ATTACHMENT_TYPE_JPEG && memmem (d, n, "Photoshop 3.0", 13) != NULL)
        add (fields, TL_META_OTHER, N_("IPTC block"), _("present"));
    }

  if (type == TL_ATTACHMENT_TYPE_JPEG)
    {
      gsize pos = 2;

      while (pos + 4 <= n && d[pos] == 0xff && d[pos + 1] != 0xda)
        {
          guint length = (d[pos + 2] << 8) | d[pos + 3];

          if (length < 2 || pos + 2 + length > n)
            break;
          if (d[pos + 1] == 0xfe)
            {
              g_autofree char *text = g_strndup ((const char *) d + pos + 4, length - 2);

              add (fields, TL_META_OTHER, N_("Comment"), text);
            }
          pos += 2 + length;
        }
    }
  else if (type == TL_ATTACHMENT_TYPE_PNG)
    {
      gsize length;
      const guint8 *text = find_chunk (d, n, TRUE, "tEXt", &length);

      if (text != NULL)
        {
          g_autofree char *key = g_strndup ((const char *) text, length);
          gsize key_length = strlen (key);
          g_autofree char *value = key_length < length
                                   ? g_strndup ((const char *) text + key_length + 1, length - key_length - 1)
                                   : NULL;

          add (fields, TL_META_OTHER, key, value);
        }
    }
}

static void
read_pdf (GBytes    *bytes,
          GPtrArray *fields)
{
  PopplerDocument *document = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  char *text;

  document = poppler_document_new_from_bytes (bytes, NULL, NULL);
  if (document == NULL)
    return;

#define ADD_TEXT(group, label, getter) \
  text = getter (document); \
  add (fields, group, label, text); \
  g_free (text)
  ADD_TEXT (TL_META_DOCUMENT, N_("Title"), poppler_document_get_title);
  ADD_TEXT (TL_META_DOCUMENT, N_("Author"), poppler_document_get_author);
  ADD_TEXT (TL_META_DOCUMENT, N_("Made with"), poppler_document_get_creator);
  ADD_TEXT (TL_META_DOCUMENT, N_("Producer"), poppler_document_get_producer);
#undef ADD_TEXT

  created = poppler_document_get_creation_date_time (document);
  modified = poppler_document_get_modification_date_time (document);
  if (created != NULL)
    {
      g_autofree char *value = g_date_time_format_iso8601 (created);

      add (fields, TL_META_DATES, N_("Created"), value);
    }
  if (modified != NULL)
    {
      g_autofree char *value = g_date_time_format_iso8601 (modified);

      add (fields, TL_META_DATES, N_("Changed"), value);
    }
  text = poppler_document_get_metadata (document);
  if (text != NULL)
    add (fields, TL_META_OTHER, N_("XMP block"), _("present"));
  g_free (text);
  g_object_unref (document);
}

/* The header block, unfolded: one "Name: value" string per field, in order. */
static GPtrArray *
email_fields (const guint8 *d,
              gsize         n,
              gsize        *body_at)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;
  gsize pos = 0;

  while (pos < n)
    {
      gsize end = pos;

      while (end < n && d[end] != '\n')
        end++;
      if (end == pos || (end == pos + 1 && d[pos] == '\r'))
        {
          pos = end + 1;
          break;
        }
      if ((d[pos] == ' ' || d[pos] == '\t') && current != NULL)
        g_string_append_c (current, ' ');
      else
        {
          if (current != NULL)
            g_ptr_array_add (lines, g_string_free (current, FALSE));
          current = g_string_new (NULL);
        }
      if (current == NULL)
        current = g_string_new (NULL);
      g_string_append_len (current, (const char *) d + pos,
                           end - pos - (end > pos && d[end - 1] == '\r' ? 1 : 0));
      pos = end + 1;
    }
  if (current != NULL)
    g_ptr_array_add (lines, g_string_free (current, FALSE));
  if (body_at != NULL)
    *body_at = MIN (pos, n);
  return lines;
}

static void
read_email (const guint8 *d,
            gsize         n,
            GPtrArray    *fields)
{
  g_autoptr(GPtrArray) lines = email_fields (d, n, NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');

      if (colon == NULL)
        continue;
      for (guint h = 0; h < G_N_ELEMENTS (email_headers); h++)
        if ((gsize) (colon - line) == strlen (email_headers[h].name) &&
            g_ascii_strncasecmp (line, email_headers[h].name, colon - line) == 0)
          add (fields, email_headers[h].group, email_headers[h].name, colon + 1);
    }
}

static const char *
email_header (GPtrArray  *lines,
              const char *name)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      gsize length = strlen (name);

      if (g_ascii_strncasecmp (line, name, length) == 0 && line[length] == ':')
        return line + length + 1;
    }
  return NULL;
}

/* public API */

/**
 * tl_attachment_read_metadata:
 *
 * Returns: (transfer full) (element-type TlMetaField): what the file says about
 *   itself, grouped in the order of #TlMetaGroup's sources; empty when nothing
 */
GPtrArray *
tl_attachment_read_metadata (TlAttachmentType  type,
                             GBytes           *bytes)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_meta_field_free);
  gsize n;
  const guint8 *d;

  g_return_val_if_fail (bytes != NULL, fields);

  d = g_bytes_get_data (bytes, &n);
  if (n == 0)
    return fields;

  switch (type)
    {
    case TL_ATTACHMENT_TYPE_JPEG:
    case TL_ATTACHMENT_TYPE_PNG:
    case TL_ATTACHMENT_TYPE_WEBP:
      read_exif (type, d, n, fields);
      read_blocks (type, d, n, fields);
      break;
    case TL_ATTACHMENT_TYPE_GIF:
      read_blocks (type, d, n, fields);
      break;
    case TL_ATTACHMENT_TYPE_PDF:
      read_pdf (bytes, fields);
      break;
    case TL_ATTACHMENT_TYPE_EML:
      read_email (d, n, fields);
      break;
    default:
      break;
    }
  return fields;
}

/* When the evidence was made, by its own account: a photo's EXIF "taken" time (the
 * camera's clock, read as UTC: EXIF has no zone), a message's Date header, a PDF's
 * creation date. 0 when it does not say. */
gint64
tl_attachment_captured_time (TlAttachmentType  type,
                             GBytes           *bytes)
{
  gsize n;
  const guint8 *d = g_bytes_get_data (bytes, &n);

  if (type == TL_ATTACHMENT_TYPE_EML)
    {
      g_autoptr(GPtrArray) lines = email_fields (d, n, NULL);

      return tl_email_parse_date (email_header (lines, "Date"));
    }
  if (type == TL_ATTACHMENT_TYPE_JPEG || type == TL_ATTACHMENT_TYPE_PNG || type == TL_ATTACHMENT_TYPE_WEBP)
    {
      ExifData *exif = load_exif (type, d, n);
      g_autofree char *taken = NULL;
      int y, mo, da, h, mi, s;
      gint64 when = 0;

      if (exif == NULL)
        return 0;
      taken = exif_text (exif, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
      if (taken == NULL)
        taken = exif_text (exif, EXIF_IFD_0, EXIF_TAG_DATE_TIME);
      exif_data_unref (exif);
      if (taken != NULL && sscanf (taken, "%d:%d:%d %d:%d:%d", &y, &mo, &da, &h, &mi, &s) == 6)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, da, h, mi, s);

          if (dt != NULL)
            when = g_date_time_to_unix (dt);
        }
      return when;
    }
  if (type == TL_ATTACHMENT_TYPE_PDF)
    {
      PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, NULL);
      g_autoptr(GDateTime) created = document != NULL ? poppler_document_get_creation_date_time (document) : NULL;

      g_clear_object (&document);
      return created != NULL ? g_date_time_to_unix (created) : 0;
    }
  return 0;
}

/* The body of an e-mail as stored (no MIME decoding), valid UTF-8; NULL for none. */
char *
tl_attachment_email_body (GBytes *bytes)
{
  gsize n, at = 0;
  const guint8 *d = g_bytes_get_data (bytes, &n);
  g_autoptr(GPtrArray) lines = email_fields (d, n, &at);

  if (at >= n)
    return NULL;
  return g_utf8_make_valid ((const char *) d + at, n - at);
}

/* RFC 5322 dates: "Sat, 14 Mar 2026 21:05:09 -0600" (weekday and seconds optional, a
 * named zone of RFC 822 allowed). 0 when not a date. */
gint64
tl_email_parse_date (const char *value)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  static const struct { const char *name; int minutes; } zones[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
    { "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
    { "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
  };
  g_autoptr(GDateTime) utc = NULL;
  char month[4] = { 0 }, zone[8] = { 0 };
  int day, year, h, mi, s = 0, offset = 0, consumed = 0;
  const char *p, *m;

  if (value == NULL)
    return 0;
  p = value;
  while (*p == ' ' || *p == '\t')
    p++;
  if (g_ascii_isalpha (*p) && strchr (p, ',') != NULL)
    p = strchr (p, ',') + 1;

  if (sscanf (p, " %d %3s %d %d:%d%n", &day, month, &year, &h, &mi, &consumed) != 5)
    return 0;
  p += consumed;
  if (*p == ':' && sscanf (p, ":%d%n", &s, &consumed) == 1)
    p += consumed;
  if (sscanf (p, " %7s", zone) == 1)
    {
      if ((zone[0] == '+' || zone[0] == '-') && strlen (zone) == 5 &&
          g_ascii_isdigit (zone[1]) && g_ascii_isdigit (zone[4]))
        {
          int hhmm = atoi (zone + 1);

          offset = (hhmm / 100) * 60 + hhmm % 100;
          if (zone[0] == '-')
            offset = -offset;
        }
      else
        for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
          if (g_ascii_strcasecmp (zone, zones[i].name) == 0)
            offset = zones[i].minutes;
    }

  m = strstr (months, month);
  if (strlen (month) != 3 || m == NULL || (m - months) % 3 != 0)
    return 0;
  if (year < 100)
    year += year < 50 ? 2000 : 1900;
  utc = g_date_time_new_utc (year, (m - months) / 3 + 1, day, h, mi, s);
  if (utc == NULL)
    return 0;
  return g_date_time_to_unix (utc) - (gint64) offset * 60;
}

void
tl_meta_field_free (TlMetaField *field)
{
  if (field == NULL)
    return;
  g_free (field->label);
  g_free (field->value);
  g_free (field);
}
