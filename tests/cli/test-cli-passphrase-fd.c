/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tipline-cli --passphrase-fd (issue 16), run as a real process: a script hands the
 * passphrase on a descriptor of its own, never in the arguments or the environment,
 * and standard input stays free. Its own program, because every command derives the
 * app's key (MODERATE) and test-cli is long already. */
#include "config.h"

#include <fcntl.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tl-test-util.h"

#define PASSPHRASE "correct horse battery"
#define TIP_ID "6f1d2c1e-3b7a-4c55-9d8e-2a1b0c9d8e7f"

static const char tip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<tip xmlns=\"urn:tipline:tip:1\" id=\"" TIP_ID "\">\n"
  "  <received>2026-11-22T14:05:00-07:00</received>\n"
  "  <channel>phone</channel>\n"
  "  <reporter role=\"third-party\"/>\n"
  "  <situation danger=\"immediate\" type=\"sex\"/>\n"
  "  <location><city>Albuquerque</city><state>NM</state></location>\n"
  "  <victim><name>Zorbalina Canary</name><age>15</age></victim>\n"
  "  <narrative>Held at an address near the truck stop.</narrative>\n"
  "</tip>\n";

typedef TlTestCliResult Result;

/* The CLI with --store, HOME and the XDG folders in dir; fd_text (when not NULL) is
 * readable on its descriptor 3, from a file opened with the access mode given. */
static Result
run_cli (const char         *dir,
         const char         *fd_text,
         int                 mode,
         const char         *input,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = tl_test_cli_launcher_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *store = g_build_filename (dir, "store", NULL);
  g_autofree char *path = g_build_filename (dir, "fd3.txt", NULL);
  Result result;

  g_ptr_array_add (argv, (gpointer) "--store");
  g_ptr_array_add (argv, store);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);

  g_subprocess_launcher_setenv (launcher, "HOME", dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  if (fd_text != NULL)
    {
      int fd;

      g_assert_true (g_file_set_contents_full (path, fd_text, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      fd = g_open (path, mode | O_CLOEXEC, 0);
      g_assert_cmpint (fd, >=, 0);
      g_subprocess_launcher_take_fd (launcher, fd, 3);
    }
  result = tl_test_cli_run (launcher, input, argv);
  g_unlink (path);
  return result;
}

/* One row per case: where the option stands, what the descriptor holds, what standard
 * input holds, and what the CLI must answer. The rows run in order (passwd changes the
 * passphrase the next row uses). */
static void
test_passphrase_fd (char          **fixture,
                    gconstpointer   data)
{
  static const struct
  {
    const char *what;
    const char *args[5];
    const char *fd_text;    /* on descriptor 3; NULL: nothing open there */
    int mode;
    const char *input;      /* standard input */
    int status;
    const char *out;        /* in standard output, or NULL */
    const char *err;        /* in standard error; NULL: nothing there */
  } cases[] = {
    { "before the command", { "--passphrase-fd=3", "list", NULL },
      PASSPHRASE "\n", O_RDONLY, "", 0, TIP_ID, NULL },
    { "after the command, value apart", { "show", TIP_ID, "--passphrase-fd", "3", NULL },
      PASSPHRASE "\n", O_RDONLY, "", 0, "Zorbalina", NULL },
    { "no newline at the end", { "--passphrase-fd", "3", "list", NULL },
      PASSPHRASE, O_RDONLY, "", 0, TIP_ID, NULL },
    { "read from the descriptor, not standard input", { "--passphrase-fd=3", "list", NULL },
      "not the passphrase\n", O_RDONLY, PASSPHRASE "\n", 3, NULL, "The passphrase is wrong." },
    { "empty descriptor", { "--passphrase-fd=3", "list", NULL },
      "", O_RDONLY, PASSPHRASE "\n", 1, NULL, "No passphrase could be read from file descriptor 3." },
    { "descriptor not open", { "--passphrase-fd=3", "list", NULL },
      NULL, O_RDONLY, PASSPHRASE "\n", 2, NULL, "File descriptor 3 given with --passphrase-fd is not open." },
    { "descriptor open for writing only", { "list", "--passphrase-fd=3", NULL },
      "", O_WRONLY, PASSPHRASE "\n", 2, NULL, "is open for writing only" },
    { "not a number", { "--passphrase-fd=three", "list", NULL },
      PASSPHRASE "\n", O_RDONLY, "", 2, NULL, "passphrase-fd" },
    { "passwd reads the current and the new one from it", { "--passphrase-fd=3", "passwd", NULL },
      PASSPHRASE "\nanother passphrase\n", O_RDONLY, "", 0, NULL, NULL },
    { "the new passphrase opens the store", { "search", "Zorb", "--passphrase-fd=3", NULL },
      "another passphrase\n", O_RDONLY, "", 0, TIP_ID, NULL },
    { "the old one no longer does", { "--passphrase-fd=3", "list", NULL },
      PASSPHRASE "\n", O_RDONLY, "", 3, NULL, "The passphrase is wrong." },
  };
  const char *dir = *fixture;
  g_autofree char *tip_path = g_build_filename (dir, "tip.xml", NULL);
  const char * const init[] = { "--passphrase-fd=3", "init", NULL };
  const char * const add[] = { "--passphrase-fd=3", "add", tip_path, NULL };
  Result result;

  /* init takes its new passphrase from the descriptor too, once */
  result = run_cli (dir, PASSPHRASE "\n", O_RDONLY, "", init);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Created an encrypted store"));
  tl_test_cli_result_clear (&result);
  g_assert_true (g_file_set_contents (tip_path, tip_xml, -1, NULL));
  result = run_cli (dir, PASSPHRASE "\n", O_RDONLY, "", add);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case: %s", cases[i].what);
      result = run_cli (dir, cases[i].fd_text, cases[i].mode, cases[i].input, cases[i].args);
      g_assert_cmpint (result.status, ==, cases[i].status);
      if (cases[i].out != NULL)
        g_assert_nonnull (strstr (result.out, cases[i].out));
      if (cases[i].err != NULL)
        g_assert_nonnull (strstr (result.err, cases[i].err));
      else
        g_assert_cmpstr (result.err, ==, "");
      /* no prompt is written anywhere the script reads */
      g_assert_null (strstr (result.out, "assphrase:"));
      g_assert_null (strstr (result.err, "assphrase:"));
      tl_test_cli_result_clear (&result);
    }
}

static void
set_up (char          **fixture,
        gconstpointer   data)
{
  *fixture = tl_test_make_tmp_dir ("cli-passphrase-fd");
}

static void
tear_down (char          **fixture,
           gconstpointer   data)
{
  tl_test_remove_tree (*fixture);
  g_free (*fixture);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check is reported and the test goes on, so tear_down removes the folder. */
  g_test_set_nonfatal_assertions ();
  g_test_add ("/cli/passphrase-fd", char *, NULL, set_up, test_passphrase_fd, tear_down);
  return g_test_run ();
}
