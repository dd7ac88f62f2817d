/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tipline-cli office as a real process (issue 21): two stores in one office through a
 * folder both use (the sync engine's part is the folder itself; the Syncthing end to
 * end test is tests/unit/sync/test-office-syncthing.c). */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tl-test-util.h"

#define PASSPHRASE "correct horse battery"
#define TIP_ID "0a6e3b2c-5d4f-4e1a-9b8c-7d6e5f4a3b2c"
#define CANARY "Zorbalina Officecanary"

static const char tip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<tip xmlns=\"urn:tipline:tip:1\" id=\"" TIP_ID "\">\n"
  "  <received>2026-11-22T14:05:00-07:00</received>\n"
  "  <channel>phone</channel>\n"
  "  <situation danger=\"immediate\" type=\"sex\"/>\n"
  "  <location><city>Albuquerque</city><state>NM</state></location>\n"
  "  <victim><name>" CANARY "</name><age>15</age></victim>\n"
  "  <narrative>Held near the truck stop.</narrative>\n"
  "</tip>\n";

typedef struct
{
  char *dir;
  char *store[2];
  char *folder;
} Fixture;

typedef TlTestCliResult Result;

static Result
run_cli (Fixture    *fx,
         int         which,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = tl_test_cli_launcher_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--store");
  g_ptr_array_add (args, fx->store[which]);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_subprocess_launcher_setenv (launcher, "HOME", fx->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fx->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fx->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  return tl_test_cli_run (launcher, input, args);
}

static void
expect_ok (Result result)
{
  if (result.status != 0)
    g_error ("exit %d\n%s\n%s", result.status, result.out, result.err);
}

static void
test_office (void)
{
  Fixture fx = { 0 };
  Result r;
  g_autofree char *code = NULL;
  g_autofree char *tip_path = NULL;

  fx.dir = tl_test_make_tmp_dir ("cli-office");
  fx.store[0] = g_build_filename (fx.dir, "store-a", NULL);
  fx.store[1] = g_build_filename (fx.dir, "store-b", NULL);
  fx.folder = g_build_filename (fx.dir, "office", NULL);
  g_assert_cmpint (g_mkdir (fx.folder, 0700), ==, 0);
  tip_path = g_build_filename (fx.dir, "tip.xml", NULL);
  g_assert_true (g_file_set_contents (tip_path, tip_xml, -1, NULL));

  for (int i = 0; i < 2; i++)
    {
      r = run_cli (&fx, i, PASSPHRASE "\n", "init", NULL);
      expect_ok (r);
      tl_test_cli_result_clear (&r);
    }

  /* Usage errors say what to give (exit 2) before any passphrase is asked. */
  r = run_cli (&fx, 0, "", "office", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Say create, invite, join"));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 0, "", "office", "create", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--folder"));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 0, "", "office", "resolve", "abc", NULL);
  g_assert_cmpint (r.status, ==, 2);
  tl_test_cli_result_clear (&r);

  /* Not in an office yet: one sentence saying what to do. */
  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "status", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not part of an office"));
  tl_test_cli_result_clear (&r);

  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "create", "--folder", fx.folder, "--name", "Office workstation", NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, "The office was made"));
  tl_test_cli_result_clear (&r);

  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "invite", NULL);
  expect_ok (r);
  {
    g_auto(GStrv) lines = g_strsplit (g_strstrip (r.out), "\n", -1);

    code = g_strdup (lines[g_strv_length (lines) - 1]);
  }
  g_assert_cmpuint (strlen (code), ==, 29);
  tl_test_cli_result_clear (&r);

  r = run_cli (&fx, 1, PASSPHRASE "\n", "office", "join", "--folder", fx.folder, "--name", "Night laptop", "not-a-code", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not a join code"));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 1, PASSPHRASE "\n", "office", "join", "--folder", fx.folder, "--name", "Night laptop", code, NULL);
  expect_ok (r);
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "sync", "--json", NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, "\"members-added\":1"));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 1, PASSPHRASE "\n", "office", "sync", "--json", NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, "\"became-member\":true"));
  tl_test_cli_result_clear (&r);

  /* A tip added on A shows on B. */
  r = run_cli (&fx, 0, PASSPHRASE "\n", "add", tip_path, NULL);
  expect_ok (r);
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "sync", NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, "Changes sent: 1."));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 1, PASSPHRASE "\n", "office", "sync", NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, "Changes taken in: 1."));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 1, PASSPHRASE "\n", "show", TIP_ID, NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, CANARY));
  tl_test_cli_result_clear (&r);

  /* Members, with this device marked. */
  r = run_cli (&fx, 1, PASSPHRASE "\n", "office", "members", "--json", NULL);
  expect_ok (r);
  g_assert_nonnull (strstr (r.out, "\"name\":\"Office workstation\""));
  g_assert_nonnull (strstr (r.out, "\"name\":\"Night laptop\""));
  g_assert_nonnull (strstr (r.out, "\"this-device\":true"));
  tl_test_cli_result_clear (&r);
  /* Removing: a name nobody has fails clearly; B removed by name. */
  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "remove", "Nobody", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No member of the office is called Nobody"));
  tl_test_cli_result_clear (&r);
  r = run_cli (&fx, 0, PASSPHRASE "\n", "office", "remove", "Night laptop", NULL);
  expect_ok (r);
  tl_test_cli_result_clear (&r);
  /* Nothing in the folder is readable. */
  {
    g_autoptr(GDir) dir = g_dir_open (fx.folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fx.folder, name, NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;

        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_null (g_strstr_len (contents, length, CANARY));
        g_assert_null (g_strstr_len (contents, length, TIP_ID));
      }
  }

  tl_test_remove_tree (fx.dir);
  g_free (fx.dir);
  g_free (fx.store[0]);
  g_free (fx.store[1]);
  g_free (fx.folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/office", test_office);
  return g_test_run ();
}
