/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-rules"

#include "config.h"

#include "tl-tip-rules.h"

/* What happens to a tip as it is worked, written once for every front end: the app's
 * Save and its routing panel, and the CLI's add. The front ends only call these, then
 * save the tip through the store. */

/**
 * tl_tip_mark_saved:
 *
 * Saving makes a new tip (a draft) an open case; later statuses are the advocate's
 * choice and stay as they are. Call it just before the store saves the tip.
 *
 * Returns: the status before, to put back if the save fails
 */
TlTipStatus
tl_tip_mark_saved (TlTip *tip)
{
  TlTipStatus before;

  g_return_val_if_fail (tip != NULL, TL_TIP_STATUS_DRAFT);

  before = tip->status;
  if (tip->status == TL_TIP_STATUS_DRAFT)
    tip->status = TL_TIP_STATUS_OPEN;
  return before;
}

/**
 * tl_tip_add_referral:
 * @referral: (transfer full): a call the advocate made for this tip
 * @advocate: (nullable): who made it, as in Preferences
 *
 * Appends @referral to the tip's referral log under @advocate's name. A contact that
 * took the case (reached, referred) moves a draft or open tip to "referred"; a call
 * that reached no one (no answer, a message, declined) leaves the status as it was,
 * and a tip the advocate already referred or closed stays so.
 */
void
tl_tip_add_referral (TlTip       *tip,
                     TlReferral  *referral,
                     const char  *advocate)
{
  g_return_if_fail (tip != NULL);
  g_return_if_fail (referral != NULL);

  tl_set_str (&referral->advocate, advocate);
  g_ptr_array_add (tip->referrals, referral);

  if ((referral->outcome == TL_OUTCOME_REACHED || referral->outcome == TL_OUTCOME_REFERRED) &&
      (tip->status == TL_TIP_STATUS_DRAFT || tip->status == TL_TIP_STATUS_OPEN))
    tip->status = TL_TIP_STATUS_REFERRED;
}
