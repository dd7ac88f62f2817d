/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-plan-private.h"

static void
plan_contact_free (TlPlanContact *pc)
{
  g_clear_pointer (&pc->next_open, g_date_time_unref);
  g_free (pc);
}

static void
plan_item_free (TlPlanItem *item)
{
  g_free (item->label);
  g_free (item->field);
  g_free (item->field_label);
  g_free (item);
}

static void
plan_question_free (TlPlanQuestion *q)
{
  g_free (q->field);
  g_free (q->field_label);
  g_free (q->message);
  g_free (q);
}

static void
plan_source_free (TlPlanSource *source)
{
  g_free (source->about);
  g_free (source->source);
  g_free (source);
}

TlPlanStep *
_tl_plan_step_new (void)
{
  TlPlanStep *s = g_new0 (TlPlanStep, 1);

  s->reasons = g_ptr_array_new_with_free_func (g_free);
  s->victims = g_array_new (FALSE, FALSE, sizeof (guint));
  s->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_contact_free);
  s->warnings = g_ptr_array_new_with_free_func (g_free);
  s->notes = g_ptr_array_new_with_free_func (g_free);
  s->provide = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_item_free);
  s->items = g_array_new (FALSE, FALSE, sizeof (TlProvideItem));
  s->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_source_free);
  return s;
}

void
_tl_plan_step_free (TlPlanStep *step)
{
  g_free (step->rule_id);
  g_free (step->situation);
  g_free (step->text);
  g_ptr_array_unref (step->reasons);
  g_array_unref (step->victims);
  g_ptr_array_unref (step->contacts);
  g_ptr_array_unref (step->warnings);
  g_ptr_array_unref (step->notes);
  g_ptr_array_unref (step->provide);
  g_array_unref (step->items);
  g_ptr_array_unref (step->sources);
  g_free (step);
}

TlPlanContact *
_tl_plan_contact_new (const TlContact *contact)
{
  TlPlanContact *pc = g_new0 (TlPlanContact, 1);

  pc->contact = contact;
  return pc;
}

TlPlanItem *
_tl_plan_item_new (TlProvideItem  item,
                   const char    *label,
                   char          *field,
                   gboolean       present)
{
  TlPlanItem *it = g_new0 (TlPlanItem, 1);

  it->item = item;
  it->label = g_strdup (label);
  it->field = field;
  it->field_label = tl_plan_field_label (field);
  it->present = present;
  return it;
}

void
_tl_plan_add_question (TlPlan     *plan,
                       const char *field,
                       char       *message)
{
  TlPlanQuestion *q = g_new0 (TlPlanQuestion, 1);

  q->field = g_strdup (field);
  q->field_label = tl_plan_field_label (field);
  q->message = message;
  g_ptr_array_add (plan->questions, q);
}

TlPlan *
_tl_plan_new (TlProtocol *protocol,
              GDateTime  *at,
              const char *lang)
{
  TlPlan *plan = g_new0 (TlPlan, 1);

  plan->protocol = tl_protocol_ref (protocol);
  plan->at = g_date_time_ref (at);
  plan->lang = g_strdup (lang);
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_plan_step_free);
  plan->notes = g_ptr_array_new_with_free_func (g_free);
  plan->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_question_free);
  plan->consent.unsigned_victims = g_array_new (FALSE, FALSE, sizeof (guint));
  return plan;
}

void
tl_plan_free (TlPlan *plan)
{
  if (plan == NULL)
    return;
  tl_protocol_unref (plan->protocol);
  g_date_time_unref (plan->at);
  g_free (plan->lang);
  g_free (plan->timezone);
  g_free (plan->notice);
  g_ptr_array_unref (plan->steps);
  g_ptr_array_unref (plan->notes);
  g_ptr_array_unref (plan->questions);
  g_array_unref (plan->consent.unsigned_victims);
  g_free (plan->consent.summary);
  g_free (plan);
}

/* The fields a plan points at, by path; the victim's number is filled in. */
char *
tl_plan_field_label (const char *field)
{
  static const struct { const char *path; const char *label; } fields[] = {
    { "type", N_("Situation: type of trafficking") },
    { "danger", N_("Situation: immediate danger") },
    { "operation", N_("Situation: how the operation works") },
    { "victims", N_("Victims") },
    { "location/city", N_("Location: city, village or town") },
    { "location/address", N_("Location: address") },
    { "location/description", N_("Location: descriptions, signage and markings") },
    { "location/state", N_("Location: state") },
    { "reporter/phone", N_("Reporter: phone number") },
    { "offenders", N_("Offenders") },
    { "vehicles", N_("Vehicles") },
    { "phones", N_("Phone numbers") },
    { "online", N_("Online: e-mail, social media, websites") },
    { "financial", N_("Financial details") },
    { "release-policy", N_("Consent: your agency's release policy") },
  };
  guint64 index;
  char *end = NULL;

  if (field == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].path))
      return g_strdup (_(fields[i].label));
  if (g_str_has_prefix (field, "victims/"))
    {
      index = g_ascii_strtoull (field + strlen ("victims/"), &end, 10);
      if (end != NULL && *end == '/' && index < G_MAXUINT)
        {
          guint n = (guint) index + 1;

          if (g_str_equal (end + 1, "age"))
            /* Translators: %u is the victim's number: "Victim 1: age or date of birth". */
            return g_strdup_printf (_("Victim %u: age or date of birth"), n);
          if (g_str_equal (end + 1, "stance"))
            return g_strdup_printf (_("Victim %u: decision about law enforcement"), n);
          if (g_str_equal (end + 1, "citizenship"))
            return g_strdup_printf (_("Victim %u: citizenship"), n);
        }
    }
  return g_strdup (field);
}
