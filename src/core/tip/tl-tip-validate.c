/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-normalize.h"
#include "tl-tip.h"

/* Validation only reports: it never changes or clears a field, so whatever the
 * advocate typed stays in the form until they fix it. */

static void
add_problem (GPtrArray  *problems,
             char       *field,
             const char *message)
{
  TlProblem *problem = g_new0 (TlProblem, 1);

  problem->field = field;
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static gboolean
is_letters (const char *text,
            gsize       min_len,
            gsize       max_len)
{
  gsize len = strlen (text);

  if (len < min_len || len > max_len)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return TRUE;
}

static void
check_age (GPtrArray  *problems,
           const char *prefix,
           guint       index,
           const char *age)
{
  if (age != NULL && !tl_parse_age (age, NULL))
    add_problem (problems, g_strdup_printf ("%s/%u/age", prefix, index),
                 _("Enter the age as a whole number of years, for example 15."));
}

static void
check_date (GPtrArray  *problems,
            char       *field,
            const char *text,
            GDateTime  *latest)
{
  g_autoptr(GDate) date = NULL;

  if (text == NULL)
    {
      g_free (field);
      return;
    }

  date = tl_parse_date (text);
  if (date == NULL)
    {
      add_problem (problems, field,
                   _("Enter the date as year-month-day, for example 2010-04-30."));
      return;
    }

  if (latest != NULL)
    {
      g_autoptr(GDate) limit = g_date_new_dmy (g_date_time_get_day_of_month (latest),
                                               g_date_time_get_month (latest),
                                               g_date_time_get_year (latest));
      if (g_date_compare (date, limit) > 0)
        {
          add_problem (problems, field,
                       _("This date is after the tip was received. Check the year."));
          return;
        }
    }
  g_free (field);
}

static void
check_email (GPtrArray  *problems,
             char       *field,
             const char *text)
{
  g_autofree char *trimmed = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  if (trimmed != NULL && !tl_email_is_valid (trimmed))
    add_problem (problems, field,
                 _("This e-mail address is not complete. It should look like name@example.org."));
  else
    g_free (field);
}

static void
check_phone (GPtrArray  *problems,
             char       *field,
             const char *text)
{
  g_autofree char *digits = tl_phone_digits (text);

  if (text != NULL && digits[0] == '\0')
    add_problem (problems, field,
                 _("This phone number has no digits. Enter it as it was given, for example 505-555-0100."));
  else
    g_free (field);
}

static void
check_language (GPtrArray  *problems,
                char       *field,
                const char *text)
{
  if (text != NULL && !is_letters (text, 2, 3))
    add_problem (problems, field,
                 _("Enter the language as a two-letter code, for example es for Spanish."));
  else
    g_free (field);
}

static void
check_victims (const TlTip *tip,
               GPtrArray   *problems)
{
  for (guint i = 0; i < tip->victims->len; i++)
    {
      const TlVictim *v = g_ptr_array_index (tip->victims, i);

      check_age (problems, "victims", i, v->age);
      check_date (problems, g_strdup_printf ("victims/%u/birth-date", i), v->birth_date,
                  tip->received);
      if (v->country != NULL && !is_letters (v->country, 2, 2))
        add_problem (problems, g_strdup_printf ("victims/%u/country", i),
                     _("Enter the country as a two-letter code, for example MX for Mexico."));
      check_language (problems, g_strdup_printf ("victims/%u/language", i), v->language);
      check_phone (problems, g_strdup_printf ("victims/%u/phone", i), v->phone);
      check_email (problems, g_strdup_printf ("victims/%u/email", i), v->email);
      check_date (problems, g_strdup_printf ("victims/%u/release-date", i), v->release_date,
                  NULL);
      check_language (problems, g_strdup_printf ("victims/%u/release-language", i),
                      v->release_language);
    }
}

static void
check_offenders (const TlTip *tip,
                 GPtrArray   *problems)
{
  for (guint i = 0; i < tip->offenders->len; i++)
    {
      const TlOffender *o = g_ptr_array_index (tip->offenders, i);

      check_age (problems, "offenders", i, o->age);
      check_date (problems, g_strdup_printf ("offenders/%u/birth-date", i), o->birth_date,
                  tip->received);
    }
}

static void
check_identifiers (const TlTip *tip,
                   GPtrArray   *problems)
{
  for (guint i = 0; i < tip->vehicles->len; i++)
    {
      const TlVehicle *v = g_ptr_array_index (tip->vehicles, i);
      guint64 year;

      if (v->year != NULL && !g_ascii_string_to_unsigned (v->year, 10, 1900, 2100, &year, NULL))
        add_problem (problems, g_strdup_printf ("vehicles/%u/year", i),
                     _("Enter the vehicle’s year with four digits, for example 2019."));
      if (v->plate_state != NULL && !is_letters (v->plate_state, 2, 2))
        add_problem (problems, g_strdup_printf ("vehicles/%u/plate-state", i),
                     _("Enter the state as its two-letter postal code, for example NM."));
    }

  for (guint i = 0; i < tip->phones->len; i++)
    {
      const TlPhone *p = g_ptr_array_index (tip->phones, i);

      if (p->number == NULL)
        add_problem (problems, g_strdup_printf ("phones/%u/number", i),
                     _("Enter the phone number, or remove this phone."));
      else
        check_phone (problems, g_strdup_printf ("phones/%u/number", i), p->number);
    }

  for (guint i = 0; i < tip->online->len; i++)
    {
      const TlOnline *o = g_ptr_array_index (tip->online, i);

      if (o->kind == TL_ONLINE_EMAIL)
        check_email (problems, g_strdup_printf ("online/%u/value", i), o->value);
    }
}

/* Every problem in the tip, in form order, as TlProblem; an empty array when the tip
 * can be saved as final and exported. */
GPtrArray *
tl_tip_validate (const TlTip *tip)
{
  GPtrArray *problems;

  g_return_val_if_fail (tip != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_problem_free);

  if (tip->received == NULL)
    add_problem (problems, g_strdup ("received"),
                 _("Enter when the tip was received."));
  check_phone (problems, g_strdup ("reporter/phone"), tip->reporter_phone);
  check_email (problems, g_strdup ("reporter/email"), tip->reporter_email);
  if (tip->location.state != NULL && tl_state_code (tip->location.state) == NULL)
    add_problem (problems, g_strdup ("location/state"),
                 _("This is not a U.S. state: write its postal code (NM), its name (New Mexico) or its Spanish name (Nuevo México)."));

  check_victims (tip, problems);
  check_offenders (tip, problems);
  check_identifiers (tip, problems);

  return problems;
}
