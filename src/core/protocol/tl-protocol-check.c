/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-protocol-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-protocol-private.h"

/* What the schema cannot see: references, duplicates, time zones, numbers that do not
 * dial what they print, rules that can never apply. Messages speak to the coordinator
 * who edits the file, with the line to look at. */

typedef struct
{
  TlProtocol *protocol;
  GPtrArray *problems;
} Check;

G_GNUC_PRINTF (3, 4)
static void
problem (Check      *c,
         int         line,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (c->problems->len >= 50)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->problems, g_strdup_printf ("%s:%d: %s", c->protocol->filename, line, message));
}

static void
check_english (Check        *c,
               const TlText *text,
               const char   *what,
               int           line)
{
  if (text->en == NULL)
    /* Translators: %s is an element name such as <name> or <do>. */
    problem (c, line, _("%s has no English text (xml:lang=\"en\"); English is what Tipline falls back to."), what);
}

static void
check_period (Check              *c,
              const TlOpenPeriod *p)
{
  if (p->from >= 24 * 60)
    problem (c, p->line, _("Opening hours cannot start at 24:00; use 00:00 of the next day."));
  else if (p->from == p->to || (p->from == 0 && p->to == 24 * 60))
    problem (c, p->line, _("Opening hours start and end at the same time; for a line that never closes write <always/>."));
}

static void
check_availability (Check                *c,
                    const TlAvailability *a)
{
  if (a == NULL || a->kind != TL_AVAILABILITY_SCHEDULE)
    return;
  for (guint i = 0; i < a->periods->len; i++)
    check_period (c, &g_array_index (a->periods, TlOpenPeriod, i));
}

static void
check_contacts (Check *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < c->protocol->contacts->len; i++)
    {
      TlContact *contact = g_ptr_array_index (c->protocol->contacts, i);

      if (contact->id == NULL)
        continue;
      if (g_hash_table_contains (seen, contact->id))
        problem (c, contact->line, _("There is already a contact with the id \"%s\"; give each contact its own id."), contact->id);
      g_hash_table_add (seen, contact->id);

      check_english (c, &contact->name, "<name>", contact->line);
      check_availability (c, contact->availability);

      for (guint k = 0; k < contact->phones->len; k++)
        {
          TlContactPhone *phone = g_ptr_array_index (contact->phones, k);
          g_autofree char *dials = tl_phone_vanity_digits (phone->display != NULL ? phone->display : "");
          gboolean has_digit = FALSE;

          for (const char *d = phone->digits; d != NULL && *d; d++)
            if (g_ascii_isdigit (*d))
              has_digit = TRUE;
          if (!has_digit)
            problem (c, phone->line, _("The phone number \"%s\" of contact \"%s\" has no digits to dial; write them in digits=\"...\"."),
                     phone->display != NULL ? phone->display : "", contact->id);
          else if (g_strcmp0 (dials, phone->digits) != 0)
            problem (c, phone->line, _("The phone number \"%s\" dials %s, but its digits say %s; make them agree."),
                     phone->display, dials, phone->digits);
        }
    }
}

static void
resolve_refs (Check      *c,
              GPtrArray  *refs,
              GArray     *lines,
              GPtrArray  *resolved)
{
  for (guint i = 0; i < refs->len; i++)
    {
      const char *ref = g_ptr_array_index (refs, i);
      const TlContact *contact = g_hash_table_lookup (c->protocol->contacts_by_id, ref);
      int line = i < lines->len ? g_array_index (lines, int, i) : 1;

      if (contact == NULL)
        problem (c, line, _("There is no contact with the id \"%s\"; add it under <contacts> or correct the id."), ref);
      else if (resolved != NULL)
        g_ptr_array_add (resolved, (gpointer) contact);
    }
}

static void
check_rules (Check *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < c->protocol->rules->len; i++)
    {
      TlRule *rule = g_ptr_array_index (c->protocol->rules, i);

      if (rule->id == NULL)
        continue;
      if (g_hash_table_contains (seen, rule->id))
        problem (c, rule->line, _("There is already a rule with the id \"%s\"; give each rule its own id."), rule->id);
      g_hash_table_add (seen, rule->id);

      check_english (c, &rule->situation, "<situation>", rule->line);
      if (rule->conflict != NULL)
        /* Translators: the second %s says why, e.g. "its conditions on danger contradict each other". */
        problem (c, rule->conflict_line, _("Rule \"%s\" can never apply: %s."), rule->id, rule->conflict);
      if ((rule->when.facts & TL_FACT_TIME) && c->protocol->business_hours == NULL)
        problem (c, rule->line, _("Rule \"%s\" depends on business hours, but the protocol does not define them; add <business-hours> to <metadata>."), rule->id);

      for (guint k = 0; k < rule->steps->len; k++)
        {
          TlStep *step = g_ptr_array_index (rule->steps, k);

          check_english (c, &step->text, "<do>", step->line);
          g_ptr_array_set_size (step->contacts, 0);
          resolve_refs (c, step->contact_refs, step->ref_lines, step->contacts);
          for (guint n = 0; n < step->warnings->len; n++)
            check_english (c, g_ptr_array_index (step->warnings, n), "<warning>", step->line);
          for (guint n = 0; n < step->notes->len; n++)
            check_english (c, g_ptr_array_index (step->notes, n), "<note>", step->line);
          if (step->choose_one && step->contact_refs->len < 2)
            problem (c, step->line, _("A step with choose=\"one\" needs at least two contacts to choose from."));
        }
    }
}

/* Sources: every rule, step, warning, note, contact, hours and matrix cell says where it
 * comes from, so a coordinator can check it line by line against the signed document. */

static void
check_citations (Check      *c,
                 GPtrArray  *sources)
{
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const TlSource *source = g_ptr_array_index (sources, i);

      if (source->document == NULL)
        {
          if (source->reason == NULL || source->reason->en == NULL)
            problem (c, source->line, _("<general-knowledge> needs the reason in English (xml:lang=\"en\"), for example why 911 answers at all hours."));
        }
      else if (tl_protocol_get_document_title (c->protocol, source->document) == NULL)
        problem (c, source->line, _("<source ref=\"%s\"> names no document; add <source id=\"%s\">the document's title</source> to <metadata> or correct the ref."),
                 source->document, source->document);
      else if (source->quote == NULL || source->quote[0] == '\0')
        problem (c, source->line, _("<source ref=\"%s\"> is empty; quote the sentence of the document this comes from."),
                 source->document);
    }
}

static void
require_source (Check      *c,
                GPtrArray  *sources,
                int         line,
                const char *what)
{
  if (sources == NULL || sources->len == 0)
    /* Translators: %s says what lacks a source, e.g. "this step" or "this warning". */
    problem (c, line, _("No source for %s: after it, quote the sentence of the document it comes from with <source ref=\"DOCUMENT\">…</source>, or mark it <general-knowledge xml:lang=\"en\">why</general-knowledge>."),
             what);
  check_citations (c, sources);
}

static void
require_text_sources (Check     *c,
                      GPtrArray *texts,
                      int        fallback_line,
                      const char *what)
{
  for (guint i = 0; i < texts->len; i++)
    {
      TlText *text = g_ptr_array_index (texts, i);

      require_source (c, text->sources, text->line > 0 ? text->line : fallback_line, what);
    }
}

static void
check_sources (Check *c)
{
  TlProtocol *p = c->protocol;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < p->documents->len; i++)
    {
      TlDocument *doc = g_ptr_array_index (p->documents, i);

      if (doc->id != NULL && g_hash_table_contains (ids, doc->id))
        problem (c, doc->line, _("There is already a document with the id \"%s\"; give each <source> its own id."), doc->id);
      else if (doc->id != NULL)
        g_hash_table_add (ids, doc->id);
    }

  require_text_sources (c, p->notes, p->id_line, _("this protocol note"));
  if (p->business_hours != NULL)
    require_source (c, p->business_hours_sources, p->timezone_line, _("the business hours"));

  for (guint i = 0; i < p->contacts->len; i++)
    {
      TlContact *contact = g_ptr_array_index (p->contacts, i);

      require_source (c, contact->sources, contact->line, _("this contact"));
      if (contact->availability != NULL && contact->availability->kind != TL_AVAILABILITY_UNKNOWN)
        require_source (c, contact->availability_sources,
                        contact->availability_line > 0 ? contact->availability_line : contact->line,
                        _("these opening hours"));
      else
        check_citations (c, contact->availability_sources);
      require_text_sources (c, contact->notes, contact->line, _("this contact note"));
    }

  for (guint i = 0; i < p->rules->len; i++)
    {
      TlRule *rule = g_ptr_array_index (p->rules, i);

      require_source (c, rule->situation.sources, rule->line, _("this rule's situation"));
      for (guint k = 0; k < rule->steps->len; k++)
        {
          TlStep *step = g_ptr_array_index (rule->steps, k);

          require_source (c, step->text.sources, step->text.line > 0 ? step->text.line : step->line,
                          _("this step"));
          require_text_sources (c, step->warnings, step->line, _("this warning"));
          require_text_sources (c, step->notes, step->line, _("this step note"));
        }
    }

  for (guint i = 0; i < p->cells->len; i++)
    {
      TlMatrixCell *cell = g_ptr_array_index (p->cells, i);

      if (i > 0 && ((TlMatrixCell *) g_ptr_array_index (p->cells, i - 1))->line == cell->line)
        continue;
      require_source (c, cell->sources, cell->line, _("this matrix cell"));
    }
}

void
_tl_protocol_check (TlProtocol *protocol,
                    GPtrArray  *problems)
{
  Check c = { protocol, problems };

  if (protocol->id == NULL)
    problem (&c, 1, _("The protocol has no <id>."));
  check_english (&c, &protocol->name, "<name>", protocol->id_line);

  if (protocol->timezone_id != NULL)
    {
      g_clear_pointer (&protocol->timezone, g_time_zone_unref);
      /* "local": the computer's own zone, for a protocol with no place of its own (the
       * national fallback). */
      if (g_str_equal (protocol->timezone_id, "local"))
        protocol->timezone = g_time_zone_new_local ();
      else
        protocol->timezone = g_time_zone_new_identifier (protocol->timezone_id);
      if (protocol->timezone == NULL)
        problem (&c, protocol->timezone_line,
                 _("\"%s\" is not a time zone this computer knows; use an IANA name such as America/Denver or America/Chicago."),
                 protocol->timezone_id);
    }
  check_availability (&c, protocol->business_hours);
  check_contacts (&c);
  check_rules (&c);

  for (guint i = 0; i < protocol->cells->len; i++)
    {
      TlMatrixCell *cell = g_ptr_array_index (protocol->cells, i);

      /* One <cell> element gives several TlMatrixCells with the same line: report once. */
      if (i > 0 && ((TlMatrixCell *) g_ptr_array_index (protocol->cells, i - 1))->line == cell->line)
        continue;
      resolve_refs (&c, cell->contact_refs, cell->ref_lines, NULL);
    }
  /* Last, so a file's first problem is the one that stops it working. */
  check_sources (&c);
}
