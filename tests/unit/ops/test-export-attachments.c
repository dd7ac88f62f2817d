/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-attachments"

#include "config.h"

#include <string.h>

#include "tl-attach.h"
#include "tl-export.h"
#include "tl-test-evidence.h"
#include "tl-test-store.h"

/* Attachments in exports (issue 20): each profile carries each kind of attachment as
 * the disclosure table decides (a victim's photo as her name, an offender's ad as
 * offender details, unclassified evidence only in the full record); what is sent is the
 * cleaned copy unless the profile is full; the report lists every attachment with the
 * SHA-256 of the copy sent and of the original, or why it was withheld. */

typedef TlTestStore Fixture;

enum { SENT_CLEAN, SENT_ORIGINAL, WITHHELD };

/* Every kind × every profile, for a tip whose victim signed no release and whose
 * identifiers the reporter gave (not the victim). A kind or profile added without its
 * row fails test_table_complete. */
static const struct
{
  TlAttachmentKind kind;
  int expect[5];              /* by TlReportProfile: LE, anonymous tip, provider, coordinator, full */
} rows[] = {
  { TL_ATTACHMENT_KIND_UNCLASSIFIED, { WITHHELD, WITHHELD, WITHHELD, WITHHELD, SENT_ORIGINAL } },
  { TL_ATTACHMENT_KIND_VICTIM, { WITHHELD, WITHHELD, WITHHELD, WITHHELD, SENT_ORIGINAL } },
  { TL_ATTACHMENT_KIND_OFFENDER_AD, { SENT_CLEAN, SENT_CLEAN, WITHHELD, SENT_CLEAN, SENT_ORIGINAL } },
  { TL_ATTACHMENT_KIND_OFFENDER, { SENT_CLEAN, SENT_CLEAN, WITHHELD, SENT_CLEAN, SENT_ORIGINAL } },
};

/* helpers */

static TlTip *
save_tip (Fixture  *fx,
          gboolean  release_signed)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();

  tip->type = TL_TRAFFICKING_SEX;
  tip->release_policy = TL_RELEASE_POLICY_REQUIRED;
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&victim->name, "Qzx Victim");
  victim->release_signed = release_signed;
  g_ptr_array_add (tip->victims, victim);
  tl_test_store_save (fx, tip);
  return tip;
}

static void
attach_every_kind (Fixture     *fx,
                   const TlTip *tip,
                   GBytes      *jpeg)
{
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("photo-%u.jpg", r);

      g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, name, jpeg, 0, rows[r].kind, &error),
                        ==, r + 1);
      g_assert_no_error (error);
    }
}

/* tests */

static void
test_table_complete (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (rows), ==, tl_enum_count (tl_attachment_kind_values));
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    g_assert_cmpint (rows[r].kind, ==, r);
  g_assert_cmpuint (G_N_ELEMENTS (rows[0].expect), ==, tl_enum_count (tl_report_profile_values));
}

static void
test_profiles (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx, FALSE);
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) plain = tl_test_evidence_plain_jpeg ();
  g_autofree char *original_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autofree char *clean_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, plain);

  attach_every_kind (fx, tip, jpeg);
  for (TlReportProfile profile = 0; profile < tl_enum_count (tl_report_profile_values); profile++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) releases = tl_attachments_for_export (fx->store, tip, profile, NULL, &error);
      g_autoptr(TlExport) export = tl_export_new (tip, profile, TL_REPORT_TEXT, NULL);
      g_autoptr(GBytes) text = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (releases->len, ==, G_N_ELEMENTS (rows));
      tl_export_set_attachments (export, releases);
      text = tl_export_render (export, &error);
      g_assert_no_error (error);

      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        {
          const TlAttachmentRelease *release = g_ptr_array_index (releases, r);
          int expect = rows[r].expect[profile];

          g_test_message ("%s × %s", tl_enum_to_nick (tl_report_profile_values, profile),
                          tl_enum_to_nick (tl_attachment_kind_values, rows[r].kind));
          g_assert_cmpint (release->attachment->kind, ==, rows[r].kind);
          if (expect == WITHHELD)
            {
              g_assert_cmpint (release->withhold, !=, TL_WITHHOLD_NONE);
              g_assert_null (release->copy);
              g_assert_nonnull (release->withheld);
              g_assert_true (tl_test_bytes_contain (text, release->withheld, strlen (release->withheld)));
              continue;
            }
          g_assert_cmpint (release->withhold, ==, TL_WITHHOLD_NONE);
          g_assert_cmpint (release->cleaned, ==, expect == SENT_CLEAN);
          g_assert_cmpstr (release->sha256, ==, expect == SENT_CLEAN ? clean_sha : original_sha);
          /* The cleaned copy carries no GPS; the report gives the hash of what was sent. */
          if (expect == SENT_CLEAN)
            g_assert_false (tl_test_bytes_contain (release->copy, "Exif", 4));
          g_assert_true (tl_test_bytes_contain (text, release->sha256, strlen (release->sha256)));
        }
      /* The original's hash is listed whenever something was sent. */
      g_assert_cmpint (tl_test_bytes_contain (text, original_sha, strlen (original_sha)), ==,
                       profile != TL_REPORT_PROFILE_SERVICE_PROVIDER);
    }
}

/* With a signed release a victim's photo goes where her name goes, cleaned. */
static void
test_signed_release (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx, TRUE);
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  static const int expect[5] = { SENT_CLEAN, WITHHELD, SENT_CLEAN, SENT_CLEAN, SENT_ORIGINAL };

  g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, "her.jpg", jpeg, 0,
                                             TL_ATTACHMENT_KIND_VICTIM, NULL), ==, 1);
  for (TlReportProfile profile = 0; profile < G_N_ELEMENTS (expect); profile++)
    {
      g_autoptr(GPtrArray) releases = tl_attachments_for_export (fx->store, tip, profile, NULL, NULL);
      const TlAttachmentRelease *release = g_ptr_array_index (releases, 0);

      g_assert_cmpint (release->withhold == TL_WITHHOLD_NONE, ==, expect[profile] != WITHHELD);
      if (expect[profile] != WITHHELD)
        g_assert_cmpint (release->cleaned, ==, expect[profile] == SENT_CLEAN);
    }
}

/* A PDF has no cleaned copy: only the full record carries it. */
static void
test_not_cleanable (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx, FALSE);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%%EOF\n", 15);
  g_autoptr(GPtrArray) le = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(TlExport) export = tl_export_new (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, NULL);
  g_autoptr(GBytes) text = NULL;
  const TlAttachmentRelease *release;

  g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, "flyer.pdf", pdf, 0,
                                             TL_ATTACHMENT_KIND_OFFENDER_AD, NULL), ==, 1);
  le = tl_attachments_for_export (fx->store, tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, NULL, NULL);
  release = g_ptr_array_index (le, 0);
  g_assert_cmpint (release->withhold, !=, TL_WITHHOLD_NONE);
  g_assert_null (release->copy);
  tl_export_set_attachments (export, le);
  text = tl_export_render (export, NULL);
  g_assert_true (tl_test_bytes_contain (text, release->withheld, strlen (release->withheld)));

  full = tl_attachments_for_export (fx->store, tip, TL_REPORT_PROFILE_FULL, NULL, NULL);
  release = g_ptr_array_index (full, 0);
  g_assert_cmpint (release->withhold, ==, TL_WITHHOLD_NONE);
  g_assert_true (g_bytes_equal (release->copy, pdf));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, tl_test_store_set_up, func, tl_test_store_tear_down)

  g_test_add_func ("/export-attachments/table-complete", test_table_complete);
  ADD ("/export-attachments/profiles", test_profiles);
  ADD ("/export-attachments/signed-release", test_signed_release);
  ADD ("/export-attachments/not-cleanable", test_not_cleanable);

  return g_test_run ();
}
