/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-store.h"
#include "tl-tip.h"

G_BEGIN_DECLS

/* Made-up tips for measuring, the same for the same seed and index on every machine.
 * Names are random pairs from common Spanish and English given and family names,
 * phone numbers are in the fictional 555-0100..0199 range, e-mail domains are
 * example.org: nothing refers to a real person. */

#define TL_BENCH_SEED 20240917u

/* Words every narrative contains, and one that only about one tip in fifty has; the
 * benchmark searches for both. */
#define TL_BENCH_COMMON_WORD "advocate"
#define TL_BENCH_RARE_WORD   "lighthouse"

TlTip   *tl_bench_make_tip        (guint32      seed,
                                   guint        index);
char    *tl_bench_tip_id          (guint32      seed,
                                   guint        index);
gboolean tl_bench_fill_store      (TlStore     *store,
                                   guint32      seed,
                                   guint        first,
                                   guint        n_tips,
                                   GError     **error);

G_END_DECLS
