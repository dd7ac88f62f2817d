/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 16: a jump deep into the list starts from the nearest mark (tl_store_mark_list())
 * instead of walking the index from the top. What must hold whatever the marks: every
 * page is the page of the list in its order, after saves, deletes and new tips, with
 * the marks half made, stale, or gone after a lock. Marks every 5 rows here, so a small
 * store has many. */
#define G_LOG_DOMAIN "test-list-marks"

#include "config.h"

#include "tl-store-testing.h"
#include "tl-test-store.h"

#define PASS   "list marks secret"
#define EVERY  5
#define N_TIPS (7 * EVERY + 3)

/* helpers */

static void
setup (TlTestStore   *fx,
       gconstpointer  data)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(GError) error = NULL;

  tl_test_store_init (fx, "list-marks");
  tl_test_store_create (fx, TL_TEST_STORE_ADVOCATE, PASS);
  _tl_store_set_list_mark_every (fx->store, EVERY);

  for (guint i = 0; i < N_TIPS; i++)
    {
      TlTip *tip = tl_tip_new ();
      g_autofree char *summary = g_strdup_printf ("Tip %u", i);

      tl_set_str (&tip->narrative, summary);
      /* Some share a modified time: their order is the id's. */
      tip->status = i % 3 == 0 ? TL_TIP_STATUS_OPEN : TL_TIP_STATUS_CLOSED;
      g_ptr_array_add (tips, tip);
    }
  g_assert_true (_tl_store_save_tips (fx->store, tips, &error));
  g_assert_no_error (error);
}

static void
teardown (TlTestStore   *fx,
          gconstpointer  data)
{
  tl_test_store_clear (fx);
}

/* The ids of the whole list, read from the top in one page (no mark is used there). */
static GPtrArray *
whole_list (TlStore           *store,
            const TlTipFilter *filter)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  rows = tl_store_list_tips (store, filter, 0, 10 * N_TIPS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (((TlTipRow *) g_ptr_array_index (rows, i))->id));
  return ids;
}

/* Every page of every size, read last first so that no page continues the one before
 * (which the store reads by key, without a mark), is that part of the whole list. */
static void
assert_pages (TlStore           *store,
              const TlTipFilter *filter)
{
  static const guint sizes[] = { 1, 3, EVERY, 2 * EVERY + 1 };
  g_autoptr(GPtrArray) expected = whole_list (store, filter);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint offset = expected->len + 2; offset-- > 0;)
      {
        g_autoptr(GPtrArray) rows = NULL;
        g_autoptr(GError) error = NULL;
        guint want = offset < expected->len ? MIN (sizes[s], expected->len - offset) : 0;

        rows = tl_store_list_tips (store, filter, offset, sizes[s], &error);
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, want);
        for (guint i = 0; i < rows->len; i++)
          g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (rows, i))->id, ==,
                           g_ptr_array_index (expected, offset + i));
      }
}

static guint
mark_all (TlStore *store)
{
  guint calls = 0;

  while (tl_store_mark_list (store, 0))
    calls++;
  return calls + 1;
}

/* After a change or a lock: the pages are right and none is read from a stale mark;
 * marked again, they are right and read from the new marks. */
static void
assert_marked_again (TlStore *store)
{
  guint jumps = _tl_store_get_list_mark_jumps (store);

  assert_pages (store, NULL);
  g_assert_cmpuint (_tl_store_get_list_mark_jumps (store), ==, jumps);
  mark_all (store);
  assert_pages (store, NULL);
  g_assert_cmpuint (_tl_store_get_list_mark_jumps (store), >, jumps);
}

/* tests */

/* Half made or whole, the marks give the list's own pages, and deep pages use them. */
static void
test_pages_from_marks (TlTestStore   *fx,
                       gconstpointer  data)
{
  guint jumps;

  assert_pages (fx->store, NULL);
  g_assert_cmpuint (_tl_store_get_list_mark_jumps (fx->store), ==, 0);

  /* One mark a call when there is no time to spare: every state in between is checked. */
  while (tl_store_mark_list (fx->store, 0))
    assert_pages (fx->store, NULL);
  assert_pages (fx->store, NULL);
  jumps = _tl_store_get_list_mark_jumps (fx->store);
  g_assert_cmpuint (jumps, >, 0);

  /* Made: nothing more to make. */
  g_assert_false (tl_store_mark_list (fx->store, 0));
  g_assert_cmpuint (mark_all (fx->store), ==, 1);
}

/* A save moves a tip to the top, a delete and a new tip shift every row: the marks are
 * stale at once, unused until made again, and then right again. */
static void
test_changes_make_marks_stale (TlTestStore   *fx,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) before = whole_list (fx->store, NULL);
  g_autoptr(TlTip) middle = NULL;
  g_autoptr(TlTip) added = tl_tip_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (mark_all (fx->store), ==, N_TIPS / EVERY + 1);

  middle = tl_store_load_tip (fx->store, g_ptr_array_index (before, N_TIPS / 2), &error);
  g_assert_no_error (error);
  tl_set_str (&middle->narrative, "Moved to the top");
  g_assert_true (tl_store_save_tip (fx->store, middle, &error));
  g_assert_no_error (error);

  assert_marked_again (fx->store);

  g_assert_true (tl_store_delete_tip (fx->store, g_ptr_array_index (before, 2), &error));
  g_assert_no_error (error);
  assert_marked_again (fx->store);

  tl_set_str (&added->narrative, "A new tip");
  g_assert_true (tl_store_save_tip (fx->store, added, &error));
  g_assert_no_error (error);
  /* Marks half made again after the change. */
  g_assert_true (tl_store_mark_list (fx->store, 0));
  assert_pages (fx->store, NULL);
  mark_all (fx->store);
  assert_pages (fx->store, NULL);
}

/* A filtered list has no marks: its pages are its own, none read from a mark. */
static void
test_filtered_list (TlTestStore   *fx,
                    gconstpointer  data)
{
  TlTipFilter open = { .by_status = TRUE, .status = TL_TIP_STATUS_OPEN };
  guint jumps;

  mark_all (fx->store);
  jumps = _tl_store_get_list_mark_jumps (fx->store);
  assert_pages (fx->store, &open);
  g_assert_cmpuint (_tl_store_get_list_mark_jumps (fx->store), ==, jumps);
}

/* Locking drops the marks: the store opened again (perhaps restored from a backup in
 * between) reads from the top until marks are made for it. */
static void
test_lock_drops_marks (TlTestStore   *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mark_all (fx->store);
  tl_store_lock (fx->store);
  g_assert_false (tl_store_mark_list (fx->store, 0));
  g_assert_true (tl_store_unlock (fx->store, PASS, &error));
  g_assert_no_error (error);

  assert_marked_again (fx->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, TlTestStore, NULL, setup, fn, teardown)
  ADD ("/list-marks/pages-from-marks", test_pages_from_marks);
  ADD ("/list-marks/changes-make-marks-stale", test_changes_make_marks_stale);
  ADD ("/list-marks/filtered-list", test_filtered_list);
  ADD ("/list-marks/lock-drops-marks", test_lock_drops_marks);
#undef ADD

  return g_test_run ();
}
