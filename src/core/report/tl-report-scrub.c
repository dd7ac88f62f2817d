/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-report-private.h"

typedef struct
{
  GRegex *regex;
  const char *marker;
} Term;

struct _TlScrubber
{
  GArray *terms;       /* Term */
  GHashTable *seen;    /* patterns already added */
  GHashTable *shown;   /* casefolded identity values (and name words) the report shows */
  guint hits;
};

/* Name particles that would blank half a narrative if scrubbed on their own. */
static const char * const particles[] = {
  "de", "del", "la", "las", "los", "el", "y", "e", "da", "das", "do", "dos", "di",
  "van", "von", "der", "den", "le", "du", "st", "mc", "bin", "al",
};

/* helpers */

static void
term_clear (Term *term)
{
  g_clear_pointer (&term->regex, g_regex_unref);
}

static void
add_pattern (TlScrubber *self,
             const char *pattern,
             const char *marker)
{
  g_autoptr(GError) error = NULL;
  Term term = { NULL, marker };

  if (g_hash_table_contains (self->seen, pattern))
    return;

  term.regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  if (term.regex == NULL)
    {
      /* The pattern is built from escaped text, so this is a bug; the message would
       * quote tip content, so it is not logged. */
      g_critical ("A scrubbing pattern did not compile");
      return;
    }
  g_hash_table_add (self->seen, g_strdup (pattern));
  g_array_append_val (self->terms, term);
}

static void
add_words (TlScrubber *self,
           const char *name,
           const char *marker)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^\\w'’-]+", name, 0, 0);
  g_autofree char *whole = g_regex_escape_string (name, -1);
  g_autofree char *pattern = g_strdup_printf ("(?<!\\w)%s(?!\\w)", whole);
  g_autofree char *folded_name = g_utf8_casefold (name, -1);

  if (!g_hash_table_contains (self->shown, folded_name))
    add_pattern (self, pattern, marker);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (words[i], -1);
      g_autofree char *escaped = NULL;
      g_autofree char *word_pattern = NULL;
      gboolean particle = FALSE;

      if (g_utf8_strlen (words[i], -1) < 2)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (particles); j++)
        if (g_str_equal (folded, particles[j]))
          particle = TRUE;
      if (particle || g_hash_table_contains (self->shown, folded))
        continue;

      escaped = g_regex_escape_string (words[i], -1);
      word_pattern = g_strdup_printf ("(?<!\\w)%s(?!\\w)", escaped);
      add_pattern (self, word_pattern, marker);
    }
}

/* "575-555-0120" also matches "(575) 555 0120" and "5755550120". */
static void
add_phone (TlScrubber *self,
           const char *number,
           const char *marker)
{
  g_autoptr(GString) pattern = g_string_new ("(?<![0-9])");
  g_autofree char *folded = g_utf8_casefold (number, -1);
  guint digits = 0;

  if (g_hash_table_contains (self->shown, folded))
    return;

  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      {
        if (digits > 0)
          g_string_append (pattern, "[^0-9\\n]{0,3}");
        g_string_append_c (pattern, *p);
        digits++;
      }
  g_string_append (pattern, "(?![0-9])");

  if (digits >= 7)
    add_pattern (self, pattern->str, marker);
  else
    add_words (self, number, marker);
}

static void
add_literal (TlScrubber *self,
             const char *text,
             const char *marker)
{
  g_autofree char *escaped = g_regex_escape_string (text, -1);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (g_utf8_strlen (text, -1) >= 3 && !g_hash_table_contains (self->shown, folded))
    add_pattern (self, escaped, marker);
}

/* private API */

TlScrubber *
_tl_scrubber_new (const TlWithholdContext *ctx,
                  GPtrArray               *sections)
{
  TlScrubber *self = g_new0 (TlScrubber, 1);

  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, (GDestroyNotify) term_clear);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* What the report shows on purpose (a released victim's own phone, listed again as
   * "the victim's phone") is not scrubbed from elsewhere. */
  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          g_auto(GStrv) words = NULL;

          if (!(field->flags & (TL_FIELD_VICTIM_IDENTITY | TL_FIELD_REPORTER_IDENTITY))
              || _tl_withhold_field (ctx, section->key, section->index, field->key,
                                     field->flags, NULL) != TL_WITHHOLD_NONE)
            continue;
          g_hash_table_add (self->shown, g_utf8_casefold (field->value, -1));
          words = g_regex_split_simple ("[^\\w'’-]+", field->value, 0, 0);
          for (guint k = 0; words[k] != NULL; k++)
            g_hash_table_add (self->shown, g_utf8_casefold (words[k], -1));
        }
    }

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          TlWithhold w;
          const char *marker;

          if (!(field->flags & (TL_FIELD_VICTIM_IDENTITY | TL_FIELD_REPORTER_IDENTITY)))
            continue;
          w = _tl_withhold_field (ctx, section->key, section->index, field->key, field->flags,
                                  NULL);
          if (w == TL_WITHHOLD_NONE)
            continue;
          marker = tl_withhold_get_marker (w);

          if (g_str_equal (field->key, "name") || g_str_equal (field->key, "reporter-name"))
            add_words (self, field->value, marker);
          else if (g_str_equal (field->key, "phone") || g_str_equal (field->key, "number")
                   || g_str_equal (field->key, "reporter-phone"))
            add_phone (self, field->value, marker);
          else if (!g_str_equal (field->key, "language"))
            /* a language code ("es") is not searched for in text: it is a word */
            add_literal (self, field->value, marker);
        }
    }

  return self;
}

char *
_tl_scrubber_apply (TlScrubber *self,
                    const char *text)
{
  char *result;

  if (text == NULL)
    return NULL;

  result = g_strdup (text);
  for (guint i = 0; i < self->terms->len; i++)
    {
      Term *term = &g_array_index (self->terms, Term, i);
      g_autoptr(GMatchInfo) info = NULL;
      char *replaced;

      if (!g_regex_match (term->regex, result, 0, &info))
        continue;
      do
        self->hits++;
      while (g_match_info_next (info, NULL));

      replaced = g_regex_replace_literal (term->regex, result, -1, 0, term->marker, 0, NULL);
      if (replaced != NULL)
        {
          g_free (result);
          result = replaced;
        }
    }

  return result;
}

guint
_tl_scrubber_get_hits (TlScrubber *self)
{
  return self->hits;
}

void
_tl_scrubber_free (TlScrubber *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->terms);
  g_hash_table_unref (self->seen);
  g_hash_table_unref (self->shown);
  g_free (self);
}
