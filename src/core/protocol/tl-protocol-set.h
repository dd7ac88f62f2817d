/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-protocol.h"

G_BEGIN_DECLS

/* The protocols Tipline knows: bundled ones, then the user's own in
 * $XDG_CONFIG_HOME/tipline/protocols/ (files ending .xml), which add to or replace bundled ones by id.
 * A broken file never stops loading: it is skipped and its problems are listed. */
typedef struct _TlProtocolSet TlProtocolSet;

TlProtocolSet *tl_protocol_set_new            (void);
TlProtocolSet *tl_protocol_set_new_default    (void);
void           tl_protocol_set_free           (TlProtocolSet    *set);

void           tl_protocol_set_add_bundled    (TlProtocolSet    *set);
void           tl_protocol_set_add_directory  (TlProtocolSet    *set,
                                               const char       *directory,
                                               TlProtocolOrigin  origin);
gboolean       tl_protocol_set_add_file       (TlProtocolSet    *set,
                                               const char       *path,
                                               TlProtocolOrigin  origin,
                                               GError          **error);
void           tl_protocol_set_add            (TlProtocolSet    *set,
                                               TlProtocol       *protocol);

/* Sorted by id; the array holds references. */
GPtrArray     *tl_protocol_set_list           (TlProtocolSet    *set);
/* Every problem as "FILE:LINE: message", in the order met. */
GPtrArray     *tl_protocol_set_get_problems   (TlProtocolSet    *set);
TlProtocol    *tl_protocol_set_lookup         (TlProtocolSet    *set,
                                               const char       *id);
TlProtocol    *tl_protocol_set_for_state      (TlProtocolSet    *set,
                                               const char       *state);
TlProtocol    *tl_protocol_set_get_national   (TlProtocolSet    *set);

char          *tl_protocol_set_user_directory (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlProtocolSet, tl_protocol_set_free)

G_END_DECLS
