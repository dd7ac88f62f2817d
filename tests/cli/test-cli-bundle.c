/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sealed bundles between agencies (issue 21) with real tipline-cli processes: two
 * stores exchange public keys, one seals a tip for the other, which opens and imports
 * it; a bundle with one byte changed, one cut short and one opened by a third agency are
 * refused with one line and import nothing; the bundle never shows the canaries, and the
 * victim's name (withheld by the profile) is not even inside it (decrypted here with the
 * receiving store's key); a seal stopped by a signal leaves no file behind. */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tl-bundle-private.h"
#include "tl-test-util.h"

#define PASS "correct horse battery"
#define TIP_ID "6f1d2c1e-3b7a-4c55-9d8e-2a1b0c9d8e7f"
#define CANARY_NAME "Qzorbalina"
#define CANARY_STORY "Kwimbledorf"

static const char tip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<tip xmlns=\"urn:tipline:tip:1\" id=\"" TIP_ID "\">\n"
  "  <received>2026-11-22T14:05:00-07:00</received>\n"
  "  <channel>phone</channel>\n"
  "  <reporter role=\"third-party\"/>\n"
  "  <situation danger=\"immediate\" type=\"sex\"/>\n"
  "  <location><city>Albuquerque</city><state>NM</state></location>\n"
  "  <victim><name>" CANARY_NAME " Vextrapolus</name><age>15</age></victim>\n"
  "  <narrative>" CANARY_STORY " was seen at the truck stop.</narrative>\n"
  "</tip>\n";

typedef struct
{
  char *root;
  char *a, *b, *c;             /* three stores */
} Fixture;

typedef TlTestCliResult Result;

/* helpers */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->root = tl_test_make_tmp_dir ("cli-bundle");
  fx->a = g_build_filename (fx->root, "a", NULL);
  fx->b = g_build_filename (fx->root, "b", NULL);
  fx->c = g_build_filename (fx->root, "c", NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  tl_test_remove_tree (fx->root);
  g_free (fx->root);
  g_free (fx->a);
  g_free (fx->b);
  g_free (fx->c);
}

static GSubprocessLauncher *
launcher_new (Fixture *fx)
{
  GSubprocessLauncher *launcher = tl_test_cli_launcher_new ();

  g_subprocess_launcher_setenv (launcher, "HOME", fx->root, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", fx->root, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "TIPLINE_STORE");
  return launcher;
}

/* tipline-cli --store STORE ARGS... with the passphrase on standard input. */
static Result
run (Fixture    *fx,
     const char *store,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (fx);
  Result result;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--store");
  g_ptr_array_add (args, (gpointer) store);
  va_start (ap, store);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  result = tl_test_cli_run (launcher, PASS "\n", args);
  if (result.status != 0)
    g_test_message ("exit %d: %s", result.status, result.err);
  return result;
}

#define expect_ok(fx, ...) \
  G_STMT_START { \
    Result r_ = run ((fx), __VA_ARGS__, NULL); \
    g_assert_cmpint (r_.status, ==, 0); \
    tl_test_cli_result_clear (&r_); \
  } G_STMT_END

static char *
fingerprint_of (Fixture    *fx,
                const char *store)
{
  Result r = run (fx, store, "bundle", "key", "--json", NULL);
  g_autoptr(GMatchInfo) match = NULL;
  char *fingerprint;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^\\{\"name\":null,\"fingerprint\":\"[0-9A-Z-]{24}\"\\}\n$", r.out, 0, 0));
  fingerprint = g_strndup (strstr (r.out, "\"fingerprint\":\"") + 15, 24);
  tl_test_cli_result_clear (&r);
  return fingerprint;
}

/* A and B exchange keys; A holds the canary tip. */
static void
two_agencies (Fixture *fx)
{
  g_autofree char *a_pub = g_build_filename (fx->root, "a.pub", NULL);
  g_autofree char *b_pub = g_build_filename (fx->root, "b.pub", NULL);
  g_autofree char *tip = g_build_filename (fx->root, "tip.xml", NULL);

  expect_ok (fx, fx->a, "init");
  expect_ok (fx, fx->b, "init");
  expect_ok (fx, fx->a, "bundle", "key", "--export", a_pub);
  expect_ok (fx, fx->b, "bundle", "key", "--export", b_pub);
  expect_ok (fx, fx->a, "bundle", "agencies", "add", "Agency B", b_pub);
  expect_ok (fx, fx->b, "bundle", "agencies", "add", "Agency A", a_pub);
  g_assert_true (g_file_set_contents (tip, tip_xml, -1, NULL));
  expect_ok (fx, fx->a, "import", tip);
  g_unlink (tip);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* The documents inside, decrypted with the store's own key (the store opened here, in
 * this process, after the CLI is done with it). */
static GPtrArray *
open_inside (const char *store_dir,
             const char *path)
{
  g_autoptr(TlStore) store = tl_store_new (store_dir);
  g_autoptr(TlSecret) secret = NULL;
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(TlAgency) sender = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *documents = NULL;
  TlReportProfile profile;
  gint64 at;
  gsize length = 0;

  g_assert_true (tl_store_unlock (store, PASS, &error));
  own = tl_store_get_agency_identity (store, &secret, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  message = _tl_bundle_decrypt ((const guint8 *) contents, length, own, secret, "test", &error);
  g_assert_no_error (error);
  g_assert_true (_tl_bundle_verify (message, own, &sender, &profile, &at, &documents, &error));
  g_assert_cmpint (profile, ==, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  return documents;
}

static void
write_changed (const char *from,
               const char *to,
               gssize      flip_at,
               gsize       keep)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  if (flip_at >= 0)
    contents[flip_at] ^= 0x20;
  g_assert_true (g_file_set_contents (to, contents, MIN (keep, length), NULL));
}

/* tests */

static void
test_round_trip (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (fx->root, "for-b.tlbundle", NULL);
  g_autofree char *bad = g_build_filename (fx->root, "bad.tlbundle", NULL);
  g_autofree char *a_fingerprint = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  Result r;
  static const struct
  {
    const char *what;
    gssize flip_at;            /* -1: none */
    gssize keep;               /* bytes kept; -1: all */
    const char *store;         /* 'b' or 'c' */
    const char *line;
  } refused[] = {
    { "one byte changed", 400, -1, "b", "was changed after it was sealed" },
    { "cut short", -1, 1000, "b", "is incomplete" },
    { "another agency", -1, -1, "c", "was not sealed for this agency" },
  };

  two_agencies (fx);
  a_fingerprint = fingerprint_of (fx, fx->a);

  r = run (fx, fx->a, "bundle", "seal", "--to", "Agency B", "--profile", "law-enforcement",
           TIP_ID, "-o", bundle, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Sealed 1 tip for “Agency B”"));
  tl_test_cli_result_clear (&r);

  /* Nothing in clear: not the canaries, not the tip id, not the profile or a name. */
  g_assert_false (file_contains (bundle, CANARY_NAME));
  g_assert_false (file_contains (bundle, CANARY_STORY));
  g_assert_false (file_contains (bundle, TIP_ID));
  g_assert_false (file_contains (bundle, "law-enforcement"));
  g_assert_false (file_contains (bundle, "Agency"));
  /* Inside: the story, never the victim's name (no signed release). */
  documents = open_inside (fx->b, bundle);
  g_assert_cmpuint (documents->len, ==, 1);
  {
    GBytes *doc = g_ptr_array_index (documents, 0);
    gsize n = g_bytes_get_size (doc);

    g_assert_nonnull (memmem (g_bytes_get_data (doc, NULL), n, CANARY_STORY, strlen (CANARY_STORY)));
    g_assert_null (memmem (g_bytes_get_data (doc, NULL), n, CANARY_NAME, strlen (CANARY_NAME)));
  }

  /* Refusals: one line each, nothing imported. */
  expect_ok (fx, fx->c, "init");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *store = g_str_equal (refused[i].store, "b") ? fx->b : fx->c;

      write_changed (bundle, bad, refused[i].flip_at, refused[i].keep < 0 ? G_MAXSIZE : (gsize) refused[i].keep);
      r = run (fx, store, "bundle", "open", bad, NULL);
      g_test_message ("%s: %s", refused[i].what, r.err);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, refused[i].line));
      g_assert_true (g_str_has_suffix (r.err, "\n") && strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
      g_assert_cmpstr (r.out, ==, "");
      tl_test_cli_result_clear (&r);
      r = run (fx, store, "list", NULL);
      g_assert_null (strstr (r.out, TIP_ID));
      tl_test_cli_result_clear (&r);
    }

  /* B opens it: the sender by name and fingerprint, the tip imported without the name. */
  r = run (fx, fx->b, "bundle", "open", bundle, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("{\"sender\":{\"name\":\"Agency A\",\"known\":true,\"fingerprint\":\"%s\"},"
                                                 "\"profile\":\"law-enforcement\",", a_fingerprint);
    g_assert_true (g_str_has_prefix (r.out, expected));
    g_assert_nonnull (strstr (r.out, "\"tips\":1,\"imported\":{\"added\":1,"));
  }
  tl_test_cli_result_clear (&r);
  r = run (fx, fx->b, "show", TIP_ID, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, CANARY_STORY));
  g_assert_null (strstr (r.out, CANARY_NAME));
  tl_test_cli_result_clear (&r);

  /* A's audit log has the export. */
  r = run (fx, fx->a, "audit", "--tip", TIP_ID, NULL);
  g_assert_nonnull (strstr (r.out, "Exported  " TIP_ID));
  tl_test_cli_result_clear (&r);
}

/* A seal stopped by SIGINT or SIGTERM while it writes leaves no file: the temporary
 * file beside the target is removed by the signal handler (tl-temp-file.c). The store
 * holds enough tips that writing takes a moment; the test signals as soon as the
 * temporary file appears and tries again when the seal was quicker than that. */
static void
test_seal_killed (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *tips = g_build_filename (fx->root, "many.xml", NULL);
  g_autofree char *outdir = g_build_filename (fx->root, "out", NULL);
  g_autofree char *target = g_build_filename (outdir, "b.tlbundle", NULL);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<tips xmlns=\"urn:tipline:tip:1\">\n");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const int signals[] = { SIGINT, SIGTERM };

  two_agencies (fx);
  g_ptr_array_add (argv, (gpointer) g_getenv ("TIPLINE_CLI"));
  g_ptr_array_add (argv, (gpointer) "--store");
  g_ptr_array_add (argv, fx->a);
  g_ptr_array_add (argv, (gpointer) "bundle");
  g_ptr_array_add (argv, (gpointer) "seal");
  g_ptr_array_add (argv, (gpointer) "--to=Agency B");
  g_ptr_array_add (argv, (gpointer) "--profile=full");
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, target);
  for (guint i = 0; i < 800; i++)
    {
      g_string_append_printf (xml, "  <tip id=\"%08x-2222-4333-8444-555555555555\">\n"
                                   "    <received>2026-03-01T12:00:00Z</received>\n"
                                   "    <channel>phone</channel>\n"
                                   "    <location><state>NM</state></location>\n"
                                   "    <narrative>" CANARY_STORY " ", i + 1);
      for (guint j = 0; j < 60; j++)
        g_string_append (xml, "words that fill the narrative of a made-up tip ");
      g_string_append (xml, "</narrative>\n  </tip>\n");
      g_ptr_array_add (argv, g_strdup_printf ("%08x-2222-4333-8444-555555555555", i + 1));
    }
  g_ptr_array_add (argv, NULL);
  g_string_append (xml, "</tips>\n");
  g_assert_true (g_file_set_contents (tips, xml->str, xml->len, NULL));
  g_assert_cmpint (g_mkdir (outdir, 0700), ==, 0);
  expect_ok (fx, fx->a, "import", tips);
  g_unlink (tips);

  for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
    {
      gboolean caught = FALSE;

      for (guint attempt = 0; attempt < 20 && !caught; attempt++)
        {
          g_autoptr(GSubprocessLauncher) launcher = launcher_new (fx);
          g_autoptr(GSubprocess) seal = NULL;
          g_autoptr(GError) error = NULL;
          gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
          GOutputStream *in;

          g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                     | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                     | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
          seal = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
          g_assert_no_error (error);
          in = g_subprocess_get_stdin_pipe (seal);
          g_output_stream_write_all (in, PASS "\n", strlen (PASS "\n"), NULL, NULL, NULL);
          g_output_stream_close (in, NULL, NULL);

          while (!caught && g_get_monotonic_time () < deadline)
            {
              g_autoptr(GDir) d = g_dir_open (outdir, 0, NULL);
              const char *name;

              while ((name = g_dir_read_name (d)) != NULL)
                if (g_str_has_prefix (name, "b.tlbundle."))
                  caught = TRUE;
              if (caught)
                {
                  g_subprocess_send_signal (seal, signals[s]);
                  break;
                }
              if (g_file_test (target, G_FILE_TEST_EXISTS) || g_subprocess_get_identifier (seal) == NULL)
                break;   /* quicker than the poll: try again */
              g_usleep (100);
            }
          g_subprocess_wait (seal, NULL, &error);
          g_assert_no_error (error);
          if (caught)
            {
              g_autoptr(GDir) d = g_dir_open (outdir, 0, NULL);

              g_assert_true (g_subprocess_get_if_signaled (seal));
              g_assert_cmpint (g_subprocess_get_term_sig (seal), ==, signals[s]);
              g_assert_null (g_dir_read_name (d));
              g_test_message ("signal %d: caught while writing on attempt %u", signals[s], attempt + 1);
            }
          g_unlink (target);
        }
      g_assert_true (caught);
    }
  for (guint i = 9; i < argv->len - 1; i++)
    g_free (g_ptr_array_index (argv, i));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-bundle/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/cli-bundle/seal-killed", Fixture, NULL, fixture_set_up, test_seal_killed, fixture_tear_down);
  return g_test_run ();
}
