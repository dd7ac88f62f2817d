/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-stats.h"

G_BEGIN_DECLS

TlStatsTable *_tl_stats_table_new (TlStatsTableKind  kind,
                                   const char       *id,
                                   const char       *title,
                                   gboolean          counts_victims);
TlStatsRow   *_tl_stats_table_add (TlStatsTable     *table,
                                   const char       *key,
                                   const char       *label,
                                   gint64            count);
void          _tl_stats_table_free (TlStatsTable    *table);

G_END_DECLS
