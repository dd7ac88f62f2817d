/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-protocol-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "tl-core-resources.h"
#include "tl-error.h"
#include "tl-protocol-private.h"

#define SCHEMA_RESOURCE "/io/github/tipline/core/schemas/protocol.rng"
#define MAX_PROBLEMS 50

/* The options that keep a hostile file harmless: no network, no external DTD, no entity
 * substitution, no libxml2 chatter on stderr. DOCTYPEs are refused before parsing. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                       XML_PARSE_NOBLANKS)

typedef struct
{
  const char *filename;
  GPtrArray *problems;
} Collector;

typedef struct
{
  TlProtocol *protocol;
  GPtrArray *problems;
  guint step_index;
} Walk;

static G_LOCK_DEFINE (schema);
static xmlRelaxNGPtr schema;

static void
add_problem (GPtrArray  *problems,
             const char *filename,
             int         line,
             const char *message)
{
  if (problems->len >= MAX_PROBLEMS)
    return;
  if (problems->len == MAX_PROBLEMS - 1)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s:%d: %s", filename, line,
                                                  _("There are more problems; fix these first.")));
      return;
    }
  g_ptr_array_add (problems, g_strdup_printf ("%s:%d: %s", filename, line, message));
}

static void
collect_structured_cb (void        *data,
                       xmlErrorPtr  err)
{
  Collector *c = data;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if (err == NULL || err->level == XML_ERR_WARNING)
    return;
  message = g_strstrip (g_strdup (err->message != NULL ? err->message : "?"));
  if (err->domain == XML_FROM_RELAXNGV)
    /* Translators: %s is libxml2's technical description of what is wrong. */
    text = g_strdup_printf (_("This does not follow the protocol format (see data/protocols/README.md): %s."), message);
  else if (err->domain == XML_FROM_RELAXNGP)
    text = g_strdup_printf (_("The protocol schema could not be read: %s."), message);
  else
    text = g_strdup_printf (_("The file is not well-formed XML: %s."), message);
  add_problem (c->problems, c->filename, MAX (err->line, 1), text);
}

static void
silent_generic_cb (void       *data,
                   const char *msg,
                   ...)
{
}

/* libxml2 error handlers are per thread; install ours around each call, then restore. */
static void
errors_begin (Collector *c)
{
  xmlSetStructuredErrorFunc (c, collect_structured_cb);
  xmlSetGenericErrorFunc (NULL, silent_generic_cb);
}

static void
errors_end (void)
{
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlSetGenericErrorFunc (NULL, NULL);
}

static xmlRelaxNGPtr
get_schema (GError **error)
{
  xmlRelaxNGPtr result;

  G_LOCK (schema);
  if (schema == NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      Collector c = { "protocol.rng", problems };
      xmlRelaxNGParserCtxtPtr pctxt;

      bytes = g_resource_lookup_data (tl_core_get_resource (), SCHEMA_RESOURCE, 0, NULL);
      if (bytes != NULL)
        {
          errors_begin (&c);
          pctxt = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL),
                                              (int) g_bytes_get_size (bytes));
          xmlRelaxNGSetParserStructuredErrors (pctxt, collect_structured_cb, &c);
          schema = xmlRelaxNGParse (pctxt);
          xmlRelaxNGFreeParserCtxt (pctxt);
          errors_end ();
        }
    }
  result = schema;
  G_UNLOCK (schema);

  if (result == NULL)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                         _("Tipline's protocol schema is missing or damaged; reinstall Tipline."));
  return result;
}

static void
set_problems_error (GError     **error,
                    GPtrArray   *problems)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("\n", (char **) problems->pdata);
  g_ptr_array_remove_index (problems, problems->len - 1);
  g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, joined);
}

/* A DOCTYPE is how entity bombs and external entities get in; a protocol never needs one. */
static int
find_doctype_line (const char *data,
                   gsize       length)
{
  static const char needle[] = "<!DOCTYPE";
  int line = 1;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '<' && length - i >= sizeof needle - 1 &&
               memcmp (data + i, needle, sizeof needle - 1) == 0)
        return line;
    }
  return 0;
}

static xmlDocPtr
parse_and_validate (const char  *data,
                    gsize        length,
                    const char  *filename,
                    GPtrArray   *problems,
                    GError     **error)
{
  Collector c = { filename, problems };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlRelaxNGPtr rng;
  xmlRelaxNGValidCtxtPtr vctxt;
  int doctype_line;

  if (length > TL_PROTOCOL_MAX_SIZE)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s:1: The file is larger than %d MB; a protocol is much smaller. Check that this is the right file."),
                   filename, TL_PROTOCOL_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  doctype_line = find_doctype_line (data, length);
  if (doctype_line > 0)
    {
      add_problem (problems, filename, doctype_line,
                   _("Protocol files may not contain a DOCTYPE declaration; remove it."));
      set_problems_error (error, problems);
      return NULL;
    }
  rng = get_schema (error);
  if (rng == NULL)
    return NULL;

  xmlInitParser ();
  errors_begin (&c);
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      errors_end ();
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED, _("Out of memory while reading a protocol."));
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, filename, NULL, PARSE_OPTIONS);
  xmlFreeParserCtxt (ctxt);

  if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL))
    {
      add_problem (problems, filename, 1, _("Protocol files may not contain a DOCTYPE declaration; remove it."));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  if (doc != NULL && problems->len == 0)
    {
      vctxt = xmlRelaxNGNewValidCtxt (rng);
      xmlRelaxNGSetValidStructuredErrors (vctxt, collect_structured_cb, &c);
      if (xmlRelaxNGValidateDoc (vctxt, doc) != 0 && problems->len == 0)
        add_problem (problems, filename, 1, _("This does not follow the protocol format (see data/protocols/README.md)."));
      xmlRelaxNGFreeValidCtxt (vctxt);
    }
  errors_end ();

  if (doc == NULL && problems->len == 0)
    add_problem (problems, filename, 1, _("The file is empty or is not XML."));
  if (problems->len > 0)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      set_problems_error (error, problems);
      return NULL;
    }
  return doc;
}

/* DOM helpers: only elements of our namespace count. */
static gboolean
is_elem (xmlNode    *node,
         const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, BAD_CAST TL_PROTOCOL_NAMESPACE) &&
         (name == NULL || xmlStrEqual (node->name, BAD_CAST name));
}

static char *
get_content (xmlNode *node)
{
  xmlChar *raw = xmlNodeGetContent (node);
  char *text;

  if (raw == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) raw));
  xmlFree (raw);
  return text;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *raw = xmlGetNoNsProp (node, BAD_CAST name);
  char *text;

  if (raw == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) raw));
  xmlFree (raw);
  return text;
}

static int
line_of (xmlNode *node)
{
  return (int) MAX (xmlGetLineNo (node), 1);
}

static void
read_text (Walk    *w,
           TlText  *text,
           xmlNode *node)
{
  xmlChar *lang = xmlGetNsProp (node, BAD_CAST "lang", XML_XML_NAMESPACE);
  gboolean spanish = lang != NULL && xmlStrEqual (lang, BAD_CAST "es");
  char **slot = spanish ? &text->es : &text->en;

  xmlFree (lang);
  if (text->line == 0)
    text->line = line_of (node);
  if (*slot != NULL)
    {
      g_autofree char *msg =
        g_strdup_printf (spanish ? _("<%s> has two Spanish texts; keep one.")
                                 : _("<%s> has two English texts; keep one."),
                         (const char *) node->name);
      add_problem (w->problems, w->protocol->filename, line_of (node), msg);
      return;
    }
  *slot = get_content (node);
}

/* Repeated texts (notes, warnings) pair up by position: the second English note and the
 * second Spanish note are one note, whatever order the file lists them in. */
static TlText *
read_text_into (Walk      *w,
                GPtrArray *texts,
                xmlNode   *node)
{
  xmlChar *lang = xmlGetNsProp (node, BAD_CAST "lang", XML_XML_NAMESPACE);
  gboolean spanish = lang != NULL && xmlStrEqual (lang, BAD_CAST "es");
  TlText *text = NULL;

  xmlFree (lang);
  for (guint i = 0; i < texts->len && text == NULL; i++)
    {
      TlText *t = g_ptr_array_index (texts, i);

      if ((spanish ? t->es : t->en) == NULL)
        text = t;
    }
  if (text == NULL)
    {
      text = _tl_text_new ();
      g_ptr_array_add (texts, text);
    }
  read_text (w, text, node);
  return text;
}

/* <source ref="doc">sentence</source> and <general-knowledge xml:lang>reason</...> cite
 * the item they follow; *sources is created on first use. The two languages of one
 * general-knowledge reason pair up like any text. */
static gboolean
read_source (Walk       *w,
             GPtrArray **sources,
             xmlNode    *node)
{
  TlSource *source = NULL;

  if (is_elem (node, "source"))
    {
      source = _tl_source_new ();
      source->document = get_attr (node, "ref");
      source->quote = get_content (node);
      source->line = line_of (node);
    }
  else if (is_elem (node, "general-knowledge"))
    {
      xmlChar *lang = xmlGetNsProp (node, BAD_CAST "lang", XML_XML_NAMESPACE);
      gboolean spanish = lang != NULL && xmlStrEqual (lang, BAD_CAST "es");
      TlSource *last = *sources != NULL && (*sources)->len > 0
                       ? g_ptr_array_index (*sources, (*sources)->len - 1) : NULL;

      xmlFree (lang);
      if (last != NULL && last->document == NULL && last->reason != NULL &&
          (spanish ? last->reason->es : last->reason->en) == NULL)
        {
          read_text (w, last->reason, node);
          return TRUE;
        }
      source = _tl_source_new ();
      source->reason = _tl_text_new ();
      source->line = line_of (node);
      read_text (w, source->reason, node);
    }
  else
    return FALSE;

  if (*sources == NULL)
    *sources = _tl_sources_new ();
  g_ptr_array_add (*sources, source);
  return TRUE;
}

static gboolean
read_period (Walk         *w,
             xmlNode      *node,
             TlOpenPeriod *period)
{
  g_autofree char *days = get_attr (node, "days");
  g_autofree char *from = get_attr (node, "from");
  g_autofree char *to = get_attr (node, "to");

  period->line = line_of (node);
  if (!tl_availability_parse_days (days, &period->days) ||
      !tl_availability_parse_clock (from, &period->from) ||
      !tl_availability_parse_clock (to, &period->to))
    {
      add_problem (w->problems, w->protocol->filename, period->line,
                   _("Opening hours need days such as \"mon tue\" and times such as 08:00 and 17:00."));
      return FALSE;
    }
  return TRUE;
}

static TlAvailability *
read_availability (Walk       *w,
                   xmlNode    *node,
                   GPtrArray **sources)
{
  TlAvailability *a = NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      TlOpenPeriod period = { 0, };

      if (sources != NULL && read_source (w, sources, c))
        continue;
      if (is_elem (c, "always") && a == NULL)
        a = tl_availability_new (TL_AVAILABILITY_ALWAYS);
      else if (is_elem (c, "unknown") && a == NULL)
        a = tl_availability_new (TL_AVAILABILITY_UNKNOWN);
      else if (is_elem (c, "open") && read_period (w, c, &period))
        {
          if (a == NULL)
            a = tl_availability_new (TL_AVAILABILITY_SCHEDULE);
          tl_availability_add (a, &period);
        }
    }
  return a != NULL ? a : tl_availability_new (TL_AVAILABILITY_UNKNOWN);
}

static void
read_metadata (Walk    *w,
               xmlNode *node)
{
  TlProtocol *p = w->protocol;
  TlText *last = NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_elem (c, "id") && p->id == NULL)
        {
          p->id = get_content (c);
          p->id_line = line_of (c);
        }
      else if (is_elem (c, "name"))
        read_text (w, &p->name, c);
      else if (is_elem (c, "jurisdiction") && p->jurisdiction == NULL)
        p->jurisdiction = get_content (c);
      else if (is_elem (c, "timezone") && p->timezone_id == NULL)
        {
          p->timezone_id = get_content (c);
          p->timezone_line = line_of (c);
        }
      else if (is_elem (c, "version") && p->version == NULL)
        p->version = get_content (c);
      else if (is_elem (c, "date") && p->date == NULL)
        p->date = get_content (c);
      else if (is_elem (c, "business-hours") && p->business_hours == NULL)
        p->business_hours = read_availability (w, c, &p->business_hours_sources);
      else if (is_elem (c, "note"))
        last = read_text_into (w, p->notes, c);
      else if (is_elem (c, "source") && xmlHasProp (c, BAD_CAST "ref") == NULL)
        {
          TlDocument *doc = g_new0 (TlDocument, 1);

          doc->id = get_attr (c, "id");
          doc->title = get_content (c);
          doc->line = line_of (c);
          g_ptr_array_add (p->documents, doc);
          g_ptr_array_add (p->sources, g_strdup (doc->title));
        }
      else if (last != NULL)
        read_source (w, &last->sources, c);
    }
}

static void
read_contact (Walk    *w,
              xmlNode *node)
{
  TlContact *contact = _tl_contact_new ();
  g_autofree char *kind = get_attr (node, "kind");
  int value = TL_CONTACT_KIND_OTHER;
  TlText *last = NULL;

  contact->id = get_attr (node, "id");
  contact->line = line_of (node);
  if (kind != NULL && tl_enum_from_nick (tl_contact_kind_values, kind, &value))
    contact->kind = value;
  else
    contact->kind = TL_CONTACT_KIND_OTHER;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_elem (c, "name"))
        read_text (w, &contact->name, c);
      else if (is_elem (c, "organisation"))
        read_text (w, &contact->organisation, c);
      else if (is_elem (c, "phone"))
        {
          TlContactPhone *phone = g_new0 (TlContactPhone, 1);
          g_autofree char *mobile = get_attr (c, "mobile-only");

          phone->display = get_content (c);
          phone->digits = get_attr (c, "digits");
          phone->mobile_only = g_strcmp0 (mobile, "true") == 0 || g_strcmp0 (mobile, "1") == 0;
          phone->line = line_of (c);
          g_ptr_array_add (contact->phones, phone);
        }
      else if (is_elem (c, "email"))
        g_ptr_array_add (contact->emails, get_content (c));
      else if (is_elem (c, "availability") && contact->availability == NULL)
        {
          contact->availability = read_availability (w, c, &contact->availability_sources);
          contact->availability_line = line_of (c);
        }
      else if (is_elem (c, "languages") && contact->languages == NULL)
        {
          g_autofree char *list = get_content (c);

          contact->languages = g_strsplit_set (list != NULL ? list : "", " \t\r\n", -1);
        }
      else if (is_elem (c, "note"))
        last = read_text_into (w, contact->notes, c);
      else if (last != NULL)
        read_source (w, &last->sources, c);
      else
        read_source (w, &contact->sources, c);
    }
  if (contact->availability == NULL)
    contact->availability = tl_availability_new (TL_AVAILABILITY_UNKNOWN);

  if (contact->id != NULL && !g_hash_table_contains (w->protocol->contacts_by_id, contact->id))
    g_hash_table_insert (w->protocol->contacts_by_id, contact->id, contact);
  g_ptr_array_add (w->protocol->contacts, contact);
}

/* Value lists become bit sets. For each name in the list, its bit from table; unknown
 * names were already refused by the schema, so they are skipped here. */
static guint
read_set (xmlNode           *node,
          const char        *attr,
          const char * const *names)
{
  g_autofree char *text = get_attr (node, attr);
  g_auto(GStrv) words = NULL;
  guint bits = 0;

  if (text == NULL)
    return 0;
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    for (guint b = 0; names[b] != NULL; b++)
      if (names[b][0] != '\0' && strcmp (words[i], names[b]) == 0)
        bits |= 1u << b;
  return bits;
}

/* Names by enum value, so bit b is value b of the tip's enum. */
static const char * const danger_names[] = { "unknown", "immediate", "none", NULL };
static const char * const trafficking_names[] = { "unknown", "sex", "labor", "both", NULL };
static const char * const reporter_names[] = { "unknown", "victim", "third-party", "anonymous",
                                               "law-enforcement", "service-provider", NULL };
static const char * const time_names[] = { "business-hours", "after-hours", NULL };
static const char * const policy_names[] = { "unknown", "required", "not-required", NULL };
static const char * const minor_names[] = { "true", "false", "unknown", NULL };
static const char * const citizenship_names[] = { "unknown", "us-citizen", "permanent-resident",
                                                  "foreign-national", NULL };
static const char * const gender_names[] = { "unknown", "female", "male", "transgender-female",
                                             "transgender-male", "non-binary", NULL };
static const char * const stance_names[] = { "undecided", "report-now", "talk-later",
                                             "anonymous-tip", NULL };
static const char * const signed_names[] = { "false", "true", NULL };

/* Conditions on the same fact all have to hold, so their sets intersect; an empty
 * intersection means the rule can never apply, which the checks report. */
static void
narrow (TlRule     *rule,
        TlFact      fact,
        guint      *set,
        guint       bits,
        xmlNode    *node,
        const char *what)
{
  if (bits == 0)
    return;
  if (!(rule->when.facts & fact))
    *set = bits;
  else
    *set &= bits;
  rule->when.facts |= fact;
  if (*set == 0 && rule->conflict == NULL)
    {
      /* Translators: %s names a fact, e.g. "danger" or "the victim's stance". */
      rule->conflict = g_strdup_printf (_("its conditions on %s contradict each other"), what);
      rule->conflict_line = line_of (node);
    }
}

static void
read_when (Walk    *w,
           TlRule  *rule,
           xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_elem (c, "danger"))
        narrow (rule, TL_FACT_DANGER, &rule->when.danger, read_set (c, "is", danger_names), c, _("danger"));
      else if (is_elem (c, "trafficking"))
        narrow (rule, TL_FACT_TRAFFICKING, &rule->when.trafficking, read_set (c, "is", trafficking_names), c, _("the type of trafficking"));
      else if (is_elem (c, "reporter"))
        narrow (rule, TL_FACT_REPORTER, &rule->when.reporter, read_set (c, "is", reporter_names), c, _("who reports"));
      else if (is_elem (c, "time"))
        narrow (rule, TL_FACT_TIME, &rule->when.time, read_set (c, "is", time_names), c, _("the time of day"));
      else if (is_elem (c, "release-policy"))
        narrow (rule, TL_FACT_RELEASE_POLICY, &rule->when.release_policy, read_set (c, "is", policy_names), c, _("the release policy"));
      else if (is_elem (c, "victim"))
        {
          narrow (rule, TL_FACT_MINOR, &rule->when.minor, read_set (c, "minor", minor_names), c, _("the victim's age"));
          narrow (rule, TL_FACT_CITIZENSHIP, &rule->when.citizenship, read_set (c, "citizenship", citizenship_names), c, _("the victim's citizenship"));
          narrow (rule, TL_FACT_GENDER, &rule->when.gender, read_set (c, "gender", gender_names), c, _("the victim's gender"));
          narrow (rule, TL_FACT_STANCE, &rule->when.stance, read_set (c, "stance", stance_names), c, _("the victim's stance on law enforcement"));
          narrow (rule, TL_FACT_RELEASE_SIGNED, &rule->when.release_signed, read_set (c, "release-signed", signed_names), c, _("the victim's release"));
        }
    }
}

static void
read_step (Walk    *w,
           TlRule  *rule,
           xmlNode *node)
{
  TlStep *step = _tl_step_new ();
  g_autofree char *order = get_attr (node, "order");
  g_autofree char *action = get_attr (node, "action");
  g_autofree char *service = get_attr (node, "service");
  g_autofree char *choose = get_attr (node, "choose");
  g_autofree char *shares = get_attr (node, "shares-victim-info");
  TlText *last = &step->text;
  int value;

  step->rule = rule;
  step->index = w->step_index++;
  step->line = line_of (node);
  step->order = order != NULL ? (guint) MIN (g_ascii_strtoull (order, NULL, 10), G_MAXUINT) : 0;
  step->action = action != NULL && tl_enum_from_nick (tl_action_values, action, &value) ? value : TL_ACTION_CALL;
  step->service = service != NULL && tl_enum_from_nick (tl_service_values, service, &value) ? value : TL_SERVICE_OTHER;
  step->choose_one = g_strcmp0 (choose, "one") == 0;
  step->shares_victim_info = g_strcmp0 (shares, "true") == 0 || g_strcmp0 (shares, "1") == 0;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_elem (c, "contact"))
        {
          char *ref = get_attr (c, "ref");
          int line = line_of (c);

          if (ref != NULL)
            {
              g_ptr_array_add (step->contact_refs, ref);
              g_array_append_val (step->ref_lines, line);
            }
        }
      else if (is_elem (c, "do"))
        {
          read_text (w, &step->text, c);
          last = &step->text;
        }
      else if (is_elem (c, "provide"))
        {
          g_autofree char *item = get_attr (c, "item");

          if (item != NULL && tl_enum_from_nick (tl_provide_item_values, item, &value))
            {
              TlProvideItem it = value;

              g_array_append_val (step->provide, it);
            }
        }
      else if (is_elem (c, "warning"))
        last = read_text_into (w, step->warnings, c);
      else if (is_elem (c, "note"))
        last = read_text_into (w, step->notes, c);
      else
        read_source (w, &last->sources, c);
    }
  g_ptr_array_add (rule->steps, step);
}

static void
read_rule (Walk    *w,
           xmlNode *node)
{
  TlRule *rule = _tl_rule_new ();

  rule->id = get_attr (node, "id");
  rule->line = line_of (node);
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_elem (c, "situation"))
        read_text (w, &rule->situation, c);
      else if (read_source (w, &rule->situation.sources, c))
        ;
      else if (is_elem (c, "when"))
        read_when (w, rule, c);
      else if (is_elem (c, "step"))
        read_step (w, rule, c);
    }
  g_ptr_array_add (w->protocol->rules, rule);
}

static void
read_cell (Walk    *w,
           xmlNode *node)
{
  g_autofree char *service = get_attr (node, "service");
  g_autofree char *conditions = get_attr (node, "conditions");
  g_auto(GStrv) words = g_strsplit_set (conditions != NULL ? conditions : "", " \t\r\n", -1);
  g_autoptr(GPtrArray) sources = _tl_sources_new ();
  GPtrArray *slot = sources;
  int s;

  if (service == NULL || !tl_enum_from_nick (tl_service_values, service, &s) || s >= TL_N_MATRIX_SERVICES)
    return;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    read_source (w, &slot, c);

  /* One TlMatrixCell per (service, condition) written, so each keeps its line. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      TlMatrixCell *cell;
      int cond;

      if (!tl_enum_from_nick (tl_matrix_condition_values, words[i], &cond))
        continue;
      cell = _tl_matrix_cell_new ();
      cell->service = s;
      cell->condition = cond;
      cell->line = line_of (node);
      cell->sources = g_ptr_array_ref (sources);
      for (xmlNode *c = node->children; c != NULL; c = c->next)
        {
          if (is_elem (c, "contact"))
            {
              char *ref = get_attr (c, "ref");
              int line = line_of (c);

              if (ref != NULL)
                {
                  g_ptr_array_add (cell->contact_refs, ref);
                  g_array_append_val (cell->ref_lines, line);
                }
            }
          else if (is_elem (c, "note"))
            read_text_into (w, cell->notes, c);
        }
      g_ptr_array_add (w->protocol->cells, cell);
    }
}

static void
walk_document (Walk    *w,
               xmlNode *root)
{
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (is_elem (c, "metadata"))
        read_metadata (w, c);
      else if (is_elem (c, "contacts"))
        {
          for (xmlNode *k = c->children; k != NULL; k = k->next)
            if (is_elem (k, "contact"))
              read_contact (w, k);
        }
      else if (is_elem (c, "rules"))
        {
          for (xmlNode *r = c->children; r != NULL; r = r->next)
            if (is_elem (r, "rule"))
              read_rule (w, r);
        }
      else if (is_elem (c, "matrix"))
        {
          for (xmlNode *m = c->children; m != NULL; m = m->next)
            if (is_elem (m, "cell"))
              read_cell (w, m);
        }
    }
}


TlProtocol *
tl_protocol_load_from_data (const char  *data,
                            gsize        length,
                            const char  *filename,
                            GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TlProtocol) protocol = NULL;
  xmlDocPtr doc;
  Walk w = { 0, };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = "protocol";
  doc = parse_and_validate (data != NULL ? data : "", length, filename, problems, error);
  if (doc == NULL)
    return NULL;

  protocol = _tl_protocol_new ();
  protocol->filename = g_strdup (filename);
  w.protocol = protocol;
  w.problems = problems;
  if (xmlDocGetRootElement (doc) != NULL)
    walk_document (&w, xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);

  _tl_protocol_check (protocol, problems);
  if (problems->len > 0)
    {
      set_problems_error (error, problems);
      return NULL;
    }
  return g_steal_pointer (&protocol);
}

TlProtocol *
tl_protocol_load_from_file (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  /* Check the size before reading, so a huge file is never loaded into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_size (info) > TL_PROTOCOL_MAX_SIZE)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s:1: The file is larger than %d MB; a protocol is much smaller. Check that this is the right file."),
                   path, TL_PROTOCOL_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info == NULL || !g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO, _("%s:1: The file could not be read: %s"),
                   path, local_error->message);
      return NULL;
    }
  return tl_protocol_load_from_data (contents, length, path, error);
}
