/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-attachment-clean"

#include "config.h"

#include <string.h>

#include "tl-attachment-clean.h"
#include "tl-attachment-meta.h"
#include "tl-error.h"
#include "tl-test-evidence.h"

/* Cleaned copies and metadata of attachments (issue 20). A phone photo of a victim
 * carries where she was (GPS) and the phone it was taken with; the cleaned copy that
 * leaves Tipline must carry none of it and still be the same picture, and the viewer
 * must show all of it. Damaged files are refused or read in part, never crash. */

/* Every type has its decided way of cleaning: adding a type without a row fails. */
static const struct
{
  TlAttachmentType type;
  TlCleanMethod method;
} clean_rows[] = {
  { TL_ATTACHMENT_TYPE_UNKNOWN, TL_CLEAN_NOT_CLEANABLE },
  { TL_ATTACHMENT_TYPE_PNG, TL_CLEAN_STRIPPED },
  { TL_ATTACHMENT_TYPE_JPEG, TL_CLEAN_STRIPPED },
  { TL_ATTACHMENT_TYPE_GIF, TL_CLEAN_STRIPPED },
  { TL_ATTACHMENT_TYPE_WEBP, TL_CLEAN_STRIPPED },
  { TL_ATTACHMENT_TYPE_PDF, TL_CLEAN_NOT_CLEANABLE },
  { TL_ATTACHMENT_TYPE_WAV, TL_CLEAN_STRIPPED },
  { TL_ATTACHMENT_TYPE_OGG, TL_CLEAN_NOT_CLEANABLE },
  { TL_ATTACHMENT_TYPE_MP3, TL_CLEAN_STRIPPED },
  { TL_ATTACHMENT_TYPE_M4A, TL_CLEAN_NOT_CLEANABLE },
  { TL_ATTACHMENT_TYPE_EML, TL_CLEAN_NOT_CLEANABLE },
  { TL_ATTACHMENT_TYPE_MSG, TL_CLEAN_NOT_CLEANABLE },
  { TL_ATTACHMENT_TYPE_TEXT, TL_CLEAN_AS_IS },
};

/* What no cleaned copy may contain. */
static const char * const leaks[] = {
  "Exif", TL_TEST_EVIDENCE_MAKE, TL_TEST_EVIDENCE_MODEL, TL_TEST_EVIDENCE_DATE,
  TL_TEST_EVIDENCE_XMP, TL_TEST_EVIDENCE_IPTC, TL_TEST_EVIDENCE_COMMENT, "xmpmeta",
  "eXIf", "tEXt", "iTXt", "tIME",
};

/* helpers */

static const char *
find_field (GPtrArray  *fields,
            const char *label)
{
  for (guint i = 0; i < fields->len; i++)
    {
      TlMetaField *field = g_ptr_array_index (fields, i);

      if (g_strcmp0 (field->label, label) == 0)
        return field->value;
    }
  return NULL;
}

static GBytes *
clean_ok (TlAttachmentType type,
          GBytes          *bytes)
{
  g_autoptr(GError) error = NULL;
  GBytes *clean = tl_attachment_clean (type, bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (clean);
  for (guint i = 0; i < G_N_ELEMENTS (leaks); i++)
    g_assert_false (tl_test_bytes_contain (clean, leaks[i], strlen (leaks[i])));
  g_assert_cmpint (tl_attachment_sniff (g_bytes_get_data (clean, NULL), g_bytes_get_size (clean)), ==, type);
  return clean;
}

/* tests */

static void
test_method_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (clean_rows); i++)
    g_assert_cmpint (tl_attachment_clean_method (clean_rows[i].type), ==, clean_rows[i].method);
  g_assert_cmpuint (G_N_ELEMENTS (clean_rows), ==, tl_enum_count (tl_attachment_type_values));
}

static void
test_jpeg_gps (void)
{
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) plain = tl_test_evidence_plain_jpeg ();
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GPtrArray) fields = tl_attachment_read_metadata (TL_ATTACHMENT_TYPE_JPEG, jpeg);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GDateTime) taken = g_date_time_new_utc (2026, 3, 14, 21, 5, 9);

  /* The viewer's metadata: the position, the camera, the dates, the other blocks. */
  g_assert_cmpstr (find_field (fields, "GPS position"), ==, "35.084167, -106.650556");
  g_assert_cmpstr (find_field (fields, "Camera make"), ==, TL_TEST_EVIDENCE_MAKE);
  g_assert_cmpstr (find_field (fields, "Camera model"), ==, TL_TEST_EVIDENCE_MODEL);
  g_assert_cmpstr (find_field (fields, "Taken"), ==, TL_TEST_EVIDENCE_DATE);
  g_assert_cmpstr (find_field (fields, "Comment"), ==, TL_TEST_EVIDENCE_COMMENT);
  g_assert_nonnull (find_field (fields, "XMP block"));
  g_assert_nonnull (find_field (fields, "IPTC block"));
  g_assert_cmpint (tl_attachment_captured_time (TL_ATTACHMENT_TYPE_JPEG, jpeg), ==, g_date_time_to_unix (taken));

  /* The cleaned copy is the picture without any of it: here byte for byte the JPEG the
   * metadata was put into. */
  clean = clean_ok (TL_ATTACHMENT_TYPE_JPEG, jpeg);
  g_assert_true (g_bytes_equal (clean, plain));
  after = tl_attachment_read_metadata (TL_ATTACHMENT_TYPE_JPEG, clean);
  g_assert_null (find_field (after, "GPS position"));
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpint (tl_attachment_captured_time (TL_ATTACHMENT_TYPE_JPEG, clean), ==, 0);
}

static void
test_png (void)
{
  g_autoptr(GBytes) png = tl_test_evidence_png ();
  g_autoptr(GBytes) plain = tl_test_evidence_plain_png ();
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GPtrArray) fields = tl_attachment_read_metadata (TL_ATTACHMENT_TYPE_PNG, png);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_cmpstr (find_field (fields, "GPS position"), ==, "35.084167, -106.650556");
  g_assert_cmpstr (find_field (fields, "Camera make"), ==, TL_TEST_EVIDENCE_MAKE);
  g_assert_cmpstr (find_field (fields, "Comment"), ==, TL_TEST_EVIDENCE_COMMENT);
  g_assert_nonnull (find_field (fields, "XMP block"));

  clean = clean_ok (TL_ATTACHMENT_TYPE_PNG, png);
  g_assert_true (g_bytes_equal (clean, plain));
  after = tl_attachment_read_metadata (TL_ATTACHMENT_TYPE_PNG, clean);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_other_images_and_audio (void)
{
  /* GIF 1×1 with a comment and an XMP application extension; NETSCAPE looping kept. */
  static const guint8 gif[] =
    "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
    "!\xfe\x0a" TL_TEST_EVIDENCE_COMMENT "\x00"
    "!\xff\x0bXMP DataXMP\x0d" TL_TEST_EVIDENCE_XMP "\x00"
    "!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    ",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;";
  /* WebP (extended) with EXIF and XMP chunks and their flags set. */
  static const guint8 webp[] =
    "RIFF\x44\x00\x00\x00WEBP"
    "VP8X\x0a\x00\x00\x00\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "VP8L\x06\x00\x00\x00\x2f\x00\x00\x00\x00\x00"
    "EXIF\x0a\x00\x00\x00" "QzxCameraM"
    "XMP \x0d\x00\x00\x00" TL_TEST_EVIDENCE_XMP "\x00";
  /* WAV with a LIST/INFO chunk naming the recorder. */
  static const guint8 wav[] =
    "RIFF\x3a\x00\x00\x00WAVE"
    "fmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00"
    "LIST\x12\x00\x00\x00INFOIART\x06\x00\x00\x00QzxAr\x00"
    "data\x02\x00\x00\x00\x00\x00";
  /* MP3: an ID3v2 tag, one frame header, an ID3v1 tag. */
  g_autoptr(GByteArray) mp3 = g_byte_array_new ();
  static const guint8 id3[] = "ID3\x03\x00\x00\x00\x00\x00\x0eTIT2\x00\x00\x00\x04\x00\x00QzxT";
  static const guint8 frame[] = "\xff\xfb\x90\x64\x00\x00\x00\x00";
  guint8 id3v1[128] = "TAG" TL_TEST_EVIDENCE_COMMENT;
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif - 1);
  g_autoptr(GBytes) webp_bytes = g_bytes_new_static (webp, sizeof webp - 1);
  g_autoptr(GBytes) wav_bytes = g_bytes_new_static (wav, sizeof wav - 1);
  g_autoptr(GBytes) mp3_bytes = NULL;
  g_autoptr(GBytes) clean = NULL;
  gsize n;
  const guint8 *d;

  clean = clean_ok (TL_ATTACHMENT_TYPE_GIF, gif_bytes);
  g_assert_true (tl_test_bytes_contain (clean, "NETSCAPE2.0", 11));
  g_assert_false (tl_test_bytes_contain (clean, "XMP DataXMP", 11));
  g_clear_pointer (&clean, g_bytes_unref);

  clean = clean_ok (TL_ATTACHMENT_TYPE_WEBP, webp_bytes);
  d = g_bytes_get_data (clean, &n);
  g_assert_cmpuint (n, ==, 12 + 18 + 14);
  g_assert_cmpuint (d[4], ==, n - 8);                      /* RIFF size set again */
  g_assert_cmpuint (d[20] & 0x0c, ==, 0);                  /* EXIF and XMP flags cleared */
  g_assert_false (tl_test_bytes_contain (clean, "QzxCameraM", 10));
  g_clear_pointer (&clean, g_bytes_unref);

  clean = clean_ok (TL_ATTACHMENT_TYPE_WAV, wav_bytes);
  g_assert_false (tl_test_bytes_contain (clean, "QzxAr", 5));
  g_assert_false (tl_test_bytes_contain (clean, "LIST", 4));
  g_assert_true (tl_test_bytes_contain (clean, "data", 4));
  g_clear_pointer (&clean, g_bytes_unref);

  g_byte_array_append (mp3, id3, sizeof id3 - 1);
  g_byte_array_append (mp3, frame, sizeof frame - 1);
  g_byte_array_append (mp3, id3v1, sizeof id3v1);
  mp3_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&mp3));
  clean = clean_ok (TL_ATTACHMENT_TYPE_MP3, mp3_bytes);
  g_assert_cmpuint (g_bytes_get_size (clean), ==, sizeof frame - 1);
  g_assert_false (tl_test_bytes_contain (clean, "QzxT", 4));
}

static void
test_not_cleanable (void)
{
  static const char pdf[] = "%PDF-1.4\n1 0 obj << /Author (QzxAuthor) >> endobj\n";
  static const char text[] = "Plain words.\n";
  g_autoptr(GBytes) pdf_bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) text_bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (tl_attachment_clean (TL_ATTACHMENT_TYPE_PDF, pdf_bytes, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PDF"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  clean = tl_attachment_clean (TL_ATTACHMENT_TYPE_TEXT, text_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (clean, text_bytes));
}

static void
test_email (void)
{
  static const char eml[] =
    "Received: from mail.example.net (mail.example.net [192.0.2.7])\r\n"
    "\tby mx.example.org; Sat, 14 Mar 2026 21:05:10 -0600\r\n"
    "Received: from [198.51.100.4] by mail.example.net\r\n"
    "From: Recruiter <jobs@example.net>\r\n"
    "To: someone@example.org\r\n"
    "Subject: Work in the US, housing provided\r\n"
    "Date: Sat, 14 Mar 2026 21:05:09 -0600\r\n"
    "\r\n"
    "Send a photo of your passport.\r\n";
  static const struct
  {
    const char *value;
    gint64 expected;
  } dates[] = {
    { "Sat, 14 Mar 2026 21:05:09 -0600", 1773543909 },
    { "14 Mar 2026 21:05:09 -0600", 1773543909 },
    { "Sat, 14 Mar 2026 21:05 -0600", 1773543900 },
    { "Sun, 15 Mar 2026 03:05:09 +0000", 1773543909 },
    { "Sun, 15 Mar 2026 03:05:09 GMT", 1773543909 },
    { "Sat, 14 Mar 2026 22:05:09 CDT", 1773543909 },
    { "tomorrow", 0 },
    { "Sat, 14 Foo 2026 21:05:09 -0600", 0 },
    { "Sat, 31 Feb 2026 21:05:09 -0600", 0 },
    { "", 0 },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (eml, sizeof eml - 1);
  g_autoptr(GPtrArray) fields = tl_attachment_read_metadata (TL_ATTACHMENT_TYPE_EML, bytes);
  g_autofree char *body = tl_attachment_email_body (bytes);
  guint received = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      TlMetaField *field = g_ptr_array_index (fields, i);

      if (strcmp (field->label, "Received") == 0)
        {
          g_assert_cmpint (field->group, ==, TL_META_MESSAGE);
          received++;
        }
    }
  g_assert_cmpuint (received, ==, 2);
  g_assert_cmpstr (find_field (fields, "Received"), ==,
                   "from mail.example.net (mail.example.net [192.0.2.7]) \tby mx.example.org; Sat, 14 Mar 2026 21:05:10 -0600");
  g_assert_cmpstr (find_field (fields, "Subject"), ==, "Work in the US, housing provided");
  g_assert_cmpstr (body, ==, "Send a photo of your passport.\r\n");
  g_assert_cmpint (tl_attachment_captured_time (TL_ATTACHMENT_TYPE_EML, bytes), ==, 1773543909);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_assert_cmpint (tl_email_parse_date (dates[i].value), ==, dates[i].expected);
}

/* Every prefix and a seeded set of byte flips of the evidence files: cleaning either
 * works (and the copy sniffs as the same type) or says the file is damaged. */
static void
test_damaged (void)
{
  GBytes *sources[] = { tl_test_evidence_jpeg (), tl_test_evidence_png () };
  TlAttachmentType types[] = { TL_ATTACHMENT_TYPE_JPEG, TL_ATTACHMENT_TYPE_PNG };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20);

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      gsize n;
      const guint8 *d = g_bytes_get_data (sources[s], &n);

      for (gsize cut = 0; cut < n; cut++)
        {
          g_autoptr(GBytes) part = g_bytes_new (d, cut);
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) clean = tl_attachment_clean (types[s], part, &error);
          g_autoptr(GPtrArray) fields = tl_attachment_read_metadata (types[s], part);

          g_assert_true ((clean == NULL) == (error != NULL));
          if (error != NULL)
            g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
          (void) tl_attachment_captured_time (types[s], part);
        }
      for (guint round = 0; round < 400; round++)
        {
          g_autofree guint8 *copy = g_memdup2 (d, n);
          g_autoptr(GBytes) flipped = NULL;
          g_autoptr(GBytes) clean = NULL;
          g_autoptr(GPtrArray) fields = NULL;

          for (guint k = 0; k < 4; k++)
            copy[g_rand_int_range (rand, 0, n)] = g_rand_int_range (rand, 0, 256);
          flipped = g_bytes_new (copy, n);
          clean = tl_attachment_clean (types[s], flipped, NULL);
          fields = tl_attachment_read_metadata (types[s], flipped);
        }
      g_bytes_unref (sources[s]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attachment-clean/method-table", test_method_table);
  g_test_add_func ("/attachment-clean/jpeg-gps", test_jpeg_gps);
  g_test_add_func ("/attachment-clean/png", test_png);
  g_test_add_func ("/attachment-clean/other-images-and-audio", test_other_images_and_audio);
  g_test_add_func ("/attachment-clean/not-cleanable", test_not_cleanable);
  g_test_add_func ("/attachment-clean/email", test_email);
  g_test_add_func ("/attachment-clean/damaged", test_damaged);

  return g_test_run ();
}
