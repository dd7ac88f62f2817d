/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-xml"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <string.h>

#include "tl-core-resources.h"
#include "tl-error.h"
#include "tl-tip-xml.h"
#include "tl-tip-xml-private.h"

/* Tip files come from outside: other offices, other tools, e-mail attachments. The
 * reader therefore refuses anything over TL_TIP_XML_MAX_SIZE before parsing, never
 * touches the network, never substitutes entities or loads DTDs, and stops at the
 * first DOCTYPE (a document type is how billion-laughs and external-entity attacks
 * get in, and a tip file has no use for one). libxml2's messages are caught and
 * turned into one "FILE:LINE: sentence" error; nothing is printed. */

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct
{
  int line;
  char *message;      /* libxml2's text for the first error, NULL if none */
} FirstError;

typedef struct
{
  const char *filename;
  TlTipXmlFlags flags;
  FirstError first;
  int doctype_line;   /* where a DOCTYPE was met; 0 if there is none */
  GError *error;      /* the first problem found while building tips */
} ReadContext;

/* libxml2's error handlers are per thread; these are the ones we replaced. */
typedef struct
{
  xmlStructuredErrorFunc structured;
  void *structured_data;
  xmlGenericErrorFunc generic;
  void *generic_data;
} ErrorGuard;

/* Helpers */

static void
ensure_libxml (void)
{
  static gsize initialized;

  /* xmlInitParser is not safe to call from two threads at once. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
first_error_record (FirstError  *first,
                    xmlErrorPtr  error)
{
  g_autofree char *message = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR || first->message != NULL)
    return;

  first->line = error->line;
  /* Validation errors point at a node; its line is exact even past 65535. */
  if (error->node != NULL && ((xmlNodePtr) error->node)->type == XML_ELEMENT_NODE)
    first->line = (int) xmlGetLineNo (error->node);

  message = g_utf8_make_valid (error->message != NULL ? error->message : "", -1);
  first->message = g_strdup (g_strstrip (message));
}

static char *
dup_xml (xmlChar *value)
{
  char *result = NULL;

  /* Empty or blank text is "not given", as in the model. */
  if (value != NULL)
    {
      for (const xmlChar *p = value; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          {
            result = g_strdup ((const char *) value);
            break;
          }
      xmlFree (value);
    }

  return result;
}

static char *
dup_content (xmlNodePtr node)
{
  return dup_xml (xmlNodeGetContent (node));
}

static char *
dup_attr (xmlNodePtr  node,
          const char *name)
{
  return dup_xml (xmlGetNoNsProp (node, BAD_CAST name));
}

static void
take_str (char **field,
          char  *value)
{
  g_free (*field);
  *field = value;
}

static gboolean
is_tip_element (xmlNodePtr  node,
                const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && xmlStrEqual (node->ns->href, BAD_CAST TL_TIP_XML_NAMESPACE)
         && (name == NULL || xmlStrEqual (node->name, BAD_CAST name));
}

static gboolean
named (xmlNodePtr  node,
       const char *name)
{
  return xmlStrEqual (node->name, BAD_CAST name);
}

static void
fail_at (ReadContext *rc,
         xmlNodePtr   node,
         const char  *detail)
{
  if (rc->error != NULL)
    return;

  g_set_error (&rc->error, TL_ERROR, TL_ERROR_INVALID,
               /* Translators: FILE:LINE: then why the value is wrong */
               _("%s:%ld: This tip does not follow the Tipline tip format: %s"),
               rc->filename, xmlGetLineNo (node), detail);
}

/* Returns the value for a nick; fallback when there is none. Takes text. */
static int
enum_value (ReadContext       *rc,
            xmlNodePtr         node,
            char              *text,
            const TlEnumValue *table,
            int                fallback)
{
  g_autofree char *nick = text;
  int value = fallback;

  if (nick == NULL)
    return fallback;

  /* RelaxNG compares values as tokens, so surrounding space is allowed. */
  g_strstrip (nick);
  if (tl_enum_from_nick (table, nick, &value))
    return value;

  if (rc->flags & TL_TIP_XML_TRUSTED)
    {
      /* A draft from a newer Tipline: keep the rest rather than lose it all.
       * The value itself is not logged; logs must not hold tip data. */
      g_warning ("Line %ld: unknown value in <%s> left unset",
                 xmlGetLineNo (node), (const char *) node->name);
    }
  else
    {
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not one of the values of <%s>."),
                         nick, (const char *) node->name);
      fail_at (rc, node, detail);
    }

  return fallback;
}

static GDateTime *
date_time_value (ReadContext *rc,
                 xmlNodePtr   node,
                 char        *text)
{
  g_autofree char *owned = text;
  GDateTime *result;

  if (owned == NULL)
    return NULL;

  result = _tl_tip_xml_parse_date_time (g_strstrip (owned));
  if (result == NULL)
    {
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not a date and time such as 2026-11-22T14:05:00-07:00."),
                         owned);
      fail_at (rc, node, detail);
    }

  return result;
}

static gint64
usec_value (ReadContext *rc,
            xmlNodePtr   node,
            char        *text)
{
  g_autoptr(GDateTime) date_time = date_time_value (rc, node, text);

  if (date_time == NULL)
    return 0;

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (date_time);
}

static gboolean
boolean_value (char *text)
{
  g_autofree char *owned = text;

  if (owned == NULL)
    return FALSE;

  g_strstrip (owned);
  return g_str_equal (owned, "true") || g_str_equal (owned, "1");
}

#define FOR_EACH_CHILD(child, parent) \
  for (xmlNodePtr child = (parent)->children; child != NULL; child = child->next) \
    if (is_tip_element (child, NULL))

static TlVictim *
read_victim (ReadContext *rc,
             xmlNodePtr   node)
{
  TlVictim *victim = tl_victim_new ();

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "name"))
        take_str (&victim->name, dup_content (child));
      else if (named (child, "description"))
        take_str (&victim->description, dup_content (child));
      else if (named (child, "age"))
        take_str (&victim->age, dup_content (child));
      else if (named (child, "birth-date"))
        take_str (&victim->birth_date, dup_content (child));
      else if (named (child, "gender"))
        victim->gender = enum_value (rc, child, dup_content (child),
                                     tl_gender_values, victim->gender);
      else if (named (child, "citizenship"))
        {
          victim->citizenship = enum_value (rc, child, dup_attr (child, "status"),
                                            tl_citizenship_values, victim->citizenship);
          take_str (&victim->country, dup_attr (child, "country"));
        }
      else if (named (child, "language"))
        take_str (&victim->language, dup_content (child));
      else if (named (child, "phone"))
        take_str (&victim->phone, dup_content (child));
      else if (named (child, "email"))
        take_str (&victim->email, dup_content (child));
      else if (named (child, "address"))
        take_str (&victim->address, dup_content (child));
      else if (named (child, "law-enforcement"))
        victim->stance = enum_value (rc, child, dup_content (child),
                                     tl_stance_values, victim->stance);
      else if (named (child, "need"))
        victim->needs |= enum_value (rc, child, dup_content (child), tl_need_values, 0);
      else if (named (child, "consent"))
        {
          victim->release_signed = boolean_value (dup_attr (child, "release-signed"));
          take_str (&victim->release_date, dup_attr (child, "date"));
          take_str (&victim->release_language, dup_attr (child, "language"));
        }
    }

  return victim;
}

static TlOffender *
read_offender (ReadContext *rc,
               xmlNodePtr   node)
{
  TlOffender *offender = tl_offender_new ();

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "name"))
        take_str (&offender->name, dup_content (child));
      else if (named (child, "alias"))
        take_str (&offender->alias, dup_content (child));
      else if (named (child, "age"))
        take_str (&offender->age, dup_content (child));
      else if (named (child, "birth-date"))
        take_str (&offender->birth_date, dup_content (child));
      else if (named (child, "gender"))
        offender->gender = enum_value (rc, child, dup_content (child),
                                       tl_gender_values, offender->gender);
      else if (named (child, "description"))
        take_str (&offender->description, dup_content (child));
      else if (named (child, "address"))
        take_str (&offender->address, dup_content (child));
      else if (named (child, "marks"))
        take_str (&offender->marks, dup_content (child));
      else if (named (child, "role"))
        offender->role = enum_value (rc, child, dup_content (child),
                                     tl_offender_role_values, offender->role);
    }

  return offender;
}

static TlVehicle *
read_vehicle (xmlNodePtr node)
{
  TlVehicle *vehicle = tl_vehicle_new ();

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "plate"))
        {
          take_str (&vehicle->plate, dup_content (child));
          take_str (&vehicle->plate_state, dup_attr (child, "state"));
        }
      else if (named (child, "make"))
        take_str (&vehicle->make, dup_content (child));
      else if (named (child, "model"))
        take_str (&vehicle->model, dup_content (child));
      else if (named (child, "color"))
        take_str (&vehicle->color, dup_content (child));
      else if (named (child, "year"))
        take_str (&vehicle->year, dup_content (child));
      else if (named (child, "description"))
        take_str (&vehicle->description, dup_content (child));
    }

  return vehicle;
}

static TlPhone *
read_phone (ReadContext *rc,
            xmlNodePtr   node)
{
  TlPhone *phone = tl_phone_new ();

  phone->number = dup_content (node);
  phone->carrier = dup_attr (node, "carrier");
  phone->owner = enum_value (rc, node, dup_attr (node, "owner"),
                             tl_phone_owner_values, phone->owner);

  return phone;
}

static TlOnline *
read_online (ReadContext *rc,
             xmlNodePtr   node)
{
  TlOnline *online = tl_online_new ();

  online->kind = enum_value (rc, node, dup_attr (node, "kind"),
                             tl_online_kind_values, online->kind);
  online->platform = dup_attr (node, "platform");
  online->value = dup_content (node);

  return online;
}

static TlFinancial *
read_financial (ReadContext *rc,
                xmlNodePtr   node)
{
  TlFinancial *financial = tl_financial_new ();

  financial->kind = enum_value (rc, node, dup_attr (node, "kind"),
                                tl_financial_kind_values, financial->kind);
  financial->institution = dup_attr (node, "institution");
  financial->holder = dup_attr (node, "holder");
  financial->value = dup_content (node);

  return financial;
}

static TlReferral *
read_referral (ReadContext *rc,
               xmlNodePtr   node)
{
  TlReferral *referral = tl_referral_new ();

  referral->at = date_time_value (rc, node, dup_attr (node, "at"));
  referral->outcome = enum_value (rc, node, dup_attr (node, "outcome"),
                                  tl_outcome_values, referral->outcome);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "contact"))
        {
          take_str (&referral->contact_id, dup_attr (child, "id"));
          take_str (&referral->contact_name, dup_content (child));
        }
      else if (named (child, "step"))
        take_str (&referral->step, dup_content (child));
      else if (named (child, "note"))
        take_str (&referral->note, dup_content (child));
      else if (named (child, "advocate"))
        take_str (&referral->advocate, dup_content (child));
    }

  return referral;
}

static void
read_reporter (ReadContext *rc,
               xmlNodePtr   node,
               TlTip       *tip)
{
  tip->reporter_role = enum_value (rc, node, dup_attr (node, "role"),
                                   tl_reporter_role_values, tip->reporter_role);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "name"))
        take_str (&tip->reporter_name, dup_content (child));
      else if (named (child, "phone"))
        take_str (&tip->reporter_phone, dup_content (child));
      else if (named (child, "email"))
        take_str (&tip->reporter_email, dup_content (child));
    }
}

static void
read_situation (ReadContext *rc,
                xmlNodePtr   node,
                TlTip       *tip)
{
  tip->danger = enum_value (rc, node, dup_attr (node, "danger"),
                            tl_danger_values, tip->danger);
  tip->type = enum_value (rc, node, dup_attr (node, "type"),
                          tl_trafficking_type_values, tip->type);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "venue"))
        tip->venue = enum_value (rc, child, dup_content (child), tl_venue_values, tip->venue);
      else if (named (child, "venue-detail"))
        take_str (&tip->venue_detail, dup_content (child));
      else if (named (child, "operation"))
        take_str (&tip->operation, dup_content (child));
    }
}

static void
read_location (xmlNodePtr  node,
               TlLocation *location)
{
  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "address"))
        take_str (&location->address, dup_content (child));
      else if (named (child, "city"))
        take_str (&location->city, dup_content (child));
      else if (named (child, "county"))
        take_str (&location->county, dup_content (child));
      else if (named (child, "state"))
        take_str (&location->state, dup_content (child));
      else if (named (child, "description"))
        take_str (&location->description, dup_content (child));
    }
}

static TlTip *
read_tip (ReadContext *rc,
          xmlNodePtr   node)
{
  g_autofree char *id = dup_attr (node, "id");
  TlTip *tip;

  /* The id is what the store and other offices match tips by: never invent one.
   * tl_tip_new_with_id, unlike tl_tip_new, leaves "received" empty, as the file may. */
  if (id == NULL || !g_uuid_string_is_valid (g_strstrip (id)))
    {
      fail_at (rc, node, _("A <tip> needs an id attribute holding a UUID, such as "
                           "3f6c2a8e-5b1d-4c7e-9a2f-1d8e7b6c5a40."));
      return NULL;
    }

  tip = tl_tip_new_with_id (id);

  /* The writer leaves out times that are not set, so absent means zero. */
  tip->created = usec_value (rc, node, dup_attr (node, "created"));
  tip->modified = usec_value (rc, node, dup_attr (node, "modified"));
  tip->status = enum_value (rc, node, dup_attr (node, "status"),
                            tl_tip_status_values, tip->status);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "received"))
        {
          g_clear_pointer (&tip->received, g_date_time_unref);
          tip->received = date_time_value (rc, child, dup_content (child));
        }
      else if (named (child, "channel"))
        tip->channel = enum_value (rc, child, dup_content (child),
                                   tl_channel_values, tip->channel);
      else if (named (child, "reporter"))
        read_reporter (rc, child, tip);
      else if (named (child, "advocate"))
        take_str (&tip->advocate, dup_content (child));
      else if (named (child, "situation"))
        read_situation (rc, child, tip);
      else if (named (child, "release-policy"))
        tip->release_policy = enum_value (rc, child, dup_content (child),
                                          tl_release_policy_values, tip->release_policy);
      else if (named (child, "location"))
        read_location (child, &tip->location);
      else if (named (child, "victim"))
        g_ptr_array_add (tip->victims, read_victim (rc, child));
      else if (named (child, "offender"))
        g_ptr_array_add (tip->offenders, read_offender (rc, child));
      else if (named (child, "vehicle"))
        g_ptr_array_add (tip->vehicles, read_vehicle (child));
      else if (named (child, "phone"))
        g_ptr_array_add (tip->phones, read_phone (rc, child));
      else if (named (child, "online"))
        g_ptr_array_add (tip->online, read_online (rc, child));
      else if (named (child, "financial"))
        g_ptr_array_add (tip->financial, read_financial (rc, child));
      else if (named (child, "referral"))
        g_ptr_array_add (tip->referrals, read_referral (rc, child));
      else if (named (child, "narrative"))
        take_str (&tip->narrative, dup_content (child));
    }

  return tip;
}

static void
add_tip (GPtrArray *tips,
         TlTip     *tip)
{
  if (tip != NULL)
    g_ptr_array_add (tips, tip);
}

/* Callbacks */

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  first_error_record (user_data, error);
}

static void
parser_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  /* libxml2 passes the parser context; ours hangs off _private. */
  xmlParserCtxtPtr ctxt = user_data;
  ReadContext *rc = ctxt->_private;

  first_error_record (&rc->first, error);
}

static void
generic_error_cb (void       *user_data,
                  const char *format,
                  ...)
{
  /* Unstructured messages also have a structured twin; drop these so nothing
   * reaches stderr. */
}

static void
doctype_cb (void          *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = user_data;
  ReadContext *rc = ctxt->_private;

  /* Called once the DOCTYPE's name and identifiers are read, before any of its
   * declarations: stopping here means no entity is ever declared or fetched. */
  rc->doctype_line = xmlSAX2GetLineNumber (ctxt);
  xmlStopParser (ctxt);
}

static void
error_guard_begin (ErrorGuard *guard,
                   FirstError *first)
{
  guard->structured = xmlStructuredError;
  guard->structured_data = xmlStructuredErrorContext;
  guard->generic = xmlGenericError;
  guard->generic_data = xmlGenericErrorContext;

  xmlSetStructuredErrorFunc (first, structured_error_cb);
  xmlSetGenericErrorFunc (NULL, generic_error_cb);
}

static void
error_guard_end (ErrorGuard *guard)
{
  xmlSetStructuredErrorFunc (guard->structured_data, guard->structured);
  xmlSetGenericErrorFunc (guard->generic_data, guard->generic);
}

/* Reading */

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized;
  static xmlRelaxNGPtr schema;

  /* Compiled once and kept: the schema never changes while Tipline runs. */
  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      FirstError first = { 0, NULL };
      ErrorGuard guard;

      /* Referencing the resource keeps it in the static library's link. */
      bytes = g_resource_lookup_data (tl_core_get_resource (), TL_TIP_XML_SCHEMA_PATH,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_critical ("The tip schema is missing from the resources: %s", error->message);
        }
      else
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlRelaxNGParserCtxtPtr parser;

          error_guard_begin (&guard, &first);
          parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);
          xmlRelaxNGSetParserStructuredErrors (parser, structured_error_cb, &first);
          schema = xmlRelaxNGParse (parser);
          xmlRelaxNGFreeParserCtxt (parser);
          error_guard_end (&guard);

          if (schema == NULL)
            g_critical ("The tip schema does not compile: line %d: %s",
                        first.line, first.message != NULL ? first.message : "");
          g_free (first.message);
        }

      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

static gboolean
validate (ReadContext  *rc,
          xmlDocPtr     doc,
          GError      **error)
{
  /* One validation at a time: libxml2 does not promise that a compiled RelaxNG
   * schema may be used from several threads at once. */
  static GMutex lock;
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr validator;
  int result;

  if (schema == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_FAILED,
                   _("Tipline could not load its description of the tip format, so it cannot "
                     "check %s. This is a bug in Tipline; please report it."),
                   rc->filename);
      return FALSE;
    }

  g_mutex_lock (&lock);
  validator = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (validator, structured_error_cb, &rc->first);
  result = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  g_mutex_unlock (&lock);

  if (result == 0)
    return TRUE;

  if (rc->first.message == NULL)
    {
      rc->first.line = (int) xmlGetLineNo (xmlDocGetRootElement (doc));
      rc->first.message = g_strdup ("");
    }

  g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
               /* Translators: FILE:LINE: then libxml2's English detail */
               _("%s:%d: This tip does not follow the Tipline tip format: %s"),
               rc->filename, rc->first.line, rc->first.message);
  return FALSE;
}

static xmlDocPtr
parse (ReadContext *rc,
       const char  *data,
       gsize        length)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDocPtr doc;

  if (ctxt == NULL)
    g_error ("Could not read tip XML: out of memory");

  ctxt->_private = rc;
  ctxt->sax->serror = parser_error_cb;
  ctxt->sax->internalSubset = doctype_cb;

  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, PARSE_OPTIONS);
  xmlFreeParserCtxt (ctxt);

  return doc;
}

static GPtrArray *
read_document (ReadContext  *rc,
               const char   *data,
               gsize         length,
               GError      **error)
{
  g_autoptr(xmlDoc) doc = parse (rc, data, length);
  g_autoptr(GPtrArray) tips = NULL;
  xmlNodePtr root;

  if (rc->doctype_line > 0)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("%s:%d: This file declares a document type (<!DOCTYPE …>). Tip files "
                     "must not have one, because a document type can make a program read "
                     "other files or run out of memory. Remove the DOCTYPE and try again."),
                   rc->filename, rc->doctype_line);
      return NULL;
    }

  /* Namespace and other recoverable errors still return a document: any error
   * at all means the file is not what it claims to be. */
  if (rc->first.message != NULL || doc == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   /* Translators: FILE:LINE: then libxml2's English detail */
                   _("%s:%d: This is not well-formed XML: %s"),
                   rc->filename, rc->first.line,
                   rc->first.message != NULL ? rc->first.message : "");
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !(is_tip_element (root, "tip") || is_tip_element (root, "tips")))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("%s:%ld: This is not a Tipline tip file: it should start with <tip> or "
                     "<tips> in the namespace %s."),
                   rc->filename, root != NULL ? xmlGetLineNo (root) : 1L,
                   TL_TIP_XML_NAMESPACE);
      return NULL;
    }

  if (!(rc->flags & TL_TIP_XML_TRUSTED) && !validate (rc, doc, error))
    return NULL;

  tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);

  if (named (root, "tip"))
    add_tip (tips, read_tip (rc, root));
  else
    FOR_EACH_CHILD (child, root)
      if (named (child, "tip"))
        add_tip (tips, read_tip (rc, child));

  if (rc->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&rc->error));
      return NULL;
    }

  return g_steal_pointer (&tips);
}

/* Shared with the writer */

GDateTime *
_tl_tip_xml_parse_date_time (const char *text)
{
  g_autoptr(GString) whole = NULL;
  g_autoptr(GDateTime) seconds = NULL;
  const char *time;
  const char *dot;
  const char *p;
  gint64 usec = 0;
  int digits = 0;

  /* GLib reads a fraction of a second through a double, which can come back a
   * microsecond off; read whole seconds with GLib and the fraction here. */
  time = strchr (text, 'T');
  dot = time != NULL ? strchr (time, '.') : NULL;
  if (dot == NULL)
    return g_date_time_new_from_iso8601 (text, NULL);

  for (p = dot + 1; g_ascii_isdigit (*p); p++, digits++)
    if (digits < 6)
      usec = usec * 10 + (*p - '0');

  if (digits == 0)
    return NULL;
  for (; digits < 6; digits++)
    usec *= 10;

  whole = g_string_new_len (text, dot - text);
  g_string_append (whole, p);

  /* A NULL default zone: a time without an offset is refused, not guessed. */
  seconds = g_date_time_new_from_iso8601 (whole->str, NULL);
  if (seconds == NULL)
    return NULL;

  return g_date_time_add (seconds, usec);
}

/* Public API */

GPtrArray *
tl_tip_xml_read (const char     *data,
                 gsize           length,
                 const char     *filename,
                 TlTipXmlFlags   flags,
                 GError        **error)
{
  ReadContext rc = { 0, };
  ErrorGuard guard;
  GPtrArray *tips;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Translators: stands in for a file name when tips come from memory */
  rc.filename = filename != NULL ? filename : _("tip data");
  rc.flags = flags;

  if (length > TL_TIP_XML_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (TL_TIP_XML_MAX_SIZE);

      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s is %s; a tip file can be at most %s. Split it into smaller files."),
                   rc.filename, size, limit);
      return NULL;
    }

  ensure_libxml ();

  error_guard_begin (&guard, &rc.first);
  tips = read_document (&rc, data != NULL ? data : "", length, error);
  error_guard_end (&guard);

  g_free (rc.first.message);
  g_clear_error (&rc.error);

  return tips;
}

GPtrArray *
tl_tip_xml_read_file (const char  *path,
                      GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TL_ERROR, TL_ERROR_IO, _("Could not read %s: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  /* A FIFO or device could feed data forever; only plain files are read. */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO,
                   _("Could not read %s: it is not a regular file."), display);
      return NULL;
    }

  /* Check the size first, so an oversized file is refused without reading it. */
  if (st.st_size > TL_TIP_XML_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (TL_TIP_XML_MAX_SIZE);

      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s is %s; a tip file can be at most %s. Split it into smaller files."),
                   display, size, limit);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO, _("Could not read %s: %s"),
                   display, local_error->message);
      return NULL;
    }

  /* If the file grew after the check, tl_tip_xml_read refuses it by length. */
  return tl_tip_xml_read (contents, length, display, TL_TIP_XML_NONE, error);
}
