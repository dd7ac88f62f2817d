/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-normalize.h"
#include "tl-tip.h"

G_DEFINE_BOXED_TYPE (TlTip, tl_tip, tl_tip_ref, tl_tip_unref)

/* helpers */

static gboolean
str_equal (const char *a,
           const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Same instant and same UTC offset: a round trip must not move a tip's time zone. */
static gboolean
datetime_equal (GDateTime *a,
                GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b)
         && g_date_time_get_utc_offset (a) == g_date_time_get_utc_offset (b);
}

static GDateTime *
datetime_ref (GDateTime *dt)
{
  return dt != NULL ? g_date_time_ref (dt) : NULL;
}

typedef gpointer (*CopyFunc) (gconstpointer item);
typedef gboolean (*EqualFunc) (gconstpointer a, gconstpointer b);

static GPtrArray *
list_copy (GPtrArray      *list,
           CopyFunc        copy,
           GDestroyNotify  free_func)
{
  GPtrArray *out = g_ptr_array_new_full (list->len, free_func);

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (out, copy (g_ptr_array_index (list, i)));
  return out;
}

static gboolean
list_equal (GPtrArray *a,
            GPtrArray *b,
            EqualFunc  equal)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static void
location_clear (TlLocation *location)
{
  g_clear_pointer (&location->address, g_free);
  g_clear_pointer (&location->city, g_free);
  g_clear_pointer (&location->county, g_free);
  g_clear_pointer (&location->state, g_free);
  g_clear_pointer (&location->description, g_free);
}

static void
location_copy (TlLocation       *dest,
               const TlLocation *src)
{
  dest->address = g_strdup (src->address);
  dest->city = g_strdup (src->city);
  dest->county = g_strdup (src->county);
  dest->state = g_strdup (src->state);
  dest->description = g_strdup (src->description);
}

static gboolean
location_equal (const TlLocation *a,
                const TlLocation *b)
{
  return str_equal (a->address, b->address)
         && str_equal (a->city, b->city)
         && str_equal (a->county, b->county)
         && str_equal (a->state, b->state)
         && str_equal (a->description, b->description);
}

/* parts */

TlVictim *
tl_victim_new (void)
{
  return g_new0 (TlVictim, 1);
}

TlVictim *
tl_victim_copy (const TlVictim *v)
{
  TlVictim *copy = g_new0 (TlVictim, 1);

  copy->name = g_strdup (v->name);
  copy->description = g_strdup (v->description);
  copy->age = g_strdup (v->age);
  copy->birth_date = g_strdup (v->birth_date);
  copy->gender = v->gender;
  copy->citizenship = v->citizenship;
  copy->country = g_strdup (v->country);
  copy->language = g_strdup (v->language);
  copy->phone = g_strdup (v->phone);
  copy->email = g_strdup (v->email);
  copy->address = g_strdup (v->address);
  copy->stance = v->stance;
  copy->needs = v->needs;
  copy->release_signed = v->release_signed;
  copy->release_date = g_strdup (v->release_date);
  copy->release_language = g_strdup (v->release_language);
  return copy;
}

static gboolean
victim_equal (gconstpointer pa,
              gconstpointer pb)
{
  const TlVictim *a = pa, *b = pb;

  return str_equal (a->name, b->name)
         && str_equal (a->description, b->description)
         && str_equal (a->age, b->age)
         && str_equal (a->birth_date, b->birth_date)
         && a->gender == b->gender
         && a->citizenship == b->citizenship
         && str_equal (a->country, b->country)
         && str_equal (a->language, b->language)
         && str_equal (a->phone, b->phone)
         && str_equal (a->email, b->email)
         && str_equal (a->address, b->address)
         && a->stance == b->stance
         && a->needs == b->needs
         && a->release_signed == b->release_signed
         && str_equal (a->release_date, b->release_date)
         && str_equal (a->release_language, b->release_language);
}

void
tl_victim_free (TlVictim *v)
{
  if (v == NULL)
    return;
  g_free (v->name);
  g_free (v->description);
  g_free (v->age);
  g_free (v->birth_date);
  g_free (v->country);
  g_free (v->language);
  g_free (v->phone);
  g_free (v->email);
  g_free (v->address);
  g_free (v->release_date);
  g_free (v->release_language);
  g_free (v);
}

static int
years_between (const GDate *birth,
               GDateTime   *on)
{
  int years = g_date_time_get_year (on) - g_date_get_year (birth);
  int month = g_date_time_get_month (on);
  int day = g_date_time_get_day_of_month (on);
  int birth_month = g_date_get_month (birth);
  int birth_day = g_date_get_day (birth);

  if (month < birth_month || (month == birth_month && day < birth_day))
    years--;
  return years;
}

/* The age on a given day: from the date of birth when there is one, else the age as
 * typed; -1 when neither is usable. */
int
tl_victim_get_age (const TlVictim *victim,
                   GDateTime      *on)
{
  g_autoptr(GDate) birth = NULL;
  int years;

  g_return_val_if_fail (victim != NULL, -1);

  birth = tl_parse_date (victim->birth_date);
  if (birth != NULL && on != NULL)
    return MAX (years_between (birth, on), 0);
  if (tl_parse_age (victim->age, &years))
    return years;
  return -1;
}

/* Either fact is enough: a stated age under 18, or a date of birth that gives under 18
 * on the day the tip came in. Erring towards "minor" is what the protocols want. */
gboolean
tl_victim_is_minor (const TlVictim *victim,
                    GDateTime      *on)
{
  g_autoptr(GDate) birth = NULL;
  int years;

  g_return_val_if_fail (victim != NULL, FALSE);

  if (tl_parse_age (victim->age, &years) && years < 18)
    return TRUE;

  birth = tl_parse_date (victim->birth_date);
  if (birth != NULL && on != NULL && years_between (birth, on) < 18)
    return TRUE;

  return FALSE;
}

TlOffender *
tl_offender_new (void)
{
  return g_new0 (TlOffender, 1);
}

TlOffender *
tl_offender_copy (const TlOffender *o)
{
  TlOffender *copy = g_new0 (TlOffender, 1);

  copy->name = g_strdup (o->name);
  copy->alias = g_strdup (o->alias);
  copy->age = g_strdup (o->age);
  copy->birth_date = g_strdup (o->birth_date);
  copy->gender = o->gender;
  copy->description = g_strdup (o->description);
  copy->address = g_strdup (o->address);
  copy->marks = g_strdup (o->marks);
  copy->role = o->role;
  return copy;
}

static gboolean
offender_equal (gconstpointer pa,
                gconstpointer pb)
{
  const TlOffender *a = pa, *b = pb;

  return str_equal (a->name, b->name)
         && str_equal (a->alias, b->alias)
         && str_equal (a->age, b->age)
         && str_equal (a->birth_date, b->birth_date)
         && a->gender == b->gender
         && str_equal (a->description, b->description)
         && str_equal (a->address, b->address)
         && str_equal (a->marks, b->marks)
         && a->role == b->role;
}

void
tl_offender_free (TlOffender *o)
{
  if (o == NULL)
    return;
  g_free (o->name);
  g_free (o->alias);
  g_free (o->age);
  g_free (o->birth_date);
  g_free (o->description);
  g_free (o->address);
  g_free (o->marks);
  g_free (o);
}

TlVehicle *
tl_vehicle_new (void)
{
  return g_new0 (TlVehicle, 1);
}

TlVehicle *
tl_vehicle_copy (const TlVehicle *v)
{
  TlVehicle *copy = g_new0 (TlVehicle, 1);

  copy->plate = g_strdup (v->plate);
  copy->plate_state = g_strdup (v->plate_state);
  copy->make = g_strdup (v->make);
  copy->model = g_strdup (v->model);
  copy->color = g_strdup (v->color);
  copy->year = g_strdup (v->year);
  copy->description = g_strdup (v->description);
  return copy;
}

static gboolean
vehicle_equal (gconstpointer pa,
               gconstpointer pb)
{
  const TlVehicle *a = pa, *b = pb;

  return str_equal (a->plate, b->plate)
         && str_equal (a->plate_state, b->plate_state)
         && str_equal (a->make, b->make)
         && str_equal (a->model, b->model)
         && str_equal (a->color, b->color)
         && str_equal (a->year, b->year)
         && str_equal (a->description, b->description);
}

void
tl_vehicle_free (TlVehicle *v)
{
  if (v == NULL)
    return;
  g_free (v->plate);
  g_free (v->plate_state);
  g_free (v->make);
  g_free (v->model);
  g_free (v->color);
  g_free (v->year);
  g_free (v->description);
  g_free (v);
}

TlPhone *
tl_phone_new (void)
{
  return g_new0 (TlPhone, 1);
}

TlPhone *
tl_phone_copy (const TlPhone *p)
{
  TlPhone *copy = g_new0 (TlPhone, 1);

  copy->number = g_strdup (p->number);
  copy->carrier = g_strdup (p->carrier);
  copy->owner = p->owner;
  return copy;
}

static gboolean
phone_equal (gconstpointer pa,
             gconstpointer pb)
{
  const TlPhone *a = pa, *b = pb;

  return str_equal (a->number, b->number)
         && str_equal (a->carrier, b->carrier)
         && a->owner == b->owner;
}

void
tl_phone_free (TlPhone *p)
{
  if (p == NULL)
    return;
  g_free (p->number);
  g_free (p->carrier);
  g_free (p);
}

TlOnline *
tl_online_new (void)
{
  return g_new0 (TlOnline, 1);
}

TlOnline *
tl_online_copy (const TlOnline *o)
{
  TlOnline *copy = g_new0 (TlOnline, 1);

  copy->kind = o->kind;
  copy->platform = g_strdup (o->platform);
  copy->value = g_strdup (o->value);
  return copy;
}

static gboolean
online_equal (gconstpointer pa,
              gconstpointer pb)
{
  const TlOnline *a = pa, *b = pb;

  return a->kind == b->kind
         && str_equal (a->platform, b->platform)
         && str_equal (a->value, b->value);
}

void
tl_online_free (TlOnline *o)
{
  if (o == NULL)
    return;
  g_free (o->platform);
  g_free (o->value);
  g_free (o);
}

TlFinancial *
tl_financial_new (void)
{
  return g_new0 (TlFinancial, 1);
}

TlFinancial *
tl_financial_copy (const TlFinancial *f)
{
  TlFinancial *copy = g_new0 (TlFinancial, 1);

  copy->kind = f->kind;
  copy->institution = g_strdup (f->institution);
  copy->holder = g_strdup (f->holder);
  copy->value = g_strdup (f->value);
  return copy;
}

static gboolean
financial_equal (gconstpointer pa,
                 gconstpointer pb)
{
  const TlFinancial *a = pa, *b = pb;

  return a->kind == b->kind
         && str_equal (a->institution, b->institution)
         && str_equal (a->holder, b->holder)
         && str_equal (a->value, b->value);
}

void
tl_financial_free (TlFinancial *f)
{
  if (f == NULL)
    return;
  g_free (f->institution);
  g_free (f->holder);
  g_free (f->value);
  g_free (f);
}

TlReferral *
tl_referral_new (void)
{
  return g_new0 (TlReferral, 1);
}

TlReferral *
tl_referral_copy (const TlReferral *r)
{
  TlReferral *copy = g_new0 (TlReferral, 1);

  copy->at = datetime_ref (r->at);
  copy->contact_id = g_strdup (r->contact_id);
  copy->contact_name = g_strdup (r->contact_name);
  copy->step = g_strdup (r->step);
  copy->outcome = r->outcome;
  copy->note = g_strdup (r->note);
  copy->advocate = g_strdup (r->advocate);
  return copy;
}

static gboolean
referral_equal (gconstpointer pa,
                gconstpointer pb)
{
  const TlReferral *a = pa, *b = pb;

  return datetime_equal (a->at, b->at)
         && str_equal (a->contact_id, b->contact_id)
         && str_equal (a->contact_name, b->contact_name)
         && str_equal (a->step, b->step)
         && a->outcome == b->outcome
         && str_equal (a->note, b->note)
         && str_equal (a->advocate, b->advocate);
}

void
tl_referral_free (TlReferral *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->at, g_date_time_unref);
  g_free (r->contact_id);
  g_free (r->contact_name);
  g_free (r->step);
  g_free (r->note);
  g_free (r->advocate);
  g_free (r);
}

void
tl_problem_free (TlProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/* the tip */

static void
tip_init_lists (TlTip *tip)
{
  tip->victims = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_victim_free);
  tip->offenders = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_offender_free);
  tip->vehicles = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_vehicle_free);
  tip->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_phone_free);
  tip->online = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_online_free);
  tip->financial = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_financial_free);
  tip->referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_free);
}

TlTip *
tl_tip_new_with_id (const char *id)
{
  TlTip *tip;

  g_return_val_if_fail (id != NULL && g_uuid_string_is_valid (id), NULL);

  tip = g_new0 (TlTip, 1);
  g_atomic_ref_count_init (&tip->ref_count);
  tip->id = g_strdup (id);
  tip->created = tip->modified = g_get_real_time ();
  tip->status = TL_TIP_STATUS_DRAFT;
  tip_init_lists (tip);
  return tip;
}

/* A new tip, received now in the local time zone. */
TlTip *
tl_tip_new (void)
{
  g_autofree char *id = g_uuid_string_random ();
  TlTip *tip = tl_tip_new_with_id (id);

  tip->received = g_date_time_new_now_local ();
  return tip;
}

TlTip *
tl_tip_ref (TlTip *tip)
{
  g_return_val_if_fail (tip != NULL, NULL);

  g_atomic_ref_count_inc (&tip->ref_count);
  return tip;
}

void
tl_tip_unref (TlTip *tip)
{
  g_return_if_fail (tip != NULL);

  if (!g_atomic_ref_count_dec (&tip->ref_count))
    return;

  g_free (tip->id);
  g_clear_pointer (&tip->received, g_date_time_unref);
  g_free (tip->reporter_name);
  g_free (tip->reporter_phone);
  g_free (tip->reporter_email);
  g_free (tip->advocate);
  g_free (tip->venue_detail);
  g_free (tip->operation);
  location_clear (&tip->location);
  g_ptr_array_unref (tip->victims);
  g_ptr_array_unref (tip->offenders);
  g_ptr_array_unref (tip->vehicles);
  g_ptr_array_unref (tip->phones);
  g_ptr_array_unref (tip->online);
  g_ptr_array_unref (tip->financial);
  g_ptr_array_unref (tip->referrals);
  g_free (tip->narrative);
  g_free (tip);
}

TlTip *
tl_tip_copy (const TlTip *tip)
{
  TlTip *copy;

  g_return_val_if_fail (tip != NULL, NULL);

  copy = g_new0 (TlTip, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->id = g_strdup (tip->id);
  copy->created = tip->created;
  copy->modified = tip->modified;
  copy->status = tip->status;
  copy->received = datetime_ref (tip->received);
  copy->channel = tip->channel;
  copy->reporter_role = tip->reporter_role;
  copy->reporter_name = g_strdup (tip->reporter_name);
  copy->reporter_phone = g_strdup (tip->reporter_phone);
  copy->reporter_email = g_strdup (tip->reporter_email);
  copy->advocate = g_strdup (tip->advocate);
  copy->danger = tip->danger;
  copy->type = tip->type;
  copy->venue = tip->venue;
  copy->venue_detail = g_strdup (tip->venue_detail);
  copy->operation = g_strdup (tip->operation);
  copy->release_policy = tip->release_policy;
  location_copy (&copy->location, &tip->location);
  copy->victims = list_copy (tip->victims, (CopyFunc) tl_victim_copy,
                             (GDestroyNotify) tl_victim_free);
  copy->offenders = list_copy (tip->offenders, (CopyFunc) tl_offender_copy,
                               (GDestroyNotify) tl_offender_free);
  copy->vehicles = list_copy (tip->vehicles, (CopyFunc) tl_vehicle_copy,
                              (GDestroyNotify) tl_vehicle_free);
  copy->phones = list_copy (tip->phones, (CopyFunc) tl_phone_copy,
                            (GDestroyNotify) tl_phone_free);
  copy->online = list_copy (tip->online, (CopyFunc) tl_online_copy,
                            (GDestroyNotify) tl_online_free);
  copy->financial = list_copy (tip->financial, (CopyFunc) tl_financial_copy,
                               (GDestroyNotify) tl_financial_free);
  copy->referrals = list_copy (tip->referrals, (CopyFunc) tl_referral_copy,
                               (GDestroyNotify) tl_referral_free);
  copy->narrative = g_strdup (tip->narrative);
  return copy;
}

gboolean
tl_tip_equal (const TlTip *a,
              const TlTip *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return str_equal (a->id, b->id)
         && a->created == b->created
         && a->modified == b->modified
         && a->status == b->status
         && datetime_equal (a->received, b->received)
         && a->channel == b->channel
         && a->reporter_role == b->reporter_role
         && str_equal (a->reporter_name, b->reporter_name)
         && str_equal (a->reporter_phone, b->reporter_phone)
         && str_equal (a->reporter_email, b->reporter_email)
         && str_equal (a->advocate, b->advocate)
         && a->danger == b->danger
         && a->type == b->type
         && a->venue == b->venue
         && str_equal (a->venue_detail, b->venue_detail)
         && str_equal (a->operation, b->operation)
         && a->release_policy == b->release_policy
         && location_equal (&a->location, &b->location)
         && list_equal (a->victims, b->victims, victim_equal)
         && list_equal (a->offenders, b->offenders, offender_equal)
         && list_equal (a->vehicles, b->vehicles, vehicle_equal)
         && list_equal (a->phones, b->phones, phone_equal)
         && list_equal (a->online, b->online, online_equal)
         && list_equal (a->financial, b->financial, financial_equal)
         && list_equal (a->referrals, b->referrals, referral_equal)
         && str_equal (a->narrative, b->narrative);
}

/* Record an edit: modified times only move forward, even if the clock steps back. */
void
tl_tip_touch (TlTip *tip)
{
  g_return_if_fail (tip != NULL);

  tip->modified = MAX (g_get_real_time (), tip->modified + 1);
}

gboolean
tl_tip_has_minor (const TlTip *tip)
{
  g_return_val_if_fail (tip != NULL, FALSE);

  for (guint i = 0; i < tip->victims->len; i++)
    if (tl_victim_is_minor (g_ptr_array_index (tip->victims, i), tip->received))
      return TRUE;
  return FALSE;
}

/* One line for lists, with no names in it: a list can be seen over a shoulder. */
char *
tl_tip_dup_summary (const TlTip *tip)
{
  GString *summary;
  guint n_victims, n_minors = 0;

  g_return_val_if_fail (tip != NULL, NULL);

  summary = g_string_new (tl_enum_label (tl_trafficking_type_values, tip->type));
  if (tip->location.city != NULL || tip->location.state != NULL)
    {
      g_string_append (summary, " · ");
      if (tip->location.city != NULL)
        g_string_append (summary, tip->location.city);
      if (tip->location.city != NULL && tip->location.state != NULL)
        g_string_append (summary, ", ");
      if (tip->location.state != NULL)
        g_string_append (summary, tip->location.state);
    }

  n_victims = tip->victims->len;
  for (guint i = 0; i < n_victims; i++)
    if (tl_victim_is_minor (g_ptr_array_index (tip->victims, i), tip->received))
      n_minors++;

  if (n_victims > 0)
    {
      g_string_append (summary, " · ");
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE, "%u victim", "%u victims", n_victims),
                              n_victims);
      if (n_minors > 0)
        {
          g_string_append (summary, " ");
          g_string_append_printf (summary,
                                  g_dngettext (GETTEXT_PACKAGE, "(%u minor)", "(%u minors)", n_minors),
                                  n_minors);
        }
    }

  return g_string_free (summary, FALSE);
}

void
tl_set_str (char       **field,
            const char  *value)
{
  g_return_if_fail (field != NULL);

  if (value != NULL)
    {
      const char *p = value;

      while (*p && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        value = NULL;
    }

  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}
