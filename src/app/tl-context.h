/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tl-protocol-set.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_CONTEXT (tl_context_get_type ())
G_DECLARE_FINAL_TYPE (TlContext, tl_context, TL, CONTEXT, GObject)

TlContext     *tl_context_new            (TlStore   *store);
TlStore       *tl_context_get_store      (TlContext *self);
TlProtocolSet *tl_context_get_protocols  (TlContext *self);
GSettings     *tl_context_get_settings   (TlContext *self);
void           tl_context_hold           (TlContext *self);
void           tl_context_release        (TlContext *self);
gboolean       tl_context_is_busy        (TlContext *self);

G_END_DECLS
