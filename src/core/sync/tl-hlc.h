/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds in the high 48
 * bits, a counter in the low 16. It never goes backwards, and a stamp taken after a
 * change was received is later than that change's, whatever the two machines' clocks
 * say. A stamp is written "<16 hex digits>.<device id>", so comparing two stamps as
 * strings orders them by clock, then by device: every device picks the same winner. */

typedef struct
{
  guint64 last;
} TlHlc;

#define TL_HLC_STAMP_LEN 16

/* The next stamp's clock at wall time now_ms. */
guint64  tl_hlc_tick         (TlHlc       *clock,
                              gint64       now_ms);
/* A clock seen in a received change: later ticks come after it. */
void     tl_hlc_observe      (TlHlc       *clock,
                              guint64      seen,
                              gint64       now_ms);
char    *tl_hlc_stamp        (guint64      value,
                              const char  *device);
/* The clock of a stamp; FALSE when it is not a stamp. */
gboolean tl_hlc_parse_stamp  (const char  *stamp,
                              guint64     *value,
                              const char **device);
/* Unix milliseconds of a clock (for showing when). */
gint64   tl_hlc_to_ms        (guint64      value);

G_END_DECLS
