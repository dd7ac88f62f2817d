/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tipline-cli attach / attachments / attachment / detach (issue 20), run as a real
 * process: the hash it lists is the hash of the file given, the copy it writes by default
 * carries no EXIF GPS, --original gives the bytes back exactly, detach removes one
 * attachment and audits its hash, and refusals are one sentence. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tl-attachment-meta.h"
#include "tl-test-evidence.h"
#include "tl-test-util.h"

#define PASSPHRASE "correct horse battery"
#define TIP_ID "6f1d2c1e-3b7a-4c55-9d8e-2a1b0c9d8e7f"

static const char tip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<tip xmlns=\"urn:tipline:tip:1\" id=\"" TIP_ID "\">\n"
  "  <received>2026-11-22T14:05:00-07:00</received>\n"
  "  <channel>phone</channel>\n"
  "  <situation danger=\"none\" type=\"sex\"/>\n"
  "  <location><city>Albuquerque</city><state>NM</state></location>\n"
  "</tip>\n";

typedef struct
{
  char *dir;
  char *store;
} Fixture;

typedef TlTestCliResult Result;

/* helpers */

static Result
run_cli (Fixture    *fixture,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = tl_test_cli_launcher_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--store");
  g_ptr_array_add (args, fixture->store);
  va_start (ap, fixture);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);

  g_subprocess_launcher_setenv (launcher, "HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  return tl_test_cli_run (launcher, PASSPHRASE "\n", args);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            GBytes     *bytes)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return path;
}

static GBytes *
read_file (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *tip_path = NULL;
  Result result;

  fixture->dir = tl_test_make_tmp_dir ("cli-attach");
  fixture->store = g_build_filename (fixture->dir, "store", NULL);

  result = run_cli (fixture, "init", NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  tip_path = g_build_filename (fixture->dir, "tip.xml", NULL);
  g_assert_true (g_file_set_contents (tip_path, tip_xml, -1, NULL));
  result = run_cli (fixture, "add", tip_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store);
}

/* tests */

static void
test_attach_list_write (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) plain = tl_test_evidence_plain_jpeg ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%%EOF\n", 15);
  g_autofree char *photo = write_file (fixture, "IMG_2041.jpg", jpeg);
  g_autofree char *doc = write_file (fixture, "flyer.pdf", pdf);
  g_autofree char *clean_path = g_build_filename (fixture->dir, "clean.jpg", NULL);
  g_autofree char *original_path = g_build_filename (fixture->dir, "original.jpg", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autofree char *sha_json = g_strdup_printf ("\"sha256\":\"%s\"", sha);
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  GStatBuf st;
  Result result;

  result = run_cli (fixture, "attach", "--kind", "victim", TIP_ID, photo, doc, NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Attachment 1: "));
  g_assert_nonnull (strstr (result.out, "Attachment 2: "));
  tl_test_cli_result_clear (&result);

  /* The listed hash is the hash of the file given. */
  result = run_cli (fixture, "attachments", TIP_ID, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, sha_json));
  g_assert_nonnull (strstr (result.out, "\"name\":\"IMG_2041.jpg\""));
  g_assert_nonnull (strstr (result.out, "\"type\":\"jpeg\""));
  g_assert_nonnull (strstr (result.out, "\"kind\":\"victim\""));
  g_assert_nonnull (strstr (result.out, "\"captured\":\"2026-03-14T21:05:09Z\""));
  g_assert_nonnull (strstr (result.out, "\"type\":\"pdf\""));
  tl_test_cli_result_clear (&result);
  result = run_cli (fixture, "attachments", TIP_ID, NULL);
  g_assert_nonnull (strstr (result.out, sha));
  tl_test_cli_result_clear (&result);

  /* By default the cleaned copy: no EXIF GPS, the same picture. */
  result = run_cli (fixture, "attachment", TIP_ID, "1", "-o", clean_path, NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);
  clean = read_file (clean_path);
  fields = tl_attachment_read_metadata (TL_ATTACHMENT_TYPE_JPEG, clean);
  g_assert_cmpuint (fields->len, ==, 0);
  g_assert_false (tl_test_bytes_contain (clean, "Exif", 4));
  g_assert_false (tl_test_bytes_contain (clean, TL_TEST_EVIDENCE_MAKE, strlen (TL_TEST_EVIDENCE_MAKE)));
  g_assert_true (g_bytes_equal (clean, plain));
  g_assert_cmpint (g_stat (clean_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* --original: the bytes as received, hash for hash. */
  result = run_cli (fixture, "attachment", TIP_ID, "1", "-o", original_path, "--original", NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);
  original = read_file (original_path);
  g_assert_true (g_bytes_equal (original, jpeg));

  /* Not over an existing file without --force. */
  result = run_cli (fixture, "attachment", TIP_ID, "1", "-o", original_path, NULL);
  g_assert_cmpint (result.status, !=, 0);
  g_assert_nonnull (strstr (result.err, "already exists"));
  tl_test_cli_result_clear (&result);

  /* A PDF has no cleaned copy: one sentence, nothing written. */
  result = run_cli (fixture, "attachment", TIP_ID, "2", "-o", pdf_path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "no cleaned copy"));
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  tl_test_cli_result_clear (&result);

  /* Each copy written out is in the audit log with its own hash. */
  result = run_cli (fixture, "audit", NULL);
  g_assert_nonnull (strstr (result.out, sha));
  g_assert_nonnull (strstr (result.out, "1 original sha256:"));
  g_assert_nonnull (strstr (result.out, "1 cleaned sha256:"));
  tl_test_cli_result_clear (&result);

  /* The exchange file carries both originals; read back with one changed in transit,
   * that one is refused with one line on standard error and the other is already here. */
  {
    g_autofree char *exchange = g_build_filename (fixture->dir, "exchange.xml", NULL);
    g_autofree char *xml = NULL;
    char *at;

    result = run_cli (fixture, "export", TIP_ID, "-o", exchange, NULL);
    g_assert_cmpint (result.status, ==, 0);
    tl_test_cli_result_clear (&result);
    g_assert_true (g_file_get_contents (exchange, &xml, NULL, NULL));
    g_assert_nonnull (strstr (xml, sha));
    at = strstr (xml, "<data>");
    g_assert_nonnull (at);
    at += strlen ("<data>") + 40;
    *at = *at == 'A' ? 'B' : 'A';
    g_assert_true (g_file_set_contents (exchange, xml, -1, NULL));
    result = run_cli (fixture, "import", exchange, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "Attachments: added 0, already here 1, refused 1."));
    g_assert_nonnull (strstr (result.err, "IMG_2041.jpg"));
    g_assert_nonnull (strstr (result.err, "SHA-256"));
    g_assert_cmpuint (strlen (result.err), ==, strchr (result.err, '\n') - result.err + 1);
    tl_test_cli_result_clear (&result);
  }
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) zip = g_bytes_new_static ("PK\x03\x04\x14\0\0\0", 8);
  g_autoptr(GBytes) text = g_bytes_new_static ("an ad\n", 6);
  g_autofree char *archive = write_file (fixture, "photos.zip", zip);
  g_autofree char *note = write_file (fixture, "note.txt", text);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.png", NULL);
  Result result;

  /* The refused file is one line; the good one is still attached. */
  result = run_cli (fixture, "attach", TIP_ID, archive, note, missing, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "photos.zip"));
  g_assert_nonnull (strstr (result.err, "missing.png"));
  g_assert_nonnull (strstr (result.out, "Attachment 1: "));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "attach", "no-such-tip", note, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "Save the tip first"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "attach", "--kind", "selfie", TIP_ID, note, NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "attachment", TIP_ID, "7", "-o", missing, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "no attachment number 7"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "attachment", TIP_ID, "1", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);
}

/* detach removes the attachment named and writes its hash (never its name) in the audit
 * log; removing it again, or a number that is not one, is refused with one sentence.
 * (That the others stay, bytes and all: /attachments/remove-one-canary.) */
static void
test_detach (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) first = g_bytes_new_static ("first statement\n", 16);
  g_autoptr(GBytes) second = g_bytes_new_static ("second statement\n", 17);
  g_autofree char *one = write_file (fixture, "statement-one.txt", first);
  g_autofree char *two = write_file (fixture, "statement-two.txt", second);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, first);
  g_autofree char *audit_detail = g_strdup_printf ("1 sha256:%s", sha);
  static const struct
  {
    const char *number;
    int status;
    const char *err;
  } refused[] = {
    { "1", 1, "no attachment number 1" },   /* already removed */
    { "0", 2, "attachment’s number" },
    { "x", 2, "attachment’s number" },
    { NULL, 2, "attachment’s number" },
  };
  const char *removed;
  Result result;

  result = run_cli (fixture, "attach", TIP_ID, one, two, NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "detach", TIP_ID, "1", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Removed attachment 1 (statement-one.txt)"));
  g_assert_nonnull (strstr (result.out, sha));
  tl_test_cli_result_clear (&result);

  /* The audit: the removal with the number and hash, never the name. */
  result = run_cli (fixture, "audit", NULL);
  removed = strstr (result.out, "Attachment removed");
  g_assert_nonnull (removed);
  g_assert_nonnull (strstr (removed, audit_detail));
  g_assert_null (strstr (result.out, "statement-one"));
  tl_test_cli_result_clear (&result);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      result = run_cli (fixture, "detach", TIP_ID, refused[i].number, NULL);
      g_assert_cmpint (result.status, ==, refused[i].status);
      g_assert_nonnull (strstr (result.err, refused[i].err));
      tl_test_cli_result_clear (&result);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-attachments/attach-list-write", Fixture, NULL, fixture_set_up,
              test_attach_list_write, fixture_tear_down);
  g_test_add ("/cli-attachments/detach", Fixture, NULL, fixture_set_up, test_detach,
              fixture_tear_down);
  g_test_add ("/cli-attachments/refusals", Fixture, NULL, fixture_set_up, test_refusals,
              fixture_tear_down);

  return g_test_run ();
}
