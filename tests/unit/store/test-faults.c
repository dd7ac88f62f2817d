/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faults: a process killed while saving, and a full disk. */
#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"
#include "tl-tip-limits.h"

#define PASS "correct horse battery"
#define KILLS 50
/* TL_RESTORE_STEP_JOURNAL (tl-store-private.h): the first step after the journal. */
#define TL_RESTORE_STEP_JOURNAL_FOR_TEST 2

/* helpers */

static void
setup (TlTestStore   *fx,
       gconstpointer  data)
{
  tl_test_store_init (fx, "faults");
  tl_test_store_create (fx, TL_TEST_STORE_ADVOCATE, PASS);
  tl_test_store_reopen (fx, PASS);
  tl_store_lock (fx->store);
}

static char *
integrity (TlStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

/* Runs argv with input on standard input; the exit status in *status. */
static gboolean
run_with_input (char       **argv,
                const char  *input,
                char       **out,
                char       **err,
                int         *status)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error))
    return FALSE;
  *status = g_subprocess_get_exit_status (process);
  return TRUE;
}

/* tests */

/* SIGKILL at a random moment while tips are being saved: every tip reported saved is
 * there afterwards, and the database checks out. */
static void
test_kill_while_saving (TlTestStore   *fx,
                        gconstpointer  data)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "crash-helper", NULL);
  g_autoptr(GHashTable) saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint round = 0; round < KILLS; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GDataInputStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *result = NULL;
      char *first;
      const char *argv[] = { helper, fx->dir, PASS, NULL };

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

      /* Kill at a random moment after saving has begun (the first id is out), so a
       * slow build (sanitizers) still kills mid-save rather than during unlock. */
      first = g_data_input_stream_read_line (stream, NULL, NULL, &error);
      g_assert_no_error (error);
      g_usleep (g_test_rand_int_range (0, 150) * 1000);
      g_subprocess_send_signal (process, SIGKILL);

      for (char *line = first; line != NULL;
           line = g_data_input_stream_read_line (stream, NULL, NULL, NULL))
        {
          if (g_str_has_prefix (line, "saved ") && strlen (line) > 6 + 30)
            g_hash_table_add (saved, g_strdup (line + 6));
          g_free (line);
        }
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));

      /* The next unlock recovers the write-ahead log. */
      tl_store_unlock (fx->store, PASS, &error);
      g_assert_no_error (error);
      result = integrity (fx->store);
      g_assert_cmpstr (result, ==, "ok");
      tl_store_lock (fx->store);
    }

  g_test_message ("%u tips reported saved over %d kills", g_hash_table_size (saved), KILLS);
  g_assert_cmpuint (g_hash_table_size (saved), >, 0);

  g_assert_true (tl_store_unlock (fx->store, PASS, NULL));
  {
    GHashTableIter iter;
    gpointer id;

    g_hash_table_iter_init (&iter, saved);
    while (g_hash_table_iter_next (&iter, &id, NULL))
      {
        g_autoptr(TlTip) tip = tl_store_load_tip (fx->store, id, NULL);

        if (tip == NULL)
          g_error ("tip %s was reported saved but is missing", (const char *) id);
      }
  }
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), >=, g_hash_table_size (saved));
}

/* A small tmpfs fills up: saving fails with TL_ERROR_NO_SPACE and a sentence that says
 * so, and every tip saved before is still in the store. */
static void
test_disk_full (void)
{
  g_autofree char *mnt = tl_test_make_tmp_dir ("full");
  g_autofree char *store_dir = g_build_filename (mnt, "store", NULL);
  g_autofree char *copy_dir = tl_test_make_tmp_dir ("full-copy");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint saved = 0;

  if (!tl_test_mount_tmpfs (mnt, "size=640k,mode=0700"))
    {
      g_rmdir (mnt);
      g_rmdir (copy_dir);
      return;
    }

  store = tl_store_new (store_dir);
  g_assert_true (tl_store_create (store, PASS, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();
      g_autofree char *narrative = g_strnfill (3000, 'n');

      tl_set_str (&tip->narrative, narrative);
      if (!tl_store_save_tip (store, tip, &error))
        break;
      saved++;
      g_assert_cmpuint (saved, <, 5000);
    }

  g_test_message ("%u tips fit; then: %s", saved, error->message);
  g_assert_error (error, TL_ERROR, TL_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_cmpuint (saved, >, 0);

  /* What was saved is all there: close, copy the files off the full disk, open. */
  g_clear_error (&error);
  tl_store_lock (store);
  /* A checkpoint that ran out of space leaves committed pages in the write-ahead
   * log, so it is copied too when it is there. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const names[] = { "tipline.db", "tipline.keys", "tipline.db-wal" };
      g_autofree char *from = g_build_filename (store_dir, names[i], NULL);
      g_autofree char *to = g_build_filename (copy_dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (i == 2 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  tl_test_unmount (mnt);
  g_rmdir (mnt);

  copy = tl_store_new (copy_dir);
  g_assert_true (tl_store_unlock (copy, PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (copy, NULL, NULL), ==, saved);
  tl_store_lock (copy);
  tl_test_remove_tree (copy_dir);
}


/* SIGKILL at every step of a restore (store-helper --restore-crash): the next open
 * finishes or undoes it. The store opens with both tipline.db and tipline.keys, holds
 * exactly the old tips or exactly the backup's, no journal or staged copy is left, and
 * every acknowledged tip of the old store is in the store or in the kept folder. */
static void
test_kill_during_restore (TlTestStore     *fx,
                          gconstpointer  data)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "store-helper", NULL);
  g_autofree char *backup = g_build_filename (fx->dir, "..", "restore-crash.tlbackup", NULL);
  g_autofree char *template = g_strconcat (fx->dir, "-template", NULL);
  g_autoptr(GError) error = NULL;

  /* One tip in the backup, two in the store. */
  g_assert_true (tl_store_unlock (fx->store, PASS, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TlTip) tip = tl_tip_new ();

    tl_set_str (&tip->narrative, "In the backup.");
    g_assert_true (tl_store_save_tip (fx->store, tip, &error));
  }
  g_unlink (backup);
  g_assert_true (tl_store_backup (fx->store, backup, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TlTip) tip = tl_tip_new ();

    tl_set_str (&tip->narrative, "Saved after the backup.");
    g_assert_true (tl_store_save_tip (fx->store, tip, &error));
  }
  tl_store_lock (fx->store);
  tl_test_remove_tree (template);
  g_assert_true (g_rename (fx->dir, template) == 0);

  for (int step = 1; step <= TL_STORE_RESTORE_STEPS; step++)
    {
      g_autofree char *step_text = g_strdup_printf ("%d", step);
      const char *argv[] = { helper, "--restore-crash", step_text, fx->dir, PASS, backup, NULL };
      g_autofree char *cmd = g_strdup_printf ("cp -a '%s' '%s'", template, fx->dir);
      g_autoptr(TlStore) store = NULL;
      g_autoptr(GDir) d = NULL;
      const char *name;
      gint64 count;
      int status = 0;
      TlAuditCheck check;

      tl_test_remove_tree (fx->dir);
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) && status == 0);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      store = tl_store_new (fx->dir);
      g_assert_true (tl_store_unlock (store, PASS, &error));
      g_assert_no_error (error);
      count = tl_store_count_tips (store, NULL, &error);
      g_test_message ("killed at step %d: %" G_GINT64_FORMAT " tips", step, count);
      /* Before the journal: nothing changed; after it: the restore is finished. */
      g_assert_cmpint (count, ==, step < TL_RESTORE_STEP_JOURNAL_FOR_TEST ? 2 : 1);
      g_assert_true (tl_store_check_audit (store, &check, &error));
      g_assert_true (check.intact);
      tl_store_lock (store);

      d = g_dir_open (fx->dir, 0, NULL);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_assert_false (g_str_has_suffix (name, ".restore"));
          g_assert_cmpstr (name, !=, "tipline.restore");
          if (g_str_has_prefix (name, "replaced-"))
            {
              g_autofree char *kept = g_build_filename (fx->dir, name, NULL);
              g_autoptr(TlStore) old = tl_store_new (kept);

              /* The replaced store is whole: both tips. */
              g_assert_true (tl_store_unlock (old, PASS, &error));
              g_assert_no_error (error);
              g_assert_cmpint (tl_store_count_tips (old, NULL, NULL), ==, 2);
            }
        }
    }
  tl_test_remove_tree (template);
  g_unlink (backup);
}


/* A write that fails after its temporary file was made (here the rename: the target is
 * a folder) leaves no temporary file behind: an export's would hold plaintext. */
static void
test_temp_file_on_failure (void)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("temp");
  g_autofree char *target = g_build_filename (dir, "export.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint files = 0;

  g_assert_cmpint (g_mkdir (target, 0700), ==, 0);
  g_assert_false (tl_write_private_file (target, "Zorblatt plaintext", 18, TRUE, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_IO);

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_assert_cmpstr (name, ==, "export.xml");
      files++;
    }
  g_assert_cmpuint (files, ==, 1);
  g_rmdir (target);
  g_rmdir (dir);
}


/* A backup's copy of the database left by a crash is under the key of its time; the
 * next program alone in the folder deletes it (a re-key does too). */
static void
test_leftover_backup_copy (TlTestStore     *fx,
                           gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fx->dir, "tipline.db.backup", NULL);
  g_autofree char *staged = g_build_filename (fx->dir, "tipline.db.restore", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (copy, "an old encrypted copy", -1, NULL));
  g_assert_true (g_file_set_contents (staged, "a staged backup", -1, NULL));
  g_assert_true (tl_store_unlock (fx->store, PASS, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (staged, G_FILE_TEST_EXISTS));
}


/* A store disk with no space left: unlocking, listing, searching, reading a tip and
 * writing a backup and an export to another disk work (the unlock's audit entry waits
 * in memory for the next write); a write says the disk is full. tipline-cli does the
 * same when TIPLINE_CLI names it. */
/* Fills every byte that is left on the disk of this file. */
static void
fill_disk (const char *filler)
{
  g_autofree char *chunk = g_malloc0 (4096);
  int fd = open (filler, O_WRONLY | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, chunk, 4096) > 0)
    ;
  while (write (fd, chunk, 1) > 0)
    ;
  close (fd);
}

/* Removing a passphrase on a disk with room for the store but not for its copy: the
 * advocate is told the disk is full, nothing of the copy is left, and nothing changed:
 * both passphrases still open the store, which has all its tips. */
static void
test_rekey_on_full_disk (void)
{
  g_autofree char *mnt = tl_test_make_tmp_dir ("full-rekey");
  g_autofree char *store_dir = g_build_filename (mnt, "store", NULL);
  g_autofree char *filler = g_build_filename (mnt, "filler", NULL);
  g_autofree char *copy = g_build_filename (store_dir, "tipline.db.rekey", NULL);
  g_autofree char *db = g_build_filename (store_dir, "tipline.db", NULL);
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlStore) other = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int fd;

  if (!tl_test_mount_tmpfs (mnt, "size=2048k,mode=0700"))
    {
      g_rmdir (mnt);
      return;
    }

  store = tl_store_new (store_dir);
  g_assert_true (tl_store_create (store, PASS, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();
      g_autofree char *narrative = g_strnfill (3000, 'n');

      tl_set_str (&tip->narrative, narrative);
      g_assert_true (tl_store_save_tip (store, tip, &error));
    }
  g_assert_true (tl_store_add_passphrase (store, PASS, "Beto", "second secret", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  tl_store_lock (store);

  /* Room for the store's log and index while it is open, not for a copy of it. */
  fill_disk (filler);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_test_message ("store %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  fd = open (filler, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, lseek (fd, 0, SEEK_END) - st.st_size / 2), ==, 0);
  close (fd);

  g_assert_true (tl_store_unlock (store, PASS, &error));
  g_assert_no_error (error);
  g_assert_false (tl_store_remove_key_slot (store, PASS, 1, &error));
  g_test_message ("remove on a full disk: %s", error->message);
  g_assert_error (error, TL_ERROR, TL_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_true (tl_store_is_unlocked (store));
  g_assert_cmpint (tl_store_count_tips (store, NULL, NULL), ==, 60);
  tl_store_lock (store);

  g_unlink (filler);
  other = tl_store_new (store_dir);
  g_assert_true (tl_store_unlock (other, "second secret", &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (other, NULL, NULL), ==, 60);
  tl_store_lock (other);
  g_clear_object (&other);
  g_clear_object (&store);
  tl_test_unmount (mnt);
  g_rmdir (mnt);
}

static void
count_lost_cb (TlStore *store,
               guint    count,
               guint   *lost)
{
  *lost += count;
}

static void
test_read_on_full_disk (void)
{
  g_autofree char *mnt = tl_test_make_tmp_dir ("full-read");
  g_autofree char *store_dir = g_build_filename (mnt, "store", NULL);
  g_autofree char *filler = g_build_filename (mnt, "filler", NULL);
  g_autofree char *other = tl_test_make_tmp_dir ("other-disk");
  g_autofree char *backup = g_build_filename (other, "full.tlbackup", NULL);
  g_autofree char *export = g_build_filename (other, "export.xml", NULL);
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TlTip) first = NULL;
  g_autofree char *first_id = NULL;
  GPtrArray *audit;
  guint unlocks = 0, views = 0, lost = 0;

  if (!tl_test_mount_tmpfs (mnt, "size=1024k,mode=0700"))
    {
      g_rmdir (mnt);
      g_rmdir (other);
      return;
    }

  store = tl_store_new (store_dir);
  g_assert_true (tl_store_create (store, PASS, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();

      tl_set_str (&tip->narrative, "Zorblatt was seen at the truck stop.");
      g_assert_true (tl_store_save_tip (store, tip, &error));
      if (first_id == NULL)
        first_id = g_strdup (tip->id);
    }
  tl_store_lock (store);

  fill_disk (filler);

  if (!tl_store_unlock (store, PASS, &error))
    g_test_message ("unlock on a full disk: %s", error->message);
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (store, NULL, &error), ==, 20);
  rows = tl_store_list_tips (store, NULL, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 20);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tl_store_search (store, "Zorblatt", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 20);
  first = tl_store_load_tip (store, first_id, &error);
  g_assert_no_error (error);
  g_assert_true (tl_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (tl_write_private_file (export, "exported", 8, FALSE, &error));
  g_assert_no_error (error);

  /* The same through tipline-cli, a process of its own: every read works, and exports
   * and backups to another disk are written. A process that ends cannot write its audit
   * entries later, so each run says on one line of stderr that the disk is full and the
   * command could not be recorded. */
  if (g_getenv ("TIPLINE_CLI") != NULL)
    {
      g_autofree char *cli_backup = g_build_filename (other, "cli.tlbackup", NULL);
      g_autofree char *cli_export = g_build_filename (other, "cli.xml", NULL);
      g_autofree char *cli_pdf = g_build_filename (other, "cli.pdf", NULL);
      g_autofree char *cli_all = g_build_filename (other, "all.xml", NULL);
      const char *unrecorded = "disk is full, so this command could not be recorded in the audit log";
      const struct { const char *args[9]; const char *says; const char *writes; } runs[] = {
        { { "list", NULL }, NULL, NULL },
        { { "search", "Zorblatt", NULL }, NULL, NULL },
        { { "show", first_id, NULL }, "Zorblatt", NULL },
        { { "backup", cli_backup, NULL }, "Wrote an encrypted backup", cli_backup },
        { { "export", first_id, "-o", cli_export, NULL }, NULL, cli_export },
        { { "export", first_id, "--profile", "full", "--format", "pdf", "-o", cli_pdf, NULL }, NULL, cli_pdf },
        { { "export", "--all", "-o", cli_all, NULL }, NULL, cli_all },
      };

      tl_store_lock (store);
      for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
        {
          g_autoptr(GPtrArray) argv = g_ptr_array_new ();
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int status = 0;

          g_ptr_array_add (argv, (char *) g_getenv ("TIPLINE_CLI"));
          g_ptr_array_add (argv, "--store");
          g_ptr_array_add (argv, store_dir);
          for (guint a = 0; runs[i].args[a] != NULL; a++)
            g_ptr_array_add (argv, (char *) runs[i].args[a]);
          g_ptr_array_add (argv, NULL);
          g_assert_true (run_with_input ((char **) argv->pdata, PASS "\n", &out, &err, &status));
          g_test_message ("tipline-cli %s on a full disk: exit %d, %s%s", runs[i].args[0],
                          status, out, err);
          g_assert_cmpint (status, ==, 0);
          if (runs[i].says != NULL)
            g_assert_nonnull (strstr (out, runs[i].says));
          if (runs[i].writes != NULL)
            g_assert_true (g_file_test (runs[i].writes, G_FILE_TEST_IS_REGULAR));
          if (g_str_equal (runs[i].args[0], "search") || g_str_equal (runs[i].args[0], "list"))
            g_assert_nonnull (strstr (out, first_id));
          /* One line on stderr, saying the disk is full. */
          g_assert_nonnull (strstr (err, unrecorded));
          g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
        }
      g_assert_true (tl_store_unlock (store, PASS, &error));
      g_assert_no_error (error);
    }

  /* A restore needs room for the backup's copy: it says the disk is full, not that the
   * (good) backup is damaged, and changes nothing. */
  g_assert_false (tl_store_restore (store, backup, PASS, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  g_assert_true (tl_store_unlock (store, PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (store, NULL, NULL), ==, 20);

  /* Reading a tip is recorded: the entry waits in memory with the unlock's. */
  g_assert_true (tl_store_audit (store, TL_AUDIT_VIEW, first_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tl_store_get_unwritten_audit (store), ==, 2);

  /* A write says so, and the entries still wait. */
  {
    g_autoptr(TlTip) tip = tl_tip_new ();
    g_autofree char *narrative = g_strnfill (20000, 'n');

    tl_set_str (&tip->narrative, narrative);
    g_assert_false (tl_store_save_tip (store, tip, &error));
    g_assert_error (error, TL_ERROR, TL_ERROR_NO_SPACE);
    g_assert_nonnull (strstr (error->message, "disk is full"));
    g_clear_error (&error);
    g_assert_cmpuint (tl_store_get_unwritten_audit (store), ==, 2);
  }

  /* Space again: the unlock's entry is written with the next write. */
  g_unlink (filler);
  {
    g_autoptr(TlTip) tip = tl_tip_new ();

    g_assert_true (tl_store_save_tip (store, tip, &error));
    g_assert_no_error (error);
  }
  audit = tl_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      TlAuditEntry *entry = g_ptr_array_index (audit, i);

      g_test_message ("audit: %s", tl_enum_to_nick (tl_audit_action_values, entry->action));
      if (entry->action == TL_AUDIT_UNLOCK)
        unlocks++;
      if (entry->action == TL_AUDIT_VIEW && g_strcmp0 (entry->tip_id, first_id) == 0)
        views++;
    }
  g_assert_cmpuint (unlocks, ==, 1);
  g_assert_cmpuint (views, ==, 1);
  g_assert_cmpuint (tl_store_get_unwritten_audit (store), ==, 0);
  g_clear_pointer (&audit, g_ptr_array_unref);

  /* Held back again, and the space comes back with no write to carry the entry: closing
   * the store writes it (its last chance), and nothing is announced as lost. */
  tl_store_lock (store);
  fill_disk (filler);
  g_assert_true (tl_store_unlock (store, PASS, &error));
  g_assert_cmpuint (tl_store_get_unwritten_audit (store), ==, 1);
  g_unlink (filler);
  g_signal_connect (store, "audit-unwritten", G_CALLBACK (count_lost_cb), &lost);
  tl_store_lock (store);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_true (tl_store_unlock (store, PASS, &error));
  audit = tl_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  unlocks = 0;
  for (guint i = 0; i < audit->len; i++)
    unlocks += ((TlAuditEntry *) g_ptr_array_index (audit, i))->action == TL_AUDIT_UNLOCK;
  g_assert_cmpuint (unlocks, ==, 3);
  g_ptr_array_unref (audit);

  tl_store_lock (store);
  g_clear_object (&store);
  tl_test_unmount (mnt);
  g_rmdir (mnt);
  tl_test_remove_tree (other);
}


/* The form's save (tl_store_save_tip) keeps the same limits as a tip file: at the limit
 * it saves, one past it is refused with one line that names the limit. One row per kind
 * of part tl_tip_check_limits() counts, the narrative, and any other field. */
static GPtrArray *victims_of (TlTip *t) { return t->victims; }
static GPtrArray *offenders_of (TlTip *t) { return t->offenders; }
static GPtrArray *vehicles_of (TlTip *t) { return t->vehicles; }
static GPtrArray *phones_of (TlTip *t) { return t->phones; }
static GPtrArray *online_of (TlTip *t) { return t->online; }
static GPtrArray *financial_of (TlTip *t) { return t->financial; }
static GPtrArray *referrals_of (TlTip *t) { return t->referrals; }
static gpointer new_victim (void) { return tl_victim_new (); }
static gpointer new_offender (void) { return tl_offender_new (); }
static gpointer new_vehicle (void) { return tl_vehicle_new (); }
static gpointer new_phone (void) { return tl_phone_new (); }
static gpointer new_online (void) { return tl_online_new (); }
static gpointer new_financial (void) { return tl_financial_new (); }
static gpointer new_referral (void)
{
  TlReferral *referral = tl_referral_new ();

  referral->at = g_date_time_new_now_utc ();
  return referral;
}

static void
test_save_limits (TlTestStore     *fx,
                  gconstpointer  data)
{
  const struct { GPtrArray *(*parts) (TlTip *); gpointer (*make) (void); const char *names; } kinds[] = {
    { victims_of, new_victim, "victims" },
    { offenders_of, new_offender, "suspected traffickers" },
    { vehicles_of, new_vehicle, "vehicles" },
    { phones_of, new_phone, "phone numbers" },
    { online_of, new_online, "online accounts" },
    { financial_of, new_financial, "financial details" },
    { referrals_of, new_referral, "referrals" },
  };
  g_autoptr(GError) error = NULL;
  gint64 saved = 0;

  g_assert_true (tl_store_unlock (fx->store, PASS, &error));
  for (guint past = 0; past <= 1; past++)
    for (guint k = 0; k <= G_N_ELEMENTS (kinds) + 1; k++)
      {
        g_autoptr(TlTip) tip = tl_tip_new ();
        gboolean ok;

        if (k < G_N_ELEMENTS (kinds))
          for (guint i = 0; i < TL_TIP_MAX_PARTS + past; i++)
            g_ptr_array_add (kinds[k].parts (tip), kinds[k].make ());
        else if (k == G_N_ELEMENTS (kinds))
          {
            g_autofree char *text = g_strnfill (TL_TIP_MAX_NARRATIVE + past, 'n');

            tl_set_str (&tip->narrative, text);
          }
        else
          {
            /* any other field: a victim's name here */
            TlVictim *victim = tl_victim_new ();

            victim->name = g_strnfill (TL_TIP_MAX_FIELD + past, 'v');
            g_ptr_array_add (tip->victims, victim);
          }

        ok = tl_store_save_tip (fx->store, tip, &error);
        if (!past)
          {
            g_assert_no_error (error);
            g_assert_true (ok);
            saved++;
          }
        else
          {
            g_assert_false (ok);
            g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
            g_test_message ("%s", error->message);
            g_assert_nonnull (strstr (error->message, "at most"));
            if (k == G_N_ELEMENTS (kinds) + 1)
              g_assert_nonnull (strstr (error->message, "Name"));
            if (k < G_N_ELEMENTS (kinds))
              g_assert_nonnull (strstr (error->message, kinds[k].names));
            g_assert_null (strchr (error->message, '\n'));
            g_clear_error (&error);
          }
      }
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, NULL), ==, saved);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/faults/kill-while-saving", TlTestStore, NULL, setup, test_kill_while_saving, tl_test_store_tear_down);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/read-on-full-disk", test_read_on_full_disk);
  g_test_add_func ("/faults/rekey-on-full-disk", test_rekey_on_full_disk);
  g_test_add_func ("/faults/temp-file-on-failure", test_temp_file_on_failure);
  g_test_add ("/faults/save-limits", TlTestStore, NULL, setup, test_save_limits, tl_test_store_tear_down);
  g_test_add ("/faults/leftover-backup-copy", TlTestStore, NULL, setup, test_leftover_backup_copy, tl_test_store_tear_down);
  g_test_add ("/faults/kill-during-restore", TlTestStore, NULL, setup, test_kill_during_restore, tl_test_store_tear_down);

  return g_test_run ();
}
