/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip"

#include "config.h"

#include "tl-normalize.h"
#include "tl-tip-private.h"
#include "tl-safety-plan.h"

/* The repeatable parts of a tip: victims, offenders, vehicles, phones, online
 * identifiers, financial details and logged referrals. */

gboolean
_tl_str_equal (const char *a,
               const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Same instant and same UTC offset: a round trip must not move a tip's time zone. */
gboolean
_tl_datetime_equal (GDateTime *a,
                    GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b)
         && g_date_time_get_utc_offset (a) == g_date_time_get_utc_offset (b);
}

GDateTime *
_tl_datetime_ref (GDateTime *dt)
{
  return dt != NULL ? g_date_time_ref (dt) : NULL;
}

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
  tl_safety_plan_copy_into (&copy->plan, &v->plan);
  return copy;
}

gboolean
_tl_victim_equal (gconstpointer pa,
                  gconstpointer pb)
{
  const TlVictim *a = pa, *b = pb;

  return _tl_str_equal (a->name, b->name)
         && _tl_str_equal (a->description, b->description)
         && _tl_str_equal (a->age, b->age)
         && _tl_str_equal (a->birth_date, b->birth_date)
         && a->gender == b->gender
         && a->citizenship == b->citizenship
         && _tl_str_equal (a->country, b->country)
         && _tl_str_equal (a->language, b->language)
         && _tl_str_equal (a->phone, b->phone)
         && _tl_str_equal (a->email, b->email)
         && _tl_str_equal (a->address, b->address)
         && a->stance == b->stance
         && a->needs == b->needs
         && a->release_signed == b->release_signed
         && _tl_str_equal (a->release_date, b->release_date)
         && _tl_str_equal (a->release_language, b->release_language)
         && tl_safety_plan_equal (&a->plan, &b->plan);
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
  tl_safety_plan_clear (&v->plan);
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

gboolean
_tl_offender_equal (gconstpointer pa,
                    gconstpointer pb)
{
  const TlOffender *a = pa, *b = pb;

  return _tl_str_equal (a->name, b->name)
         && _tl_str_equal (a->alias, b->alias)
         && _tl_str_equal (a->age, b->age)
         && _tl_str_equal (a->birth_date, b->birth_date)
         && a->gender == b->gender
         && _tl_str_equal (a->description, b->description)
         && _tl_str_equal (a->address, b->address)
         && _tl_str_equal (a->marks, b->marks)
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

gboolean
_tl_vehicle_equal (gconstpointer pa,
                   gconstpointer pb)
{
  const TlVehicle *a = pa, *b = pb;

  return _tl_str_equal (a->plate, b->plate)
         && _tl_str_equal (a->plate_state, b->plate_state)
         && _tl_str_equal (a->make, b->make)
         && _tl_str_equal (a->model, b->model)
         && _tl_str_equal (a->color, b->color)
         && _tl_str_equal (a->year, b->year)
         && _tl_str_equal (a->description, b->description);
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

gboolean
_tl_phone_equal (gconstpointer pa,
                 gconstpointer pb)
{
  const TlPhone *a = pa, *b = pb;

  return _tl_str_equal (a->number, b->number)
         && _tl_str_equal (a->carrier, b->carrier)
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

gboolean
_tl_online_equal (gconstpointer pa,
                  gconstpointer pb)
{
  const TlOnline *a = pa, *b = pb;

  return a->kind == b->kind
         && _tl_str_equal (a->platform, b->platform)
         && _tl_str_equal (a->value, b->value);
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

gboolean
_tl_financial_equal (gconstpointer pa,
                     gconstpointer pb)
{
  const TlFinancial *a = pa, *b = pb;

  return a->kind == b->kind
         && _tl_str_equal (a->institution, b->institution)
         && _tl_str_equal (a->holder, b->holder)
         && _tl_str_equal (a->value, b->value);
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

  copy->at = _tl_datetime_ref (r->at);
  copy->contact_id = g_strdup (r->contact_id);
  copy->contact_name = g_strdup (r->contact_name);
  copy->step = g_strdup (r->step);
  copy->outcome = r->outcome;
  copy->note = g_strdup (r->note);
  copy->advocate = g_strdup (r->advocate);
  if (r->moves != NULL)
    {
      copy->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_move_free);
      for (guint i = 0; i < r->moves->len; i++)
        {
          const TlReferralMove *m = g_ptr_array_index (r->moves, i);

          g_ptr_array_add (copy->moves, tl_referral_move_new (m->stage, m->at, m->reason, m->advocate));
        }
    }
  return copy;
}

/* As tl_set_str() does (tl-tip.c, which calls this file: no call back there): blank
 * text is "not given". */
static char *
dup_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return g_strdup (text);
  return NULL;
}

static gboolean
moves_equal (GPtrArray *a,
             GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0, nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const TlReferralMove *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (x->stage != y->stage || !_tl_datetime_equal (x->at, y->at) ||
          !_tl_str_equal (x->reason, y->reason) || !_tl_str_equal (x->advocate, y->advocate))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tl_referral_equal (gconstpointer pa,
                    gconstpointer pb)
{
  const TlReferral *a = pa, *b = pb;

  return _tl_datetime_equal (a->at, b->at)
         && _tl_str_equal (a->contact_id, b->contact_id)
         && _tl_str_equal (a->contact_name, b->contact_name)
         && _tl_str_equal (a->step, b->step)
         && a->outcome == b->outcome
         && _tl_str_equal (a->note, b->note)
         && _tl_str_equal (a->advocate, b->advocate)
         && moves_equal (a->moves, b->moves);
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
  g_clear_pointer (&r->moves, g_ptr_array_unref);
  g_free (r);
}

/* A referral logged before stages existed, or just logged, starts where its call's
 * outcome puts it: a contact reached has the referral (made); one that took the case
 * accepted it; one that declined declined; a message or no answer is no answer yet. */
TlReferralStage
tl_referral_stage_from_outcome (TlOutcome outcome)
{
  switch (outcome)
    {
    case TL_OUTCOME_REFERRED:
      return TL_REFERRAL_ACCEPTED;
    case TL_OUTCOME_DECLINED:
      return TL_REFERRAL_DECLINED;
    case TL_OUTCOME_LEFT_MESSAGE:
    case TL_OUTCOME_NO_ANSWER:
      return TL_REFERRAL_NO_ANSWER;
    case TL_OUTCOME_REACHED:
    default:
      return TL_REFERRAL_MADE;
    }
}

TlReferralStage
tl_referral_get_stage (const TlReferral *referral)
{
  g_return_val_if_fail (referral != NULL, TL_REFERRAL_MADE);

  if (referral->moves != NULL && referral->moves->len > 0)
    return ((TlReferralMove *) g_ptr_array_index (referral->moves, referral->moves->len - 1))->stage;
  return tl_referral_stage_from_outcome (referral->outcome);
}

GDateTime *
tl_referral_get_stage_time (const TlReferral *referral)
{
  g_return_val_if_fail (referral != NULL, NULL);

  if (referral->moves != NULL && referral->moves->len > 0)
    return ((TlReferralMove *) g_ptr_array_index (referral->moves, referral->moves->len - 1))->at;
  return referral->at;
}

TlReferralMove *
tl_referral_move_new (TlReferralStage stage,
                      GDateTime      *at,
                      const char     *reason,
                      const char     *advocate)
{
  TlReferralMove *move = g_new0 (TlReferralMove, 1);

  move->stage = stage;
  move->at = at != NULL ? g_date_time_ref (at) : NULL;
  move->reason = dup_text (reason);
  move->advocate = dup_text (advocate);
  return move;
}

void
tl_referral_move_free (TlReferralMove *move)
{
  if (move == NULL)
    return;
  g_clear_pointer (&move->at, g_date_time_unref);
  g_free (move->reason);
  g_free (move->advocate);
  g_free (move);
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
