/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-links"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-links.h"
#include "tl-normalize.h"
#include "tl-tip.h"

/* The values that link tips, in the normal forms the store indexes them by. This is
 * plain C over a TlTip, so the editor can look up links for a tip nobody has saved
 * yet, and so no SQL function is needed: SQLite's soundex() is an optional build
 * feature that the Flatpak's SQLCipher does not promise. */

/* Shorter values than these match far too many unrelated tips (an extension, "911",
 * the last digits of a card) to be worth showing. */
#define MIN_PHONE_DIGITS   7
#define MIN_ACCOUNT_DIGITS 6
#define MIN_PLATE_CHARS    3
#define MIN_HANDLE_CHARS   3
#define MIN_NAME_CHARS     3

const TlEnumValue tl_link_kind_values[] = {
  { TL_LINK_PHONE, "phone", N_("Phone") },
  { TL_LINK_PLATE, "plate", N_("Plate") },
  { TL_LINK_EMAIL, "email", N_("E-mail") },
  { TL_LINK_HANDLE, "online", N_("Online account") },
  { TL_LINK_ACCOUNT, "account", N_("Card or account") },
  { TL_LINK_NAME, "name", N_("Offender name") },
  { TL_LINK_NAME_SOUND, "name-sound", N_("Offender name, sounds alike") },
  { TL_LINK_ATTACHMENT, "attachment", N_("Same attachment") },
  { 0, NULL, NULL }
};

/* helpers */

/* ASCII letters and digits without accents: "José Núñez" -> "Jose Nunez". Other
 * scripts pass through unchanged. */
static char *
fold_accents (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *folded = g_string_new (NULL);

  if (nfd == NULL)
    return g_string_free (folded, FALSE);

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (folded, c);
    }

  return g_string_free (folded, FALSE);
}

static char *
digits_only (const char *typed)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = typed; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

static void
add (GPtrArray  *identifiers,
     TlLinkKind  kind,
     char       *value,
     const char *typed,
     char       *field)
{
  TlIdentifier *identifier;
  gsize min = 1;

  switch (kind)
    {
    case TL_LINK_PHONE:
      min = MIN_PHONE_DIGITS;
      break;
    case TL_LINK_ACCOUNT:
      min = MIN_ACCOUNT_DIGITS;
      break;
    case TL_LINK_PLATE:
      min = MIN_PLATE_CHARS;
      break;
    case TL_LINK_HANDLE:
      min = MIN_HANDLE_CHARS;
      break;
    case TL_LINK_NAME:
      min = MIN_NAME_CHARS;
      break;
    case TL_LINK_EMAIL:
    case TL_LINK_NAME_SOUND:
    default:
      break;
    }

  if (value == NULL || strlen (value) < min)
    {
      g_free (value);
      g_free (field);
      return;
    }

  /* The same value twice in one tip (a reporter phone that is also listed under
   * phones) is one identifier: the first place it appears. */
  for (guint i = 0; i < identifiers->len; i++)
    {
      TlIdentifier *other = g_ptr_array_index (identifiers, i);

      if (other->kind == kind && g_str_equal (other->value, value))
        {
          g_free (value);
          g_free (field);
          return;
        }
    }

  identifier = g_new0 (TlIdentifier, 1);
  identifier->kind = kind;
  identifier->value = value;
  identifier->typed = g_strdup (typed);
  identifier->field = field;
  g_ptr_array_add (identifiers, identifier);
}

static void
add_phone (GPtrArray  *identifiers,
           const char *typed,
           char       *field)
{
  if (typed == NULL)
    {
      g_free (field);
      return;
    }
  add (identifiers, TL_LINK_PHONE, tl_phone_digits (typed), typed, field);
}

static void
add_email (GPtrArray  *identifiers,
           const char *typed,
           char       *field)
{
  if (typed == NULL)
    {
      g_free (field);
      return;
    }
  add (identifiers, TL_LINK_EMAIL, tl_email_normalize (typed), typed, field);
}

static void
add_name (GPtrArray  *identifiers,
          const char *typed,
          char       *field)
{
  if (typed == NULL)
    {
      g_free (field);
      return;
    }
  add (identifiers, TL_LINK_NAME, tl_name_normalize (typed), typed, g_strdup (field));
  add (identifiers, TL_LINK_NAME_SOUND, tl_name_sound_key (typed), typed, field);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* public API */

/**
 * tl_soundex:
 * @word: one word
 *
 * American Soundex of the word's letters with accents removed, so "Núñez" and "Nunez"
 * agree ("N520"). Letters outside A–Z are skipped.
 *
 * Returns: a four-character code, or %NULL when the word has no letter A–Z
 */
char *
tl_soundex (const char *word)
{
  /*                        ABCDEFGHIJKLMNOPQRSTUVWXYZ */
  static const char codes[] = "01230120022455012623010202";
  g_autofree char *folded = NULL;
  char key[5] = "0000";
  char last = 0;
  guint n = 0;

  g_return_val_if_fail (word != NULL, NULL);

  folded = fold_accents (word);
  for (const char *p = folded; *p && n < 4; p++)
    {
      char c = g_ascii_toupper (*p);
      char code;

      if (c < 'A' || c > 'Z')
        continue;
      code = codes[c - 'A'];

      if (n == 0)
        {
          key[n++] = c;
          last = code;
          continue;
        }

      /* H and W do not separate two letters with the same code; vowels do. */
      if (c == 'H' || c == 'W')
        continue;
      if (code == '0')
        last = 0;
      else if (code != last)
        {
          key[n++] = code;
          last = code;
        }
    }

  if (n == 0)
    return NULL;
  return g_strdup (key);
}

/**
 * tl_name_normalize:
 *
 * A name as compared letter for letter: lower case, no accents, apostrophes dropped,
 * any other punctuation and spacing as one space. "  José O'Neil-Ruiz " is
 * "jose oneil ruiz".
 */
char *
tl_name_normalize (const char *name)
{
  g_autofree char *folded = NULL;
  GString *normal = g_string_new (NULL);
  gboolean space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_string_free (normal, FALSE);

  folded = fold_accents (name);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019)
        continue;
      if (!g_unichar_isalnum (c))
        {
          space = normal->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (normal, ' ');
      space = FALSE;
      g_string_append_unichar (normal, g_unichar_tolower (c));
    }

  return g_string_free (normal, FALSE);
}

/**
 * tl_name_sound_key:
 *
 * The Soundex codes of a name's words, sorted, so "Jon Smyth", "John Smith" and
 * "Smith, John" share "J500 S530". Only names of two words or more get a key: one
 * word sounds like far too many others to link tips by.
 *
 * Returns: the key, or %NULL
 */
char *
tl_name_sound_key (const char *name)
{
  g_autofree char *normal = tl_name_normalize (name);
  g_auto(GStrv) words = g_strsplit (normal, " ", -1);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *code;

      if (strlen (words[i]) < 2 || (code = tl_soundex (words[i])) == NULL)
        continue;
      g_ptr_array_add (codes, code);
    }

  if (codes->len < 2)
    return NULL;

  g_ptr_array_sort (codes, compare_strings);
  g_ptr_array_add (codes, NULL);
  return g_strjoinv (" ", (char **) codes->pdata);
}

/**
 * tl_tip_collect_identifiers:
 *
 * Every value of the tip that can link it to others, each once, in form order.
 *
 * Returns: (transfer full) (element-type TlIdentifier): the identifiers
 */
GPtrArray *
tl_tip_collect_identifiers (const TlTip *tip)
{
  GPtrArray *ids;

  g_return_val_if_fail (tip != NULL, NULL);

  ids = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_identifier_free);

  add_phone (ids, tip->reporter_phone, g_strdup ("reporter/phone"));
  add_email (ids, tip->reporter_email, g_strdup ("reporter/email"));

  for (guint i = 0; tip->victims != NULL && i < tip->victims->len; i++)
    {
      const TlVictim *v = g_ptr_array_index (tip->victims, i);

      add_phone (ids, v->phone, g_strdup_printf ("victims/%u/phone", i));
      add_email (ids, v->email, g_strdup_printf ("victims/%u/email", i));
    }

  for (guint i = 0; tip->offenders != NULL && i < tip->offenders->len; i++)
    {
      const TlOffender *o = g_ptr_array_index (tip->offenders, i);

      add_name (ids, o->name, g_strdup_printf ("offenders/%u/name", i));
      add_name (ids, o->alias, g_strdup_printf ("offenders/%u/alias", i));
    }

  for (guint i = 0; tip->vehicles != NULL && i < tip->vehicles->len; i++)
    {
      const TlVehicle *v = g_ptr_array_index (tip->vehicles, i);

      if (v->plate != NULL)
        add (ids, TL_LINK_PLATE, tl_plate_normalize (v->plate), v->plate,
             g_strdup_printf ("vehicles/%u/plate", i));
    }

  for (guint i = 0; tip->phones != NULL && i < tip->phones->len; i++)
    {
      const TlPhone *p = g_ptr_array_index (tip->phones, i);

      add_phone (ids, p->number, g_strdup_printf ("phones/%u/number", i));
    }

  for (guint i = 0; tip->online != NULL && i < tip->online->len; i++)
    {
      const TlOnline *o = g_ptr_array_index (tip->online, i);

      if (o->value == NULL)
        continue;
      if (o->kind == TL_ONLINE_EMAIL)
        add_email (ids, o->value, g_strdup_printf ("online/%u/value", i));
      else if (g_utf8_validate (o->value, -1, NULL))
        add (ids, TL_LINK_HANDLE, g_utf8_strdown (o->value, -1), o->value,
             g_strdup_printf ("online/%u/value", i));
    }

  for (guint i = 0; tip->financial != NULL && i < tip->financial->len; i++)
    {
      const TlFinancial *f = g_ptr_array_index (tip->financial, i);

      if (f->value != NULL)
        add (ids, TL_LINK_ACCOUNT, digits_only (f->value), f->value,
             g_strdup_printf ("financial/%u/value", i));
    }

  return ids;
}

void
tl_identifier_free (TlIdentifier *identifier)
{
  if (identifier == NULL)
    return;
  g_free (identifier->value);
  g_free (identifier->typed);
  g_free (identifier->field);
  g_free (identifier);
}

gboolean
tl_link_is_too_common (const TlLink *link)
{
  g_return_val_if_fail (link != NULL, FALSE);

  return link->n_tips > TL_LINKS_MAX_TIPS;
}

void
tl_link_free (TlLink *link)
{
  if (link == NULL)
    return;
  g_free (link->value);
  g_free (link->typed);
  g_free (link->field);
  g_clear_pointer (&link->tips, g_ptr_array_unref);
  g_free (link);
}
