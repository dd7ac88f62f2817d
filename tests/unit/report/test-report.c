/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-report-private.h"
#include <cairo-pdf.h>

#include "tl-report-pdf.h"
#include "tl-protocol-set.h"
#include "tl-router.h"
#include "tl-store.h"
#include "tl-tip-xml.h"
#include "tl-test-util.h"

/* The fixture tip (tests/fixtures/tip-full.xml): the agency's policy requires a
 * release; victim 1 (Luis Ejemplo) signed one, victim 2 (Rosa Muestra, 16) did not,
 * victim 3 has no name. The reporter is Pat Placeholder; the advocate L. Sample. */

typedef struct
{
  const char *profile;
  const char * const *present;
  const char * const *absent;
} Expect;

static const char * const le_present[] = {
  "Luis Ejemplo", "luis.ejemplo@example.com", "John Fakename", "ABC1234",
  "5500 0000 0000 0004", "[withheld: no signed release]", "L. Sample", "Trabajo Hatch", NULL
};
/* the reporter is named only in the internal record (issue 13) */
static const char * const le_absent[] = {
  "Rosa", "Muestra", "INTERNAL CASE RECORD", "Pat Placeholder", "pat@example.org", NULL
};

static const char * const anon_present[] = {
  "John Fakename", "El Jefe", "ABC1234", "575-555-0130", "fake.crew.boss.example",
  "5500 0000 0000 0004", "ten workers", "Hatch", "[withheld: anonymous tip]", NULL
};
static const char * const anon_absent[] = {
  "Luis", "Ejemplo", "Rosa", "Muestra", "Pat Placeholder", "Placeholder", "pat@example.org",
  "505-555-0111", "575-555-0120", "L. Sample", "1992-04-17", "Trailer 3", "Emergency shelter",
  NULL
};

static const char * const provider_present[] = {
  "Luis Ejemplo", "575-555-0120", "Emergency shelter", "Immigration services",
  "John Fakename", "Scar across right eyebrow", "for safety only",
  "[withheld: not shared with service providers]", NULL
};
static const char * const provider_absent[] = {
  "Rosa", "Muestra", "ABC1234", "5500 0000", "fake.crew.boss", "Pat Placeholder",
  "Las Cruces", "Example Transfers", "NM Attorney General", NULL
};

static const char * const coordinator_present[] = {
  "ReportHT@dps.ms.gov", "97-3-54.1", "Luis Ejemplo", "John Fakename", NULL
};
static const char * const coordinator_absent[] = { "Rosa", "Muestra", NULL };

static const char * const full_present[] = {
  "INTERNAL CASE RECORD", "Luis Ejemplo", "Rosa Muestra", "Pat Placeholder", "L. Sample",
  "NM Attorney General Human Trafficking Unit", "Rosa (16)", NULL
};
static const char * const full_absent[] = { "[withheld", NULL };

static const Expect expectations[] = {
  { "law-enforcement", le_present, le_absent },
  { "anonymous-tip", anon_present, anon_absent },
  { "service-provider", provider_present, provider_absent },
  { "coordinator", coordinator_present, coordinator_absent },
  { "full", full_present, full_absent },
};

/* helpers */

static TlTip *
load_fixture (void)
{
  g_autofree char *path = tl_test_fixture_path ("tip-full.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tips->len, ==, 1);
  return tl_tip_ref (g_ptr_array_index (tips, 0));
}

static TlReport *
make_report (const TlTip *tip,
             const char  *nick,
             GPtrArray   *overrides)
{
  int profile;

  g_assert_true (tl_enum_from_nick (tl_report_profile_values, nick, &profile));
  return tl_report_new (tip, profile, overrides, "New Mexico");
}

/* Words may be wrapped onto two lines: compare with all white space folded. */
static char *
flatten (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static void
check_expect (const Expect *e,
              const char   *text,
              const char   *what)
{
  g_autofree char *flat = flatten (text);

  for (guint i = 0; e->present[i] != NULL; i++)
    if (strstr (flat, e->present[i]) == NULL)
      g_error ("%s (%s) lacks “%s”: %s", what, e->profile, e->present[i], flat);
  for (guint i = 0; e->absent[i] != NULL; i++)
    if (strstr (flat, e->absent[i]) != NULL)
      g_error ("%s (%s) contains “%s”", what, e->profile, e->absent[i]);
}

static char *
pdf_to_text (GBytes *pdf)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("report");
  g_autofree char *in = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *out = g_build_filename (dir, "r.txt", NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", in, out, NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status;

  g_assert_true (g_file_set_contents (in, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return text;
}

/* tests */

static void
test_profiles_text (void)
{
  g_autoptr(TlTip) tip = load_fixture ();

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autoptr(TlReport) report = make_report (tip, expectations[i].profile, NULL);
      g_autofree char *text = tl_report_to_text (report);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      check_expect (&expectations[i], text, "text");
      g_assert_nonnull (strstr (text, "CONFIDENTIAL"));
      for (guint l = 0; lines[l] != NULL; l++)
        g_assert_cmpint (g_utf8_strlen (lines[l], -1), <=, 72);
    }
}

static void
test_profiles_pdf (void)
{
  g_autoptr(TlTip) tip = load_fixture ();
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autoptr(TlReport) report = make_report (tip, expectations[i].profile, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = tl_report_to_pdf (report, &error);
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;

      g_assert_no_error (error);
      if (g_getenv ("G_TEST_BUILDDIR") != NULL)
        {
          /* kept in the build tree for a person to look at */
          g_autofree char *name = g_strdup_printf ("report-%s.pdf", expectations[i].profile);
          g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
          g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
        }
      text = pdf_to_text (pdf);
      check_expect (&expectations[i], text, "pdf");
      flat = flatten (text);
      g_assert_nonnull (strstr (flat, "Page 1 of"));
      g_assert_nonnull (strstr (flat, "CONFIDENTIAL"));
    }
}

static void
test_release_policy (void)
{
  g_autoptr(TlTip) tip = load_fixture ();
  g_autoptr(TlReport) report = NULL;
  g_autofree char *text = NULL;

  /* not required: every victim's identity goes to law enforcement */
  tip->release_policy = TL_RELEASE_POLICY_NOT_REQUIRED;
  report = make_report (tip, "law-enforcement", NULL);
  text = tl_report_to_text (report);
  g_assert_nonnull (strstr (text, "Rosa Muestra"));
  g_clear_pointer (&report, tl_report_free);
  g_clear_pointer (&text, g_free);

  /* unknown counts as required */
  tip->release_policy = TL_RELEASE_POLICY_UNKNOWN;
  report = make_report (tip, "law-enforcement", NULL);
  text = tl_report_to_text (report);
  g_assert_null (strstr (text, "Rosa"));
  g_assert_nonnull (strstr (text, "Luis Ejemplo"));
}

static void
test_override (void)
{
  g_autoptr(TlTip) tip = load_fixture ();
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  TlReportOverride *o;

  g_assert_null (tl_report_override_parse ("victim:2", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tl_report_override_parse ("victim:0=x", &error));
  g_clear_error (&error);
  g_assert_null (tl_report_override_parse ("everything=x", &error));
  g_clear_error (&error);

  o = tl_report_override_parse ("victim:2=Detective Ortiz holds a court order for her identity", &error);
  g_assert_no_error (error);
  g_assert_cmpint (o->victim, ==, 1);
  g_ptr_array_add (overrides, o);

  report = make_report (tip, "law-enforcement", overrides);
  text = tl_report_to_text (report);
  flat = flatten (text);
  g_assert_nonnull (strstr (flat, "Rosa Muestra"));
  g_assert_nonnull (strstr (flat, "Detective Ortiz holds a court order for her identity"));
  g_assert_nonnull (strstr (flat, "released by override 1"));

  /* reporter identity: law enforcement only with an override; an anonymous tip never
   * names the reporter, override or not */
  g_ptr_array_set_size (overrides, 0);
  g_ptr_array_add (overrides, tl_report_override_parse ("reporter-identity=Reporter asked to be named", NULL));
  g_clear_pointer (&report, tl_report_free);
  g_clear_pointer (&text, g_free);
  report = make_report (tip, "law-enforcement", overrides);
  text = tl_report_to_text (report);
  g_assert_nonnull (strstr (text, "Pat Placeholder"));
  g_assert_null (strstr (text, "Rosa"));
  g_clear_pointer (&report, tl_report_free);
  g_clear_pointer (&text, g_free);
  report = make_report (tip, "anonymous-tip", overrides);
  text = tl_report_to_text (report);
  g_assert_null (strstr (text, "Pat Placeholder"));
}

/* What the redacted tip holds is exactly what the report shows. */
static void
test_redaction_consistent (void)
{
  g_autoptr(TlTip) tip = load_fixture ();

  for (guint p = 0; p < G_N_ELEMENTS (expectations); p++)
    {
      g_autoptr(TlReport) report = make_report (tip, expectations[p].profile, NULL);
      g_autoptr(GPtrArray) sections = tl_tip_describe (tl_report_get_redacted_tip (report));
      TlWithholdContext ctx;

      _tl_withhold_context_init (&ctx, report->profile, tip, NULL);
      for (guint i = 0; i < sections->len; i++)
        {
          TlSection *s = g_ptr_array_index (sections, i);

          /* a phone's row depends on its owner in the original tip, and dropped phones
           * shift the indexes: test-disclosure checks phones by their canaries */
          if (g_str_equal (s->key, "phone"))
            continue;
          for (guint j = 0; j < s->fields->len; j++)
            {
              TlField *f = g_ptr_array_index (s->fields, j);
              if (_tl_withhold_field (&ctx, s->key, s->index, f->key, f->flags, NULL) != TL_WITHHOLD_NONE)
                g_error ("%s: redacted tip keeps %s/%d/%s", expectations[p].profile, s->key, s->index, f->key);
            }
        }
    }
}

static void
test_redacted_xml (void)
{
  g_autoptr(TlTip) tip = load_fixture ();

  for (guint p = 0; p < G_N_ELEMENTS (expectations); p++)
    {
      g_autoptr(TlReport) report = make_report (tip, expectations[p].profile, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) back = NULL;
      gsize length = 0;
      g_autofree char *xml = tl_report_to_xml (report, &length);

      /* tl_tip_xml_read without TRUSTED validates against data/schemas/tip.rng */
      back = tl_tip_xml_read (xml, length, "redacted.xml", TL_TIP_XML_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (back->len, ==, 1);
      g_assert_cmpstr (((TlTip *) g_ptr_array_index (back, 0))->id, ==, tip->id);
      /* values in XML are nicks, not labels: check only what must not be there */
      {
        Expect absent_only = { expectations[p].profile, (const char * const[]) { NULL },
                               expectations[p].absent };
        check_expect (&absent_only, xml, "xml");
      }
      if (report->profile != TL_REPORT_PROFILE_FULL)
        g_assert_nonnull (strstr (((TlTip *) g_ptr_array_index (back, 0))->narrative,
                                  "[Tipline: redacted copy"));
    }
}

static void
test_paper (void)
{
  g_assert_cmpint (tl_paper_for_locale ("en_US.UTF-8"), ==, TL_PAPER_LETTER);
  g_assert_cmpint (tl_paper_for_locale ("es_US.UTF-8"), ==, TL_PAPER_LETTER);
  g_assert_cmpint (tl_paper_for_locale ("es_MX"), ==, TL_PAPER_LETTER);
  g_assert_cmpint (tl_paper_for_locale ("C.UTF-8"), ==, TL_PAPER_LETTER);
  g_assert_cmpint (tl_paper_for_locale ("es_ES.UTF-8"), ==, TL_PAPER_A4);
  g_assert_cmpint (tl_paper_for_locale ("de_DE@euro"), ==, TL_PAPER_A4);
}

static void
test_withheld_summary (void)
{
  g_autoptr(TlTip) tip = load_fixture ();
  g_autoptr(GPtrArray) le = tl_report_profile_list_withheld (TL_REPORT_PROFILE_LAW_ENFORCEMENT, tip, NULL);
  g_autoptr(GPtrArray) full = tl_report_profile_list_withheld (TL_REPORT_PROFILE_FULL, tip, NULL);

  g_assert_cmpuint (full->len, ==, 0);
  g_assert_cmpuint (le->len, >=, 1);
  {
    gboolean victim2 = FALSE, reporter = FALSE;

    for (guint i = 0; i < le->len; i++)
      {
        victim2 |= g_str_has_prefix (g_ptr_array_index (le, i), "Victim 2:");
        reporter |= strstr (g_ptr_array_index (le, i), "Reporter’s name") != NULL;
      }
    g_assert_true (victim2);
    g_assert_true (reporter);
  }
  for (guint i = 0; i < le->len; i++)
    g_assert_null (strstr (g_ptr_array_index (le, i), "Rosa"));
  for (int p = 0; p <= TL_REPORT_PROFILE_FULL; p++)
    {
      g_assert_nonnull (tl_report_profile_get_name (p));
      g_assert_nonnull (tl_report_profile_get_description (p));
    }
}

/* The PDF of the fixture, kept for a person to look at (see docs/report-profiles.md). */
static void
test_long_narrative_pages (void)
{
  g_autoptr(TlTip) tip = load_fixture ();
  g_autoptr(GString) narrative = g_string_new (NULL);
  g_autoptr(TlReport) report = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  TlReportPages *pages;

  for (guint i = 0; i < 400; i++)
    g_string_append (narrative, "The crew boss moved the workers at night. ");
  g_free (tip->narrative);
  tip->narrative = g_strdup (narrative->str);
  report = make_report (tip, "law-enforcement", NULL);

  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 612, 792);
  cr = cairo_create (surface);
  pages = tl_report_pages_new (report, cr, 612, 792);
  g_assert_cmpuint (tl_report_pages_get_n_pages (pages), >=, 3);
  for (guint i = 0; i < tl_report_pages_get_n_pages (pages); i++)
    {
      tl_report_pages_draw (pages, cr, i);
      cairo_show_page (cr);
    }
  tl_report_pages_free (pages);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The routing plan goes in before the referral log of the internal record, and the
 * header names the protocol; a report that leaves the office carries no plan (its
 * reasons quote a victim's stance and the release: issue 13). */
static void
test_plan (void)
{
  g_autoptr(TlTip) tip = load_fixture ();
  g_autoptr(TlProtocolSet) set = tl_protocol_set_new_default ();
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 ("2026-10-05T10:00:00-06:00", NULL);
  g_autoptr(TlPlan) plan = tl_router_route_in_set (set, tip, NULL, at, "en", NULL);
  g_autoptr(TlReport) report = make_report (tip, "full", NULL);
  g_autoptr(TlReport) le = make_report (tip, "law-enforcement", NULL);
  g_autofree char *text = NULL;
  g_autofree char *le_text = NULL;
  const char *plan_at, *referral_at;

  g_assert_nonnull (plan);
  tl_report_add_plan (report, plan);
  text = tl_report_to_text (report);
  plan_at = strstr (text, "Routing plan");
  referral_at = strstr (text, "Referral 1");
  g_assert_nonnull (plan_at);
  g_assert_nonnull (referral_at);
  g_assert_true (plan_at < referral_at);
  /* Each step with the protocol sentence behind it, and the time zone (issue 14); the PDF
   * lays out the same sections. */
  g_assert_nonnull (strstr (plan_at, "Source: "));
  g_assert_true (strstr (plan_at, "Source: ") < referral_at);
  g_assert_nonnull (strstr (plan_at, "America/Denver"));
  g_assert_true (strstr (plan_at, "America/Denver") < referral_at);
  g_assert_null (strstr (text, "None applied"));

  tl_report_add_plan (le, plan);
  le_text = tl_report_to_text (le);
  g_assert_null (strstr (le_text, "Routing plan"));
  g_assert_null (strstr (le_text, "None applied"));
  g_assert_null (strstr (le_text, "Rosa"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/profiles/text", test_profiles_text);
  g_test_add_func ("/report/profiles/pdf", test_profiles_pdf);
  g_test_add_func ("/report/release-policy", test_release_policy);
  g_test_add_func ("/report/override", test_override);
  g_test_add_func ("/report/redaction-consistent", test_redaction_consistent);
  g_test_add_func ("/report/redacted-xml", test_redacted_xml);
  g_test_add_func ("/report/paper", test_paper);
  g_test_add_func ("/report/withheld-summary", test_withheld_summary);
  g_test_add_func ("/report/long-narrative", test_long_narrative_pages);
  g_test_add_func ("/report/plan", test_plan);

  return g_test_run ();
}
