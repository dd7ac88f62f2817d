/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

#include "tl-test-util.h"

/* Folders made by this process, removed if a failed assertion ends it before the test's
 * own clean-up runs: a test leaves nothing behind, pass or fail. */
static GPtrArray *made_dirs;
static GPtrArray *mounted_dirs;   /* of them, those with a tmpfs on them */
static pid_t made_by;

static void
remove_made_dirs (void)
{
  if (made_dirs == NULL || getpid () != made_by)
    return;     /* a forked child leaves its parent's folders alone */
  /* A mount outlives the process: it goes first, or its folder cannot. */
  for (guint i = 0; mounted_dirs != NULL && i < mounted_dirs->len; i++)
    umount2 (g_ptr_array_index (mounted_dirs, i), MNT_DETACH);
  for (guint i = 0; i < made_dirs->len; i++)
    tl_test_remove_tree (g_ptr_array_index (made_dirs, i));
}

/* A failed g_assert aborts (SIGABRT), a fatal warning traps (SIGTRAP), a test run out of
 * time is sent SIGTERM; a crash is left to AddressSanitizer's own handler. The process is
 * ending in a test anyway, so removing files here is worth the small risk of a handler
 * that is not async-signal-safe. */
static void
failed_cb (int signum)
{
  remove_made_dirs ();
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
track_dir (const char *dir)
{
  if (made_dirs == NULL)
    {
      made_dirs = g_ptr_array_new_with_free_func (g_free);
      made_by = getpid ();
      signal (SIGABRT, failed_cb);
      signal (SIGTRAP, failed_cb);
      signal (SIGTERM, failed_cb);
      atexit (remove_made_dirs);
    }
  g_ptr_array_add (made_dirs, g_strdup (dir));
}

/* A new folder "tipline-NAME-XXXXXX" in the temporary folder; the test removes it with
 * tl_test_remove_tree(), and it goes anyway when the test process fails or ends. */
char *
tl_test_make_tmp_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("tipline-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  track_dir (dir);
  return dir;
}

/* Mounts a tmpfs with options (its size) on dir, a folder from tl_test_make_tmp_dir(),
 * for a test of a full disk. FALSE when it cannot (not root), and the test is marked
 * skipped with the reason. A failed assertion or a test run out of time unmounts it
 * before removing the folder, so a test leaves no mount behind, pass or fail. */
gboolean
tl_test_mount_tmpfs (const char *dir,
                     const char *options)
{
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a small tmpfs here (%s); run as root to test a full disk",
                                              g_strerror (errno));
      g_test_skip (why);
      return FALSE;
    }
  if (mounted_dirs == NULL)
    mounted_dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (mounted_dirs, g_strdup (dir));
  return TRUE;
}

void
tl_test_unmount (const char *dir)
{
  guint index;

  g_assert_cmpint (umount (dir), ==, 0);
  if (mounted_dirs != NULL && g_ptr_array_find_with_equal_func (mounted_dirs, dir, g_str_equal, &index))
    g_ptr_array_remove_index (mounted_dirs, index);
}

/* Removes a file, or a folder and everything in it; a symbolic link is removed, never
 * followed. A path that does not exist is no error. */
void
tl_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      tl_test_remove_tree (child);
    }
  g_remove (path);
}

/* Hex SHA-256 of a file, or "missing": for comparing a file before and after. */
char *
tl_test_hash_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* One line "name=hash" for each file a store folder may hold (database, its write-ahead
 * log and shared memory, key slots): equal before and after means nothing was written. */
char *
tl_test_hash_store (const char *dir)
{
  static const char * const names[] = { "tipline.db", "tipline.db-wal", "tipline.db-shm", "tipline.keys" };
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *hash = tl_test_hash_file (path);

      g_string_append_printf (all, "%s=%s\n", names[i], hash);
    }
  return g_string_free (all, FALSE);
}

/* The first n bytes of a file in lower-case hex. */
char *
tl_test_file_head_hex (const char *path,
                       gsize       n)
{
  g_autofree char *data = NULL;
  GString *hex;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >=, n);
  hex = g_string_sized_new (2 * n);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (hex, "%02x", (guint8) data[i]);
  return g_string_free (hex, FALSE);
}

/* A file under tests/fixtures/ (G_TEST_SRCDIR is tests/ for every test). */
char *
tl_test_fixture_path (const char *first,
                      ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list ap;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "fixtures");
  va_start (ap, first);
  for (part = first; part != NULL; part = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

GSubprocessLauncher *
tl_test_cli_launcher_new (void)
{
  return g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                    | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                    | G_SUBPROCESS_FLAGS_STDERR_PIPE);
}

/* Runs $TIPLINE_CLI with args (without the program, not NULL-terminated) and input on
 * standard input; waits for it to exit. */
TlTestCliResult
tl_test_cli_run (GSubprocessLauncher *launcher,
                 const char          *input,
                 GPtrArray           *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TIPLINE_CLI");
  TlTestCliResult result = { 0 };

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  return result;
}

void
tl_test_cli_result_clear (TlTestCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs the default main context for ms milliseconds, sleeping a millisecond whenever it
 * has nothing to do (display tests: frames, idles and timeouts get their turn). */
void
tl_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}
