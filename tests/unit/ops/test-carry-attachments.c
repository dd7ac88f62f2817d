/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-carry-attachments"

#include "config.h"

#include <string.h>

#include "tl-attach-carry.h"
#include "tl-export.h"
#include "tl-import.h"
#include "tl-test-evidence.h"
#include "tl-test-store.h"
#include "tl-tip-xml.h"

/* Attachments travelling with their tip (issue 20) between two stores: the plain
 * exchange file carries the originals; a profile's XML carries what the disclosure
 * table sends (the table below); importing keeps them with their metadata and the
 * audit entry attaching writes; bytes that do not match their hash are refused with
 * one line while the rest arrives. Bundles: tests/unit/ops/test-bundle.c. */

#define PASS TL_TEST_STORE_PASSPHRASE

typedef struct
{
  TlTestStore a, b;
  TlTip *tip;                 /* on A: an offender's ad and a victim's photo attached */
} Fixture;

enum { NOT_CARRIED, ORIGINAL, CLEANED };

/* For a tip whose victim signed no release (tests/unit/ops/test-export-attachments.c
 * holds the whole table); by TlReportProfile. */
static const struct
{
  TlReportProfile profile;
  int ad;                     /* attachment 1, offender-ad */
  int photo;                  /* attachment 2, victim */
} rows[] = {
  { TL_REPORT_PROFILE_LAW_ENFORCEMENT, CLEANED, NOT_CARRIED },
  { TL_REPORT_PROFILE_ANONYMOUS_TIP, CLEANED, NOT_CARRIED },
  { TL_REPORT_PROFILE_SERVICE_PROVIDER, NOT_CARRIED, NOT_CARRIED },
  { TL_REPORT_PROFILE_COORDINATOR, CLEANED, NOT_CARRIED },
  { TL_REPORT_PROFILE_FULL, ORIGINAL, ORIGINAL },
};

/* helpers */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) png = tl_test_evidence_png ();
  g_autoptr(GError) error = NULL;
  TlVictim *victim = tl_victim_new ();

  tl_test_store_init (&fx->a, "carry-a");
  tl_test_store_create (&fx->a, "Advocate A", PASS);
  tl_test_store_init (&fx->b, "carry-b");
  tl_test_store_create (&fx->b, "Advocate B", PASS);

  fx->tip = tl_tip_new ();
  fx->tip->type = TL_TRAFFICKING_SEX;
  fx->tip->release_policy = TL_RELEASE_POLICY_REQUIRED;
  tl_set_str (&fx->tip->location.state, "NM");
  tl_set_str (&fx->tip->advocate, "Advocate A");
  tl_set_str (&victim->name, "Qzx Victim");
  g_ptr_array_add (fx->tip->victims, victim);
  tl_test_store_save (&fx->a, fx->tip);
  g_assert_cmpuint (tl_store_add_attachment (fx->a.store, fx->tip->id, "ad.jpg", jpeg, 1700000000,
                                             TL_ATTACHMENT_KIND_OFFENDER_AD, &error), ==, 1);
  g_assert_cmpuint (tl_store_add_attachment (fx->a.store, fx->tip->id, "photo.png", png, 0,
                                             TL_ATTACHMENT_KIND_VICTIM, &error), ==, 2);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  tl_test_store_clear (&fx->a);
  tl_test_store_clear (&fx->b);
  tl_tip_unref (fx->tip);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static guint
count_audit (TlStore       *store,
             const char    *tip_id,
             TlAuditAction  action)
{
  g_autoptr(GPtrArray) audit = tl_store_list_audit (store, tip_id, NULL);
  guint n = 0;

  for (guint i = 0; i < audit->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (audit, i))->action == action)
      n++;
  return n;
}

static TlImportResult *
import_text (Fixture    *fx,
             const char *xml,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  const char *path = tl_test_store_path_tmp (&fx->b, "tip.xml");
  const char *paths[] = { path, NULL };
  TlImportResult *result;

  tl_test_store_write (&fx->b, "tip.xml", xml, length);
  result = tl_import_files (fx->b.store, paths, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

/* tests */

/* The exchange file: both originals arrive with name, kind, capture time, who attached
 * them and the same SHA-256; B's audit log has an attach entry for each; importing the
 * file again adds nothing. */
static void
test_exchange_round_trip (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) carried = NULL;
  g_autoptr(GPtrArray) on_a = tl_store_list_attachments (fx->a.store, fx->tip->id, NULL);
  g_autoptr(GPtrArray) on_b = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(TlImportResult) again = NULL;
  g_autofree char *xml = NULL;
  gsize length = 0;

  xml = tl_exchange_write_tip (fx->a.store, fx->tip, &carried, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carried->len, ==, 2);
  g_assert_true (tl_attachments_record_carried (fx->a.store, carried, &error));
  g_assert_cmpuint (count_audit (fx->a.store, fx->tip->id, TL_AUDIT_ATTACHMENT_EXPORT), ==, 2);

  result = import_text (fx, xml, length);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->attachments_added, ==, 2);
  g_assert_cmpuint (result->attachments_refused->len, ==, 0);

  on_b = tl_store_list_attachments (fx->b.store, fx->tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_b->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const TlAttachment *a = g_ptr_array_index (on_a, i);
      const TlAttachment *b = g_ptr_array_index (on_b, i);

      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->sha256, ==, a->sha256);
      g_assert_cmpint (b->size, ==, a->size);
      g_assert_cmpint (b->type, ==, a->type);
      g_assert_cmpint (b->kind, ==, a->kind);
      g_assert_cmpint (b->captured, ==, a->captured);
      g_assert_cmpint (b->attached, ==, a->attached);
      g_assert_cmpstr (b->advocate, ==, "Advocate A");
    }
  g_assert_cmpuint (count_audit (fx->b.store, fx->tip->id, TL_AUDIT_ATTACH), ==, 2);

  again = import_text (fx, xml, length);
  g_assert_cmpuint (again->attachments_added, ==, 0);
  g_assert_cmpuint (again->attachments_present, ==, 2);
  g_clear_pointer (&on_b, g_ptr_array_unref);
  on_b = tl_store_list_attachments (fx->b.store, fx->tip->id, NULL);
  g_assert_cmpuint (on_b->len, ==, 2);
}

/* Each profile's XML carries what the table says: the original, the cleaned copy (its
 * own hash, no EXIF left) or nothing; imported, B keeps the hash of what arrived. */
static void
test_profiles (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) plain = tl_test_evidence_plain_jpeg ();
  g_autoptr(GBytes) png = tl_test_evidence_png ();
  g_autofree char *jpeg_sha = sha256_of (jpeg);
  g_autofree char *plain_sha = sha256_of (plain);
  g_autofree char *png_sha = sha256_of (png);

  g_assert_cmpuint (G_N_ELEMENTS (rows), ==, tl_enum_count (tl_report_profile_values));
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TlExport) export = tl_export_new (fx->tip, rows[r].profile, TL_REPORT_XML, NULL);
      g_autoptr(GPtrArray) releases = tl_attachments_for_export (fx->a.store, fx->tip, rows[r].profile,
                                                                 NULL, &error);
      g_autoptr(GPtrArray) carried = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_carried_attachment_free);
      g_autoptr(GPtrArray) tips = NULL;
      g_autoptr(GBytes) xml = NULL;
      int expect[] = { rows[r].ad, rows[r].photo };
      const char *original[] = { jpeg_sha, png_sha };
      guint n = 0;

      g_test_message ("profile %s", tl_enum_to_nick (tl_report_profile_values, rows[r].profile));
      g_assert_no_error (error);
      tl_export_set_attachments (export, releases);
      xml = tl_export_render (export, &error);
      g_assert_no_error (error);
      tips = tl_tip_xml_read_carrying (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), NULL,
                                       TL_TIP_XML_NONE, carried, &error);
      g_assert_no_error (error);
      g_assert_false (tl_test_bytes_contain (xml, TL_TEST_EVIDENCE_MAKE, strlen (TL_TEST_EVIDENCE_MAKE)));

      for (guint i = 0; i < 2; i++)
        {
          const TlCarriedAttachment *c = NULL;

          for (guint k = 0; k < carried->len; k++)
            if (((TlCarriedAttachment *) g_ptr_array_index (carried, k))->info->number == i + 1)
              c = g_ptr_array_index (carried, k);
          if (expect[i] == NOT_CARRIED)
            {
              g_assert_null (c);
              continue;
            }
          n++;
          g_assert_nonnull (c);
          g_assert_null (c->refused);
          g_assert_cmpint (c->cleaned, ==, expect[i] == CLEANED);
          g_assert_cmpstr (c->info->sha256, ==, expect[i] == CLEANED ? plain_sha : original[i]);
          g_assert_cmpstr (c->original_sha256 != NULL ? c->original_sha256 : c->info->sha256, ==, original[i]);
          /* who attached it only where the profile shows who took the tip */
          g_assert_cmpint (c->info->advocate != NULL, ==,
                           rows[r].profile == TL_REPORT_PROFILE_FULL ||
                           rows[r].profile == TL_REPORT_PROFILE_LAW_ENFORCEMENT ||
                           rows[r].profile == TL_REPORT_PROFILE_COORDINATOR);
        }
      g_assert_cmpuint (carried->len, ==, n);

      /* the law-enforcement copy, imported: B holds the cleaned copy and its hash */
      if (rows[r].profile == TL_REPORT_PROFILE_LAW_ENFORCEMENT)
        {
          g_autoptr(TlImportResult) result = NULL;
          g_autoptr(GPtrArray) on_b = NULL;
          g_autoptr(GBytes) bytes = NULL;

          g_assert_true (tl_export_record (export, fx->a.store, &error));
          g_assert_no_error (error);
          result = import_text (fx, g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
          g_assert_cmpuint (result->attachments_added, ==, 1);
          on_b = tl_store_list_attachments (fx->b.store, fx->tip->id, NULL);
          g_assert_cmpuint (on_b->len, ==, 1);
          g_assert_cmpstr (((TlAttachment *) g_ptr_array_index (on_b, 0))->sha256, ==, plain_sha);
          bytes = tl_store_load_attachment (fx->b.store, fx->tip->id, 1, NULL, &error);
          g_assert_no_error (error);
          g_assert_false (tl_test_bytes_contain (bytes, TL_TEST_EVIDENCE_MAKE, strlen (TL_TEST_EVIDENCE_MAKE)));
        }
    }
  /* the copies that left A in law-enforcement's file are recorded one by one */
  g_assert_cmpuint (count_audit (fx->a.store, fx->tip->id, TL_AUDIT_ATTACHMENT_EXPORT), ==, 1);
}

/* One attachment's bytes changed on the way (its hash no longer matches): it is
 * refused with one line naming the tip and the file; the tip and the other attachment
 * arrive. */
static void
test_tampered (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GPtrArray) on_b = NULL;
  g_autoptr(GString) xml = NULL;
  g_autofree char *text = NULL;
  const char *refused;
  char *at;
  gsize length = 0;

  text = tl_exchange_write_tip (fx->a.store, fx->tip, NULL, &length, &error);
  g_assert_no_error (error);
  xml = g_string_new_len (text, length);
  /* the first base64 piece is ad.jpg's: change one character in its middle */
  at = strstr (xml->str, "<data>");
  g_assert_nonnull (at);
  at += strlen ("<data>") + 40;
  *at = *at == 'A' ? 'B' : 'A';

  result = import_text (fx, xml->str, xml->len);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->attachments_added, ==, 1);
  g_assert_cmpuint (result->attachments_refused->len, ==, 1);
  refused = g_ptr_array_index (result->attachments_refused, 0);
  g_assert_nonnull (strstr (refused, "ad.jpg"));
  g_assert_nonnull (strstr (refused, "SHA-256"));
  g_assert_nonnull (strstr (refused, fx->tip->id));
  g_assert_null (strchr (refused, '\n'));
  on_b = tl_store_list_attachments (fx->b.store, fx->tip->id, NULL);
  g_assert_cmpuint (on_b->len, ==, 1);
  g_assert_cmpstr (((TlAttachment *) g_ptr_array_index (on_b, 0))->name, ==, "photo.png");
}

/* An attachment over the size limit is refused before its base64 is decoded. */
static void
test_too_large (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GString) xml = NULL;
  g_autofree char *text = NULL;
  g_autofree char *filler = NULL;
  gsize length = 0;
  gsize pieces = TL_ATTACHMENT_MAX_SIZE / (768 * 1024) + 2;
  gssize pos;
  char *at;

  text = tl_exchange_write_tip (fx->a.store, fx->tip, NULL, &length, &error);
  g_assert_no_error (error);
  xml = g_string_new_len (text, length);
  /* more 1 MiB pieces of "AAAA" than 25 MB of bytes make, after ad.jpg's first piece */
  filler = g_strnfill (1024 * 1024, 'A');
  at = strstr (xml->str, "</data>");
  g_assert_nonnull (at);
  pos = at - xml->str + strlen ("</data>");
  for (gsize i = 0; i < pieces; i++)
    {
      g_autofree char *piece = g_strconcat ("<data>", filler, "</data>", NULL);

      g_string_insert (xml, pos, piece);
    }
  result = import_text (fx, xml->str, xml->len);
  g_assert_cmpuint (result->attachments_added, ==, 1);
  g_assert_cmpuint (result->attachments_refused->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->attachments_refused, 0), "larger than"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/carry/exchange-round-trip", Fixture, NULL, fixture_set_up, test_exchange_round_trip,
              fixture_tear_down);
  g_test_add ("/carry/profiles", Fixture, NULL, fixture_set_up, test_profiles, fixture_tear_down);
  g_test_add ("/carry/tampered", Fixture, NULL, fixture_set_up, test_tampered, fixture_tear_down);
  g_test_add ("/carry/too-large", Fixture, NULL, fixture_set_up, test_too_large, fixture_tear_down);
  return g_test_run ();
}
