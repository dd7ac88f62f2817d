/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-disclosure-private.h"
#include "tl-report-private.h"

/* Cleaning free text of what the report withholds. Only free-text fields (the table's
 * "free text" column: narrative, descriptions, marks, notes, the call log) are
 * cleaned; structured fields never are, so a vehicle make "Ford" stays for a victim
 * named "Ana Ford". Matching is by whole name and whole word, at word boundaries,
 * ignoring case and accents ("JOSÉ" matches "Jose"); phone numbers match however they
 * are punctuated. */

typedef struct
{
  GRegex *regex;       /* on folded text */
  const char *marker;
} Term;

typedef struct
{
  gsize start;         /* byte offsets in the original text */
  gsize end;
  const char *marker;
} Hit;

struct _TlScrubber
{
  GArray *terms;       /* Term */
  GHashTable *seen;    /* patterns already added */
  GHashTable *shown;   /* folded identity values (and their words) the report shows */
  GHashTable *whole;   /* folded withheld values (phones as "tel:" and digits) -> marker */
  guint hits;
};

/* Name particles that would blank half a narrative if scrubbed on their own. */
static const char * const particles[] = {
  "de", "del", "la", "las", "los", "el", "y", "e", "da", "das", "do", "dos", "di",
  "van", "von", "der", "den", "le", "du", "st", "mc", "bin", "al",
};

/* Values that are names: removed whole and word by word. */
static const char * const name_fields[] = {
  "victim/name", "offender/name", "offender/alias", "intake/reporter-name", "financial/holder",
};

/* Values that are phone numbers. */
static const char * const phone_fields[] = {
  "victim/phone", "phone/number", "intake/reporter-phone",
};

/* Values removed as a whole phrase. */
static const char * const phrase_fields[] = {
  "victim/email", "victim/address", "victim/birth-date", "intake/reporter-email",
  "offender/address", "offender/birth-date", "vehicle/plate", "online/value", "financial/value",
  "location/address",
};

/* helpers */

static gboolean
in_list (const char * const *list,
         guint               n,
         const char         *section,
         const char         *field)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", section, field);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (list[i], key))
      return TRUE;
  return FALSE;
}

static gboolean
is_searched (const char *section,
             const char *field)
{
  return in_list (name_fields, G_N_ELEMENTS (name_fields), section, field)
         || in_list (phone_fields, G_N_ELEMENTS (phone_fields), section, field)
         || in_list (phrase_fields, G_N_ELEMENTS (phrase_fields), section, field);
}

static void
term_clear (Term *term)
{
  g_clear_pointer (&term->regex, g_regex_unref);
}

/* Lower case without accents: "José" and "JOSE" fold alike. When map is given, it
 * gets, for each byte of the result, the original byte offset of its character, and
 * one more entry for the end. */
static char *
fold (const char *text,
      GArray     *map)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
      gsize before = out->len;

      for (gsize i = 0; i < n; i++)
        if (!g_unichar_ismark (parts[i]))
          {
            char buf[8];
            int len = g_unichar_to_utf8 (parts[i], buf);
            g_autofree char *folded = g_utf8_casefold (buf, len);

            g_string_append (out, folded);
          }
      if (map != NULL)
        for (gsize i = before; i < out->len; i++)
          {
            gsize offset = (gsize) (p - text);

            g_array_append_val (map, offset);
          }
    }
  if (map != NULL)
    {
      gsize end = strlen (text);

      g_array_append_val (map, end);
    }
  return g_string_free (out, FALSE);
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

  term.regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);
  if (term.regex == NULL)
    {
      /* The pattern is built from escaped text, so this is a bug; the message would
       * quote tip content, so it is not logged. */
      g_critical ("A cleaning pattern did not compile");
      return;
    }
  g_hash_table_add (self->seen, g_strdup (pattern));
  g_array_append_val (self->terms, term);
}

/* A phrase at word boundaries: not inside a longer word. */
static void
add_phrase (TlScrubber *self,
            const char *text,
            const char *marker)
{
  g_autofree char *folded = fold (text, NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *pattern = NULL;

  g_strstrip (folded);
  if (g_utf8_strlen (folded, -1) < 2 || g_hash_table_contains (self->shown, folded))
    return;
  escaped = g_regex_escape_string (folded, -1);
  pattern = g_strdup_printf ("(?<![\\w@.])%s(?![\\w@])", escaped);
  add_pattern (self, pattern, marker);
}

static char *
phone_key (const char *number)
{
  GString *key = g_string_new ("tel:");

  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

static void
remember_whole (TlScrubber *self,
                const char *value,
                const char *marker)
{
  char *folded = fold (value, NULL);

  g_strstrip (folded);
  if (g_hash_table_contains (self->shown, folded))
    {
      g_free (folded);
      return;
    }
  g_hash_table_insert (self->whole, folded, (gpointer) marker);
  g_hash_table_insert (self->whole, phone_key (value), (gpointer) marker);
}

static void
add_name (TlScrubber *self,
          const char *name,
          const char *marker)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^\\w'’-]+", name, 0, 0);

  add_phrase (self, name, marker);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = fold (words[i], NULL);
      gboolean particle = FALSE;

      if (g_utf8_strlen (folded, -1) < 2)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (particles); j++)
        particle |= g_str_equal (folded, particles[j]);
      if (!particle)
        add_phrase (self, words[i], marker);
    }
}

/* "575-555-0120" also matches "(575) 555 0120" and "5755550120". */
static void
add_phone (TlScrubber *self,
           const char *number,
           const char *marker)
{
  g_autoptr(GString) pattern = g_string_new ("(?<![0-9])");
  g_autofree char *folded = fold (number, NULL);
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
    add_phrase (self, number, marker);
}

static void
remember_shown (TlScrubber *self,
                const char *value)
{
  g_auto(GStrv) words = NULL;

  if (_tl_scrubber_withheld_whole (self, value) != NULL)
    return;
  words = g_regex_split_simple ("[^\\w'’-]+", value, 0, 0);

  g_hash_table_add (self->shown, fold (value, NULL));
  for (guint k = 0; words[k] != NULL; k++)
    g_hash_table_add (self->shown, fold (words[k], NULL));
}

static int
hit_compare (gconstpointer a,
             gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end > y->end ? -1 : x->end < y->end;
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
  self->whole = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Three passes before the search terms: (1) identities the report shows on purpose (a
   * released victim's name and phone, also listed as "the victim's phone"); (2) identities
   * it withholds, unless shown on purpose: a structured field holding exactly one (a card
   * holder who is the unreleased victim) is withheld too; (3) other values it shows (an
   * offender's name shown to a provider for safety, repeated as a card holder). Values
   * from (1) and (3) are not removed from free text. */
  for (guint pass = 1; pass <= 3; pass++)
    for (guint i = 0; i < sections->len; i++)
      {
        TlSection *section = g_ptr_array_index (sections, i);

        for (guint j = 0; j < section->fields->len; j++)
          {
            TlField *field = g_ptr_array_index (section->fields, j);
            const TlDisclosureRow *row;
            gboolean identity;
            TlWithhold w;

            if (!is_searched (section->key, field->key))
              continue;
            row = _tl_disclosure_lookup (ctx->tip, section->key, section->index, field->key);
            identity = row != NULL && (row->kind == TL_KIND_VICTIM_IDENTIFYING
                                       || row->kind == TL_KIND_REPORTER);
            w = _tl_withhold_field (ctx, section->key, section->index, field->key, field->flags,
                                    NULL);
            if (pass == 1 && identity && w == TL_WITHHOLD_NONE)
              remember_shown (self, field->value);
            else if (pass == 2 && identity && w != TL_WITHHOLD_NONE)
              remember_whole (self, field->value, tl_withhold_get_marker (w));
            else if (pass == 3 && !identity && w == TL_WITHHOLD_NONE)
              remember_shown (self, field->value);
          }
      }

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          const char *key = section->key;
          TlWithhold w = _tl_withhold_field (ctx, section->key, section->index, field->key,
                                             field->flags, NULL);
          const char *marker;

          if (w == TL_WITHHOLD_NONE)
            continue;
          marker = tl_withhold_get_marker (w);


          if (in_list (name_fields, G_N_ELEMENTS (name_fields), key, field->key))
            add_name (self, field->value, marker);
          else if (in_list (phone_fields, G_N_ELEMENTS (phone_fields), key, field->key))
            add_phone (self, field->value, marker);
          else if (in_list (phrase_fields, G_N_ELEMENTS (phrase_fields), key, field->key))
            add_phrase (self, field->value, marker);
        }
    }

  return self;
}

char *
_tl_scrubber_apply (TlScrubber *self,
                    const char *text)
{
  g_autoptr(GArray) map = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gsize at = 0;

  if (text == NULL)
    return NULL;
  if (self->terms->len == 0)
    return g_strdup (text);

  map = g_array_new (FALSE, FALSE, sizeof (gsize));
  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  folded = fold (text, map);

  for (guint i = 0; i < self->terms->len; i++)
    {
      Term *term = &g_array_index (self->terms, Term, i);
      g_autoptr(GMatchInfo) info = NULL;

      g_regex_match (term->regex, folded, 0, &info);
      while (g_match_info_matches (info))
        {
          int start, end;

          if (g_match_info_fetch_pos (info, 0, &start, &end) && end > start)
            {
              Hit hit;
              gsize last = g_array_index (map, gsize, end - 1);

              hit.start = g_array_index (map, gsize, start);
              /* to the end of the original character the match ends in */
              hit.end = (gsize) (g_utf8_next_char (text + last) - text);
              hit.marker = term->marker;
              g_array_append_val (hits, hit);
            }
          g_match_info_next (info, NULL);
        }
    }

  if (hits->len == 0)
    return g_strdup (text);

  g_array_sort (hits, hit_compare);
  out = g_string_new (NULL);
  for (guint i = 0; i < hits->len; i++)
    {
      Hit *hit = &g_array_index (hits, Hit, i);

      if (hit->start < at)
        {
          /* overlaps the one before: widen that one */
          if (hit->end > at)
            at = hit->end;
          continue;
        }
      g_string_append_len (out, text + at, hit->start - at);
      g_string_append (out, hit->marker);
      at = hit->end;
      self->hits++;
    }
  g_string_append (out, text + at);
  return g_string_free (out, FALSE);
}

const char *
_tl_scrubber_withheld_whole (TlScrubber *self,
                             const char *value)
{
  g_autofree char *folded = NULL;
  g_autofree char *tel = NULL;
  const char *marker;

  if (value == NULL)
    return NULL;
  folded = fold (value, NULL);
  g_strstrip (folded);
  if (g_hash_table_contains (self->shown, folded))
    return NULL;
  marker = g_hash_table_lookup (self->whole, folded);
  if (marker != NULL)
    return marker;
  tel = phone_key (value);
  /* seven digits or more: a phone number, however it is punctuated */
  if (strlen (tel) >= 4 + 7)
    return g_hash_table_lookup (self->whole, tel);
  return NULL;
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
  g_hash_table_unref (self->whole);
  g_free (self);
}
