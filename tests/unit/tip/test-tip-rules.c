/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-error.h"
#include "tl-tip-rules.h"

/* Referral stages (issue 19): every pair of stages has a row saying whether the move is
 * allowed; a stage added to the enumeration without its rows fails the count check. */

#define M TL_REFERRAL_MADE
#define A TL_REFERRAL_ACCEPTED
#define D TL_REFERRAL_DECLINED
#define N TL_REFERRAL_NO_ANSWER
#define F TL_REFERRAL_DONE

static const struct
{
  TlReferralStage from, to;
  gboolean allowed;
} transitions[] = {
  { M, M, FALSE }, { M, A, TRUE }, { M, D, TRUE }, { M, N, TRUE }, { M, F, FALSE },
  { A, M, FALSE }, { A, A, FALSE }, { A, D, FALSE }, { A, N, FALSE }, { A, F, TRUE },
  { D, M, FALSE }, { D, A, FALSE }, { D, D, FALSE }, { D, N, FALSE }, { D, F, TRUE },
  { N, M, FALSE }, { N, A, TRUE }, { N, D, TRUE }, { N, N, FALSE }, { N, F, TRUE },
  { F, M, FALSE }, { F, A, FALSE }, { F, D, FALSE }, { F, N, FALSE }, { F, F, FALSE },
};

static TlTip *
tip_with_referral (TlOutcome outcome)
{
  TlTip *tip = tl_tip_new ();
  TlReferral *referral = tl_referral_new ();

  referral->at = g_date_time_new_from_iso8601 ("2026-12-01T10:00:00-07:00", NULL);
  referral->outcome = outcome;
  tl_tip_add_referral (tip, referral, "Ana");
  return tip;
}

/* the outcome a referral is logged with that puts it at each stage */
static TlOutcome
outcome_for (TlReferralStage stage)
{
  for (guint o = 0; o < tl_enum_count (tl_outcome_values); o++)
    if (tl_referral_stage_from_outcome (o) == stage)
      return o;
  return TL_OUTCOME_REACHED;
}

/* Reach a stage the way an advocate would. */
static TlTip *
tip_at (TlReferralStage stage)
{
  TlTip *tip;

  if (stage == TL_REFERRAL_DONE)
    {
      tip = tip_with_referral (TL_OUTCOME_REFERRED);
      g_assert_true (tl_tip_move_referral (tip, 0, TL_REFERRAL_DONE, "Placed in shelter", "Ana", NULL, NULL));
    }
  else
    tip = tip_with_referral (outcome_for (stage));
  g_assert_cmpint (tl_referral_get_stage (g_ptr_array_index (tip->referrals, 0)), ==, stage);
  return tip;
}

static void
test_transition_table (void)
{
  guint n = tl_enum_count (tl_referral_stage_values);

  g_assert_cmpuint (G_N_ELEMENTS (transitions), ==, n * n);
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      g_autoptr(TlTip) tip = tip_at (transitions[i].from);
      g_autoptr(GError) error = NULL;
      TlReferral *referral = g_ptr_array_index (tip->referrals, 0);
      guint moves_before = referral->moves != NULL ? referral->moves->len : 0;
      gboolean ok;

      g_assert_cmpint (tl_referral_can_move (transitions[i].from, transitions[i].to), ==,
                       transitions[i].allowed);
      ok = tl_tip_move_referral (tip, 0, transitions[i].to, "A reason", "Ben", NULL, &error);
      g_assert_cmpint (ok, ==, transitions[i].allowed);
      if (ok)
        {
          TlReferralMove *move = g_ptr_array_index (referral->moves, referral->moves->len - 1);

          g_assert_no_error (error);
          g_assert_cmpint (tl_referral_get_stage (referral), ==, transitions[i].to);
          g_assert_cmpstr (move->advocate, ==, "Ben");
          g_assert_nonnull (move->at);
          g_assert_true (tl_referral_get_stage_time (referral) == move->at);
        }
      else
        {
          g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
          g_assert_cmpint (tl_referral_get_stage (referral), ==, transitions[i].from);
          g_assert_cmpuint (referral->moves != NULL ? referral->moves->len : 0, ==, moves_before);
        }
    }
}

/* Declined needs a reason, done an outcome; the others take none. */
static void
test_reasons (void)
{
  static const struct { TlReferralStage from, to; const char *reason; gboolean ok; } cases[] = {
    { M, D, NULL, FALSE },
    { M, D, "  ", FALSE },
    { M, D, "No beds tonight", TRUE },
    { A, F, NULL, FALSE },
    { A, F, "Case opened", TRUE },
    { M, A, NULL, TRUE },
    { M, N, NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TlTip) tip = tip_at (cases[i].from);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (tl_tip_move_referral (tip, 0, cases[i].to, cases[i].reason, NULL, NULL, &error),
                       ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
    }
}

/* A contact that accepts moves an open tip to referred; a closed one stays closed; no
 * referral at that number is an error that names how many there are. */
static void
test_status_and_index (void)
{
  g_autoptr(TlTip) tip = tip_at (TL_REFERRAL_NO_ANSWER);
  g_autoptr(TlTip) closed = tip_at (TL_REFERRAL_MADE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 ("2026-12-02T09:15:00-07:00", NULL);

  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_DRAFT);
  g_assert_true (tl_tip_move_referral (tip, 0, TL_REFERRAL_ACCEPTED, NULL, "Ana", when, NULL));
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_REFERRED);
  g_assert_true (g_date_time_equal (tl_referral_get_stage_time (g_ptr_array_index (tip->referrals, 0)), when));

  closed->status = TL_TIP_STATUS_CLOSED;
  g_assert_true (tl_tip_move_referral (closed, 0, TL_REFERRAL_ACCEPTED, NULL, NULL, NULL, NULL));
  g_assert_cmpint (closed->status, ==, TL_TIP_STATUS_CLOSED);

  g_assert_false (tl_tip_move_referral (tip, 1, TL_REFERRAL_DONE, "x", NULL, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no referral 2"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tip-rules/referral-transitions", test_transition_table);
  g_test_add_func ("/tip-rules/referral-reasons", test_reasons);
  g_test_add_func ("/tip-rules/referral-status-and-index", test_status_and_index);

  return g_test_run ();
}
