/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bundle"

/* Sealed bundles between agencies (issue 21): three stores (A sends, B receives, C is
 * a third agency), the bundle opened layer by layer to check what is inside, every
 * profile's bundle against the XML export under the same profile, and every way a
 * bundle can arrive wrong. tests/cli/test-cli-bundle.c runs the same between two
 * real tipline-cli processes. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "tl-bundle-private.h"
#include "tl-error.h"
#include "tl-export.h"
#include "tl-import.h"
#include "tl-tip-xml.h"
#include "tl-test-evidence.h"
#include "tl-test-store.h"

#define PASS TL_TEST_STORE_PASSPHRASE
#define CANARY_NAME "Qzorbalina Vextrapolus"
#define CANARY_REPORTER "Wembleyquist"
#define CANARY_STORY "Kwimbledorf"

typedef struct
{
  TlTestStore a, b, c;
  char *tip_id;
  char *bundle;                /* A's bundle for B, law-enforcement profile */
} Fixture;

/* helpers */

static void
save_tip (Fixture *fx)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, CANARY_STORY " was seen near the truck stop.");
  tl_set_str (&tip->reporter_name, CANARY_REPORTER);
  tl_set_str (&victim->name, CANARY_NAME);
  tl_set_str (&victim->age, "30");
  g_ptr_array_add (tip->victims, victim);
  tl_test_store_save (&fx->a, tip);
  fx->tip_id = g_strdup (tip->id);
  tl_tip_unref (tip);
}

/* to learns from's public key under name, as if from its key file. */
static void
introduce (TlTestStore *to,
           TlTestStore *from,
           const char  *name)
{
  g_autoptr(TlAgency) identity = tl_store_get_agency_identity (from->store, NULL, NULL);
  g_autofree char *text = tl_agency_key_file_to_text (identity);
  g_autoptr(TlAgency) read = tl_agency_parse_key_file (text, strlen (text), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (read);
  read->name = g_strdup (name);
  g_assert_true (tl_store_add_agency (to->store, read, &error));
  g_assert_no_error (error);
}

static char *
seal (Fixture         *fx,
      TlReportProfile  profile,
      const char      *name)
{
  g_autoptr(TlBundleRequest) request = tl_bundle_request_new (profile);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->a.dir, name, NULL);

  g_ptr_array_add (request->tip_ids, g_strdup (fx->tip_id));
  g_assert_true (tl_bundle_seal (fx->a.store, request, "Agency B", path, TRUE, &error));
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  tl_test_store_init (&fx->a, "bundle-a");
  tl_test_store_create (&fx->a, "Advocate A", PASS);
  tl_test_store_init (&fx->b, "bundle-b");
  tl_test_store_create (&fx->b, "Advocate B", PASS);
  tl_test_store_init (&fx->c, "bundle-c");
  tl_test_store_create (&fx->c, "Advocate C", PASS);
  introduce (&fx->a, &fx->b, "Agency B");
  introduce (&fx->b, &fx->a, "Agency A");
  save_tip (fx);
  fx->bundle = seal (fx, TL_REPORT_PROFILE_LAW_ENFORCEMENT, "le.tlbundle");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  tl_test_store_clear (&fx->a);
  tl_test_store_clear (&fx->b);
  tl_test_store_clear (&fx->c);
  g_free (fx->tip_id);
  g_free (fx->bundle);
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* The signed message inside a bundle, decrypted with B's secret key. */
static GBytes *
decrypt_as (TlTestStore *recipient,
            GBytes      *file,
            GError     **error)
{
  g_autoptr(TlSecret) secret = NULL;
  g_autoptr(TlAgency) own = tl_store_get_agency_identity (recipient->store, &secret, NULL);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (file, &length);

  return _tl_bundle_decrypt (data, length, own, secret, "test", error);
}

static GPtrArray *
documents_in (TlTestStore     *recipient,
              GBytes          *file,
              TlReportProfile *profile)
{
  g_autoptr(TlAgency) own = tl_store_get_agency_identity (recipient->store, NULL, NULL);
  g_autoptr(GBytes) message = decrypt_as (recipient, file, NULL);
  g_autoptr(TlAgency) sender = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = NULL;
  gint64 at = 0;

  g_assert_nonnull (message);
  g_assert_true (_tl_bundle_verify (message, own, &sender, profile, &at, &documents, &error));
  g_assert_no_error (error);
  g_assert_cmpint (at, >, 0);
  return documents;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         length)
{
  g_assert_true (g_file_set_contents (path, (const char *) data, length, NULL));
}

static void
assert_refused (Fixture     *fx,
                TlTestStore *recipient,
                const char  *path,
                const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlBundle) bundle = tl_bundle_open (recipient->store, path, &error);
  gint64 before = tl_store_count_tips (recipient->store, NULL, NULL);

  g_assert_null (bundle);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (tl_store_count_tips (recipient->store, NULL, NULL), ==, before);
}

/* tests */

/* A seals for B, B opens: the sender is named, the tip arrives through the import,
 * without what the profile withholds; A's audit log records the export. */
static void
test_round_trip (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlBundle) bundle = tl_bundle_open (fx->b.store, fx->bundle, &error);
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(TlAgency) a = tl_store_get_agency_identity (fx->a.store, NULL, NULL);
  g_autofree char *a_fingerprint = tl_agency_dup_fingerprint (a);
  g_autoptr(GPtrArray) audit = NULL;
  guint exports = 0;

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  g_assert_cmpstr (bundle->sender->name, ==, "Agency A");
  g_assert_cmpstr (bundle->fingerprint, ==, a_fingerprint);
  g_assert_cmpint (bundle->profile, ==, TL_REPORT_PROFILE_LAW_ENFORCEMENT);
  g_assert_cmpuint (bundle->tips->len, ==, 1);
  g_assert_cmpint (tl_store_count_tips (fx->b.store, NULL, NULL), ==, 0);   /* not yet */

  result = tl_bundle_import (fx->b.store, bundle, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  tip = tl_store_load_tip (fx->b.store, fx->tip_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tip->narrative, CANARY_STORY));
  g_assert_null (((TlVictim *) g_ptr_array_index (tip->victims, 0))->name);
  g_assert_null (tip->reporter_name);

  audit = tl_store_list_audit (fx->a.store, fx->tip_id, NULL);
  for (guint i = 0; i < audit->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (audit, i))->action == TL_AUDIT_EXPORT)
      exports++;
  g_assert_cmpuint (exports, ==, 1);
}

/* Every profile: the document in the bundle is byte for byte the XML export under the
 * same profile, so the disclosure table decides every field of a bundle as it does of
 * an export; the victim's name (no signed release) is in it only where the table shows
 * it, and no canary is ever in the file itself. A profile added without a row fails. */
static void
test_every_profile (Fixture       *fx,
                    gconstpointer  data)
{
  static const struct
  {
    TlReportProfile profile;
    gboolean shows_victim_name;
    gboolean shows_reporter_name;
  } table[] = {
    { TL_REPORT_PROFILE_LAW_ENFORCEMENT, FALSE, FALSE },
    { TL_REPORT_PROFILE_ANONYMOUS_TIP, FALSE, FALSE },
    { TL_REPORT_PROFILE_SERVICE_PROVIDER, FALSE, FALSE },
    { TL_REPORT_PROFILE_COORDINATOR, FALSE, FALSE },
    { TL_REPORT_PROFILE_FULL, TRUE, TRUE },
  };
  guint n_profiles = 0;
  g_autoptr(TlTip) tip = tl_store_load_tip (fx->a.store, fx->tip_id, NULL);

  while (tl_report_profile_values[n_profiles].nick != NULL)
    n_profiles++;
  g_assert_cmpuint (n_profiles, ==, G_N_ELEMENTS (table));

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u.tlbundle", i);
      g_autofree char *path = seal (fx, table[i].profile, name);
      g_autoptr(GBytes) file = read_file (path);
      g_autoptr(GPtrArray) documents = NULL;
      g_autoptr(TlExport) export = tl_export_new (tip, table[i].profile, TL_REPORT_XML, NULL);
      g_autoptr(GBytes) expected = NULL;
      TlReportProfile profile;
      const char *canaries[] = { CANARY_NAME, CANARY_REPORTER, CANARY_STORY, fx->tip_id,
                                 tl_enum_to_nick (tl_report_profile_values, table[i].profile),
                                 "Agency", "urn:tipline" };

      for (guint c = 0; c < G_N_ELEMENTS (canaries); c++)
        if (bytes_contain (file, canaries[c]))
          g_error ("the bundle file shows “%s” in clear", canaries[c]);

      documents = documents_in (&fx->b, file, &profile);
      g_assert_cmpint (profile, ==, table[i].profile);
      g_assert_cmpuint (documents->len, ==, 1);
      expected = tl_export_render (export, NULL);
      g_assert_true (g_bytes_equal (g_ptr_array_index (documents, 0), expected));
      g_assert_cmpint (bytes_contain (g_ptr_array_index (documents, 0), CANARY_NAME), ==,
                       table[i].shows_victim_name);
      g_assert_cmpint (bytes_contain (g_ptr_array_index (documents, 0), CANARY_REPORTER), ==,
                       table[i].shows_reporter_name);
      g_assert_true (bytes_contain (g_ptr_array_index (documents, 0), CANARY_STORY));
    }
}

/* One byte changed anywhere, a byte added, the file cut short at any point: refused with
 * its own one-line reason, and nothing imported. */
static void
test_tampered_and_truncated (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GBytes) file = read_file (fx->bundle);
  g_autofree char *bad = g_build_filename (fx->b.dir, "bad.tlbundle", NULL);
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (file, &length);
  g_autofree guint8 *copy = g_malloc (length + 1);
  static const struct
  {
    gssize at;                 /* from the end when negative */
    const char *expected;
  } flips[] = {
    { 0, "is not a sealed Tipline bundle" },           /* magic */
    { 9, "is incomplete" },                            /* length: claims more */
    { 20, "not sealed for this agency" },              /* envelope */
    { 100, "was changed after it was sealed" },        /* stream header */
    { 200, "was changed after it was sealed" },        /* first chunk */
    { -1, "was changed after it was sealed" },         /* last byte */
  };

  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      gsize at = flips[i].at >= 0 ? (gsize) flips[i].at : length + flips[i].at;

      memcpy (copy, bytes, length);
      copy[at] ^= 0x01;
      if (at == 9)
        copy[at] = 0x7f;   /* a length far beyond the file */
      write_bytes (bad, copy, length);
      assert_refused (fx, &fx->b, bad, flips[i].expected);
    }

  memcpy (copy, bytes, length);
  copy[length] = 0;
  write_bytes (bad, copy, length + 1);
  assert_refused (fx, &fx->b, bad, "was changed after it was sealed");

  for (gsize cut = 1; cut < length; cut += cut < 200 ? 7 : 997)
    {
      write_bytes (bad, bytes, cut);
      assert_refused (fx, &fx->b, bad, "is incomplete");
    }
  /* the plain import of tip files points to opening it instead */
  {
    const char *paths[] = { fx->bundle, NULL };
    g_autoptr(GError) error = NULL;

    g_assert_null (tl_import_files (fx->b.store, paths, NULL, NULL, &error));
    g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "is a sealed bundle"));
  }
  write_bytes (bad, (const guint8 *) "hello", 5);
  assert_refused (fx, &fx->b, bad, "is not a sealed Tipline bundle");
  g_assert_false (tl_bundle_file_is_bundle (bad));
  g_assert_true (tl_bundle_file_is_bundle (fx->bundle));
}

/* C cannot open B's bundle; a message B decrypted and re-sealed to C (forwarded as if
 * A had meant it for C) fails the signature, which covers the recipient. */
static void
test_wrong_recipient (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GBytes) file = read_file (fx->bundle);
  g_autoptr(GBytes) message = decrypt_as (&fx->b, file, NULL);
  g_autoptr(TlAgency) c = tl_store_get_agency_identity (fx->c.store, NULL, NULL);
  g_autoptr(GBytes) forwarded = _tl_bundle_encrypt (message, c);
  g_autofree char *path = g_build_filename (fx->c.dir, "fwd.tlbundle", NULL);

  assert_refused (fx, &fx->c, fx->bundle, "not sealed for this agency");
  write_bytes (path, g_bytes_get_data (forwarded, NULL), g_bytes_get_size (forwarded));
  assert_refused (fx, &fx->c, path, "signature does not hold");
}

/* Someone who knows B's public key (it is public) changes the content and encrypts it
 * again: the encryption holds, the signature does not. */
static void
test_forged_content (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GBytes) file = read_file (fx->bundle);
  g_autoptr(GBytes) message = decrypt_as (&fx->b, file, NULL);
  g_autoptr(TlAgency) b = tl_store_get_agency_identity (fx->b.store, NULL, NULL);
  g_autofree char *path = g_build_filename (fx->b.dir, "forged.tlbundle", NULL);
  gsize length = g_bytes_get_size (message);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (message, NULL), length);
  guint8 *story = memmem (copy, length, CANARY_STORY, strlen (CANARY_STORY));
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GBytes) sealed = NULL;

  g_assert_nonnull (story);
  story[0] = 'X';
  changed = g_bytes_new (copy, length);
  sealed = _tl_bundle_encrypt (changed, b);
  write_bytes (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  assert_refused (fx, &fx->b, path, "signature does not hold");
}

/* A bundle from an agency B never saved opens, with the fingerprint and no name; a
 * properly signed document that is not a valid tip file is refused as an import is. */
static void
test_unknown_sender_and_invalid_tip (Fixture       *fx,
                                     gconstpointer  data)
{
  g_autoptr(TlSecret) c_secret = NULL;
  g_autoptr(TlAgency) c = tl_store_get_agency_identity (fx->c.store, &c_secret, NULL);
  g_autoptr(TlAgency) b = tl_store_get_agency_identity (fx->b.store, NULL, NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autofree char *xml = NULL;
  g_autofree char *path = g_build_filename (fx->b.dir, "c.tlbundle", NULL);
  g_autofree char *c_fingerprint = tl_agency_dup_fingerprint (c);
  g_autoptr(TlBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  TlTip *tip = tl_tip_new ();

  tl_set_str (&tip->location.state, "NM");
  g_ptr_array_add (tips, tip);
  xml = tl_tip_xml_write (tips, FALSE, &length);
  g_ptr_array_add (documents, g_bytes_new (xml, length));
  {
    g_autoptr(GBytes) message = _tl_bundle_sign (c, c_secret, b, TL_REPORT_PROFILE_COORDINATOR, 1, documents);
    g_autoptr(GBytes) sealed = _tl_bundle_encrypt (message, b);

    write_bytes (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  }
  bundle = tl_bundle_open (fx->b.store, path, &error);
  g_assert_no_error (error);
  g_assert_null (bundle->sender->name);
  g_assert_cmpstr (bundle->fingerprint, ==, c_fingerprint);

  g_ptr_array_set_size (documents, 0);
  g_ptr_array_add (documents, g_bytes_new_static ("<tip xmlns=\"urn:tipline:tip:1\"><bogus/></tip>", 45));
  {
    g_autoptr(GBytes) message = _tl_bundle_sign (c, c_secret, b, TL_REPORT_PROFILE_COORDINATOR, 1, documents);
    g_autoptr(GBytes) sealed = _tl_bundle_encrypt (message, b);

    write_bytes (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  }
  g_clear_pointer (&bundle, tl_bundle_free);
  bundle = tl_bundle_open (fx->b.store, path, &error);
  g_assert_null (bundle);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
}

/* A tip the other agency's Tipline would refuse (a birth date that is not a date, which
 * the full profile carries) is not sealed: no file, an error naming the tip. */
static void
test_invalid_tip_not_sealed (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(TlTip) tip = tl_store_load_tip (fx->a.store, fx->tip_id, NULL);
  g_autoptr(TlBundleRequest) request = tl_bundle_request_new (TL_REPORT_PROFILE_FULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->a.dir, "invalid.tlbundle", NULL);

  tl_set_str (&((TlVictim *) g_ptr_array_index (tip->victims, 0))->birth_date, "yesterday");
  tl_test_store_save (&fx->a, tip);
  g_ptr_array_add (request->tip_ids, g_strdup (fx->tip_id));
  g_assert_false (tl_bundle_seal (fx->a.store, request, "Agency B", path, FALSE, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, fx->tip_id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Known agencies: saved by the name typed, listed, refused twice under one name or one
 * key, never this store's own key; the key file refuses a changed fingerprint. */
static void
test_agencies (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(TlAgency) own = tl_store_get_agency_identity (fx->a.store, NULL, NULL);
  g_autoptr(TlAgency) again = tl_store_get_agency_identity (fx->a.store, NULL, NULL);
  g_autoptr(TlAgency) c = tl_store_get_agency_identity (fx->c.store, NULL, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = tl_agency_dup_fingerprint (own);
  g_autofree char *text = tl_agency_key_file_to_text (own);
  g_autoptr(TlAgency) copy = NULL;
  char *fp_line;

  /* one identity per store, kept */
  g_assert_cmpmem (own->sign_public, 32, again->sign_public, 32);
  g_assert_true (g_regex_match_simple ("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", fingerprint, 0, 0));

  copy = tl_agency_copy (c);
  copy->name = g_strdup ("Agency B");
  g_assert_false (tl_store_add_agency (fx->a.store, copy, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (copy->name);
  copy->name = g_strdup ("Agency C");
  g_assert_true (tl_store_add_agency (fx->a.store, copy, &error));
  g_assert_no_error (error);
  g_free (copy->name);
  copy->name = g_strdup ("Agency C again");
  g_assert_false (tl_store_add_agency (fx->a.store, copy, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_EXISTS);
  g_clear_error (&error);

  /* names: empty, a line break, too long */
  {
    const char *bad_names[] = { "  ", "Agency\nD", NULL };
    g_autofree char *long_name = g_strnfill (TL_AGENCY_NAME_MAX + 1, 'x');

    bad_names[2] = long_name;
    for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
      {
        g_free (copy->name);
        copy->name = g_strdup (bad_names[i]);
        g_assert_false (tl_store_add_agency (fx->a.store, copy, &error));
        g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
        g_clear_error (&error);
      }
  }

  g_clear_pointer (&copy, tl_agency_free);
  copy = tl_agency_copy (own);
  copy->name = g_strdup ("Ourselves");
  g_assert_false (tl_store_add_agency (fx->a.store, copy, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);

  list = tl_store_list_agencies (fx->a.store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((TlAgency *) g_ptr_array_index (list, 0))->name, ==, "Agency B");
  g_assert_cmpstr (((TlAgency *) g_ptr_array_index (list, 1))->name, ==, "Agency C");
  g_assert_true (tl_store_remove_agency (fx->a.store, "agency c", &error));
  g_assert_no_error (error);
  g_assert_false (tl_store_remove_agency (fx->a.store, "Agency C", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a key file whose fingerprint line was changed */
  fp_line = strstr (text, "fingerprint ") + strlen ("fingerprint ");
  fp_line[0] = fp_line[0] == 'A' ? 'B' : 'A';
  g_assert_null (tl_agency_parse_key_file (text, strlen (text), &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tl_agency_parse_key_file ("hello\n", 6, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
}

/* issue 20: a bundle carries what its profile sends of each attachment. Under
 * law-enforcement (no signed release) the offender's ad travels as its cleaned copy
 * and the victim's photo stays at A; B keeps the copy with the hash of what arrived and
 * an attach entry, and A records the copy that left. */
static void
test_attachments (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) plain = tl_test_evidence_plain_jpeg ();
  g_autofree char *plain_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, plain);
  g_autofree char *path = NULL;
  g_autoptr(TlBundle) bundle = NULL;
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GPtrArray) on_b = NULL;
  g_autoptr(GPtrArray) audit_a = NULL;
  g_autoptr(GPtrArray) audit_b = NULL;
  const TlAttachment *arrived;
  guint exported = 0, attached = 0;

  g_assert_cmpuint (tl_store_add_attachment (fx->a.store, fx->tip_id, "ad.jpg", jpeg, 0,
                                             TL_ATTACHMENT_KIND_OFFENDER_AD, &error), ==, 1);
  g_assert_cmpuint (tl_store_add_attachment (fx->a.store, fx->tip_id, "photo.jpg", jpeg, 0,
                                             TL_ATTACHMENT_KIND_VICTIM, &error), ==, 2);
  g_assert_no_error (error);
  path = seal (fx, TL_REPORT_PROFILE_LAW_ENFORCEMENT, "attachments.tlbundle");

  bundle = tl_bundle_open (fx->b.store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundle->attachments->len, ==, 1);
  result = tl_bundle_import (fx->b.store, bundle, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->attachments_added, ==, 1);
  g_assert_cmpuint (result->attachments_refused->len, ==, 0);

  on_b = tl_store_list_attachments (fx->b.store, fx->tip_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_b->len, ==, 1);
  arrived = g_ptr_array_index (on_b, 0);
  g_assert_cmpstr (arrived->name, ==, "ad.jpg");
  g_assert_cmpstr (arrived->sha256, ==, plain_sha);
  g_assert_cmpint (arrived->kind, ==, TL_ATTACHMENT_KIND_OFFENDER_AD);

  audit_a = tl_store_list_audit (fx->a.store, fx->tip_id, NULL);
  for (guint i = 0; i < audit_a->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (audit_a, i))->action == TL_AUDIT_ATTACHMENT_EXPORT)
      exported++;
  g_assert_cmpuint (exported, ==, 1);
  audit_b = tl_store_list_audit (fx->b.store, fx->tip_id, NULL);
  for (guint i = 0; i < audit_b->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (audit_b, i))->action == TL_AUDIT_ATTACH)
      attached++;
  g_assert_cmpuint (attached, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bundle/round-trip", test_round_trip);
  ADD ("/bundle/every-profile", test_every_profile);
  ADD ("/bundle/tampered-and-truncated", test_tampered_and_truncated);
  ADD ("/bundle/wrong-recipient", test_wrong_recipient);
  ADD ("/bundle/forged-content", test_forged_content);
  ADD ("/bundle/unknown-sender-and-invalid-tip", test_unknown_sender_and_invalid_tip);
  ADD ("/bundle/invalid-tip-not-sealed", test_invalid_tip_not_sealed);
  ADD ("/bundle/agencies", test_agencies);
  ADD ("/bundle/attachments", test_attachments);
#undef ADD
  return g_test_run ();
}
