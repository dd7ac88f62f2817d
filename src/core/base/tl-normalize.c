/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-normalize"

#include <string.h>

#include "tl-normalize.h"

/* The letters on a telephone keypad, so vanity numbers such as 505-GET-FREE match
 * the same number typed as digits. */
static char
keypad_digit (gunichar c)
{
  static const char digits[] = "22233344455566677778889999";

  c = g_unichar_toupper (c);
  if (c >= 'A' && c <= 'Z')
    return digits[c - 'A'];
  return 0;
}

/* An extension ("ext. 12", "x12") is not part of the number people dial first. */
static const char *
find_extension (const char *typed)
{
  for (const char *p = typed; *p; p++)
    {
      if (g_ascii_strncasecmp (p, "ext", 3) == 0)
        return p;
      if ((*p == 'x' || *p == 'X') && g_ascii_isdigit (p[1]) && p > typed
          && (g_ascii_isdigit (p[-1]) || p[-1] == ' '))
        return p;
    }
  return NULL;
}

char *
tl_phone_digits (const char *typed)
{
  GString *digits;
  const char *end;

  if (typed == NULL)
    return g_strdup ("");

  digits = g_string_new (NULL);
  end = find_extension (typed);
  for (const char *p = typed; *p && (end == NULL || p < end); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      char letter_digit;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c < 128 && g_ascii_isdigit ((char) c))
        g_string_append_c (digits, (char) c);
      else if ((letter_digit = keypad_digit (c)) != 0)
        g_string_append_c (digits, letter_digit);
    }

  /* North American numbers: "+1 505 555 0100" and "505-555-0100" are one number. */
  if (digits->len == 11 && digits->str[0] == '1')
    g_string_erase (digits, 0, 1);

  return g_string_free (digits, FALSE);
}

char *
tl_plate_normalize (const char *typed)
{
  GString *plate = g_string_new (NULL);

  if (typed != NULL && g_utf8_validate (typed, -1, NULL))
    for (const char *p = typed; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (g_unichar_isalnum (c))
          g_string_append_unichar (plate, g_unichar_toupper (c));
      }

  return g_string_free (plate, FALSE);
}

char *
tl_email_normalize (const char *typed)
{
  g_autofree char *trimmed = NULL;

  if (typed == NULL || !g_utf8_validate (typed, -1, NULL))
    return g_strdup ("");
  trimmed = g_strstrip (g_strdup (typed));
  return g_utf8_strdown (trimmed, -1);
}

static gboolean
domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = NULL;

  if (strchr (domain, '.') == NULL)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
      for (const char *p = labels[i]; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && !((guchar) *p & 0x80))
          return FALSE;
    }
  return TRUE;
}

gboolean
tl_email_is_valid (const char *text)
{
  const char *at;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > 254)
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; p < at; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == ',' || *p == ';')
      return FALSE;
  if (text[0] == '.' || at[-1] == '.' || strstr (text, "..") != NULL)
    return FALSE;

  return domain_is_valid (at + 1);
}

gboolean
tl_parse_age (const char *text,
              int        *years)
{
  guint64 value;
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  if (!g_ascii_string_to_unsigned (trimmed, 10, 0, 130, &value, NULL))
    return FALSE;

  if (years != NULL)
    *years = (int) value;
  return TRUE;
}

GDate *
tl_parse_date (const char *text)
{
  guint64 year, month, day;
  g_auto(GStrv) parts = NULL;
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (strlen (trimmed) != 10 || trimmed[4] != '-' || trimmed[7] != '-')
    return NULL;

  parts = g_strsplit (trimmed, "-", 3);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL)
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;

  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* U.S. states, the District of Columbia and the territories, by postal code, English name
 * and Spanish name. */
static const struct
{
  const char *code;
  const char *name;
  const char *name_es;
} us_states[] = {
  { "AL", "Alabama", "Alabama" },
  { "AK", "Alaska", "Alaska" },
  { "AZ", "Arizona", "Arizona" },
  { "AR", "Arkansas", "Arkansas" },
  { "CA", "California", "California" },
  { "CO", "Colorado", "Colorado" },
  { "CT", "Connecticut", "Connecticut" },
  { "DE", "Delaware", "Delaware" },
  { "DC", "District of Columbia", "Distrito de Columbia" },
  { "FL", "Florida", "Florida" },
  { "GA", "Georgia", "Georgia" },
  { "HI", "Hawaii", "Hawái" },
  { "ID", "Idaho", "Idaho" },
  { "IL", "Illinois", "Illinois" },
  { "IN", "Indiana", "Indiana" },
  { "IA", "Iowa", "Iowa" },
  { "KS", "Kansas", "Kansas" },
  { "KY", "Kentucky", "Kentucky" },
  { "LA", "Louisiana", "Luisiana" },
  { "ME", "Maine", "Maine" },
  { "MD", "Maryland", "Maryland" },
  { "MA", "Massachusetts", "Massachusetts" },
  { "MI", "Michigan", "Míchigan" },
  { "MN", "Minnesota", "Minnesota" },
  { "MS", "Mississippi", "Misisipi" },
  { "MO", "Missouri", "Misuri" },
  { "MT", "Montana", "Montana" },
  { "NE", "Nebraska", "Nebraska" },
  { "NV", "Nevada", "Nevada" },
  { "NH", "New Hampshire", "Nuevo Hampshire" },
  { "NJ", "New Jersey", "Nueva Jersey" },
  { "NM", "New Mexico", "Nuevo México" },
  { "NY", "New York", "Nueva York" },
  { "NC", "North Carolina", "Carolina del Norte" },
  { "ND", "North Dakota", "Dakota del Norte" },
  { "OH", "Ohio", "Ohio" },
  { "OK", "Oklahoma", "Oklahoma" },
  { "OR", "Oregon", "Oregón" },
  { "PA", "Pennsylvania", "Pensilvania" },
  { "RI", "Rhode Island", "Rhode Island" },
  { "SC", "South Carolina", "Carolina del Sur" },
  { "SD", "South Dakota", "Dakota del Sur" },
  { "TN", "Tennessee", "Tennessee" },
  { "TX", "Texas", "Texas" },
  { "UT", "Utah", "Utah" },
  { "VT", "Vermont", "Vermont" },
  { "VA", "Virginia", "Virginia" },
  { "WA", "Washington", "Washington" },
  { "WV", "West Virginia", "Virginia Occidental" },
  { "WI", "Wisconsin", "Wisconsin" },
  { "WY", "Wyoming", "Wyoming" },
  { "PR", "Puerto Rico", "Puerto Rico" },
  { "GU", "Guam", "Guam" },
  { "VI", "U.S. Virgin Islands", "Islas Vírgenes de los Estados Unidos" },
  { "AS", "American Samoa", "Samoa Americana" },
  { "MP", "Northern Mariana Islands", "Islas Marianas del Norte" },
};

/* Lower case, no accents, no periods, single spaces: "N.M." -> "nm", "Nuevo  México" ->
 * "nuevo mexico". */
static char *
state_key (const char *typed)
{
  g_autofree char *decomposed = g_utf8_normalize (typed, -1, G_NORMALIZE_NFD);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || c == '.')
        continue;
      if (g_unichar_isspace (c) || c == '-' || c == ',')
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, g_unichar_tolower (c));
    }
  return g_string_free (key, FALSE);
}

/* The table's keys, made once: every export checks every tip's state, and making the
 * 112 keys on each call was a third of an export's time (issue 16). */
static char **
state_table_keys (void)
{
  static char **keys;

  if (g_once_init_enter (&keys))
    {
      char **made = g_new0 (char *, 2 * G_N_ELEMENTS (us_states) + 1);

      for (guint i = 0; i < G_N_ELEMENTS (us_states); i++)
        {
          made[2 * i] = state_key (us_states[i].name);
          made[2 * i + 1] = state_key (us_states[i].name_es);
        }
      g_once_init_leave (&keys, made);
    }
  return keys;
}

const char *
tl_state_code (const char *typed)
{
  g_autofree char *key = NULL;
  g_autofree char *compact = NULL;
  char **names;

  if (typed == NULL || !g_utf8_validate (typed, -1, NULL))
    return NULL;
  key = state_key (typed);
  if (key[0] == '\0')
    return NULL;
  /* "n m" (from "N. M.") is a code too. */
  compact = g_strdup (key);
  if (strlen (key) == 3 && key[1] == ' ')
    {
      compact[1] = key[2];
      compact[2] = '\0';
    }

  names = state_table_keys ();
  for (guint i = 0; i < G_N_ELEMENTS (us_states); i++)
    if (g_ascii_strcasecmp (compact, us_states[i].code) == 0 ||
        g_str_equal (key, names[2 * i]) || g_str_equal (key, names[2 * i + 1]))
      return us_states[i].code;
  return NULL;
}
