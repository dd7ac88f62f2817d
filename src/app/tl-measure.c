/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-measure"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tl-measure.h"

/* Start-up measurement, shared by the app and bench/minimal-window.c so both are timed
 * by the same code. The figures go to stdout as "key: value" lines for the benchmark to
 * read:
 *   first-frame-ms        process start (/proc/self/stat) to the first frame painted;
 *                         the kernel keeps the start in clock ticks (10 ms)
 *   first-frame-monotonic CLOCK_MONOTONIC at that frame, in microseconds, so the
 *                         benchmark can time from the moment it spawned the process
 *   vmrss-kb, vmhwm-kb    resident memory now and at its peak */

typedef struct
{
  TlMeasureDone done;
  gpointer user_data;
  gulong handler;
} FirstFrame;

/* helpers */

/* Process start in seconds since boot: field 22 of /proc/self/stat, after the command
 * name in parentheses (which may itself hold spaces or parentheses). */
static double
process_start_s (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *rest;
  long ticks = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (rest = strrchr (stat, ')')) == NULL)
    return -1;

  /* rest is ") S ppid ...": state is field 3, starttime field 22. */
  fields = g_strsplit (rest + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;
  return g_ascii_strtod (fields[19], NULL) / (ticks > 0 ? ticks : 100);
}

static long
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return -1;
  return strtol (line + strlen (key), NULL, 10);
}

/* callbacks */

static void
after_paint_cb (GdkFrameClock *clock,
                FirstFrame    *ff)
{
  printf ("first-frame-ms: %.1f\n", tl_measure_since_start_ms ());
  printf ("first-frame-monotonic: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);

  g_signal_handler_disconnect (clock, ff->handler);
  if (ff->done != NULL)
    ff->done (ff->user_data);
  g_free (ff);
}

static void
realize_cb (GtkWidget  *window,
            FirstFrame *ff)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, realize_cb, ff);
  ff->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), ff);
}

/* public API */

gboolean
tl_measure_enabled (void)
{
  return g_strcmp0 (g_getenv (TL_MEASURE_ENV), "1") == 0;
}

double
tl_measure_since_start_ms (void)
{
  struct timespec now;
  double start = process_start_s ();

  /* The kernel counts the start from boot, suspend included: CLOCK_BOOTTIME. */
  if (start < 0 || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  return (now.tv_sec + now.tv_nsec / 1e9 - start) * 1000;
}

/* Calls done once the first frame of window (not yet realized) is painted. */
void
tl_measure_first_frame (GtkWidget     *window,
                        TlMeasureDone  done,
                        gpointer       user_data)
{
  FirstFrame *ff = g_new0 (FirstFrame, 1);

  g_return_if_fail (GTK_IS_WINDOW (window));

  ff->done = done;
  ff->user_data = user_data;
  if (gtk_widget_get_realized (window))
    realize_cb (window, ff);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), ff);
}

void
tl_measure_print_memory (void)
{
  printf ("vmrss-kb: %ld\n", status_kb ("VmRSS:"));
  printf ("vmhwm-kb: %ld\n", status_kb ("VmHWM:"));
  fflush (stdout);
}
