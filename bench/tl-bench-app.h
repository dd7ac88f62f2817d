/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Launches the app and the minimal window in turn, runs times each, with
 * TIPLINE_MEASURE_STARTUP=1; needs a display (the benchmark runs under xvfb-run). */
void tl_bench_run_startup  (const char *app_path,
                            const char *minimal_path,
                            const char *store_dir,
                            guint       runs);

/* Unlock to first rows, and memory after scrolling, with the store of n_tips. */
void tl_bench_run_app_open (const char *open_path,
                            const char *store_dir,
                            guint       n_tips,
                            guint       runs);

G_END_DECLS
