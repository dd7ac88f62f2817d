/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-router"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-normalize.h"
#include "tl-plan-private.h"
#include "tl-router.h"

/* Routing is cumulative (DOMAIN.md): every rule whose conditions hold adds its steps, and
 * a rule about victims applies once for all the victims it fits. Identical steps from
 * different rules are merged, keeping every reason and every victim. */

typedef struct
{
  const TlTip *tip;
  TlPlan *plan;
  GDateTime *at;          /* protocol time zone */
  GDateTime *on;          /* the day ages are counted on: when the tip came in */
  GHashTable *by_key;     /* merge key -> TlPlanStep */
} Route;

#define BIT(x) (1u << (guint) (x))

static TlVictim *
victim_at (const TlTip *tip,
           guint        i)
{
  return g_ptr_array_index (tip->victims, i);
}

static guint
n_victims (const TlTip *tip)
{
  return tip->victims != NULL ? tip->victims->len : 0;
}

/* TL_MINOR_* for a victim, and the age to name in the reason (-1 when unknown). Any sign
 * of under 18 counts, as in tl_victim_is_minor(). */
static int
minor_state (const TlVictim *v,
             GDateTime      *on,
             int            *years)
{
  int stated;

  if (tl_victim_is_minor (v, on))
    {
      *years = tl_parse_age (v->age, &stated) && stated < 18 ? stated : tl_victim_get_age (v, on);
      return TL_MINOR_YES;
    }
  *years = tl_victim_get_age (v, on);
  return *years >= 0 ? TL_MINOR_NO : TL_MINOR_UNKNOWN;
}

static gboolean
is_business_hours (const Route *r)
{
  const TlAvailability *hours = tl_protocol_get_business_hours (r->plan->protocol);

  return tl_availability_state_at (hours, r->at, NULL) == TL_OPEN_STATE_OPEN;
}

static gboolean
tip_facts_hold (const Route  *r,
                const TlRule *rule)
{
  const TlConditions *w = &rule->when;
  const TlTip *tip = r->tip;

  if ((w->facts & TL_FACT_DANGER) && !(w->danger & BIT (tip->danger)))
    return FALSE;
  if ((w->facts & TL_FACT_TRAFFICKING) && !(w->trafficking & BIT (tip->type)) &&
      !(tip->type == TL_TRAFFICKING_BOTH &&
        (w->trafficking & (BIT (TL_TRAFFICKING_SEX) | BIT (TL_TRAFFICKING_LABOR)))))
    return FALSE;
  if ((w->facts & TL_FACT_REPORTER) && !(w->reporter & BIT (tip->reporter_role)))
    return FALSE;
  if ((w->facts & TL_FACT_RELEASE_POLICY) && !(w->release_policy & BIT (tip->release_policy)))
    return FALSE;
  if (w->facts & TL_FACT_TIME)
    {
      guint now = is_business_hours (r) ? TL_TIME_BUSINESS_HOURS : TL_TIME_AFTER_HOURS;

      if (!(w->time & BIT (now)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
victim_facts_hold (const Route    *r,
                   const TlRule   *rule,
                   const TlVictim *v)
{
  const TlConditions *w = &rule->when;
  int years;

  if ((w->facts & TL_FACT_MINOR) && !(w->minor & BIT (minor_state (v, r->on, &years))))
    return FALSE;
  if ((w->facts & TL_FACT_CITIZENSHIP) && !(w->citizenship & BIT (v->citizenship)))
    return FALSE;
  if ((w->facts & TL_FACT_GENDER) && !(w->gender & BIT (v->gender)))
    return FALSE;
  if ((w->facts & TL_FACT_STANCE) && !(w->stance & BIT (v->stance)))
    return FALSE;
  if ((w->facts & TL_FACT_RELEASE_SIGNED) && !(w->release_signed & BIT (v->release_signed ? 1 : 0)))
    return FALSE;
  return TRUE;
}

static const char *
trafficking_label (TlTraffickingType type)
{
  switch (type)
    {
    case TL_TRAFFICKING_SEX: return _("sex trafficking");
    case TL_TRAFFICKING_LABOR: return _("labor trafficking");
    case TL_TRAFFICKING_BOTH: return _("sex and labor trafficking");
    case TL_TRAFFICKING_UNKNOWN:
    default: return _("not recorded");
    }
}

static char *
reporter_reason (TlReporterRole role)
{
  switch (role)
    {
    case TL_REPORTER_VICTIM: return g_strdup (_("The victim is the one reporting."));
    case TL_REPORTER_THIRD_PARTY: return g_strdup (_("A third party is reporting."));
    case TL_REPORTER_ANONYMOUS: return g_strdup (_("The reporter is anonymous."));
    case TL_REPORTER_LAW_ENFORCEMENT: return g_strdup (_("The reporter is law enforcement."));
    case TL_REPORTER_SERVICE_PROVIDER: return g_strdup (_("The reporter is a service provider."));
    case TL_REPORTER_NONE:
    default: return g_strdup (_("Who is reporting is not recorded."));
    }
}

static char *
tip_reason (const Route *r,
            TlFact       fact)
{
  const TlTip *tip = r->tip;

  switch (fact)
    {
    case TL_FACT_DANGER:
      if (tip->danger == TL_DANGER_IMMEDIATE)
        return g_strdup (_("Someone is in immediate danger (a 911 emergency)."));
      if (tip->danger == TL_DANGER_NONE)
        return g_strdup (_("No one is in immediate danger."));
      return g_strdup (_("Whether anyone is in immediate danger is not recorded."));
    case TL_FACT_TRAFFICKING:
      /* Translators: %s is e.g. "sex trafficking". */
      return g_strdup_printf (_("The type of trafficking is %s."), trafficking_label (tip->type));
    case TL_FACT_REPORTER:
      return reporter_reason (tip->reporter_role);
    case TL_FACT_RELEASE_POLICY:
      if (tip->release_policy == TL_RELEASE_POLICY_REQUIRED)
        return g_strdup (_("Your agency's confidentiality policy requires a signed release."));
      if (tip->release_policy == TL_RELEASE_POLICY_NOT_REQUIRED)
        return g_strdup (_("Your agency's confidentiality policy does not require a release."));
      return g_strdup (_("Whether your agency's confidentiality policy requires a release is not recorded, so a release counts as required."));
    case TL_FACT_TIME:
      {
        g_autofree char *clock = g_date_time_format (r->at, "%H:%M");

        if (is_business_hours (r))
          /* Translators: %s is a time such as 14:05. */
          return g_strdup_printf (_("It is %s, within business hours."), clock);
        return g_strdup_printf (_("It is %s, outside business hours."), clock);
      }
    default:
      return NULL;
    }
}

static char *
victim_reason (const Route *r,
               TlFact       fact,
               guint        i)
{
  const TlVictim *v = victim_at (r->tip, i);
  guint n = i + 1;
  int years;

  switch (fact)
    {
    case TL_FACT_MINOR:
      switch (minor_state (v, r->on, &years))
        {
        case TL_MINOR_YES:
          if (years >= 0)
            /* Translators: "Victim 1 is 15 years old (under 18)." */
            return g_strdup_printf (_("Victim %u is %d years old (under 18)."), n, years);
          return g_strdup_printf (_("Victim %u is under 18."), n);
        case TL_MINOR_NO:
          return g_strdup_printf (_("Victim %u is %d years old (an adult)."), n, years);
        default:
          return g_strdup_printf (_("Victim %u's age is not recorded."), n);
        }
    case TL_FACT_CITIZENSHIP:
      switch (v->citizenship)
        {
        case TL_CITIZENSHIP_US_CITIZEN: return g_strdup_printf (_("Victim %u is a U.S. citizen."), n);
        case TL_CITIZENSHIP_PERMANENT_RESIDENT: return g_strdup_printf (_("Victim %u is a lawful permanent resident."), n);
        case TL_CITIZENSHIP_FOREIGN_NATIONAL: return g_strdup_printf (_("Victim %u is a foreign national (not a U.S. citizen)."), n);
        default: return g_strdup_printf (_("Victim %u's citizenship is not recorded; they may not be a U.S. citizen."), n);
        }
    case TL_FACT_GENDER:
      /* Translators: %s is a gender label from the tip form. */
      return g_strdup_printf (_("Victim %u's gender is recorded as %s."), n,
                              _(tl_enum_label (tl_gender_values, v->gender)));
    case TL_FACT_STANCE:
      switch (v->stance)
        {
        case TL_STANCE_REPORT_NOW: return g_strdup_printf (_("Victim %u is willing to make a police report now."), n);
        case TL_STANCE_TALK_LATER: return g_strdup_printf (_("Victim %u is willing to talk to law enforcement."), n);
        case TL_STANCE_ANONYMOUS_TIP: return g_strdup_printf (_("Victim %u refuses law enforcement for now but lets you pass information on anonymously."), n);
        default: return g_strdup_printf (_("Victim %u has not decided about law enforcement."), n);
        }
    case TL_FACT_RELEASE_SIGNED:
      if (v->release_signed)
        return g_strdup_printf (_("Victim %u has signed a release."), n);
      return g_strdup_printf (_("Victim %u has not signed a release."), n);
    default:
      return NULL;
    }
}

static void
add_unique (GPtrArray *strings,
            char      *text)
{
  if (text == NULL)
    return;
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), text) == 0)
      {
        g_free (text);
        return;
      }
  g_ptr_array_add (strings, text);
}

static GPtrArray *
build_reasons (const Route  *r,
               const TlRule *rule,
               GArray       *victims)
{
  static const TlFact tip_facts[] = { TL_FACT_DANGER, TL_FACT_TRAFFICKING, TL_FACT_REPORTER,
                                      TL_FACT_TIME, TL_FACT_RELEASE_POLICY };
  static const TlFact victim_facts[] = { TL_FACT_MINOR, TL_FACT_CITIZENSHIP, TL_FACT_GENDER,
                                         TL_FACT_STANCE, TL_FACT_RELEASE_SIGNED };
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < G_N_ELEMENTS (tip_facts); f++)
    if (rule->when.facts & tip_facts[f])
      add_unique (reasons, tip_reason (r, tip_facts[f]));
  for (guint k = 0; k < victims->len; k++)
    for (guint f = 0; f < G_N_ELEMENTS (victim_facts); f++)
      if (rule->when.facts & victim_facts[f])
        add_unique (reasons, victim_reason (r, victim_facts[f], g_array_index (victims, guint, k)));
  if (reasons->len == 0)
    add_unique (reasons, g_strdup (_("The protocol asks for this on every tip.")));
  return reasons;
}

static char *
step_key (const TlStep *step)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%d|%d|%s|", step->action, step->service,
                          step->text.en != NULL ? step->text.en : "");
  for (guint i = 0; i < step->contacts->len; i++)
    g_string_append_printf (key, "%s,", ((const TlContact *) g_ptr_array_index (step->contacts, i))->id);
  return g_string_free (key, FALSE);
}

static void
merge_victims (GArray *into,
               GArray *victims)
{
  for (guint k = 0; k < victims->len; k++)
    {
      guint v = g_array_index (victims, guint, k);
      gboolean found = FALSE;

      for (guint j = 0; j < into->len && !found; j++)
        found = g_array_index (into, guint, j) == v;
      if (!found)
        g_array_append_val (into, v);
    }
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The ordering rule (data/protocols/README.md): immediate danger first, then a child's
 * protective intake, then the rest by the protocol's order numbers, whatever numbers a
 * file gives. */
static guint
step_band (const TlStep *step)
{
  for (guint i = 0; i < step->contacts->len; i++)
    if (((const TlContact *) g_ptr_array_index (step->contacts, i))->kind == TL_CONTACT_KIND_EMERGENCY)
      return 0;
  if ((step->rule->when.facts & TL_FACT_DANGER) && step->rule->when.danger == BIT (TL_DANGER_IMMEDIATE) &&
      step->service == TL_SERVICE_VICTIM_EXTRACTION)
    return 0;
  if (step->service == TL_SERVICE_CHILD_PROTECTION)
    return 1;
  return 2;
}

static void
add_sources (Route        *r,
             TlPlanStep   *ps,
             const char   *about,
             GPtrArray    *sources)
{
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      g_autofree char *text = tl_source_describe (g_ptr_array_index (sources, i), r->plan->protocol, r->plan->lang);
      gboolean found = FALSE;

      for (guint k = 0; k < ps->sources->len && !found; k++)
        {
          const TlPlanSource *have = g_ptr_array_index (ps->sources, k);

          found = g_strcmp0 (have->about, about) == 0 && g_strcmp0 (have->source, text) == 0;
        }
      if (!found)
        {
          TlPlanSource *ps_source = g_new0 (TlPlanSource, 1);

          ps_source->about = g_strdup (about);
          ps_source->source = g_steal_pointer (&text);
          g_ptr_array_add (ps->sources, ps_source);
        }
    }
}

static void
add_step (Route        *r,
          const TlStep *step,
          GArray       *victims,
          GPtrArray    *reasons)
{
  g_autofree char *key = step_key (step);
  TlPlanStep *ps = g_hash_table_lookup (r->by_key, key);
  const char *lang = r->plan->lang;

  if (ps == NULL)
    {
      ps = _tl_plan_step_new ();
      ps->action = step->action;
      ps->service = step->service;
      ps->choose_one = step->choose_one;
      ps->rule_id = g_strdup (step->rule->id);
      ps->situation = g_strdup (tl_text_get (&step->rule->situation, lang));
      ps->text = g_strdup (tl_text_get (&step->text, lang));
      ps->priority = step->order;
      ps->index = step->index;
      ps->band = step_band (step);
      for (guint i = 0; i < step->contacts->len; i++)
        {
          const TlContact *contact = g_ptr_array_index (step->contacts, i);
          TlPlanContact *pc = _tl_plan_contact_new (contact);

          pc->state = tl_availability_state_at (contact->availability, r->at, &pc->next_open);
          g_ptr_array_add (ps->contacts, pc);
        }
      g_ptr_array_add (r->plan->steps, ps);
      g_hash_table_insert (r->by_key, g_steal_pointer (&key), ps);
    }
  else
    {
      /* The earliest place any rule asks for it decides where it goes. */
      if (step->order < ps->priority || (step->order == ps->priority && step->index < ps->index))
        {
          ps->priority = step->order;
          ps->index = step->index;
        }
    }

  ps->shares_victim_info |= step->shares_victim_info;
  merge_victims (ps->victims, victims);
  g_array_sort (ps->victims, compare_guint);
  for (guint i = 0; i < reasons->len; i++)
    add_unique (ps->reasons, g_strdup (g_ptr_array_index (reasons, i)));
  add_sources (r, ps, NULL, step->rule->situation.sources);
  add_sources (r, ps, NULL, step->text.sources);
  for (guint i = 0; i < step->warnings->len; i++)
    {
      const TlText *w = g_ptr_array_index (step->warnings, i);

      add_unique (ps->warnings, g_strdup (tl_text_get (w, lang)));
      add_sources (r, ps, tl_text_get (w, lang), w->sources);
    }
  for (guint i = 0; i < step->notes->len; i++)
    {
      const TlText *n = g_ptr_array_index (step->notes, i);

      add_unique (ps->notes, g_strdup (tl_text_get (n, lang)));
      add_sources (r, ps, tl_text_get (n, lang), n->sources);
    }
  for (guint i = 0; i < step->provide->len; i++)
    {
      TlProvideItem item = g_array_index (step->provide, TlProvideItem, i);
      gboolean found = FALSE;

      for (guint j = 0; j < ps->items->len && !found; j++)
        found = g_array_index (ps->items, TlProvideItem, j) == item;
      if (!found)
        g_array_append_val (ps->items, item);
    }
}

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

static gboolean
has_items (GPtrArray *array)
{
  return array != NULL && array->len > 0;
}

/* The tip fields behind each item, present or still missing. */
static void
fill_provide (Route      *r,
              TlPlanStep *ps)
{
  const TlTip *tip = r->tip;

  for (guint i = 0; i < ps->items->len; i++)
    {
      TlProvideItem item = g_array_index (ps->items, TlProvideItem, i);
      const char *label = _(tl_enum_label (tl_provide_item_values, item));

      switch (item)
        {
        case TL_PROVIDE_TRAFFICKING_TYPE:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("type"), tip->type != TL_TRAFFICKING_UNKNOWN));
          break;
        case TL_PROVIDE_VICTIM_AGES:
          if (n_victims (tip) == 0)
            g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("victims"), FALSE));
          for (guint v = 0; v < n_victims (tip); v++)
            {
              int years;

              g_ptr_array_add (ps->provide,
                               _tl_plan_item_new (item, label, g_strdup_printf ("victims/%u/age", v),
                                                  minor_state (victim_at (tip, v), r->on, &years) != TL_MINOR_UNKNOWN));
            }
          break;
        case TL_PROVIDE_LOCATION_CITY:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("location/city"), has_text (tip->location.city)));
          break;
        case TL_PROVIDE_LOCATION_ADDRESS:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("location/address"), has_text (tip->location.address)));
          break;
        case TL_PROVIDE_LOCATION_DESCRIPTION:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("location/description"), has_text (tip->location.description)));
          break;
        case TL_PROVIDE_CALLBACK_PHONE:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("reporter/phone"), has_text (tip->reporter_phone)));
          break;
        case TL_PROVIDE_OPERATION:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("operation"), has_text (tip->operation)));
          break;
        case TL_PROVIDE_OFFENDERS:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("offenders"), has_items (tip->offenders)));
          break;
        case TL_PROVIDE_VEHICLES:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("vehicles"), has_items (tip->vehicles)));
          break;
        case TL_PROVIDE_PHONES:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("phones"), has_items (tip->phones)));
          break;
        case TL_PROVIDE_ONLINE:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("online"), has_items (tip->online)));
          break;
        case TL_PROVIDE_FINANCIAL:
          g_ptr_array_add (ps->provide, _tl_plan_item_new (item, label, g_strdup ("financial"), has_items (tip->financial)));
          break;
        default:
          break;
        }
    }
}

/* A step that passes victim-provided information to law enforcement carries a consent
 * warning for each victim it concerns who has not signed, whenever a release is (or may
 * be) required. */
static void
add_consent_warnings (Route      *r,
                      TlPlanStep *ps)
{
  const TlTip *tip = r->tip;

  if (!ps->shares_victim_info || !r->plan->consent.release_required)
    return;
  for (guint v = 0; v < n_victims (tip); v++)
    {
      gboolean concerned = ps->victims->len == 0;

      for (guint k = 0; k < ps->victims->len && !concerned; k++)
        concerned = g_array_index (ps->victims, guint, k) == v;
      if (concerned && !victim_at (tip, v)->release_signed)
        add_unique (ps->warnings,
                    g_strdup_printf (_("Victim %u has not signed a release: do not pass on information they provided to law enforcement until they do."), v + 1));
    }
}

static void
fill_consent (Route *r)
{
  TlPlan *plan = r->plan;
  const TlTip *tip = r->tip;
  guint signed_count = 0;

  plan->consent.policy_unknown = tip->release_policy == TL_RELEASE_POLICY_UNKNOWN;
  plan->consent.release_required = tip->release_policy != TL_RELEASE_POLICY_NOT_REQUIRED;
  for (guint v = 0; v < n_victims (tip); v++)
    {
      if (victim_at (tip, v)->release_signed)
        signed_count++;
      else
        g_array_append_val (plan->consent.unsigned_victims, v);
    }
  plan->consent.release_signed = n_victims (tip) > 0 && signed_count == n_victims (tip);

  if (!plan->consent.release_required)
    plan->consent.summary = g_strdup (_("Your agency's confidentiality policy does not require a release before victim-provided information goes to law enforcement."));
  else if (plan->consent.release_signed)
    plan->consent.summary = g_strdup (_("A release is required before victim-provided information goes to law enforcement, and every victim has signed one."));
  else if (plan->consent.policy_unknown)
    plan->consent.summary = g_strdup (_("Your agency's release policy is not recorded, so Tipline treats a release as required: victim-provided information goes to law enforcement only after the victim signs one."));
  else
    plan->consent.summary = g_strdup (_("A release is required: victim-provided information goes to law enforcement only after the victim signs one."));
}

static void
fill_questions (Route *r)
{
  const TlTip *tip = r->tip;
  TlPlan *plan = r->plan;

  if (tip->danger == TL_DANGER_UNKNOWN)
    _tl_plan_add_question (plan, "danger", g_strdup (_("Whether anyone is in immediate danger is not recorded; if someone is, call 911 first.")));
  if (n_victims (tip) == 0)
    _tl_plan_add_question (plan, "victims", g_strdup (_("No victim is recorded; the steps for children and for a victim's choices about law enforcement depend on it.")));
  for (guint v = 0; v < n_victims (tip); v++)
    {
      const TlVictim *victim = victim_at (tip, v);
      g_autofree char *age = g_strdup_printf ("victims/%u/age", v);
      g_autofree char *stance = g_strdup_printf ("victims/%u/stance", v);
      g_autofree char *citizenship = g_strdup_printf ("victims/%u/citizenship", v);
      int years;

      if (minor_state (victim, r->on, &years) == TL_MINOR_UNKNOWN)
        _tl_plan_add_question (plan, age, g_strdup_printf (_("Victim %u's age is not recorded; a victim under 18 must be reported to child protective intake."), v + 1));
      if (victim->stance == TL_STANCE_UNDECIDED)
        _tl_plan_add_question (plan, stance, g_strdup_printf (_("Victim %u's decision about law enforcement is not recorded; the protocol's steps depend on it."), v + 1));
      if (victim->citizenship == TL_CITIZENSHIP_UNKNOWN)
        _tl_plan_add_question (plan, citizenship, g_strdup_printf (_("Victim %u's citizenship is not recorded; a non-U.S. citizen should have an immigration attorney consulted before talking to law enforcement."), v + 1));
    }
  if (tip->release_policy == TL_RELEASE_POLICY_UNKNOWN)
    _tl_plan_add_question (plan, "release-policy", g_strdup (_("Whether your agency's confidentiality policy requires a release is not recorded; until it is, a release counts as required.")));
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const TlPlanStep *x = *(TlPlanStep * const *) a;
  const TlPlanStep *y = *(TlPlanStep * const *) b;

  if (x->band != y->band)
    return x->band < y->band ? -1 : 1;
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static char *
describe_timezone (TlProtocol *protocol)
{
  const char *id = tl_protocol_get_timezone_id (protocol);
  const char *actual = g_time_zone_get_identifier (tl_protocol_get_timezone (protocol));

  if (g_strcmp0 (id, "local") == 0)
    /* Translators: %s is the computer's time zone, e.g. "America/New_York". */
    return g_strdup_printf (_("%s (this computer's time zone: the protocol has no place of its own)"), actual);
  return g_strdup (id != NULL ? id : actual);
}

static void
merge_into (TlPlanStep *into,
            TlPlanStep *from)
{
  /* What the folded step asked for stays readable, as a note of the step that keeps the call. */
  if (g_strcmp0 (into->text, from->text) != 0)
    add_unique (into->notes, g_strdup (from->text));
  merge_victims (into->victims, from->victims);
  g_array_sort (into->victims, compare_guint);
  into->shares_victim_info |= from->shares_victim_info;
  for (guint i = 0; i < from->reasons->len; i++)
    add_unique (into->reasons, g_strdup (g_ptr_array_index (from->reasons, i)));
  for (guint i = 0; i < from->warnings->len; i++)
    add_unique (into->warnings, g_strdup (g_ptr_array_index (from->warnings, i)));
  for (guint i = 0; i < from->notes->len; i++)
    add_unique (into->notes, g_strdup (g_ptr_array_index (from->notes, i)));
  for (guint i = 0; i < from->items->len; i++)
    {
      TlProvideItem item = g_array_index (from->items, TlProvideItem, i);
      gboolean found = FALSE;

      for (guint j = 0; j < into->items->len && !found; j++)
        found = g_array_index (into->items, TlProvideItem, j) == item;
      if (!found)
        g_array_append_val (into->items, item);
    }
  while (from->sources->len > 0)
    g_ptr_array_add (into->sources, g_ptr_array_steal_index (from->sources, 0));
}

static gboolean
step_lists (const TlPlanStep *step,
            const TlContact  *contact)
{
  for (guint i = 0; i < step->contacts->len; i++)
    if (((const TlPlanContact *) g_ptr_array_index (step->contacts, i))->contact == contact)
      return TRUE;
  return FALSE;
}

/* A contact is named once in a plan, at its first step: a later step drops it, and a
 * later step left with nobody to call is folded into the first step that names its
 * contacts (its reasons, victims, items and warnings join that step). The national
 * hotline asked for by the anonymous-tip rule and by the every-tip rule is one call. */
static void
fold_repeated_contacts (TlPlan *plan)
{
  for (guint i = 1; i < plan->steps->len; i++)
    {
      TlPlanStep *step = g_ptr_array_index (plan->steps, i);
      TlPlanStep *first = NULL;

      if (step->contacts->len == 0)
        continue;
      for (guint k = 0; k < step->contacts->len;)
        {
          const TlPlanContact *pc = g_ptr_array_index (step->contacts, k);
          TlPlanStep *earlier = NULL;

          for (guint j = 0; j < i && earlier == NULL; j++)
            if (step_lists (g_ptr_array_index (plan->steps, j), pc->contact))
              earlier = g_ptr_array_index (plan->steps, j);
          if (earlier == NULL)
            {
              k++;
              continue;
            }
          if (first == NULL)
            first = earlier;
          g_ptr_array_remove_index (step->contacts, k);
        }
      if (step->contacts->len == 0 && first != NULL)
        {
          merge_into (first, step);
          g_ptr_array_remove_index (plan->steps, i);
          i--;
        }
    }
}

TlPlan *
tl_router_route (TlProtocol  *protocol,
                 const TlTip *tip,
                 GDateTime   *at,
                 const char  *lang)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) on = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  GPtrArray *rules;
  TlPlan *plan;
  Route r = { 0, };

  g_return_val_if_fail (protocol != NULL, NULL);
  g_return_val_if_fail (tip != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);

  if (lang == NULL)
    lang = tl_protocol_default_language ();
  local = g_date_time_to_timezone (at, tl_protocol_get_timezone (protocol));
  plan = _tl_plan_new (protocol, local, lang);
  plan->timezone = describe_timezone (protocol);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  r.tip = tip;
  r.plan = plan;
  r.at = local;
  /* Ages count on the calendar date the tip came in where the protocol applies, not in
   * the offset the time was written with (an import in UTC, a workstation elsewhere). */
  on = tip->received != NULL ? g_date_time_to_timezone (tip->received, tl_protocol_get_timezone (protocol))
                             : g_date_time_ref (local);
  r.on = on;
  r.by_key = by_key;

  plan->danger = tip->danger == TL_DANGER_IMMEDIATE;
  plan->national = tl_protocol_is_national (protocol);
  fill_consent (&r);

  rules = tl_protocol_get_rules (protocol);
  for (guint i = 0; i < rules->len; i++)
    {
      const TlRule *rule = g_ptr_array_index (rules, i);
      g_autoptr(GArray) victims = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) reasons = NULL;

      if (!tip_facts_hold (&r, rule))
        continue;
      if (rule->when.facts & TL_FACTS_VICTIM)
        {
          for (guint v = 0; v < n_victims (tip); v++)
            if (victim_facts_hold (&r, rule, victim_at (tip, v)))
              g_array_append_val (victims, v);
          if (victims->len == 0)
            continue;
        }
      reasons = build_reasons (&r, rule, victims);
      for (guint k = 0; k < rule->steps->len; k++)
        add_step (&r, g_ptr_array_index (rule->steps, k), victims, reasons);
    }

  g_ptr_array_sort (plan->steps, compare_steps);
  fold_repeated_contacts (plan);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      TlPlanStep *ps = g_ptr_array_index (plan->steps, i);

      ps->order = i + 1;
      fill_provide (&r, ps);
      add_consent_warnings (&r, ps);
    }

  for (guint i = 0; i < tl_protocol_get_notes (protocol)->len; i++)
    g_ptr_array_add (plan->notes, g_strdup (tl_text_get (g_ptr_array_index (tl_protocol_get_notes (protocol), i), lang)));
  fill_questions (&r);

  if (plan->national)
    plan->notice = g_strdup (_("No state protocol is loaded for this tip: these steps come from the national protocol (911 and the National Human Trafficking Hotline) only."));
  return plan;
}

TlProtocol *
tl_router_pick_protocol (TlProtocolSet  *set,
                         const TlTip    *tip,
                         const char     *protocol_id,
                         GError        **error)
{
  TlProtocol *protocol;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (tip != NULL, NULL);

  if (protocol_id != NULL)
    {
      protocol = tl_protocol_set_lookup (set, protocol_id);
      if (protocol == NULL)
        g_set_error (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                     _("There is no protocol with the id \"%s\"; \"tipline-cli protocols\" lists them."), protocol_id);
      return protocol;
    }
  protocol = tl_protocol_set_for_state (set, tip->location.state);
  if (protocol == NULL)
    protocol = tl_protocol_set_get_national (set);
  if (protocol == NULL)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                         _("No protocol fits this tip and the national protocol is missing; reinstall Tipline."));
  return protocol;
}

TlPlan *
tl_router_route_in_set (TlProtocolSet  *set,
                        const TlTip    *tip,
                        const char     *protocol_id,
                        GDateTime      *at,
                        const char     *lang,
                        GError        **error)
{
  TlProtocol *protocol;
  TlPlan *plan;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (tip != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);

  protocol = tl_router_pick_protocol (set, tip, protocol_id, error);
  if (protocol == NULL)
    return NULL;
  plan = tl_router_route (protocol, tip, at, lang);

  if (plan->national && protocol_id == NULL)
    {
      g_free (plan->notice);
      if (tip->location.state == NULL || tip->location.state[0] == '\0')
        {
          plan->notice = g_strdup (_("The tip has no state, so no state protocol is loaded: these steps come from the national protocol (911 and the National Human Trafficking Hotline) only. Add the state to route by its protocol."));
          _tl_plan_add_question (plan, "location/state", g_strdup (_("The state is not recorded; Tipline needs it to choose the state's protocol.")));
        }
      else if (tl_state_code (tip->location.state) == NULL)
        {
          /* Translators: %s is what the tip holds as its state, e.g. "Atlantis". */
          plan->notice = g_strdup_printf (_("“%s” is not a U.S. state, so no state protocol applies: these steps come from the national protocol (911 and the National Human Trafficking Hotline) only. Write the state as its postal code (NM), its name (New Mexico) or its Spanish name (Nuevo México)."),
                                          tip->location.state);
          _tl_plan_add_question (plan, "location/state", g_strdup (_("This is not a U.S. state: write its postal code (NM), its name (New Mexico) or its Spanish name (Nuevo México).")));
        }
      else
        /* Translators: %s is a state code such as "TX". */
        plan->notice = g_strdup_printf (_("No state protocol is loaded for %s: these steps come from the national protocol (911 and the National Human Trafficking Hotline) only."),
                                        tl_state_code (tip->location.state));
    }
  return plan;
}
