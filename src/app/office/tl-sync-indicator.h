/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-context.h"

G_BEGIN_DECLS

#define TL_TYPE_SYNC_INDICATOR (tl_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (TlSyncIndicator, tl_sync_indicator, TL, SYNC_INDICATOR, GtkButton)

GtkWidget  *tl_sync_indicator_new          (TlContext       *context);
/* Starts a sync on a worker thread (also what a click does); FALSE when it could not
 * start (locked, busy, a sync running). */
gboolean    tl_sync_indicator_sync         (TlSyncIndicator *self);
gboolean    tl_sync_indicator_is_syncing   (TlSyncIndicator *self);
/* What the button says, for tests: its tooltip. */
const char *tl_sync_indicator_get_state    (TlSyncIndicator *self);

G_END_DECLS
