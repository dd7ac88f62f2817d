/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the real tipline-cli for the security promises: a whole session leaves tip
 * content nowhere but the export the user asked for, and the key, backup and audit
 * commands work end to end. The CLI always uses MODERATE key derivation, so the runs
 * here are few. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tl-test-util.h"

#define PASSPHRASE "correct horse battery"
#define SECOND "second advocate secret"
#define TIP_ID "6f1d2c1e-3b7a-4c55-9d8e-2a1b0c9d8e7f"

/* Made-up strings that appear nowhere else; the phone number's digits and the name's
 * pieces are searched for separately. */
static const char * const canaries[] = {
  "Qzorbalina", "Vextrapolus", "Kwimbledorf", "5055550177", "QZ7XK42",
};

static const char tip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<tip xmlns=\"urn:tipline:tip:1\" id=\"" TIP_ID "\">\n"
  "  <received>2026-11-22T14:05:00-07:00</received>\n"
  "  <channel>phone</channel>\n"
  "  <reporter role=\"third-party\"/>\n"
  "  <situation danger=\"immediate\" type=\"sex\"/>\n"
  "  <location><city>Albuquerque</city><state>NM</state></location>\n"
  "  <victim><name>Qzorbalina Vextrapolus</name><age>15</age></victim>\n"
  "  <vehicle><plate>QZ7XK42</plate></vehicle>\n"
  "  <phone owner=\"offender\">(505) 555-0177</phone>\n"
  "  <narrative>Kwimbledorf was seen at the truck stop.</narrative>\n"
  "</tip>\n";

typedef struct
{
  char *root;                 /* HOME, XDG folders, TMPDIR and the store all live here */
  char *store;
} Fixture;

typedef TlTestCliResult Result;

/* helpers */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->root = tl_test_make_tmp_dir ("cli-security");
  fx->store = g_build_filename (fx->root, "data", "tipline", NULL);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const dirs[] = { "data", "config", "cache", "tmp" };
      g_autofree char *path = g_build_filename (fx->root, dirs[i], NULL);

      g_mkdir (path, 0700);
    }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  tl_test_remove_tree (fx->root);
  g_free (fx->root);
  g_free (fx->store);
}

/* The CLI with its default store: HOME, the XDG folders and TMPDIR under the fixture's
 * root, so no --store hides a default path. */
static Result
run_cli (Fixture    *fx,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = tl_test_cli_launcher_new ();
  g_autofree char *data = g_build_filename (fx->root, "data", NULL);
  g_autofree char *config = g_build_filename (fx->root, "config", NULL);
  g_autofree char *cache = g_build_filename (fx->root, "cache", NULL);
  g_autofree char *tmp = g_build_filename (fx->root, "tmp", NULL);
  Result result;
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);

  g_subprocess_launcher_setenv (launcher, "HOME", fx->root, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "TIPLINE_STORE");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  result = tl_test_cli_run (launcher, input, args);
  if (result.status != 0)
    g_test_message ("exit %d: %s", result.status, result.err);
  return result;
}

/* Every regular file under dir except `except`; fails on any canary. */
static guint
assert_no_canaries (const char *dir,
                    const char *except)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint files = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          files += assert_no_canaries (path, except);
          continue;
        }
      if (g_strcmp0 (path, except) == 0)
        continue;

      files++;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
        if (memmem (contents, length, canaries[i], strlen (canaries[i])) != NULL)
          g_error ("%s holds tip content (%s)", path, canaries[i]);
    }
  return files;
}

static char *
extract_recovery_code (const char *out)
{
  g_autoptr(GRegex) regex = g_regex_new ("([A-Z2-7]{5}-){7}[A-Z2-7]{5}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_regex_match (regex, out, 0, &match));
  return g_match_info_fetch (match, 0);
}

/* tests */

static void
test_no_leaks (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *tip_path = g_build_filename (fx->root, "incoming.xml", NULL);
  g_autofree char *export_path = g_build_filename (fx->root, "chosen-export.xml", NULL);
  g_autofree char *exported = NULL;
  Result r;

  r = run_cli (fx, PASSPHRASE "\n", "init", NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, PASSPHRASE "\n", "add", tip_path, NULL);   /* missing: fails early */
  g_assert_cmpint (r.status, !=, 0);
  tl_test_cli_result_clear (&r);

  g_assert_true (g_file_set_contents (tip_path, tip_xml, -1, NULL));
  r = run_cli (fx, PASSPHRASE "\n", "add", tip_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);
  /* The incoming file is the user's own; it goes before the scan. */
  g_unlink (tip_path);

  r = run_cli (fx, PASSPHRASE "\n", "search", "Vextrapolus", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, TIP_ID));
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, PASSPHRASE "\n", "show", TIP_ID, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Qzorbalina"));
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, PASSPHRASE "\n", "export", TIP_ID, "--output", export_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "Qzorbalina"));

  r = run_cli (fx, PASSPHRASE "\n", "delete", TIP_ID, NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);

  /* The store's files, config, cache, temporary files: nothing but the export. */
  g_assert_cmpuint (assert_no_canaries (fx->root, export_path), >=, 2);
}

static void
test_keys_backup_audit (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autofree char *backup = g_build_filename (fx->root, "store.tlbackup", NULL);
  g_autofree char *input = NULL;
  Result r;

  r = run_cli (fx, PASSPHRASE "\n", "init", NULL);
  g_assert_cmpint (r.status, ==, 0);
  code = extract_recovery_code (r.out);
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, PASSPHRASE "\n" SECOND "\n", "keys", "add", "Beto", NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, "", "keys", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "recovery code"));
  g_assert_nonnull (strstr (r.out, "2  passphrase  Beto"));
  tl_test_cli_result_clear (&r);

  /* The recovery code opens the store through the normal unlock. */
  input = g_strconcat (code, "\n", NULL);
  r = run_cli (fx, input, "backup", backup, NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, SECOND "\n", "audit", "verify", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "OK"));
  tl_test_cli_result_clear (&r);

  /* The check on demand (issue 16): unlock no longer reads every page. */
  r = run_cli (fx, SECOND "\n", "check", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "checks out"));
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, PASSPHRASE "\n", "keys", "remove", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  tl_test_cli_result_clear (&r);
  r = run_cli (fx, SECOND "\n", "list", NULL);
  g_assert_cmpint (r.status, ==, 3);
  tl_test_cli_result_clear (&r);

  /* The backup still has Beto's slot; restoring it brings his access back, which is
   * what restoring an older store means. */
  r = run_cli (fx, SECOND "\n", "restore", backup, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "kept in"));
  tl_test_cli_result_clear (&r);

  r = run_cli (fx, PASSPHRASE "\n", "audit", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Passphrase added"));
  g_assert_nonnull (strstr (r.out, "(Beto)"));
  tl_test_cli_result_clear (&r);

  /* A damaged page: check (or the unlock before it) says so, exit status 4. */
  {
    g_autofree char *db = g_build_filename (fx->store, "tipline.db", NULL);
    g_autofree char *bytes = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db, &bytes, &length, NULL));
    bytes[(length / 2 / 1024) * 1024 + 300] ^= 0x10;
    g_assert_true (g_file_set_contents (db, bytes, length, NULL));
    r = run_cli (fx, PASSPHRASE "\n", "check", NULL);
    g_assert_cmpint (r.status, ==, 4);
    g_assert_nonnull (strstr (r.err, "damaged"));
    tl_test_cli_result_clear (&r);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-security/no-leaks", Fixture, NULL, fixture_set_up, test_no_leaks, fixture_tear_down);
  g_test_add ("/cli-security/keys-backup-audit", Fixture, NULL, fixture_set_up, test_keys_backup_audit,
              fixture_tear_down);

  return g_test_run ();
}
