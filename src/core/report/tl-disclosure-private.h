/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* area: report. The disclosure engine: the one table of what each report profile may
 * carry of each field of a tip, under each consent state. docs/report-profiles.md
 * prints the same table (test-disclosure compares the two, and walks every field of
 * the tip model through every profile, consent state and format). */

#include "tl-report-profile-private.h"

G_BEGIN_DECLS

/* What a field is, for people reading the table. */
typedef enum
{
  TL_KIND_INCIDENT,            /* what happened and where: the seed's "tip" content */
  TL_KIND_VICTIM_IDENTIFYING,  /* points to one victim: name, birth date, contacts, looks */
  TL_KIND_VICTIM_PROVIDED,     /* about a victim, known from the victim: age, stance, needs */
  TL_KIND_OFFENDER_INTEL,      /* offenders, vehicles, phones, online, financial */
  TL_KIND_REPORTER,            /* who called in */
  TL_KIND_INTERNAL,            /* the office's own record */
} TlDisclosureKind;

/* One cell of the table: what a profile does with the field. */
typedef enum
{
  TL_RULE_SHOWN,      /* "shown": always */
  TL_RULE_WITHHELD,   /* "withheld": never, not even with an override */
  TL_RULE_OVERRIDE,   /* "override": only with an override and its typed reason */
  TL_RULE_RELEASE,    /* "release": shown when that victim signed a release or the policy
                       * does not require one (unknown counts as required); else override */
  TL_RULE_PROVIDED,   /* "provided": shown unless the part was provided by the victim and
                       * not every victim is released; else override */
  TL_RULE_INCIDENT,   /* "incident": as provided, but shown whenever there is immediate
                       * danger (a 911 emergency is never gated) */
  TL_RULE_CALLER,     /* "caller": withheld when the caller asked to stay anonymous,
                       * else override */
} TlDisclosureRule;

#define TL_N_PROFILES 5

typedef struct
{
  const char *section;         /* as tl_tip_describe() names it; "victim-phone" and
                                * "reporter-phone" are phones by owner */
  const char *field;
  TlDisclosureKind kind;
  int part;                    /* TlPart whose source matters, -1 for none */
  gboolean free_text;          /* cleaned of withheld values when shown */
  TlDisclosureRule rules[TL_N_PROFILES]; /* by TlReportProfile */
  const char *why;             /* the seed sentence, for the documentation */
} TlDisclosureRow;

/* The whole table, ending with a row whose section is NULL. */
const TlDisclosureRow *_tl_disclosure_rows        (void);
const char            *_tl_disclosure_rule_nick   (TlDisclosureRule rule);
const char            *_tl_disclosure_kind_nick   (TlDisclosureKind kind);

/* The row for a described field (phones resolved by owner); NULL for a field that has
 * none, which the tests treat as a bug (and the engine withholds). */
const TlDisclosureRow *_tl_disclosure_lookup      (const TlTip *tip,
                                                   const char  *section,
                                                   int          index,
                                                   const char  *field);

/* The decision: TL_WITHHOLD_NONE to show, else why not. *override_out is set when an
 * override lifted it. */
TlWithhold             _tl_disclosure_decide      (const TlWithholdContext *ctx,
                                                   const char        *section,
                                                   int                index,
                                                   const char        *field,
                                                   const TlReportOverride **override_out);

/* Whether a field is free text, cleaned of withheld values when shown. */
gboolean               _tl_disclosure_is_free_text (const TlTip *tip,
                                                    const char  *section,
                                                    int          index,
                                                    const char  *field);

G_END_DECLS
