/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One store, many programs (issue 15): real tipline-cli processes, two at once, and a
 * helper that keeps the store open the way the app does (store-helper.c). Each test
 * checks that whatever a command reported as done holds afterwards. The CLI always uses
 * MODERATE key derivation, so the runs here are few. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tl-test-util.h"

#define PASS   "correct horse battery"
#define SECOND "second advocate secret"
#define THIRD  "third advocate secret"
#define NEW1   "a brand new passphrase"
#define NEW2   "another new passphrase"
/* TL_ERROR_CONFLICT and TL_ERROR_NOT_FOUND (tl-error.h; this test links no core). */
#define TL_ERROR_CONFLICT_FOR_TEST 12
#define TIP_ID "0b7e4f52-9c1d-4a36-8e2f-5d6c7b8a9f01"

static const char tip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<tip xmlns=\"urn:tipline:tip:1\" id=\"" TIP_ID "\">\n"
  "  <received>2026-11-22T14:05:00-07:00</received>\n"
  "  <channel>phone</channel>\n"
  "  <reporter role=\"third-party\"/>\n"
  "  <situation danger=\"immediate\" type=\"labor\"/>\n"
  "  <location><state>NM</state></location>\n"
  "  <narrative>Imported while a restore ran.</narrative>\n"
  "</tip>\n";

typedef struct
{
  char *root;
  char *store;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

/* helpers */

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->root = tl_test_make_tmp_dir ("concurrency");
  fx->store = g_build_filename (fx->root, "store", NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  remove_tree (fx->root);
  g_free (fx->root);
  g_free (fx->store);
}

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

static GSubprocess *
spawn_argv (Fixture            *fx,
            const char         *input,
            const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  GOutputStream *in;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "TIPLINE_STORE", fx->store, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", fx->root, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* The input goes in now, so two processes started together really run together. */
  in = g_subprocess_get_stdin_pipe (process);
  if (input != NULL)
    {
      g_output_stream_write_all (in, input, strlen (input), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (in, NULL, NULL);
    }
  return process;
}

/* tipline-cli with the arguments after input, NULL-terminated; not waited for. */
static GSubprocess *
spawn_cli (Fixture    *fx,
           const char *input,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("TIPLINE_CLI"));
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return spawn_argv (fx, input, (const char * const *) args->pdata);
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (memory, "", 1, NULL, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static Result
finish (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  Result result = { 0 };

  /* Outputs are small, so reading one to its end before the other cannot block. */
  result.out = read_all (g_subprocess_get_stdout_pipe (process));
  result.err = read_all (g_subprocess_get_stderr_pipe (process));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  if (result.status != 0)
    g_test_message ("exit %d: %s", result.status, result.err);
  g_object_unref (process);
  return result;
}

#define run_cli(fx, input, ...) finish (spawn_cli ((fx), (input), __VA_ARGS__))

static void
expect (Fixture    *fx,
        int         status,
        const char *input,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  Result r;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("TIPLINE_CLI"));
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  r = finish (spawn_argv (fx, input, (const char * const *) args->pdata));
  if (r.status != status)
    g_error ("%s %s: exit %d, expected %d: %s", (char *) args->pdata[1],
             args->len > 2 ? (char *) args->pdata[2] : "", r.status, status, r.err);
  result_clear (&r);
}

/* A program with the store open, as the app has it: store-helper.c. */
typedef struct
{
  GSubprocess *process;
  GDataInputStream *out;
  GOutputStream *in;
  char *pid;
} Holder;

static char *
holder_ask (Holder     *holder,
            const char *command)
{
  g_autoptr(GError) error = NULL;
  char *line;

  if (command != NULL)
    {
      g_autofree char *text = g_strconcat (command, "\n", NULL);

      g_output_stream_write_all (holder->in, text, strlen (text), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_flush (holder->in, NULL, NULL);
    }
  line = g_data_input_stream_read_line_utf8 (holder->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

static void
holder_start (Fixture    *fx,
              Holder     *holder,
              const char *passphrase)
{
  const char *argv[] = { g_getenv ("TIPLINE_STORE_HELPER"), fx->store, passphrase, NULL };
  g_autofree char *line = NULL;

  holder->process = spawn_argv (fx, NULL, argv);
  holder->in = g_subprocess_get_stdin_pipe (holder->process);
  holder->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder->process));
  line = holder_ask (holder, NULL);
  g_assert_true (g_str_has_prefix (line, "open "));
  holder->pid = g_strdup (line + strlen ("open "));
}

static void
holder_stop (Holder *holder)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (holder->in, NULL, NULL);
  g_subprocess_wait_check (holder->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&holder->out);
  g_clear_object (&holder->process);
  g_clear_pointer (&holder->pid, g_free);
}

static char *
find_kept_dir (Fixture *fx)
{
  g_autoptr(GDir) d = g_dir_open (fx->store, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "replaced-"))
      return g_build_filename (fx->store, name, NULL);
  return NULL;
}

static gboolean
store_has_tip (Fixture    *fx,
               const char *dir,
               const char *passphrase,
               const char *id)
{
  g_autofree char *input = g_strconcat (passphrase, "\n", NULL);
  Result r = run_cli (fx, input, "--store", dir, "show", id, NULL);
  gboolean found = r.status == 0;

  result_clear (&r);
  return found;
}

static void
init_store (Fixture *fx)
{
  expect (fx, 0, PASS "\n", "init", NULL);
}

/* No file under the test's folder (the store, kept folders, TMPDIR) holds the text in
 * plaintext, apart from the tip files the test wrote as input. */
static void
assert_no_plaintext_in (const char         *dir,
                        const char         *text,
                        const char * const *inputs)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_plaintext_in (path, text, inputs);
          continue;
        }
      if (inputs != NULL && g_strv_contains (inputs, path))
        continue;
      if (g_file_get_contents (path, &contents, &length, NULL) &&
          g_strstr_len (contents, length, text) != NULL)
        g_error ("%s holds \"%s\" in plaintext", path, text);
    }
}

static void
assert_no_plaintext (Fixture            *fx,
                     const char         *text,
                     const char * const *inputs)
{
  assert_no_plaintext_in (fx->root, text, inputs);
}

/* tests */

/* The app has the store open: restore and a re-key refuse at once, name the process
 * and change nothing; with --wait they go ahead when the app closes, and every save the
 * app acknowledged is in the files the restore kept. */
static void
test_open_store_refuses (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fx->root, "store.tlbackup", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *line = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *named = NULL;
  GSubprocess *waiting;
  Holder holder = { 0 };
  Result r;

  init_store (fx);
  expect (fx, 0, PASS "\n" SECOND "\n", "keys", "add", "Beto", NULL);
  expect (fx, 0, PASS "\n", "backup", backup, NULL);

  holder_start (fx, &holder, PASS);
  named = g_strdup_printf ("Tipline is open on this computer (process %s). Close it, or run again with --wait.",
                           holder.pid);

  r = run_cli (fx, PASS "\n", "restore", backup, NULL);
  g_assert_cmpint (r.status, ==, 5);
  g_assert_nonnull (strstr (r.err, named));
  result_clear (&r);
  g_assert_null (find_kept_dir (fx));

  r = run_cli (fx, PASS "\n", "keys", "remove", "2", NULL);
  g_assert_cmpint (r.status, ==, 5);
  g_assert_nonnull (strstr (r.err, named));
  result_clear (&r);

  /* Nothing changed: the app goes on saving, Beto still opens the store. */
  line = holder_ask (&holder, "save");
  g_assert_true (g_str_has_prefix (line, "saved "));
  g_clear_pointer (&line, g_free);

  /* Reading alongside the app is fine. */
  expect (fx, 0, SECOND "\n", "list", NULL);

  /* A restore that waits: it starts only when the app has closed the store. */
  waiting = spawn_cli (fx, PASS "\n", "--wait", "restore", backup, NULL);
  g_usleep (3 * G_USEC_PER_SEC);
  line = holder_ask (&holder, "save");
  g_assert_true (g_str_has_prefix (line, "saved "));
  saved = g_strdup (line + strlen ("saved "));
  g_assert_null (find_kept_dir (fx));
  holder_stop (&holder);

  r = finish (waiting);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* The last acknowledged save is in the kept files, not lost in a file nobody sees. */
  kept = find_kept_dir (fx);
  g_assert_nonnull (kept);
  g_assert_true (store_has_tip (fx, kept, PASS, saved));
  g_assert_false (store_has_tip (fx, fx->store, PASS, saved));
  expect (fx, 0, PASS "\n", "audit", "verify", NULL);
}

/* passwd (Beto's) while a re-key removes Cora: both report success, so afterwards Beto's
 * new passphrase opens the store, his old one and Cora's do not, and the store is whole. */
static void
test_passwd_racing_rekey (Fixture       *fx,
                          gconstpointer  data)
{
  GSubprocess *passwd, *remove;
  Result r1, r2;

  init_store (fx);
  expect (fx, 0, PASS "\n" SECOND "\n", "keys", "add", "Beto", NULL);
  expect (fx, 0, PASS "\n" THIRD "\n", "keys", "add", "Cora", NULL);

  passwd = spawn_cli (fx, SECOND "\n" NEW1 "\n", "--wait", "passwd", NULL);
  remove = spawn_cli (fx, PASS "\n", "--wait", "keys", "remove", "3", NULL);
  r1 = finish (passwd);
  r2 = finish (remove);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpint (r2.status, ==, 0);
  result_clear (&r1);
  result_clear (&r2);

  expect (fx, 0, NEW1 "\n", "list", NULL);
  expect (fx, 3, SECOND "\n", "list", NULL);
  expect (fx, 3, THIRD "\n", "list", NULL);
  expect (fx, 0, PASS "\n", "audit", "verify", NULL);
}

/* Two advocates change their passphrases at once: neither change is lost. */
static void
test_two_passwd (Fixture       *fx,
                 gconstpointer  data)
{
  GSubprocess *a, *b;
  Result r1, r2;

  init_store (fx);
  expect (fx, 0, PASS "\n" SECOND "\n", "keys", "add", "Beto", NULL);

  a = spawn_cli (fx, PASS "\n" NEW1 "\n", "passwd", NULL);
  b = spawn_cli (fx, SECOND "\n" NEW2 "\n", "passwd", NULL);
  r1 = finish (a);
  r2 = finish (b);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpint (r2.status, ==, 0);
  result_clear (&r1);
  result_clear (&r2);

  expect (fx, 0, NEW1 "\n", "list", NULL);
  expect (fx, 0, NEW2 "\n", "list", NULL);
  expect (fx, 3, PASS "\n", "list", NULL);
  expect (fx, 3, SECOND "\n", "list", NULL);
}

/* A restore and an import started together, without --wait: each finishes or says the
 * store is busy, and what finished holds: an imported tip is in the store or in the
 * files the restore kept (when the import came first), never in a file moved aside
 * after it was written. With --wait both finish. */
static void
test_restore_racing_import (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fx->root, "store.tlbackup", NULL);
  g_autofree char *tips = g_build_filename (fx->root, "tips.xml", NULL);

  g_assert_true (g_file_set_contents (tips, tip_xml, -1, NULL));
  init_store (fx);
  expect (fx, 0, PASS "\n", "backup", backup, NULL);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *wait = round == 0 ? g_strconcat ("--store=", fx->store, NULL)
                                         : g_strdup ("--wait");
      g_autofree char *kept = NULL;
      GSubprocess *restore, *import;
      Result rr, ri;
      gboolean in_store, in_kept;

      restore = spawn_cli (fx, PASS "\n", wait, "restore", backup, NULL);
      import = spawn_cli (fx, PASS "\n", wait, "import", tips, NULL);
      rr = finish (restore);
      ri = finish (import);
      g_test_message ("round %u: restore %d, import %d", round, rr.status, ri.status);

      g_assert_true (rr.status == 0 || rr.status == 5);
      g_assert_true (ri.status == 0 || ri.status == 5);
      if (round == 1)
        g_assert_true (rr.status == 0 && ri.status == 0);
      if (rr.status == 5)
        g_assert_nonnull (strstr (rr.err, "Tipline is open"));
      if (ri.status == 5)
        g_assert_nonnull (strstr (ri.err, "Tipline is open"));

      kept = find_kept_dir (fx);
      g_assert_true ((rr.status == 0) == (kept != NULL));
      in_store = store_has_tip (fx, fx->store, PASS, TIP_ID);
      in_kept = kept != NULL && store_has_tip (fx, kept, PASS, TIP_ID);
      if (ri.status == 0)
        g_assert_true (in_store || in_kept);
      else
        g_assert_false (in_store || in_kept);
      expect (fx, 0, PASS "\n", "audit", "verify", NULL);

      {
        const char *inputs[] = { tips, NULL };

        assert_no_plaintext (fx, "Imported while a restore ran.", inputs);
      }

      /* Next round from the backup's state, with no kept folder. */
      if (kept != NULL)
        remove_tree (kept);
      if (in_store)
        expect (fx, 0, PASS "\n", "delete", TIP_ID, NULL);
      result_clear (&rr);
      result_clear (&ri);
    }
}


/* An export --all killed with SIGINT or SIGTERM while it writes: the temporary file
 * beside the target (every tip in plaintext) is gone, and so is the target. The store
 * holds enough tips that writing takes a while; the test signals as soon as the
 * temporary file appears, and tries again when the export was quicker than that. */
static void
test_export_killed (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *tips = g_build_filename (fx->root, "many.xml", NULL);
  g_autofree char *outdir = g_build_filename (fx->root, "out", NULL);
  g_autofree char *target = g_build_filename (outdir, "all.xml", NULL);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<tips xmlns=\"urn:tipline:tip:1\">\n");
  const int signals[] = { SIGINT, SIGTERM };

  for (guint i = 0; i < 3000; i++)
    {
      g_string_append_printf (xml, "  <tip id=\"%08x-2222-4333-8444-555555555555\">\n"
                                   "    <received>2026-03-01T12:00:00Z</received>\n"
                                   "    <channel>phone</channel>\n"
                                   "    <location><state>NM</state></location>\n"
                                   "    <narrative>Zorblatt canary ", i + 1);
      for (guint j = 0; j < 60; j++)
        g_string_append (xml, "words that fill the narrative of a made-up tip ");
      g_string_append (xml, "</narrative>\n  </tip>\n");
    }
  g_string_append (xml, "</tips>\n");
  g_assert_true (g_file_set_contents (tips, xml->str, xml->len, NULL));
  g_assert_cmpint (g_mkdir (outdir, 0700), ==, 0);

  init_store (fx);
  expect (fx, 0, PASS "\n", "import", tips, NULL);
  g_unlink (tips);

  for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
    {
      gboolean caught = FALSE;

      for (guint attempt = 0; attempt < 20 && !caught; attempt++)
        {
          GSubprocess *export = spawn_cli (fx, PASS "\n", "export", "--all", "-o", target, NULL);
          gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
          g_autoptr(GError) error = NULL;

          while (!caught && g_get_monotonic_time () < deadline)
            {
              g_autoptr(GDir) d = g_dir_open (outdir, 0, NULL);
              const char *name;

              while ((name = g_dir_read_name (d)) != NULL)
                if (g_str_has_prefix (name, "all.xml."))
                  caught = TRUE;
              if (caught)
                {
                  g_subprocess_send_signal (export, signals[s]);
                  break;
                }
              if (g_file_test (target, G_FILE_TEST_EXISTS))
                break;   /* quicker than the poll: try again */
              g_usleep (200);
            }
          g_subprocess_wait (export, NULL, &error);
          g_assert_no_error (error);
          if (caught)
            {
              g_autoptr(GDir) d = g_dir_open (outdir, 0, NULL);

              /* Stopped by the signal, as if there were no handler, and nothing left. */
              g_assert_true (g_subprocess_get_if_signaled (export));
              g_assert_cmpint (g_subprocess_get_term_sig (export), ==, signals[s]);
              g_assert_null (g_dir_read_name (d));
              g_test_message ("signal %d: caught while writing on attempt %u", signals[s], attempt + 1);
            }
          g_unlink (target);
          g_object_unref (export);
        }
      g_assert_true (caught);
    }
}


/* The app has a tip open while tipline-cli deletes it, or imports a newer version of
 * it: the app's save is refused with a conflict (TL_ERROR_NOT_FOUND = 5, TL_ERROR_CONFLICT
 * = 12 in the helper's answer), the deleted tip does not come back and the imported
 * version is not overwritten. A save with nothing in between goes through. */
static void
test_save_racing_delete_and_import (Fixture       *fx,
                                    gconstpointer  data)
{
  g_autofree char *tips = g_build_filename (fx->root, "tips.xml", NULL);
  g_autofree char *newer = g_build_filename (fx->root, "newer.xml", NULL);
  g_autofree char *newer_xml = NULL;
  g_autofree char *conflict = g_strdup_printf ("error %d ", TL_ERROR_CONFLICT_FOR_TEST);
  g_autofree char *gone = g_strdup_printf ("error %d ", 5);
  Holder holder = { 0 };
  char *line;
  Result r;

  
  g_assert_true (g_file_set_contents (tips, tip_xml, -1, NULL));
  init_store (fx);
  expect (fx, 0, PASS "\n", "add", tips, NULL);

  /* Nothing in between: saved, revision 2. */
  holder_start (fx, &holder, PASS);
  line = holder_ask (&holder, "load " TIP_ID);
  g_assert_cmpstr (line, ==, "loaded 1");
  g_free (line);
  line = holder_ask (&holder, "resave");
  g_assert_cmpstr (line, ==, "saved 2");
  g_free (line);

  /* A newer version imported meanwhile. */
  line = holder_ask (&holder, "load " TIP_ID);
  g_assert_cmpstr (line, ==, "loaded 2");
  g_free (line);
  newer_xml = g_strdup (tip_xml);
  {
    g_autoptr(GString) text = g_string_new (tip_xml);

    g_string_replace (text, "id=\"" TIP_ID "\"",
                      "id=\"" TIP_ID "\" modified=\"2030-01-01T00:00:00Z\"", 1);
    g_string_replace (text, "Imported while a restore ran.", "The newer version from the CLI.", 1);
    g_assert_true (g_file_set_contents (newer, text->str, text->len, NULL));
  }
  r = run_cli (fx, PASS "\n", "import", newer, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "updated 1"));
  result_clear (&r);
  line = holder_ask (&holder, "resave");
  g_assert_true (g_str_has_prefix (line, conflict));
  g_free (line);
  r = run_cli (fx, PASS "\n", "show", TIP_ID, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "The newer version from the CLI."));
  result_clear (&r);

  /* Deleted meanwhile: not brought back. */
  line = holder_ask (&holder, "load " TIP_ID);
  g_assert_true (g_str_has_prefix (line, "loaded "));
  g_free (line);
  expect (fx, 0, PASS "\n", "delete", TIP_ID, NULL);
  line = holder_ask (&holder, "resave");
  g_assert_true (g_str_has_prefix (line, gone));
  g_free (line);
  holder_stop (&holder);
  g_assert_false (store_has_tip (fx, fx->store, PASS, TIP_ID));
  {
    const char *inputs[] = { tips, newer, NULL };

    assert_no_plaintext (fx, "The newer version from the CLI.", inputs);
    assert_no_plaintext (fx, "Imported while a restore ran.", inputs);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/concurrency/open-store-refuses", Fixture, NULL,
              fixture_set_up, test_open_store_refuses, fixture_tear_down);
  g_test_add ("/concurrency/passwd-racing-rekey", Fixture, NULL,
              fixture_set_up, test_passwd_racing_rekey, fixture_tear_down);
  g_test_add ("/concurrency/two-passwd", Fixture, NULL,
              fixture_set_up, test_two_passwd, fixture_tear_down);
  g_test_add ("/concurrency/restore-racing-import", Fixture, NULL,
              fixture_set_up, test_restore_racing_import, fixture_tear_down);

  g_test_add ("/concurrency/save-racing-delete-and-import", Fixture, NULL,
              fixture_set_up, test_save_racing_delete_and_import, fixture_tear_down);
  g_test_add ("/concurrency/export-killed", Fixture, NULL,
              fixture_set_up, test_export_killed, fixture_tear_down);

  return g_test_run ();
}
