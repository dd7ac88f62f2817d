/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-describe"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-tip-describe.h"
#include "tl-safety-plan.h"

/* helpers */

static void
field_free (TlField *field)
{
  g_free (field->value);
  g_free (field->display);
  g_free (field);
}

static TlSection *
section_new (GPtrArray  *sections,
             const char *key,
             char       *title,
             int         index)
{
  TlSection *section = g_new0 (TlSection, 1);

  section->key = key;
  section->title = title;
  section->index = index;
  section->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_ptr_array_add (sections, section);
  return section;
}

static void
add_field (TlSection    *section,
           const char   *key,
           const char   *label,
           const char   *value,
           const char   *display,
           TlFieldFlags  flags)
{
  TlField *field;

  if (value == NULL)
    return;

  field = g_new0 (TlField, 1);
  field->key = key;
  field->label = label;
  field->value = g_strdup (value);
  field->display = g_strdup (display);
  field->flags = flags;
  g_ptr_array_add (section->fields, field);
}

static void
add_text (TlSection    *section,
          const char   *key,
          const char   *label,
          const char   *text,
          TlFieldFlags  flags)
{
  add_field (section, key, label, text, text, flags);
}

/* An enumeration's value always, even its first row ("other" is a real answer). */
static void
add_kind (TlSection         *section,
          const char        *key,
          const char        *label,
          const TlEnumValue *table,
          int                value,
          TlFieldFlags       flags)
{
  add_field (section, key, label, tl_enum_to_nick (table, value), tl_enum_label (table, value),
             flags);
}

/* Enumerations: the first row of each table is "nothing recorded", which is left out. */
static void
add_enum (TlSection         *section,
          const char        *key,
          const char        *label,
          const TlEnumValue *table,
          int                value,
          TlFieldFlags       flags)
{
  if (value != table[0].value)
    add_kind (section, key, label, table, value, flags);
}

static void
add_needs (TlSection *section,
           TlNeeds    needs)
{
  g_autoptr(GStrvBuilder) nicks = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) nick_list = NULL;
  g_auto(GStrv) label_list = NULL;
  g_autofree char *value = NULL;
  g_autofree char *display = NULL;

  if (needs == 0)
    return;

  for (const TlEnumValue *row = tl_need_values; row->nick != NULL; row++)
    if (needs & row->value)
      {
        g_strv_builder_add (nicks, row->nick);
        g_strv_builder_add (labels, g_dgettext (GETTEXT_PACKAGE, row->label));
      }
  nick_list = g_strv_builder_end (nicks);
  label_list = g_strv_builder_end (labels);

  value = g_strjoinv (" ", nick_list);
  display = g_strjoinv (", ", label_list);
  add_field (section, "needs", _("Needs"), value, display, TL_FIELD_VICTIM_NEEDS);
}

static void
add_time (TlSection    *section,
          const char   *key,
          const char   *label,
          GDateTime    *time,
          TlFieldFlags  flags)
{
  g_autofree char *iso = NULL;
  g_autofree char *display = NULL;

  if (time == NULL)
    return;

  iso = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
  /* Translators: a date and time in a tip, strftime format */
  display = g_date_time_format (time, _("%Y-%m-%d %H:%M (UTC%:z)"));
  add_field (section, key, label, iso, display, flags);
}

/* Who provided each part, where it was recorded (a part left to the reporter's role
 * is not listed). */
static void
add_sources (TlSection   *section,
             const TlTip *tip)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) display = g_string_new (NULL);

  for (guint i = 0; i < TL_N_PARTS; i++)
    {
      if (tip->sources[i] == TL_SOURCE_FROM_ROLE)
        continue;
      if (value->len > 0)
        {
          g_string_append_c (value, ' ');
          g_string_append (display, "; ");
        }
      g_string_append_printf (value, "%s=%s", tl_enum_to_nick (tl_part_values, i),
                              tl_enum_to_nick (tl_source_values, tip->sources[i]));
      /* Translators: who provided a part of a tip, "Location: The victim" */
      g_string_append_printf (display, _("%s: %s"),
                              g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_part_values, i)),
                              g_dgettext (GETTEXT_PACKAGE,
                                          tl_enum_label (tl_source_values, tip->sources[i])));
    }

  if (value->len > 0)
    add_field (section, "sources", _("Information from"), value->str, display->str,
               TL_FIELD_INTERNAL);
}

/* A call-back safety plan as its own section ("reporter-call-back", "victim-call-back"):
 * the office's record of how to reach a person safely, never in a report but full. */
static void
describe_plan (GPtrArray          *sections,
               const char         *key,
               char               *title,
               int                 index,
               const TlSafetyPlan *plan)
{
  TlSection *s = section_new (sections, key, title, index);
  const TlFieldFlags flags = TL_FIELD_INTERNAL;

  if (tl_safety_plan_is_empty (plan))
    return;

  add_enum (s, "safe", _("Safe to call back"), tl_call_back_values, plan->call_back, flags);
  if (plan->call_back == TL_CALL_BACK_WINDOW)
    {
      g_autofree char *window = tl_safety_plan_dup_window_text (plan, NULL);

      add_text (s, "window", _("Safe window"), window, flags);
    }
  add_enum (s, "message", _("Message"), tl_message_rule_values, plan->message, flags);
  add_text (s, "message-text", _("What a message may say"), plan->message_text, flags);
  add_text (s, "ask-for", _("Ask for"), plan->ask_for, flags);
  add_text (s, "code-word", _("Code word"), plan->code_word, flags);
  add_text (s, "if-dropped", _("If the call drops"), plan->if_dropped, flags);
}

static void
describe_intake (const TlTip *tip,
                 GPtrArray   *sections)
{
  TlSection *s = section_new (sections, "intake", g_strdup (_("Intake")), -1);

  add_time (s, "received", _("Received"), tip->received, TL_FIELD_PLAIN);
  add_enum (s, "channel", _("Channel"), tl_channel_values, tip->channel, TL_FIELD_PLAIN);
  add_enum (s, "reporter-role", _("Reported by"), tl_reporter_role_values, tip->reporter_role,
            TL_FIELD_PLAIN);
  if (tl_tip_is_anonymous (tip))
    add_text (s, "reporter-anonymous", _("Asked to stay anonymous"), _("Yes"),
              TL_FIELD_PLAIN);
  add_text (s, "reporter-name", _("Reporter’s name"), tip->reporter_name,
            TL_FIELD_REPORTER_IDENTITY);
  add_text (s, "reporter-phone", _("Reporter’s phone"), tip->reporter_phone,
            TL_FIELD_REPORTER_IDENTITY);
  add_text (s, "reporter-email", _("Reporter’s e-mail"), tip->reporter_email,
            TL_FIELD_REPORTER_IDENTITY);
  add_text (s, "advocate", _("Taken by"), tip->advocate, TL_FIELD_INTERNAL);
  add_text (s, "close-reason", _("Reason for closing"), tip->close_reason, TL_FIELD_INTERNAL);
  add_sources (s, tip);

  describe_plan (sections, "reporter-call-back", g_strdup (_("Calling the reporter back")), -1,
                 &tip->reporter_plan);
}

static void
describe_situation (const TlTip *tip,
                    GPtrArray   *sections)
{
  TlSection *s = section_new (sections, "situation", g_strdup (_("Situation")), -1);

  add_enum (s, "danger", _("Danger"), tl_danger_values, tip->danger, TL_FIELD_PLAIN);
  add_enum (s, "type", _("Type of trafficking"), tl_trafficking_type_values, tip->type,
            TL_FIELD_PLAIN);
  add_enum (s, "venue", _("Venue"), tl_venue_values, tip->venue, TL_FIELD_PLAIN);
  add_text (s, "venue-detail", _("Venue details"), tip->venue_detail, TL_FIELD_PLAIN);
  add_text (s, "operation", _("How the operation works"), tip->operation, TL_FIELD_PLAIN);
  add_enum (s, "release-policy", _("Release under the confidentiality policy"),
            tl_release_policy_values, tip->release_policy, TL_FIELD_INTERNAL);
}

static void
describe_location (const TlTip *tip,
                   GPtrArray   *sections)
{
  TlSection *s = section_new (sections, "location", g_strdup (_("Location")), -1);

  add_text (s, "address", _("Address"), tip->location.address, TL_FIELD_PLAIN);
  add_text (s, "city", _("City, village or town"), tip->location.city, TL_FIELD_PLAIN);
  add_text (s, "county", _("County"), tip->location.county, TL_FIELD_PLAIN);
  add_text (s, "state", _("State"), tip->location.state, TL_FIELD_PLAIN);
  add_text (s, "description", _("Description, signage and markings"),
            tip->location.description, TL_FIELD_PLAIN);
}

static void
describe_victims (const TlTip *tip,
                  GPtrArray   *sections)
{
  const TlFieldFlags id = TL_FIELD_VICTIM_IDENTITY;

  for (guint i = 0; i < tip->victims->len; i++)
    {
      const TlVictim *v = g_ptr_array_index (tip->victims, i);
      TlSection *s = section_new (sections, "victim",
                                  g_strdup_printf (_("Victim %u"), i + 1), (int) i);

      add_text (s, "name", _("Name"), v->name, id);
      add_text (s, "description", _("Description"), v->description, id);
      add_text (s, "age", _("Age"), v->age, TL_FIELD_PLAIN);
      add_text (s, "birth-date", _("Date of birth"), v->birth_date, id);
      add_enum (s, "gender", _("Gender"), tl_gender_values, v->gender, TL_FIELD_PLAIN);
      add_enum (s, "citizenship", _("Citizenship"), tl_citizenship_values, v->citizenship,
                TL_FIELD_PLAIN);
      add_text (s, "country", _("Country"), v->country, TL_FIELD_PLAIN);
      add_text (s, "language", _("Language"), v->language, id);
      add_text (s, "phone", _("Phone"), v->phone, id);
      add_text (s, "email", _("E-mail"), v->email, id);
      add_text (s, "address", _("Address"), v->address, id);
      add_enum (s, "law-enforcement", _("Law enforcement"), tl_stance_values, v->stance,
                TL_FIELD_PLAIN);
      add_needs (s, v->needs);
      if (v->release_signed)
        add_text (s, "release-signed", _("Release signed"), _("Yes"), TL_FIELD_PLAIN);
      add_text (s, "release-date", _("Release date"), v->release_date, TL_FIELD_PLAIN);
      add_text (s, "release-language", _("Release language"), v->release_language,
                TL_FIELD_PLAIN);
      /* Translators: %u is the victim's number, as in "Victim 2" */
      describe_plan (sections, "victim-call-back", g_strdup_printf (_("Calling victim %u back"), i + 1),
                     (int) i, &v->plan);
    }
}

static void
describe_offenders (const TlTip *tip,
                    GPtrArray   *sections)
{
  const TlFieldFlags intel = TL_FIELD_OFFENDER_INTEL;

  for (guint i = 0; i < tip->offenders->len; i++)
    {
      const TlOffender *o = g_ptr_array_index (tip->offenders, i);
      TlSection *s = section_new (sections, "offender",
                                  g_strdup_printf (_("Offender %u"), i + 1), (int) i);

      add_text (s, "name", _("Name"), o->name, intel);
      add_text (s, "alias", _("Alias"), o->alias, intel);
      add_text (s, "age", _("Age"), o->age, intel);
      add_text (s, "birth-date", _("Date of birth"), o->birth_date, intel);
      add_enum (s, "gender", _("Gender"), tl_gender_values, o->gender, intel);
      add_text (s, "description", _("Description"), o->description, intel);
      add_text (s, "address", _("Address"), o->address, intel);
      add_text (s, "marks", _("Identifying marks"), o->marks, intel);
      add_enum (s, "role", _("Role"), tl_offender_role_values, o->role, intel);
    }
}

static void
describe_identifiers (const TlTip *tip,
                      GPtrArray   *sections)
{
  const TlFieldFlags intel = TL_FIELD_OFFENDER_INTEL;

  for (guint i = 0; i < tip->vehicles->len; i++)
    {
      const TlVehicle *v = g_ptr_array_index (tip->vehicles, i);
      TlSection *s = section_new (sections, "vehicle",
                                  g_strdup_printf (_("Vehicle %u"), i + 1), (int) i);

      add_text (s, "plate", _("Plate"), v->plate, intel);
      add_text (s, "plate-state", _("Plate state"), v->plate_state, intel);
      add_text (s, "make", _("Make"), v->make, intel);
      add_text (s, "model", _("Model"), v->model, intel);
      add_text (s, "color", _("Color"), v->color, intel);
      add_text (s, "year", _("Year"), v->year, intel);
      add_text (s, "description", _("Description"), v->description, intel);
    }

  for (guint i = 0; i < tip->phones->len; i++)
    {
      const TlPhone *p = g_ptr_array_index (tip->phones, i);
      TlSection *s = section_new (sections, "phone",
                                  g_strdup_printf (_("Phone %u"), i + 1), (int) i);
      /* a victim's own number identifies the victim */
      TlFieldFlags flags = p->owner == TL_PHONE_OWNER_VICTIM ? TL_FIELD_VICTIM_IDENTITY : intel;

      add_text (s, "number", _("Number"), p->number, flags);
      add_text (s, "carrier", _("Phone company"), p->carrier, flags);
      add_enum (s, "owner", _("Whose"), tl_phone_owner_values, p->owner, TL_FIELD_PLAIN);
    }

  for (guint i = 0; i < tip->online->len; i++)
    {
      const TlOnline *o = g_ptr_array_index (tip->online, i);
      TlSection *s = section_new (sections, "online",
                                  g_strdup_printf (_("Online %u"), i + 1), (int) i);

      add_kind (s, "kind", _("Kind"), tl_online_kind_values, o->kind, intel);
      add_text (s, "platform", _("Platform"), o->platform, intel);
      add_text (s, "value", _("Address, handle or link"), o->value, intel);
    }

  for (guint i = 0; i < tip->financial->len; i++)
    {
      const TlFinancial *f = g_ptr_array_index (tip->financial, i);
      TlSection *s = section_new (sections, "financial",
                                  g_strdup_printf (_("Financial %u"), i + 1), (int) i);

      add_kind (s, "kind", _("Kind"), tl_financial_kind_values, f->kind, intel);
      add_text (s, "institution", _("Institution"), f->institution, intel);
      add_text (s, "holder", _("Holder"), f->holder, intel);
      add_text (s, "value", _("Number as given"), f->value, intel);
    }
}

static void
describe_referrals (const TlTip *tip,
                    GPtrArray   *sections)
{
  for (guint i = 0; i < tip->referrals->len; i++)
    {
      const TlReferral *r = g_ptr_array_index (tip->referrals, i);
      TlSection *s = section_new (sections, "referral",
                                  g_strdup_printf (_("Referral %u"), i + 1), (int) i);

      add_time (s, "at", _("When"), r->at, TL_FIELD_INTERNAL);
      add_text (s, "step", _("Step"), r->step, TL_FIELD_INTERNAL);
      add_text (s, "contact", _("Contact"), r->contact_name ? r->contact_name : r->contact_id,
                TL_FIELD_INTERNAL);
      add_kind (s, "outcome", _("Outcome"), tl_outcome_values, r->outcome, TL_FIELD_INTERNAL);
      add_text (s, "note", _("Note"), r->note, TL_FIELD_INTERNAL);
      add_text (s, "advocate", _("Advocate"), r->advocate, TL_FIELD_INTERNAL);
      add_kind (s, "stage", _("Stands at"), tl_referral_stage_values, tl_referral_get_stage (r),
                TL_FIELD_INTERNAL);
      if (r->moves != NULL && r->moves->len > 0)
        {
          g_autoptr(GString) value = g_string_new (NULL);
          g_autoptr(GString) display = g_string_new (NULL);

          /* each move: "2026-12-02T09:15:00-07:00 declined: No beds tonight" */
          for (guint m = 0; m < r->moves->len; m++)
            {
              const TlReferralMove *move = g_ptr_array_index (r->moves, m);
              g_autofree char *when = move->at != NULL ? g_date_time_format (move->at, "%Y-%m-%dT%H:%M:%S%:z") : g_strdup ("");
              g_autofree char *shown = move->at != NULL ? g_date_time_format (move->at, "%Y-%m-%d %H:%M") : g_strdup ("");

              g_string_append_printf (value, "%s%s %s%s%s", m > 0 ? "\n" : "", when,
                                      tl_enum_to_nick (tl_referral_stage_values, move->stage),
                                      move->reason != NULL ? ": " : "", move->reason != NULL ? move->reason : "");
              g_string_append_printf (display, "%s%s %s%s%s", m > 0 ? "\n" : "", shown,
                                      g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_referral_stage_values, move->stage)),
                                      move->reason != NULL ? ": " : "", move->reason != NULL ? move->reason : "");
            }
          add_field (s, "stages", _("Stages"), value->str, display->str, TL_FIELD_INTERNAL);
        }
    }
}

/* public API */

GPtrArray *
tl_tip_describe (const TlTip *tip)
{
  GPtrArray *sections;
  TlSection *narrative;

  g_return_val_if_fail (tip != NULL, NULL);

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_section_free);
  describe_intake (tip, sections);
  describe_situation (tip, sections);
  describe_location (tip, sections);
  describe_victims (tip, sections);
  describe_offenders (tip, sections);
  describe_identifiers (tip, sections);

  narrative = section_new (sections, "narrative", g_strdup (_("Narrative")), -1);
  add_text (narrative, "narrative", _("Narrative"), tip->narrative, TL_FIELD_PLAIN);

  describe_referrals (tip, sections);

  /* A section with nothing in it says nothing: leave it out. */
  for (guint i = sections->len; i > 0; i--)
    if (((TlSection *) g_ptr_array_index (sections, i - 1))->fields->len == 0)
      g_ptr_array_remove_index (sections, i - 1);

  return sections;
}

void
tl_section_free (TlSection *section)
{
  if (section == NULL)
    return;
  g_free (section->title);
  g_ptr_array_unref (section->fields);
  g_free (section);
}

/* What differs between two versions of one tip, field by field, in form order: the
 * table a save conflict shows side by side (the app's "changed elsewhere" dialog). A
 * field only one version holds is a change too (the other side NULL). */

typedef struct
{
  char *where;          /* "victim/1/name" */
  char *section;        /* "Victim 2" */
  const char *label;
  char *theirs;
  char *mine;
} Pending;

static void
collect (GPtrArray  *order,
         GHashTable *by_key,
         const TlTip *tip,
         gboolean     is_mine)
{
  g_autoptr(GPtrArray) sections = tl_tip_describe (tip);

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          g_autofree char *where = g_strdup_printf ("%s/%d/%s", section->key, section->index, field->key);
          Pending *p = g_hash_table_lookup (by_key, where);

          if (p == NULL)
            {
              p = g_new0 (Pending, 1);
              p->where = g_steal_pointer (&where);
              p->section = g_strdup (section->title);
              p->label = field->label;
              g_hash_table_insert (by_key, p->where, p);
              g_ptr_array_add (order, p);
            }
          if (is_mine)
            tl_set_str (&p->mine, field->display);
          else
            tl_set_str (&p->theirs, field->display);
        }
    }
}

GPtrArray *
tl_tip_describe_changes (const TlTip *theirs,
                         const TlTip *mine)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_field_change_free);

  g_return_val_if_fail (theirs != NULL && mine != NULL, changes);

  collect (order, by_key, theirs, FALSE);
  collect (order, by_key, mine, TRUE);
  for (guint i = 0; i < order->len; i++)
    {
      Pending *p = g_ptr_array_index (order, i);

      if (g_strcmp0 (p->theirs, p->mine) != 0)
        {
          TlFieldChange *change = g_new0 (TlFieldChange, 1);

          change->section = g_steal_pointer (&p->section);
          change->label = p->label;
          change->theirs = g_steal_pointer (&p->theirs);
          change->mine = g_steal_pointer (&p->mine);
          g_ptr_array_add (changes, change);
        }
      g_free (p->where);
      g_free (p->section);
      g_free (p->theirs);
      g_free (p->mine);
      g_free (p);
    }
  return changes;
}

void
tl_field_change_free (TlFieldChange *change)
{
  if (change == NULL)
    return;
  g_free (change->section);
  g_free (change->theirs);
  g_free (change->mine);
  g_free (change);
}
