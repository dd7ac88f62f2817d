/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-enums.h"

const char *
tl_enum_to_nick (const TlEnumValue *table,
                 int                value)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (const TlEnumValue *row = table; row->nick != NULL; row++)
    if (row->value == value)
      return row->nick;
  return NULL;
}

gboolean
tl_enum_from_nick (const TlEnumValue *table,
                   const char        *nick,
                   int               *value)
{
  g_return_val_if_fail (table != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  for (const TlEnumValue *row = table; row->nick != NULL; row++)
    if (g_str_equal (row->nick, nick))
      {
        if (value != NULL)
          *value = row->value;
        return TRUE;
      }
  return FALSE;
}

const char *
tl_enum_label (const TlEnumValue *table,
               int                value)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (const TlEnumValue *row = table; row->nick != NULL; row++)
    if (row->value == value)
      return g_dgettext (GETTEXT_PACKAGE, row->label);
  return NULL;
}

guint
tl_enum_count (const TlEnumValue *table)
{
  guint n = 0;

  while (table[n].nick != NULL)
    n++;
  return n;
}

const TlEnumValue tl_tip_status_values[] = {
  { TL_TIP_STATUS_DRAFT, "draft", N_("Draft") },
  { TL_TIP_STATUS_OPEN, "open", N_("Open") },
  { TL_TIP_STATUS_REFERRED, "referred", N_("Referred") },
  { TL_TIP_STATUS_CLOSED, "closed", N_("Closed") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_channel_values[] = {
  { TL_CHANNEL_NONE, "none", N_("Not recorded") },
  { TL_CHANNEL_PHONE, "phone", N_("Phone call") },
  { TL_CHANNEL_TEXT, "text", N_("Text message") },
  { TL_CHANNEL_EMAIL, "email", N_("E-mail") },
  { TL_CHANNEL_ONLINE, "online", N_("Online form") },
  { TL_CHANNEL_WALK_IN, "walk-in", N_("Walk-in") },
  { TL_CHANNEL_REFERRAL, "referral", N_("Referral") },
  { TL_CHANNEL_CYBER_TIP, "cyber-tip", N_("Cyber tip") },
  { TL_CHANNEL_OTHER, "other", N_("Other") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_reporter_role_values[] = {
  { TL_REPORTER_NONE, "none", N_("Not recorded") },
  { TL_REPORTER_VICTIM, "victim", N_("The victim") },
  { TL_REPORTER_THIRD_PARTY, "third-party", N_("A third party") },
  { TL_REPORTER_ANONYMOUS, "anonymous", N_("Anonymous") },
  { TL_REPORTER_LAW_ENFORCEMENT, "law-enforcement", N_("Law enforcement") },
  { TL_REPORTER_SERVICE_PROVIDER, "service-provider", N_("A service provider") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_danger_values[] = {
  { TL_DANGER_UNKNOWN, "unknown", N_("Unknown") },
  { TL_DANGER_IMMEDIATE, "immediate", N_("Immediate danger") },
  { TL_DANGER_NONE, "none", N_("No immediate danger") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_trafficking_type_values[] = {
  { TL_TRAFFICKING_UNKNOWN, "unknown", N_("Unknown") },
  { TL_TRAFFICKING_SEX, "sex", N_("Sex trafficking") },
  { TL_TRAFFICKING_LABOR, "labor", N_("Labor trafficking") },
  { TL_TRAFFICKING_BOTH, "both", N_("Sex and labor trafficking") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_venue_values[] = {
  { TL_VENUE_NONE, "none", N_("Not recorded") },
  { TL_VENUE_ONLINE_AD, "online-ad", N_("Online ad, venue unknown") },
  { TL_VENUE_TRUCK_STOP, "truck-stop", N_("Truck stop") },
  { TL_VENUE_BROTHEL, "brothel", N_("Commercial-front brothel") },
  { TL_VENUE_HOTEL_MOTEL, "hotel-motel", N_("Hotel or motel") },
  { TL_VENUE_TRAVELING_SALES, "traveling-sales", N_("Traveling sales crew") },
  { TL_VENUE_HOSPITALITY, "hospitality", N_("Hospitality") },
  { TL_VENUE_DOMESTIC_WORK, "domestic-work", N_("Domestic work") },
  { TL_VENUE_CONSTRUCTION, "construction", N_("Construction") },
  { TL_VENUE_ILLICIT_ACTIVITIES, "illicit-activities", N_("Illicit activities") },
  { TL_VENUE_AGRICULTURE, "agriculture", N_("Agriculture") },
  { TL_VENUE_OTHER, "other", N_("Other venue") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_gender_values[] = {
  { TL_GENDER_UNKNOWN, "unknown", N_("Unknown") },
  { TL_GENDER_FEMALE, "female", N_("Female") },
  { TL_GENDER_MALE, "male", N_("Male") },
  { TL_GENDER_TRANSGENDER_FEMALE, "transgender-female", N_("Transgender female") },
  { TL_GENDER_TRANSGENDER_MALE, "transgender-male", N_("Transgender male") },
  { TL_GENDER_NON_BINARY, "non-binary", N_("Non-binary") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_citizenship_values[] = {
  { TL_CITIZENSHIP_UNKNOWN, "unknown", N_("Unknown") },
  { TL_CITIZENSHIP_US_CITIZEN, "us-citizen", N_("U.S. citizen") },
  { TL_CITIZENSHIP_PERMANENT_RESIDENT, "permanent-resident", N_("Lawful permanent resident") },
  { TL_CITIZENSHIP_FOREIGN_NATIONAL, "foreign-national", N_("Foreign national") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_stance_values[] = {
  { TL_STANCE_UNDECIDED, "undecided", N_("Undecided or unknown") },
  { TL_STANCE_REPORT_NOW, "report-now", N_("Will make a police report now") },
  { TL_STANCE_TALK_LATER, "talk-later", N_("Will talk to law enforcement later") },
  { TL_STANCE_ANONYMOUS_TIP, "anonymous-tip", N_("Refuses, but allows an anonymous tip") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_release_policy_values[] = {
  { TL_RELEASE_POLICY_UNKNOWN, "unknown", N_("Not checked") },
  { TL_RELEASE_POLICY_REQUIRED, "required", N_("A signed release is required") },
  { TL_RELEASE_POLICY_NOT_REQUIRED, "not-required", N_("No release is required") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_need_values[] = {
  { TL_NEED_EMERGENCY_SHELTER, "emergency-shelter", N_("Emergency shelter") },
  { TL_NEED_TRANSITIONAL_SHELTER, "transitional-shelter", N_("Transitional shelter") },
  { TL_NEED_CASE_MANAGEMENT, "case-management", N_("Case management") },
  { TL_NEED_LEGAL, "legal", N_("Legal services") },
  { TL_NEED_MENTAL_HEALTH, "mental-health", N_("Mental health") },
  { TL_NEED_IMMIGRATION, "immigration", N_("Immigration services") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_offender_role_values[] = {
  { TL_OFFENDER_ROLE_UNKNOWN, "unknown", N_("Unknown") },
  { TL_OFFENDER_ROLE_RECRUITER, "recruiter", N_("Recruiter") },
  { TL_OFFENDER_ROLE_TRANSPORTER, "transporter", N_("Transporter") },
  { TL_OFFENDER_ROLE_EXPLOITER, "exploiter", N_("Exploiter") },
  { TL_OFFENDER_ROLE_SMUGGLER, "smuggler", N_("Smuggler") },
  { TL_OFFENDER_ROLE_KIDNAPPER, "kidnapper", N_("Kidnapper") },
  { TL_OFFENDER_ROLE_ABUSER, "abuser", N_("Abuser") },
  { TL_OFFENDER_ROLE_BROKER, "broker", N_("Broker or travel agent") },
  { TL_OFFENDER_ROLE_OTHER, "other", N_("Other") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_phone_owner_values[] = {
  { TL_PHONE_OWNER_UNKNOWN, "unknown", N_("Unknown") },
  { TL_PHONE_OWNER_OFFENDER, "offender", N_("Offender") },
  { TL_PHONE_OWNER_VICTIM, "victim", N_("Victim") },
  { TL_PHONE_OWNER_REPORTER, "reporter", N_("Reporter") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_online_kind_values[] = {
  { TL_ONLINE_OTHER, "other", N_("Other") },
  { TL_ONLINE_EMAIL, "email", N_("E-mail address") },
  { TL_ONLINE_SOCIAL, "social", N_("Social media account") },
  { TL_ONLINE_WEBSITE, "website", N_("Website") },
  { TL_ONLINE_AD, "ad", N_("Online ad") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_financial_kind_values[] = {
  { TL_FINANCIAL_OTHER, "other", N_("Other") },
  { TL_FINANCIAL_CREDIT_CARD, "credit-card", N_("Credit card") },
  { TL_FINANCIAL_DEBIT_CARD, "debit-card", N_("Debit card") },
  { TL_FINANCIAL_BANK_ACCOUNT, "bank-account", N_("Bank account") },
  { TL_FINANCIAL_PREPAID_CARD, "prepaid-card", N_("Prepaid card") },
  { TL_FINANCIAL_MONEY_TRANSFER, "money-transfer", N_("Money transfer") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_outcome_values[] = {
  { TL_OUTCOME_REACHED, "reached", N_("Reached") },
  /* Translators: the protocols forbid leaving details on voicemail */
  { TL_OUTCOME_LEFT_MESSAGE, "left-message", N_("Left a message without details") },
  { TL_OUTCOME_NO_ANSWER, "no-answer", N_("No answer") },
  { TL_OUTCOME_REFERRED, "referred", N_("Referred") },
  { TL_OUTCOME_DECLINED, "declined", N_("Declined") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_referral_stage_values[] = {
  /* Translators: a referral's stage: the call or referral was made, no answer yet */
  { TL_REFERRAL_MADE, "made", N_("Made") },
  /* Translators: a referral's stage: the contact took the case */
  { TL_REFERRAL_ACCEPTED, "accepted", N_("Accepted") },
  /* Translators: a referral's stage: the contact did not take the case */
  { TL_REFERRAL_DECLINED, "declined", N_("Not taken") },
  /* Translators: a referral's stage */
  { TL_REFERRAL_NO_ANSWER, "no-answer", N_("No answer yet") },
  /* Translators: a referral's stage: finished, with its outcome */
  { TL_REFERRAL_DONE, "done", N_("Done") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_call_back_values[] = {
  { TL_CALL_BACK_UNKNOWN, "unknown", N_("Not asked") },
  { TL_CALL_BACK_YES, "yes", N_("Safe to call back") },
  { TL_CALL_BACK_NO, "no", N_("Do not call back") },
  { TL_CALL_BACK_WINDOW, "window", N_("Only in the safe window") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_message_rule_values[] = {
  { TL_MESSAGE_UNKNOWN, "unknown", N_("Not asked: leave no message") },
  { TL_MESSAGE_NO, "no", N_("No message") },
  { TL_MESSAGE_YES, "yes", N_("A message may be left") },
  { 0, NULL, NULL },
};

const TlEnumValue tl_source_values[] = {
  { TL_SOURCE_FROM_ROLE, "from-role", N_("As the reporter’s role says") },
  { TL_SOURCE_VICTIM, "victim", N_("The victim") },
  { TL_SOURCE_REPORTER, "reporter", N_("The reporter") },
  { TL_SOURCE_ADVOCATE, "advocate", N_("The advocate’s own observation") },
  { TL_SOURCE_RECORD, "record", N_("Another record") },
  { 0, NULL, NULL },
};

/* Nicks as the tip XML's <sources> attributes name the parts. */
const TlEnumValue tl_part_values[] = {
  { TL_PART_SITUATION, "situation", N_("Situation") },
  { TL_PART_LOCATION, "location", N_("Location") },
  { TL_PART_VICTIMS, "victims", N_("Victims") },
  { TL_PART_OFFENDERS, "offenders", N_("Offenders") },
  { TL_PART_IDENTIFIERS, "identifiers", N_("Vehicles, phones, online and financial") },
  { TL_PART_NARRATIVE, "narrative", N_("Narrative") },
  { 0, NULL, NULL },
};
