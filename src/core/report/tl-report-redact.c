/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include "tl-report-private.h"

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

/* Clear a withheld string; scrub a kept one. */
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
  scrubbed = _tl_scrubber_apply (r->scrubber, *field);
  g_free (*field);
  *field = scrubbed;
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
  if (withheld (r, "needs", TL_FIELD_VICTIM_NEEDS))
    v->needs = 0;
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

/* private API */

TlTip *
_tl_report_redact_tip (const TlWithholdContext *ctx,
                       TlScrubber              *scrubber)
{
  TlTip *tip = tl_tip_copy (ctx->tip);
  Redactor r = { ctx, scrubber, "intake", -1 };
  gsize vehicle_fields[] = {
    G_STRUCT_OFFSET (TlVehicle, plate), G_STRUCT_OFFSET (TlVehicle, plate_state),
    G_STRUCT_OFFSET (TlVehicle, make), G_STRUCT_OFFSET (TlVehicle, model),
    G_STRUCT_OFFSET (TlVehicle, color), G_STRUCT_OFFSET (TlVehicle, year),
    G_STRUCT_OFFSET (TlVehicle, description),
  };
  gsize phone_fields[] = { G_STRUCT_OFFSET (TlPhone, number), G_STRUCT_OFFSET (TlPhone, carrier) };
  gsize online_fields[] = { G_STRUCT_OFFSET (TlOnline, platform), G_STRUCT_OFFSET (TlOnline, value) };
  gsize financial_fields[] = {
    G_STRUCT_OFFSET (TlFinancial, institution), G_STRUCT_OFFSET (TlFinancial, holder),
    G_STRUCT_OFFSET (TlFinancial, value),
  };
  gsize referral_fields[] = {
    G_STRUCT_OFFSET (TlReferral, contact_name), G_STRUCT_OFFSET (TlReferral, step),
    G_STRUCT_OFFSET (TlReferral, note), G_STRUCT_OFFSET (TlReferral, advocate),
  };

  text (&r, &tip->reporter_name, "reporter-name", TL_FIELD_REPORTER_IDENTITY);
  text (&r, &tip->reporter_phone, "reporter-phone", TL_FIELD_REPORTER_IDENTITY);
  text (&r, &tip->reporter_email, "reporter-email", TL_FIELD_REPORTER_IDENTITY);
  text (&r, &tip->advocate, "advocate", TL_FIELD_INTERNAL);

  r.section = "situation";
  text (&r, &tip->venue_detail, "venue-detail", TL_FIELD_PLAIN);
  text (&r, &tip->operation, "operation", TL_FIELD_PLAIN);
  if (withheld (&r, "release-policy", TL_FIELD_INTERNAL))
    tip->release_policy = TL_RELEASE_POLICY_UNKNOWN;

  r.section = "location";
  text (&r, &tip->location.address, "address", TL_FIELD_PLAIN);
  text (&r, &tip->location.city, "city", TL_FIELD_PLAIN);
  text (&r, &tip->location.county, "county", TL_FIELD_PLAIN);
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

  redact_list (&r, tip->vehicles, "vehicle", "plate", intel_flags);
  redact_list (&r, tip->phones, "phone", "number", phone_flags);
  redact_list (&r, tip->online, "online", "value", intel_flags);
  redact_list (&r, tip->financial, "financial", "value", intel_flags);
  redact_list (&r, tip->referrals, "referral", "step", internal_flags);

  scrub_all (&r, tip->vehicles, vehicle_fields, G_N_ELEMENTS (vehicle_fields));
  scrub_all (&r, tip->phones, phone_fields, G_N_ELEMENTS (phone_fields));
  scrub_all (&r, tip->online, online_fields, G_N_ELEMENTS (online_fields));
  scrub_all (&r, tip->financial, financial_fields, G_N_ELEMENTS (financial_fields));
  scrub_all (&r, tip->referrals, referral_fields, G_N_ELEMENTS (referral_fields));

  r.section = "narrative";
  r.index = -1;
  text (&r, &tip->narrative, "narrative", TL_FIELD_PLAIN);

  return tip;
}
