/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 16: an export checks only what no save or earlier export checked. A tip's mark
 * says "these exact bytes passed these checks" (tl-tip-check.h): every way a mark could
 * go stale (the bytes changed behind it, the checks changed, the tip deleted) is a row
 * of the table below, and each row must end with the export stopping or checking again,
 * never with an unchecked tip in the file. */
#define G_LOG_DOMAIN "test-export-marks"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-export-all.h"
#include "tl-export-all-testing.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"
#include "tl-test-util.h"
#include "tl-tip-check.h"
#include "tl-tip-xml.h"

#define PASS "marks test secret"
#define TIPS 4

typedef struct
{
  TlTestStore fx;
  char *ids[TIPS];
  char *path;
} Fixture;

/* helpers */

static TlTip *
make_tip (const char *victim,
          const char *age)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *v = tl_victim_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, "Seen at the bus station twice this week.");
  tl_set_str (&v->name, victim);
  tl_set_str (&v->age, age);
  g_ptr_array_add (tip->victims, v);
  return tip;
}

static sqlite3 *
db (Fixture *f)
{
  return _tl_store_get_db (f->fx.store);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The stored bytes of a tip replaced behind the store's back: no save, so its mark is
 * the one of the old bytes. */
static void
write_xml_behind (Fixture    *f,
                  const char *id,
                  const char *xml,
                  gsize       length)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db (f), "UPDATE tips SET xml = ? WHERE id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, xml, (int) length, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A mark made under the checks in force for bytes that never passed them. */
static void
forge_mark (Fixture    *f,
            const char *id,
            const char *xml,
            gsize       length)
{
  guint8 mark[TL_TIP_CHECK_MARK_BYTES];
  sqlite3_stmt *stmt = NULL;

  tl_tip_check_mark (xml, length, mark);
  g_assert_cmpint (sqlite3_prepare_v2 (db (f),
                                       "INSERT OR REPLACE INTO tips_checked (pk, mark)"
                                       " SELECT pk, ? FROM tips WHERE id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, mark, sizeof mark, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* The XML of tip id with an age that does not validate: readable, not exportable. */
static char *
invalid_xml (const char *id,
             gsize      *length)
{
  g_autoptr(TlTip) tip = make_tip ("Eva", "about fifteen");

  tl_set_str (&tip->id, id);
  return tl_tip_xml_write_one (tip, length);
}

static gboolean
export (Fixture  *f,
        GError  **error)
{
  gboolean ok = tl_export_all_tips (f->fx.store, f->path, TRUE, NULL, NULL, NULL, error);

  g_assert_true (ok == g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_unlink (f->path);
  return ok;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tl_test_store_init (&f->fx, "store");
  tl_test_store_create (&f->fx, TL_TEST_STORE_ADVOCATE, PASS);
  f->path = tl_test_store_path (&f->fx, "export.xml");
  for (guint i = 0; i < TIPS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autoptr(TlTip) tip = make_tip (name, "16");

      f->ids[i] = g_strdup (tip->id);
      g_assert_true (tl_store_save_tip (f->fx.store, tip, &error));
      g_assert_no_error (error);
    }
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  _tl_tip_check_set_rules (NULL);
  for (guint i = 0; i < TIPS; i++)
    g_free (f->ids[i]);
  g_free (f->path);
  tl_test_store_clear (&f->fx);
}

/* tests */

/* Each save that passes leaves a mark, one that does not (a draft's half-typed age)
 * leaves none and removes the old one, a delete takes the mark with the tip, and an
 * export marks what it checked. */
static void
test_marks_follow_saves (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_store_load_tip (f->fx.store, f->ids[0], &error);

  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tips_checked"), ==, TIPS);

  tl_set_str (&((TlVictim *) tip->victims->pdata[0])->age, "about fifteen");
  g_assert_true (tl_store_save_tip (f->fx.store, tip, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tips_checked"), ==, TIPS - 1);

  g_assert_true (tl_store_delete_tip (f->fx.store, f->ids[1], &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tips_checked"), ==, TIPS - 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tips_checked c"
                             " WHERE NOT EXISTS (SELECT 1 FROM tips t WHERE t.pk = c.pk)"), ==, 0);

  /* The draft fixed; then every mark dropped: the export checks all and marks them. */
  tl_set_str (&((TlVictim *) tip->victims->pdata[0])->age, "15");
  g_assert_true (tl_store_save_tip (f->fx.store, tip, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM tips_checked"), ==, TIPS - 1);
  g_assert_cmpint (sqlite3_exec (db (f), "DELETE FROM tips_checked", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (export (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tips_checked"), ==, TIPS - 1);
}

typedef enum
{
  STALE_BYTES_CHANGED,      /* new bytes under the old bytes' mark */
  STALE_BYTES_UNREADABLE,   /* bytes that are no tip at all, under the old mark */
  STALE_RULES_CHANGED,      /* a mark made under other checks */
  STALE_MARK_CUT,           /* a mark of the wrong length */
  STALE_MARK_OF_OTHER_TIP,  /* another tip's mark copied onto this one */
  STALE_CASES
} StaleCase;

static const struct
{
  StaleCase stale;
  const char *name;
  int code;              /* the error the export must stop with */
} stale_cases[] = {
  { STALE_BYTES_CHANGED, "bytes changed behind the mark", TL_ERROR_INVALID },
  { STALE_BYTES_UNREADABLE, "unreadable bytes behind the mark", TL_ERROR_DAMAGED },
  { STALE_RULES_CHANGED, "the checks changed since the mark", TL_ERROR_INVALID },
  { STALE_MARK_CUT, "a mark cut short", TL_ERROR_INVALID },
  { STALE_MARK_OF_OTHER_TIP, "another tip's mark", TL_ERROR_INVALID },
};

/* Every way a mark can go stale makes the export check the tip again, and the tip's
 * fault stops it. The control first: a mark forged for bytes that never passed is
 * trusted (the export does skip marked tips), which is what makes each row mean
 * something. */
static void
test_stale_marks_check_again (Fixture       *f,
                              gconstpointer  data)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (stale_cases) == STALE_CASES);

  for (guint c = 0; c < G_N_ELEMENTS (stale_cases); c++)
    {
      const char *id = f->ids[c % TIPS];
      g_autoptr(GError) error = NULL;
      g_autofree char *bad = NULL;
      gsize length = 0;

      g_test_message ("%s", stale_cases[c].name);
      g_assert_cmpuint (stale_cases[c].stale, ==, c);
      bad = invalid_xml (id, &length);
      write_xml_behind (f, id, bad, length);

      switch (stale_cases[c].stale)
        {
        case STALE_BYTES_CHANGED:
          break;
        case STALE_BYTES_UNREADABLE:
          write_xml_behind (f, id, "<tip xmlns=\"urn:tipline:tip:1\"><broken", 38);
          break;
        case STALE_RULES_CHANGED:
          forge_mark (f, id, bad, length);
          g_assert_true (export (f, &error));   /* the control: trusted under these checks */
          g_assert_no_error (error);
          _tl_tip_check_set_rules ("checks of another build");
          break;
        case STALE_MARK_CUT:
          forge_mark (f, id, bad, length);
          g_assert_cmpint (sqlite3_exec (db (f), "UPDATE tips_checked SET mark = substr (mark, 1, 8)",
                                         NULL, NULL, NULL), ==, SQLITE_OK);
          break;
        case STALE_MARK_OF_OTHER_TIP:
          {
            g_autofree char *sql = g_strdup_printf (
              "UPDATE tips_checked SET mark = (SELECT c.mark FROM tips_checked c JOIN tips t"
              " ON t.pk = c.pk WHERE t.id != '%s' LIMIT 1)"
              " WHERE pk = (SELECT pk FROM tips WHERE id = '%s')", id, id);

            g_assert_cmpint (sqlite3_exec (db (f), sql, NULL, NULL, NULL), ==, SQLITE_OK);
          }
          break;
        case STALE_CASES:
        default:
          g_assert_not_reached ();
        }

      g_assert_false (export (f, &error));
      g_assert_error (error, TL_ERROR, stale_cases[c].code);
      if (stale_cases[c].code == TL_ERROR_INVALID)
        g_assert_nonnull (strstr (error->message, id));

      /* Put the tip right (a save) for the next row. */
      {
        g_autoptr(TlTip) good = make_tip ("Fixed", "16");
        g_autoptr(GError) save_error = NULL;

        _tl_tip_check_set_rules (NULL);
        tl_set_str (&good->id, id);
        g_assert_true (tl_store_save_tip (f->fx.store, good, &save_error));
        g_assert_no_error (save_error);
        g_assert_true (export (f, &save_error));
        g_assert_no_error (save_error);
      }
    }
}

/* n more tips in one transaction, each with a name of its own. */
static void
save_many (Fixture *f,
           guint    n)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Tip %u", i);

      g_ptr_array_add (tips, make_tip (name, "17"));
    }
  g_assert_true (_tl_store_save_tips (f->fx.store, tips, &error));
  g_assert_no_error (error);
}

/* More tips than one hand-over to the export's worker (64): every tip arrives, in list
 * order, and a fault in a later batch still stops the export with no file. */
static void
test_batches (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  const char *late_id;
  gsize length = 0;
  guint n = 0;

  save_many (f, 200);
  rows = tl_store_list_tips (f->fx.store, NULL, 0, 500, &error);
  g_assert_cmpuint (rows->len, ==, 200 + TIPS);

  g_assert_true (tl_export_all_tips (f->fx.store, f->path, TRUE, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, rows->len);
  back = tl_tip_xml_read_file (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (((TlTip *) back->pdata[i])->id, ==, ((TlTipRow *) rows->pdata[i])->id);
  g_unlink (f->path);

  late_id = ((TlTipRow *) rows->pdata[150])->id;
  bad = invalid_xml (late_id, &length);
  write_xml_behind (f, late_id, bad, length);
  g_assert_false (export (f, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, late_id));
}

/* A large export is made durable a part at a time while it goes on (the fsync at the
 * end then waits for the last part only). The worker syncs after a batch of 64 tips
 * once a part is written: with parts of 16 KB, each batch of these ~200 tips (~29 KB)
 * is synced, and the file is byte for byte the one made in one go. */
static void
test_durable_parts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *in_parts = NULL;
  gsize whole_length = 0, parts_length = 0;
  guint syncs;

  save_many (f, 200);

  _tl_export_all_set_durable_every (0);
  g_assert_true (tl_export_all_tips (f->fx.store, f->path, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &whole, &whole_length, NULL));
  g_assert_cmpuint (_tl_export_all_set_durable_every (16 * 1024), ==, 0);

  g_assert_true (tl_export_all_tips (f->fx.store, f->path, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  syncs = _tl_export_all_set_durable_every (0);
  g_test_message ("%" G_GSIZE_FORMAT " bytes, %u syncs on the way", whole_length, syncs);
  g_assert_cmpuint (whole_length, >, 4 * 16 * 1024);
  g_assert_cmpuint (syncs, >=, 3);
  g_assert_true (g_file_get_contents (f->path, &in_parts, &parts_length, NULL));
  g_assert_cmpmem (in_parts, parts_length, whole, whole_length);
  g_unlink (f->path);
}

/* An export onto a disk that fills while the file is written, synced in small parts so
 * the part syncs meet the full disk too: it fails with the full disk named, leaves no
 * file (a temporary one would hold plaintext) and records no export. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("tipline-export-full-XXXXXX");
  g_autofree char *target = g_build_filename (dir, "export.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) left = NULL;
  gint64 audit_before;

  if (!tl_test_mount_tmpfs (dir, "size=32k,mode=0700"))
    {
      tl_test_remove_tree (dir);
      return;
    }
  save_many (f, 200);
  audit_before = tl_test_store_query_int (f->fx.store, "SELECT count(*) FROM audit");

  _tl_export_all_set_durable_every (4 * 1024);
  g_assert_false (tl_export_all_tips (f->fx.store, target, TRUE, NULL, NULL, NULL, &error));
  g_assert_cmpuint (_tl_export_all_set_durable_every (0), >, 0);
  g_assert_error (error, TL_ERROR, TL_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "disk is full"));

  left = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (left));
  g_clear_pointer (&left, g_dir_close);
  g_assert_cmpint (tl_test_store_query_int (f->fx.store, "SELECT count(*) FROM audit"), ==, audit_before);

  tl_test_unmount (dir);
  tl_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-marks/follow-saves", Fixture, NULL, setup, test_marks_follow_saves, teardown);
  g_test_add ("/export-marks/stale-marks-check-again", Fixture, NULL, setup,
              test_stale_marks_check_again, teardown);
  g_test_add ("/export-marks/batches", Fixture, NULL, setup, test_batches, teardown);
  g_test_add ("/export-marks/durable-parts", Fixture, NULL, setup, test_durable_parts, teardown);
  g_test_add ("/export-marks/full-disk", Fixture, NULL, setup, test_full_disk, teardown);

  return g_test_run ();
}
