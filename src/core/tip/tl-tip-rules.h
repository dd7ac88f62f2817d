/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

TlTipStatus tl_tip_mark_saved     (TlTip       *tip);
void        tl_tip_add_referral   (TlTip       *tip,
                                   TlReferral  *referral,
                                   const char  *advocate);

/* Referral stages (issue 19): made → accepted / declined (reason) / no answer → done
 * (outcome). */
gboolean    tl_referral_can_move  (TlReferralStage from,
                                   TlReferralStage to);
gboolean    tl_referral_needs_reason (TlReferralStage to);
gboolean    tl_tip_move_referral  (TlTip          *tip,
                                   guint           index,
                                   TlReferralStage to,
                                   const char     *reason,
                                   const char     *advocate,
                                   GDateTime      *at,
                                   GError        **error);

G_END_DECLS
