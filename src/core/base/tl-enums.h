/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One row of an enumeration table: the value, its nick in files (XML, JSON) and its
 * untranslated label for people. Tables end with a row whose nick is NULL. */
typedef struct
{
  int value;
  const char *nick;
  const char *label;
} TlEnumValue;

const char *tl_enum_to_nick   (const TlEnumValue *table,
                               int                value);
gboolean    tl_enum_from_nick (const TlEnumValue *table,
                               const char        *nick,
                               int               *value);
const char *tl_enum_label     (const TlEnumValue *table,
                               int                value);
guint       tl_enum_count     (const TlEnumValue *table);

typedef enum
{
  TL_TIP_STATUS_DRAFT,
  TL_TIP_STATUS_OPEN,
  TL_TIP_STATUS_REFERRED,
  TL_TIP_STATUS_CLOSED,
} TlTipStatus;
extern const TlEnumValue tl_tip_status_values[];

typedef enum
{
  TL_CHANNEL_NONE,
  TL_CHANNEL_PHONE,
  TL_CHANNEL_TEXT,
  TL_CHANNEL_EMAIL,
  TL_CHANNEL_ONLINE,
  TL_CHANNEL_WALK_IN,
  TL_CHANNEL_REFERRAL,
  TL_CHANNEL_CYBER_TIP,
  TL_CHANNEL_OTHER,
} TlChannel;
extern const TlEnumValue tl_channel_values[];

typedef enum
{
  TL_REPORTER_NONE,
  TL_REPORTER_VICTIM,
  TL_REPORTER_THIRD_PARTY,
  TL_REPORTER_ANONYMOUS,
  TL_REPORTER_LAW_ENFORCEMENT,
  TL_REPORTER_SERVICE_PROVIDER,
} TlReporterRole;
extern const TlEnumValue tl_reporter_role_values[];

typedef enum
{
  TL_DANGER_UNKNOWN,
  TL_DANGER_IMMEDIATE,
  TL_DANGER_NONE,
} TlDanger;
extern const TlEnumValue tl_danger_values[];

typedef enum
{
  TL_TRAFFICKING_UNKNOWN,
  TL_TRAFFICKING_SEX,
  TL_TRAFFICKING_LABOR,
  TL_TRAFFICKING_BOTH,
} TlTraffickingType;
extern const TlEnumValue tl_trafficking_type_values[];

/* Venues as the National Hotline's state profiles (seed 003) list them. */
typedef enum
{
  TL_VENUE_NONE,
  TL_VENUE_ONLINE_AD,
  TL_VENUE_TRUCK_STOP,
  TL_VENUE_BROTHEL,
  TL_VENUE_HOTEL_MOTEL,
  TL_VENUE_TRAVELING_SALES,
  TL_VENUE_HOSPITALITY,
  TL_VENUE_DOMESTIC_WORK,
  TL_VENUE_CONSTRUCTION,
  TL_VENUE_ILLICIT_ACTIVITIES,
  TL_VENUE_AGRICULTURE,
  TL_VENUE_OTHER,
} TlVenue;
extern const TlEnumValue tl_venue_values[];

typedef enum
{
  TL_GENDER_UNKNOWN,
  TL_GENDER_FEMALE,
  TL_GENDER_MALE,
  TL_GENDER_TRANSGENDER_FEMALE,
  TL_GENDER_TRANSGENDER_MALE,
  TL_GENDER_NON_BINARY,
} TlGender;
extern const TlEnumValue tl_gender_values[];

typedef enum
{
  TL_CITIZENSHIP_UNKNOWN,
  TL_CITIZENSHIP_US_CITIZEN,
  TL_CITIZENSHIP_PERMANENT_RESIDENT,
  TL_CITIZENSHIP_FOREIGN_NATIONAL,
} TlCitizenship;
extern const TlEnumValue tl_citizenship_values[];

/* What a victim is willing to do about law enforcement (the protocols' four cases). */
typedef enum
{
  TL_STANCE_UNDECIDED,
  TL_STANCE_REPORT_NOW,
  TL_STANCE_TALK_LATER,
  TL_STANCE_ANONYMOUS_TIP,
} TlStance;
extern const TlEnumValue tl_stance_values[];

/* Whether the agency's confidential communications policy requires a signed release
 * before victim-provided information goes to law enforcement. */
typedef enum
{
  TL_RELEASE_POLICY_UNKNOWN,
  TL_RELEASE_POLICY_REQUIRED,
  TL_RELEASE_POLICY_NOT_REQUIRED,
} TlReleasePolicy;
extern const TlEnumValue tl_release_policy_values[];

/* A victim's service needs, as the rows of the NHTRC matrix name them. */
typedef enum
{
  TL_NEED_EMERGENCY_SHELTER = 1 << 0,
  TL_NEED_TRANSITIONAL_SHELTER = 1 << 1,
  TL_NEED_CASE_MANAGEMENT = 1 << 2,
  TL_NEED_LEGAL = 1 << 3,
  TL_NEED_MENTAL_HEALTH = 1 << 4,
  TL_NEED_IMMIGRATION = 1 << 5,
} TlNeeds;
extern const TlEnumValue tl_need_values[];

typedef enum
{
  TL_OFFENDER_ROLE_UNKNOWN,
  TL_OFFENDER_ROLE_RECRUITER,
  TL_OFFENDER_ROLE_TRANSPORTER,
  TL_OFFENDER_ROLE_EXPLOITER,
  TL_OFFENDER_ROLE_SMUGGLER,
  TL_OFFENDER_ROLE_KIDNAPPER,
  TL_OFFENDER_ROLE_ABUSER,
  TL_OFFENDER_ROLE_BROKER,
  TL_OFFENDER_ROLE_OTHER,
} TlOffenderRole;
extern const TlEnumValue tl_offender_role_values[];

typedef enum
{
  TL_PHONE_OWNER_UNKNOWN,
  TL_PHONE_OWNER_OFFENDER,
  TL_PHONE_OWNER_VICTIM,
  TL_PHONE_OWNER_REPORTER,
} TlPhoneOwner;
extern const TlEnumValue tl_phone_owner_values[];

typedef enum
{
  TL_ONLINE_OTHER,
  TL_ONLINE_EMAIL,
  TL_ONLINE_SOCIAL,
  TL_ONLINE_WEBSITE,
  TL_ONLINE_AD,
} TlOnlineKind;
extern const TlEnumValue tl_online_kind_values[];

typedef enum
{
  TL_FINANCIAL_OTHER,
  TL_FINANCIAL_CREDIT_CARD,
  TL_FINANCIAL_DEBIT_CARD,
  TL_FINANCIAL_BANK_ACCOUNT,
  TL_FINANCIAL_PREPAID_CARD,
  TL_FINANCIAL_MONEY_TRANSFER,
} TlFinancialKind;
extern const TlEnumValue tl_financial_kind_values[];

typedef enum
{
  TL_OUTCOME_REACHED,
  TL_OUTCOME_LEFT_MESSAGE,
  TL_OUTCOME_NO_ANSWER,
  TL_OUTCOME_REFERRED,
  TL_OUTCOME_DECLINED,
} TlOutcome;
extern const TlEnumValue tl_outcome_values[];

/* Where a logged call or referral stands (issue 19): made, then accepted, declined (with
 * a reason) or no answer, then done (with its outcome). A referral logged before stages
 * existed starts where its call's outcome puts it: tl_referral_stage_from_outcome(). */
typedef enum
{
  TL_REFERRAL_MADE,
  TL_REFERRAL_ACCEPTED,
  TL_REFERRAL_DECLINED,
  TL_REFERRAL_NO_ANSWER,
  TL_REFERRAL_DONE,
} TlReferralStage;
extern const TlEnumValue tl_referral_stage_values[];

/* Whether the number may be called back (issue 19, NNEDV safety planning). */
typedef enum
{
  TL_CALL_BACK_UNKNOWN,       /* not asked: the advocate asks before calling */
  TL_CALL_BACK_YES,
  TL_CALL_BACK_NO,
  TL_CALL_BACK_WINDOW,        /* only in the safe window */
} TlCallBack;
extern const TlEnumValue tl_call_back_values[];

/* Whether a message may be left on that number. */
typedef enum
{
  TL_MESSAGE_UNKNOWN,         /* not asked: leave none */
  TL_MESSAGE_NO,
  TL_MESSAGE_YES,
} TlMessageRule;
extern const TlEnumValue tl_message_rule_values[];

/* Who provided a part of a tip (seeds 000/004, "Informed Consent": what the victim
 * provided needs a release before it goes to law enforcement). FROM_ROLE follows the
 * reporter's role: tl_tip_get_source(). */
typedef enum
{
  TL_SOURCE_FROM_ROLE,
  TL_SOURCE_VICTIM,
  TL_SOURCE_REPORTER,
  TL_SOURCE_ADVOCATE,
  TL_SOURCE_RECORD,
} TlInfoSource;
extern const TlEnumValue tl_source_values[];

/* The parts of a tip that carry their own source. */
typedef enum
{
  TL_PART_SITUATION,
  TL_PART_LOCATION,
  TL_PART_VICTIMS,
  TL_PART_OFFENDERS,
  TL_PART_IDENTIFIERS,   /* vehicles, phones, online accounts, financial details */
  TL_PART_NARRATIVE,
  TL_N_PARTS
} TlPart;
extern const TlEnumValue tl_part_values[];

G_END_DECLS
