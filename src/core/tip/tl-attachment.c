/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-attachment.h"
#include "tl-error.h"

/* Evidence that arrives with a tip: a screenshot of an ad, a photo, a voicemail, an
 * e-mail. This is what an attachment is and what may be attached: the type comes from
 * the bytes themselves (a renamed file is what its bytes say), and a file that is none
 * of the types below is refused, so every attachment can be previewed, cleaned and
 * listed. The bytes live in the store (tl-store-attachments.c). */

const TlEnumValue tl_attachment_type_values[] = {
  { TL_ATTACHMENT_TYPE_UNKNOWN, "unknown", N_("Unknown") },
  { TL_ATTACHMENT_TYPE_PNG, "png", N_("PNG image") },
  { TL_ATTACHMENT_TYPE_JPEG, "jpeg", N_("JPEG image") },
  { TL_ATTACHMENT_TYPE_GIF, "gif", N_("GIF image") },
  { TL_ATTACHMENT_TYPE_WEBP, "webp", N_("WebP image") },
  { TL_ATTACHMENT_TYPE_PDF, "pdf", N_("PDF document") },
  { TL_ATTACHMENT_TYPE_WAV, "wav", N_("WAV audio") },
  { TL_ATTACHMENT_TYPE_OGG, "ogg", N_("Ogg audio") },
  { TL_ATTACHMENT_TYPE_MP3, "mp3", N_("MP3 audio") },
  { TL_ATTACHMENT_TYPE_M4A, "m4a", N_("M4A audio") },
  { TL_ATTACHMENT_TYPE_EML, "eml", N_("E-mail message") },
  { TL_ATTACHMENT_TYPE_MSG, "msg", N_("Outlook message") },
  { TL_ATTACHMENT_TYPE_TEXT, "text", N_("Text") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_attachment_kind_values[] = {
  { TL_ATTACHMENT_KIND_UNCLASSIFIED, "unclassified", N_("Not classified") },
  { TL_ATTACHMENT_KIND_VICTIM, "victim", N_("Shows or names a victim") },
  { TL_ATTACHMENT_KIND_OFFENDER_AD, "offender-ad", N_("An offender's ad or profile") },
  { TL_ATTACHMENT_KIND_OFFENDER, "offender", N_("An offender, vehicle or place") },
  { 0, NULL, NULL },
};

static const struct
{
  TlAttachmentType type;
  const char *mime;
} mimes[] = {
  { TL_ATTACHMENT_TYPE_UNKNOWN, "application/octet-stream" },
  { TL_ATTACHMENT_TYPE_PNG, "image/png" },
  { TL_ATTACHMENT_TYPE_JPEG, "image/jpeg" },
  { TL_ATTACHMENT_TYPE_GIF, "image/gif" },
  { TL_ATTACHMENT_TYPE_WEBP, "image/webp" },
  { TL_ATTACHMENT_TYPE_PDF, "application/pdf" },
  { TL_ATTACHMENT_TYPE_WAV, "audio/wav" },
  { TL_ATTACHMENT_TYPE_OGG, "audio/ogg" },
  { TL_ATTACHMENT_TYPE_MP3, "audio/mpeg" },
  { TL_ATTACHMENT_TYPE_M4A, "audio/mp4" },
  { TL_ATTACHMENT_TYPE_EML, "message/rfc822" },
  { TL_ATTACHMENT_TYPE_MSG, "application/vnd.ms-outlook" },
  { TL_ATTACHMENT_TYPE_TEXT, "text/plain" },
};

/* How much of a text-bearing file goes into the search index. */
#define MAX_INDEXED_TEXT (1024 * 1024)

/* helpers */

static gboolean
starts_with (const guint8 *data,
             gsize         length,
             gsize         offset,
             const char   *magic,
             gsize         magic_length)
{
  return length >= offset + magic_length && memcmp (data + offset, magic, magic_length) == 0;
}

/* An MPEG audio frame header: 11 sync bits, a version other than "reserved" and a
 * layer other than "reserved", and a bitrate index other than "bad". */
static gboolean
is_mpeg_frame (const guint8 *data,
               gsize         length)
{
  return length >= 4 && data[0] == 0xff && (data[1] & 0xe0) == 0xe0 &&
         (data[1] & 0x18) != 0x08 && (data[1] & 0x06) != 0 && (data[2] & 0xf0) != 0xf0;
}

/* An Outlook message is an OLE2 compound file whose directory holds "__substg1.0_"
 * streams (UTF-16LE names); a Word or Excel file is OLE2 too and is refused. */
static gboolean
is_outlook_message (const guint8 *data,
                    gsize         length)
{
  static const char name[] = "_\0_\0s\0u\0b\0s\0t\0g\0" "1\0.\0" "0\0_\0";

  return memmem (data, length, name, sizeof name - 1) != NULL;
}

/* Text: UTF-8 with no NUL and no control character but tab, line breaks and form feed. */
static gboolean
is_text (const guint8 *data,
         gsize         length)
{
  if (!g_utf8_validate_len ((const char *) data, length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' && data[i] != '\f')
      return FALSE;
  return TRUE;
}

/* An Internet message: it opens with header fields (ASCII "Name: value" lines, folded
 * lines starting with a space) up to a blank line, and they include From and one of
 * Date, Received, Message-ID or Subject. */
static gboolean
is_email (const guint8 *data,
          gsize         length)
{
  gboolean from = FALSE, other = FALSE;
  gsize i = 0;
  guint fields = 0;

  while (i < length)
    {
      gsize end = i, colon = 0;

      while (end < length && data[end] != '\n')
        end++;
      if (end == i || (end == i + 1 && data[i] == '\r'))
        break;                                    /* the blank line: headers end */
      for (gsize j = i; j < end; j++)
        if (data[j] >= 0x80 || (data[j] < 0x20 && data[j] != '\t' && data[j] != '\r'))
          return FALSE;
      if (data[i] != ' ' && data[i] != '\t')
        {
          for (colon = i; colon < end && data[colon] != ':'; colon++)
            if (data[colon] <= ' ')
              return FALSE;
          if (colon == end || colon == i)
            return FALSE;
          fields++;
          if (colon - i == 4 && g_ascii_strncasecmp ((const char *) data + i, "from", 4) == 0)
            from = TRUE;
          else if ((colon - i == 4 && g_ascii_strncasecmp ((const char *) data + i, "date", 4) == 0) ||
                   (colon - i == 8 && g_ascii_strncasecmp ((const char *) data + i, "received", 8) == 0) ||
                   (colon - i == 10 && g_ascii_strncasecmp ((const char *) data + i, "message-id", 10) == 0) ||
                   (colon - i == 7 && g_ascii_strncasecmp ((const char *) data + i, "subject", 7) == 0))
            other = TRUE;
        }
      else if (fields == 0)
        return FALSE;
      i = end + 1;
    }
  return from && other;
}

/* public API */

/**
 * tl_attachment_sniff:
 *
 * Returns: the type @data's bytes say it is, or %TL_ATTACHMENT_TYPE_UNKNOWN
 */
TlAttachmentType
tl_attachment_sniff (const guint8 *data,
                     gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, TL_ATTACHMENT_TYPE_UNKNOWN);

  if (length == 0)
    return TL_ATTACHMENT_TYPE_UNKNOWN;
  if (starts_with (data, length, 0, "\x89PNG\r\n\x1a\n", 8))
    return TL_ATTACHMENT_TYPE_PNG;
  if (starts_with (data, length, 0, "\xff\xd8\xff", 3))
    return TL_ATTACHMENT_TYPE_JPEG;
  if (starts_with (data, length, 0, "GIF87a", 6) || starts_with (data, length, 0, "GIF89a", 6))
    return TL_ATTACHMENT_TYPE_GIF;
  if (starts_with (data, length, 0, "RIFF", 4) && starts_with (data, length, 8, "WEBP", 4))
    return TL_ATTACHMENT_TYPE_WEBP;
  if (starts_with (data, length, 0, "RIFF", 4) && starts_with (data, length, 8, "WAVE", 4))
    return TL_ATTACHMENT_TYPE_WAV;
  if (starts_with (data, length, 0, "%PDF-", 5))
    return TL_ATTACHMENT_TYPE_PDF;
  if (starts_with (data, length, 0, "OggS", 4))
    return TL_ATTACHMENT_TYPE_OGG;
  if (starts_with (data, length, 0, "ID3", 3) || is_mpeg_frame (data, length))
    return TL_ATTACHMENT_TYPE_MP3;
  if (starts_with (data, length, 4, "ftyp", 4) &&
      (starts_with (data, length, 8, "M4A ", 4) || starts_with (data, length, 8, "M4B ", 4)))
    return TL_ATTACHMENT_TYPE_M4A;
  if (starts_with (data, length, 0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) &&
      is_outlook_message (data, length))
    return TL_ATTACHMENT_TYPE_MSG;
  if (is_email (data, length))
    return TL_ATTACHMENT_TYPE_EML;
  if (is_text (data, length))
    return TL_ATTACHMENT_TYPE_TEXT;
  return TL_ATTACHMENT_TYPE_UNKNOWN;
}

const char *
tl_attachment_type_mime (TlAttachmentType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (mimes); i++)
    if (mimes[i].type == type)
      return mimes[i].mime;
  return mimes[0].mime;
}

gboolean
tl_attachment_type_is_image (TlAttachmentType type)
{
  return type == TL_ATTACHMENT_TYPE_PNG || type == TL_ATTACHMENT_TYPE_JPEG ||
         type == TL_ATTACHMENT_TYPE_GIF || type == TL_ATTACHMENT_TYPE_WEBP;
}

gboolean
tl_attachment_type_is_audio (TlAttachmentType type)
{
  return type == TL_ATTACHMENT_TYPE_WAV || type == TL_ATTACHMENT_TYPE_OGG ||
         type == TL_ATTACHMENT_TYPE_MP3 || type == TL_ATTACHMENT_TYPE_M4A;
}

/* The types whose text goes into the search index. */
gboolean
tl_attachment_type_has_text (TlAttachmentType type)
{
  return type == TL_ATTACHMENT_TYPE_EML || type == TL_ATTACHMENT_TYPE_TEXT;
}

/* Lower-case hex. */
char *
tl_attachment_sha256 (const guint8 *data,
                      gsize         length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, data, length);
  return g_strdup (g_checksum_get_string (checksum));
}

/* The last part of a path, valid UTF-8, without control characters, at most
 * TL_ATTACHMENT_MAX_NAME bytes; "attachment" when nothing is left. */
char *
tl_attachment_clean_name (const char *name)
{
  g_autofree char *base = NULL;
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (name == NULL || *name == '\0')
    return g_strdup ("attachment");

  base = g_path_get_basename (name);
  valid = g_utf8_make_valid (base, -1);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == '/' || c == '\\')
        continue;
      if (out->len + g_unichar_to_utf8 (c, NULL) > TL_ATTACHMENT_MAX_NAME)
        break;
      g_string_append_unichar (out, c);
    }
  if (out->len == 0 || strcmp (out->str, ".") == 0 || strcmp (out->str, "..") == 0)
    return g_strdup ("attachment");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * tl_attachment_check:
 * @already_on_tip: how many attachments the tip has now
 * @type: (out) (optional): the sniffed type
 *
 * Whether @data may be attached: one clear sentence when it may not (empty, over the
 * size cap, the tip full, a type Tipline cannot show).
 */
gboolean
tl_attachment_check (const char        *name,
                     const guint8      *data,
                     gsize              length,
                     guint              already_on_tip,
                     TlAttachmentType  *type,
                     GError           **error)
{
  TlAttachmentType sniffed;

  if (already_on_tip >= TL_ATTACHMENT_MAX_PER_TIP)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("This tip already has %d attachments, the most one tip can hold. Remove one first."),
                   TL_ATTACHMENT_MAX_PER_TIP);
      return FALSE;
    }
  if (length > TL_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MB, the most Tipline attaches. Attach a smaller copy."),
                   name, TL_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (length == 0)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("“%s” is empty. Attach the file that holds the evidence."), name);
      return FALSE;
    }
  sniffed = tl_attachment_sniff (data, length);
  if (sniffed == TL_ATTACHMENT_TYPE_UNKNOWN)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("Tipline cannot attach “%s”: it is not an image, PDF, audio recording, e-mail or text file."),
                   name);
      return FALSE;
    }
  if (type != NULL)
    *type = sniffed;
  return TRUE;
}

/**
 * tl_attachment_dup_text:
 *
 * Returns: (nullable): the text of a text-bearing attachment for the search index
 *   (at most 1 MB, made valid UTF-8), or %NULL for other types
 */
char *
tl_attachment_dup_text (TlAttachmentType  type,
                        const guint8     *data,
                        gsize             length)
{
  if (!tl_attachment_type_has_text (type) || data == NULL)
    return NULL;
  return g_utf8_make_valid ((const char *) data, MIN (length, MAX_INDEXED_TEXT));
}

char *
tl_attachment_format_size (gint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_DEFAULT);
}

TlAttachment *
tl_attachment_copy (const TlAttachment *attachment)
{
  TlAttachment *copy;

  g_return_val_if_fail (attachment != NULL, NULL);

  copy = g_memdup2 (attachment, sizeof *attachment);
  copy->tip_id = g_strdup (attachment->tip_id);
  copy->name = g_strdup (attachment->name);
  copy->sha256 = g_strdup (attachment->sha256);
  copy->advocate = g_strdup (attachment->advocate);
  return copy;
}

void
tl_attachment_free (TlAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->tip_id);
  g_free (attachment->name);
  g_free (attachment->sha256);
  g_free (attachment->advocate);
  g_free (attachment);
}

void
tl_carried_attachment_free (TlCarriedAttachment *carried)
{
  if (carried == NULL)
    return;
  tl_attachment_free (carried->info);
  g_free (carried->original_sha256);
  g_clear_pointer (&carried->bytes, g_bytes_unref);
  g_free (carried->refused);
  g_free (carried);
}
