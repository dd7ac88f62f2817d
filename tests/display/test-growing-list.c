/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-growing-list"

#include "config.h"

#include "tl-growing-list-model.h"
#include "tl-test-display.h"

/* The tip list shows a whole new list a slice a frame (issue 16). Whatever the changes,
 * and whenever they come, what it shows must be the first items of its model, and what
 * it announced must add up to what it shows: a list view that mirrors it from its
 * signals alone would otherwise show the wrong tip in a row, or crash. */

typedef struct
{
  GListStore *store;
  GtkWidget *window;
  GtkWidget *ticker;
  TlGrowingListModel *growing;
  GPtrArray *mirror;          /* the items as the announcements alone say */
  gint64 last_growth_frame;   /* frame of the last growth at the end, or -1 */
  guint growths;
  gboolean changing;          /* the model is being changed: what comes is no growth */
} Fixture;

/* helpers */

static GObject *
item_new (guint n)
{
  g_autofree char *name = g_strdup_printf ("item %u", n);

  return G_OBJECT (gtk_string_object_new (name));
}

/* Replaces removed items at position with added new ones. */
static void
splice (Fixture *fx,
        guint    position,
        guint    removed,
        guint    added)
{
  static guint next;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, item_new (next++));
  fx->changing = TRUE;
  g_list_store_splice (fx->store, position, removed, items->pdata, added);
  fx->changing = FALSE;
}

static void
replace_all (Fixture *fx,
             guint    n_items)
{
  splice (fx, 0, g_list_model_get_n_items (G_LIST_MODEL (fx->store)), n_items);
}

static gint64
frame_now (Fixture *fx)
{
  GdkFrameClock *clock = fx->ticker != NULL ? gtk_widget_get_frame_clock (fx->ticker) : NULL;

  return clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : -1;
}

/* What is shown is the model's first items, and is what was announced. */
static void
assert_consistent (Fixture *fx)
{
  GListModel *growing = G_LIST_MODEL (fx->growing);
  guint shown = g_list_model_get_n_items (growing);

  g_assert_cmpuint (fx->mirror->len, ==, shown);
  g_assert_cmpuint (shown, <=, g_list_model_get_n_items (G_LIST_MODEL (fx->store)));
  g_assert_null (g_list_model_get_item (growing, shown));
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (growing, i);
      g_autoptr(GObject) in_store = g_list_model_get_item (G_LIST_MODEL (fx->store), i);

      g_assert_true (item == in_store);
      g_assert_true (item == g_ptr_array_index (fx->mirror, i));
    }
}

static void
growing_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Fixture    *fx)
{
  g_assert_cmpuint (position + removed, <=, fx->mirror->len);
  g_ptr_array_remove_range (fx->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (fx->mirror, position + i, item);
    }

  /* A whole new list: the next frame draws its first slice, so growth comes after. */
  if (fx->changing && position == 0 && added == TL_GROWING_LIST_SLICE &&
      tl_growing_list_model_is_growing (fx->growing))
    fx->last_growth_frame = frame_now (fx) + 1;

  /* Growing at the end, frame by frame: a slice at most, one per frame, until the
   * list view's rows are all built. */
  if (!fx->changing && removed == 0 && position + added == g_list_model_get_n_items (model))
    {
      gint64 frame = frame_now (fx);

      if (position < TL_GROWING_LIST_ALL_FROM)
        {
          g_assert_cmpuint (added, <=, TL_GROWING_LIST_SLICE);
          g_assert_cmpint (frame, >, fx->last_growth_frame);
        }
      fx->last_growth_frame = frame;
      fx->growths++;
    }
}

static gboolean
done_growing_cb (gpointer data)
{
  Fixture *fx = data;

  return !tl_growing_list_model_is_growing (fx->growing);
}

static void
wait_grown (Fixture *fx)
{
  g_assert_true (tl_test_wait (done_growing_cb, fx, 10000));
  assert_consistent (fx);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->growing)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (fx->store)));
}

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  gboolean with_ticker = GPOINTER_TO_INT (data);

  fx->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  fx->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  fx->last_growth_frame = -1;
  if (with_ticker)
    {
      fx->window = gtk_window_new ();
      fx->ticker = gtk_label_new ("ticker");
      gtk_window_set_child (GTK_WINDOW (fx->window), fx->ticker);
      gtk_window_present (GTK_WINDOW (fx->window));
      tl_test_iterate (100);
    }
  fx->growing = tl_growing_list_model_new (G_LIST_MODEL (fx->store), fx->ticker);
  g_signal_connect (fx->growing, "items-changed", G_CALLBACK (growing_items_changed_cb), fx);
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_clear_object (&fx->growing);
  if (fx->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fx->window));
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->mirror, g_ptr_array_unref);
}

/* tests */

/* A whole new long list: its first slice at once, the rest over frames. */
static void
test_first_slice (Fixture       *fx,
                  gconstpointer  data)
{
  replace_all (fx, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->growing)), ==, TL_GROWING_LIST_SLICE);
  g_assert_true (tl_growing_list_model_is_growing (fx->growing));
  assert_consistent (fx);
  wait_grown (fx);
  /* a slice a frame up to the rows a list view builds, then the rest at once */
  g_assert_cmpuint (fx->growths, ==, (TL_GROWING_LIST_ALL_FROM - TL_GROWING_LIST_SLICE) / TL_GROWING_LIST_SLICE + 1);

  /* A short list comes whole. */
  replace_all (fx, TL_GROWING_LIST_SLICE);
  g_assert_false (tl_growing_list_model_is_growing (fx->growing));
  assert_consistent (fx);
}

/* Each kind of change, made while the list grows and once it has: what it shows stays
 * the model's first items, as announced. */
static void
test_changes (Fixture       *fx,
              gconstpointer  data)
{
  static const struct
  {
    const char *what;
    gint position;     /* -1: at the end of the model; -2: at the end of what is shown */
    guint removed;
    guint added;
  } changes[] = {
    { "a saved tip moves to the top", 0, 6, 6 },
    { "a new tip at the top", 0, 0, 1 },
    { "a tip deleted among the shown", 3, 1, 0 },
    { "a change below what is shown", -1, 0, 3 },
    { "a change at the edge of what is shown", -2, 0, 2 },
    { "a removal across the edge of what is shown", -2, 0, 0 },
    { "many new rows in the middle", 10, 2, 400 },
  };

  for (guint grown = 0; grown < 2; grown++)
    for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (fx->store));
        guint shown;
        guint position;
        guint removed = changes[c].removed;

        g_test_message ("%s, %s", changes[c].what, grown ? "grown" : "growing");
        replace_all (fx, 1000);
        if (grown)
          wait_grown (fx);
        n = g_list_model_get_n_items (G_LIST_MODEL (fx->store));
        shown = g_list_model_get_n_items (G_LIST_MODEL (fx->growing));
        position = changes[c].position == -1 ? n : changes[c].position == -2 ? shown : (guint) changes[c].position;
        if (g_str_has_prefix (changes[c].what, "a removal across"))
          {
            position = shown - 2;
            removed = 10;
          }
        position = MIN (position, n);
        removed = MIN (removed, n - position);
        splice (fx, position, removed, changes[c].added);
        assert_consistent (fx);
        wait_grown (fx);
      }
}

/* Many changes of every size at random moments, some in the same frame as growth. */
static void
test_random (Fixture       *fx,
             gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (16);

  for (guint step = 0; step < 300; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (fx->store));
      guint kind = g_rand_int_range (rand, 0, 10);

      if (kind == 0)
        replace_all (fx, g_rand_int_range (rand, 0, 3000));
      else
        {
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, MIN (n - position, 40) + 1);
          guint added = g_rand_int_range (rand, 0, kind == 1 ? 500 : 30);

          splice (fx, position, removed, added);
        }
      assert_consistent (fx);
      if (g_rand_boolean (rand))
        tl_test_iterate (g_rand_int_range (rand, 0, 40));
    }
  wait_grown (fx);
  g_rand_free (rand);
}

/* Selecting a tip that may not be shown yet shows every one first. */
static void
test_show_all (Fixture       *fx,
               gconstpointer  data)
{
  replace_all (fx, 700);
  g_assert_true (tl_growing_list_model_is_growing (fx->growing));
  fx->changing = TRUE;
  tl_growing_list_model_show_all (fx->growing);
  fx->changing = FALSE;
  g_assert_false (tl_growing_list_model_is_growing (fx->growing));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->growing)), ==, 700);
  assert_consistent (fx);
  /* and nothing more comes from a frame */
  fx->growths = 0;
  tl_test_iterate (100);
  g_assert_cmpuint (fx->growths, ==, 0);
}

/* Without a widget whose frames pace it, everything shows at once. */
static void
test_no_ticker (Fixture       *fx,
                gconstpointer  data)
{
  replace_all (fx, 5000);
  g_assert_false (tl_growing_list_model_is_growing (fx->growing));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->growing)), ==, 5000);
  assert_consistent (fx);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_display_init (&argc, &argv);

#define ADD(path, ticker, fn) g_test_add (path, Fixture, GINT_TO_POINTER (ticker), setup, fn, teardown)
  ADD ("/growing-list/first-slice", TRUE, test_first_slice);
  ADD ("/growing-list/changes", TRUE, test_changes);
  ADD ("/growing-list/random", TRUE, test_random);
  ADD ("/growing-list/show-all", TRUE, test_show_all);
  ADD ("/growing-list/no-ticker", FALSE, test_no_ticker);
#undef ADD

  return g_test_run ();
}
