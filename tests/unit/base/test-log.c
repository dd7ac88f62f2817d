/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log writer keeps tip content out of logs; the process cannot dump core. */
#define G_LOG_DOMAIN "test-log"

#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "tl-log.h"

#define CANARY "Zorbalina Qxcanary"

static void
test_filter (void)
{
  g_autofree char *warning = NULL;
  g_autofree char *capped = NULL;
  g_autofree char *long_text = g_strnfill (5000, 'x');

  if (TL_DEBUG_BUILD && g_getenv ("G_MESSAGES_DEBUG") != NULL)
    {
      g_test_skip ("G_MESSAGES_DEBUG is set in a debug build: debug output is wanted");
      return;
    }

  g_assert_null (tl_log_filter_message (G_LOG_LEVEL_DEBUG, "victim " CANARY));
  g_assert_null (tl_log_filter_message (G_LOG_LEVEL_INFO, "victim " CANARY));
  g_assert_null (tl_log_filter_message (G_LOG_LEVEL_MESSAGE, "victim " CANARY));

  warning = tl_log_filter_message (G_LOG_LEVEL_WARNING, "call (575) 867-5309 now\n");
  g_assert_cmpstr (warning, ==, "call (575) ###-#### now ");

  capped = tl_log_filter_message (G_LOG_LEVEL_CRITICAL, long_text);
  g_assert_cmpuint (strlen (capped), <, 300);
}

static void
test_writer_subprocess (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      /* g_test_init made warnings fatal; this test wants to see one written. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      tl_log_writer_install ();
      g_message ("message " CANARY);
      g_info ("info " CANARY);
      g_debug ("debug " CANARY);
      g_warning ("warning about 5758675309");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (!TL_DEBUG_BUILD)
    g_test_trap_assert_stderr_unmatched ("*Qxcanary*");
  g_test_trap_assert_stderr_unmatched ("*5758675309*");
  g_test_trap_assert_stderr ("*warning about 575#######*");
}

static void
test_harden (void)
{
  if (g_test_subprocess ())
    {
      struct rlimit rl;

      g_assert_true (tl_process_harden ());
      if (TL_DEBUG_BUILD)
        return;
      g_assert_cmpint (getrlimit (RLIMIT_CORE, &rl), ==, 0);
      g_assert_cmpuint (rl.rlim_cur, ==, 0);
      g_assert_cmpuint (rl.rlim_max, ==, 0);
      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/log/filter", test_filter);
  g_test_add_func ("/log/writer", test_writer_subprocess);
  g_test_add_func ("/log/harden", test_harden);

  return g_test_run ();
}
