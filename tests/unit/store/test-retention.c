/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-retention"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"

/* Retention (issue 19, docs/retention.md): which tips the schedule selects, a hold with
 * a reason, and a purge that leaves nothing of a purged tip in any file of the store
 * after its checkpoint, audited by count and never by content. */

#define CANARY "Qzxretaincanary"
#define CANARY_PHONE "+1 (575) 867-5301"
#define CANARY_DIGITS "5758675301"
#define DAY (24 * 3600)

/* A fixed "now" keeps the tests independent of the clock: 2026-12-06 12:00 UTC. */
#define NOW ((gint64) 1796558400)

typedef TlTestStore Fixture;

/* helpers */

static void
setup_plain (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tl_test_store_init (fx, "retention");
  g_clear_object (&fx->store);
  fx->store = _tl_store_new_plain (fx->dir);
  g_assert_true (tl_store_create (fx->store, "unused", TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  tl_store_set_advocate (fx->store, TL_TEST_STORE_ADVOCATE);
}

static void
exec (Fixture    *fx,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A saved tip of status, last changed at `modified` (unix seconds). */
static TlTip *
save_at (Fixture     *fx,
         TlTipStatus  status,
         gint64       modified,
         const char  *victim)
{
  TlTip *tip = tl_tip_new ();
  g_autofree char *sql = NULL;

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  if (victim != NULL)
    {
      TlVictim *v = tl_victim_new ();
      TlPhone *p = tl_phone_new ();

      tl_set_str (&v->name, victim);
      tl_set_str (&v->age, "16");
      g_ptr_array_add (tip->victims, v);
      /* Only the canary's tip carries the canary's phone and words. */
      tl_set_str (&p->number, strstr (victim, CANARY) != NULL ? CANARY_PHONE : "+1 (505) 555-0142");
      g_ptr_array_add (tip->phones, p);
      tl_set_str (&tip->narrative, strstr (victim, CANARY) != NULL ? "She said " CANARY " keeps the passports."
                                                                   : "A kept tip's own narrative.");
    }
  tl_test_store_save (fx, tip);
  sql = g_strdup_printf ("UPDATE tips SET status = %d, modified = %" G_GINT64_FORMAT ", stored = %" G_GINT64_FORMAT
                         " WHERE id = '%s'", status, modified * G_USEC_PER_SEC, modified * G_USEC_PER_SEC, tip->id);
  exec (fx, sql);
  return tip;
}

static gboolean
listed (GPtrArray  *items,
        const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((TlRetentionItem *) g_ptr_array_index (items, i))->tip_id, id) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
expiring (Fixture                   *fx,
          const TlRetentionSchedule *schedule,
          gint64                     horizon)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = tl_store_list_expiring (fx->store, schedule, horizon, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* Every file in the store's folder, whatever its name (database, write-ahead log,
 * shared memory, key file, marks). */
static guint
files_containing (Fixture    *fx,
                  const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;
  guint found = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && file_contains (path, needle))
        {
          g_test_message ("%s is in %s", needle, name);
          found++;
        }
    }
  return found;
}

/* tests */

/* Every status against the default schedule, a second inside and a second past its
 * time. A status added to the enum without a row here fails the count check. */
static void
test_default_schedule (Fixture       *fx,
                       gconstpointer  data)
{
  static const struct
  {
    TlTipStatus status;
    gint64 keep_days;           /* 0: kept for ever */
  } rows[] = {
    { TL_TIP_STATUS_DRAFT, 180 },
    { TL_TIP_STATUS_OPEN, 0 },
    { TL_TIP_STATUS_REFERRED, 0 },
    { TL_TIP_STATUS_CLOSED, 7 * 365 + 2 },  /* 2019-12-06 to 2026-12-06: two 29 Februaries */
  };
  TlRetentionSchedule schedule;
  guint n_statuses = 0;

  tl_retention_schedule_init_default (&schedule);
  while (tl_tip_status_values[n_statuses].nick != NULL)
    n_statuses++;
  g_assert_cmpuint (G_N_ELEMENTS (rows), ==, n_statuses);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(TlTip) inside = NULL;
      g_autoptr(TlTip) past = NULL;
      g_autoptr(TlTip) ancient = NULL;
      g_autoptr(GPtrArray) items = NULL;
      gint64 age = rows[i].keep_days * DAY;

      if (age == 0)
        {
          ancient = save_at (fx, rows[i].status, NOW - 40 * 365 * DAY, NULL);
          g_assert_true (tl_retention_keeps_forever (&schedule, rows[i].status));
          items = expiring (fx, &schedule, NOW);
          g_assert_false (listed (items, ancient->id));
          continue;
        }
      inside = save_at (fx, rows[i].status, NOW - age + 1, NULL);
      past = save_at (fx, rows[i].status, NOW - age, NULL);
      items = expiring (fx, &schedule, NOW);
      g_assert_false (listed (items, inside->id));
      g_assert_true (listed (items, past->id));
      g_assert_cmpint (tl_retention_expires (&schedule, rows[i].status, NOW - age, 0), ==, NOW);
    }
}

/* The Due view's warnings: what expires within the warning days, not yet purgeable. */
static void
test_warning_horizon (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(TlTip) soon = save_at (fx, TL_TIP_STATUS_DRAFT, NOW - 170 * DAY, NULL);
  g_autoptr(TlTip) later = save_at (fx, TL_TIP_STATUS_DRAFT, NOW - 100 * DAY, NULL);
  g_autoptr(GPtrArray) now_items = NULL;
  g_autoptr(GPtrArray) warned = NULL;
  TlRetentionSchedule schedule;

  tl_retention_schedule_init_default (&schedule);
  now_items = expiring (fx, &schedule, NOW);
  warned = expiring (fx, &schedule, NOW + schedule.warning_days * DAY);
  g_assert_cmpuint (now_items->len, ==, 0);
  g_assert_cmpuint (warned->len, ==, 1);
  g_assert_cmpstr (((TlRetentionItem *) g_ptr_array_index (warned, 0))->tip_id, ==, soon->id);
  g_assert_cmpint (((TlRetentionItem *) g_ptr_array_index (warned, 0))->expires, ==, NOW + 10 * DAY);
  g_assert_false (listed (warned, later->id));

  /* The Due view's limit keeps the soonest. */
  {
    g_autoptr(TlTip) sooner = save_at (fx, TL_TIP_STATUS_DRAFT, NOW - 175 * DAY, NULL);
    g_autoptr(GPtrArray) one = tl_store_list_expiring (fx->store, &schedule, NOW + schedule.warning_days * DAY, 1, NULL);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (((TlRetentionItem *) g_ptr_array_index (one, 0))->tip_id, ==, sooner->id);
  }
}

/* Off (the office said so): nothing expires, however old. */
static void
test_off (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(TlTip) old = save_at (fx, TL_TIP_STATUS_CLOSED, NOW - 30 * 365 * DAY, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  TlRetentionSchedule schedule;

  tl_retention_schedule_init_default (&schedule);
  schedule.enabled = FALSE;
  items = expiring (fx, &schedule, NOW);
  g_assert_cmpuint (items->len, ==, 0);
  g_assert_cmpint (tl_store_purge_expired (fx->store, &schedule, NOW, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM tips"), ==, 1);
}

/* A hold keeps an expired tip until its end, with a reason that stays out of the audit
 * log; bad holds are refused with a sentence. */
static void
test_extend (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_at (fx, TL_TIP_STATUS_CLOSED, NOW - 8 * 365 * DAY, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until = now + 90 * DAY;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  TlRetentionSchedule schedule;

  tl_retention_schedule_init_default (&schedule);
  before = expiring (fx, &schedule, now);
  g_assert_true (listed (before, tip->id));

  g_assert_false (tl_store_extend_retention (fx->store, tip->id, until, "  ", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_store_extend_retention (fx->store, tip->id, now - DAY, "Court date", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_store_extend_retention (fx->store, tip->id, now + 11 * 366 * DAY, "Court date", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_store_extend_retention (fx->store, "no-such-tip", until, "Court date", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tl_store_extend_retention (fx->store, tip->id, until, "Prosecutor asked " CANARY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_get_retention_hold (fx->store, tip->id, NULL), ==, until);
  held = expiring (fx, &schedule, now);
  g_assert_false (listed (held, tip->id));
  after = expiring (fx, &schedule, until);
  g_assert_true (listed (after, tip->id));
  g_assert_cmpint (((TlRetentionItem *) g_ptr_array_index (after, 0))->expires, ==, until);

  g_assert_cmpint (tl_test_store_query_int (fx->store,
                                            "SELECT count(*) FROM audit WHERE action = 'retention-extend'"
                                            " AND detail GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"), ==, 1);
  g_assert_cmpint (tl_test_store_query_int (fx->store,
                                            "SELECT count(*) FROM audit WHERE detail LIKE '%" CANARY "%'"), ==, 0);
}

/* Unsaved drafts of new tips follow the drafts' time; the draft of a saved open tip
 * (pending edits) stays with its tip. */
static void
test_orphan_drafts (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(TlTip) open = save_at (fx, TL_TIP_STATUS_OPEN, NOW - 2 * 365 * DAY, NULL);
  g_autoptr(TlTip) unsaved = tl_tip_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  TlRetentionSchedule schedule;
  g_autofree char *sql = NULL;

  tl_retention_schedule_init_default (&schedule);
  g_assert_true (tl_store_save_draft (fx->store, unsaved, &error));
  g_assert_true (tl_store_save_draft (fx->store, open, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE drafts SET saved = %" G_GINT64_FORMAT, (NOW - 200 * DAY) * G_USEC_PER_SEC);
  exec (fx, sql);

  items = expiring (fx, &schedule, NOW);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((TlRetentionItem *) g_ptr_array_index (items, 0))->tip_id, ==, unsaved->id);
  g_assert_false (((TlRetentionItem *) g_ptr_array_index (items, 0))->saved);

  g_assert_cmpint (tl_store_purge_expired (fx->store, &schedule, NOW, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM drafts"), ==, 1);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM tips"), ==, 1);
}

/* The canary: a purged tip's victim name, phone, narrative, follow-up and hold reason
 * are in no file of the store after the purge and its checkpoint, while a kept tip is;
 * the audit log says how many went, never which or what. */
static void
test_purge_canary (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(TlTip) doomed = save_at (fx, TL_TIP_STATUS_CLOSED, NOW - 9 * 365 * DAY, CANARY " Pérez");
  g_autoptr(TlTip) kept = save_at (fx, TL_TIP_STATUS_OPEN, NOW - 9 * 365 * DAY, "Someone Keptalive");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  TlRetentionSchedule schedule;
  g_autofree char *sql = NULL;
  gint64 real_now = g_get_real_time () / G_USEC_PER_SEC;

  tl_retention_schedule_init_default (&schedule);
  g_assert_cmpint (tl_store_add_follow_up (fx->store, doomed->id, "Call " CANARY " back", NOW, &error), >, 0);
  g_assert_true (tl_store_extend_retention (fx->store, doomed->id, real_now + DAY, "Hold for " CANARY, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_save_draft (fx->store, doomed, &error));
  /* The hold has run out by the purge's "now". */
  sql = g_strdup_printf ("UPDATE retention_holds SET until = %" G_GINT64_FORMAT, NOW - DAY);
  exec (fx, sql);
  exec (fx, "PRAGMA wal_checkpoint(TRUNCATE)");

  /* Control: in a plain store the canary is there to find, so the check can fail. */
  g_assert_cmpuint (files_containing (fx, CANARY), >, 0);
  g_assert_cmpuint (files_containing (fx, CANARY_DIGITS), >, 0);

  g_assert_cmpint (tl_store_purge_expired (fx->store, &schedule, NOW, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_false (tl_store_purge_is_pending (fx->store));

  g_assert_cmpuint (files_containing (fx, CANARY), ==, 0);
  g_assert_cmpuint (files_containing (fx, CANARY_DIGITS), ==, 0);
  g_assert_cmpuint (files_containing (fx, "Keptalive"), >, 0);

  found = tl_store_search (fx->store, CANARY, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM follow_ups"), ==, 0);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM retention_holds"), ==, 0);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM drafts"), ==, 0);
  g_assert_cmpint (tl_test_store_query_int (fx->store,
                                            "SELECT count(*) FROM audit WHERE action = 'purge'"
                                            " AND tip_id IS NULL AND detail = '1'"), ==, 1);

  /* And after the lock, which checkpoints again. */
  tl_store_lock (fx->store);
  g_assert_cmpuint (files_containing (fx, CANARY), ==, 0);
  g_assert_cmpuint (files_containing (fx, CANARY_DIGITS), ==, 0);
}

/* Thousands of expired tips go in one pass: one transaction, one audit entry. */
static void
test_purge_many (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  TlRetentionSchedule schedule;
  const guint n = 3000;
  gint64 start, purged;

  for (guint i = 0; i < n + 10; i++)
    {
      TlTip *tip = tl_tip_new ();

      tip->type = TL_TRAFFICKING_SEX;
      tip->status = i < n ? TL_TIP_STATUS_CLOSED : TL_TIP_STATUS_OPEN;
      tl_set_str (&tip->narrative, "Narrative of a purged tip");
      g_ptr_array_add (tips, tip);
    }
  g_assert_true (_tl_store_save_tips (fx->store, tips, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE tips SET modified = %" G_GINT64_FORMAT ", stored = %" G_GINT64_FORMAT,
                         (NOW - 8 * 365 * DAY) * G_USEC_PER_SEC, (NOW - 8 * 365 * DAY) * G_USEC_PER_SEC);
  exec (fx, sql);

  tl_retention_schedule_init_default (&schedule);
  start = g_get_monotonic_time ();
  purged = tl_store_purge_expired (fx->store, &schedule, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (purged, ==, n);
  g_test_message ("purged %u tips in %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM tips"), ==, 10);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM tips_fts"), ==, 10);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM audit WHERE action = 'purge'"), ==, 1);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM audit WHERE action = 'delete'"), ==, 0);
}

/* A tip imported from a file that carries no time of change (modified 0) counts from
 * its write into this store: an import never makes a tip expire sooner. */
static void
test_import_clock (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(TlTip) tip = save_at (fx, TL_TIP_STATUS_CLOSED, NOW - 9 * 365 * DAY, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *sql = NULL;
  TlRetentionSchedule schedule;

  tl_retention_schedule_init_default (&schedule);
  sql = g_strdup_printf ("UPDATE tips SET modified = 0, stored = %" G_GINT64_FORMAT, (NOW - DAY) * G_USEC_PER_SEC);
  exec (fx, sql);
  items = expiring (fx, &schedule, NOW);
  g_assert_false (listed (items, tip->id));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = expiring (fx, &schedule, NOW + 7 * 366 * DAY);
  g_assert_true (listed (items, tip->id));
  g_assert_cmpint (((TlRetentionItem *) g_ptr_array_index (items, 0))->modified, ==, NOW - DAY);
}

static int
count_step (void *user_data)
{
  (*(guint64 *) user_data)++;
  return 0;
}

/* The SQLite instructions a check of what has expired at NOW runs. */
static guint64
steps_to_list_expiring (Fixture                   *fx,
                        const TlRetentionSchedule *schedule)
{
  g_autoptr(GPtrArray) items = NULL;
  guint64 steps = 0;

  sqlite3_progress_handler (_tl_store_get_db (fx->store), 1, count_step, &steps);
  items = expiring (fx, schedule, NOW);
  sqlite3_progress_handler (_tl_store_get_db (fx->store), 0, NULL, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  return steps;
}

/* Closed tips imported or synced in today with changes years old (an office's
 * archive): none has expired, and the check at every unlock does not walk them (issue
 * 16: it cost 230 ms at 100,000 tips). Counted in SQLite's instructions, not in time,
 * so a busy machine cannot make it pass or fail. */
static void
test_archive_not_walked (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) archive = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(TlTip) expired = save_at (fx, TL_TIP_STATUS_CLOSED, NOW - 8 * 365 * DAY, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  TlRetentionSchedule schedule;
  guint64 alone, with_archive;

  tl_retention_schedule_init_default (&schedule);
  alone = steps_to_list_expiring (fx, &schedule);

  for (guint i = 0; i < 2000; i++)
    {
      TlTip *tip = tl_tip_new ();

      tip->type = TL_TRAFFICKING_LABOR;
      tip->status = TL_TIP_STATUS_CLOSED;
      tl_set_str (&tip->narrative, "An archived tip");
      g_ptr_array_add (archive, tip);
    }
  g_assert_true (_tl_store_save_tips (fx->store, archive, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE tips SET modified = %" G_GINT64_FORMAT ", stored = %" G_GINT64_FORMAT
                         " WHERE id != '%s'", (NOW - 9 * 365 * DAY) * G_USEC_PER_SEC,
                         (NOW - DAY) * G_USEC_PER_SEC, expired->id);
  exec (fx, sql);

  with_archive = steps_to_list_expiring (fx, &schedule);
  g_test_message ("%" G_GUINT64_FORMAT " steps alone, %" G_GUINT64_FORMAT " with the archive",
                  alone, with_archive);
  g_assert_cmpuint (with_archive, <=, alone + 50);
}

/* The list of tips filtered to those with an overdue follow-up. */
static void
test_overdue_filter (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(TlTip) late = save_at (fx, TL_TIP_STATUS_OPEN, NOW, NULL);
  g_autoptr(TlTip) soon = save_at (fx, TL_TIP_STATUS_OPEN, NOW, NULL);
  g_autoptr(TlTip) done = save_at (fx, TL_TIP_STATUS_OPEN, NOW, NULL);
  g_autoptr(GError) error = NULL;
  TlTipFilter filter = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  gint64 id;

  filter.overdue_before = NOW;
  tl_store_add_follow_up (fx->store, late->id, "Call back", NOW - 3600, &error);
  tl_store_add_follow_up (fx->store, soon->id, "Call back", NOW + 3600, &error);
  id = tl_store_add_follow_up (fx->store, done->id, "Call back", NOW - 7200, &error);
  g_assert_no_error (error);
  g_assert_true (tl_store_finish_follow_up (fx->store, id, NULL, &error));

  g_assert_cmpint (tl_store_count_tips (fx->store, &filter, &error), ==, 1);
  rows = tl_store_list_tips (fx->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (rows, 0))->id, ==, late->id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup_plain, fn, tl_test_store_tear_down)
  ADD ("/retention/default-schedule", test_default_schedule);
  ADD ("/retention/warning-horizon", test_warning_horizon);
  ADD ("/retention/off", test_off);
  ADD ("/retention/extend", test_extend);
  ADD ("/retention/orphan-drafts", test_orphan_drafts);
  ADD ("/retention/import-clock", test_import_clock);
  ADD ("/retention/archive-not-walked", test_archive_not_walked);
  ADD ("/retention/purge-canary", test_purge_canary);
  ADD ("/retention/purge-many", test_purge_many);
  ADD ("/retention/overdue-filter", test_overdue_filter);
#undef ADD

  return g_test_run ();
}
