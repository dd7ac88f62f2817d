/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-htcds"

#include "config.h"

#include <string.h>

#include "tl-htcds.h"
#include "tl-json.h"

/* Each victim becomes one record of string values; a column with several values
 * (ExploitationType, PerpetratorRoles) is a list. CSV joins lists with ";", JSON
 * writes arrays. */

static const char * const columns[] = {
  "CaseId",
  "VictimNumber",
  "ReportMonth",
  "TraffickingStatus",
  "ExploitationType",
  "Gender",
  "AgeGroup",
  "IsMinor",
  "Nationality",
  "CountryOfExploitation",
  "StateOfExploitation",
  "LabourSector",
  "PerpetratorRoles",
  "PerpetratorCount",
  NULL
};

enum { COL_EXPLOITATION = 4, COL_ROLES = 12, N_COLUMNS = 14 };

static const char * const gender_values[] = {
  [TL_GENDER_UNKNOWN] = "NonSpecifiedUnknown",
  [TL_GENDER_FEMALE] = "Feminine",
  [TL_GENDER_MALE] = "Masculine",
  [TL_GENDER_TRANSGENDER_FEMALE] = "TransgenderFeminine",
  [TL_GENDER_TRANSGENDER_MALE] = "TransgenderMasculine",
  [TL_GENDER_NON_BINARY] = "NonConforming",
};

static const char * const role_values[] = {
  [TL_OFFENDER_ROLE_UNKNOWN] = NULL,
  [TL_OFFENDER_ROLE_RECRUITER] = "Recruiter",
  [TL_OFFENDER_ROLE_TRANSPORTER] = "Transporter",
  [TL_OFFENDER_ROLE_EXPLOITER] = "Exploiter",
  [TL_OFFENDER_ROLE_SMUGGLER] = "Smuggler",
  [TL_OFFENDER_ROLE_KIDNAPPER] = "Kidnapper",
  [TL_OFFENDER_ROLE_ABUSER] = "Abuser",
  [TL_OFFENDER_ROLE_BROKER] = "BrokerTravelAgent",
  [TL_OFFENDER_ROLE_OTHER] = "Other",
};

/* Labour venues only: the hotline's sex-trafficking venues have no HTCDS field. */
static const char * const sector_values[] = {
  [TL_VENUE_TRAVELING_SALES] = "Peddling",
  [TL_VENUE_HOSPITALITY] = "Hospitality",
  [TL_VENUE_DOMESTIC_WORK] = "DomesticWork",
  [TL_VENUE_CONSTRUCTION] = "Construction",
  [TL_VENUE_ILLICIT_ACTIVITIES] = "IllicitActivities",
  [TL_VENUE_AGRICULTURE] = "Agriculture",
  [TL_VENUE_OTHER] = NULL,
};

typedef struct
{
  char *values[N_COLUMNS];   /* list columns hold ";"-joined values */
} Record;

/* helpers */

static void
record_clear (Record *record)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&record->values[i], g_free);
}

static const char *
age_group (int age)
{
  /* the age bands of the Counter-Trafficking Data Collaborative, built on HTCDS */
  if (age < 0)
    return NULL;
  if (age <= 8)
    return "0-8";
  if (age <= 17)
    return "9-17";
  if (age <= 20)
    return "18-20";
  if (age <= 23)
    return "21-23";
  if (age <= 26)
    return "24-26";
  if (age <= 29)
    return "27-29";
  if (age <= 38)
    return "30-38";
  if (age <= 47)
    return "39-47";
  return "48+";
}

static char *
case_id (const TlTip *tip)
{
  /* a one-way pseudonym: the office can find its tip again, nobody else can */
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, tip->id, -1);

  return g_strdup_printf ("TL-%.16s", hash);
}

static char *
exploitation (const TlTip *tip,
              gboolean     minor)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (tip->type == TL_TRAFFICKING_SEX || tip->type == TL_TRAFFICKING_BOTH)
    g_strv_builder_add (b, "SexualExploitation");
  if (tip->type == TL_TRAFFICKING_LABOR || tip->type == TL_TRAFFICKING_BOTH)
    {
      g_strv_builder_add (b, "ForcedLabour");
      if (minor)
        g_strv_builder_add (b, "ChildLabour");
    }
  list = g_strv_builder_end (b);
  return list[0] != NULL ? g_strjoinv (";", list) : NULL;
}

static char *
roles (const TlTip *tip)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  gboolean seen[G_N_ELEMENTS (role_values)] = { FALSE };

  for (guint i = 0; i < tip->offenders->len; i++)
    {
      const TlOffender *o = g_ptr_array_index (tip->offenders, i);

      if ((guint) o->role < G_N_ELEMENTS (role_values) && role_values[o->role] != NULL
          && !seen[o->role])
        {
          seen[o->role] = TRUE;
          g_strv_builder_add (b, role_values[o->role]);
        }
    }
  list = g_strv_builder_end (b);
  return list[0] != NULL ? g_strjoinv (";", list) : NULL;
}

static char *
nationality (const TlVictim *v)
{
  if (v->country != NULL && strlen (v->country) == 2)
    return g_ascii_strup (v->country, -1);
  if (v->citizenship == TL_CITIZENSHIP_US_CITIZEN)
    return g_strdup ("US");
  return NULL;
}

static void
fill_record (Record         *r,
             const TlTip    *tip,
             const TlVictim *victim,
             guint           number)
{
  gboolean minor = victim != NULL ? tl_victim_is_minor (victim, tip->received) : FALSE;

  r->values[0] = case_id (tip);
  r->values[1] = victim != NULL ? g_strdup_printf ("%u", number) : NULL;
  r->values[2] = tip->received != NULL ? g_date_time_format (tip->received, "%Y-%m") : NULL;
  r->values[3] = g_strdup ("Possible");
  r->values[COL_EXPLOITATION] = exploitation (tip, minor);
  if (victim != NULL)
    {
      r->values[5] = g_strdup ((guint) victim->gender < G_N_ELEMENTS (gender_values)
                               ? gender_values[victim->gender] : gender_values[0]);
      r->values[6] = g_strdup (age_group (tl_victim_get_age (victim, tip->received)));
      r->values[7] = g_strdup (minor ? "true" : "false");
      r->values[8] = nationality (victim);
    }
  r->values[9] = g_strdup ("US");
  r->values[10] = g_strdup (tip->location.state);
  r->values[11] = (guint) tip->venue < G_N_ELEMENTS (sector_values)
                  ? g_strdup (sector_values[tip->venue]) : NULL;
  r->values[COL_ROLES] = roles (tip);
  r->values[13] = g_strdup_printf ("%u", tip->offenders->len);
}

static GArray *
collect (GPtrArray *tips)
{
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Record));

  g_array_set_clear_func (records, (GDestroyNotify) record_clear);
  for (guint i = 0; i < tips->len; i++)
    {
      const TlTip *tip = g_ptr_array_index (tips, i);
      Record r = { { NULL } };

      if (tip->victims->len == 0)
        {
          fill_record (&r, tip, NULL, 0);
          g_array_append_val (records, r);
        }
      for (guint v = 0; v < tip->victims->len; v++)
        {
          Record vr = { { NULL } };

          fill_record (&vr, tip, g_ptr_array_index (tip->victims, v), v + 1);
          g_array_append_val (records, vr);
        }
    }
  return records;
}

static void
csv_field (GString    *out,
           const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* public API */

const char * const *
tl_htcds_get_columns (void)
{
  return columns;
}

char *
tl_htcds_to_csv (GPtrArray *tips)
{
  g_autoptr(GArray) records = NULL;
  GString *out;

  g_return_val_if_fail (tips != NULL, NULL);

  records = collect (tips);
  out = g_string_new (NULL);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", columns[c]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < records->len; i++)
    {
      Record *r = &g_array_index (records, Record, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          csv_field (out, r->values[c]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
tl_htcds_to_json (GPtrArray *tips)
{
  g_autoptr(GArray) records = NULL;
  TlJson *json = tl_json_new ();   /* tl_json_steal() frees it */

  g_return_val_if_fail (tips != NULL, NULL);

  records = collect (tips);
  tl_json_begin_array (json);
  for (guint i = 0; i < records->len; i++)
    {
      Record *r = &g_array_index (records, Record, i);

      tl_json_begin_object (json);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c == COL_EXPLOITATION || c == COL_ROLES)
            {
              g_auto(GStrv) list = r->values[c] != NULL ? g_strsplit (r->values[c], ";", -1)
                                                        : g_new0 (char *, 1);
              tl_json_key (json, columns[c]);
              tl_json_begin_array (json);
              for (guint k = 0; list[k] != NULL; k++)
                tl_json_string (json, list[k]);
              tl_json_end_array (json);
            }
          else if (c == 1 || c == 13)
            {
              if (r->values[c] == NULL)
                tl_json_member_string (json, columns[c], NULL);
              else
                tl_json_member_int (json, columns[c], g_ascii_strtoll (r->values[c], NULL, 10));
            }
          else if (c == 7 && r->values[c] != NULL)
            tl_json_member_bool (json, columns[c], g_str_equal (r->values[c], "true"));
          else
            tl_json_member_string (json, columns[c], r->values[c]);
        }
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  return tl_json_steal (json);
}
