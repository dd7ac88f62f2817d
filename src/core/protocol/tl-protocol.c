/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-protocol"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-protocol-private.h"

const TlEnumValue tl_contact_kind_values[] = {
  { TL_CONTACT_KIND_EMERGENCY, "emergency", N_("Emergency") },
  { TL_CONTACT_KIND_HOTLINE, "hotline", N_("Hotline") },
  { TL_CONTACT_KIND_LAW_ENFORCEMENT, "law-enforcement", N_("Law enforcement") },
  { TL_CONTACT_KIND_CHILD_PROTECTION, "child-protection", N_("Child protection") },
  { TL_CONTACT_KIND_COORDINATOR, "coordinator", N_("Coordinator") },
  { TL_CONTACT_KIND_SERVICE_PROVIDER, "service-provider", N_("Service provider") },
  { TL_CONTACT_KIND_LEGAL, "legal", N_("Legal") },
  { TL_CONTACT_KIND_IMMIGRATION, "immigration", N_("Immigration") },
  { TL_CONTACT_KIND_OTHER, "other", N_("Other") },
  { 0, NULL, NULL }
};

const TlEnumValue tl_service_values[] = {
  { TL_SERVICE_TIP_REPORTING, "tip-reporting", N_("Tip reporting") },
  { TL_SERVICE_VICTIM_EXTRACTION, "victim-extraction", N_("Victim extraction / law enforcement intervention") },
  { TL_SERVICE_EMERGENCY_SHELTER, "emergency-shelter", N_("Emergency shelter") },
  { TL_SERVICE_TRANSITIONAL_SHELTER, "transitional-shelter", N_("Transitional shelter") },
  { TL_SERVICE_CASE_MANAGEMENT, "case-management", N_("Case management") },
  { TL_SERVICE_LEGAL, "legal-services", N_("Legal services") },
  { TL_SERVICE_MENTAL_HEALTH, "mental-health", N_("Mental health") },
  { TL_SERVICE_IMMIGRATION, "immigration-services", N_("Immigration services") },
  { TL_SERVICE_CHILD_PROTECTION, "child-protection", N_("Child protection") },
  { TL_SERVICE_COORDINATION, "coordination", N_("Coordination") },
  { TL_SERVICE_CONSENT, "consent", N_("Informed consent") },
  { TL_SERVICE_OTHER, "other", N_("Other") },
  { 0, NULL, NULL }
};

const TlEnumValue tl_matrix_condition_values[] = {
  { TL_MATRIX_URGENT, "urgent", N_("Urgent") },
  { TL_MATRIX_NON_URGENT, "non-urgent", N_("Non-urgent") },
  { TL_MATRIX_BUSINESS_HOURS, "business-hours", N_("Business hours") },
  { TL_MATRIX_AFTER_HOURS, "after-hours", N_("After hours and weekends") },
  { TL_MATRIX_FOREIGN_NATIONALS, "foreign-nationals", N_("Foreign nationals") },
  { TL_MATRIX_US_CITIZENS, "us-citizens", N_("U.S. citizens") },
  { TL_MATRIX_MINORS, "minors", N_("Minors") },
  { TL_MATRIX_ADULTS, "adults", N_("Adults") },
  { TL_MATRIX_MALES, "males", N_("Males") },
  { TL_MATRIX_FEMALES, "females", N_("Females") },
  { TL_MATRIX_LABOR, "labor", N_("Labor") },
  { TL_MATRIX_SEX, "sex", N_("Sex") },
  { 0, NULL, NULL }
};

const TlEnumValue tl_action_values[] = {
  { TL_ACTION_CALL, "call", N_("Call") },
  { TL_ACTION_EMAIL, "email", N_("E-mail") },
  { TL_ACTION_CONSULT, "consult", N_("Consult") },
  { TL_ACTION_OBTAIN_RELEASE, "obtain-release", N_("Obtain a release") },
  { TL_ACTION_FOLLOW_GUIDELINES, "follow-guidelines", N_("Follow agency guidelines") },
  { 0, NULL, NULL }
};

const TlEnumValue tl_provide_item_values[] = {
  { TL_PROVIDE_TRAFFICKING_TYPE, "trafficking-type", N_("Type of trafficking (sex or labor)") },
  { TL_PROVIDE_VICTIM_AGES, "victim-ages", N_("Child or adult victims (ages)") },
  { TL_PROVIDE_LOCATION_CITY, "location-city", N_("Location: city, village or town") },
  { TL_PROVIDE_LOCATION_ADDRESS, "location-address", N_("Location: address") },
  { TL_PROVIDE_LOCATION_DESCRIPTION, "location-description", N_("Location: descriptions, signage and markings") },
  { TL_PROVIDE_CALLBACK_PHONE, "callback-phone", N_("Phone number so an agent or officer can call to discuss options") },
  { TL_PROVIDE_OPERATION, "operation", N_("The manner in which they operate") },
  { TL_PROVIDE_OFFENDERS, "offenders", N_("Offenders: names, ages, dates of birth, descriptions, addresses, identifying marks") },
  { TL_PROVIDE_VEHICLES, "vehicles", N_("Vehicles: plate numbers, makes, models, descriptions") },
  { TL_PROVIDE_PHONES, "phones", N_("Phone numbers (and phone company if known)") },
  { TL_PROVIDE_ONLINE, "online", N_("E-mail addresses, social media, websites") },
  { TL_PROVIDE_FINANCIAL, "financial", N_("Credit or debit cards, bank accounts, other financial details") },
  { 0, NULL, NULL }
};

const TlEnumValue tl_protocol_origin_values[] = {
  { TL_PROTOCOL_ORIGIN_BUNDLED, "bundled", N_("Bundled with Tipline") },
  { TL_PROTOCOL_ORIGIN_USER, "user", N_("Your protocols folder") },
  { TL_PROTOCOL_ORIGIN_FILE, "file", N_("File") },
  { 0, NULL, NULL }
};

/* Keypad letters as printed on U.S. phones, for numbers like 505-GET-FREE. */
static char
keypad_digit (char c)
{
  static const char *keys = "22233344455566677778889999";

  c = g_ascii_toupper (c);
  if (c >= 'A' && c <= 'Z')
    return keys[c - 'A'];
  return '\0';
}

const char *
tl_text_get (const TlText *text,
             const char   *lang)
{
  if (text == NULL)
    return NULL;
  if (g_strcmp0 (lang, "es") == 0 && text->es != NULL)
    return text->es;
  return text->en != NULL ? text->en : text->es;
}

void
_tl_text_clear (TlText *text)
{
  g_clear_pointer (&text->en, g_free);
  g_clear_pointer (&text->es, g_free);
  g_clear_pointer (&text->sources, g_ptr_array_unref);
}

TlSource *
_tl_source_new (void)
{
  return g_new0 (TlSource, 1);
}

void
_tl_source_free (TlSource *source)
{
  if (source == NULL)
    return;
  g_free (source->document);
  g_free (source->quote);
  _tl_text_free (source->reason);
  g_free (source);
}

GPtrArray *
_tl_sources_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_source_free);
}

static void
document_free (TlDocument *doc)
{
  g_free (doc->id);
  g_free (doc->title);
  g_free (doc);
}

TlText *
_tl_text_new (void)
{
  return g_new0 (TlText, 1);
}

void
_tl_text_free (TlText *text)
{
  if (text == NULL)
    return;
  _tl_text_clear (text);
  g_free (text);
}

void
_tl_contact_phone_free (TlContactPhone *phone)
{
  if (phone == NULL)
    return;
  g_free (phone->display);
  g_free (phone->digits);
  g_free (phone);
}

TlContact *
_tl_contact_new (void)
{
  TlContact *c = g_new0 (TlContact, 1);

  c->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_contact_phone_free);
  c->emails = g_ptr_array_new_with_free_func (g_free);
  c->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_text_free);
  c->sources = _tl_sources_new ();
  c->availability_sources = _tl_sources_new ();
  return c;
}

void
_tl_contact_free (TlContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->id);
  _tl_text_clear (&contact->name);
  _tl_text_clear (&contact->organisation);
  g_ptr_array_unref (contact->phones);
  g_ptr_array_unref (contact->emails);
  tl_availability_free (contact->availability);
  g_strfreev (contact->languages);
  g_ptr_array_unref (contact->notes);
  g_ptr_array_unref (contact->sources);
  g_ptr_array_unref (contact->availability_sources);
  g_free (contact);
}

TlStep *
_tl_step_new (void)
{
  TlStep *s = g_new0 (TlStep, 1);

  s->contact_refs = g_ptr_array_new_with_free_func (g_free);
  s->ref_lines = g_array_new (FALSE, FALSE, sizeof (int));
  s->contacts = g_ptr_array_new ();
  s->provide = g_array_new (FALSE, FALSE, sizeof (TlProvideItem));
  s->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_text_free);
  s->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_text_free);
  return s;
}

void
_tl_step_free (TlStep *step)
{
  if (step == NULL)
    return;
  g_ptr_array_unref (step->contact_refs);
  g_array_unref (step->ref_lines);
  g_ptr_array_unref (step->contacts);
  _tl_text_clear (&step->text);
  g_array_unref (step->provide);
  g_ptr_array_unref (step->warnings);
  g_ptr_array_unref (step->notes);
  g_free (step);
}

TlRule *
_tl_rule_new (void)
{
  TlRule *r = g_new0 (TlRule, 1);

  r->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_step_free);
  return r;
}

void
_tl_rule_free (TlRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->id);
  _tl_text_clear (&rule->situation);
  g_free (rule->conflict);
  g_ptr_array_unref (rule->steps);
  g_free (rule);
}

TlMatrixCell *
_tl_matrix_cell_new (void)
{
  TlMatrixCell *c = g_new0 (TlMatrixCell, 1);

  c->contact_refs = g_ptr_array_new_with_free_func (g_free);
  c->ref_lines = g_array_new (FALSE, FALSE, sizeof (int));
  c->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_text_free);
  return c;
}

void
_tl_matrix_cell_free (TlMatrixCell *cell)
{
  if (cell == NULL)
    return;
  g_ptr_array_unref (cell->contact_refs);
  g_array_unref (cell->ref_lines);
  g_ptr_array_unref (cell->notes);
  g_clear_pointer (&cell->sources, g_ptr_array_unref);
  g_free (cell);
}

TlProtocol *
_tl_protocol_new (void)
{
  TlProtocol *p = g_new0 (TlProtocol, 1);

  g_atomic_ref_count_init (&p->ref_count);
  p->sources = g_ptr_array_new_with_free_func (g_free);
  p->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  p->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_text_free);
  p->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_contact_free);
  p->contacts_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  p->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_rule_free);
  p->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) _tl_matrix_cell_free);
  p->origin = TL_PROTOCOL_ORIGIN_FILE;
  return p;
}

void
_tl_protocol_set_origin (TlProtocol       *protocol,
                         TlProtocolOrigin  origin,
                         const char       *path)
{
  protocol->origin = origin;
  g_free (protocol->origin_path);
  protocol->origin_path = g_strdup (path);
}

void
_tl_protocol_set_replaced (TlProtocol *protocol,
                           const char *path)
{
  g_free (protocol->replaced_path);
  protocol->replaced_path = g_strdup (path);
}

TlProtocol *
tl_protocol_ref (TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);

  g_atomic_ref_count_inc (&protocol->ref_count);
  return protocol;
}

void
tl_protocol_unref (TlProtocol *protocol)
{
  g_return_if_fail (protocol != NULL);

  if (!g_atomic_ref_count_dec (&protocol->ref_count))
    return;

  g_free (protocol->id);
  _tl_text_clear (&protocol->name);
  g_free (protocol->jurisdiction);
  g_free (protocol->timezone_id);
  g_clear_pointer (&protocol->timezone, g_time_zone_unref);
  g_free (protocol->version);
  g_free (protocol->date);
  g_ptr_array_unref (protocol->sources);
  g_ptr_array_unref (protocol->documents);
  g_ptr_array_unref (protocol->notes);
  tl_availability_free (protocol->business_hours);
  g_clear_pointer (&protocol->business_hours_sources, g_ptr_array_unref);
  g_hash_table_unref (protocol->contacts_by_id);
  g_ptr_array_unref (protocol->rules);
  g_ptr_array_unref (protocol->cells);
  g_ptr_array_unref (protocol->contacts);
  g_free (protocol->filename);
  g_free (protocol->origin_path);
  g_free (protocol->replaced_path);
  g_free (protocol);
}

const char *
tl_protocol_get_id (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->id;
}

const char *
tl_protocol_get_name (const TlProtocol *protocol,
                      const char       *lang)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return tl_text_get (&protocol->name, lang);
}

const char *
tl_protocol_get_jurisdiction (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->jurisdiction;
}

/* "US" is the jurisdiction of a protocol for no state in particular. */
gboolean
tl_protocol_is_national (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, FALSE);
  return g_strcmp0 (protocol->jurisdiction, "US") == 0;
}

const char *
tl_protocol_get_timezone_id (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->timezone_id;
}

GTimeZone *
tl_protocol_get_timezone (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->timezone;
}

const char *
tl_protocol_get_version (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->version;
}

const char *
tl_protocol_get_date (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->date;
}

GPtrArray *
tl_protocol_get_sources (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->sources;
}

GPtrArray *
tl_protocol_get_documents (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->documents;
}

const char *
tl_protocol_get_document_title (const TlProtocol *protocol,
                                const char       *id)
{
  g_return_val_if_fail (protocol != NULL, NULL);

  for (guint i = 0; id != NULL && i < protocol->documents->len; i++)
    {
      const TlDocument *doc = g_ptr_array_index (protocol->documents, i);

      if (g_strcmp0 (doc->id, id) == 0)
        return doc->title;
    }
  return NULL;
}

char *
tl_source_describe (const TlSource   *source,
                    const TlProtocol *protocol,
                    const char       *lang)
{
  const char *title;

  g_return_val_if_fail (source != NULL, NULL);

  if (source->document == NULL)
    /* Translators: a fact the protocol takes as known to everyone, e.g. that 911
     * answers at all hours; %s is the protocol's reason. */
    return g_strdup_printf (_("General knowledge: %s"),
                            source->reason != NULL ? tl_text_get (source->reason, lang) : "");
  title = protocol != NULL ? tl_protocol_get_document_title (protocol, source->document) : NULL;
  /* Translators: the document a protocol step comes from, and the sentence quoted from
   * it (kept in the document's own language). */
  return g_strdup_printf (_("%s: “%s”"), title != NULL ? title : source->document,
                          source->quote != NULL ? source->quote : "");
}

GPtrArray *
tl_protocol_get_notes (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->notes;
}

const TlAvailability *
tl_protocol_get_business_hours (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->business_hours;
}

GPtrArray *
tl_protocol_get_contacts (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->contacts;
}

const TlContact *
tl_protocol_lookup_contact (const TlProtocol *protocol,
                            const char       *id)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (protocol->contacts_by_id, id);
}

GPtrArray *
tl_protocol_get_rules (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->rules;
}

GPtrArray *
tl_protocol_get_matrix_cells (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->cells;
}

TlProtocolOrigin
tl_protocol_get_origin (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, TL_PROTOCOL_ORIGIN_FILE);
  return protocol->origin;
}

const char *
tl_protocol_get_origin_path (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->origin_path;
}

const char *
tl_protocol_get_replaced_path (const TlProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, NULL);
  return protocol->replaced_path;
}

const char *
tl_contact_get_name (const TlContact *contact,
                     const char      *lang)
{
  g_return_val_if_fail (contact != NULL, NULL);
  return tl_text_get (&contact->name, lang);
}

const TlContactPhone *
tl_contact_get_phone (const TlContact *contact)
{
  g_return_val_if_fail (contact != NULL, NULL);
  return contact->phones->len > 0 ? g_ptr_array_index (contact->phones, 0) : NULL;
}

const char *
tl_contact_get_email (const TlContact *contact)
{
  g_return_val_if_fail (contact != NULL, NULL);
  return contact->emails->len > 0 ? g_ptr_array_index (contact->emails, 0) : NULL;
}

/* 10 or 11 digits as 505-438-3733 / 1-888-373-7888; anything else as it is. */
char *
tl_phone_format_digits (const char *digits)
{
  gsize len;

  g_return_val_if_fail (digits != NULL, NULL);

  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (digits[i]))
      return g_strdup (digits);
  if (len == 10)
    return g_strdup_printf ("%.3s-%.3s-%.4s", digits, digits + 3, digits + 6);
  if (len == 11)
    return g_strdup_printf ("%.1s-%.3s-%.3s-%.4s", digits, digits + 1, digits + 4, digits + 7);
  return g_strdup (digits);
}

/* What the printed number dials, letters read off the keypad: "505-GET-FREE" gives
 * "5054383733", "#SAFE" gives "#7233". */
char *
tl_phone_vanity_digits (const char *display)
{
  GString *out;

  g_return_val_if_fail (display != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = display; *p; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '#' || *p == '*')
        g_string_append_c (out, *p);
      else if (keypad_digit (*p) != '\0')
        g_string_append_c (out, keypad_digit (*p));
    }
  return g_string_free (out, FALSE);
}

const char *
tl_protocol_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "es") &&
          (names[i][2] == '\0' || names[i][2] == '_' || names[i][2] == '.' || names[i][2] == '@'))
        return "es";
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0)
        return "en";
    }
  return "en";
}
