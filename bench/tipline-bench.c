/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tl-bench-app.h"
#include "tl-bench-stats.h"
#include "tl-bench-store.h"

/* tipline-bench: the figures in BENCHMARKS.md. See bench/README.md. */

static char *sizes_arg = NULL;
static char *out_path = NULL;
static char *cache_dir = NULL;
static char *app_path = NULL;
static char *minimal_path = NULL;
static char *open_path = NULL;
static char *cli_path = NULL;
static guint startup_runs = 7;
static gboolean no_app = FALSE;
static char *only = NULL;

static const GOptionEntry entries[] = {
  { "sizes", 's', 0, G_OPTION_ARG_STRING, &sizes_arg,
    "Store sizes to measure, comma-separated (default 1000,10000,100000; 300000 is the largest the issue asks for)", "N,..." },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
    "Write the results table (Markdown) to FILE", "FILE" },
  { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
    "Keep generated stores in DIR and reuse them", "DIR" },
  { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "The tipline binary", "PATH" },
  { "minimal", 0, 0, G_OPTION_ARG_FILENAME, &minimal_path, "The minimal-window binary", "PATH" },
  { "app-open", 0, 0, G_OPTION_ARG_FILENAME, &open_path, "The app-open binary", "PATH" },
  { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli_path,
    "The tipline-cli binary: time its read commands on each store", "PATH" },
  { "startup-runs", 0, 0, G_OPTION_ARG_INT, &startup_runs, "Launches of each program (7)", "N" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &only,
    "Only the store operations whose name holds TEXT (and no KDF, route, PDF, app)", "TEXT" },
  { "no-app", 0, 0, G_OPTION_ARG_NONE, &no_app, "Skip the app start-up and memory figures", NULL },
  { NULL }
};

static GArray *
parse_sizes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, 10000000, &n, NULL))
        {
          g_printerr ("Not a store size: %s\n", parts[i]);
          exit (2);
        }
      g_array_append_val (sizes, n);
    }

  return sizes;
}

/* The 1, 5 and 15 minute load averages: other builds share these cores. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("?");
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", "--", dir, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, NULL, NULL))
    g_printerr ("Could not remove %s\n", dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure Tipline");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  g_autofree char *table = NULL;
  guint largest = 0;
  gint64 start = tl_bench_now ();

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  sizes = parse_sizes (sizes_arg != NULL ? sizes_arg : "1000,10000,100000");
  work_dir = g_dir_make_tmp ("tipline-bench-XXXXXX", &error);
  if (work_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  load_before = load_average ();
  printf ("Load average before: %s\n\n", load_before);
  printf ("%-34s %-14s %-26s %-26s %6s\n", "operation (ms)", "size", "encrypted", "plain", "ratio");

  if (only == NULL)
    tl_bench_run_kdf ();
  else
    no_app = TRUE;

  for (guint i = 0; i < sizes->len; i++)
    {
      guint n = g_array_index (sizes, guint, i);
      g_autofree char *dir = g_strdup_printf ("%s/store-%u", work_dir, n);

      if (!tl_bench_run_store (dir, cache_dir, n, only))
        {
          /* Copies of the stores are in it: 2 GB at 100,000 tips. */
          remove_tree (work_dir);
          return 1;
        }
      if (cli_path != NULL && (only == NULL || strstr ("cli:", only) != NULL))
        {
          g_autofree char *store = g_build_filename (dir, "encrypted", NULL);

          tl_bench_run_cli (cli_path, dir, store, n);
        }
      largest = MAX (largest, n);
    }

  /* The app opens the largest store the run made (its unlock page only needs a store
   * to exist; the list needs it large). */
  if (!no_app && largest > 0)
    {
      g_autofree char *store = g_strdup_printf ("%s/store-%u/encrypted", work_dir, largest);

      if (app_path != NULL && minimal_path != NULL)
        tl_bench_run_startup (app_path, minimal_path, store, startup_runs);
      if (open_path != NULL)
        tl_bench_run_app_open (open_path, store, largest, 3);
    }

  load_after = load_average ();
  table = tl_bench_markdown ();
  printf ("\nLoad average after: %s; %.0f s in all\n", load_after,
          (tl_bench_now () - start) / (double) G_USEC_PER_SEC);

  if (out_path != NULL)
    {
      g_autofree char *md = g_strdup_printf ("Load average (1, 5, 15 min) before: %s, after: %s\n\n%s",
                                             load_before, load_after, table);

      if (!g_file_set_contents (out_path, md, -1, &error))
        g_printerr ("%s\n", error->message);
    }

  /* The stores are made-up data, but they are large. */
  remove_tree (work_dir);

  return 0;
}
