/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test helper for tests/unit/store/test-faults.c: unlocks the store in argv[1] (passphrase on the
 * command line: test stores only) and saves tips until killed, printing each tip's id
 * only after its transaction committed. */
#define G_LOG_DOMAIN "crash-helper"

#include "config.h"

#include <stdio.h>

#include "tl-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    return 2;

  store = tl_store_new (argv[1]);
  if (!tl_store_unlock (store, argv[2], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();
      g_autofree char *narrative = g_strdup_printf ("Crash test tip %u, with enough words to "
                                                    "span a page now and then.", i);

      tip->type = TL_TRAFFICKING_SEX;
      tl_set_str (&tip->location.state, "NM");
      tl_set_str (&tip->narrative, narrative);
      if (!tl_store_save_tip (store, tip, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("saved %s\n", tip->id);
      fflush (stdout);
    }
  return 0;
}
