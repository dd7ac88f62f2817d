/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sodium.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-hlc.h"
#include "tl-office.h"
#include "tl-store-sync.h"
#include "tl-store-testing.h"
#include "tl-sync-crypto.h"
#include "tl-sync-testing.h"
#include "tl-sync-fields.h"
#include "tl-test-store.h"
#include "tl-tip-xml.h"

/* The office sync on real stores sharing one folder (the sync engine's part is played
 * by the folder itself; tests/cli/test-office-syncthing.c runs two real Syncthing
 * daemons). Three devices: A makes the office, B and C join. */

#define CANARY "CANARY-7f3e1-orchard"

typedef struct
{
  char *folder;
  TlTestStore a, b, c;
} Office;

static void
office_set_up (Office        *o,
               gconstpointer  data)
{
  o->folder = tl_test_make_tmp_dir ("office");
  tl_test_store_init (&o->a, "store-a");
  tl_test_store_create (&o->a, "Advocate A", TL_TEST_STORE_PASSPHRASE);
  tl_test_store_init (&o->b, "store-b");
  tl_test_store_create (&o->b, "Advocate B", TL_TEST_STORE_PASSPHRASE);
  tl_test_store_init (&o->c, "store-c");
  tl_test_store_create (&o->c, "Advocate C", TL_TEST_STORE_PASSPHRASE);
}

static void
office_tear_down (Office        *o,
                  gconstpointer  data)
{
  tl_test_store_clear (&o->a);
  tl_test_store_clear (&o->b);
  tl_test_store_clear (&o->c);
  tl_test_remove_tree (o->folder);
  g_free (o->folder);
}

static TlOfficeSyncResult *
run_sync (TlStore *store)
{
  g_autoptr(GError) error = NULL;
  TlOfficeSyncResult *result = tl_office_sync (store, TL_OFFICE_SYNC_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
sync_quiet (TlStore *store)
{
  g_autoptr(TlOfficeSyncResult) result = run_sync (store);

  for (guint i = 0; i < result->problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (result->problems, i));
  g_assert_cmpuint (result->problems->len, ==, 0);
}

static void
join (Office      *o,
      TlStore     *store,
      const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = tl_office_invite (o->a.store, &error);
  g_autoptr(TlOfficeSyncResult) joined = NULL;
  TlOfficeStatus status;

  g_assert_no_error (error);
  g_assert_true (tl_office_join (store, o->folder, name, code, &error));
  g_assert_no_error (error);
  g_assert_true (tl_office_get_status (store, &status, &error));
  g_assert_false (status.member);
  tl_office_status_clear (&status);
  sync_quiet (o->a.store);          /* lets it in */
  joined = run_sync (store);
  g_assert_true (joined->became_member);
  g_assert_true (tl_office_get_status (store, &status, &error));
  g_assert_true (status.member);
  tl_office_status_clear (&status);
}

static void
make_office (Office   *o,
             gboolean  with_c)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_office_create (o->a.store, o->folder, "Office workstation", &error));
  g_assert_no_error (error);
  sync_quiet (o->a.store);
  join (o, o->b.store, "Night laptop");
  if (with_c)
    join (o, o->c.store, "Spare laptop");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  if (with_c)
    sync_quiet (o->c.store);
}

static TlTip *
save_new (TlStore    *store,
          const char *narrative)
{
  g_autoptr(GError) error = NULL;
  TlTip *tip = tl_tip_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, narrative);
  g_assert_true (tl_store_save_tip (store, tip, &error));
  g_assert_no_error (error);
  return tip;
}

static TlTip *
load (TlStore    *store,
      const char *id)
{
  return tl_store_load_tip (store, id, NULL);
}

static void
edit (TlStore    *store,
      const char *id,
      const char *city,
      const char *narrative)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = load (store, id);

  g_assert_nonnull (tip);
  if (city != NULL)
    tl_set_str (&tip->location.city, city);
  if (narrative != NULL)
    tl_set_str (&tip->narrative, narrative);
  tl_tip_touch (tip);
  g_assert_true (tl_store_save_tip (store, tip, &error));
  g_assert_no_error (error);
}

static GPtrArray *
office_files (Office *o)
{
  g_autoptr(GDir) dir = g_dir_open (o->folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (o->folder, name, NULL));
  return names;
}

/* clocks */

static void
test_clock (void)
{
  TlHlc clock = { 0 };
  TlHlc other = { 0 };
  guint64 a, b, c, d, e;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;
  const char *device = NULL;
  guint64 parsed = 0;

  /* Within one millisecond the counter orders; a later millisecond restarts it. */
  a = tl_hlc_tick (&clock, 1000);
  b = tl_hlc_tick (&clock, 1000);
  g_assert_cmpuint (b, >, a);
  c = tl_hlc_tick (&clock, 1001);
  g_assert_cmpuint (c, >, b);
  g_assert_cmpint (tl_hlc_to_ms (c), ==, 1001);
  /* A wall clock set back never makes a stamp go backwards. */
  d = tl_hlc_tick (&clock, 10);
  g_assert_cmpuint (d, >, c);
  /* A change received from a machine whose clock runs ahead: later ticks come after it. */
  e = tl_hlc_tick (&other, 500000);
  tl_hlc_observe (&clock, e, 1002);
  g_assert_cmpuint (tl_hlc_tick (&clock, 1002), >, e);

  /* Stamps compare as strings by clock, then by device. */
  s1 = tl_hlc_stamp (a, "00000000000000ff");
  s2 = tl_hlc_stamp (b, "0000000000000001");
  s3 = tl_hlc_stamp (b, "0000000000000002");
  g_assert_cmpint (g_strcmp0 (s1, s2), <, 0);
  g_assert_cmpint (g_strcmp0 (s2, s3), <, 0);
  g_assert_true (tl_hlc_parse_stamp (s3, &parsed, &device));
  g_assert_cmpuint (parsed, ==, b);
  g_assert_cmpstr (device, ==, "0000000000000002");
  g_assert_false (tl_hlc_parse_stamp ("not a stamp", NULL, NULL));
  g_assert_false (tl_hlc_parse_stamp ("000000000000000G.ab", NULL, NULL));
}

/* fields */

/* Every merge field, in the table's order: a field added to the tip needs a row here
 * and in tl-sync-fields.c. */
static const char *const expected_fields[] = {
  "status", "close-reason", "received", "channel", "reporter-role", "reporter-anonymous",
  "reporter-name", "reporter-phone", "reporter-email", "advocate", "danger", "type", "venue",
  "venue-detail", "operation", "release-policy", "sources", "location-address",
  "location-city", "location-county", "location-state", "location-description", "victims",
  "offenders", "vehicles", "phones", "online", "financial", "referrals", "narrative",
};

static void
test_fields (void)
{
  g_autofree char *path = tl_test_fixture_path ("tip-full.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (path, &error);
  TlTip *full;
  g_autoptr(TlTip) empty = NULL;

  g_assert_no_error (error);
  full = g_ptr_array_index (tips, 0);
  /* What the fixture leaves at its default is set here, so every field differs. */
  tl_set_str (&full->close_reason, "Referred and closed");
  full->reporter_anonymous = TRUE;
  for (int i = 0; i < TL_N_PARTS; i++)
    full->sources[i] = TL_SOURCE_VICTIM;

  g_assert_cmpuint (tl_sync_field_count (), ==, G_N_ELEMENTS (expected_fields));
  empty = tl_tip_new_with_id (full->id);
  empty->created = full->created;
  empty->modified = full->modified;
  g_clear_pointer (&empty->received, g_date_time_unref);
  for (guint i = 0; i < tl_sync_field_count (); i++)
    {
      const TlSyncField *field = tl_sync_field_get (i);
      g_autofree char *before = tl_sync_field_hash (field, empty);
      g_autofree char *after = NULL;

      g_assert_cmpstr (tl_sync_field_name (field), ==, expected_fields[i]);
      g_assert_true (tl_sync_field_lookup (expected_fields[i]) == field);
      tl_sync_field_copy (field, empty, full);
      after = tl_sync_field_hash (field, empty);
      if (g_strcmp0 (before, after) == 0)
        g_error ("field %s: copying it from a full tip changed nothing", expected_fields[i]);
    }
  /* Copying every field makes the same tip: no part of a tip is outside the table. */
  empty->revision = full->revision;
  g_assert_true (tl_tip_equal (empty, full));
}

/* merge */

static void
test_merge (Office        *o,
            gconstpointer  data)
{
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(TlTip) on_b = NULL;
  g_autoptr(TlTip) a_after = NULL;
  g_autoptr(TlTip) b_after = NULL;
  g_autoptr(GPtrArray) conflicts_a = NULL;
  g_autoptr(GPtrArray) conflicts_b = NULL;
  g_autoptr(GError) error = NULL;
  TlOfficeConflict *conflict;

  make_office (o, FALSE);
  tip = save_new (o->a.store, "First words from A.");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  on_b = load (o->b.store, tip->id);
  g_assert_nonnull (on_b);
  g_assert_cmpstr (on_b->narrative, ==, "First words from A.");

  /* Different fields on each side: both kept, no conflict. */
  edit (o->a.store, tip->id, "Santa Fe", NULL);
  edit (o->b.store, tip->id, NULL, "B adds a line.");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  sync_quiet (o->a.store);
  a_after = load (o->a.store, tip->id);
  b_after = load (o->b.store, tip->id);
  g_assert_cmpstr (a_after->location.city, ==, "Santa Fe");
  g_assert_cmpstr (a_after->narrative, ==, "B adds a line.");
  g_assert_cmpstr (b_after->location.city, ==, "Santa Fe");
  g_assert_cmpstr (b_after->narrative, ==, "B adds a line.");
  conflicts_a = tl_office_list_conflicts (o->a.store, &error);
  g_assert_cmpuint (conflicts_a->len, ==, 0);
  g_clear_pointer (&conflicts_a, g_ptr_array_unref);
  g_clear_pointer (&a_after, tl_tip_unref);
  g_clear_pointer (&b_after, tl_tip_unref);

  /* The same field on both sides before either syncs: one conflict, on both. */
  edit (o->a.store, tip->id, NULL, "A's version.");
  edit (o->b.store, tip->id, NULL, "B's version.");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  sync_quiet (o->a.store);
  conflicts_a = tl_office_list_conflicts (o->a.store, &error);
  conflicts_b = tl_office_list_conflicts (o->b.store, &error);
  g_assert_cmpuint (conflicts_a->len, ==, 1);
  g_assert_cmpuint (conflicts_b->len, ==, 1);
  conflict = g_ptr_array_index (conflicts_a, 0);
  g_assert_cmpstr (conflict->id, ==, ((TlOfficeConflict *) g_ptr_array_index (conflicts_b, 0))->id);
  g_assert_cmpstr (conflict->field, ==, "narrative");
  g_assert_cmpstr (conflict->tip_id, ==, tip->id);
  /* Both sides show the same winner (the later clock) and keep the other value. */
  a_after = load (o->a.store, tip->id);
  b_after = load (o->b.store, tip->id);
  g_assert_cmpstr (a_after->narrative, ==, b_after->narrative);
  g_assert_cmpstr (conflict->shown_value, ==, a_after->narrative);
  g_assert_true ((g_strcmp0 (conflict->shown_value, "A's version.") == 0 &&
                  g_strcmp0 (conflict->other_value, "B's version.") == 0) ||
                 (g_strcmp0 (conflict->shown_value, "B's version.") == 0 &&
                  g_strcmp0 (conflict->other_value, "A's version.") == 0));
  g_assert_nonnull (conflict->shown_device);
  g_assert_nonnull (conflict->other_device);
  g_assert_cmpstr (conflict->shown_device, !=, conflict->other_device);
  g_assert_cmpint (conflict->shown_at, >, 0);

  /* Resolved on A by keeping the other value: it syncs like an edit, once. */
  {
    g_autofree char *other = g_strdup (conflict->other_value);
    g_autoptr(TlTip) a_final = NULL;
    g_autoptr(TlTip) b_final = NULL;
    g_autoptr(GPtrArray) left_a = NULL;
    g_autoptr(GPtrArray) left_b = NULL;

    g_assert_true (tl_office_resolve (o->a.store, conflict->id, TL_OFFICE_KEEP_OTHER, &error));
    g_assert_no_error (error);
    sync_quiet (o->a.store);
    sync_quiet (o->b.store);
    sync_quiet (o->a.store);
    a_final = load (o->a.store, tip->id);
    b_final = load (o->b.store, tip->id);
    g_assert_cmpstr (a_final->narrative, ==, other);
    g_assert_cmpstr (b_final->narrative, ==, other);
    left_a = tl_office_list_conflicts (o->a.store, &error);
    left_b = tl_office_list_conflicts (o->b.store, &error);
    g_assert_cmpuint (left_a->len, ==, 0);
    g_assert_cmpuint (left_b->len, ==, 0);
    /* Resolving again is refused: it is resolved everywhere. */
    g_assert_false (tl_office_resolve (o->b.store, conflict->id, TL_OFFICE_KEEP_SHOWN, &error));
    g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  }
}

/* tombstones */

static void
test_tombstone (Office        *o,
                gconstpointer  data)
{
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(TlTip) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gboolean audited = FALSE;

  make_office (o, FALSE);
  tip = save_new (o->a.store, "To be deleted.");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  {
    g_autoptr(TlTip) on_b = load (o->b.store, tip->id);

    g_assert_nonnull (on_b);
  }

  /* Deleted on B while A edits it: the tombstone wins on both sides. */
  g_assert_true (tl_store_delete_tip (o->b.store, tip->id, &error));
  edit (o->a.store, tip->id, "Las Cruces", NULL);
  sync_quiet (o->b.store);
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  gone = tl_store_load_tip (o->a.store, tip->id, &error);
  g_assert_null (gone);
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  gone = tl_store_load_tip (o->b.store, tip->id, &error);
  g_assert_null (gone);
  g_clear_error (&error);

  /* A's audit log says the office sync removed it. */
  audit = tl_store_list_audit (o->a.store, tip->id, &error);
  for (guint i = 0; i < audit->len; i++)
    audited |= ((TlAuditEntry *) g_ptr_array_index (audit, i))->action == TL_AUDIT_SYNC;
  g_assert_true (audited);
  /* B's own audit entries reached A. */
  {
    g_autoptr(GPtrArray) devices = NULL;
    g_autoptr(GPtrArray) remote = tl_store_sync_list_remote_audit (o->a.store, &devices, &error);
    gboolean deletion = FALSE;
    gint64 last = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < remote->len; i++)
      {
        TlAuditEntry *e = g_ptr_array_index (remote, i);

        deletion |= e->action == TL_AUDIT_DELETE && g_strcmp0 (e->tip_id, tip->id) == 0;
        /* One device's entries arrive in order, none missing. */
        if (i > 0 && g_strcmp0 (g_ptr_array_index (devices, i), g_ptr_array_index (devices, i - 1)) == 0)
          g_assert_cmpint (e->seq, ==, last + 1);
        last = e->seq;
      }
    g_assert_true (deletion);
  }
}

/* what a sync reads: only the tips changed since the last one */

static int
dirty_count (TlStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (store), "SELECT count(*) FROM sync_dirty",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
test_dirty (Office        *o,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) before = save_new (o->a.store, "Saved before the office existed.");
  g_autoptr(TlTip) kept = NULL, gone = NULL;
  g_autoptr(TlTip) imported = tl_tip_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(TlImportResult) import = NULL;

  /* Not in an office: saves leave nothing behind. */
  g_assert_cmpint (dirty_count (o->b.store), ==, 0);
  make_office (o, FALSE);
  {
    g_autoptr(TlTip) on_b = load (o->b.store, before->id);

    g_assert_nonnull (on_b);    /* the office's creation put A's old tips on the list */
  }
  g_assert_cmpint (dirty_count (o->a.store), ==, 0);
  g_assert_cmpint (dirty_count (o->b.store), ==, 0);

  /* Each kind of change puts the tip on the list; the next sync sends it and clears it. */
  kept = save_new (o->a.store, "A save.");
  g_assert_cmpint (dirty_count (o->a.store), ==, 1);
  gone = save_new (o->a.store, "Deleted after its first sync.");
  sync_quiet (o->a.store);
  g_assert_cmpint (dirty_count (o->a.store), ==, 0);
  g_assert_true (tl_store_delete_tip (o->a.store, gone->id, &error));
  g_assert_cmpint (dirty_count (o->a.store), ==, 1);
  edit (o->a.store, kept->id, "Santa Fe", NULL);
  g_assert_cmpint (dirty_count (o->a.store), ==, 2);
  imported->type = TL_TRAFFICKING_SEX;
  tl_set_str (&imported->narrative, "Imported.");
  g_ptr_array_add (batch, imported);
  import = tl_store_import_tips (o->a.store, batch, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dirty_count (o->a.store), ==, 3);
  sync_quiet (o->a.store);
  g_assert_cmpint (dirty_count (o->a.store), ==, 0);

  /* What B applies does not come back as B's own change. */
  sync_quiet (o->b.store);
  g_assert_cmpint (dirty_count (o->b.store), ==, 0);
  {
    g_autoptr(TlTip) on_b = load (o->b.store, kept->id);
    g_autoptr(TlTip) imported_b = load (o->b.store, imported->id);
    g_autoptr(TlTip) gone_b = load (o->b.store, gone->id);

    g_assert_cmpstr (on_b->location.city, ==, "Santa Fe");
    g_assert_nonnull (imported_b);
    g_assert_null (gone_b);
  }
  {
    g_autoptr(TlOfficeSyncResult) again = run_sync (o->b.store);

    g_assert_cmpuint (again->changes_sent, ==, 0);
  }
}

/* snapshot and pruning */

static char
file_kind (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &bytes, &length, NULL) || length < 5)
    return 0;
  return bytes[4];
}

static guint
count_present (GPtrArray *paths)
{
  guint n = 0;

  for (guint i = 0; i < paths->len; i++)
    n += g_file_test (g_ptr_array_index (paths, i), G_FILE_TEST_EXISTS);
  return n;
}

static void
test_snapshot (Office        *o,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TlOfficeSyncResult) snap = NULL;

  make_office (o, FALSE);
  {
    g_autoptr(GPtrArray) files = office_files (o);

    for (guint i = 0; i < files->len; i++)
      g_hash_table_add (old, g_strdup (g_ptr_array_index (files, i)));
  }
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *words = g_strdup_printf ("Tip number %d.", i);
      g_autoptr(TlTip) tip = save_new (o->a.store, words);

      g_ptr_array_add (ids, g_strdup (tip->id));
      /* issue 20: the first tip's attachment reaches C through the snapshot too */
      if (i == 0)
        {
          g_autoptr(GBytes) text = g_bytes_new_static ("Screenshot text\n", 16);

          g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "ad.txt", text, 0, 0, &error), ==, 1);
        }
      sync_quiet (o->a.store);
    }
  {
    g_autoptr(GPtrArray) files = office_files (o);

    for (guint i = 0; i < files->len; i++)
      if (!g_hash_table_contains (old, g_ptr_array_index (files, i)) &&
          file_kind (g_ptr_array_index (files, i)) == 'S')
        g_ptr_array_add (segments, g_strdup (g_ptr_array_index (files, i)));
  }
  g_assert_cmpuint (segments->len, ==, 5);

  /* A snapshot prunes none of them while B has not acknowledged them. */
  snap = tl_office_sync (o->a.store, TL_OFFICE_SYNC_SNAPSHOT, &error);
  g_assert_no_error (error);
  g_assert_true (snap->wrote_segment);
  g_assert_cmpuint (count_present (segments), ==, 5);
  /* B reads them and acknowledges (an acknowledgement is a file of its own); A then
   * prunes what B has and the snapshot covers. */
  sync_quiet (o->b.store);
  g_assert_cmpuint (count_present (segments), ==, 5);
  sync_quiet (o->a.store);
  g_assert_cmpuint (count_present (segments), ==, 0);

  /* A device joining now catches up from the snapshot. */
  join (o, o->c.store, "Spare laptop");
  sync_quiet (o->c.store);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TlTip) tip = load (o->c.store, g_ptr_array_index (ids, i));

      g_assert_nonnull (tip);
    }
  {
    g_autoptr(GPtrArray) on_a = tl_store_list_attachments (o->a.store, g_ptr_array_index (ids, 0), NULL);
    g_autoptr(GPtrArray) on_c = tl_store_list_attachments (o->c.store, g_ptr_array_index (ids, 0), NULL);

    g_assert_cmpuint (on_c->len, ==, 1);
    g_assert_cmpstr (((TlAttachment *) g_ptr_array_index (on_c, 0))->sha256, ==,
                     ((TlAttachment *) g_ptr_array_index (on_a, 0))->sha256);
  }
}

/* crash between the commit and the file: the segment is written again, same bytes */

static void
test_outbox (Office        *o,
             gconstpointer  data)
{
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(TlTip) on_b = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *again = NULL;
  gsize length = 0, length_again = 0;

  make_office (o, FALSE);
  {
    g_autoptr(GPtrArray) files = office_files (o);

    for (guint i = 0; i < files->len; i++)
      g_hash_table_add (old, g_strdup (g_ptr_array_index (files, i)));
  }
  tip = save_new (o->a.store, "Saved just before the power went.");
  sync_quiet (o->a.store);
  {
    g_autoptr(GPtrArray) files = office_files (o);

    for (guint i = 0; i < files->len; i++)
      if (!g_hash_table_contains (old, g_ptr_array_index (files, i)) &&
          file_kind (g_ptr_array_index (files, i)) == 'S')
        segment = g_strdup (g_ptr_array_index (files, i));
  }
  g_assert_nonnull (segment);
  g_assert_true (g_file_get_contents (segment, &bytes, &length, NULL));
  /* As if the machine stopped after the store's commit, before the file was written. */
  g_assert_cmpint (g_unlink (segment), ==, 0);
  sync_quiet (o->a.store);
  g_assert_true (g_file_get_contents (segment, &again, &length_again, NULL));
  g_assert_cmpmem (bytes, length, again, length_again);
  sync_quiet (o->b.store);
  on_b = load (o->b.store, tip->id);
  g_assert_nonnull (on_b);
}

/* signatures and key rotation */

static void
test_rotation (Office        *o,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) before = NULL;
  g_autoptr(TlTip) after = NULL;
  g_autoptr(TlTip) on_c = NULL;
  g_autoptr(TlOfficeSyncResult) c_result = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(TlTip) on_b = NULL;
  TlOfficeStatus status;
  gboolean said = FALSE;

  make_office (o, TRUE);
  before = save_new (o->a.store, "Before removal.");
  sync_quiet (o->a.store);
  sync_quiet (o->c.store);
  on_c = load (o->c.store, before->id);
  g_assert_nonnull (on_c);

  /* A removes C by name. */
  g_assert_true (tl_office_remove_member (o->a.store, "Spare laptop", &error));
  g_assert_no_error (error);
  g_assert_true (tl_office_get_status (o->a.store, &status, &error));
  g_assert_cmpuint (status.generation, ==, 2);
  tl_office_status_clear (&status);
  after = save_new (o->a.store, "After removal: " CANARY);
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);

  /* B (still a member) reads it; C cannot decrypt it and says so. */
  on_b = load (o->b.store, after->id);
  g_assert_nonnull (on_b);
  c_result = run_sync (o->c.store);
  for (guint i = 0; i < c_result->problems->len; i++)
    said |= strstr (g_ptr_array_index (c_result->problems, i), "office key this device does not have") != NULL;
  g_assert_true (said);
  g_assert_null (tl_store_load_tip (o->c.store, after->id, NULL));

  /* C's segments written after the removal are refused by the others. */
  g_clear_pointer (&on_c, tl_tip_unref);
  on_c = save_new (o->c.store, "Written by a removed device.");
  {
    g_autoptr(TlOfficeSyncResult) c_again = run_sync (o->c.store);
    g_autoptr(TlOfficeSyncResult) b_result = run_sync (o->b.store);
    gboolean refused = FALSE;

    for (guint i = 0; i < b_result->problems->len; i++)
      refused |= strstr (g_ptr_array_index (b_result->problems, i), "removed from the office") != NULL ||
                 strstr (g_ptr_array_index (b_result->problems, i), "office key this device does not have") != NULL;
    g_assert_true (refused);
  }
  members = tl_office_list_members (o->b.store, &error);
  for (guint i = 0; i < members->len; i++)
    {
      TlOfficeMember *m = g_ptr_array_index (members, i);

      if (g_strcmp0 (m->name, "Spare laptop") == 0)
        g_assert_true (m->removed);
    }

  /* A device cannot remove itself. */
  g_assert_false (tl_office_remove_member (o->a.store, "Office workstation", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
}

/* welcomes and key envelopes: deleted by their author once nobody needs them */

static guint
count_kind (Office *o,
            char    kind)
{
  g_autoptr(GPtrArray) files = office_files (o);
  guint n = 0;

  for (guint i = 0; i < files->len; i++)
    n += file_kind (g_ptr_array_index (files, i)) == kind;
  return n;
}

static void
test_prune_welcomes (Office        *o,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr(TlOfficeSyncResult) joined = NULL;
  /* each step, then how many welcomes (W) and key envelopes (K) the folder holds */
  static const struct { const char *step; guint welcomes, envelopes; } expect[] = {
    { "A lets B in",                           1, 0 },
    { "A again, B has not read it",            1, 0 },
    { "B reads it and acknowledges",           1, 0 },
    { "A reads B's acknowledgement",           0, 0 },
    { "A removes C: the new key for B",        0, 1 },
    { "A again, B has not read it",            0, 1 },
    { "C (removed) syncs",                     0, 1 },
    { "B reads it and acknowledges",           0, 1 },
    { "A reads B's acknowledgement",           0, 0 },
  };
  guint step = 0;

#define CHECK_STEP() G_STMT_START { \
    g_test_message ("%s", expect[step].step); \
    g_assert_cmpuint (count_kind (o, 'W'), ==, expect[step].welcomes); \
    g_assert_cmpuint (count_kind (o, 'K'), ==, expect[step].envelopes); \
    step++; } G_STMT_END

  g_assert_true (tl_office_create (o->a.store, o->folder, "Office workstation", &error));
  sync_quiet (o->a.store);
  code = tl_office_invite (o->a.store, &error);
  g_assert_true (tl_office_join (o->b.store, o->folder, "Night laptop", code, &error));
  g_assert_no_error (error);
  sync_quiet (o->a.store);
  CHECK_STEP ();
  sync_quiet (o->a.store);
  CHECK_STEP ();
  joined = run_sync (o->b.store);
  g_assert_true (joined->became_member);
  CHECK_STEP ();
  sync_quiet (o->a.store);
  CHECK_STEP ();

  join (o, o->c.store, "Spare laptop");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  sync_quiet (o->a.store);
  g_assert_cmpuint (count_kind (o, 'W'), ==, 0);

  g_assert_true (tl_office_remove_member (o->a.store, "Spare laptop", &error));
  g_assert_no_error (error);
  CHECK_STEP ();
  sync_quiet (o->a.store);
  CHECK_STEP ();
  g_clear_pointer (&joined, tl_office_sync_result_free);
  joined = run_sync (o->c.store);
  CHECK_STEP ();
  sync_quiet (o->b.store);
  CHECK_STEP ();
  sync_quiet (o->a.store);
  CHECK_STEP ();
  g_assert_cmpuint (step, ==, G_N_ELEMENTS (expect));
#undef CHECK_STEP
}

/* damaged segments */

static void
test_damaged (Office        *o,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(TlOfficeSyncResult) result = NULL;
  g_autoptr(TlTip) first = NULL, second = NULL, third = NULL;
  g_autoptr(TlTip) got = NULL;
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_free);
  guint tampered = 0, truncated = 0;

  make_office (o, FALSE);
  files = office_files (o);
  for (guint i = 0; i < files->len; i++)
    g_hash_table_add (old, g_strdup (g_ptr_array_index (files, i)));

  /* Three segments from A, one from B between them; B's own stays intact. */
  first = save_new (o->a.store, "First.");
  sync_quiet (o->a.store);
  {
    g_autoptr(GPtrArray) now = office_files (o);

    for (guint i = 0; i < now->len; i++)
      if (!g_hash_table_contains (old, g_ptr_array_index (now, i)))
        g_ptr_array_add (fresh, g_strdup (g_ptr_array_index (now, i)));
  }
  second = save_new (o->b.store, "From B, unaffected.");
  sync_quiet (o->b.store);
  {
    g_autoptr(GPtrArray) now = office_files (o);

    /* Everything there now is left alone from here on (B's segment among it). */
    for (guint i = 0; i < now->len; i++)
      g_hash_table_add (old, g_strdup (g_ptr_array_index (now, i)));
  }
  third = save_new (o->a.store, "Third.");
  sync_quiet (o->a.store);
  {
    g_autoptr(GPtrArray) now = office_files (o);

    for (guint i = 0; i < now->len; i++)
      if (!g_hash_table_contains (old, g_ptr_array_index (now, i)))
        g_ptr_array_add (fresh, g_strdup (g_ptr_array_index (now, i)));
  }

  /* A's two segments: one changed in transit, one cut short (kinds read from the file). */
  for (guint i = 0; i < fresh->len; i++)
    {
      const char *path = g_ptr_array_index (fresh, i);
      g_autofree char *bytes = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &bytes, &length, NULL))
        continue;       /* an acknowledgement replaced since */
      if (length > 5 && bytes[4] == 'S' && tampered == 0)
        {
          bytes[length / 2] ^= 0x01;
          g_assert_true (g_file_set_contents (path, bytes, length, NULL));
          tampered++;
        }
      else if (length > 5 && bytes[4] == 'S' && truncated == 0)
        {
          g_assert_true (g_file_set_contents (path, bytes, length - 7, NULL));
          truncated++;
        }
    }
  g_ptr_array_unref (fresh);
  g_assert_cmpuint (tampered, ==, 1);
  g_assert_cmpuint (truncated, ==, 1);

  /* A fresh device C (joined after) reads the folder: one line for each damaged or
   * oversized file, the rest applied. */
  join (o, o->c.store, "Spare laptop");
  /* A file far too large to be a segment (sparse: nothing is written) is not read
   * into memory, and says so on its own line. */
  {
    g_autofree char *huge = g_build_filename (o->folder, "0badc0ffee0badc0ffee" TL_SYNC_SUFFIX, NULL);
    int fd = open (huge, O_WRONLY | O_CREAT, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) TL_SYNC_MAX_FILE + 1), ==, 0);
    close (fd);
  }

  result = run_sync (o->c.store);
  {
    guint refused = 0, too_large = 0;

    for (guint i = 0; i < result->problems->len; i++)
      {
        const char *line = g_ptr_array_index (result->problems, i);

        g_test_message ("%s", line);
        if (strstr (line, "was refused: It was changed or cut short on its way.") != NULL)
          refused++;
        if (strstr (line, "0badc0ffee0badc0ffee" TL_SYNC_SUFFIX " is larger than 256 MiB") != NULL)
          too_large++;
        g_assert_null (strchr (line, '\n'));
      }
    g_assert_cmpuint (refused, >=, 1);
    g_assert_cmpuint (too_large, ==, 1);
  }
  got = load (o->c.store, second->id);
  g_assert_nonnull (got);
}

/* Two devices add files to one tip before they sync, together more than the per-tip
 * limit: both end with every file (the limit is not a reason for devices to differ). */
static void
test_attachments_past_limit (Office        *o,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GPtrArray) on_a = NULL;
  g_autoptr(GPtrArray) on_b = NULL;

  make_office (o, FALSE);
  tip = save_new (o->a.store, "Many files.");
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  for (guint i = 0; i < TL_ATTACHMENT_MAX_PER_TIP; i++)
    {
      g_autofree char *text = g_strdup_printf ("File %u from B\n", i);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      g_assert_cmpuint (tl_store_add_attachment (o->b.store, tip->id, "b.txt", bytes, 0, 0, &error), ==, i + 1);
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("The one from A\n", 15);

    g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "a.txt", bytes, 0, 0, &error), ==, 1);
  }
  g_assert_no_error (error);
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  sync_quiet (o->a.store);

  on_a = tl_store_list_attachments (o->a.store, tip->id, &error);
  on_b = tl_store_list_attachments (o->b.store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_a->len, ==, TL_ATTACHMENT_MAX_PER_TIP + 1);
  g_assert_cmpuint (on_b->len, ==, TL_ATTACHMENT_MAX_PER_TIP + 1);
}

/* An office file no device could read is never written: a snapshot that would be too
 * large is left out (the older segments stay, so a new device still catches up), and a
 * segment that would be too large fails the sync with a sentence, sending nothing. */
static void
test_too_large (Office        *o,
                gconstpointer  data)
{
  g_autofree char *first = g_strnfill (24 * 1024, 'a');
  g_autofree char *second = g_strnfill (24 * 1024, 'b');
  g_autoptr(GBytes) first_bytes = g_bytes_new (first, strlen (first));
  g_autoptr(GBytes) second_bytes = g_bytes_new (second, strlen (second));
  g_autoptr(GBytes) third_bytes = g_bytes_new_take (g_strnfill (24 * 1024, 'c'), 24 * 1024);
  g_autoptr(GBytes) fourth_bytes = g_bytes_new_take (g_strnfill (24 * 1024, 'd'), 24 * 1024);
  g_autoptr(TlOfficeSyncResult) snap = NULL;
  g_autoptr(GPtrArray) on_c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = NULL;
  guint said = 0;

  make_office (o, FALSE);
  tl_sync_testing_set_max_file (40 * 1024);
  tip = save_new (o->a.store, "Evidence in two files.");
  g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "one.txt", first_bytes, 0, 0, &error), ==, 1);
  sync_quiet (o->a.store);
  g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "two.txt", second_bytes, 0, 0, &error), ==, 2);
  sync_quiet (o->a.store);
  g_assert_no_error (error);

  /* Both files together do not fit one office file: no snapshot, one line saying so. */
  snap = tl_office_sync (o->a.store, TL_OFFICE_SYNC_SNAPSHOT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < snap->problems->len; i++)
    said += strstr (g_ptr_array_index (snap->problems, i), "no snapshot was written") != NULL;
  g_assert_cmpuint (said, ==, 1);

  /* Every file in the folder can be read, and a device joining now gets both. */
  {
    g_autoptr(GPtrArray) files = office_files (o);

    for (guint i = 0; i < files->len; i++)
      {
        GStatBuf info;

        g_assert_cmpint (g_stat (g_ptr_array_index (files, i), &info), ==, 0);
        g_assert_cmpint (info.st_size, <=, 40 * 1024);
      }
  }
  join (o, o->c.store, "Spare laptop");
  sync_quiet (o->c.store);
  on_c = tl_store_list_attachments (o->c.store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_c->len, ==, 2);

  /* Two more files at once do not fit a segment: the sync says what to do. */
  g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "three.txt", third_bytes, 0, 0, &error), ==, 3);
  g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "four.txt", fourth_bytes, 0, 0, &error), ==, 4);
  g_assert_null (tl_office_sync (o->a.store, TL_OFFICE_SYNC_DEFAULT, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Remove some of the attachments added since"));
  g_clear_error (&error);

  tl_sync_testing_set_max_file (TL_SYNC_MAX_FILE);
}

/* what the folder holds */

static void
test_canary (Office        *o,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GPtrArray) files = NULL;

  make_office (o, FALSE);
  tip = save_new (o->a.store, "The caller said " CANARY " twice.");
  tl_set_str (&tip->reporter_name, CANARY);
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  files = office_files (o);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_null (g_strstr_len (contents, length, CANARY));
      g_assert_null (g_strstr_len (contents, length, tip->id));
      g_assert_null (g_strstr_len (contents, length, "Office workstation"));
      g_assert_null (strstr (path, tip->id));
      /* File names are random: 32 hex digits. */
      g_assert_cmpuint (strlen (strrchr (path, '/') + 1), ==, 32 + strlen (TL_SYNC_SUFFIX));
    }
}

/* attachments (issue 20) */

/* B in plain mode (no cipher), so its files can be searched for the attachment's words. */
static void
office_set_up_plain_b (Office        *o,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  office_set_up (o, data);
  tl_test_store_clear (&o->b);
  tl_test_store_init (&o->b, "store-b-plain");
  g_clear_object (&o->b.store);
  o->b.store = _tl_store_new_plain (o->b.dir);
  g_assert_true (tl_store_create (o->b.store, "unused", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  tl_store_set_advocate (o->b.store, "Advocate B");
}

static gboolean
store_file_contains (TlTestStore *fx,
                     const char  *name,
                     const char  *needle)
{
  g_autofree char *path = tl_test_store_path (fx, name);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* Attached on A: B has it after a sync, same SHA-256, name and attacher, and never in the
 * folder in clear. Removed on A: gone from B, its bytes out of B's files after the purge
 * and checkpoint; A's tip deleted: its other attachment goes with it on B. */
static void
test_attachments (Office        *o,
                  gconstpointer  data)
{
  static const char text[] = "Ad copy " CANARY " call the number in the ad\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) keep = g_bytes_new_static ("Second file, kept\n", 18);
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GPtrArray) on_a = NULL;
  g_autoptr(GPtrArray) on_b = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  make_office (o, FALSE);
  tip = save_new (o->a.store, "A tip with evidence.");
  g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "ad.txt", bytes, 0,
                                             TL_ATTACHMENT_KIND_OFFENDER_AD, &error), ==, 1);
  g_assert_cmpuint (tl_store_add_attachment (o->a.store, tip->id, "keep.txt", keep, 0, 0, &error), ==, 2);
  g_assert_no_error (error);
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);

  on_a = tl_store_list_attachments (o->a.store, tip->id, &error);
  on_b = tl_store_list_attachments (o->b.store, tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_b->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const TlAttachment *a = g_ptr_array_index (on_a, i), *b = g_ptr_array_index (on_b, i);

      g_assert_cmpstr (b->sha256, ==, a->sha256);
      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpint (b->kind, ==, a->kind);
      g_assert_cmpstr (b->advocate, ==, "Advocate A");
    }
  db = _tl_store_get_db (o->b.store);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (store_file_contains (&o->b, "tipline.db", CANARY));       /* control */

  /* B's sync does not send them back: A still holds two, and nothing to apply. */
  sync_quiet (o->b.store);
  {
    g_autoptr(TlOfficeSyncResult) again = run_sync (o->a.store);
    g_autoptr(GPtrArray) still = tl_store_list_attachments (o->a.store, tip->id, NULL);

    g_assert_cmpuint (still->len, ==, 2);
  }

  /* Removed on A: a tombstone that removes the bytes on B. */
  g_assert_true (tl_store_delete_attachment (o->a.store, tip->id, 1, &error));
  g_assert_no_error (error);
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  g_clear_pointer (&on_b, g_ptr_array_unref);
  on_b = tl_store_list_attachments (o->b.store, tip->id, &error);
  g_assert_cmpuint (on_b->len, ==, 1);
  g_assert_cmpstr (((TlAttachment *) g_ptr_array_index (on_b, 0))->name, ==, "keep.txt");
  g_assert_true (tl_store_purge_is_pending (o->b.store));
  g_assert_true (tl_store_purge (o->b.store, &error));
  g_assert_no_error (error);
  g_assert_false (store_file_contains (&o->b, "tipline.db", CANARY));
  g_assert_false (store_file_contains (&o->b, "tipline.db-wal", CANARY));

  /* The tip deleted on A: its other attachment goes with it on B. */
  g_assert_true (tl_store_delete_tip (o->a.store, tip->id, &error));
  sync_quiet (o->a.store);
  sync_quiet (o->b.store);
  g_assert_cmpint (tl_test_store_query_int (o->b.store, "SELECT count(*) FROM attachment_data"), ==, 0);

  /* The folder never held the words. */
  files = office_files (o);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &contents, &length, NULL));
      g_assert_null (g_strstr_len (contents, length, CANARY));
    }
}

/* join codes */

static void
test_join_code (Office        *o,
                gconstpointer  data)
{
  g_autofree char *code = tl_sync_join_code_new ();
  g_autofree char *spoken = NULL;
  guint8 a[TL_SYNC_KEY_BYTES], b[TL_SYNC_KEY_BYTES];
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (code), ==, 29);
  g_assert_true (tl_sync_join_code_key (code, a));
  /* Read aloud and typed again: lower case, spaces instead of dashes. */
  spoken = g_ascii_strdown (code, -1);
  g_strdelimit (spoken, "-", ' ');
  g_assert_true (tl_sync_join_code_key (spoken, b));
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_false (tl_sync_join_code_key ("ABCD-EFGH", b));
  g_assert_false (tl_sync_join_code_key ("ABCD-EFGH-JKMN-PQRS-TVWX-YZ2U", b));

  /* A wrong code: the request is never let in. */
  g_assert_true (tl_office_create (o->a.store, o->folder, "Office workstation", &error));
  g_free (tl_office_invite (o->a.store, &error));
  {
    g_autofree char *wrong = tl_sync_join_code_new ();
    g_autoptr(TlOfficeSyncResult) r = NULL;

    g_assert_true (tl_office_join (o->b.store, o->folder, "Night laptop", wrong, &error));
    sync_quiet (o->a.store);
    r = run_sync (o->b.store);
    g_assert_false (r->became_member);
  }
  /* Not a code at all. */
  g_assert_false (tl_office_join (o->c.store, o->folder, "Spare", "hello", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/sync/clock", test_clock);
  g_test_add_func ("/sync/fields", test_fields);
  g_test_add ("/sync/merge", Office, NULL, office_set_up, test_merge, office_tear_down);
  g_test_add ("/sync/tombstone", Office, NULL, office_set_up, test_tombstone, office_tear_down);
  g_test_add ("/sync/attachments", Office, NULL, office_set_up_plain_b, test_attachments, office_tear_down);
  g_test_add ("/sync/dirty", Office, NULL, office_set_up, test_dirty, office_tear_down);
  g_test_add ("/sync/snapshot", Office, NULL, office_set_up, test_snapshot, office_tear_down);
  g_test_add ("/sync/outbox", Office, NULL, office_set_up, test_outbox, office_tear_down);
  g_test_add ("/sync/rotation", Office, NULL, office_set_up, test_rotation, office_tear_down);
  g_test_add ("/sync/prune-welcomes", Office, NULL, office_set_up, test_prune_welcomes, office_tear_down);
  g_test_add ("/sync/damaged", Office, NULL, office_set_up, test_damaged, office_tear_down);
  g_test_add ("/sync/attachments-past-limit", Office, NULL, office_set_up, test_attachments_past_limit, office_tear_down);
  g_test_add ("/sync/too-large", Office, NULL, office_set_up, test_too_large, office_tear_down);
  g_test_add ("/sync/canary", Office, NULL, office_set_up, test_canary, office_tear_down);
  g_test_add ("/sync/join-code", Office, NULL, office_set_up, test_join_code, office_tear_down);

  return g_test_run ();
}
