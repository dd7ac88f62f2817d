/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-plan.h"
#include "tl-tip.h"

G_BEGIN_DECLS

#define TL_TYPE_REFERRAL_DIALOG (tl_referral_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlReferralDialog, tl_referral_dialog, TL, REFERRAL_DIALOG, AdwMessageDialog)

GtkWidget  *tl_referral_dialog_new            (GtkWindow        *parent,
                                               const TlPlanStep *step,
                                               const char       *lang);
TlReferral *tl_referral_dialog_build_referral (TlReferralDialog *self);

G_END_DECLS
