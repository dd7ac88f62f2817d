/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachment-clean"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-attachment-clean.h"
#include "tl-error.h"

/* The cleaned copy of an attachment (issue 20): what leaves Tipline in every report but
 * the full internal record. A phone photo carries where it was taken (EXIF GPS), the
 * camera and its owner's name, and the time; an editor adds XMP, IPTC and comments. For
 * a victim that is where she sleeps. Each cleaner walks the file's own structure and
 * keeps an allow-list of blocks that draw the picture or play the sound, so a block it
 * does not know is dropped, not passed on. A file whose structure does not hold together
 * is refused (damaged), never half-cleaned. docs/attachments.md lists what each keeps. */

/* helpers */

static guint
be16 (const guint8 *p)
{
  return (p[0] << 8) | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static void
put_le32 (guint8  *p,
          guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = value >> 24;
}

/* JPEG: every APPn but a JFIF header (rewritten without its thumbnail) and Adobe's
 * colour marker (APP14) goes, and every comment (COM); tables, frames and scans stay;
 * nothing after the end-of-image marker is kept. */
static gboolean
clean_jpeg (const guint8 *d,
            gsize         n,
            GByteArray   *out)
{
  static const guint8 jfif[18] = { 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
  gsize pos = 2;

  if (n < 4 || d[0] != 0xff || d[1] != 0xd8)
    return FALSE;
  g_byte_array_append (out, d, 2);

  while (pos + 2 <= n)
    {
      guint8 marker;
      guint length;

      if (d[pos] != 0xff)
        return FALSE;
      marker = d[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      if (marker == 0xd9)
        {
          g_byte_array_append (out, d + pos, 2);
          return TRUE;
        }
      if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        {
          g_byte_array_append (out, d + pos, 2);
          pos += 2;
          continue;
        }
      if (pos + 4 > n)
        return FALSE;
      length = be16 (d + pos + 2);
      if (length < 2 || pos + 2 + length > n)
        return FALSE;

      if (marker == 0xe0 && length >= 16 && memcmp (d + pos + 4, "JFIF", 5) == 0)
        {
          guint8 header[18];

          /* version, units and density kept; the thumbnail (if any) dropped */
          memcpy (header, jfif, sizeof header);
          memcpy (header + 9, d + pos + 9, 7);
          header[16] = header[17] = 0;
          g_byte_array_append (out, header, sizeof header);
        }
      else if (marker == 0xee && length >= 7 && memcmp (d + pos + 4, "Adobe", 5) == 0)
        g_byte_array_append (out, d + pos, 2 + length);
      else if ((marker >= 0xe0 && marker <= 0xef) || marker == 0xfe)
        ;                                        /* metadata: dropped */
      else
        g_byte_array_append (out, d + pos, 2 + length);
      pos += 2 + length;

      if (marker == 0xda)
        {
          /* Entropy-coded data up to the next marker that is not a stuffed byte or a
           * restart marker. */
          gsize start = pos;

          while (pos + 1 < n &&
                 !(d[pos] == 0xff && d[pos + 1] != 0 && d[pos + 1] != 0xff &&
                   !(d[pos + 1] >= 0xd0 && d[pos + 1] <= 0xd7)))
            pos++;
          if (pos + 1 >= n)
            return FALSE;
          g_byte_array_append (out, d + start, pos - start);
        }
    }
  return FALSE;
}

/* PNG: the chunks that draw the image (and animate it); text, XMP, EXIF, time, colour
 * profiles (which carry a name) and every private chunk go. */
static gboolean
clean_png (const guint8 *d,
           gsize         n,
           GByteArray   *out)
{
  static const char * const keep[] = {
    "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs",
    "acTL", "fcTL", "fdAT",
  };
  gsize pos = 8;

  if (n < 8 || memcmp (d, "\x89PNG\r\n\x1a\n", 8) != 0)
    return FALSE;
  g_byte_array_append (out, d, 8);

  while (pos + 12 <= n)
    {
      guint32 length = be32 (d + pos);
      const guint8 *type = d + pos + 4;

      if (length > n - pos - 12)
        return FALSE;
      if (pos == 8 && memcmp (type, "IHDR", 4) != 0)
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
        if (memcmp (type, keep[i], 4) == 0)
          {
            g_byte_array_append (out, d + pos, 12 + length);
            break;
          }
      if (memcmp (type, "IEND", 4) == 0)
        return TRUE;
      pos += 12 + length;
    }
  return FALSE;
}

/* GIF sub-blocks from pos; returns the position after the terminator, or 0. */
static gsize
skip_sub_blocks (const guint8 *d,
                 gsize         n,
                 gsize         pos)
{
  while (pos < n)
    {
      guint size = d[pos];

      pos += 1 + size;
      if (size == 0)
        return pos;
    }
  return 0;
}

/* GIF: comment extensions and application extensions (XMP is one) go, but for the
 * looping ones (NETSCAPE2.0, ANIMEXTS1.0) that animation needs. */
static gboolean
clean_gif (const guint8 *d,
           gsize         n,
           GByteArray   *out)
{
  gsize pos = 13;

  if (n < 13 || (memcmp (d, "GIF87a", 6) != 0 && memcmp (d, "GIF89a", 6) != 0))
    return FALSE;
  if (d[10] & 0x80)
    pos += 3 * (2 << (d[10] & 7));
  if (pos > n)
    return FALSE;
  g_byte_array_append (out, d, pos);

  while (pos < n)
    {
      gsize start = pos, end;
      gboolean keep = TRUE;

      if (d[pos] == 0x3b)
        {
          g_byte_array_append (out, d + pos, 1);
          return TRUE;
        }
      if (d[pos] == 0x2c)
        {
          if (pos + 10 > n)
            return FALSE;
          pos += 10;
          if (d[start + 9] & 0x80)
            pos += 3 * (2 << (d[start + 9] & 7));
          pos += 1;                                /* LZW minimum code size */
          if (pos > n)
            return FALSE;
        }
      else if (d[pos] == 0x21 && pos + 2 <= n)
        {
          guint8 label = d[pos + 1];

          pos += 2;
          if (label == 0xfe)
            keep = FALSE;
          else if (label == 0xff)
            keep = pos + 12 <= n && d[pos] == 11 &&
                   (memcmp (d + pos + 1, "NETSCAPE2.0", 11) == 0 ||
                    memcmp (d + pos + 1, "ANIMEXTS1.0", 11) == 0);
        }
      else
        return FALSE;

      end = skip_sub_blocks (d, n, pos);
      if (end == 0)
        return FALSE;
      if (keep)
        g_byte_array_append (out, d + start, end - start);
      pos = end;
    }
  return FALSE;
}

/* RIFF (WebP, WAV): keeps the chunks in keep, then sets the RIFF size. For WebP the
 * extended header's EXIF, XMP and ICC flags are cleared with their chunks gone. */
static gboolean
clean_riff (const guint8        *d,
            gsize                n,
            const char * const  *keep,
            GByteArray          *out)
{
  gsize pos = 12;

  if (n < 12 || memcmp (d, "RIFF", 4) != 0)
    return FALSE;
  g_byte_array_append (out, d, 12);

  while (pos + 8 <= n)
    {
      guint32 length = le32 (d + pos + 4);
      gsize total = 8 + (gsize) length + (length & 1);

      if (length > n - pos - 8)
        return FALSE;
      total = MIN (total, n - pos);
      for (guint i = 0; keep[i] != NULL; i++)
        if (memcmp (d + pos, keep[i], 4) == 0)
          {
            gsize at = out->len;

            g_byte_array_append (out, d + pos, total);
            if (memcmp (d + pos, "VP8X", 4) == 0 && length >= 1)
              out->data[at + 8] &= ~(0x20 | 0x08 | 0x04);
            break;
          }
      pos += total;
    }
  if (pos != n)
    return FALSE;
  put_le32 (out->data + 4, out->len - 8);
  return TRUE;
}

/* MP3: ID3v2 tags at the start, an APE tag and an ID3v1 tag at the end go; what is left
 * must open with an MPEG audio frame. */
static gboolean
clean_mp3 (const guint8 *d,
           gsize         n,
           GByteArray   *out)
{
  gsize start = 0, end = n;

  while (end - start >= 10 && memcmp (d + start, "ID3", 3) == 0)
    {
      gsize size = ((gsize) (d[start + 6] & 0x7f) << 21) | ((d[start + 7] & 0x7f) << 14) |
                   ((d[start + 8] & 0x7f) << 7) | (d[start + 9] & 0x7f);

      size += 10 + ((d[start + 5] & 0x10) ? 10 : 0);
      if (size > end - start)
        return FALSE;
      start += size;
    }
  if (end - start >= 128 && memcmp (d + end - 128, "TAG", 3) == 0)
    end -= 128;
  if (end - start >= 32 && memcmp (d + end - 32, "APETAGEX", 8) == 0)
    {
      gsize size = le32 (d + end - 32 + 12) + ((d[end - 32 + 23] & 0x80) ? 32 : 0);

      if (size > end - start)
        return FALSE;
      end -= size;
    }
  if (end - start < 4 || d[start] != 0xff || (d[start + 1] & 0xe0) != 0xe0)
    return FALSE;
  g_byte_array_append (out, d + start, end - start);
  return TRUE;
}

/* public API */

TlCleanMethod
tl_attachment_clean_method (TlAttachmentType type)
{
  switch (type)
    {
    case TL_ATTACHMENT_TYPE_PNG:
    case TL_ATTACHMENT_TYPE_JPEG:
    case TL_ATTACHMENT_TYPE_GIF:
    case TL_ATTACHMENT_TYPE_WEBP:
    case TL_ATTACHMENT_TYPE_WAV:
    case TL_ATTACHMENT_TYPE_MP3:
      return TL_CLEAN_STRIPPED;
    case TL_ATTACHMENT_TYPE_TEXT:
      return TL_CLEAN_AS_IS;
    case TL_ATTACHMENT_TYPE_PDF:       /* Info dictionary, XMP streams, incremental updates */
    case TL_ATTACHMENT_TYPE_OGG:       /* comment packets inside the page checksums */
    case TL_ATTACHMENT_TYPE_M4A:       /* metadata atoms with offsets into the file */
    case TL_ATTACHMENT_TYPE_EML:       /* the headers are the evidence and name people */
    case TL_ATTACHMENT_TYPE_MSG:
    case TL_ATTACHMENT_TYPE_UNKNOWN:
    default:
      return TL_CLEAN_NOT_CLEANABLE;
    }
}

/**
 * tl_attachment_clean:
 *
 * Returns: (transfer full): the cleaned copy, in memory; %NULL with one sentence in
 *   @error when the type cannot be cleaned or the file is damaged
 */
GBytes *
tl_attachment_clean (TlAttachmentType   type,
                     GBytes            *bytes,
                     GError           **error)
{
  static const char * const webp_keep[] = { "VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", NULL };
  static const char * const wav_keep[] = { "fmt ", "data", "fact", NULL };
  g_autoptr(GByteArray) out = NULL;
  const guint8 *d;
  gsize n;
  gboolean ok = FALSE;

  g_return_val_if_fail (bytes != NULL, NULL);

  switch (tl_attachment_clean_method (type))
    {
    case TL_CLEAN_AS_IS:
      return g_bytes_ref (bytes);
    case TL_CLEAN_NOT_CLEANABLE:
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("Tipline cannot remove the hidden details from a file of this type (%s), so there is no cleaned copy: only the original can go out, in the full record."),
                   g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_attachment_type_values, type)));
      return NULL;
    case TL_CLEAN_STRIPPED:
    default:
      break;
    }

  d = g_bytes_get_data (bytes, &n);
  out = g_byte_array_sized_new (n);
  switch (type)
    {
    case TL_ATTACHMENT_TYPE_JPEG:
      ok = clean_jpeg (d, n, out);
      break;
    case TL_ATTACHMENT_TYPE_PNG:
      ok = clean_png (d, n, out);
      break;
    case TL_ATTACHMENT_TYPE_GIF:
      ok = clean_gif (d, n, out);
      break;
    case TL_ATTACHMENT_TYPE_WEBP:
      ok = clean_riff (d, n, webp_keep, out) && n >= 12 && memcmp (d + 8, "WEBP", 4) == 0;
      break;
    case TL_ATTACHMENT_TYPE_WAV:
      ok = clean_riff (d, n, wav_keep, out) && n >= 12 && memcmp (d + 8, "WAVE", 4) == 0;
      break;
    case TL_ATTACHMENT_TYPE_MP3:
      ok = clean_mp3 (d, n, out);
      break;
    default:
      break;
    }

  if (!ok)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                           _("This file is damaged, so Tipline cannot make a cleaned copy of it. Only the original can go out, in the full record."));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
