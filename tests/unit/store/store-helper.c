/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test helper for tests/test-concurrency.c: a program that keeps the store in argv[1]
 * open the way the app does (passphrase on the command line: test stores only) and
 * takes commands on standard input, one a line, answering each on standard output:
 *
 *   save           saves a new tip; answers "saved ID" after its transaction committed
 *   count          answers "count N"
 *   load ID        reads a tip as the app's editor does; answers "loaded REVISION"
 *   resave         changes the narrative of the tip read and saves it, as the app's
 *                  Save does; answers "saved REVISION" or "error CODE MESSAGE"
 *   quit (or EOF)  locks the store and exits
 *
 * It answers "open PID" once the store is unlocked.
 *
 *   store-helper --restore-crash STEP DIR PASSPHRASE BACKUP
 *
 * restores BACKUP into DIR and kills itself with SIGKILL at restore step STEP
 * (tl-store-testing.h). */
#define G_LOG_DOMAIN "store-helper"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tl-store.h"
#include "tl-store-testing.h"

static int crash_step;

static void
crash_at (int step)
{
  if (step == crash_step)
    raise (SIGKILL);
}

int
main (int argc, char *argv[])
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) held = NULL;
  char line[256];

  if (argc == 6 && g_str_equal (argv[1], "--restore-crash"))
    {
      crash_step = atoi (argv[2]);
      _tl_store_set_restore_hook (crash_at);
      store = tl_store_new (argv[3]);
      if (!tl_store_restore (store, argv[5], argv[4], NULL, &error))
        {
          printf ("error %d %s\n", error->code, error->message);
          return 1;
        }
      return 0;
    }
  if (argc != 3)
    return 2;

  store = tl_store_new (argv[1]);
  if (!tl_store_unlock (store, argv[2], &error))
    {
      printf ("error %d %s\n", error->code, error->message);
      return 1;
    }
  printf ("open %ld\n", (long) getpid ());
  fflush (stdout);

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_strchomp (line);
      if (g_str_equal (line, "save"))
        {
          g_autoptr(TlTip) tip = tl_tip_new ();

          tip->type = TL_TRAFFICKING_LABOR;
          tl_set_str (&tip->location.state, "NM");
          tl_set_str (&tip->narrative, "Saved by the store helper while another program ran.");
          if (!tl_store_save_tip (store, tip, &error))
            {
              printf ("error %d %s\n", error->code, error->message);
              g_clear_error (&error);
            }
          else
            printf ("saved %s\n", tip->id);
        }
      else if (g_str_has_prefix (line, "load "))
        {
          g_clear_pointer (&held, tl_tip_unref);
          held = tl_store_load_tip (store, line + strlen ("load "), &error);
          if (held == NULL)
            {
              printf ("error %d %s\n", error->code, error->message);
              g_clear_error (&error);
            }
          else
            printf ("loaded %" G_GINT64_FORMAT "\n", held->revision);
        }
      else if (g_str_equal (line, "resave") && held != NULL)
        {
          tl_set_str (&held->narrative, "Edited in the app while another program ran.");
          tl_tip_touch (held);
          if (!tl_store_save_tip (store, held, &error))
            {
              printf ("error %d %s\n", error->code, error->message);
              g_clear_error (&error);
            }
          else
            printf ("saved %" G_GINT64_FORMAT "\n", held->revision);
        }
      else if (g_str_equal (line, "count"))
        printf ("count %" G_GINT64_FORMAT "\n", tl_store_count_tips (store, NULL, NULL));
      else if (g_str_equal (line, "quit"))
        break;
      fflush (stdout);
    }

  tl_store_lock (store);
  return 0;
}
