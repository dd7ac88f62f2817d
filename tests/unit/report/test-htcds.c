/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-htcds"

#include "config.h"

#include <string.h>

#include "tl-htcds.h"
#include "tl-tip-xml.h"
#include "tl-test-util.h"

/* The fixture's three victims, as docs/htcds-mapping.md says they map. */
static const char expected_csv[] =
  "CaseId,VictimNumber,ReportMonth,TraffickingStatus,ExploitationType,Gender,AgeGroup,IsMinor,"
  "Nationality,CountryOfExploitation,StateOfExploitation,LabourSector,PerpetratorRoles,PerpetratorCount\r\n"
  "%s,1,2026-10,Possible,SexualExploitation;ForcedLabour,Masculine,30-38,false,MX,US,NM,Agriculture,Exploiter;Recruiter;Transporter,3\r\n"
  "%s,2,2026-10,Possible,SexualExploitation;ForcedLabour;ChildLabour,Feminine,9-17,true,GT,US,NM,Agriculture,Exploiter;Recruiter;Transporter,3\r\n"
  "%s,3,2026-10,Possible,SexualExploitation;ForcedLabour,NonConforming,,false,US,US,NM,Agriculture,Exploiter;Recruiter;Transporter,3\r\n";

static GPtrArray *
load_fixture (void)
{
  g_autofree char *path = tl_test_fixture_path ("tip-full.xml", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *tips = tl_tip_xml_read_file (path, &error);

  g_assert_no_error (error);
  return tips;
}

static void
assert_deidentified (const char *out)
{
  const char *never[] = {
    "Luis", "Rosa", "Muestra", "Ejemplo", "Fakename", "Placeholder", "1992-04-17", "575-555",
    "505-555", "example.com", "Trailer", "Rural Route", "ABC1234", "5500", "9b2e4d10", "kjb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    if (strstr (out, never[i]) != NULL)
      g_error ("HTCDS output contains “%s”", never[i]);
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) tips = load_fixture ();
  g_autofree char *csv = tl_htcds_to_csv (tips);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         ((TlTip *) g_ptr_array_index (tips, 0))->id, -1);
  g_autofree char *case_id = g_strdup_printf ("TL-%.16s", hash);
  g_autofree char *expected = g_strdup_printf (expected_csv, case_id, case_id, case_id);

  g_assert_cmpstr (csv, ==, expected);
  assert_deidentified (csv);
}

static void
test_json (void)
{
  g_autoptr(GPtrArray) tips = load_fixture ();
  g_autofree char *json = tl_htcds_to_json (tips);

  assert_deidentified (json);
  g_assert_null (strstr (json, "TransgenderFeminine"));   /* an offender's gender, not a victim's */
  g_assert_nonnull (strstr (json, "\"ExploitationType\":[\"SexualExploitation\",\"ForcedLabour\",\"ChildLabour\"]"));
  g_assert_nonnull (strstr (json, "\"IsMinor\":true"));
  g_assert_nonnull (strstr (json, "\"VictimNumber\":3"));
  g_assert_nonnull (strstr (json, "\"TraffickingStatus\":\"Possible\""));
}

static void
test_no_victim (void)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  TlTip *tip = tl_tip_new ();

  tip->type = TL_TRAFFICKING_SEX;
  g_ptr_array_add (tips, tip);
  csv = tl_htcds_to_csv (tips);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* header, one row, "" */
  g_assert_true (g_str_has_prefix (lines[1], "TL-"));
  g_assert_true (g_str_has_suffix (lines[1], ",Possible,SexualExploitation,,,,,US,,,,0"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/htcds/csv", test_csv);
  g_test_add_func ("/htcds/json", test_json);
  g_test_add_func ("/htcds/no-victim", test_no_victim);

  return g_test_run ();
}
