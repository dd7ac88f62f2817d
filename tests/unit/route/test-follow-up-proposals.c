/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-follow-up-proposals.h"
#include "tl-safety-plan.h"
#include "tl-tip-rules.h"

/* Follow-up proposals (issue 19) from what a tip records: each case is a tip built from
 * a few facts and the proposals it must yield, by kind, due time and the words that
 * must be in them. Every kind appears in some case (checked at the end). */

#define NOW "2026-12-05T10:00:00-07:00"   /* a Saturday in Albuquerque */

typedef struct
{
  const char *contact_id;
  const char *contact_name;
  TlOutcome outcome;
  const char *at;
  TlReferralStage moved_to;   /* TL_REFERRAL_MADE: not moved */
} Call;

typedef struct
{
  TlProposalKind kind;
  const char *due;
  const char *contains;
} Expected;

typedef struct
{
  const char *what;
  const char *reporter_phone;
  TlCallBack call_back;
  TlTipStatus status;
  Call calls[3];
  guint n_calls;
  Expected expected[4];
  guint n_expected;
} Case;

static const Case cases[] = {
  { "911 reached: the written report, and a check after 3 days", NULL, TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_OPEN,
    { { "emergency-911", "911", TL_OUTCOME_REACHED, "2026-12-01T09:00:00-07:00", TL_REFERRAL_MADE } }, 1,
    { { TL_PROPOSAL_WRITTEN_REPORT, "2026-12-02T23:59:59-07:00", "report made to 911 on 2026-12-01" },
      { TL_PROPOSAL_CHECK_REFERRAL, "2026-12-04T09:00:00-07:00", "still “Made”" } }, 2 },
  { "the AG's unit (law enforcement) took it: report, and check until done", NULL, TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_REFERRED,
    { { "nm-ag-ht-unit", "Human Trafficking Unit", TL_OUTCOME_REFERRED, "2026-12-03T15:00:00-07:00", TL_REFERRAL_MADE } }, 1,
    { { TL_PROPOSAL_WRITTEN_REPORT, "2026-12-04T23:59:59-07:00", "Human Trafficking Unit" },
      { TL_PROPOSAL_CHECK_REFERRAL, "2026-12-06T15:00:00-07:00", "still “Accepted”" } }, 2 },
  { "a voicemail at 911 is no report; no answer is still checked", NULL, TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_OPEN,
    { { "emergency-911", "911", TL_OUTCOME_LEFT_MESSAGE, "2026-12-01T09:00:00-07:00", TL_REFERRAL_MADE } }, 1,
    { { TL_PROPOSAL_CHECK_REFERRAL, "2026-12-04T09:00:00-07:00", "still “No answer yet”" } }, 1 },
  { "a shelter, done: nothing", NULL, TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_REFERRED,
    { { "la-pinon", "La Piñon", TL_OUTCOME_REFERRED, "2026-12-01T09:00:00-07:00", TL_REFERRAL_DONE } }, 1,
    { { 0 } }, 0 },
  { "a shelter declined: nothing", NULL, TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_OPEN,
    { { "la-pinon", "La Piñon", TL_OUTCOME_DECLINED, "2026-12-01T09:00:00-07:00", TL_REFERRAL_MADE } }, 1,
    { { 0 } }, 0 },
  { "an unknown contact whose name says 911", NULL, TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_OPEN,
    { { NULL, "Lea County 911 dispatch", TL_OUTCOME_REACHED, "2026-12-04T23:30:00-07:00", TL_REFERRAL_DONE } }, 1,
    { { TL_PROPOSAL_WRITTEN_REPORT, "2026-12-05T23:59:59-07:00", "Lea County 911 dispatch" } }, 1 },
  { "reporter, weekdays 09:00–17:00: Monday 09:00", "505 555 0100", TL_CALL_BACK_WINDOW, TL_TIP_STATUS_OPEN,
    { { 0 } }, 0,
    { { TL_PROPOSAL_CALL_REPORTER, "2026-12-07T09:00:00-07:00", "safe window (Mon–Fri 09:00–17:00 (America/Denver))" } }, 1 },
  { "reporter, any time: now", "505 555 0100", TL_CALL_BACK_YES, TL_TIP_STATUS_OPEN,
    { { 0 } }, 0,
    { { TL_PROPOSAL_CALL_REPORTER, NOW, "Call the reporter back; follow the safety plan." } }, 1 },
  { "reporter said never: nothing", "505 555 0100", TL_CALL_BACK_NO, TL_TIP_STATUS_OPEN, { { 0 } }, 0, { { 0 } }, 0 },
  { "reporter not asked: nothing", "505 555 0100", TL_CALL_BACK_UNKNOWN, TL_TIP_STATUS_OPEN, { { 0 } }, 0, { { 0 } }, 0 },
  { "closed tip: nothing", "505 555 0100", TL_CALL_BACK_YES, TL_TIP_STATUS_CLOSED,
    { { "emergency-911", "911", TL_OUTCOME_REACHED, "2026-12-01T09:00:00-07:00", TL_REFERRAL_MADE } }, 1, { { 0 } }, 0 },
};

static GDateTime *
at (const char *text)
{
  GDateTime *result = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (result);
  return result;
}

static TlTip *
build (const Case *c)
{
  TlTip *tip = tl_tip_new ();

  tip->status = c->status;
  tl_set_str (&tip->reporter_phone, c->reporter_phone);
  tip->reporter_plan.call_back = c->call_back;
  if (c->call_back == TL_CALL_BACK_WINDOW)
    {
      tip->reporter_plan.days = 0x1f;
      tip->reporter_plan.from = 9 * 60;
      tip->reporter_plan.to = 17 * 60;
    }
  for (guint i = 0; i < c->n_calls; i++)
    {
      TlReferral *r = tl_referral_new ();

      tl_set_str (&r->contact_id, c->calls[i].contact_id);
      tl_set_str (&r->contact_name, c->calls[i].contact_name);
      r->outcome = c->calls[i].outcome;
      r->at = at (c->calls[i].at);
      g_ptr_array_add (tip->referrals, r);
      if (c->calls[i].moved_to == TL_REFERRAL_DONE)
        {
          if (tl_referral_get_stage (r) == TL_REFERRAL_MADE)
            g_assert_true (tl_tip_move_referral (tip, i, TL_REFERRAL_ACCEPTED, NULL, NULL, r->at, NULL));
          g_assert_true (tl_tip_move_referral (tip, i, TL_REFERRAL_DONE, "Placed", NULL, r->at, NULL));
        }
    }
  return tip;
}

static TlProtocolSet *
protocols (void)
{
  TlProtocolSet *set = tl_protocol_set_new ();

  tl_protocol_set_add_bundled (set);
  return set;
}

static void
test_cases (void)
{
  g_autoptr(TlProtocolSet) set = protocols ();
  g_autoptr(GTimeZone) office = tl_office_zone (set, "us-nm");
  g_autoptr(GDateTime) now = at (NOW);
  gboolean seen[TL_PROPOSAL_CHECK_REFERRAL + 1] = { FALSE };

  g_assert_cmpstr (g_time_zone_get_identifier (office), ==, "America/Denver");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(TlTip) tip = build (c);
      g_autoptr(GPtrArray) got = tl_follow_up_propose (tip, set, now, office, TL_REFERRAL_CHECK_DAYS_DEFAULT, NULL);

      if (got->len != c->n_expected)
        g_error ("%s: %u proposals, expected %u", c->what, got->len, c->n_expected);
      for (guint j = 0; j < c->n_expected; j++)
        {
          const TlFollowUpProposal *p = g_ptr_array_index (got, j);
          g_autoptr(GDateTime) due = at (c->expected[j].due);

          g_assert_cmpint (p->kind, ==, c->expected[j].kind);
          if (p->due != g_date_time_to_unix (due))
            g_error ("%s, %u: due %" G_GINT64_FORMAT ", expected %s", c->what, j, p->due, c->expected[j].due);
          if (strstr (p->what, c->expected[j].contains) == NULL)
            g_error ("%s, %u: “%s” lacks “%s”", c->what, j, p->what, c->expected[j].contains);
          seen[p->kind] = TRUE;
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (seen); k++)
    g_assert_true (seen[k]);
  g_assert_cmpuint (G_N_ELEMENTS (seen), ==, tl_enum_count (tl_proposal_kind_values));
}

/* A proposal already taken into the tip's follow-ups is not offered again; N from
 * Preferences moves the check; N = 0 proposes no checks. */
static void
test_existing_and_days (void)
{
  g_autoptr(TlProtocolSet) set = protocols ();
  g_autoptr(GDateTime) now = at (NOW);
  g_autoptr(GTimeZone) office = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(TlTip) tip = build (&cases[0]);
  g_autoptr(GPtrArray) first = tl_follow_up_propose (tip, set, now, office, 7, NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char *existing[2] = { NULL, NULL };
  g_autoptr(GDateTime) due = at ("2026-12-08T09:00:00-07:00");

  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpint (((TlFollowUpProposal *) g_ptr_array_index (first, 1))->due, ==, g_date_time_to_unix (due));

  existing[0] = ((TlFollowUpProposal *) g_ptr_array_index (first, 0))->what;
  again = tl_follow_up_propose (tip, set, now, office, 7, existing);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpint (((TlFollowUpProposal *) g_ptr_array_index (again, 0))->kind, ==, TL_PROPOSAL_CHECK_REFERRAL);

  none = tl_follow_up_propose (tip, set, now, office, 0, existing);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/follow-up-proposals/cases", test_cases);
  g_test_add_func ("/follow-up-proposals/existing-and-days", test_existing_and_days);

  return g_test_run ();
}
