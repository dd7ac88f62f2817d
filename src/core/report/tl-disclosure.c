/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

/* area: report. The disclosure engine (see tl-disclosure-private.h). */

#include "config.h"

#include <string.h>

#include "tl-disclosure-private.h"

/* The seed sentences each row rests on (seeds 000 and 004 say the same). */
#define WHY_CONSENT "Informed Consent: “If sharing victim-provided information with law enforcement will violate this policy, ask victim to sign a release form before contacting law enforcement.”"
#define WHY_911 "“If you are confronted with a ‘911 Emergency’ requiring immediate armed police intervention: Call 911” (not gated)."
#define WHY_TIP "Anonymous tip: “Provide as much detailed information as possible about: Type of trafficking … Location … Offenders … Vehicles … Phone numbers … email addresses, social media … Credit/Debit cards or Bank Accounts”; victim-provided, so gated by the release for law enforcement."
#define WHY_ANON "The anonymous path passes on “info (a ‘tip’) about traffickers to law enforcement anonymously”: nobody is identified."
#define WHY_REPORTER "“You may choose to remain anonymous as the reporter”; the call-back number in a report is the hotline’s (“Phone number so an agent/officer can call”), never the caller’s."
#define WHY_POLICY "“Be aware of your agency’s confidential communications policy.” The office’s own record."
#define WHY_SAFETY "Issue 19 (NNEDV safety planning): how and when a person may be called back, a code word and what a message may say keep the person safe only while they stay with the hotline; only the full record carries them."
#define WHY_BASIC "“Provide basic information that will help determine appropriate law enforcement referral: Type of trafficking … Location (city, village, or town)”."

/* Short names for the cells, in TlReportProfile order:
 * law-enforcement, anonymous-tip, service-provider, coordinator, full. */
#define S TL_RULE_SHOWN
#define W TL_RULE_WITHHELD
#define O TL_RULE_OVERRIDE
#define R TL_RULE_RELEASE
#define P TL_RULE_PROVIDED
#define I TL_RULE_INCIDENT
#define C TL_RULE_CALLER

#define INC TL_KIND_INCIDENT
#define VID TL_KIND_VICTIM_IDENTIFYING
#define VPR TL_KIND_VICTIM_PROVIDED
#define OFF TL_KIND_OFFENDER_INTEL
#define REP TL_KIND_REPORTER
#define INT TL_KIND_INTERNAL

#define SIT TL_PART_SITUATION
#define LOC TL_PART_LOCATION
#define VIC TL_PART_VICTIMS
#define OFS TL_PART_OFFENDERS
#define IDS TL_PART_IDENTIFIERS
#define NAR TL_PART_NARRATIVE

static const TlDisclosureRow rows[] = {
  /* intake */
  { "intake", "received", INC, -1, FALSE, { S, S, S, S, S }, WHY_BASIC },
  { "intake", "channel", INC, -1, FALSE, { S, S, S, S, S }, WHY_BASIC },
  { "intake", "reporter-role", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "intake", "reporter-anonymous", REP, -1, FALSE, { S, S, S, S, S }, WHY_REPORTER },
  { "intake", "reporter-name", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "intake", "reporter-phone", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "intake", "reporter-email", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "intake", "advocate", INT, -1, FALSE, { S, W, O, S, S }, WHY_POLICY },
  { "intake", "close-reason", INT, -1, TRUE, { O, W, O, S, S }, WHY_POLICY },
  { "intake", "sources", INT, -1, FALSE, { O, W, O, O, S }, WHY_CONSENT },

  /* call-back safety plans: the full record only */
  { "reporter-call-back", "safe", INT, -1, FALSE, { W, W, W, W, S }, WHY_SAFETY },
  { "reporter-call-back", "window", INT, -1, FALSE, { W, W, W, W, S }, WHY_SAFETY },
  { "reporter-call-back", "message", INT, -1, FALSE, { W, W, W, W, S }, WHY_SAFETY },
  { "reporter-call-back", "message-text", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "reporter-call-back", "ask-for", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "reporter-call-back", "code-word", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "reporter-call-back", "if-dropped", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "safe", INT, -1, FALSE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "window", INT, -1, FALSE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "message", INT, -1, FALSE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "message-text", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "ask-for", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "code-word", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },
  { "victim-call-back", "if-dropped", INT, -1, TRUE, { W, W, W, W, S }, WHY_SAFETY },

  /* situation */
  { "situation", "danger", INC, -1, FALSE, { S, S, S, S, S }, WHY_911 },
  { "situation", "type", INC, SIT, FALSE, { I, S, S, I, S }, WHY_TIP },
  { "situation", "venue", INC, SIT, FALSE, { I, S, S, I, S }, WHY_TIP },
  { "situation", "venue-detail", INC, SIT, TRUE, { I, S, S, I, S }, WHY_TIP },
  { "situation", "operation", INC, SIT, TRUE, { I, S, S, I, S }, WHY_TIP },
  { "situation", "release-policy", INT, -1, FALSE, { S, W, O, S, S }, WHY_POLICY },

  /* location */
  { "location", "address", INC, LOC, FALSE, { I, S, S, I, S }, WHY_911 },
  { "location", "city", INC, LOC, FALSE, { I, S, S, I, S }, WHY_911 },
  { "location", "county", INC, LOC, FALSE, { I, S, S, I, S }, WHY_911 },
  { "location", "state", INC, LOC, FALSE, { I, S, S, I, S }, WHY_911 },
  { "location", "description", INC, LOC, TRUE, { I, S, S, I, S }, WHY_911 },

  /* victims */
  { "victim", "name", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "description", VID, VIC, TRUE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "birth-date", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "language", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "phone", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "email", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "address", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim", "age", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "gender", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "citizenship", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "country", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "law-enforcement", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "needs", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "release-signed", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "release-date", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },
  { "victim", "release-language", VPR, VIC, FALSE, { P, O, S, P, S }, WHY_CONSENT },

  /* offenders: a service provider keeps what tells whom to watch out for */
  { "offender", "name", OFF, OFS, FALSE, { P, S, S, P, S }, WHY_TIP },
  { "offender", "alias", OFF, OFS, FALSE, { P, S, S, P, S }, WHY_TIP },
  { "offender", "age", OFF, OFS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "offender", "birth-date", OFF, OFS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "offender", "gender", OFF, OFS, FALSE, { P, S, S, P, S }, WHY_TIP },
  { "offender", "description", OFF, OFS, TRUE, { P, S, S, P, S }, WHY_TIP },
  { "offender", "address", OFF, OFS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "offender", "marks", OFF, OFS, TRUE, { P, S, S, P, S }, WHY_TIP },
  { "offender", "role", OFF, OFS, FALSE, { P, S, O, P, S }, WHY_TIP },

  /* vehicles, phones, online, financial */
  { "vehicle", "plate", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "vehicle", "plate-state", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "vehicle", "make", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "vehicle", "model", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "vehicle", "color", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "vehicle", "year", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "vehicle", "description", OFF, IDS, TRUE, { P, S, O, P, S }, WHY_TIP },
  { "phone", "number", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "phone", "carrier", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "phone", "owner", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "victim-phone", "number", VID, IDS, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim-phone", "carrier", VID, IDS, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "victim-phone", "owner", VID, IDS, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "reporter-phone", "number", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "reporter-phone", "carrier", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "reporter-phone", "owner", REP, -1, FALSE, { C, W, W, C, S }, WHY_REPORTER },
  { "online", "kind", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "online", "platform", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "online", "value", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "financial", "kind", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "financial", "institution", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "financial", "holder", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "financial", "value", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },

  /* the victim's or the reporter's own account */
  { "narrative", "narrative", VPR, NAR, TRUE, { P, P, S, P, S }, WHY_CONSENT },

  /* the call log */
  { "referral", "at", INT, -1, FALSE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "step", INT, -1, TRUE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "contact", INT, -1, FALSE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "outcome", INT, -1, FALSE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "note", INT, -1, TRUE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "advocate", INT, -1, FALSE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "stage", INT, -1, FALSE, { O, W, O, O, S }, WHY_POLICY },
  { "referral", "stages", INT, -1, TRUE, { O, W, O, O, S }, WHY_POLICY },

  /* attachments (issue 20), by what they show (TlAttachmentKind): a victim's photo as
   * her name, an offender's ad or a photo of a vehicle as offender details; evidence
   * nobody classified goes only into the full record. */
  { "attachment", "victim", VID, VIC, FALSE, { R, W, R, R, S }, WHY_CONSENT },
  { "attachment", "offender-ad", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "attachment", "offender", OFF, IDS, FALSE, { P, S, O, P, S }, WHY_TIP },
  { "attachment", "unclassified", INT, -1, FALSE, { W, W, W, W, S }, WHY_POLICY },

  { NULL, NULL, 0, -1, FALSE, { 0 }, NULL },
};

#undef S
#undef W
#undef O
#undef R
#undef P
#undef I
#undef C

/* helpers */

static gboolean
victim_released (const TlWithholdContext *ctx,
                 int                      index)
{
  const TlVictim *victim;

  if (ctx->tip->release_policy == TL_RELEASE_POLICY_NOT_REQUIRED)
    return TRUE;
  if (index < 0 || (guint) index >= ctx->tip->victims->len)
    return ctx->victims_released;
  victim = g_ptr_array_index (ctx->tip->victims, index);
  return victim->release_signed;
}

/* Whether the part is the victim's, given without the release it needs. */
static gboolean
provided_unreleased (const TlWithholdContext *ctx,
                     const TlDisclosureRow   *row,
                     int                      index)
{
  if (row->part < 0 || tl_tip_get_source (ctx->tip, row->part) != TL_SOURCE_VICTIM)
    return FALSE;
  return !victim_released (ctx, g_str_equal (row->section, "victim") ? index : -1);
}

static TlFieldFlags
override_class (const TlDisclosureRow *row,
                TlWithhold             withhold)
{
  if (withhold == TL_WITHHOLD_VICTIM_PROVIDED)
    return TL_FIELD_VICTIM_PROVIDED;
  switch (row->kind)
    {
    case TL_KIND_VICTIM_IDENTIFYING:
      return TL_FIELD_VICTIM_IDENTITY;
    case TL_KIND_VICTIM_PROVIDED:
      return TL_FIELD_VICTIM_NEEDS;
    case TL_KIND_OFFENDER_INTEL:
      return TL_FIELD_OFFENDER_INTEL;
    case TL_KIND_REPORTER:
      return TL_FIELD_REPORTER_IDENTITY;
    case TL_KIND_INTERNAL:
    case TL_KIND_INCIDENT:
    default:
      return TL_FIELD_INTERNAL;
    }
}

/* Why a profile leaves out a field it does not carry at all. */
static TlWithhold
plain_reason (const TlWithholdContext *ctx,
              const TlDisclosureRow   *row)
{
  if (row->kind == TL_KIND_REPORTER)
    return ctx->profile == TL_REPORT_PROFILE_ANONYMOUS_TIP ? TL_WITHHOLD_ANONYMOUS
                                                           : TL_WITHHOLD_REPORTER;
  if (ctx->profile == TL_REPORT_PROFILE_ANONYMOUS_TIP)
    return TL_WITHHOLD_ANONYMOUS;
  if (row->kind == TL_KIND_INTERNAL)
    return TL_WITHHOLD_INTERNAL;
  if (ctx->profile == TL_REPORT_PROFILE_SERVICE_PROVIDER)
    return TL_WITHHOLD_NOT_FOR_PROVIDER;
  return TL_WITHHOLD_INTERNAL;
}

static const TlReportOverride *
find_override (const TlWithholdContext *ctx,
               const TlDisclosureRow   *row,
               int                      index,
               TlWithhold               withhold)
{
  TlFieldFlags wanted = override_class (row, withhold);

  if (ctx->overrides == NULL)
    return NULL;

  for (guint i = 0; i < ctx->overrides->len; i++)
    {
      const TlReportOverride *o = g_ptr_array_index (ctx->overrides, i);

      if (o->victim >= 0)
        {
          /* "victim:N" releases what that victim's own section holds */
          if (g_str_equal (row->section, "victim") && o->victim == index
              && (row->kind == TL_KIND_VICTIM_IDENTIFYING || row->kind == TL_KIND_VICTIM_PROVIDED))
            return o;
        }
      else if (o->field_class & wanted)
        return o;
    }
  return NULL;
}

/* private API */

const TlDisclosureRow *
_tl_disclosure_rows (void)
{
  return rows;
}

const char *
_tl_disclosure_rule_nick (TlDisclosureRule rule)
{
  static const char * const nicks[] = {
    [TL_RULE_SHOWN] = "shown",
    [TL_RULE_WITHHELD] = "withheld",
    [TL_RULE_OVERRIDE] = "override",
    [TL_RULE_RELEASE] = "release",
    [TL_RULE_PROVIDED] = "provided",
    [TL_RULE_INCIDENT] = "incident",
    [TL_RULE_CALLER] = "caller",
  };

  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (nicks), NULL);
  return nicks[rule];
}

const char *
_tl_disclosure_kind_nick (TlDisclosureKind kind)
{
  static const char * const nicks[] = {
    [TL_KIND_INCIDENT] = "incident",
    [TL_KIND_VICTIM_IDENTIFYING] = "victim-identifying",
    [TL_KIND_VICTIM_PROVIDED] = "victim-provided",
    [TL_KIND_OFFENDER_INTEL] = "offender-intel",
    [TL_KIND_REPORTER] = "reporter",
    [TL_KIND_INTERNAL] = "internal",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (nicks), NULL);
  return nicks[kind];
}

const TlDisclosureRow *
_tl_disclosure_lookup (const TlTip *tip,
                       const char  *section,
                       int          index,
                       const char  *field)
{
  const char *key = section;

  if (section == NULL || field == NULL)
    return NULL;

  if (g_str_equal (section, "phone") && tip != NULL && index >= 0
      && (guint) index < tip->phones->len)
    {
      const TlPhone *phone = g_ptr_array_index (tip->phones, index);

      if (phone->owner == TL_PHONE_OWNER_VICTIM)
        key = "victim-phone";
      else if (phone->owner == TL_PHONE_OWNER_REPORTER)
        key = "reporter-phone";
    }

  for (const TlDisclosureRow *row = rows; row->section != NULL; row++)
    if (g_str_equal (row->section, key) && g_str_equal (row->field, field))
      return row;
  return NULL;
}

gboolean
_tl_disclosure_is_free_text (const TlTip *tip,
                             const char  *section,
                             int          index,
                             const char  *field)
{
  const TlDisclosureRow *row = _tl_disclosure_lookup (tip, section, index, field);

  return row != NULL && row->free_text;
}

TlWithhold
_tl_disclosure_decide (const TlWithholdContext  *ctx,
                       const char               *section,
                       int                       index,
                       const char               *field,
                       const TlReportOverride  **override_out)
{
  const TlDisclosureRow *row = _tl_disclosure_lookup (ctx->tip, section, index, field);
  const TlReportOverride *override;
  TlWithhold withhold = TL_WITHHOLD_NONE;

  if (override_out != NULL)
    *override_out = NULL;

  if (row == NULL)
    {
      /* A field without a row is a bug (test-disclosure fails on it); never let it out. */
      g_critical ("No disclosure rule for a field of section %s", section);
      return ctx->profile == TL_REPORT_PROFILE_FULL ? TL_WITHHOLD_NONE : TL_WITHHOLD_INTERNAL;
    }

  switch (row->rules[ctx->profile])
    {
    case TL_RULE_SHOWN:
      return TL_WITHHOLD_NONE;
    case TL_RULE_WITHHELD:
      return plain_reason (ctx, row);
    case TL_RULE_OVERRIDE:
      withhold = plain_reason (ctx, row);
      break;
    case TL_RULE_RELEASE:
      {
        int victim = g_str_equal (row->section, "victim") ? index : -1;

        if (victim_released (ctx, victim))
          return TL_WITHHOLD_NONE;
        withhold = TL_WITHHOLD_NO_RELEASE;
      }
      break;
    case TL_RULE_INCIDENT:
      if (ctx->tip->danger == TL_DANGER_IMMEDIATE)
        return TL_WITHHOLD_NONE;
      G_GNUC_FALLTHROUGH;
    case TL_RULE_PROVIDED:
      if (!provided_unreleased (ctx, row, index))
        return TL_WITHHOLD_NONE;
      withhold = TL_WITHHOLD_VICTIM_PROVIDED;
      break;
    case TL_RULE_CALLER:
      if (tl_tip_is_anonymous (ctx->tip))
        return TL_WITHHOLD_CALLER;
      withhold = TL_WITHHOLD_REPORTER;
      break;
    default:
      g_return_val_if_reached (TL_WITHHOLD_INTERNAL);
    }

  override = find_override (ctx, row, index, withhold);
  if (override == NULL)
    return withhold;
  if (override_out != NULL)
    *override_out = override;
  return TL_WITHHOLD_NONE;
}
