/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-plan-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-plan.h"

/* "505-GET-FREE (505-438-3733)": the printed form people recognise, and the digits when
 * the printed form has letters. */
static char *
phone_label (const TlContactPhone *phone)
{
  g_autofree char *formatted = tl_phone_format_digits (phone->digits);
  gboolean letters = FALSE;

  for (const char *p = phone->display; *p; p++)
    if (g_ascii_isalpha (*p))
      letters = TRUE;
  if (!letters)
    return g_strdup (phone->display);
  return g_strdup_printf ("%s (%s)", phone->display, formatted);
}

static char *
availability_label (const TlPlanContact *pc)
{
  switch (pc->state)
    {
    case TL_OPEN_STATE_OPEN:
      if (pc->contact->availability->kind == TL_AVAILABILITY_ALWAYS)
        return g_strdup (_("open (24 hours)"));
      return g_strdup (_("open now"));
    case TL_OPEN_STATE_CLOSED:
      if (pc->next_open != NULL)
        {
          g_autofree char *when = g_date_time_format (pc->next_open, "%a %Y-%m-%d %H:%M");

          /* Translators: %s is a day and time, e.g. "Mon 2026-11-23 08:00". */
          return g_strdup_printf (_("closed now, opens %s"), when);
        }
      return g_strdup (_("closed now"));
    case TL_OPEN_STATE_UNKNOWN:
    default:
      return g_strdup (_("hours unknown"));
    }
}

static void
append_victims (GString      *out,
                const GArray *victims)
{
  for (guint k = 0; k < victims->len; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, _("Victim %u"), g_array_index (victims, guint, k) + 1);
    }
}

static void
append_contact_text (GString             *out,
                     const TlPlanContact *pc,
                     const char          *lang)
{
  const TlContact *c = pc->contact;
  g_autofree char *avail = availability_label (pc);
  const char *org = tl_text_get (&c->organisation, lang);

  g_string_append_printf (out, "     - %s", tl_contact_get_name (c, lang));
  if (org != NULL)
    g_string_append_printf (out, " (%s)", org);
  g_string_append_printf (out, ": %s\n", avail);
  for (guint i = 0; i < c->phones->len; i++)
    {
      const TlContactPhone *phone = g_ptr_array_index (c->phones, i);
      g_autofree char *label = phone_label (phone);

      if (phone->mobile_only)
        /* Translators: %s is a short code such as "#SAFE (#7233)". */
        g_string_append_printf (out, _("       Phone: %s from a cell phone\n"), label);
      else
        g_string_append_printf (out, _("       Phone: %s\n"), label);
    }
  for (guint i = 0; i < c->emails->len; i++)
    g_string_append_printf (out, _("       E-mail: %s\n"), (const char *) g_ptr_array_index (c->emails, i));
  if (c->phones->len == 0 && c->emails->len == 0)
    g_string_append (out, _("       No phone number or e-mail in the protocol (a gap to fill).\n"));
}

static void
append_sources (GString          *out,
                const TlPlanStep *s)
{
  for (guint k = 0; k < s->sources->len; k++)
    {
      const TlPlanSource *src = g_ptr_array_index (s->sources, k);

      if (src->about == NULL)
        /* Translators: where a step comes from: a document and its sentence. */
        g_string_append_printf (out, _("   Source: %s\n"), src->source);
      else
        /* Translators: where a warning or note comes from; first %s is its text. */
        g_string_append_printf (out, _("   Source of “%s”: %s\n"), src->about, src->source);
    }
}

static char *
plan_to_text (const TlPlan *plan,
              gboolean      explain)
{
  GString *out;
  g_autofree char *at = NULL;

  out = g_string_new (NULL);
  at = g_date_time_format (plan->at, "%a %Y-%m-%d %H:%M %Z");
  /* Translators: protocol name, id, version. */
  g_string_append_printf (out, _("Protocol: %s (%s), version %s\n"),
                          tl_protocol_get_name (plan->protocol, plan->lang),
                          tl_protocol_get_id (plan->protocol),
                          tl_protocol_get_version (plan->protocol));
  g_string_append_printf (out, _("Time: %s\n"), at);
  /* Translators: %s is a time zone such as America/Denver. */
  g_string_append_printf (out, _("Ages, business hours and opening hours are judged in the time zone %s."), plan->timezone);
  g_string_append_c (out, '\n');
  if (plan->notice != NULL)
    g_string_append_printf (out, "\n%s\n", plan->notice);
  if (plan->danger)
    g_string_append_printf (out, "\n%s\n", _("IMMEDIATE DANGER: act on step 1 now."));

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *s = g_ptr_array_index (plan->steps, i);

      g_string_append_printf (out, "\n%u. %s\n", s->order, s->text);
      for (guint k = 0; k < s->reasons->len; k++)
        g_string_append_printf (out, _("   Why: %s\n"), (const char *) g_ptr_array_index (s->reasons, k));
      if (explain)
        append_sources (out, s);
      if (s->victims->len > 0)
        {
          g_string_append (out, _("   For: "));
          append_victims (out, s->victims);
          g_string_append_c (out, '\n');
        }
      if (s->contacts->len > 0)
        {
          g_string_append (out, s->choose_one && s->contacts->len > 1
                                ? _("   Contacts (any one of them):\n")
                                : _("   Contacts:\n"));
          for (guint k = 0; k < s->contacts->len; k++)
            append_contact_text (out, g_ptr_array_index (s->contacts, k), plan->lang);
        }
      else if (s->action == TL_ACTION_CALL || s->action == TL_ACTION_EMAIL || s->action == TL_ACTION_CONSULT)
        g_string_append (out, _("   No contact is listed in the protocol for this step (a gap to fill).\n"));
      for (guint k = 0; k < s->warnings->len; k++)
        g_string_append_printf (out, _("   WARNING: %s\n"), (const char *) g_ptr_array_index (s->warnings, k));
      for (guint k = 0; k < s->notes->len; k++)
        g_string_append_printf (out, _("   Note: %s\n"), (const char *) g_ptr_array_index (s->notes, k));
      if (s->provide->len > 0)
        {
          g_string_append (out, _("   Information to provide:\n"));
          for (guint k = 0; k < s->provide->len; k++)
            {
              const TlPlanItem *it = g_ptr_array_index (s->provide, k);

              if (it->present)
                g_string_append_printf (out, "     [x] %s\n", it->label);
              else if (g_strcmp0 (it->label, it->field_label) == 0)
                /* Translators: an item still missing in the tip. */
                g_string_append_printf (out, _("     [ ] %s (missing)\n"), it->label);
              else
                /* Translators: an item still missing in the tip, and the field to fill. */
                g_string_append_printf (out, _("     [ ] %s (missing: %s)\n"), it->label, it->field_label);
            }
        }
    }
  if (plan->steps->len == 0)
    g_string_append_printf (out, "\n%s\n", _("No step of the protocol applies to this tip as recorded."));

  g_string_append_printf (out, _("\nConsent: %s\n"), plan->consent.summary);
  if (plan->consent.release_required && plan->consent.unsigned_victims->len > 0)
    {
      g_string_append (out, _("   No release signed yet: "));
      append_victims (out, plan->consent.unsigned_victims);
      g_string_append_c (out, '\n');
    }
  if (plan->questions->len > 0)
    {
      g_string_append (out, _("\nNot recorded yet:\n"));
      for (guint i = 0; i < plan->questions->len; i++)
        {
          const TlPlanQuestion *q = g_ptr_array_index (plan->questions, i);

          g_string_append_printf (out, "   - %s (%s)\n", q->message, q->field_label);
        }
    }
  if (plan->notes->len > 0)
    {
      g_string_append (out, _("\nProtocol notes:\n"));
      for (guint i = 0; i < plan->notes->len; i++)
        g_string_append_printf (out, "   %s\n", (const char *) g_ptr_array_index (plan->notes, i));
    }
  return g_string_free (out, FALSE);
}

char *
tl_plan_to_text (const TlPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan_to_text (plan, FALSE);
}

char *
tl_plan_to_text_explained (const TlPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan_to_text (plan, TRUE);
}

static void
write_contact_json (TlJson              *json,
                    const TlPlanContact *pc,
                    const char          *lang)
{
  const TlContact *c = pc->contact;
  const TlContactPhone *phone = tl_contact_get_phone (c);

  tl_json_begin_object (json);
  tl_json_member_string (json, "id", c->id);
  tl_json_member_string (json, "name", tl_contact_get_name (c, lang));
  tl_json_member_string (json, "organisation", tl_text_get (&c->organisation, lang));
  tl_json_member_string (json, "kind", tl_enum_to_nick (tl_contact_kind_values, c->kind));
  tl_json_member_string (json, "phone", phone != NULL ? phone->display : NULL);
  tl_json_member_string (json, "digits", phone != NULL ? phone->digits : NULL);
  tl_json_key (json, "phones");
  tl_json_begin_array (json);
  for (guint i = 0; i < c->phones->len; i++)
    {
      const TlContactPhone *p = g_ptr_array_index (c->phones, i);

      tl_json_begin_object (json);
      tl_json_member_string (json, "display", p->display);
      tl_json_member_string (json, "digits", p->digits);
      tl_json_member_bool (json, "mobile_only", p->mobile_only);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  tl_json_member_string (json, "email", tl_contact_get_email (c));
  tl_json_member_string (json, "available", tl_open_state_to_nick (pc->state));
  tl_json_member_bool (json, "always", c->availability->kind == TL_AVAILABILITY_ALWAYS);
  if (pc->next_open != NULL)
    {
      g_autofree char *next = g_date_time_format_iso8601 (pc->next_open);

      tl_json_member_string (json, "next_open", next);
    }
  tl_json_end_object (json);
}

static void
write_strings (TlJson     *json,
               const char *key,
               GPtrArray  *strings)
{
  tl_json_key (json, key);
  tl_json_begin_array (json);
  for (guint i = 0; i < strings->len; i++)
    tl_json_string (json, g_ptr_array_index (strings, i));
  tl_json_end_array (json);
}

static void
write_indexes (TlJson       *json,
               const char   *key,
               const GArray *indexes)
{
  tl_json_key (json, key);
  tl_json_begin_array (json);
  for (guint i = 0; i < indexes->len; i++)
    tl_json_int (json, g_array_index (indexes, guint, i));
  tl_json_end_array (json);
}

void
tl_plan_write_json (const TlPlan *plan,
                    TlJson       *json)
{
  g_autofree char *at = NULL;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (json != NULL);

  at = g_date_time_format_iso8601 (plan->at);
  tl_json_begin_object (json);
  tl_json_member_string (json, "protocol", tl_protocol_get_id (plan->protocol));
  tl_json_member_string (json, "protocol_name", tl_protocol_get_name (plan->protocol, plan->lang));
  tl_json_member_string (json, "protocol_version", tl_protocol_get_version (plan->protocol));
  tl_json_member_string (json, "at", at);
  tl_json_member_string (json, "timezone", tl_protocol_get_timezone_id (plan->protocol));
  tl_json_member_string (json, "timezone_used", plan->timezone);
  tl_json_member_string (json, "lang", plan->lang);
  tl_json_member_bool (json, "danger", plan->danger);
  tl_json_member_bool (json, "national", plan->national);
  tl_json_member_string (json, "notice", plan->notice);

  tl_json_key (json, "steps");
  tl_json_begin_array (json);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *s = g_ptr_array_index (plan->steps, i);
      g_autofree char *reason = NULL;

      g_ptr_array_add (s->reasons, NULL);
      reason = g_strjoinv (" ", (char **) s->reasons->pdata);
      g_ptr_array_remove_index (s->reasons, s->reasons->len - 1);

      tl_json_begin_object (json);
      tl_json_member_int (json, "order", s->order);
      tl_json_member_string (json, "action", tl_enum_to_nick (tl_action_values, s->action));
      tl_json_member_string (json, "service", tl_enum_to_nick (tl_service_values, s->service));
      tl_json_member_string (json, "rule", s->rule_id);
      tl_json_member_string (json, "situation", s->situation);
      tl_json_member_string (json, "text", s->text);
      tl_json_member_string (json, "reason", reason);
      write_strings (json, "reasons", s->reasons);
      write_indexes (json, "victims", s->victims);
      tl_json_member_bool (json, "choose_one", s->choose_one);
      tl_json_member_bool (json, "shares_victim_info", s->shares_victim_info);
      tl_json_key (json, "contacts");
      tl_json_begin_array (json);
      for (guint k = 0; k < s->contacts->len; k++)
        write_contact_json (json, g_ptr_array_index (s->contacts, k), plan->lang);
      tl_json_end_array (json);
      write_strings (json, "warnings", s->warnings);
      write_strings (json, "notes", s->notes);
      tl_json_key (json, "provide");
      tl_json_begin_array (json);
      for (guint k = 0; k < s->provide->len; k++)
        {
          const TlPlanItem *it = g_ptr_array_index (s->provide, k);

          tl_json_begin_object (json);
          tl_json_member_string (json, "item", it->label);
          tl_json_member_string (json, "key", tl_enum_to_nick (tl_provide_item_values, it->item));
          tl_json_member_string (json, "field", it->field);
          tl_json_member_string (json, "field_label", it->field_label);
          tl_json_member_bool (json, "present", it->present);
          tl_json_end_object (json);
        }
      tl_json_end_array (json);
      tl_json_key (json, "sources");
      tl_json_begin_array (json);
      for (guint k = 0; k < s->sources->len; k++)
        {
          const TlPlanSource *src = g_ptr_array_index (s->sources, k);

          tl_json_begin_object (json);
          tl_json_member_string (json, "about", src->about);
          tl_json_member_string (json, "source", src->source);
          tl_json_end_object (json);
        }
      tl_json_end_array (json);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);

  tl_json_key (json, "consent");
  tl_json_begin_object (json);
  tl_json_member_bool (json, "release_required", plan->consent.release_required);
  tl_json_member_bool (json, "policy_unknown", plan->consent.policy_unknown);
  tl_json_member_bool (json, "release_signed", plan->consent.release_signed);
  write_indexes (json, "unsigned_victims", plan->consent.unsigned_victims);
  tl_json_member_string (json, "summary", plan->consent.summary);
  tl_json_end_object (json);

  tl_json_key (json, "questions");
  tl_json_begin_array (json);
  for (guint i = 0; i < plan->questions->len; i++)
    {
      const TlPlanQuestion *q = g_ptr_array_index (plan->questions, i);

      tl_json_begin_object (json);
      tl_json_member_string (json, "field", q->field);
      tl_json_member_string (json, "field_label", q->field_label);
      tl_json_member_string (json, "message", q->message);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  write_strings (json, "notes", plan->notes);
  tl_json_end_object (json);
}

char *
tl_plan_to_json (const TlPlan *plan)
{
  TlJson *json;

  g_return_val_if_fail (plan != NULL, NULL);

  json = tl_json_new ();
  tl_plan_write_json (plan, json);
  return tl_json_steal (json);
}
