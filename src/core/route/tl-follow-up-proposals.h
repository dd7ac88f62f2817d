/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-protocol-set.h"
#include "tl-tip.h"

G_BEGIN_DECLS

/* What Tipline proposes to do next about a tip (issue 19); the advocate accepts a proposal
 * into the tip's follow-ups or leaves it. */
typedef enum
{
  TL_PROPOSAL_WRITTEN_REPORT,   /* seed 002: a written report after a report to 911 or police */
  TL_PROPOSAL_CALL_REPORTER,    /* call the reporter back, in the safe window */
  TL_PROPOSAL_CHECK_REFERRAL,   /* a referral with no outcome after N days */
} TlProposalKind;
extern const TlEnumValue tl_proposal_kind_values[];

typedef struct
{
  TlProposalKind kind;
  char *what;                 /* translated, the follow-up's text */
  gint64 due;                 /* unix seconds */
  int referral;               /* the referral it is about (index), or -1 */
} TlFollowUpProposal;

/* How long a referral may go without an outcome before Tipline proposes checking on it,
 * unless Preferences say otherwise (GSettings referral-check-days). */
#define TL_REFERRAL_CHECK_DAYS_DEFAULT 3

/* The office's clock: its default protocol's time zone, else this computer's. */
GTimeZone *tl_office_zone            (TlProtocolSet        *protocols,
                                      const char           *default_protocol);

/* Proposals for tip at now, most urgent first. protocols (nullable) tells which logged
 * contacts are 911 or law enforcement; existing (nullable, NULL-terminated) holds the
 * texts of the tip's follow-ups already taken, so nothing is proposed twice. */
GPtrArray *tl_follow_up_propose      (const TlTip          *tip,
                                      TlProtocolSet        *protocols,
                                      GDateTime            *now,
                                      GTimeZone            *office_zone,
                                      guint                 check_days,
                                      const char * const   *existing);
void       tl_follow_up_proposal_free (TlFollowUpProposal  *proposal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlFollowUpProposal, tl_follow_up_proposal_free)

G_END_DECLS
