/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-routing-truth"

#include "config.h"

#include <string.h>

#include "tl-i18n.h"
#include "tl-protocol-set.h"
#include "tl-router.h"
#include "tl-tip.h"

/* Issue 14, "routing truth": scenarios written from the seeds, expectations fixed before
 * routing. Each case is routed in English and in Spanish; both must name the same
 * contacts in the same order, with Spanish text. Every case also checks the rules that
 * hold for every plan: step 1 is 911 whenever there is immediate danger, a child's
 * protective intake comes before everything but 911, a contact appears in one step only,
 * every step cites its source, and the plan names its time zone. */

typedef struct
{
  const char *age;
  const char *birth_date;
  TlCitizenship citizenship;
  TlStance stance;
  gboolean release_signed;
} V;

typedef struct
{
  const char *name;
  const char *state;
  TlDanger danger;
  TlReporterRole reporter;
  TlReleasePolicy policy;
  const char *received;          /* ISO 8601; routing happens at the same moment */
  V victims[3];
  const char *protocol;          /* expected protocol id */
  const char *first;             /* step 1 as action[contact ids] */
  const char *must[6];           /* contact ids that must appear */
  const char *must_not[6];       /* contact ids that must not appear */
  const char *warnings[2];       /* substring of a warning, English */
  const char *warnings_es[2];    /* the same warnings, Spanish */
} Case;

#define NM_NOON "2026-11-18T12:00:00-07:00"
#define MS_NOON "2026-11-18T12:00:00-06:00"
/* 22:30 on 24 Nov in New Mexico, 23:30 in Mississippi, already the 25th in UTC. */
#define LATE_24TH_UTC "2026-11-25T05:30:00Z"
/* 01:00 on 25 Nov in New Mexico, 02:00 in Mississippi. */
#define EARLY_25TH_UTC "2026-11-25T08:00:00Z"

#define NONE { { NULL } }
#define ADULT(c, s) { "34", NULL, c, s, FALSE }
#define SIGNED(c, s) { "29", NULL, c, s, TRUE }
#define CHILD(a, c, s) { a, NULL, c, s, FALSE }
#define BORN(d) { NULL, d, TL_CITIZENSHIP_US_CITIZEN, TL_STANCE_UNDECIDED, FALSE }

#define US TL_CITIZENSHIP_US_CITIZEN
#define LPR TL_CITIZENSHIP_PERMANENT_RESIDENT
#define FN TL_CITIZENSHIP_FOREIGN_NATIONAL
#define CIT_UNKNOWN TL_CITIZENSHIP_UNKNOWN
#define NOW TL_STANCE_REPORT_NOW
#define LATER TL_STANCE_TALK_LATER
#define ANON TL_STANCE_ANONYMOUS_TIP
#define UNDECIDED TL_STANCE_UNDECIDED

#define CONFIDENTIAL "Be aware of your agency's confidential communications policy."
#define CONFIDENTIAL_ES "Tenga presente la política de comunicaciones confidenciales de su agencia."
#define VOICEMAIL "Do not leave details on voicemail."
#define VOICEMAIL_ES "No deje detalles en el buzón de voz."
#define UNSIGNED "has not signed a release"
#define UNSIGNED_ES "no ha firmado una autorización"

static const Case cases[] = {
  /* A tip with no victim recorded: offender, vehicle and phone intelligence. */
  { "nm/intelligence-no-victim", "NM", TL_DANGER_NONE, TL_REPORTER_ANONYMOUS, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    NONE, "us-nm", "call[national-hotline]", { "national-hotline" }, { "emergency-911", "cyfd-sci", "life-link" } },
  { "nm/intelligence-no-victim-danger-unknown", "NM", TL_DANGER_UNKNOWN, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    NONE, "us-nm", "call[national-hotline]", { "national-hotline" }, { "emergency-911", "nm-ag-ht-unit" } },
  { "nm/intelligence-no-victim-in-danger", "NM", TL_DANGER_IMMEDIATE, TL_REPORTER_ANONYMOUS, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    NONE, "us-nm", "call[emergency-911]", { "emergency-911", "national-hotline" }, { "cyfd-sci" } },
  { "nm/law-enforcement-reporter-no-victim", "NM", TL_DANGER_NONE, TL_REPORTER_LAW_ENFORCEMENT, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    NONE, "us-nm", "call[national-hotline]", { "national-hotline" }, { "ms-report-ht" } },
  { "ms/intelligence-no-victim", "MS", TL_DANGER_NONE, TL_REPORTER_ANONYMOUS, TL_RELEASE_POLICY_UNKNOWN, MS_NOON,
    NONE, "us-ms", "call[national-hotline]", { "national-hotline" }, { "emergency-911", "mdcps-mci", "ms-crime-stoppers", "ms-mbi-ht" } },
  { "ms/intelligence-no-victim-in-danger", "MS", TL_DANGER_IMMEDIATE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_UNKNOWN, MS_NOON,
    NONE, "us-ms", "call[emergency-911]", { "emergency-911", "national-hotline" }, { "mdcps-mci" } },
  { "national/intelligence-no-state", NULL, TL_DANGER_NONE, TL_REPORTER_ANONYMOUS, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    NONE, "national", "call[national-hotline]", { "national-hotline" }, { "emergency-911" } },

  /* Age on the calendar date in the protocol's time zone. */
  { "nm/age-17-at-22:30-denver", "NM", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, LATE_24TH_UTC,
    { BORN ("2008-11-25") }, "us-nm", "call[cyfd-sci]", { "cyfd-sci", "national-hotline" }, { "emergency-911" } },
  { "nm/age-18-at-01:00-denver", "NM", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, EARLY_25TH_UTC,
    { BORN ("2008-11-25") }, "us-nm", "call[national-hotline]", { "national-hotline" }, { "cyfd-sci" } },
  { "ms/age-17-at-23:30-chicago", "MS", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, LATE_24TH_UTC,
    { BORN ("2008-11-25") }, "us-ms", "call[mdcps-mci]", { "mdcps-mci", "national-hotline" }, { "emergency-911" } },
  { "ms/age-18-at-02:00-chicago", "MS", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, EARLY_25TH_UTC,
    { BORN ("2008-11-25") }, "us-ms", "call[national-hotline]", { "national-hotline" }, { "mdcps-mci" } },
  { "nm/age-offset-in-the-file-does-not-matter", "NM", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, "2026-11-25T07:30:00+02:00",
    { BORN ("2008-11-25") }, "us-nm", "call[cyfd-sci]", { "cyfd-sci" }, { "emergency-911" } },

  /* States as people write them. */
  { "nm/state-full-name", "New Mexico", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { CHILD ("16", US, UNDECIDED) }, "us-nm", "call[cyfd-sci]", { "cyfd-sci" }, { "mdcps-mci" } },
  { "nm/state-spanish-name", "Nuevo México", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { CHILD ("16", US, UNDECIDED) }, "us-nm", "call[cyfd-sci]", { "cyfd-sci" }, { NULL } },
  { "nm/state-with-periods", "N.M.", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { CHILD ("16", US, UNDECIDED) }, "us-nm", "call[cyfd-sci]", { "cyfd-sci" }, { NULL } },
  { "nm/state-any-case-no-accent", "NUEVO MEXICO", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { CHILD ("16", US, UNDECIDED) }, "us-nm", "call[cyfd-sci]", { "cyfd-sci" }, { NULL } },
  { "nm/state-lower-case-code", " nm ", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { CHILD ("16", US, UNDECIDED) }, "us-nm", "call[cyfd-sci]", { "cyfd-sci" }, { NULL } },
  { "ms/state-full-name", "mississippi", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { CHILD ("15", US, UNDECIDED) }, "us-ms", "call[mdcps-mci]", { "mdcps-mci" }, { "cyfd-sci" } },
  { "ms/state-spanish-name", "Misisipi", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { CHILD ("15", US, UNDECIDED) }, "us-ms", "call[mdcps-mci]", { "mdcps-mci" }, { NULL } },
  { "national/state-full-name-without-protocol", "Texas", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { CHILD ("15", US, UNDECIDED) }, "national", "call[]", { "national-hotline" }, { "cyfd-sci", "mdcps-mci" } },
  { "national/not-a-state", "Atlantis", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    NONE, "national", "call[national-hotline]", { "national-hotline" }, { NULL } },

  /* Lawful permanent residents are non-U.S. citizens: the immigration-attorney step. */
  { "nm/permanent-resident-talk-later", "NM", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { ADULT (LPR, LATER) }, "us-nm", "consult[nm-immigrant-law-center]", { "nm-immigrant-law-center", "nm-ag-ht-unit", "national-hotline" }, { "life-link" },
    { VOICEMAIL }, { VOICEMAIL_ES } },
  { "nm/us-citizen-talk-later-no-attorney", "NM", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { ADULT (US, LATER) }, "us-nm", "follow-guidelines[]", { "nm-ag-ht-unit" }, { "nm-immigrant-law-center" },
    { VOICEMAIL }, { VOICEMAIL_ES } },
  { "ms/permanent-resident-talk-later", "MS", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { ADULT (LPR, LATER) }, "us-ms", "consult[]", { "ms-mbi-ht", "national-hotline" }, { "ms-crime-stoppers" },
    { VOICEMAIL }, { VOICEMAIL_ES } },
  { "national/permanent-resident-talk-later", "TX", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { ADULT (LPR, LATER) }, "national", "consult[]", { "national-hotline" }, { "emergency-911" } },
  { "nm/foreign-national-talk-later-signed", "NM", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_REQUIRED, NM_NOON,
    { SIGNED (FN, LATER) }, "us-nm", "consult[nm-immigrant-law-center]", { "nm-ag-ht-unit" }, { "life-link" },
    { VOICEMAIL }, { VOICEMAIL_ES } },

  /* Order: immediate danger, then a child's protective intake, then the rest. */
  { "nm/child-in-danger", "NM", TL_DANGER_IMMEDIATE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    { CHILD ("15", US, UNDECIDED) }, "us-nm", "call[emergency-911]", { "emergency-911", "cyfd-sci", "national-hotline" }, { "life-link" } },
  { "nm/child-talk-later-foreign", "NM", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_REQUIRED, NM_NOON,
    { CHILD ("12", FN, LATER) }, "us-nm", "call[cyfd-sci]", { "cyfd-sci", "nm-immigrant-law-center", "nm-ag-ht-unit" }, { "emergency-911" },
    { CONFIDENTIAL, VOICEMAIL }, { CONFIDENTIAL_ES, VOICEMAIL_ES } },
  { "ms/law-enforcement-reporter-child", "MS", TL_DANGER_NONE, TL_REPORTER_LAW_ENFORCEMENT, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { CHILD ("14", US, NOW) }, "us-ms", "call[mdcps-mci]", { "mdcps-mci", "ms-report-ht", "ms-ht-coordinator", "ms-mbi-assistance", "ms-mbi-ht" }, { "emergency-911" } },
  { "ms/law-enforcement-reporter-child-in-danger", "MS", TL_DANGER_IMMEDIATE, TL_REPORTER_LAW_ENFORCEMENT, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { CHILD ("14", US, UNDECIDED) }, "us-ms", "call[emergency-911]", { "emergency-911", "mdcps-mci", "ms-report-ht" }, { "ms-crime-stoppers" } },
  { "ms/law-enforcement-reporter-no-victim", "MS", TL_DANGER_NONE, TL_REPORTER_LAW_ENFORCEMENT, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    NONE, "us-ms", "email[ms-report-ht]", { "ms-report-ht", "ms-ht-coordinator", "ms-mbi-assistance", "national-hotline" }, { "mdcps-mci" } },
  { "national/child-in-danger", NULL, TL_DANGER_IMMEDIATE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    { CHILD ("13", US, UNDECIDED) }, "national", "call[emergency-911]", { "emergency-911", "national-hotline" }, { NULL } },
  { "national/child-anonymous-tip", "WY", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_REQUIRED, NM_NOON,
    { CHILD ("16", US, ANON) }, "national", "call[]", { "national-hotline" }, { "emergency-911" },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },

  /* Duplicates: the national hotline once, however many rules ask for it. */
  { "nm/danger-and-anonymous-tip", "NM", TL_DANGER_IMMEDIATE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    { ADULT (US, ANON) }, "us-nm", "call[emergency-911]", { "emergency-911", "national-hotline", "life-link" }, { "cyfd-sci" },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },
  { "ms/danger-and-anonymous-tip", "MS", TL_DANGER_IMMEDIATE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_UNKNOWN, MS_NOON,
    { ADULT (US, ANON) }, "us-ms", "call[emergency-911]", { "emergency-911", "national-hotline", "ms-crime-stoppers" }, { "mdcps-mci" },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },
  { "national/danger-and-anonymous-tip", "TX", TL_DANGER_IMMEDIATE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    { ADULT (US, ANON) }, "national", "call[emergency-911]", { "emergency-911", "national-hotline" }, { NULL },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },
  { "nm/report-now-and-anonymous-tip", "NM", TL_DANGER_NONE, TL_REPORTER_SERVICE_PROVIDER, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { ADULT (US, NOW), ADULT (US, ANON) }, "us-nm", "follow-guidelines[]", { "life-link", "national-hotline" }, { "nm-ag-ht-unit" } },

  /* The confidential communications policy, and the release. */
  { "nm/report-now-release-required", "NM", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_REQUIRED, NM_NOON,
    { ADULT (US, NOW) }, "us-nm", "obtain-release[]", { "life-link", "national-hotline" }, { "nm-ag-ht-unit" },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },
  { "ms/report-now-release-unknown", "MS", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_UNKNOWN, MS_NOON,
    { ADULT (US, NOW) }, "us-ms", "obtain-release[]", { "ms-mbi-ht", "national-hotline" }, { "ms-crime-stoppers" },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },
  { "national/talk-later-release-required", "TX", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_REQUIRED, NM_NOON,
    { ADULT (US, LATER) }, "national", "obtain-release[]", { "national-hotline" }, { "emergency-911" },
    { CONFIDENTIAL, UNSIGNED }, { CONFIDENTIAL_ES, UNSIGNED_ES } },
  { "nm/anonymous-tip-signed-release", "NM", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_REQUIRED, NM_NOON,
    { SIGNED (US, ANON) }, "us-nm", "call[national-hotline,life-link]", { "national-hotline", "life-link" }, { "emergency-911" } },

  /* The common cases stay right. */
  { "nm/report-now", "NM", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_NOT_REQUIRED, NM_NOON,
    { ADULT (US, NOW) }, "us-nm", "follow-guidelines[]", { "life-link", "national-hotline" }, { "nm-ag-ht-unit", "emergency-911" } },
  { "ms/report-now", "MS", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { ADULT (US, NOW) }, "us-ms", "follow-guidelines[]", { "ms-mbi-ht", "national-hotline" }, { "ms-crime-stoppers", "ms-report-ht" } },
  { "ms/talk-later-voicemail", "MS", TL_DANGER_NONE, TL_REPORTER_VICTIM, TL_RELEASE_POLICY_NOT_REQUIRED, MS_NOON,
    { ADULT (US, LATER) }, "us-ms", "follow-guidelines[]", { "ms-mbi-ht" }, { "ms-mbi-assistance" },
    { VOICEMAIL }, { VOICEMAIL_ES } },
  { "nm/undecided-adult", "NM", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_UNKNOWN, NM_NOON,
    { ADULT (CIT_UNKNOWN, UNDECIDED) }, "us-nm", "call[national-hotline]", { "national-hotline" }, { "life-link", "nm-ag-ht-unit", "cyfd-sci" } },
  { "ms/child-undecided", "MS", TL_DANGER_NONE, TL_REPORTER_THIRD_PARTY, TL_RELEASE_POLICY_UNKNOWN, MS_NOON,
    { CHILD ("9", CIT_UNKNOWN, UNDECIDED) }, "us-ms", "call[mdcps-mci]", { "mdcps-mci", "national-hotline" }, { "ms-mbi-ht" } },
};

static TlProtocolSet *bundled;

static TlTip *
build_tip (const Case *c)
{
  TlTip *tip = tl_tip_new ();

  g_clear_pointer (&tip->received, g_date_time_unref);
  tip->received = g_date_time_new_from_iso8601 (c->received, NULL);
  g_assert_nonnull (tip->received);
  tl_set_str (&tip->location.state, c->state);
  tip->danger = c->danger;
  tip->reporter_role = c->reporter;
  tip->release_policy = c->policy;
  tip->type = TL_TRAFFICKING_SEX;
  for (guint i = 0; i < G_N_ELEMENTS (c->victims); i++)
    {
      const V *v = &c->victims[i];
      TlVictim *victim;

      if (v->age == NULL && v->birth_date == NULL)
        break;
      victim = tl_victim_new ();
      tl_set_str (&victim->age, v->age);
      tl_set_str (&victim->birth_date, v->birth_date);
      victim->citizenship = v->citizenship;
      victim->stance = v->stance;
      victim->release_signed = v->release_signed;
      g_ptr_array_add (tip->victims, victim);
    }
  return tip;
}

static char *
step_signature (const TlPlanStep *step)
{
  GString *sig = g_string_new (tl_enum_to_nick (tl_action_values, step->action));

  g_string_append_c (sig, '[');
  for (guint i = 0; i < step->contacts->len; i++)
    g_string_append_printf (sig, "%s%s", i > 0 ? "," : "",
                            ((const TlPlanContact *) g_ptr_array_index (step->contacts, i))->contact->id);
  g_string_append_c (sig, ']');
  return g_string_free (sig, FALSE);
}

/* Every contact id of the plan, in order. */
static char *
contact_sequence (const TlPlan *plan)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < plan->steps->len; i++)
    {
      g_autofree char *sig = step_signature (g_ptr_array_index (plan->steps, i));

      g_string_append_printf (out, "%s ", sig);
    }
  return g_string_free (out, FALSE);
}

static guint
count_contact (const TlPlan *plan,
               const char   *id)
{
  guint n = 0;

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *step = g_ptr_array_index (plan->steps, i);

      for (guint k = 0; k < step->contacts->len; k++)
        if (g_strcmp0 (((const TlPlanContact *) g_ptr_array_index (step->contacts, k))->contact->id, id) == 0)
          n++;
    }
  return n;
}

static guint
band_of (const TlPlanStep *step)
{
  for (guint k = 0; k < step->contacts->len; k++)
    if (((const TlPlanContact *) g_ptr_array_index (step->contacts, k))->contact->kind == TL_CONTACT_KIND_EMERGENCY)
      return 0;
  return step->service == TL_SERVICE_CHILD_PROTECTION ? 1 : 2;
}

static gboolean
plan_warns (const TlPlan *plan,
            const char   *needle)
{
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *step = g_ptr_array_index (plan->steps, i);

      for (guint k = 0; k < step->warnings->len; k++)
        if (strstr (g_ptr_array_index (step->warnings, k), needle) != NULL)
          return TRUE;
    }
  return FALSE;
}

static TlPlan *
route_case (const Case *c,
            const char *lang)
{
  g_autoptr(TlTip) tip = build_tip (c);
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (c->received, NULL);
  g_autoptr(GError) error = NULL;
  TlPlan *plan;

  tl_i18n_set_language (lang);
  plan = tl_router_route_in_set (bundled, tip, NULL, at, lang, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
check_plan (const Case   *c,
            const TlPlan *plan,
            gboolean      spanish)
{
  const char * const *warnings = spanish ? c->warnings_es : c->warnings;
  g_autofree char *first = NULL;
  guint band = 0;

  g_assert_cmpstr (tl_protocol_get_id (plan->protocol), ==, c->protocol);
  g_assert_cmpuint (plan->steps->len, >, 0);
  first = step_signature (g_ptr_array_index (plan->steps, 0));
  if (g_strcmp0 (first, c->first) != 0)
    g_error ("%s (%s): step 1 is %s, expected %s", c->name, plan->lang, first, c->first);

  for (guint i = 0; i < G_N_ELEMENTS (c->must) && c->must[i] != NULL; i++)
    if (count_contact (plan, c->must[i]) != 1)
      g_error ("%s (%s): %s appears %u times, expected once", c->name, plan->lang, c->must[i], count_contact (plan, c->must[i]));
  for (guint i = 0; i < G_N_ELEMENTS (c->must_not) && c->must_not[i] != NULL; i++)
    if (count_contact (plan, c->must_not[i]) != 0)
      g_error ("%s (%s): %s must not appear", c->name, plan->lang, c->must_not[i]);
  for (guint i = 0; i < G_N_ELEMENTS (c->warnings) && warnings[i] != NULL; i++)
    if (!plan_warns (plan, warnings[i]))
      g_error ("%s (%s): no warning says \"%s\"", c->name, plan->lang, warnings[i]);

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *step = g_ptr_array_index (plan->steps, i);
      gboolean step_source = FALSE;

      /* Immediate danger, then child intake, then the rest. */
      g_assert_cmpuint (band_of (step), >=, band);
      band = band_of (step);
      /* A contact is named in one step only. */
      for (guint k = 0; k < step->contacts->len; k++)
        g_assert_cmpuint (count_contact (plan, ((const TlPlanContact *) g_ptr_array_index (step->contacts, k))->contact->id), ==, 1);
      for (guint k = 0; k < step->sources->len; k++)
        step_source |= ((const TlPlanSource *) g_ptr_array_index (step->sources, k))->about == NULL;
      if (!step_source)
        g_error ("%s: step %u has no source", c->name, i + 1);
    }
  if (c->danger == TL_DANGER_IMMEDIATE)
    g_assert_true (g_str_has_prefix (first, "call[emergency-911"));

  if (g_str_equal (c->protocol, "us-nm"))
    g_assert_cmpstr (plan->timezone, ==, "America/Denver");
  else if (g_str_equal (c->protocol, "us-ms"))
    g_assert_cmpstr (plan->timezone, ==, "America/Chicago");
  else
    g_assert_nonnull (plan->timezone);
}

/* Words Spanish plans must not use (glossary: law enforcement is «las agencias del orden
 * público») and English that must not leak into them. */
static void
check_spanish_text (const Case *c,
                    const char *text)
{
  static const char * const banned[] = { "autoridades", "fuerzas del orden", "Why:", "WARNING:",
                                         "(missing:", "location/", "victims/", "reporter/", "Source:" };

  for (guint i = 0; i < G_N_ELEMENTS (banned); i++)
    if (strstr (text, banned[i]) != NULL)
      g_error ("%s: the Spanish plan says \"%s\":\n%s", c->name, banned[i], text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(TlPlan) en = route_case (c, "en");
  g_autofree char *en_text = tl_plan_to_text_explained (en);
  g_autoptr(TlPlan) es = route_case (c, "es");
  g_autofree char *es_text = tl_plan_to_text (es);
  g_autofree char *es_explained = tl_plan_to_text_explained (es);
  g_autofree char *en_seq = contact_sequence (en);
  g_autofree char *es_seq = contact_sequence (es);

  tl_i18n_set_language ("en");
  check_plan (c, en, FALSE);
  check_plan (c, es, TRUE);

  /* Same contacts, same order; Spanish words. */
  g_assert_cmpstr (en_seq, ==, es_seq);
  for (guint i = 0; i < en->steps->len; i++)
    g_assert_cmpstr (((TlPlanStep *) g_ptr_array_index (en->steps, i))->text, !=,
                     ((TlPlanStep *) g_ptr_array_index (es->steps, i))->text);
  check_spanish_text (c, es_text);
  g_assert_nonnull (strstr (es_explained, "Fuente: "));
  g_assert_nonnull (strstr (en_text, "Source: "));
  g_assert_nonnull (strstr (en_text, en->timezone));
  if (g_test_verbose ())
    g_printerr ("%s\n%s\n%s\n", c->name, en_text, es_text);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  tl_i18n_init ();
  /* GLib decides at the first translated message whether to translate at all; decide
   * with Spanish, then switch per plan. */
  tl_i18n_set_language ("es");
  g_test_init (&argc, &argv, NULL);

  bundled = tl_protocol_set_new ();
  tl_protocol_set_add_bundled (bundled);
  g_assert_cmpuint (tl_protocol_set_get_problems (bundled)->len, ==, 0);
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/routing-truth/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  result = g_test_run ();
  tl_protocol_set_free (bundled);
  return result;
}
