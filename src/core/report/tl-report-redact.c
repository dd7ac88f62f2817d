/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <string.h>

#include "tl-disclosure-private.h"
#include "tl-report-private.h"
#include "tl-safety-plan.h"

/* The redacted tip behind the XML export and the HTCDS rows. Each field is cleared on
 * the same answer (_tl_withhold_field with the keys and classes tl_tip_describe() gives
 * it) that blanks it in the printed report; test-report checks that describing the
 * redacted tip yields nothing the profile withholds. */

typedef struct
{
  const TlWithholdContext *ctx;
  TlScrubber *scrubber;
  const char *section;
  int index;
} Redactor;

/* helpers */

static gboolean
withheld (Redactor     *r,
          const char   *key,
          TlFieldFlags  flags)
{
  return _tl_withhold_field (r->ctx, r->section, r->index, key, flags, NULL) != TL_WITHHOLD_NONE;
}

/* Clear a withheld string; clean a kept one when it is free text. */
static void
text (Redactor     *r,
      char        **field,
      const char   *key,
      TlFieldFlags  flags)
{
  char *scrubbed;

  if (*field == NULL)
    return;
  if (withheld (r, key, flags))
    {
      g_clear_pointer (field, g_free);
      return;
    }
  if (!_tl_disclosure_is_free_text (r->ctx->tip, r->section, r->index, key))
    {
      /* a structured value that is itself a withheld value */
      if (_tl_scrubber_withheld_whole (r->scrubber, *field) != NULL)
        g_clear_pointer (field, g_free);
      return;
    }
  scrubbed = _tl_scrubber_apply (r->scrubber, *field);
  g_free (*field);
  *field = scrubbed;
}

/* A call-back safety plan, field by field under its own section's rows. */
static void
redact_plan (Redactor     *r,
             const char   *section,
             int           index,
             TlSafetyPlan *plan)
{
  const char *saved_section = r->section;
  int saved_index = r->index;
  const TlFieldFlags internal = TL_FIELD_INTERNAL;

  r->section = section;
  r->index = index;
  if (withheld (r, "safe", internal))
    plan->call_back = TL_CALL_BACK_UNKNOWN;
  if (withheld (r, "window", internal))
    {
      plan->days = 0;
      plan->from = plan->to = 0;
      g_clear_pointer (&plan->timezone, g_free);
    }
  if (withheld (r, "message", internal))
    plan->message = TL_MESSAGE_UNKNOWN;
  text (r, &plan->message_text, "message-text", internal);
  text (r, &plan->ask_for, "ask-for", internal);
  text (r, &plan->code_word, "code-word", internal);
  text (r, &plan->if_dropped, "if-dropped", internal);
  r->section = saved_section;
  r->index = saved_index;
}

static void
redact_victim (Redactor *r,
               TlVictim *v)
{
  const TlFieldFlags id = TL_FIELD_VICTIM_IDENTITY;

  text (r, &v->name, "name", id);
  text (r, &v->description, "description", TL_FIELD_PLAIN);
  text (r, &v->birth_date, "birth-date", id);
  text (r, &v->language, "language", id);
  text (r, &v->phone, "phone", id);
  text (r, &v->email, "email", id);
  text (r, &v->address, "address", id);
  text (r, &v->age, "age", TL_FIELD_PLAIN);
  text (r, &v->country, "country", TL_FIELD_PLAIN);
  text (r, &v->release_date, "release-date", TL_FIELD_PLAIN);
  text (r, &v->release_language, "release-language", TL_FIELD_PLAIN);
  if (withheld (r, "gender", TL_FIELD_PLAIN))
    v->gender = TL_GENDER_UNKNOWN;
  if (withheld (r, "citizenship", TL_FIELD_PLAIN))
    v->citizenship = 0;
  if (withheld (r, "law-enforcement", TL_FIELD_PLAIN))
    v->stance = TL_STANCE_UNDECIDED;
  if (withheld (r, "release-signed", TL_FIELD_PLAIN))
    v->release_signed = FALSE;
  if (withheld (r, "needs", TL_FIELD_VICTIM_NEEDS))
    v->needs = 0;
  redact_plan (r, "victim-call-back", r->index, &v->plan);
}

static void
redact_offender (Redactor   *r,
                 TlOffender *o)
{
  const TlFieldFlags intel = TL_FIELD_OFFENDER_INTEL;

  text (r, &o->name, "name", intel);
  text (r, &o->alias, "alias", intel);
  text (r, &o->age, "age", intel);
  text (r, &o->birth_date, "birth-date", intel);
  text (r, &o->description, "description", intel);
  text (r, &o->address, "address", intel);
  text (r, &o->marks, "marks", intel);
  if (withheld (r, "gender", intel))
    o->gender = TL_GENDER_UNKNOWN;
  if (withheld (r, "role", intel))
    o->role = TL_OFFENDER_ROLE_UNKNOWN;
}

/* Vehicles, phones, online and financial entries: all or nothing, since a vehicle
 * without its plate or a phone without its number says nothing. */
static void
redact_list (Redactor    *r,
             GPtrArray   *list,
             const char  *section,
             const char  *probe_key,
             TlFieldFlags (*flags_of) (gconstpointer item))
{
  r->section = section;
  for (guint i = list->len; i > 0; i--)
    {
      r->index = (int) i - 1;
      if (withheld (r, probe_key, flags_of (g_ptr_array_index (list, i - 1))))
        g_ptr_array_remove_index (list, i - 1);
    }
}

static TlFieldFlags
intel_flags (gconstpointer item)
{
  return TL_FIELD_OFFENDER_INTEL;
}

static TlFieldFlags
phone_flags (gconstpointer item)
{
  const TlPhone *p = item;

  return p->owner == TL_PHONE_OWNER_VICTIM ? TL_FIELD_VICTIM_IDENTITY : TL_FIELD_OFFENDER_INTEL;
}

static TlFieldFlags
internal_flags (gconstpointer item)
{
  return TL_FIELD_INTERNAL;
}

/* Free-text members of the entries left in a list: cleaned. */
static void
scrub_all (Redactor  *r,
           GPtrArray *list,
           gsize      offsets[],
           guint      n_offsets)
{
  for (guint i = 0; i < list->len; i++)
    {
      guint8 *item = g_ptr_array_index (list, i);

      for (guint j = 0; j < n_offsets; j++)
        {
          char **field = (char **) (item + offsets[j]);
          char *scrubbed = _tl_scrubber_apply (r->scrubber, *field);

          g_free (*field);
          *field = scrubbed;
        }
    }
}

/* Structured members of the entries left in a list: never cleaned word by word, but
 * cleared when the whole value is one the report withholds. */
static void
clear_whole (Redactor  *r,
             GPtrArray *list,
             gsize      offsets[],
             guint      n_offsets)
{
  for (guint i = 0; i < list->len; i++)
    {
      guint8 *item = g_ptr_array_index (list, i);

      for (guint j = 0; j < n_offsets; j++)
        {
          char **field = (char **) (item + offsets[j]);

          if (_tl_scrubber_withheld_whole (r->scrubber, *field) != NULL)
            g_clear_pointer (field, g_free);
        }
    }
}

/* private API */

TlTip *
_tl_report_redact_tip (const TlWithholdContext *ctx,
                       TlScrubber              *scrubber)
{
  TlTip *tip = tl_tip_copy (ctx->tip);
  Redactor r = { ctx, scrubber, "intake", -1 };
  /* the free-text members (the table's "free text" column) */
  gsize vehicle_fields[] = { G_STRUCT_OFFSET (TlVehicle, description) };
  gsize referral_fields[] = { G_STRUCT_OFFSET (TlReferral, step), G_STRUCT_OFFSET (TlReferral, note) };

  if (withheld (&r, "reporter-role", TL_FIELD_PLAIN))
    tip->reporter_role = TL_REPORTER_NONE;
  if (withheld (&r, "reporter-anonymous", TL_FIELD_PLAIN))
    tip->reporter_anonymous = FALSE;
  else if (tip->reporter_role == TL_REPORTER_NONE && ctx->tip->reporter_role == TL_REPORTER_ANONYMOUS)
    tip->reporter_anonymous = TRUE;
  if (withheld (&r, "sources", TL_FIELD_INTERNAL))
    memset (tip->sources, 0, sizeof tip->sources);
  text (&r, &tip->reporter_name, "reporter-name", TL_FIELD_REPORTER_IDENTITY);
  text (&r, &tip->reporter_phone, "reporter-phone", TL_FIELD_REPORTER_IDENTITY);
  text (&r, &tip->reporter_email, "reporter-email", TL_FIELD_REPORTER_IDENTITY);
  text (&r, &tip->advocate, "advocate", TL_FIELD_INTERNAL);
  text (&r, &tip->close_reason, "close-reason", TL_FIELD_INTERNAL);
  redact_plan (&r, "reporter-call-back", -1, &tip->reporter_plan);

  r.section = "situation";
  if (withheld (&r, "type", TL_FIELD_PLAIN))
    tip->type = TL_TRAFFICKING_UNKNOWN;
  if (withheld (&r, "venue", TL_FIELD_PLAIN))
    tip->venue = TL_VENUE_NONE;
  text (&r, &tip->venue_detail, "venue-detail", TL_FIELD_PLAIN);
  text (&r, &tip->operation, "operation", TL_FIELD_PLAIN);
  if (withheld (&r, "release-policy", TL_FIELD_INTERNAL))
    tip->release_policy = TL_RELEASE_POLICY_UNKNOWN;

  r.section = "location";
  text (&r, &tip->location.address, "address", TL_FIELD_PLAIN);
  text (&r, &tip->location.city, "city", TL_FIELD_PLAIN);
  text (&r, &tip->location.county, "county", TL_FIELD_PLAIN);
  text (&r, &tip->location.state, "state", TL_FIELD_PLAIN);
  text (&r, &tip->location.description, "description", TL_FIELD_PLAIN);

  r.section = "victim";
  for (guint i = 0; i < tip->victims->len; i++)
    {
      r.index = (int) i;
      redact_victim (&r, g_ptr_array_index (tip->victims, i));
    }

  r.section = "offender";
  for (guint i = 0; i < tip->offenders->len; i++)
    {
      r.index = (int) i;
      redact_offender (&r, g_ptr_array_index (tip->offenders, i));
    }

  /* the phone's owner is read from the original tip, so go by the original's index
   * before anything is removed: redact_list walks from the end */
  redact_list (&r, tip->vehicles, "vehicle", "plate", intel_flags);
  redact_list (&r, tip->phones, "phone", "number", phone_flags);
  redact_list (&r, tip->online, "online", "value", intel_flags);
  redact_list (&r, tip->financial, "financial", "value", intel_flags);
  redact_list (&r, tip->referrals, "referral", "step", internal_flags);

  {
    gsize vehicle_whole[] = { G_STRUCT_OFFSET (TlVehicle, plate), G_STRUCT_OFFSET (TlVehicle, make),
                              G_STRUCT_OFFSET (TlVehicle, model) };
    gsize online_whole[] = { G_STRUCT_OFFSET (TlOnline, platform), G_STRUCT_OFFSET (TlOnline, value) };
    gsize financial_whole[] = { G_STRUCT_OFFSET (TlFinancial, institution),
                                G_STRUCT_OFFSET (TlFinancial, holder),
                                G_STRUCT_OFFSET (TlFinancial, value) };
    gsize referral_whole[] = { G_STRUCT_OFFSET (TlReferral, contact_name),
                               G_STRUCT_OFFSET (TlReferral, advocate) };

    clear_whole (&r, tip->vehicles, vehicle_whole, G_N_ELEMENTS (vehicle_whole));
    clear_whole (&r, tip->online, online_whole, G_N_ELEMENTS (online_whole));
    clear_whole (&r, tip->financial, financial_whole, G_N_ELEMENTS (financial_whole));
    clear_whole (&r, tip->referrals, referral_whole, G_N_ELEMENTS (referral_whole));
  }
  scrub_all (&r, tip->vehicles, vehicle_fields, G_N_ELEMENTS (vehicle_fields));
  scrub_all (&r, tip->referrals, referral_fields, G_N_ELEMENTS (referral_fields));
  /* the stages kept with a referral: reasons cleaned, names withheld whole cleared */
  r.section = "referral";
  for (guint i = 0; i < tip->referrals->len; i++)
    {
      TlReferral *referral = g_ptr_array_index (tip->referrals, i);

      r.index = (int) i;
      if (withheld (&r, "stages", TL_FIELD_INTERNAL))
        g_clear_pointer (&referral->moves, g_ptr_array_unref);
      for (guint m = 0; referral->moves != NULL && m < referral->moves->len; m++)
        {
          TlReferralMove *move = g_ptr_array_index (referral->moves, m);
          char *scrubbed = _tl_scrubber_apply (r.scrubber, move->reason);

          g_free (move->reason);
          move->reason = scrubbed;
          if (_tl_scrubber_withheld_whole (r.scrubber, move->advocate) != NULL)
            g_clear_pointer (&move->advocate, g_free);
        }
    }

  r.section = "narrative";
  r.index = -1;
  text (&r, &tip->narrative, "narrative", TL_FIELD_PLAIN);

  return tip;
}
