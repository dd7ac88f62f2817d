/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-xml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <string.h>

#include "tl-tip-xml.h"
#include "tl-tip-xml-private.h"
#include "tl-safety-plan.h"

/* The writer builds a tree with libxml2's escaping APIs (text and attribute values
 * are stored raw and escaped on output) and lets xmlDocDumpFormatMemoryEnc indent
 * it. Fields that are NULL, or enums at their "unknown" default, are left out so a
 * minimal tip stays small; list items are always written, even when empty, so the
 * number and order of victims, phones, ... survive a round trip. */

/* Helpers */

static gboolean
is_xml_char (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';

  return c != 0xFFFE && c != 0xFFFF;
}

/* XML 1.0 cannot carry most control characters, not even as character references,
 * and libxml2 would pass them through into a file no parser accepts. A pasted text
 * can contain them, so they become U+FFFD: the file stays readable and the loss is
 * visible instead of silent. */
static char *
dup_xml_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_xml_char (g_utf8_get_char (p)))
      goto sanitize;

  return g_steal_pointer (&valid);

sanitize:
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_xml_char (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append_unichar (out, 0xFFFD);
    }

  return g_string_free (out, FALSE);
}

static xmlNodePtr
add_element (xmlNodePtr  parent,
             const char *name)
{
  /* A NULL namespace makes the child inherit the parent's, urn:tipline:tip:1. */
  return xmlNewChild (parent, NULL, BAD_CAST name, NULL);
}

static xmlNodePtr
add_text (xmlNodePtr  parent,
          const char *name,
          const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return NULL;

  text = dup_xml_text (value);
  return xmlNewTextChild (parent, NULL, BAD_CAST name, BAD_CAST text);
}

static void
set_text (xmlNodePtr  node,
          const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;

  /* xmlNewDocText stores the text as is; it is escaped when the tree is saved. */
  text = dup_xml_text (value);
  xmlAddChild (node, xmlNewDocText (node->doc, BAD_CAST text));
}

static void
set_attr (xmlNodePtr  node,
          const char *name,
          const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;

  text = dup_xml_text (value);
  xmlSetProp (node, BAD_CAST name, BAD_CAST text);
}

static const char *
nick (const TlEnumValue *table,
      int                value)
{
  const char *result = tl_enum_to_nick (table, value);

  /* A value outside its table is a bug elsewhere; leave the field out rather
   * than write a file that does not validate. */
  if (result == NULL)
    g_critical ("No file name for value %d of an enumeration", value);

  return result;
}

/* For enums whose zero value means "not known": write nothing then. */
static const char *
nick_unless_unknown (const TlEnumValue *table,
                     int                value)
{
  return value == 0 ? NULL : nick (table, value);
}

static void
set_date_time_attr (xmlNodePtr  node,
                    const char *name,
                    GDateTime  *date_time)
{
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return;

  text = _tl_tip_xml_format_date_time (date_time);
  set_attr (node, name, text);
}

static void
set_usec_attr (xmlNodePtr  node,
               const char *name,
               gint64      unix_usec)
{
  g_autofree char *text = NULL;

  /* Zero means "not set" in the model. */
  if (unix_usec == 0)
    return;

  text = _tl_tip_xml_format_usec (unix_usec);
  set_attr (node, name, text);
}

static const char * const day_nicks[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static void
set_clock_attr (xmlNodePtr  node,
                const char *name,
                guint16     minutes)
{
  g_autofree char *text = g_strdup_printf ("%02u:%02u", (minutes / 60) % 24, minutes % 60);

  set_attr (node, name, text);
}

/* <call-back safe="window" days="mon tue" from="21:00" to="06:00" timezone="…"
 * message="no">, with what a message may say, the name to ask for, the code word and
 * what to do if the call drops. Nothing when the plan is empty. */
static void
add_safety_plan (xmlNodePtr          parent,
                 const TlSafetyPlan *plan)
{
  xmlNodePtr node;

  if (tl_safety_plan_is_empty (plan))
    return;

  node = add_element (parent, "call-back");
  set_attr (node, "safe", nick_unless_unknown (tl_call_back_values, plan->call_back));
  if (plan->call_back == TL_CALL_BACK_WINDOW || plan->from != 0 || plan->to != 0 || plan->days != 0)
    {
      if (plan->days != 0)
        {
          g_autoptr(GString) days = g_string_new (NULL);

          for (guint d = 0; d < 7; d++)
            if (plan->days & (1 << d))
              g_string_append_printf (days, "%s%s", days->len > 0 ? " " : "", day_nicks[d]);
          set_attr (node, "days", days->str);
        }
      set_clock_attr (node, "from", plan->from);
      set_clock_attr (node, "to", plan->to);
    }
  set_attr (node, "timezone", plan->timezone);
  set_attr (node, "message", nick_unless_unknown (tl_message_rule_values, plan->message));
  add_text (node, "message-text", plan->message_text);
  add_text (node, "ask-for", plan->ask_for);
  add_text (node, "code-word", plan->code_word);
  add_text (node, "if-dropped", plan->if_dropped);
}

static void
add_victim (xmlNodePtr      parent,
            const TlVictim *victim)
{
  xmlNodePtr node = add_element (parent, "victim");

  add_text (node, "name", victim->name);
  add_text (node, "description", victim->description);
  add_text (node, "age", victim->age);
  add_text (node, "birth-date", victim->birth_date);
  add_text (node, "gender", nick_unless_unknown (tl_gender_values, victim->gender));

  if (victim->citizenship != TL_CITIZENSHIP_UNKNOWN || victim->country != NULL)
    {
      xmlNodePtr citizenship = add_element (node, "citizenship");

      set_attr (citizenship, "status",
                nick_unless_unknown (tl_citizenship_values, victim->citizenship));
      set_attr (citizenship, "country", victim->country);
    }

  add_text (node, "language", victim->language);
  add_text (node, "phone", victim->phone);
  add_text (node, "email", victim->email);
  add_text (node, "address", victim->address);
  add_text (node, "law-enforcement", nick_unless_unknown (tl_stance_values, victim->stance));

  /* One <need> per flag, in table order, so readers need no list parsing. */
  for (const TlEnumValue *row = tl_need_values; row->nick != NULL; row++)
    if ((victim->needs & row->value) != 0)
      add_text (node, "need", row->nick);

  if (victim->release_signed || victim->release_date != NULL || victim->release_language != NULL)
    {
      xmlNodePtr consent = add_element (node, "consent");

      set_attr (consent, "release-signed", victim->release_signed ? "true" : "false");
      set_attr (consent, "date", victim->release_date);
      set_attr (consent, "language", victim->release_language);
    }

  add_safety_plan (node, &victim->plan);
}

static void
add_offender (xmlNodePtr        parent,
              const TlOffender *offender)
{
  xmlNodePtr node = add_element (parent, "offender");

  add_text (node, "name", offender->name);
  add_text (node, "alias", offender->alias);
  add_text (node, "age", offender->age);
  add_text (node, "birth-date", offender->birth_date);
  add_text (node, "gender", nick_unless_unknown (tl_gender_values, offender->gender));
  add_text (node, "description", offender->description);
  add_text (node, "address", offender->address);
  add_text (node, "marks", offender->marks);
  add_text (node, "role", nick_unless_unknown (tl_offender_role_values, offender->role));
}

static void
add_vehicle (xmlNodePtr       parent,
             const TlVehicle *vehicle)
{
  xmlNodePtr node = add_element (parent, "vehicle");

  if (vehicle->plate != NULL || vehicle->plate_state != NULL)
    {
      xmlNodePtr plate = add_element (node, "plate");

      set_attr (plate, "state", vehicle->plate_state);
      set_text (plate, vehicle->plate);
    }

  add_text (node, "make", vehicle->make);
  add_text (node, "model", vehicle->model);
  add_text (node, "color", vehicle->color);
  add_text (node, "year", vehicle->year);
  add_text (node, "description", vehicle->description);
}

static void
add_phone (xmlNodePtr     parent,
           const TlPhone *phone)
{
  xmlNodePtr node = add_element (parent, "phone");

  set_attr (node, "carrier", phone->carrier);
  set_attr (node, "owner", nick_unless_unknown (tl_phone_owner_values, phone->owner));
  set_text (node, phone->number);
}

static void
add_online (xmlNodePtr      parent,
            const TlOnline *online)
{
  xmlNodePtr node = add_element (parent, "online");

  /* Zero is "other" here, a real answer, so the kind is always written. */
  set_attr (node, "kind", nick (tl_online_kind_values, online->kind));
  set_attr (node, "platform", online->platform);
  set_text (node, online->value);
}

static void
add_financial (xmlNodePtr         parent,
               const TlFinancial *financial)
{
  xmlNodePtr node = add_element (parent, "financial");

  set_attr (node, "kind", nick (tl_financial_kind_values, financial->kind));
  set_attr (node, "institution", financial->institution);
  set_attr (node, "holder", financial->holder);
  set_text (node, financial->value);
}

static void
add_referral (xmlNodePtr        parent,
              const TlReferral *referral)
{
  xmlNodePtr node = add_element (parent, "referral");

  set_date_time_attr (node, "at", referral->at);
  set_attr (node, "outcome", nick (tl_outcome_values, referral->outcome));

  if (referral->contact_id != NULL || referral->contact_name != NULL)
    {
      xmlNodePtr contact = add_element (node, "contact");

      set_attr (contact, "id", referral->contact_id);
      set_text (contact, referral->contact_name);
    }

  add_text (node, "step", referral->step);
  add_text (node, "note", referral->note);
  add_text (node, "advocate", referral->advocate);

  /* each later step: <stage name="declined" at="…" advocate="…">reason</stage> */
  for (guint i = 0; referral->moves != NULL && i < referral->moves->len; i++)
    {
      const TlReferralMove *move = g_ptr_array_index (referral->moves, i);
      xmlNodePtr stage = add_element (node, "stage");

      set_attr (stage, "name", nick (tl_referral_stage_values, move->stage));
      set_date_time_attr (stage, "at", move->at);
      set_attr (stage, "advocate", move->advocate);
      set_text (stage, move->reason);
    }
}

static void
fill_tip (xmlNodePtr   node,
          const TlTip *tip)
{
  const TlLocation *location = &tip->location;

  set_attr (node, "id", tip->id);
  set_usec_attr (node, "created", tip->created);
  set_usec_attr (node, "modified", tip->modified);
  set_attr (node, "status", nick (tl_tip_status_values, tip->status));

  if (tip->received != NULL)
    {
      g_autofree char *received = _tl_tip_xml_format_date_time (tip->received);

      add_text (node, "received", received);
    }

  add_text (node, "channel", nick_unless_unknown (tl_channel_values, tip->channel));

  if (tip->reporter_role != TL_REPORTER_NONE
      || tip->reporter_anonymous
      || tip->reporter_name != NULL
      || tip->reporter_phone != NULL
      || tip->reporter_email != NULL
      || !tl_safety_plan_is_empty (&tip->reporter_plan))
    {
      xmlNodePtr reporter = add_element (node, "reporter");

      set_attr (reporter, "role",
                nick_unless_unknown (tl_reporter_role_values, tip->reporter_role));
      if (tip->reporter_anonymous)
        set_attr (reporter, "anonymous", "true");
      add_text (reporter, "name", tip->reporter_name);
      add_text (reporter, "phone", tip->reporter_phone);
      add_text (reporter, "email", tip->reporter_email);
      add_safety_plan (reporter, &tip->reporter_plan);
    }

  add_text (node, "advocate", tip->advocate);
  add_text (node, "close-reason", tip->close_reason);

  {
    xmlNodePtr sources = NULL;

    for (guint i = 0; i < TL_N_PARTS; i++)
      if (tip->sources[i] != TL_SOURCE_FROM_ROLE)
        {
          if (sources == NULL)
            sources = add_element (node, "sources");
          set_attr (sources, tl_enum_to_nick (tl_part_values, i),
                    tl_enum_to_nick (tl_source_values, tip->sources[i]));
        }
  }

  if (tip->danger != TL_DANGER_UNKNOWN
      || tip->type != TL_TRAFFICKING_UNKNOWN
      || tip->venue != TL_VENUE_NONE
      || tip->venue_detail != NULL
      || tip->operation != NULL)
    {
      xmlNodePtr situation = add_element (node, "situation");

      set_attr (situation, "danger", nick_unless_unknown (tl_danger_values, tip->danger));
      set_attr (situation, "type",
                nick_unless_unknown (tl_trafficking_type_values, tip->type));
      add_text (situation, "venue", nick_unless_unknown (tl_venue_values, tip->venue));
      add_text (situation, "venue-detail", tip->venue_detail);
      add_text (situation, "operation", tip->operation);
    }

  add_text (node, "release-policy",
            nick_unless_unknown (tl_release_policy_values, tip->release_policy));

  if (location->address != NULL
      || location->city != NULL
      || location->county != NULL
      || location->state != NULL
      || location->description != NULL)
    {
      xmlNodePtr loc = add_element (node, "location");

      add_text (loc, "address", location->address);
      add_text (loc, "city", location->city);
      add_text (loc, "county", location->county);
      add_text (loc, "state", location->state);
      add_text (loc, "description", location->description);
    }

  for (guint i = 0; i < tip->victims->len; i++)
    add_victim (node, g_ptr_array_index (tip->victims, i));
  for (guint i = 0; i < tip->offenders->len; i++)
    add_offender (node, g_ptr_array_index (tip->offenders, i));
  for (guint i = 0; i < tip->vehicles->len; i++)
    add_vehicle (node, g_ptr_array_index (tip->vehicles, i));
  for (guint i = 0; i < tip->phones->len; i++)
    add_phone (node, g_ptr_array_index (tip->phones, i));
  for (guint i = 0; i < tip->online->len; i++)
    add_online (node, g_ptr_array_index (tip->online, i));
  for (guint i = 0; i < tip->financial->len; i++)
    add_financial (node, g_ptr_array_index (tip->financial, i));
  for (guint i = 0; i < tip->referrals->len; i++)
    add_referral (node, g_ptr_array_index (tip->referrals, i));

  add_text (node, "narrative", tip->narrative);
}

static xmlNodePtr
new_root (xmlDocPtr   doc,
          const char *name)
{
  xmlNodePtr root = xmlNewDocNode (doc, NULL, BAD_CAST name, NULL);

  xmlSetNs (root, xmlNewNs (root, BAD_CAST TL_TIP_XML_NAMESPACE, NULL));
  xmlDocSetRootElement (doc, root);

  return root;
}

/* Shared with the reader */

char *
_tl_tip_xml_format_date_time (GDateTime *date_time)
{
  g_autofree char *rest = g_date_time_format (date_time, "-%m-%dT%H:%M:%S");
  g_autofree char *offset = g_date_time_format (date_time, "%:z");
  int usec = g_date_time_get_microsecond (date_time);
  /* %Y does not pad years before 1000 ("289-02-14"), which the reader then refuses:
   * a tip with a mistyped year would save but never load again. xsd:dateTime wants
   * at least four digits. Found by tests/fuzz/fuzz-tip-xml. */
  g_autofree char *base = g_strdup_printf ("%04d%s", g_date_time_get_year (date_time), rest);

  /* Leave out a zero fraction: typed times ("14:05") stay as people wrote them. */
  if (usec == 0)
    return g_strconcat (base, offset, NULL);

  return g_strdup_printf ("%s.%06d%s", base, usec, offset);
}

char *
_tl_tip_xml_format_usec (gint64 unix_usec)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  gint64 secs = unix_usec / G_USEC_PER_SEC;
  gint64 rest = unix_usec % G_USEC_PER_SEC;

  /* Floor division, so times before 1970 keep a positive fraction. */
  if (rest < 0)
    {
      secs -= 1;
      rest += G_USEC_PER_SEC;
    }

  seconds = g_date_time_new_from_unix_utc (secs);
  if (seconds == NULL)
    return NULL;

  date_time = g_date_time_add (seconds, rest);

  return _tl_tip_xml_format_date_time (date_time);
}

/* Public API */

char *
tl_tip_xml_write (GPtrArray *tips,
                  gboolean   as_collection,
                  gsize     *length)
{
  return tl_tip_xml_write_carrying (tips, as_collection, NULL, length);
}

char *
tl_tip_xml_write_carrying (GPtrArray *tips,
                           gboolean   as_collection,
                           GPtrArray *carried,
                           gsize     *length)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;

  g_return_val_if_fail (tips != NULL, NULL);

  doc = xmlNewDoc (BAD_CAST "1.0");

  if (tips->len == 1 && !as_collection)
    {
      xmlNodePtr node = new_root (doc, "tip");

      fill_tip (node, g_ptr_array_index (tips, 0));
      _tl_tip_xml_add_attachments (node, g_ptr_array_index (tips, 0), carried);
    }
  else
    {
      xmlNodePtr root = new_root (doc, "tips");

      for (guint i = 0; i < tips->len; i++)
        {
          xmlNodePtr node = add_element (root, "tip");

          fill_tip (node, g_ptr_array_index (tips, i));
          _tl_tip_xml_add_attachments (node, g_ptr_array_index (tips, i), carried);
        }
    }

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  if (buffer == NULL)
    g_error ("Could not write tips as XML: out of memory");

  /* Hand back GLib memory, so callers free with g_free as everywhere else. */
  result = g_malloc ((gsize) size + 1);
  memcpy (result, buffer, size);
  result[size] = '\0';
  xmlFree (buffer);

  if (length != NULL)
    *length = size;

  return result;
}

char *
tl_tip_xml_write_one (const TlTip *tip,
                      gsize       *length)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new ();

  g_return_val_if_fail (tip != NULL, NULL);

  g_ptr_array_add (tips, (gpointer) tip);

  return tl_tip_xml_write (tips, FALSE, length);
}
