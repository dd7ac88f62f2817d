/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tl-store-testing.h"
#include "tl-bench-gen.h"
#include "tl-bench-stats.h"
#include "tl-bench-store.h"

/* tipline-cli's read commands as a script runs them (issue 16): a real process, the
 * passphrase on --passphrase-fd, timed from spawn to exit. Each is timed by turns on the
 * store of n tips and on a store of one tip with the same key-derivation cost (the
 * baseline: process start, key derivation, unlock and close), so the difference is what
 * the command costs because the store is large; the budget is key derivation + 100 ms,
 * i.e. a difference of at most 100 ms. */

typedef struct
{
  const char *cli;
  const char *store_dir;
  const char *work_dir;
  const char * const *args;
} CliRun;

/* helpers */

static gint64
cli_op (gpointer data)
{
  CliRun *run = data;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *pass_path = g_build_filename (run->work_dir, "cli-pass", NULL);
  int fd;
  gint64 start, elapsed;

  if (!g_file_set_contents_full (pass_path, TL_BENCH_PASSPHRASE "\n", -1,
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    return -1;
  fd = g_open (pass_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return -1;

  g_ptr_array_add (argv, (gpointer) run->cli);
  g_ptr_array_add (argv, (gpointer) "--store");
  g_ptr_array_add (argv, (gpointer) run->store_dir);
  g_ptr_array_add (argv, (gpointer) "--passphrase-fd=3");
  for (guint i = 0; run->args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) run->args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_take_fd (launcher, fd, 3);

  start = tl_bench_now ();
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, NULL);
  if (process == NULL || !g_subprocess_wait (process, NULL, NULL))
    return -1;
  elapsed = tl_bench_now () - start;
  g_unlink (pass_path);

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_printerr ("tipline-cli %s failed (exit status %d)\n", run->args[0],
                  g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1);
      return -1;
    }
  return elapsed;
}

/* A store of the first generated tip only, with the same KDF as the large one. */
static gboolean
make_small_store (const char *dir)
{
  g_autoptr(TlStore) store = tl_store_new (dir);
  g_autoptr(TlTip) tip = tl_bench_make_tip (TL_BENCH_SEED, 0);
  g_autoptr(GError) error = NULL;

  tl_store_set_advocate (store, "Benchmark");
  if (!tl_store_create (store, TL_BENCH_PASSPHRASE, TL_KDF_MINIMUM, &error) ||
      !tl_store_save_tip (store, tip, &error))
    {
      g_printerr ("Could not make the one-tip store: %s\n", error->message);
      return FALSE;
    }
  tl_store_lock (store);
  return TRUE;
}

/* public API */

void
tl_bench_run_cli (const char *cli,
                  const char *work_dir,
                  const char *store_dir,
                  guint       n_tips)
{
  g_autofree char *size = g_strdup_printf ("%'u tips", n_tips);
  g_autofree char *small_dir = g_build_filename (work_dir, "cli-one-tip", NULL);
  g_autofree char *id = tl_bench_tip_id (TL_BENCH_SEED, 0);
  g_autofree char *report = g_build_filename (work_dir, "cli-report.txt", NULL);
  const char * const list[] = { "list", NULL };
  const char * const list_json[] = { "list", "--json", NULL };
  const char * const show[] = { "show", id, NULL };
  const char * const search_name[] = { "search", "Gonz", NULL };
  const char * const search_common[] = { "search", TL_BENCH_COMMON_WORD, NULL };
  const char * const links[] = { "links", id, NULL };
  const char * const stats[] = { "stats", NULL };
  const char * const due[] = { "due", NULL };
  const char * const route[] = { "route", id, NULL };
  const char * const export_one[] = { "export", id, "--format", "text", "--profile", "law-enforcement", "--force", "-o", report, NULL };
  const char * const audit_tip[] = { "audit", "--tip", id, NULL };
  const struct
  {
    const char *what;
    const char * const *args;
  } commands[] = {
    { "cli: list (50 rows)", list },
    { "cli: list --json", list_json },
    { "cli: show ID", show },
    { "cli: search “Gonz”", search_name },
    { "cli: search a word in every tip", search_common },
    { "cli: links ID", links },
    { "cli: stats (this fiscal year)", stats },
    { "cli: due", due },
    { "cli: route ID", route },
    { "cli: export ID --format text", export_one },
    { "cli: audit --tip ID", audit_tip },
  };

  if (!g_file_test (small_dir, G_FILE_TEST_IS_DIR) && !make_small_store (small_dir))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      CliRun large = { cli, store_dir, work_dir, commands[i].args };
      CliRun small = { cli, small_dir, work_dir, commands[i].args };
      TlBenchStat stat_large, stat_small;

      tl_bench_measure_pair (cli_op, &large, &small, 5, &stat_large, &stat_small);
      /* "plain" column: the same command on the one-tip store (the baseline). */
      tl_bench_add_row (commands[i].what, size, stat_large, stat_small, 0, 0);
    }
  g_unlink (report);
}
