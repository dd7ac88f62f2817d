/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the real tipline-cli binary against a store in a temporary folder, with the
 * passphrase on standard input as a script would send it. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

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
  "  <phone owner=\"offender\">(505) 555-0100</phone>\n"
  "  <narrative>Held at an address near the truck stop.</narrative>\n"
  "</tip>\n";

typedef struct
{
  char *dir;
  char *store;
} Fixture;

typedef TlTestCliResult Result;

static const char *language = "en";
static const char *lc_all = NULL;   /* NULL: the test's own locale */

/* The CLI with --store, HOME and the XDG folders in the fixture's folder. */
static Result
run_cli (Fixture    *fixture,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = tl_test_cli_launcher_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--store");
  g_ptr_array_add (args, fixture->store);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);

  g_subprocess_launcher_setenv (launcher, "HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  if (lc_all != NULL)
    g_subprocess_launcher_setenv (launcher, "LC_ALL", lc_all, TRUE);
  return tl_test_cli_run (launcher, input, args);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *tip_path = NULL;
  Result result;

  fixture->dir = tl_test_make_tmp_dir ("cli");
  fixture->store = g_build_filename (fixture->dir, "store", NULL);
  g_assert_nonnull (fixture->dir);

  result = run_cli (fixture, PASSPHRASE "\n", "init", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Created an encrypted store"));
  tl_test_cli_result_clear (&result);

  tip_path = g_build_filename (fixture->dir, "tip.xml", NULL);
  g_assert_true (g_file_set_contents (tip_path, tip_xml, -1, NULL));
  result = run_cli (fixture, PASSPHRASE "\n", "add", tip_path, NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, TIP_ID));
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

static void
test_version_and_help (void)
{
  Fixture fixture = { (char *) "/nonexistent", (char *) "/nonexistent/store" };
  Result result = run_cli (&fixture, "", "--version", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "tipline-cli " PACKAGE_VERSION));
  tl_test_cli_result_clear (&result);

  result = run_cli (&fixture, "", "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "search QUERY"));
  tl_test_cli_result_clear (&result);

  /* Each command's --help says what it does, as the command list does. */
  {
    static const struct { const char *command; const char *summary; } commands[] = {
      { "init", "Create a new encrypted store" },
      { "add", "Add the tips in a tip file to the store" },
      { "list", "List tips, newest first" },
      { "show", "Show one tip" },
      { "search", "Find tips by name, phone, plate, e-mail or any word" },
      { "export", "Write a tip as a report (PDF, text, XML, HTCDS) or all tips as XML" },
      { "import", "Import tip files from another workstation" },
      { "delete", "Delete a tip for good" },
      { "links", "Show other tips that share a phone, plate, e-mail, account or name with a tip" },
      { "stats", "Count tips, victims and referrals for a period (default: this federal fiscal year)" },
      { "passwd", "Change the store’s passphrase" },
      { "route", "Say whom to call for a tip, in order, and why" },
      { "matrix", "Show a protocol’s referral matrix and its gaps" },
      { "validate-protocol", "Check protocol files and say what to fix" },
      { "protocols", "List the protocols in use and where they come from" },
      { "keys", "List, add or remove passphrases; make a new recovery code" },
      { "backup", "Write an encrypted, checked backup of the store" },
      { "restore", "Replace the store with a backup (the old files are kept)" },
      { "audit", "Show the audit log, or check that nobody changed it" },
      { "outcome", "Show where each referral of a tip stands, or move one on (accepted, declined, no answer, done)" },
      { "office", "Keep this store in step with the office’s other devices through a synced folder" },
      /* issue 21 (sealed-bundles) */
      { "bundle", "Seal tips for another agency, or open a bundle sealed for this one" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *line = g_strdup_printf ("\n%s\n", commands[i].summary);

        result = run_cli (&fixture, "", commands[i].command, "--help", NULL);
        g_assert_cmpint (result.status, ==, 0);
        if (strstr (result.out, line) == NULL)
          g_error ("%s --help does not say what it does:\n%s", commands[i].command, result.out);
        tl_test_cli_result_clear (&result);
      }
  }

  result = run_cli (&fixture, "", "frobnicate", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "is not a tipline-cli command"));
  tl_test_cli_result_clear (&result);
}

static void
test_no_store (void)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("cli");
  g_autofree char *store = g_build_filename (dir, "none", NULL);
  Fixture fixture = { dir, store };
  Result result = run_cli (&fixture, PASSPHRASE "\n", "list", NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "There is no Tipline store"));
  g_assert_nonnull (strstr (result.err, "tipline-cli init"));
  tl_test_cli_result_clear (&result);
  g_rmdir (dir);
}

static void
test_init_twice (Fixture       *fixture,
                 gconstpointer  data)
{
  Result result = run_cli (fixture, PASSPHRASE "\n", "init", NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "already a Tipline store"));
  tl_test_cli_result_clear (&result);
}

static void
test_list_show_search (Fixture       *fixture,
                       gconstpointer  data)
{
  Result result = run_cli (fixture, PASSPHRASE "\n", "list", "--json", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"id\":\"" TIP_ID "\""));
  g_assert_nonnull (strstr (result.out, "\"has_minor\":true"));
  /* a list shows no names */
  g_assert_null (strstr (result.out, "Zorbalina"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "show", TIP_ID, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"victims\":[{\"name\":\"Zorbalina Canary\",\"age\":\"15\"}]"));
  g_assert_nonnull (strstr (result.out, "\"danger\":\"immediate\""));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "show", TIP_ID, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Victim 1"));
  g_assert_nonnull (strstr (result.out, "Immediate danger"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "search", "505.555.0100", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, TIP_ID));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "search", "Zorb", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, TIP_ID));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "search", "nothing-like-this", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "No tips."));
  tl_test_cli_result_clear (&result);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "export.xml", NULL);
  g_autofree char *written = NULL;
  GStatBuf st;
  Result result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "--format", "xml",
                           "-o", out, NULL);

  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "urn:tipline:tip:1"));
  g_assert_nonnull (strstr (written, "Zorbalina Canary"));

  /* never replaced without --force */
  result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "-o", out, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "already exists"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "--format", "pdf", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);
}

/* --dry-run lists what the profile withholds and why, and writes and records nothing;
 * the call-back contact comes from the options (or the environment). */
static void
test_export_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  Result result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "--profile",
                           "law-enforcement", "--dry-run", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Withheld from this report:"));
  g_assert_nonnull (strstr (result.out, "Victim 1: Name"));
  g_assert_nonnull (strstr (result.out, "[withheld: no signed release]"));
  g_assert_nonnull (strstr (result.out, "nothing was written or recorded"));
  g_assert_null (strstr (result.out, "Zorbalina"));
  tl_test_cli_result_clear (&result);
  /* nothing recorded: no export in the audit log */
  result = run_cli (fixture, PASSPHRASE "\n", "audit", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "Exported"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "--dry-run", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "--profile", "law-enforcement",
                    "--format", "text", "--advocate-name", "Dana Advocate", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Dana Advocate"));
  g_assert_nonnull (strstr (result.out, "Not set in Preferences"));   /* no agency phone */
  g_assert_null (strstr (result.out, "Zorbalina"));
  tl_test_cli_result_clear (&result);
  result = run_cli (fixture, PASSPHRASE "\n", "audit", NULL);
  g_assert_nonnull (strstr (result.out, "Exported"));
  tl_test_cli_result_clear (&result);
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = tl_test_hash_store (fixture->store);
  g_autofree char *after = NULL;
  Result result = run_cli (fixture, "not the passphrase\n", "list", NULL);

  g_assert_cmpint (result.status, ==, 3);
  g_assert_cmpstr (result.err, ==, "tipline-cli: The passphrase is wrong.\n");
  tl_test_cli_result_clear (&result);

  after = tl_test_hash_store (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_passwd (Fixture       *fixture,
             gconstpointer  data)
{
  Result result = run_cli (fixture, PASSPHRASE "\nnew passphrase here\n", "passwd", NULL);

  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "list", NULL);
  g_assert_cmpint (result.status, ==, 3);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "new passphrase here\n", "list", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, TIP_ID));
  tl_test_cli_result_clear (&result);

  /* too short a new passphrase is refused and nothing changes */
  result = run_cli (fixture, "new passphrase here\nshort\n", "passwd", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "at least 8 characters"));
  tl_test_cli_result_clear (&result);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  Result result = run_cli (fixture, PASSPHRASE "\n", "delete", TIP_ID, NULL);

  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "show", TIP_ID, NULL);
  g_assert_cmpint (result.status, ==, 1);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "list", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "No tips."));
  tl_test_cli_result_clear (&result);
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad.xml", NULL);
  g_auto(GStrv) lines = NULL;
  Result result;

  g_assert_true (g_file_set_contents (path, "<tip xmlns=\"urn:tipline:tip:1\">\n<oops>\n</tip>\n",
                                      -1, NULL));
  result = run_cli (fixture, PASSPHRASE "\n", "add", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  /* one line naming the file and line, no stack of library messages */
  g_assert_nonnull (strstr (result.err, "bad.xml:"));
  lines = g_strsplit (result.err, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 2);
  tl_test_cli_result_clear (&result);
}

static void
test_spanish (Fixture       *fixture,
              gconstpointer  data)
{
  Result result;

  language = "es";
  result = run_cli (fixture, "wrong passphrase\n", "list", NULL);
  g_assert_cmpint (result.status, ==, 3);
  g_assert_cmpstr (result.err, ==, "tipline-cli: La frase de contraseña es incorrecta.\n");
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "show", TIP_ID, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Víctima 1"));
  g_assert_nonnull (strstr (result.out, "Peligro inmediato"));
  tl_test_cli_result_clear (&result);

  /* A report for law enforcement in Spanish: the glossary's words (aviso for the tip,
   * informe for the report) and a date no reader on either side of the border can
   * misread (ISO 8601, never dd/mm/yyyy or mm/dd/yyyy). */
  result = run_cli (fixture, PASSPHRASE "\n", "export", TIP_ID, "--format=text",
                    "--profile=law-enforcement", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_test_message ("%s", result.out);
  g_assert_true (g_regex_match_simple ("Recibido:? +20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]",
                                       result.out, 0, 0) ||
                 g_regex_match_simple ("\\b20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9] \\(UTC",
                                       result.out, 0, 0));
  g_assert_false (g_regex_match_simple ("\\b[0-3]?[0-9]/[0-3]?[0-9]/(19|20)[0-9]{2}\\b", result.out, 0, 0));
  g_assert_null (strstr (result.out, "denuncia"));
  g_assert_null (strstr (result.out, "pista"));
  tl_test_cli_result_clear (&result);
  language = "en";
}

static char *
fixture_path (const char *name)
{
  return tl_test_fixture_path (name, NULL);
}

/* A second tip with the first one's phone typed another way and a text channel: links
 * and statistics through the real binary. */
static void
test_links_stats (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char second[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<tip xmlns=\"urn:tipline:tip:1\" id=\"0b6f5d3a-8c1e-4f2b-9a7d-5e4c3b2a1f00\">\n"
    "  <received>2026-12-01T09:00:00-07:00</received>\n"
    "  <channel>text</channel>\n"
    "  <victim><age>30</age></victim>\n"
    "  <victim><age>12</age></victim>\n"
    "  <phone>+1 505 555 0100</phone>\n"
    "</tip>\n";
  g_autofree char *path = g_build_filename (fixture->dir, "second.xml", NULL);
  Result result;

  g_assert_true (g_file_set_contents (path, second, -1, NULL));
  result = run_cli (fixture, PASSPHRASE "\n", "add", path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "links", TIP_ID, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"kind\":\"phone\""));
  g_assert_nonnull (strstr (result.out, "\"value\":\"5055550100\""));
  g_assert_nonnull (strstr (result.out, "\"count\":1"));
  g_assert_nonnull (strstr (result.out, "\"count_capped\":false"));
  g_assert_nonnull (strstr (result.out, "\"id\":\"0b6f5d3a-8c1e-4f2b-9a7d-5e4c3b2a1f00\""));
  g_assert_nonnull (strstr (result.out, "\"sound_match\":false"));
  tl_test_cli_result_clear (&result);

  /* Published counts hide 1 to 10 unless told otherwise (--threshold 1). */
  result = run_cli (fixture, PASSPHRASE "\n", "stats", "--from", "2026-10-01", "--to", "2027-09-30", "--csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"Summary\",\"Tips\",\"<11\"\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Tips by channel\",\"Phone call\",\"<11\"\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Note\",\"To protect victims"));
  g_assert_null (strstr (result.out, "\"Victims\",3\r\n"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "stats", "--from", "2026-10-01", "--to", "2027-09-30", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "<11"));
  g_assert_nonnull (strstr (result.out, "To protect victims"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "", "stats", "--threshold", "0", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "stats", "--from", "2026-10-01", "--to", "2027-09-30", "--csv",
                    "--threshold", "1", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "\"From\",\"To\",\"Table\",\"Category\",\"Count\"\r\n"));
  g_assert_nonnull (strstr (result.out, "\"2026-10-01\",\"2027-09-30\",\"Summary\",\"Tips\",2\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Summary\",\"Victims\",3\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Tips by channel\",\"Phone call\",1\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Tips by channel\",\"Text message\",1\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Victims by age\",\"Minor (under 18)\",2\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Victims by age\",\"Adult\",1\r\n"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "", "stats", "--from", "2026-13-01", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);
}

/* A tip file routes without a store or a passphrase: the plans the seeds prescribe. */
/* Follow-ups from the command line: added to the fixture's tip, listed as due with
 * their number, done / snoozed / dropped, and printed as JSON for scripts. */
static void
test_follow_ups (Fixture       *fixture,
                 gconstpointer  data)
{
  Result result;

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "add", TIP_ID, "Call the reporter back",
                    "--due", "2020-01-02T10:00:00-07:00", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Follow-up 1 added."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "add", TIP_ID, "Check on the referral",
                    "--due", "2999-01-01", NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  /* Only the overdue one is due; it says so. */
  result = run_cli (fixture, PASSPHRASE "\n", "due", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Call the reporter back"));
  g_assert_nonnull (strstr (result.out, "overdue"));
  g_assert_null (strstr (result.out, "Check on the referral"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "snooze", "1", "--until", "2020-01-03",
                    NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "snooze", "1", "Reporter works nights",
                    "--until", "2999-01-02", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "due", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "[]\n");
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "drop", "2", "Referral confirmed by phone", NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "due", "--all", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"number\":1"));
  g_assert_nonnull (strstr (result.out, "\"state\":\"snoozed\""));
  g_assert_nonnull (strstr (result.out, "\"state\":\"dropped\""));
  g_assert_nonnull (strstr (result.out, "\"reason\":\"Referral confirmed by phone\""));
  g_assert_nonnull (strstr (result.out, "\"tip\":\"" TIP_ID "\""));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "done", "7", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "There is no follow-up with that number."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "add", TIP_ID, "Call back", "--due", "soon", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);
}

/* purge and keep (issue 19): nothing has expired in a store made today, even a closed
 * tip whose file carries no time of change (its time runs from the import); looking
 * ahead to 2040 the closed tip of tips-many.xml has (7 years), the open ones never; a
 * hold keeps it; purge --at without --dry-run is refused; a purge of nothing writes
 * nothing. */
static void
test_purge_keep (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *many = fixture_path ("tips-many.xml");
  Result result;

  result = run_cli (fixture, PASSPHRASE "\n", "add", many, NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "purge", "--dry-run", "--json", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"schedule\":{\"enabled\":true,\"draft-days\":180,\"open-years\":0,"
                                        "\"referred-years\":0,\"closed-years\":7}"));
  g_assert_nonnull (strstr (result.out, "\"count\":0"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "purge", "--dry-run", "--at", "2040-01-01", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"count\":1"));
  g_assert_nonnull (strstr (result.out, "\"id\":\"11111111-2222-4333-8444-555555555503\",\"status\":\"closed\""));
  g_assert_null (strstr (result.out, "555555555501"));
  g_assert_null (strstr (result.out, TIP_ID));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "purge", "--at", "2040-01-01", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "keep", "11111111-2222-4333-8444-555555555503", "  ",
                    "--until", "2041-01-01", NULL);
  g_assert_cmpint (result.status, ==, 1);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "keep", "11111111-2222-4333-8444-555555555503",
                    "Trial set for 2035", "--until", "2035-06-30", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "2035-06-30"));
  tl_test_cli_result_clear (&result);

  /* The hold ends in 2035: the tip has expired by 2040, not by 2034. */
  result = run_cli (fixture, PASSPHRASE "\n", "purge", "--dry-run", "--at", "2034-01-01", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "555555555503"));
  g_assert_nonnull (strstr (result.out, "Closed: Kept 7 years after the last change"));
  g_assert_nonnull (strstr (result.out, "Nothing has expired."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "purge", "--dry-run", "--at", "2040-01-01", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "555555555503"));
  g_assert_nonnull (strstr (result.out, "1 tip or draft would be purged."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "purge", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"purged\":0"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "audit", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Retention extended"));
  g_assert_null (strstr (result.out, "Trial set"));
  tl_test_cli_result_clear (&result);
}

/* handoff (issue 19): counts suppressed below 11 with the note, or shown with
 * --threshold 1; what a follow-up says and the victim's name never in it; recorded in
 * the audit log as an export of the tips it lists. */
static void
test_handoff (Fixture       *fixture,
              gconstpointer  data)
{
  Result result;

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "add", TIP_ID, "Call Zorbalina back after 6 pm",
                    "--due", "2020-01-02T10:00:00-07:00", NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "handoff", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "handoff", "--since", "2020-01-01T00:00:00-07:00", "--json", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"profile\":\"coordinator\""));
  g_assert_nonnull (strstr (result.out, "\"open-tips\":\"<11\""));
  g_assert_nonnull (strstr (result.out, "\"overdue\":\"<11\""));
  g_assert_nonnull (strstr (result.out, "\"follow-ups-closed\":\"0\""));
  g_assert_nonnull (strstr (result.out, "\"note\":\"To protect victims"));
  g_assert_nonnull (strstr (result.out, "\"id\":\"" TIP_ID "\""));
  g_assert_null (strstr (result.out, "Zorbalina"));
  g_assert_null (strstr (result.out, "Call "));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "handoff", "--since", "2020-01-01T00:00:00-07:00",
                    "--threshold", "1", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Shift hand-off"));
  g_assert_nonnull (strstr (result.out, "(overdue)"));
  g_assert_null (strstr (result.out, "<11"));
  g_assert_null (strstr (result.out, "Zorbalina"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "audit", "--tip", TIP_ID, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Exported"));
  tl_test_cli_result_clear (&result);
}

/* Referral outcomes (issue 19): the fixture's five logged calls start where their
 * outcomes put them; one moves on to accepted, then done with its outcome; a move the
 * rules refuse and a missing reason are one clear line and exit 1; stats count them. */
static void
test_outcomes (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *tip = fixture_path ("tip-full.xml");
  const char *id = "9b2e4d10-7c3a-4f5e-8d21-0a6b5c4d3e2f";
  Result result;

  result = run_cli (fixture, PASSPHRASE "\n", "add", tip, NULL);
  g_assert_cmpint (result.status, ==, 0);
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "outcome", id, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"number\":1,\"contact\":\"NM Attorney General Human Trafficking Unit\""));
  g_assert_nonnull (strstr (result.out, "\"outcome\":\"reached\",\"made\":\"2026-10-03T11:02:00-06\",\"stage\":\"made\""));
  g_assert_nonnull (strstr (result.out, "\"outcome\":\"left-message\""));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "outcome", id, "1", "accepted", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Accepted"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "outcome", id, "1", "done", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "Say how the referral ended (its outcome)."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "outcome", id, "1", "done", "--reason", "Case opened", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"stage\":\"done\""));
  g_assert_nonnull (strstr (result.out, "\"moves\":[{\"stage\":\"accepted\""));
  g_assert_nonnull (strstr (result.out, "\"stage\":\"done\",\"at\":"));
  g_assert_nonnull (strstr (result.out, "\"reason\":\"Case opened\""));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "outcome", id, "1", "accepted", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "A referral that is “Done” cannot become “Accepted”"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "outcome", id, "9", "accepted", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "This tip has no referral 9; its call log has 5."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "", "outcome", id, "1", "finished", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  /* kept in the store: a new run reads it back; statistics count by stage */
  result = run_cli (fixture, PASSPHRASE "\n", "stats", "--from", "2026-10-01", "--to", "2026-10-31",
                    "--csv", "--threshold", "1", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"Calls and referrals, by where each stands\",\"Done\",1\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Calls and referrals, by where each stands\",\"Made\",0\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Calls and referrals, by where each stands\",\"Accepted\",1\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Calls and referrals, by where each stands\",\"No answer yet\",2\r\n"));
  tl_test_cli_result_clear (&result);

  /* the federal grant indicators: contacts, referrals by outcome, victims by age,
   * citizenship, type and service; counts under 11 hidden by default, with the note */
  result = run_cli (fixture, PASSPHRASE "\n", "stats", "--from", "2026-10-01", "--to", "2026-10-31",
                    "--csv", "--preset", "grant", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"Summary\",\"Contacts\",\"<11\"\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Calls and referrals, by where each stands\",\"Done\",\"<11\"\r\n"));
  g_assert_nonnull (strstr (result.out, "\"Victims by type of trafficking\","));
  g_assert_nonnull (strstr (result.out, "\"Victims by service needed\","));
  g_assert_nonnull (strstr (result.out, "\"Victims by age\","));
  g_assert_null (strstr (result.out, "Tips by channel"));
  g_assert_nonnull (strstr (result.out, "To protect victims"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, "", "stats", "--preset", "everything", NULL);
  g_assert_cmpint (result.status, ==, 2);
  tl_test_cli_result_clear (&result);

  /* proposals from the tip (issue 19): the referrals with no outcome, a check --days
   * after they last moved (the fixture's contacts are no protocol's, and none says 911,
   * so no written report: test-follow-up-proposals covers that) */
  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "propose", id, "--days", "3", "--json", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "[{\"kind\":\"check-referral\",\"what\":\"Check on the referral to Statewide Central Intake (CYFD) made on 2026-10-03: it is still “No answer yet”, with no outcome.\",\"due\":\"2026-10-06T17:20:00Z\",\"referral\":2}"));
  g_assert_null (strstr (result.out, "written-report"));
  g_assert_null (strstr (result.out, "Example Shelter"));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "propose", id, "--accept", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Follow-up 1 added."));
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "follow-up", "propose", id, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "Nothing to propose for this tip.\n");
  tl_test_cli_result_clear (&result);

  result = run_cli (fixture, PASSPHRASE "\n", "due", "--all", "--json", NULL);
  g_assert_nonnull (strstr (result.out, "Check on the referral to Statewide Central Intake (CYFD)"));
  tl_test_cli_result_clear (&result);
}

static void
test_route_file (void)
{
  Fixture fixture = { (char *) "/nonexistent", (char *) "/nonexistent/store" };
  g_autofree char *tip = fixture_path ("tip-nm-minor.xml");
  Result result = run_cli (&fixture, "", "route", tip, "--at", "2026-11-22T14:10:00-07:00",
                           "--json", NULL);
  const char *p911, *psci, *photline;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\"protocol\":\"us-nm\""));
  g_assert_nonnull (strstr (result.out, "\"danger\":true"));
  g_assert_nonnull (strstr (result.out, "\"release_required\":true"));
  /* 911 first, then child intake, then the national hotline */
  p911 = strstr (result.out, "\"digits\":\"911\"");
  psci = strstr (result.out, "\"digits\":\"18553337233\"");
  photline = strstr (result.out, "\"digits\":\"18883737888\"");
  g_assert_nonnull (p911);
  g_assert_nonnull (psci);
  g_assert_nonnull (photline);
  g_assert_true (p911 < psci && psci < photline);
  tl_test_cli_result_clear (&result);

  language = "es";
  result = run_cli (&fixture, "", "route", tip, "--at", "2026-11-22T14:10:00-07:00", NULL);
  language = "en";
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Llame al 911."));
  g_assert_nonnull (strstr (result.out, "1-855-333-SAFE"));
  g_assert_nonnull (strstr (result.out, "menor de 18"));
  g_assert_null (strstr (result.out, "Why:"));
  tl_test_cli_result_clear (&result);
}

static void
test_protocol_commands (void)
{
  Fixture fixture = { (char *) "/nonexistent", (char *) "/nonexistent/store" };
  g_autofree char *broken = fixture_path ("protocols/bad-unknown-contact.xml");
  g_autofree char *valid = fixture_path ("protocols/valid-minimal.xml");
  Result result = run_cli (&fixture, "", "protocols", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "us-nm"));
  g_assert_nonnull (strstr (result.out, "us-ms"));
  g_assert_nonnull (strstr (result.out, "national"));
  tl_test_cli_result_clear (&result);

  result = run_cli (&fixture, "", "matrix", "us-ms", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "gaps"));
  tl_test_cli_result_clear (&result);

  result = run_cli (&fixture, "", "validate-protocol", valid, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "valid"));
  tl_test_cli_result_clear (&result);

  result = run_cli (&fixture, "", "validate-protocol", broken, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "bad-unknown-contact.xml:"));
  tl_test_cli_result_clear (&result);
}

/* Issue 14: a bundled protocol with a citation taken out is refused with its line;
 * route --explain and matrix --sources print the document sentences; a plain C locale
 * with LANGUAGE=es prints Spanish with its accents. */
static void
test_sources (void)
{
  Fixture fixture = { (char *) "/nonexistent", (char *) "/nonexistent/store" };
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "protocols", "us-nm.xml", NULL);
  g_autofree char *dir = tl_test_make_tmp_dir ("cli-sources");
  g_autofree char *edited = g_build_filename (dir, "us-nm.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *tip = fixture_path ("tip-nm-minor.xml");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  Result result;
  int warning_line = 0;
  guint filled = 0, sources = 0;

  g_assert_true (g_file_get_contents (bundled, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0, n = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "<source ref=\"nm-protocol\">Do not leave details on voicemail.</source>") != NULL)
        continue;
      n++;
      if (strstr (lines[i], "<warning xml:lang=\"en\">Do not leave details on voicemail.") != NULL)
        warning_line = (int) n;
      g_string_append_printf (out, "%s%s", lines[i], lines[i + 1] != NULL ? "\n" : "");
    }
  g_assert_cmpint (warning_line, >, 0);
  g_assert_true (g_file_set_contents (edited, out->str, out->len, NULL));
  result = run_cli (&fixture, "", "validate-protocol", edited, NULL);
  g_assert_cmpint (result.status, ==, 1);
  expected = g_strdup_printf ("%s:%d: No source for this warning", edited, warning_line);
  if (strstr (result.err, expected) == NULL)
    g_error ("expected \"%s\" in:\n%s", expected, result.err);
  tl_test_cli_result_clear (&result);
  g_assert_cmpint (g_remove (edited), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  result = run_cli (&fixture, "", "route", tip, "--at", "2026-11-22T14:10:00-07:00", "--explain", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "   Source: "));
  g_assert_nonnull (strstr (result.out, "“Call 911”"));
  g_assert_nonnull (strstr (result.out, "“Call SCI and make a report of a situation involving a child.”"));
  g_assert_nonnull (strstr (result.out, "America/Denver"));
  tl_test_cli_result_clear (&result);

  /* Every filled cell is followed by the sentence behind it. */
  result = run_cli (&fixture, "", "matrix", "us-nm", "--sources", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (result.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "  ") && !g_str_has_prefix (lines[i], "   ") && !g_str_has_prefix (lines[i], "  GAPS"))
      {
        filled++;
        g_assert_nonnull (lines[i + 1]);
        g_assert_true (g_str_has_prefix (lines[i + 1], "    Source: "));
      }
    else if (g_str_has_prefix (lines[i], "    Source: "))
      sources++;
  g_assert_cmpuint (filled, >, 20);
  g_assert_cmpuint (sources, >=, filled);
  tl_test_cli_result_clear (&result);

  language = "es";
  lc_all = "C";
  result = run_cli (&fixture, "", "route", tip, "--at", "2026-11-22T14:10:00-07:00", NULL);
  lc_all = NULL;
  language = "en";
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Nuevo México"));
  g_assert_nonnull (strstr (result.out, "Por qué:"));
  g_assert_null (strstr (result.out, "?"));
  tl_test_cli_result_clear (&result);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/no-store", test_no_store);
  g_test_add_func ("/cli/route-file", test_route_file);
  g_test_add_func ("/cli/protocol-commands", test_protocol_commands);
  g_test_add_func ("/cli/sources", test_sources);
  g_test_add ("/cli/init-twice", Fixture, NULL, fixture_set_up, test_init_twice, fixture_tear_down);
  g_test_add ("/cli/list-show-search", Fixture, NULL, fixture_set_up, test_list_show_search,
              fixture_tear_down);
  g_test_add ("/cli/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/cli/export-dry-run", Fixture, NULL, fixture_set_up, test_export_dry_run, fixture_tear_down);
  g_test_add ("/cli/wrong-passphrase", Fixture, NULL, fixture_set_up, test_wrong_passphrase,
              fixture_tear_down);
  g_test_add ("/cli/passwd", Fixture, NULL, fixture_set_up, test_passwd, fixture_tear_down);
  g_test_add ("/cli/delete", Fixture, NULL, fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/cli/spanish", Fixture, NULL, fixture_set_up, test_spanish, fixture_tear_down);
  g_test_add ("/cli/bad-file", Fixture, NULL, fixture_set_up, test_bad_file, fixture_tear_down);
  g_test_add ("/cli/links-stats", Fixture, NULL, fixture_set_up, test_links_stats, fixture_tear_down);
  g_test_add ("/cli/follow-ups", Fixture, NULL, fixture_set_up, test_follow_ups, fixture_tear_down);
  g_test_add ("/cli/purge-keep", Fixture, NULL, fixture_set_up, test_purge_keep, fixture_tear_down);
  g_test_add ("/cli/handoff", Fixture, NULL, fixture_set_up, test_handoff, fixture_tear_down);
  g_test_add ("/cli/outcomes", Fixture, NULL, fixture_set_up, test_outcomes, fixture_tear_down);

  return g_test_run ();
}
