/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-evidence"

#include "config.h"

#include <string.h>

#include "tl-test-evidence.h"

/* An 8×8 red JPEG and an 8×8 blue PNG with no metadata (ImageMagick, -strip), into
 * which the builders below put the metadata a phone camera or an editor writes. */
static const guint8 jpeg_8x8[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
  0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
  0x00, 0x10, 0x0b, 0x0c, 0x0e, 0x0c, 0x0a, 0x10, 0x0e, 0x0d, 0x0e, 0x12,
  0x11, 0x10, 0x13, 0x18, 0x28, 0x1a, 0x18, 0x16, 0x16, 0x18, 0x31, 0x23,
  0x25, 0x1d, 0x28, 0x3a, 0x33, 0x3d, 0x3c, 0x39, 0x33, 0x38, 0x37, 0x40,
  0x48, 0x5c, 0x4e, 0x40, 0x44, 0x57, 0x45, 0x37, 0x38, 0x50, 0x6d, 0x51,
  0x57, 0x5f, 0x62, 0x67, 0x68, 0x67, 0x3e, 0x4d, 0x71, 0x79, 0x70, 0x64,
  0x78, 0x5c, 0x65, 0x67, 0x63, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x11, 0x12,
  0x12, 0x18, 0x15, 0x18, 0x2f, 0x1a, 0x1a, 0x2f, 0x63, 0x42, 0x38, 0x42,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x08, 0x03,
  0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
  0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xff, 0xc4, 0x00, 0x14,
  0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xc4, 0x00, 0x15, 0x01, 0x01,
  0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x05, 0x06, 0xff, 0xc4, 0x00, 0x14, 0x11, 0x01, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11,
  0x03, 0x11, 0x00, 0x3f, 0x00, 0x8a, 0x00, 0xb5, 0xe3, 0xff, 0xd9
};
static const guint8 png_8x8[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08,
  0x01, 0x03, 0x00, 0x00, 0x00, 0xfe, 0xc1, 0x2c, 0xc8, 0x00, 0x00, 0x00,
  0x03, 0x50, 0x4c, 0x54, 0x45, 0x00, 0x00, 0xff, 0x8a, 0x78, 0xd2, 0x57,
  0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0x60,
  0x40, 0x05, 0x00, 0x00, 0x10, 0x00, 0x01, 0xa1, 0xc5, 0x21, 0xc1, 0x00,
  0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};

/* helpers */

static void
put16 (GByteArray *out,
       guint16     value)
{
  guint8 b[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 b[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
put32_be (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, b, 4);
}

typedef struct
{
  guint16 tag;
  guint16 type;               /* 1 BYTE, 2 ASCII, 4 LONG, 5 RATIONAL */
  guint32 count;
  const void *data;           /* count units of type */
} Entry;

static guint
type_size (guint16 type)
{
  return type == 5 ? 8 : type == 4 ? 4 : 1;
}

/* One IFD at out->len, its long values at *data_at (advanced), next IFD 0. */
static void
put_ifd (GByteArray  *out,
         GByteArray  *data,
         guint        data_base,
         const Entry *entries,
         guint        n)
{
  put16 (out, n);
  for (guint i = 0; i < n; i++)
    {
      guint size = type_size (entries[i].type) * entries[i].count;

      put16 (out, entries[i].tag);
      put16 (out, entries[i].type);
      put32 (out, entries[i].count);
      if (size <= 4)
        {
          guint8 inline_value[4] = { 0 };

          memcpy (inline_value, entries[i].data, size);
          g_byte_array_append (out, inline_value, 4);
        }
      else
        {
          put32 (out, data_base + data->len);
          g_byte_array_append (data, entries[i].data, size);
          if (data->len % 2)
            g_byte_array_append (data, (const guint8 *) "", 1);
        }
    }
  put32 (out, 0);
}

static guint32
crc32 (const guint8 *p,
       gsize         n)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < n; i++)
    {
      crc ^= p[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
put_png_chunk (GByteArray   *out,
               const char   *type,
               const guint8 *data,
               gsize         length)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *) type, 4);
  g_byte_array_append (body, data, length);
  put32_be (out, length);
  g_byte_array_append (out, body->data, body->len);
  put32_be (out, crc32 (body->data, body->len));
}

static void
put_jpeg_segment (GByteArray   *out,
                  guint8        marker,
                  const char   *prefix,
                  gsize         prefix_length,
                  const guint8 *data,
                  gsize         length)
{
  guint total = 2 + prefix_length + length;
  guint8 head[4] = { 0xff, marker, total >> 8, total & 0xff };

  g_byte_array_append (out, head, 4);
  g_byte_array_append (out, (const guint8 *) prefix, prefix_length);
  g_byte_array_append (out, data, length);
}

static const char xmp_packet[] =
  "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
  "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
  "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:exif='http://ns.adobe.com/exif/1.0/'"
  " exif:GPSLatitude='35,5.05N' exif:GPSLongitude='106,39.03W'>"
  "<dc:creator><rdf:Seq><rdf:li>" TL_TEST_EVIDENCE_XMP "</rdf:li></rdf:Seq></dc:creator>"
  "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";

/* public API */

/* A little-endian TIFF block: IFD0 (Make, Model, DateTime), the Exif IFD
 * (DateTimeOriginal) and the GPS IFD (version, latitude and longitude). */
GBytes *
tl_test_evidence_exif (void)
{
  static const guint8 gps_version[4] = { 2, 3, 0, 0 };
  static const guint32 lat[6] = { 35, 1, 5, 1, 3, 1 };
  static const guint32 lon[6] = { 106, 1, 39, 1, 2, 1 };
  const Entry ifd0[] = {
    { 0x010f, 2, sizeof TL_TEST_EVIDENCE_MAKE, TL_TEST_EVIDENCE_MAKE },
    { 0x0110, 2, sizeof TL_TEST_EVIDENCE_MODEL, TL_TEST_EVIDENCE_MODEL },
    { 0x0132, 2, sizeof TL_TEST_EVIDENCE_DATE, TL_TEST_EVIDENCE_DATE },
    { 0x8769, 4, 1, NULL },
    { 0x8825, 4, 1, NULL },
  };
  const Entry exif[] = {
    { 0x9003, 2, sizeof TL_TEST_EVIDENCE_DATE, TL_TEST_EVIDENCE_DATE },
  };
  const Entry gps[] = {
    { 0x0000, 1, 4, gps_version },
    { 0x0001, 2, 2, "N" },
    { 0x0002, 5, 3, lat },
    { 0x0003, 2, 2, "W" },
    { 0x0004, 5, 3, lon },
  };
  guint ifd0_at = 8;
  guint exif_at = ifd0_at + 2 + 12 * G_N_ELEMENTS (ifd0) + 4;
  guint gps_at = exif_at + 2 + 12 * G_N_ELEMENTS (exif) + 4;
  guint data_at = gps_at + 2 + 12 * G_N_ELEMENTS (gps) + 4;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  Entry with_pointers[G_N_ELEMENTS (ifd0)];

  memcpy (with_pointers, ifd0, sizeof ifd0);
  with_pointers[3].data = &exif_at;
  with_pointers[4].data = &gps_at;

  g_byte_array_append (out, (const guint8 *) "II*\0", 4);
  put32 (out, ifd0_at);
  put_ifd (out, data, data_at, with_pointers, G_N_ELEMENTS (ifd0));
  put_ifd (out, data, data_at, exif, G_N_ELEMENTS (exif));
  put_ifd (out, data, data_at, gps, G_N_ELEMENTS (gps));
  g_assert_cmpuint (out->len, ==, data_at);
  g_byte_array_append (out, data->data, data->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The JPEG with, after its JFIF header, EXIF (APP1), XMP (APP1), IPTC (APP13) and a
 * comment (COM). */
GBytes *
tl_test_evidence_jpeg (void)
{
  static const guint8 iptc[] = "8BIM\x04\x04\0\0\0\0\0\x14\x1c\x02\x50\0\x0d" TL_TEST_EVIDENCE_IPTC;
  g_autoptr(GBytes) exif = tl_test_evidence_exif ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint jfif_end = 20;

  g_byte_array_append (out, jpeg_8x8, jfif_end);
  put_jpeg_segment (out, 0xe1, "Exif\0\0", 6, g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
  put_jpeg_segment (out, 0xe1, "http://ns.adobe.com/xap/1.0/", 29,
                    (const guint8 *) xmp_packet, strlen (xmp_packet));
  put_jpeg_segment (out, 0xed, "Photoshop 3.0", 14, iptc, sizeof iptc - 1);
  put_jpeg_segment (out, 0xfe, "", 0, (const guint8 *) TL_TEST_EVIDENCE_COMMENT,
                    strlen (TL_TEST_EVIDENCE_COMMENT));
  g_byte_array_append (out, jpeg_8x8 + jfif_end, sizeof jpeg_8x8 - jfif_end);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
tl_test_evidence_plain_jpeg (void)
{
  return g_bytes_new_static (jpeg_8x8, sizeof jpeg_8x8);
}

/* The PNG with, after IHDR, a tEXt comment, an iTXt XMP packet, a tIME and an eXIf
 * chunk. */
GBytes *
tl_test_evidence_png (void)
{
  static const char text[] = "Comment\0" TL_TEST_EVIDENCE_COMMENT;
  static const guint8 time[7] = { 0x07, 0xea, 3, 14, 21, 5, 9 };
  g_autoptr(GBytes) exif = tl_test_evidence_exif ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) itxt = g_byte_array_new ();
  const guint ihdr_end = 8 + 25;

  g_byte_array_append (itxt, (const guint8 *) "XML:com.adobe.xmp\0\0\0\0\0", 22);
  g_byte_array_append (itxt, (const guint8 *) xmp_packet, strlen (xmp_packet));

  g_byte_array_append (out, png_8x8, ihdr_end);
  put_png_chunk (out, "tEXt", (const guint8 *) text, sizeof text - 1);
  put_png_chunk (out, "iTXt", itxt->data, itxt->len);
  put_png_chunk (out, "tIME", time, sizeof time);
  put_png_chunk (out, "eXIf", g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
  g_byte_array_append (out, png_8x8 + ihdr_end, sizeof png_8x8 - ihdr_end);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
tl_test_evidence_plain_png (void)
{
  return g_bytes_new_static (png_8x8, sizeof png_8x8);
}

gboolean
tl_test_bytes_contain (GBytes     *bytes,
                       const char *needle,
                       gsize       needle_length)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return memmem (data, length, needle, needle_length) != NULL;
}

GBytes *
tl_test_evidence_wav (void)
{
  const guint32 rate = 8000, samples = rate / 2, data_size = samples * 2;
  guint8 *wav = g_malloc0 (44 + data_size);
  guint32 u32;
  guint16 u16;

#define PUT32(offset, value) (u32 = GUINT32_TO_LE (value), memcpy (wav + (offset), &u32, 4))
#define PUT16(offset, value) (u16 = GUINT16_TO_LE (value), memcpy (wav + (offset), &u16, 2))
  memcpy (wav, "RIFF", 4);
  PUT32 (4, 36 + data_size);
  memcpy (wav + 8, "WAVEfmt ", 8);
  PUT32 (16, 16);
  PUT16 (20, 1);          /* PCM */
  PUT16 (22, 1);          /* mono */
  PUT32 (24, rate);
  PUT32 (28, rate * 2);
  PUT16 (32, 2);
  PUT16 (34, 16);
  memcpy (wav + 36, "data", 4);
  PUT32 (40, data_size);
  /* A square wave (no libm here), with a ripple so that no two periods are alike. */
  for (guint32 i = 0; i < samples; i++)
    PUT16 (44 + 2 * i, (guint16) (gint16) (((i * 440 * 2 / rate) % 2 ? 6000 : -6000) + (gint) (i % 97)));
#undef PUT32
#undef PUT16
  return g_bytes_new_take (wav, 44 + data_size);
}
