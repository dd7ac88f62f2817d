/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
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

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Where a referral may go from where it stands. A contact that did not answer may still
 * call back and take or decline the case; done is the end. Row: from, column: to. */
static const gboolean moves[TL_REFERRAL_DONE + 1][TL_REFERRAL_DONE + 1] = {
  /*                        made   accepted declined no-answer done */
  [TL_REFERRAL_MADE]      = { FALSE, TRUE,    TRUE,    TRUE,     FALSE },
  [TL_REFERRAL_ACCEPTED]  = { FALSE, FALSE,   FALSE,   FALSE,    TRUE },
  [TL_REFERRAL_DECLINED]  = { FALSE, FALSE,   FALSE,   FALSE,    TRUE },
  [TL_REFERRAL_NO_ANSWER] = { FALSE, TRUE,    TRUE,    FALSE,    TRUE },
  [TL_REFERRAL_DONE]      = { FALSE, FALSE,   FALSE,   FALSE,    FALSE },
};

gboolean
tl_referral_can_move (TlReferralStage from,
                      TlReferralStage to)
{
  if ((guint) from > TL_REFERRAL_DONE || (guint) to > TL_REFERRAL_DONE)
    return FALSE;
  return moves[from][to];
}

/* Declined says why; done says how it ended. */
gboolean
tl_referral_needs_reason (TlReferralStage to)
{
  return to == TL_REFERRAL_DECLINED || to == TL_REFERRAL_DONE;
}

/**
 * tl_tip_move_referral:
 * @index: the referral's position in the call log, from 0
 * @reason: (nullable): why it was declined, or the outcome it was done with
 * @at: (nullable): when; now when NULL
 *
 * Moves a logged referral to its next stage, recording when and by whom. A contact that
 * accepts the case moves a draft or open tip to "referred", as logging a referral that
 * was taken at once does.
 *
 * Returns: FALSE with @error (TL_ERROR_INVALID) when the move is not allowed or a reason
 *   is missing; the tip is unchanged then
 */
gboolean
tl_tip_move_referral (TlTip           *tip,
                      guint            index,
                      TlReferralStage  to,
                      const char      *reason,
                      const char      *advocate,
                      GDateTime       *at,
                      GError         **error)
{
  g_autoptr(GDateTime) now = NULL;
  TlReferral *referral;
  TlReferralStage from;

  g_return_val_if_fail (tip != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (index >= tip->referrals->len)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   /* Translators: %u is a number the advocate gave, %u how many referrals the tip has */
                   _("This tip has no referral %u; its call log has %u."), index + 1, tip->referrals->len);
      return FALSE;
    }

  referral = g_ptr_array_index (tip->referrals, index);
  from = tl_referral_get_stage (referral);
  if (!tl_referral_can_move (from, to))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   /* Translators: both %s are referral stages, such as “Done” and “Accepted” */
                   _("A referral that is “%s” cannot become “%s”; log a new call instead."),
                   _(tl_enum_label (tl_referral_stage_values, from)),
                   _(tl_enum_label (tl_referral_stage_values, to)));
      return FALSE;
    }

  if (tl_referral_needs_reason (to) && is_blank (reason))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           to == TL_REFERRAL_DECLINED
                           ? _("Say why the contact declined the referral.")
                           : _("Say how the referral ended (its outcome)."));
      return FALSE;
    }

  if (at == NULL)
    at = now = g_date_time_new_now_local ();
  if (referral->moves == NULL)
    referral->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_move_free);
  g_ptr_array_add (referral->moves, tl_referral_move_new (to, at, reason, advocate));

  if (to == TL_REFERRAL_ACCEPTED &&
      (tip->status == TL_TIP_STATUS_DRAFT || tip->status == TL_TIP_STATUS_OPEN))
    tip->status = TL_TIP_STATUS_REFERRED;
  return TRUE;
}
