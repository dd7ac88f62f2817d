/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

TlTipStatus tl_tip_mark_saved     (TlTip       *tip);
void        tl_tip_add_referral   (TlTip       *tip,
                                   TlReferral  *referral,
                                   const char  *advocate);

G_END_DECLS
