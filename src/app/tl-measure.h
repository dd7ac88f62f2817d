/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For measuring only (bench/, BENCHMARKS.md): with TIPLINE_MEASURE_STARTUP=1 in the
 * environment the app prints how long it took from process start to its first frame,
 * then quits. Nothing else changes: no key derivation setting, no passphrase input. */
#define TL_MEASURE_ENV "TIPLINE_MEASURE_STARTUP"

typedef void (*TlMeasureDone) (gpointer user_data);

gboolean tl_measure_enabled        (void);
double   tl_measure_since_start_ms (void);
void     tl_measure_first_frame    (GtkWidget     *window,
                                    TlMeasureDone  done,
                                    gpointer       user_data);
void     tl_measure_print_memory   (void);

G_END_DECLS
