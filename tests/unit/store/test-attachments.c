/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-attachments"

#include "config.h"

#include <string.h>

#include "tl-error.h"
#include "tl-store-testing.h"
#include "tl-test-evidence.h"
#include "tl-test-store.h"

/* Attachments (issue 20): evidence kept inside the encrypted store. What a hotline needs
 * of it: the type comes from the bytes; the hash recorded at arrival matches the bytes
 * given back after a reopen, a backup and restore and a re-key; the audit says what the
 * evidence was (its hash); the limits are one sentence each; a delete leaves no byte of
 * it in the store's files; search finds a tip by an attachment's name or an e-mail's
 * text; the same file on two tips links them. */

#define CANARY "Qzxattachcanary"
#define PASS_B "a second advocate's passphrase"

typedef TlTestStore Fixture;

/* Every type, one sample: adding a type without a row here fails test_sniff_table. */
static const struct
{
  TlAttachmentType type;
  const char *bytes;
  gsize length;
} sniff_rows[] = {
  { TL_ATTACHMENT_TYPE_PNG, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16 },
  { TL_ATTACHMENT_TYPE_JPEG, "\xff\xd8\xff\xe0\0\x10JFIF", 10 },
  { TL_ATTACHMENT_TYPE_GIF, "GIF89a\x01\0\x01\0", 10 },
  { TL_ATTACHMENT_TYPE_WEBP, "RIFF\x1a\0\0\0WEBPVP8 ", 16 },
  { TL_ATTACHMENT_TYPE_PDF, "%PDF-1.7\n%\xe2\xe3\n", 13 },
  { TL_ATTACHMENT_TYPE_WAV, "RIFF$\0\0\0WAVEfmt ", 16 },
  { TL_ATTACHMENT_TYPE_OGG, "OggS\0\x02\0\0", 8 },
  { TL_ATTACHMENT_TYPE_MP3, "ID3\x04\0\0\0\0\0\0", 10 },
  { TL_ATTACHMENT_TYPE_M4A, "\0\0\0\x20" "ftypM4A \0\0\0\0", 16 },
  { TL_ATTACHMENT_TYPE_EML, "Received: from mx.example.org\r\nFrom: a@example.org\r\nSubject: ad\r\n\r\nbody", 71 },
  { TL_ATTACHMENT_TYPE_MSG, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0_\0_\0s\0u\0b\0s\0t\0g\0" "1\0.\0" "0\0_\0", 34 },
  { TL_ATTACHMENT_TYPE_TEXT, "Ad text: call now, new girls\n", 29 },
};

/* What is refused, and why: each a sample a careless sniffer would take. */
static const struct
{
  const char *what;
  const char *bytes;
  gsize length;
} refused_rows[] = {
  { "a Word file (OLE2 with no message streams)", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0WordDocument", 22 },
  { "an executable", "\x7f" "ELF\x02\x01\x01\0\0\0", 10 },
  { "a ZIP archive", "PK\x03\x04\x14\0\0\0", 8 },
  { "an MP4 video", "\0\0\0\x20" "ftypisom\0\0\0\0", 16 },
  { "an AVI video", "RIFF$\0\0\0AVI LIST", 16 },
  { "binary with a NUL", "hello\0world", 11 },
  { "Latin-1 text", "ni\xf1o", 4 },
};

/* helpers */

static TlTip *
save_tip (Fixture *fx)
{
  TlTip *tip = tl_tip_new ();

  tip->type = TL_TRAFFICKING_SEX;
  tl_set_str (&tip->location.state, "NM");
  tl_test_store_save (fx, tip);
  return tip;
}

static guint
attach (Fixture    *fx,
        const char *tip_id,
        const char *name,
        GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  guint number = tl_store_add_attachment (fx->store, tip_id, name, bytes, 0,
                                          TL_ATTACHMENT_KIND_UNCLASSIFIED, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (number, >, 0);
  return number;
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
assert_same_bytes (Fixture    *fx,
                   const char *tip_id,
                   guint       number,
                   GBytes     *expected)
{
  g_autoptr(TlAttachment) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = tl_store_load_attachment (fx->store, tip_id, number, &info, &error);
  g_autofree char *sha = sha256_of (expected);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, expected));
  g_assert_cmpstr (info->sha256, ==, sha);
}

static gboolean
file_contains (Fixture    *fx,
               const char *name,
               const char *needle)
{
  g_autofree char *path = tl_test_store_path (fx, name);
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static void
setup_plain (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tl_test_store_init (fx, "plain");
  g_clear_object (&fx->store);
  fx->store = _tl_store_new_plain (fx->dir);
  g_assert_true (tl_store_create (fx->store, "unused", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
}

/* tests */

static void
test_sniff_table (void)
{
  guint covered = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sniff_rows); i++)
    {
      g_test_message ("%s", tl_enum_to_nick (tl_attachment_type_values, sniff_rows[i].type));
      g_assert_cmpint (tl_attachment_sniff ((const guint8 *) sniff_rows[i].bytes, sniff_rows[i].length),
                       ==, sniff_rows[i].type);
      g_assert_cmpstr (tl_attachment_type_mime (sniff_rows[i].type), !=, "application/octet-stream");
      covered++;
    }
  /* Every type but UNKNOWN has its row. */
  g_assert_cmpuint (covered, ==, tl_enum_count (tl_attachment_type_values) - 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused_rows); i++)
    {
      g_test_message ("refused: %s", refused_rows[i].what);
      g_assert_cmpint (tl_attachment_sniff ((const guint8 *) refused_rows[i].bytes, refused_rows[i].length),
                       ==, TL_ATTACHMENT_TYPE_UNKNOWN);
    }

  /* Headers without From are text, not an e-mail. */
  g_assert_cmpint (tl_attachment_sniff ((const guint8 *) "Subject: hi\r\nDate: today\r\n\r\nbody", 32),
                   ==, TL_ATTACHMENT_TYPE_TEXT);

  /* The name never decides: a PNG called .pdf is a PNG. */
  {
    g_autoptr(GBytes) png = tl_test_evidence_png ();
    g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();

    g_assert_cmpint (tl_attachment_sniff (g_bytes_get_data (png, NULL), g_bytes_get_size (png)),
                     ==, TL_ATTACHMENT_TYPE_PNG);
    g_assert_cmpint (tl_attachment_sniff (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg)),
                     ==, TL_ATTACHMENT_TYPE_JPEG);
  }
}

static void
test_attach_reopen (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = sha256_of (jpeg);
  g_autofree char *detail = NULL;
  const TlAttachment *a;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  guint number;

  number = tl_store_add_attachment (fx->store, tip->id, "/home/someone/Downloads/ad screenshot.pdf",
                                    jpeg, 1773522309, TL_ATTACHMENT_KIND_OFFENDER_AD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 1);

  tl_test_store_reopen (fx, TL_TEST_STORE_PASSPHRASE);
  list = tl_store_list_attachments (fx->store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpuint (a->number, ==, 1);
  g_assert_cmpstr (a->tip_id, ==, tip->id);
  g_assert_cmpstr (a->name, ==, "ad screenshot.pdf");          /* the folder is not kept */
  g_assert_cmpint (a->type, ==, TL_ATTACHMENT_TYPE_JPEG);      /* the bytes, not the name */
  g_assert_cmpint (a->kind, ==, TL_ATTACHMENT_KIND_OFFENDER_AD);
  g_assert_cmpint (a->size, ==, g_bytes_get_size (jpeg));
  g_assert_cmpstr (a->sha256, ==, sha);
  g_assert_cmpint (a->captured, ==, 1773522309);
  g_assert_cmpint (a->attached, >=, before);
  g_assert_cmpstr (a->advocate, ==, TL_TEST_STORE_ADVOCATE);
  assert_same_bytes (fx, tip->id, 1, jpeg);

  /* The audit entry names the number and the hash, never the name. */
  audit = tl_store_list_audit (fx->store, tip->id, &error);
  detail = g_strdup_printf ("1 sha256:%s", sha);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < audit->len; i++)
      {
        TlAuditEntry *entry = g_ptr_array_index (audit, i);

        if (entry->action == TL_AUDIT_ATTACH)
          {
            g_assert_cmpstr (entry->detail, ==, detail);
            g_assert_cmpstr (entry->advocate, ==, TL_TEST_STORE_ADVOCATE);
            found = TRUE;
          }
        g_assert_null (entry->detail == NULL ? NULL : strstr (entry->detail, "screenshot"));
      }
    g_assert_true (found);
  }

  /* Classified later, audited. */
  g_assert_true (tl_store_classify_attachment (fx->store, tip->id, 1, TL_ATTACHMENT_KIND_VICTIM, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = tl_store_list_attachments (fx->store, tip->id, &error);
  g_assert_cmpint (((TlAttachment *) g_ptr_array_index (list, 0))->kind, ==, TL_ATTACHMENT_KIND_VICTIM);

  /* An unknown number is one sentence naming the tip. */
  g_assert_null (tl_store_load_attachment (fx->store, tip->id, 9, NULL, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, tip->id));
}

static void
test_encrypted_at_rest (Fixture       *fx,
                        gconstpointer  data)
{
  static const char text[] = "Ad copy " CANARY " call 505 555 0100\n";
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  static const char * const files[] = { "tipline.db", "tipline.db-wal", "tipline.keys" };

  attach (fx, tip->id, CANARY ".txt", bytes);
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        g_assert_false (file_contains (fx, files[i], CANARY));
      tl_store_lock (fx->store);
    }
}

static void
test_limits (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(TlTip) other = save_tip (fx);
  g_autoptr(GBytes) png = tl_test_evidence_plain_png ();
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *big = g_malloc0 (TL_ATTACHMENT_MAX_SIZE + 1);
  g_autoptr(GBytes) too_big = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) zip = g_bytes_new_static ("PK\x03\x04\x14\0\0\0", 8);
  g_autoptr(GPtrArray) list = NULL;

  /* The size cap: one sentence with the limit in it. */
  memcpy (big, "\x89PNG\r\n\x1a\n", 8);
  too_big = g_bytes_new_take (g_steal_pointer (&big), TL_ATTACHMENT_MAX_SIZE + 1);
  g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, "huge.png", too_big, 0, 0, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "25 MB"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, "empty.txt", empty, 0, 0, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, "photos.zip", zip, 0, 0, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "photos.zip"));
  g_clear_error (&error);
  g_assert_cmpuint (tl_store_add_attachment (fx->store, "no-such-tip", "a.png", png, 0, 0, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The number per tip. */
  for (guint i = 0; i < TL_ATTACHMENT_MAX_PER_TIP; i++)
    g_assert_cmpuint (attach (fx, tip->id, "a.png", png), ==, i + 1);
  g_assert_cmpuint (tl_store_add_attachment (fx->store, tip->id, "one-more.png", png, 0, 0, &error), ==, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "20"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  /* Another tip is not full; a removed attachment makes room. */
  attach (fx, other->id, "a.png", png);
  g_assert_true (tl_store_delete_attachment (fx->store, tip->id, 3, &error));
  g_assert_cmpuint (attach (fx, tip->id, "a.png", png), ==, TL_ATTACHMENT_MAX_PER_TIP + 1);
  list = tl_store_list_attachments (fx->store, tip->id, &error);
  g_assert_cmpuint (list->len, ==, TL_ATTACHMENT_MAX_PER_TIP);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM audit WHERE action = 'attach'"),
                   ==, TL_ATTACHMENT_MAX_PER_TIP + 2);
}

/* Plain mode (no cipher), so the canary is there to find before the delete. */
static void
test_delete_canary (Fixture       *fx,
                    gconstpointer  data)
{
  static const char text[] = "Victim statement " CANARY " with her address\n";
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(TlTip) gone = save_tip (fx);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) keep = g_bytes_new_static ("Keepsake text\n", 14);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _tl_store_get_db (fx->store);

  attach (fx, tip->id, "statement-" CANARY ".txt", bytes);
  attach (fx, tip->id, "keep.txt", keep);
  attach (fx, gone->id, "copy.txt", bytes);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (file_contains (fx, "tipline.db", CANARY));       /* control */

  /* One attachment removed, and a tip with its attachment deleted. */
  g_assert_true (tl_store_delete_attachment (fx->store, tip->id, 1, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_delete_tip (fx->store, gone->id, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_purge_is_pending (fx->store));
  g_assert_true (tl_store_purge (fx->store, &error));
  g_assert_no_error (error);

  g_assert_false (file_contains (fx, "tipline.db", CANARY));
  g_assert_false (file_contains (fx, "tipline.db", "Victim statement"));
  g_assert_false (file_contains (fx, "tipline.db-wal", CANARY));
  g_assert_true (file_contains (fx, "tipline.db", "Keepsake text"));
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM attachment_data"), ==, 1);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM attachments_fts"), ==, 1);
  tl_store_lock (fx->store);
}

/* One attachment removed from a tip that keeps others (the app's remove button,
 * tipline-cli detach): where the evidence was, a canary each; after the purge (lock and
 * backup run it) none is left in the store's files, the other attachments keep their
 * bytes and numbers, and the audit entry holds the number and hash only. */
static void
test_remove_one_canary (Fixture       *fx,
                        gconstpointer  data)
{
  static const struct
  {
    const char *where;
    const char *canary;
  } places[] = {
    { "the file's name", "Qzxnamecanary" },
    { "an e-mail header (the bytes only)", "Qzxheadercanary" },
    { "the e-mail's body (the bytes and the search index)", "Qzxbodycanary" },
  };
  static const char eml[] =
    "Received: from mx.example.org\r\n"
    "From: recruiter@example.org\r\n"
    "Subject: Qzxheadercanary\r\n"
    "\r\n"
    "Her room is above the Qzxbodycanary bakery.\r\n";
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GBytes) mail = g_bytes_new_static (eml, sizeof eml - 1);
  g_autoptr(GBytes) before = g_bytes_new_static ("Kept before\n", 12);
  g_autoptr(GBytes) after = g_bytes_new_static ("Kept after\n", 11);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = sha256_of (mail);
  g_autofree char *detail = g_strdup_printf ("2 sha256:%s", sha);
  sqlite3 *db = _tl_store_get_db (fx->store);
  sqlite3_stmt *stmt = NULL;

  attach (fx, tip->id, "before.txt", before);
  attach (fx, tip->id, "offer-Qzxnamecanary.eml", mail);
  attach (fx, tip->id, "after.txt", after);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_assert_true (file_contains (fx, "tipline.db", places[i].canary));   /* control */

  g_assert_true (tl_store_delete_attachment (fx->store, tip->id, 2, &error));
  g_assert_no_error (error);
  found = tl_store_search (fx->store, "Qzxbodycanary", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_true (tl_store_purge_is_pending (fx->store));
  g_assert_true (tl_store_purge (fx->store, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_test_message ("%s", places[i].where);
      g_assert_false (file_contains (fx, "tipline.db", places[i].canary));
      g_assert_false (file_contains (fx, "tipline.db-wal", places[i].canary));
    }

  /* The others: bytes and numbers as they were. */
  list = tl_store_list_attachments (fx->store, tip->id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (((TlAttachment *) g_ptr_array_index (list, 0))->number, ==, 1);
  g_assert_cmpuint (((TlAttachment *) g_ptr_array_index (list, 1))->number, ==, 3);
  assert_same_bytes (fx, tip->id, 1, before);
  assert_same_bytes (fx, tip->id, 3, after);

  /* The audit: number and hash. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT detail FROM audit WHERE action = 'attachment-delete'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, detail);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  tl_store_lock (fx->store);
}

static void
test_backup_restore_rekey (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_tip (fx);
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) png = tl_test_evidence_png ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *backup_dir = tl_store_get_backup_dir (fx->store);
  g_autofree char *backup_path = NULL;

  attach (fx, tip->id, "photo.jpg", jpeg);
  attach (fx, tip->id, "ad.png", png);

  /* The backup folder goes with the fixture (tl_test_store_clear). */
  backup_path = tl_store_backup_rolling (fx->store, backup_dir, 5, &error);
  g_assert_no_error (error);

  /* Removed after the backup; the restore brings it back, bytes and all. */
  g_assert_true (tl_store_delete_attachment (fx->store, tip->id, 1, &error));
  g_assert_true (tl_store_restore (fx->store, backup_path, TL_TEST_STORE_PASSPHRASE, &kept, &error));
  g_assert_no_error (error);
  list = tl_store_list_attachments (fx->store, tip->id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  assert_same_bytes (fx, tip->id, 1, jpeg);
  assert_same_bytes (fx, tip->id, 2, png);

  /* A re-key (removing a passphrase) rewrites the database: the evidence comes along. */
  g_assert_true (tl_store_add_passphrase (fx->store, TL_TEST_STORE_PASSPHRASE, "B",
                                          PASS_B, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_remove_key_slot (fx->store, TL_TEST_STORE_PASSPHRASE, 1, &error));
  g_assert_no_error (error);
  tl_test_store_reopen (fx, TL_TEST_STORE_PASSPHRASE);
  assert_same_bytes (fx, tip->id, 1, jpeg);
  assert_same_bytes (fx, tip->id, 2, png);
}

static void
test_search_and_links (Fixture       *fx,
                       gconstpointer  data)
{
  static const char eml[] =
    "Received: from mail.example.net (mail.example.net [192.0.2.7])\r\n"
    "From: sender@example.net\r\n"
    "Subject: job offer\r\n"
    "Date: Sat, 14 Mar 2026 21:05:09 -0600\r\n"
    "\r\n"
    "Housing provided, passport kept by Zorvexmanager until paid.\r\n";
  g_autoptr(TlTip) first = save_tip (fx);
  g_autoptr(TlTip) second = save_tip (fx);
  g_autoptr(TlTip) third = save_tip (fx);
  g_autoptr(GBytes) mail = g_bytes_new_static (eml, sizeof eml - 1);
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GBytes) png = tl_test_evidence_png ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = sha256_of (jpeg);
  TlLink *link = NULL;

  attach (fx, first->id, "offer.eml", mail);
  attach (fx, first->id, "backpage-listing.jpg", jpeg);
  attach (fx, second->id, "screenshot.jpg", jpeg);
  attach (fx, third->id, "other.png", png);

  /* By the e-mail's text and by an attachment's name. */
  found = tl_store_search (fx->store, "Zorvexmanager", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (found, 0))->id, ==, first->id);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = tl_store_search (fx->store, "backpage", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = tl_store_search (fx->store, "screenshot", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (found, 0))->id, ==, second->id);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The same ad screenshot reached two advocates. */
  links = tl_store_find_links_by_id (fx->store, first->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    if (((TlLink *) g_ptr_array_index (links, i))->kind == TL_LINK_ATTACHMENT)
      link = g_ptr_array_index (links, i);
  g_assert_nonnull (link);
  g_assert_cmpstr (link->value, ==, sha);
  g_assert_cmpstr (link->typed, ==, "backpage-listing.jpg");
  g_assert_cmpuint (link->n_tips, ==, 1);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (link->tips, 0))->id, ==, second->id);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* No link from a file only one tip has. */
  links = tl_store_find_links_by_id (fx->store, third->id, &error);
  for (guint i = 0; i < links->len; i++)
    g_assert_cmpint (((TlLink *) g_ptr_array_index (links, i))->kind, !=, TL_LINK_ATTACHMENT);

  /* A removed attachment is no longer found. */
  g_assert_true (tl_store_delete_attachment (fx->store, second->id, 1, &error));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = tl_store_search (fx->store, "screenshot", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
}

/* A word in more tips than the store sorts (2,000) walks the list index against every
 * matching tip: those whose text matches and those whose attachment does (read
 * separately and merged). A tip found only by its attachment's name and one found both
 * ways are the two newest, so they come first, each once. */
static void
test_search_many_with_attachments (Fixture       *fx,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GBytes) png = tl_test_evidence_png ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) by_name = tl_tip_new ();
  g_autoptr(TlTip) both = tl_tip_new ();
  const guint n = 2100;

  for (guint i = 0; i < n; i++)
    {
      TlTip *tip = tl_tip_new ();

      tl_set_str (&tip->narrative, "Seen near the harbor.");
      tip->modified = G_GINT64_CONSTANT (1700000000000000) + i * 1000;
      g_ptr_array_add (tips, tip);
    }
  g_assert_true (_tl_store_save_tips (fx->store, tips, &error));
  g_assert_no_error (error);

  tl_set_str (&by_name->narrative, "Only the map says where.");
  tl_test_store_save (fx, by_name);
  attach (fx, by_name->id, "harbor-map.png", png);
  tl_set_str (&both->narrative, "Boats at the harbor.");
  tl_test_store_save (fx, both);
  attach (fx, both->id, "harbor.png", png);

  found = tl_store_search (fx->store, "harbor", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 10);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (found, 0))->id, ==, both->id);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (found, 1))->id, ==, by_name->id);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (found, 2))->id, ==,
                   ((TlTip *) g_ptr_array_index (tips, n - 1))->id);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Every match once, through the sorted path too. */
  found = tl_store_search (fx->store, "harbor", 3 * n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, n + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, tl_test_store_set_up, func, tl_test_store_tear_down)

  g_test_add_func ("/attachments/sniff-table", test_sniff_table);
  ADD ("/attachments/attach-reopen", test_attach_reopen);
  ADD ("/attachments/encrypted-at-rest", test_encrypted_at_rest);
  ADD ("/attachments/limits", test_limits);
  g_test_add ("/attachments/delete-canary", Fixture, NULL, setup_plain, test_delete_canary,
              tl_test_store_tear_down);
  g_test_add ("/attachments/remove-one-canary", Fixture, NULL, setup_plain, test_remove_one_canary,
              tl_test_store_tear_down);
  ADD ("/attachments/backup-restore-rekey", test_backup_restore_rekey);
  ADD ("/attachments/search-and-links", test_search_and_links);
  ADD ("/attachments/search-many", test_search_many_with_attachments);

  return g_test_run ();
}
