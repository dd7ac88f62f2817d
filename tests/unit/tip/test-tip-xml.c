/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tip-xml"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-tip-limits.h"
#include "tl-tip-xml.h"
#include "tl-safety-plan.h"
#include "tl-test-util.h"

/* Helpers */

static char *
fixture_path (const char *name)
{
  return tl_test_fixture_path (name, NULL);
}

static char *
fixture_contents (const char *name,
                  gsize      *length)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static GPtrArray *
read_fixture (const char     *name,
              TlTipXmlFlags   flags,
              GError        **error)
{
  gsize length;
  g_autofree char *contents = fixture_contents (name, &length);

  return tl_tip_xml_read (contents, length, name, flags, error);
}

static TlTip *
read_single (const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = tl_tip_xml_read (data, strlen (data), "test.xml",
                                               TL_TIP_XML_NONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tips);
  g_assert_cmpuint (tips->len, ==, 1);
  return tl_tip_ref (g_ptr_array_index (tips, 0));
}

/* Writes, checks the output validates, reads back and returns the copy. */
static TlTip *
round_trip (const TlTip *tip)
{
  g_autofree char *xml = NULL;
  gsize length = 0;

  xml = tl_tip_xml_write_one (tip, &length);
  g_assert_nonnull (xml);
  g_assert_cmpuint (length, ==, strlen (xml));
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));

  return read_single (xml);
}

static GDateTime *
date_time (const char *text)
{
  GDateTime *result = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (result);
  return result;
}

/* A tip built in code, with every field set and lists of several items. */
static TlTip *
build_full_tip (void)
{
  TlTip *tip = tl_tip_new_with_id ("6a0d9a4e-1b7c-4f0a-9e3d-2c5b8a7f6e10");
  TlVictim *victim;
  TlOffender *offender;
  TlVehicle *vehicle;
  TlPhone *phone;
  TlOnline *online;
  TlFinancial *financial;
  TlReferral *referral;

  tip->created = 1795000000123456;
  tip->modified = 1795000600000001;
  tip->status = TL_TIP_STATUS_REFERRED;
  tip->received = date_time ("2026-11-22T14:05:00.000250+05:45");
  tip->channel = TL_CHANNEL_CYBER_TIP;
  tip->reporter_role = TL_REPORTER_LAW_ENFORCEMENT;
  tl_set_str (&tip->reporter_name, "Officer Example");
  tl_set_str (&tip->reporter_phone, "601-555-0142");
  tl_set_str (&tip->reporter_email, "officer@example.gov");
  tl_set_str (&tip->advocate, "A. Advocate");
  tip->danger = TL_DANGER_IMMEDIATE;
  tip->type = TL_TRAFFICKING_SEX;
  tip->venue = TL_VENUE_HOTEL_MOTEL;
  tl_set_str (&tip->venue_detail, "Room 12, second floor");
  tl_set_str (&tip->operation, "Ads posted nightly; driver brings buyers");
  tip->release_policy = TL_RELEASE_POLICY_NOT_REQUIRED;
  tl_set_str (&tip->location.address, "100 Example Hwy");
  tl_set_str (&tip->location.city, "Gulfport");
  tl_set_str (&tip->location.county, "Harrison");
  tl_set_str (&tip->location.state, "MS");
  tl_set_str (&tip->location.description, "Motel with a blue sign");

  for (int i = 0; i < 3; i++)
    {
      victim = tl_victim_new ();
      victim->name = g_strdup_printf ("Victim %d", i);
      victim->age = g_strdup_printf ("%d", 14 + i * 10);
      victim->gender = TL_GENDER_FEMALE + i;
      victim->citizenship = TL_CITIZENSHIP_US_CITIZEN + i;
      victim->stance = TL_STANCE_REPORT_NOW + i;
      victim->needs = (TL_NEED_LEGAL | TL_NEED_IMMIGRATION) >> i;
      g_ptr_array_add (tip->victims, victim);
    }
  victim = g_ptr_array_index (tip->victims, 0);
  tl_set_str (&victim->description, "Red hair");
  tl_set_str (&victim->birth_date, "2011-02-03");
  tl_set_str (&victim->country, "US");
  tl_set_str (&victim->language, "en");
  tl_set_str (&victim->phone, "228-555-0101");
  tl_set_str (&victim->email, "v@example.com");
  tl_set_str (&victim->address, "Unknown");
  victim->release_signed = TRUE;
  tl_set_str (&victim->release_date, "2026-11-22");
  tl_set_str (&victim->release_language, "en");

  for (int i = 0; i < 2; i++)
    {
      offender = tl_offender_new ();
      offender->name = g_strdup_printf ("Offender %d", i);
      offender->alias = g_strdup ("Alias");
      offender->age = g_strdup ("30");
      offender->birth_date = g_strdup ("1996-05-06");
      offender->gender = TL_GENDER_MALE;
      offender->description = g_strdup ("Tall");
      offender->address = g_strdup ("Somewhere");
      offender->marks = g_strdup ("Tattoo: a rose");
      offender->role = TL_OFFENDER_ROLE_RECRUITER + i;
      g_ptr_array_add (tip->offenders, offender);
    }

  for (int i = 0; i < 2; i++)
    {
      vehicle = tl_vehicle_new ();
      vehicle->plate = g_strdup_printf ("PLT%d", i);
      vehicle->plate_state = g_strdup ("MS");
      vehicle->make = g_strdup ("Make");
      vehicle->model = g_strdup ("Model");
      vehicle->color = g_strdup ("Black");
      vehicle->year = g_strdup ("2019");
      vehicle->description = g_strdup ("Tinted windows");
      g_ptr_array_add (tip->vehicles, vehicle);
    }
  /* An empty item still counts: the list keeps its length. */
  g_ptr_array_add (tip->vehicles, tl_vehicle_new ());

  for (int i = 0; i < 3; i++)
    {
      phone = tl_phone_new ();
      phone->number = g_strdup_printf ("228-555-01%02d", 10 + i);
      phone->carrier = i == 0 ? g_strdup ("Carrier") : NULL;
      phone->owner = TL_PHONE_OWNER_OFFENDER + i;
      g_ptr_array_add (tip->phones, phone);
    }

  for (int kind = TL_ONLINE_OTHER; kind <= TL_ONLINE_AD; kind++)
    {
      online = tl_online_new ();
      online->kind = kind;
      online->platform = g_strdup ("Platform");
      online->value = g_strdup_printf ("value-%d", kind);
      g_ptr_array_add (tip->online, online);
    }

  for (int kind = TL_FINANCIAL_OTHER; kind <= TL_FINANCIAL_MONEY_TRANSFER; kind++)
    {
      financial = tl_financial_new ();
      financial->kind = kind;
      financial->institution = g_strdup ("Bank");
      financial->holder = g_strdup ("Holder");
      financial->value = g_strdup_printf ("0000-%d", kind);
      g_ptr_array_add (tip->financial, financial);
    }

  for (int outcome = TL_OUTCOME_REACHED; outcome <= TL_OUTCOME_DECLINED; outcome++)
    {
      referral = tl_referral_new ();
      referral->at = outcome == TL_OUTCOME_NO_ANSWER
                     ? NULL : date_time ("2026-11-22T15:00:00.999999-06:00");
      referral->contact_id = g_strdup ("ms-mbi");
      referral->contact_name = g_strdup ("MBI");
      referral->step = g_strdup ("Call MBI");
      referral->outcome = outcome;
      referral->note = g_strdup ("Note");
      referral->advocate = g_strdup ("A. Advocate");
      g_ptr_array_add (tip->referrals, referral);
    }

  tl_set_str (&tip->narrative, "Line one.\nLine two.\n\n  Indented line three.");

  return tip;
}

static void
assert_error_prefix (GError     *error,
                     int         code,
                     const char *prefix)
{
  g_assert_error (error, TL_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("Expected an error starting with “%s”, got “%s”", prefix, error->message);
}

/* Tests */

static void
test_round_trip_code (void)
{
  g_autoptr(TlTip) tip = build_full_tip ();
  g_autoptr(TlTip) copy = round_trip (tip);

  g_assert_true (tl_tip_equal (tip, copy));
  g_assert_cmpint (g_date_time_get_utc_offset (copy->received), ==,
                   (5 * 60 + 45) * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_get_microsecond (copy->received), ==, 250);
  g_assert_cmpuint (copy->vehicles->len, ==, 3);
  g_assert_cmpuint (copy->referrals->len, ==, 5);

  /* The comparison itself must notice a difference, or this test proves nothing. */
  tl_set_str (&((TlVictim *) g_ptr_array_index (copy->victims, 2))->name, "Someone else");
  g_assert_false (tl_tip_equal (tip, copy));
}

static void
test_round_trip_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = read_fixture ("tip-full.xml", TL_TIP_XML_NONE, &error);
  g_autoptr(TlTip) copy = NULL;
  TlTip *tip;
  TlVictim *victim;

  g_assert_no_error (error);
  g_assert_cmpuint (tips->len, ==, 1);
  tip = g_ptr_array_index (tips, 0);

  g_assert_cmpuint (tip->victims->len, ==, 3);
  g_assert_cmpuint (tip->offenders->len, ==, 3);
  g_assert_cmpuint (tip->vehicles->len, ==, 2);
  g_assert_cmpuint (tip->phones->len, ==, 3);
  g_assert_cmpuint (tip->online->len, ==, 5);
  g_assert_cmpuint (tip->financial->len, ==, 6);
  g_assert_cmpuint (tip->referrals->len, ==, 5);
  g_assert_cmpstr (tip->location.county, ==, "Doña Ana");
  g_assert_cmpint (tip->release_policy, ==, TL_RELEASE_POLICY_REQUIRED);
  g_assert_cmpint (tip->created % G_USEC_PER_SEC, ==, 123456);
  g_assert_cmpint (g_date_time_get_microsecond (tip->received), ==, 500000);

  victim = g_ptr_array_index (tip->victims, 0);
  g_assert_cmpint (victim->needs, ==, TL_NEED_EMERGENCY_SHELTER | TL_NEED_LEGAL | TL_NEED_IMMIGRATION);
  g_assert_true (victim->release_signed);
  g_assert_cmpstr (victim->release_date, ==, "2026-10-03");
  g_assert_cmpint (victim->citizenship, ==, TL_CITIZENSHIP_FOREIGN_NATIONAL);
  g_assert_cmpstr (victim->country, ==, "MX");
  g_assert_cmpstr (((TlOnline *) g_ptr_array_index (tip->online, 3))->value, ==,
                   "https://example.com/jobs?id=1&ref=2");
  g_assert_cmpint (((TlReferral *) g_ptr_array_index (tip->referrals, 3))->outcome, ==,
                   TL_OUTCOME_REFERRED);
  g_assert_true (g_str_has_suffix (tip->narrative, "some Spanish."));

  copy = round_trip (tip);
  g_assert_true (tl_tip_equal (tip, copy));
}

static void
test_minimal (void)
{
  g_autoptr(TlTip) tip = tl_tip_new_with_id ("0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b");
  g_autoptr(TlTip) copy = NULL;
  g_autofree char *xml = NULL;

  tip->created = 0;
  tip->modified = 0;
  xml = tl_tip_xml_write_one (tip, NULL);

  /* Nothing but the id and the status: unknown fields are left out. */
  g_assert_nonnull (strstr (xml, "<tip xmlns=\"urn:tipline:tip:1\" "
                                 "id=\"0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b\" status=\"draft\"/>"));
  g_assert_cmpuint (strlen (xml), <, 150);

  copy = round_trip (tip);
  g_assert_true (tl_tip_equal (tip, copy));
  g_assert_null (copy->received);
}

static void
test_nm_minor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("tip-nm-minor.xml");
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (path, &error);
  TlTip *tip;
  TlVictim *victim;

  g_assert_no_error (error);
  g_assert_cmpuint (tips->len, ==, 1);
  tip = g_ptr_array_index (tips, 0);

  g_assert_cmpstr (tip->id, ==, "3f6c2a8e-5b1d-4c7e-9a2f-1d8e7b6c5a40");
  g_assert_cmpint (tip->status, ==, TL_TIP_STATUS_OPEN);
  g_assert_cmpint (tip->channel, ==, TL_CHANNEL_PHONE);
  g_assert_cmpint (tip->reporter_role, ==, TL_REPORTER_THIRD_PARTY);
  g_assert_cmpint (tip->danger, ==, TL_DANGER_IMMEDIATE);
  g_assert_cmpint (tip->type, ==, TL_TRAFFICKING_SEX);
  g_assert_cmpstr (tip->location.city, ==, "Albuquerque");
  g_assert_cmpstr (tip->location.state, ==, "NM");
  g_assert_cmpint (g_date_time_get_utc_offset (tip->received), ==, -7 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_hour (tip->received), ==, 14);
  g_assert_cmpuint (tip->victims->len, ==, 1);
  victim = g_ptr_array_index (tip->victims, 0);
  g_assert_cmpstr (victim->age, ==, "15");
  g_assert_cmpint (victim->gender, ==, TL_GENDER_FEMALE);
  g_assert_cmpint (victim->stance, ==, TL_STANCE_UNDECIDED);
  g_assert_true (tl_tip_has_minor (tip));
}

static void
test_escaping (void)
{
  const char *nasty = "<script>alert(\"x\")</script> & 'quotes' ]]> &amp; &#x41;";
  g_autoptr(TlTip) tip = tl_tip_new_with_id ("0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5c");
  g_autoptr(TlTip) copy = NULL;
  g_autofree char *xml = NULL;
  TlPhone *phone = tl_phone_new ();
  TlOnline *online = tl_online_new ();

  tl_set_str (&tip->narrative, nasty);
  tl_set_str (&tip->advocate, "  spaces kept  \r\n\tand a tab");
  phone->carrier = g_strdup (nasty);                 /* attribute */
  phone->number = g_strdup ("555-0100 \"ext\" <2>");
  g_ptr_array_add (tip->phones, phone);
  online->platform = g_strdup ("line\nbreak\tand\rreturn in an attribute");
  online->value = g_strdup ("bell\a escape\x1b nul-less \x01 control");
  g_ptr_array_add (tip->online, online);

  xml = tl_tip_xml_write_one (tip, NULL);
  g_assert_null (strstr (xml, "<script>"));
  g_assert_null (strstr (xml, "\x1b"));
  g_assert_null (strstr (xml, "\x01"));
  g_assert_nonnull (strstr (xml, "&lt;script&gt;"));
  g_assert_nonnull (strstr (xml, "&amp;amp;"));

  /* Everything printable survives exactly; control characters XML cannot carry
   * come back as U+FFFD. */
  copy = read_single (xml);
  g_assert_cmpstr (copy->narrative, ==, nasty);
  g_assert_cmpstr (copy->advocate, ==, tip->advocate);
  phone = g_ptr_array_index (copy->phones, 0);
  g_assert_cmpstr (phone->carrier, ==, nasty);
  g_assert_cmpstr (phone->number, ==, "555-0100 \"ext\" <2>");
  online = g_ptr_array_index (copy->online, 0);
  g_assert_cmpstr (online->platform, ==, "line\nbreak\tand\rreturn in an attribute");
  g_assert_cmpstr (online->value, ==,
                   "bell\xef\xbf\xbd escape\xef\xbf\xbd nul-less \xef\xbf\xbd control");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(TlTip) tip = tl_tip_new_with_id ("0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5d");
  g_autoptr(TlTip) copy = NULL;

  tl_set_str (&tip->narrative, "caf\xe9 au lait");
  copy = round_trip (tip);
  g_assert_cmpstr (copy->narrative, ==, "caf\xef\xbf\xbd au lait");
}

static void
test_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = read_fixture ("malformed-line-7.xml", TL_TIP_XML_NONE, &error);

  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "malformed-line-7.xml:7: ");
  g_assert_nonnull (strstr (error->message, "well-formed"));

  /* Trusted data gets the same well-formedness rules. */
  g_clear_error (&error);
  tips = read_fixture ("malformed-line-7.xml", TL_TIP_XML_TRUSTED, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "malformed-line-7.xml:7: ");
}

static void
test_schema_violation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = read_fixture ("invalid-schema.xml", TL_TIP_XML_NONE, &error);

  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID,
                       "invalid-schema.xml:10: This tip does not follow the Tipline tip format: ");
  g_assert_nonnull (strstr (error->message, "fifteen"));
}

static void
test_trusted_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = NULL;
  TlVictim *victim;

  tips = read_fixture ("invalid-schema.xml", TL_TIP_XML_TRUSTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tips->len, ==, 1);
  victim = g_ptr_array_index (((TlTip *) g_ptr_array_index (tips, 0))->victims, 0);
  g_assert_cmpstr (victim->age, ==, "fifteen");
  g_assert_cmpint (victim->gender, ==, TL_GENDER_FEMALE);
}

/* What the store does with drafts: write half-typed values, read them back trusted. */
static void
test_trusted_round_trip (void)
{
  g_autoptr(TlTip) tip = tl_tip_new_with_id ("0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5e");
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  TlVictim *victim = tl_victim_new ();
  gsize length;

  victim->age = g_strdup ("fifteen");
  victim->birth_date = g_strdup ("2011-02-3");
  victim->language = g_strdup ("Spanish");
  g_ptr_array_add (tip->victims, victim);
  xml = tl_tip_xml_write_one (tip, &length);

  tips = tl_tip_xml_read (xml, length, "draft", TL_TIP_XML_NONE, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "draft:4: ");
  g_clear_error (&error);

  tips = tl_tip_xml_read (xml, length, "draft", TL_TIP_XML_TRUSTED, &error);
  g_assert_no_error (error);
  g_assert_true (tl_tip_equal (tip, g_ptr_array_index (tips, 0)));
}

static void
test_extra_content (void)
{
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<tip xmlns=\"urn:tipline:tip:1\" id=\"0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b\">\n"
    "  <victim>\n"
    "    <shoe>left</shoe>\n"
    "  </victim>\n"
    "</tip>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = tl_tip_xml_read (xml, strlen (xml), "tips.xml",
                                               TL_TIP_XML_NONE, &error);

  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "tips.xml:3: ")
                 || g_str_has_prefix (error->message, "tips.xml:4: "));
  g_assert_nonnull (strstr (error->message, "shoe"));
}

/* A state as people write it is read as its code; the schema no longer refuses it. */
static void
test_state_written_out (void)
{
  static const char * const written[] = { "New Mexico", "Nuevo México", "n.m.", "nm" };

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                              "<tip xmlns=\"urn:tipline:tip:1\" id=\"3f6c2a8e-5b1d-4c7e-9a2f-1d8e7b6c5a40\">\n"
                                              "  <location><state>%s</state></location>\n"
                                              "</tip>\n", written[i]);
      g_autoptr(TlTip) tip = read_single (xml);

      g_assert_cmpstr (tip->location.state, ==, "NM");
    }
}

static void
test_wrong_root (void)
{
  const char *no_namespace = "<tip id=\"0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b\"/>";
  const char *other = "<?xml version=\"1.0\"?>\n\n<html xmlns=\"urn:tipline:tip:1\"/>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = NULL;

  tips = tl_tip_xml_read (no_namespace, strlen (no_namespace), "a.xml",
                          TL_TIP_XML_TRUSTED, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "a.xml:1: This is not a Tipline tip file");

  g_clear_error (&error);
  tips = tl_tip_xml_read (other, strlen (other), "b.xml", TL_TIP_XML_NONE, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "b.xml:3: ");

  g_clear_error (&error);
  tips = tl_tip_xml_read ("", 0, "empty.xml", TL_TIP_XML_NONE, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "empty.xml:");
}

static void
test_bad_id (void)
{
  const char *xml = "<tip xmlns=\"urn:tipline:tip:1\" id=\"not-a-uuid\"/>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = NULL;

  /* Trusted reads skip the schema, so the reader itself must refuse it. */
  tips = tl_tip_xml_read (xml, strlen (xml), "id.xml", TL_TIP_XML_TRUSTED, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "id.xml:1: ");

  g_clear_error (&error);
  tips = tl_tip_xml_read (xml, strlen (xml), "id.xml", TL_TIP_XML_NONE, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "id.xml:1: ");
}

static void
test_billion_laughs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = NULL;
  gsize length;
  g_autofree char *contents = fixture_contents ("billion-laughs.xml", &length);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  tips = tl_tip_xml_read (contents, length, "billion-laughs.xml", TL_TIP_XML_TRUSTED, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "billion-laughs.xml:2: ");
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
}

static void
test_external_entity (void)
{
  const char *secret = "CANARY-7f3e9d1c-THIS-MUST-NEVER-BE-READ";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tl_test_make_tmp_dir ("xml");
  g_autofree char *canary = g_build_filename (dir, "canary.txt", NULL);
  g_autofree char *uri = g_filename_to_uri (canary, NULL, NULL);
  g_autofree char *tip_path = g_build_filename (dir, "external-entity.xml", NULL);
  g_autofree char *template = NULL;
  g_autoptr(GString) xml = NULL;
  g_autoptr(GPtrArray) tips = NULL;
  xmlDocPtr unsafe;

  g_assert_no_error (error);
  g_file_set_contents (canary, secret, -1, &error);
  g_assert_no_error (error);

  template = fixture_contents ("external-entity.xml", NULL);
  xml = g_string_new (template);
  g_assert_cmpuint (g_string_replace (xml, "@CANARY_URI@", uri, 0), ==, 1);
  g_file_set_contents (tip_path, xml->str, xml->len, &error);
  g_assert_no_error (error);

  /* Proof the fixture is a real attack: an unsafe parse does read the canary. */
  unsafe = xmlReadFile (tip_path, NULL, XML_PARSE_NOENT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (unsafe);
  {
    xmlChar *content = xmlNodeGetContent (xmlDocGetRootElement (unsafe));
    g_assert_nonnull (strstr ((const char *) content, secret));
    xmlFree (content);
  }
  xmlFreeDoc (unsafe);

  tips = tl_tip_xml_read_file (tip_path, &error);
  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ":2: "));
  g_assert_null (strstr (error->message, secret));

  g_clear_error (&error);
  tips = tl_tip_xml_read (xml->str, xml->len, "external-entity.xml", TL_TIP_XML_TRUSTED, &error);
  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_null (strstr (error->message, secret));

  g_remove (tip_path);
  g_remove (canary);
  g_rmdir (dir);
}

static void
test_doctype (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = read_fixture ("doctype.xml", TL_TIP_XML_TRUSTED, &error);

  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_INVALID, "doctype.xml:3: ");
  g_assert_nonnull (strstr (error->message, "DOCTYPE"));
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tl_test_make_tmp_dir ("xml");
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autofree char *big = NULL;
  g_autoptr(GPtrArray) tips = NULL;
  gsize big_length = TL_TIP_XML_MAX_SIZE + 1;
  gint64 start;
  int fd;

  g_assert_no_error (error);

  big = g_malloc (big_length);
  memset (big, ' ', big_length);
  tips = tl_tip_xml_read (big, big_length, "big.xml", TL_TIP_XML_TRUSTED, &error);
  g_assert_null (tips);
  assert_error_prefix (error, TL_ERROR_TOO_LARGE, "big.xml is ");
  g_clear_error (&error);

  /* A sparse file: refusing it must not depend on reading it. */
  fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 4 * 1024 * 1024 * 1024), ==, 0);
  g_close (fd, NULL);

  start = g_get_monotonic_time ();
  tips = tl_tip_xml_read_file (path, &error);
  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 10);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_not_regular (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file ("/dev/zero", &error);

  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_IO);

  g_clear_error (&error);
  tips = tl_tip_xml_read_file ("/nonexistent/tips.xml", &error);
  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_IO);
}

static void
test_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = read_fixture ("tips-many.xml", TL_TIP_XML_NONE, &error);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *xml = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tips->len, ==, 3);
  g_assert_cmpint (((TlTip *) g_ptr_array_index (tips, 1))->channel, ==, TL_CHANNEL_CYBER_TIP);
  g_assert_cmpstr (((TlTip *) g_ptr_array_index (tips, 2))->location.state, ==, "MS");

  xml = tl_tip_xml_write (tips, FALSE, NULL);
  g_assert_nonnull (strstr (xml, "<tips xmlns=\"urn:tipline:tip:1\">"));
  copies = tl_tip_xml_read (xml, strlen (xml), "copy.xml", TL_TIP_XML_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (tl_tip_equal (g_ptr_array_index (tips, i), g_ptr_array_index (copies, i)));

  /* One tip as a collection, and an empty collection. */
  g_ptr_array_add (one, g_ptr_array_index (tips, 0));
  g_clear_pointer (&xml, g_free);
  xml = tl_tip_xml_write (one, TRUE, NULL);
  g_assert_nonnull (strstr (xml, "<tips "));
  g_clear_pointer (&xml, g_free);
  xml = tl_tip_xml_write (none, FALSE, NULL);
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = tl_tip_xml_read (xml, strlen (xml), "none.xml", TL_TIP_XML_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 0);
}

/* Every nick of every table must be accepted by the schema and read back. */
static void
test_enum_nicks (void)
{
  guint n = 0;

  for (int i = 0; i < 12; i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new_with_id ("0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b");
      g_autoptr(TlTip) copy = NULL;
      TlVictim *victim = tl_victim_new ();
      TlOffender *offender = tl_offender_new ();
      TlPhone *phone = tl_phone_new ();
      TlOnline *online = tl_online_new ();
      TlFinancial *financial = tl_financial_new ();
      TlReferral *referral = tl_referral_new ();

#define PICK(table) (tl_enum_count (table) > (guint) i \
                     ? (table)[i].value : (table)[0].value)
      tip->status = PICK (tl_tip_status_values);
      tip->channel = PICK (tl_channel_values);
      tip->reporter_role = PICK (tl_reporter_role_values);
      tip->danger = PICK (tl_danger_values);
      tip->type = PICK (tl_trafficking_type_values);
      tip->venue = PICK (tl_venue_values);
      tip->release_policy = PICK (tl_release_policy_values);
      victim->gender = PICK (tl_gender_values);
      victim->citizenship = PICK (tl_citizenship_values);
      victim->stance = PICK (tl_stance_values);
      victim->needs = PICK (tl_need_values);
      offender->gender = PICK (tl_gender_values);
      offender->role = PICK (tl_offender_role_values);
      phone->owner = PICK (tl_phone_owner_values);
      online->kind = PICK (tl_online_kind_values);
      financial->kind = PICK (tl_financial_kind_values);
      referral->outcome = PICK (tl_outcome_values);
      victim->plan.call_back = PICK (tl_call_back_values);
      victim->plan.message = PICK (tl_message_rule_values);
      tip->reporter_plan.call_back = PICK (tl_call_back_values);
      tip->reporter_plan.message = PICK (tl_message_rule_values);
      referral->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_move_free);
      g_ptr_array_add (referral->moves, tl_referral_move_new (PICK (tl_referral_stage_values), NULL, NULL, NULL));
      for (guint part = 0; part < TL_N_PARTS; part++)
        tip->sources[part] = (TlInfoSource) ((i + part) % tl_enum_count (tl_source_values));
      tip->reporter_anonymous = i % 2 == 1;
#undef PICK
      g_ptr_array_add (tip->victims, victim);
      g_ptr_array_add (tip->offenders, offender);
      g_ptr_array_add (tip->phones, phone);
      g_ptr_array_add (tip->online, online);
      g_ptr_array_add (tip->financial, financial);
      g_ptr_array_add (tip->referrals, referral);

      copy = round_trip (tip);
      g_assert_true (tl_tip_equal (tip, copy));
      n++;
    }

  g_assert_cmpuint (n, ==, tl_enum_count (tl_venue_values));
  g_assert_cmpuint (n, >=, tl_enum_count (tl_channel_values));
}

/* A safety plan for the reporter and a victim, every field, through a file that the
 * schema checks (untrusted read), a window past midnight on chosen days. */
static void
test_safety_plan_round_trip (void)
{
  g_autoptr(TlTip) tip = tl_tip_new_with_id ("0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b");
  g_autoptr(TlTip) copy = NULL;
  TlVictim *victim = tl_victim_new ();
  TlSafetyPlan *plan = &victim->plan;

  plan->call_back = TL_CALL_BACK_WINDOW;
  plan->days = 0x1f;
  plan->from = 21 * 60 + 30;
  plan->to = 6 * 60;
  tl_set_str (&plan->timezone, "America/Denver");
  plan->message = TL_MESSAGE_YES;
  tl_set_str (&plan->message_text, "The library called about your book.");
  tl_set_str (&plan->ask_for, "Ana");
  tl_set_str (&plan->code_word, "tortilla");
  tl_set_str (&plan->if_dropped, "Do not call again; wait for her call.");
  tl_set_str (&victim->phone, "505 555 0100");
  g_ptr_array_add (tip->victims, victim);
  tip->reporter_plan.call_back = TL_CALL_BACK_NO;
  tl_set_str (&tip->reporter_plan.if_dropped, "Wait a day.");

  copy = round_trip (tip);
  g_assert_true (tl_tip_equal (tip, copy));
  victim = g_ptr_array_index (copy->victims, 0);
  g_assert_cmpint (victim->plan.from, ==, 21 * 60 + 30);
  g_assert_cmpint (victim->plan.to, ==, 6 * 60);
  g_assert_cmpint (victim->plan.days, ==, 0x1f);
  g_assert_cmpstr (victim->plan.code_word, ==, "tortilla");
  g_assert_cmpint (copy->reporter_plan.call_back, ==, TL_CALL_BACK_NO);

  /* an empty plan writes nothing: files without plans stay as they were */
  tl_safety_plan_clear (&tip->reporter_plan);
  tl_safety_plan_clear (&((TlVictim *) g_ptr_array_index (tip->victims, 0))->plan);
  {
    g_autofree char *xml = tl_tip_xml_write_one (tip, NULL);

    g_assert_null (strstr (xml, "call-back"));
  }
}

/* A file written before referral stages: each referral starts where its outcome puts
 * it, and a move written back reads the same. */
static void
test_referral_stages_old_file (void)
{
  static const struct { const char *outcome; TlReferralStage stage; } cases[] = {
    { "reached", TL_REFERRAL_MADE },
    { "left-message", TL_REFERRAL_NO_ANSWER },
    { "no-answer", TL_REFERRAL_NO_ANSWER },
    { "referred", TL_REFERRAL_ACCEPTED },
    { "declined", TL_REFERRAL_DECLINED },
  };

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, tl_enum_count (tl_outcome_values));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf (
        "<tip xmlns=\"urn:tipline:tip:1\" id=\"0b8f3d2c-4a5e-4f60-8b7a-9c1d2e3f4a5b\">"
        "<referral at=\"2026-10-03T11:00:00-06:00\" outcome=\"%s\"><step>Call</step></referral></tip>",
        cases[i].outcome);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tips = tl_tip_xml_read (xml, strlen (xml), "old.xml", TL_TIP_XML_NONE, &error);
      const TlReferral *referral;

      g_assert_no_error (error);
      referral = g_ptr_array_index (((TlTip *) g_ptr_array_index (tips, 0))->referrals, 0);
      g_assert_cmpint (tl_referral_get_stage (referral), ==, cases[i].stage);
      g_assert_true (tl_referral_get_stage_time (referral) == referral->at);
      g_assert_null (referral->moves);
    }
}

/* libxml2 must never print: messages may quote tip data, and stderr is not a
 * place for it. */
static void
test_quiet (void)
{
  if (g_test_subprocess ())
    {
      const char *names[] = { "malformed-line-7.xml", "invalid-schema.xml",
                              "billion-laughs.xml", "doctype.xml" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) tips = read_fixture (names[i], TL_TIP_XML_NONE, &error);

          g_assert_null (tips);
          g_assert_nonnull (error);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout ("");
}


/* Limits (tl-tip-limits.h), each at the limit and one past: parts per tip, the
 * narrative, any other field, tips per file; and the two hostile files of issue 15 (a
 * tip with 200,000 victims, a 60 MB narrative), refused with a line that names the
 * limit. */
static GString *
tip_open (GString    *xml,
          guint       n)
{
  g_string_append_printf (xml, "<tip id=\"%08x-2222-4333-8444-555555555555\">"
                               "<received>2026-03-01T12:00:00Z</received>", n);
  return xml;
}

static GPtrArray *
read_limit_case (const GString  *xml,
                 GError        **error)
{
  return tl_tip_xml_read (xml->str, xml->len, "limits.xml", TL_TIP_XML_NONE, error);
}

static void
expect_limit (GString    *at_limit,
              GString    *past,
              const char *says)
{
  g_autoptr(GPtrArray) ok = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;

  ok = read_limit_case (at_limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  refused = read_limit_case (past, &error);
  g_assert_null (refused);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, says));
  g_assert_null (strchr (error->message, '\n'));
}

static GString *
one_tip_with (const char *element,
              guint       count,
              gsize       text_length)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                               "<tips xmlns=\"urn:tipline:tip:1\">");

  tip_open (xml, 1);
  for (guint i = 0; i < count; i++)
    {
      if (g_str_equal (element, "victim"))
        g_string_append (xml, "<victim><age>20</age></victim>");
      else if (g_str_equal (element, "narrative"))
        {
          g_string_append (xml, "<narrative>");
          for (gsize j = 0; j < text_length; j++)
            g_string_append_c (xml, 'n');
          g_string_append (xml, "</narrative>");
        }
      else
        {
          g_string_append (xml, "<location><city>");
          for (gsize j = 0; j < text_length; j++)
            g_string_append_c (xml, 'c');
          g_string_append (xml, "</city></location>");
        }
    }
  g_string_append (xml, "</tip></tips>");
  return xml;
}

static void
test_limits (void)
{
  g_autoptr(GString) victims = one_tip_with ("victim", TL_TIP_MAX_PARTS, 0);
  g_autoptr(GString) victims_past = one_tip_with ("victim", TL_TIP_MAX_PARTS + 1, 0);
  g_autoptr(GString) narrative = one_tip_with ("narrative", 1, TL_TIP_MAX_NARRATIVE);
  g_autoptr(GString) narrative_past = one_tip_with ("narrative", 1, TL_TIP_MAX_NARRATIVE + 1);
  g_autoptr(GString) field = one_tip_with ("city", 1, TL_TIP_MAX_FIELD);
  g_autoptr(GString) field_past = one_tip_with ("city", 1, TL_TIP_MAX_FIELD + 1);
  g_autoptr(GString) tips = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                          "<tips xmlns=\"urn:tipline:tip:1\">");
  g_autoptr(GString) tips_past = NULL;

  expect_limit (victims, victims_past, "at most 200 victims");
  expect_limit (narrative, narrative_past, "at most 256.0");
  expect_limit (field, field_past, "8.0");

  for (guint i = 0; i < TL_TIP_XML_MAX_TIPS; i++)
    g_string_append (tip_open (tips, i), "</tip>");
  tips_past = g_string_new (tips->str);
  g_string_append (tip_open (tips_past, TL_TIP_XML_MAX_TIPS), "</tip>");
  g_string_append (tips, "</tips>");
  g_string_append (tips_past, "</tips>");
  expect_limit (tips, tips_past, "at most 100000 tips");
}

static void
test_hostile_sizes (void)
{
  g_autoptr(GString) victims = one_tip_with ("victim", 200000, 0);
  g_autoptr(GString) narrative = one_tip_with ("narrative", 1, 60 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = NULL;

  g_test_message ("the 200,000-victim file is %" G_GSIZE_FORMAT " bytes", victims->len);
  tips = read_limit_case (victims, &error);
  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "at most 200 victims"));
  g_clear_error (&error);

  tips = read_limit_case (narrative, &error);
  g_assert_null (tips);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tip-xml/round-trip/code", test_round_trip_code);
  g_test_add_func ("/tip-xml/round-trip/fixture", test_round_trip_fixture);
  g_test_add_func ("/tip-xml/round-trip/minimal", test_minimal);
  g_test_add_func ("/tip-xml/round-trip/enum-nicks", test_enum_nicks);
  g_test_add_func ("/tip-xml/round-trip/safety-plan", test_safety_plan_round_trip);
  g_test_add_func ("/tip-xml/read/referral-stages-old-file", test_referral_stages_old_file);
  g_test_add_func ("/tip-xml/read/nm-minor", test_nm_minor);
  g_test_add_func ("/tip-xml/read/collection", test_collection);
  g_test_add_func ("/tip-xml/read/trusted-draft", test_trusted_draft);
  g_test_add_func ("/tip-xml/read/trusted-round-trip", test_trusted_round_trip);
  g_test_add_func ("/tip-xml/write/escaping", test_escaping);
  g_test_add_func ("/tip-xml/write/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/tip-xml/error/malformed", test_malformed);
  g_test_add_func ("/tip-xml/error/schema", test_schema_violation);
  g_test_add_func ("/tip-xml/error/extra-content", test_extra_content);
  g_test_add_func ("/tip-xml/error/wrong-root", test_wrong_root);
  g_test_add_func ("/tip-xml/error/bad-id", test_bad_id);
  g_test_add_func ("/tip-xml/error/quiet", test_quiet);
  g_test_add_func ("/tip-xml/state-written-out", test_state_written_out);
  g_test_add_func ("/tip-xml/safety/billion-laughs", test_billion_laughs);
  g_test_add_func ("/tip-xml/safety/external-entity", test_external_entity);
  g_test_add_func ("/tip-xml/safety/doctype", test_doctype);
  g_test_add_func ("/tip-xml/safety/too-large", test_too_large);
  g_test_add_func ("/tip-xml/safety/not-regular", test_not_regular);
  g_test_add_func ("/tip-xml/safety/limits", test_limits);
  g_test_add_func ("/tip-xml/safety/hostile-sizes", test_hostile_sizes);

  return g_test_run ();
}
