/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-plan.h"
#include "tl-protocol-set.h"
#include "tl-tip.h"

G_BEGIN_DECLS

/* Tip + protocol + moment -> plan. Deterministic for a given moment; lang NULL picks the
 * user's language (tl_protocol_default_language). */
TlPlan     *tl_router_route           (TlProtocol     *protocol,
                                       const TlTip    *tip,
                                       GDateTime      *at,
                                       const char     *lang);

/* Picks the protocol: protocol_id if given, else the tip's state (location/state), else
 * the national protocol, and says so in the plan. */
TlProtocol *tl_router_pick_protocol   (TlProtocolSet  *set,
                                       const TlTip    *tip,
                                       const char     *protocol_id,
                                       GError        **error);
TlPlan     *tl_router_route_in_set    (TlProtocolSet  *set,
                                       const TlTip    *tip,
                                       const char     *protocol_id,
                                       GDateTime      *at,
                                       const char     *lang,
                                       GError        **error);

G_END_DECLS
