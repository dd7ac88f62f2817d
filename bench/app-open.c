/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tl-application.h"
#include "tl-measure.h"
#include "tl-tip-item.h"
#include "tl-growing-list-model.h"
#include "tl-tip-list-model.h"
#include "tl-tip-editor.h"
#include "tl-tip-list-row.h"
#include "tl-window.h"
#include "tl-window-private.h"
#include "tl-bench-gen.h"
#include "tl-bench-store.h"

/* app-open --store DIR: Tipline's application and window (everything but main.c),
 * driven as a person would: type the passphrase into the unlock page (a second after
 * the window shows, as a person would start), wait for the
 * first rows of the list to be drawn, then scroll the list to its end and read the
 * resident memory. The store was made by the benchmark with the minimum KDF through
 * the API; the app itself is unchanged, so the unlock page derives the key as the
 * store's key slot says. Prints:
 *   unlock-to-rows-ms   passphrase entered to the first frame with list rows
 *   unlock-to-all-rows-ms  ... to the frame after which the list shows every tip (it
 *                       shows a slice of rows a frame after an unlock)
 *   scroll-ms           scrolling from the top of the list to its end
 *   rows-vmrss-kb       resident memory when the first rows are drawn
 *   vmrss-kb, vmhwm-kb  resident memory after the scroll, and its peak
 *   end-vmhwm-kb        the peak at the end, after opening, typing and saving
 *   sqlite-kb, sqlite-peak-kb  of that, SQLite's heap (its page cache) now and at peak
 * Then it scrolls back to the top, opens the newest tip (selects the first row; the
 * editor was prepared ahead in idle moments since unlock) and saves it (win.save-tip, as
 * Ctrl+S does), and prints the longest main-loop stall of each action (issue 16): the
 * longest gap between two runs of a 5 ms high-priority timeout, less the 5 ms:
 *   unlock-stall-ms (until the list shows every tip), scroll-stall-ms, open-stall-ms, save-stall-ms,
 *   open-again-stall-ms: opening the next tip (the editor's rows refilled, not built),
 *   type-stall-ms: typing 30 characters into the narrative, one every 80 ms, and the
 *     draft autosave and routing that follow (budget 50 ms),
 *   type-field-stall-ms: the same with 10 characters into a short field (the city),
 *     which the routing reads, and
 *   store-save-stall-ms: the store's save of the second row's tip alone, without the
 *   window's save action (the list and the links answer its signal),
 *   filter-stall-ms: the list filtered to open tips (a whole new list), and
 *   search-stall-ms: the filter off and a word in every tip searched (500 matches)
 * With TL_BENCH_OPEN_AFTER_MS set, it does not scroll: it opens the newest tip that many
 * ms after the list shows every tip, while the work that follows an unlock (the page
 * check on its worker, the editor's preparation) may still run. */

#define SCROLL_STEPS 400
#define WATCH_MS     5
#define SETTLE_MS    1500
#define TYPE_KEYS    30
#define FIELD_KEYS   10
#define TYPE_EVERY_MS 80
/* A person starts typing the passphrase a second or more after the window shows. */
#define READ_PAGE_MS 1000

typedef struct
{
  GtkApplication *app;
  GtkWidget *window;
  GtkWidget *list_view;
  gint64 unlock_start;
  gint64 scroll_start;
  guint step;
  guint settle;
  gint64 last_watch;
  gint64 longest_gap;
  guint typed;
  guint field_typed;
} Driver;

/* helpers */

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             gboolean   mapped)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (!mapped || gtk_widget_get_mapped (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, mapped);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The tip list, told apart from the editor's list views by its model. */
static GtkWidget *
find_tip_list (GtkWidget *root)
{
  GtkSelectionModel *model;

  if (GTK_IS_LIST_VIEW (root) &&
      (model = gtk_list_view_get_model (GTK_LIST_VIEW (root))) != NULL &&
      GTK_IS_SINGLE_SELECTION (model) &&
      TL_IS_GROWING_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tip_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A field of /proc/self/status ("VmRSS:", in kB), printed as "key: value". */
static void
print_status_kb (const char *key,
                 const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, field)) != NULL)
    printf ("%s: %ld\n", key, strtol (line + strlen (field), NULL, 10));
}

/* The main loop's longest stall since stall_reset(). */
static gboolean
watch_cb (gpointer user_data)
{
  Driver *driver = user_data;
  gint64 now = g_get_monotonic_time ();

  if (driver->last_watch > 0)
    driver->longest_gap = MAX (driver->longest_gap, now - driver->last_watch);
  driver->last_watch = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_reset (Driver *driver)
{
  driver->last_watch = g_get_monotonic_time ();
  driver->longest_gap = 0;
}

static void
print_stall (Driver     *driver,
             const char *action)
{
  gint64 gap = MAX (driver->longest_gap, g_get_monotonic_time () - driver->last_watch);

  printf ("%s-stall-ms: %.1f\n", action, MAX (0, gap / 1000.0 - WATCH_MS));
  fflush (stdout);
  stall_reset (driver);
}

/* callbacks */

static gboolean
searched_cb (gpointer user_data)
{
  Driver *driver = user_data;

  print_stall (driver, "search");
  g_application_quit (G_APPLICATION (driver->app));
  return G_SOURCE_REMOVE;
}

/* A word in every tip typed into the search (it searches after a pause in typing). */
static gboolean
filtered_cb (gpointer user_data)
{
  Driver *driver = user_data;
  TlWindow *window = TL_WINDOW (driver->window);

  print_stall (driver, "filter");
  gtk_drop_down_set_selected (window->status_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), TL_BENCH_COMMON_WORD);
  g_timeout_add (SETTLE_MS, searched_cb, driver);
  return G_SOURCE_REMOVE;
}

/* The list filtered to open tips: the whole list replaced. */
static gboolean
saved_cb (gpointer user_data)
{
  Driver *driver = user_data;

  print_stall (driver, "save");
  /* the peak over the whole run: after a tip is open, typed in and saved */
  print_status_kb ("end-vmhwm-kb", "VmHWM:");
  gtk_drop_down_set_selected (TL_WINDOW (driver->window)->status_dropdown, 2);
  g_timeout_add (SETTLE_MS, filtered_cb, driver);
  return G_SOURCE_REMOVE;
}

static gboolean
window_save_cb (gpointer user_data)
{
  Driver *driver = user_data;

  print_stall (driver, "store-save");
  gtk_widget_activate_action (driver->window, "win.save-tip", NULL);
  g_timeout_add (SETTLE_MS, saved_cb, driver);
  return G_SOURCE_REMOVE;
}

/* First the store's save alone (the list and the links follow its signal), then the
 * window's (as Ctrl+S), to tell their stalls apart. */
static gboolean
field_typed_cb (gpointer user_data)
{
  Driver *driver = user_data;
  TlStore *store = tl_window_get_store (TL_WINDOW (driver->window));
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (driver->list_view));
  g_autoptr(TlTipItem) item = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_autoptr(TlTip) tip = NULL;

  print_stall (driver, "type-field");
  tip = item != NULL ? tl_store_load_tip (store, tl_tip_item_get_id (item), NULL) : NULL;
  if (tip != NULL)
    tl_store_save_tip (store, tip, NULL);
  g_timeout_add (SETTLE_MS, window_save_cb, driver);
  return G_SOURCE_REMOVE;
}

/* One character at the end of the focused entry, as a key press puts it there. */
static gboolean
type_field_key_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (driver->window));

  if (GTK_IS_EDITABLE (focus))
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (focus), "a", 1, &position);
    }
  if (++driver->field_typed < FIELD_KEYS)
    return G_SOURCE_CONTINUE;
  g_timeout_add (SETTLE_MS + 1500, field_typed_cb, driver);
  return G_SOURCE_REMOVE;
}

/* After the narrative, a short field. */
static gboolean
typed_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWidget *editor = find_widget (driver->window, TL_TYPE_TIP_EDITOR, TRUE);

  print_stall (driver, "type");
  if (editor == NULL || !tl_tip_editor_focus_field (TL_TIP_EDITOR (editor), "location/city"))
    {
      g_printerr ("app-open: no city field to type in\n");
      exit (1);
    }
  stall_reset (driver);
  g_timeout_add (TYPE_EVERY_MS, type_field_key_cb, driver);
  return G_SOURCE_REMOVE;
}

/* One character into the narrative, as a key press puts it there; after the last,
 * the wait covers the draft autosave and the routing that follow. */
static gboolean
type_key_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (driver->window));

  if (GTK_IS_TEXT_VIEW (focus))
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)),
                                      driver->typed % 6 == 5 ? " " : "a", 1);
  if (++driver->typed < TYPE_KEYS)
    return G_SOURCE_CONTINUE;
  g_timeout_add (SETTLE_MS + 1500, typed_cb, driver);
  return G_SOURCE_REMOVE;
}

static gboolean
opened_again_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWidget *editor = find_widget (driver->window, TL_TYPE_TIP_EDITOR, TRUE);

  print_stall (driver, "open-again");
  if (editor == NULL || !tl_tip_editor_focus_field (TL_TIP_EDITOR (editor), "narrative"))
    {
      g_printerr ("app-open: no narrative field to type in\n");
      exit (1);
    }
  stall_reset (driver);
  g_timeout_add (TYPE_EVERY_MS, type_key_cb, driver);
  return G_SOURCE_REMOVE;
}

/* The next tip (an editor already filled once): its rows are refilled. */
static gboolean
opened_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (driver->list_view));

  print_stall (driver, "open");
  gtk_selection_model_select_item (model, 2, TRUE);
  g_timeout_add (SETTLE_MS, opened_again_cb, driver);
  return G_SOURCE_REMOVE;
}

static gboolean
open_first_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (driver->list_view));

  stall_reset (driver);
  gtk_selection_model_select_item (model, 0, TRUE);
  g_timeout_add (SETTLE_MS, opened_cb, driver);
  return G_SOURCE_REMOVE;
}

/* One scroll step a frame, each painted before the next, so every page of rows the
 * scroll passes is bound and drawn, as when a person drags the scroll bar down. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Driver *driver = user_data;
  GtkScrollable *scrollable = GTK_SCROLLABLE (driver->list_view);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (scrollable);
  double end = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (driver->step < SCROLL_STEPS)
    {
      driver->step++;
      gtk_adjustment_set_value (adj, end * driver->step / SCROLL_STEPS);
      return G_SOURCE_CONTINUE;
    }

  /* A few more frames at the end, so the last rows are drawn too. */
  if (driver->settle++ < 5)
    return G_SOURCE_CONTINUE;

  printf ("scroll-ms: %.1f\n", ms_since (driver->scroll_start));
  printf ("sqlite-kb: %lld\nsqlite-peak-kb: %lld\n", (long long) sqlite3_memory_used () / 1024,
          (long long) sqlite3_memory_highwater (FALSE) / 1024);
  tl_measure_print_memory ();
  print_stall (driver, "scroll");
  /* Back to the top, where the newest tip is, before the open is timed: the list's
   * rows rebound for the jump are the scroll's cost, not the open's. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (driver->list_view)), 0);
  g_timeout_add (SETTLE_MS, open_first_cb, driver);
  return G_SOURCE_REMOVE;
}

/* The list shows its rows a slice a frame after an unlock: the unlock's stall counts
 * until it shows them all. */
static gboolean
all_rows_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  Driver *driver = user_data;
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (driver->list_view)));

  if (tl_growing_list_model_is_growing (TL_GROWING_LIST_MODEL (gtk_single_selection_get_model (selection))))
    return G_SOURCE_CONTINUE;

  printf ("unlock-to-all-rows-ms: %.1f\n", ms_since (driver->unlock_start));
  print_stall (driver, "unlock");
  driver->scroll_start = g_get_monotonic_time ();
  if (g_getenv ("TL_BENCH_OPEN_AFTER_MS") != NULL)
    {
      g_timeout_add (atoi (g_getenv ("TL_BENCH_OPEN_AFTER_MS")), open_first_cb, driver);
      return G_SOURCE_REMOVE;
    }
  gtk_widget_add_tick_callback (driver->list_view, scroll_tick_cb, driver, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
rows_drawn_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  Driver *driver = user_data;
  GtkWidget *row;

  /* A tick comes before the frame's layout and paint: a row mapped now was drawn in
   * the previous frame. */
  row = driver->list_view != NULL ? find_widget (driver->list_view, TL_TYPE_TIP_LIST_ROW, TRUE) : NULL;
  if (row == NULL)
    {
      driver->list_view = find_tip_list (driver->window);
      return G_SOURCE_CONTINUE;
    }

  printf ("unlock-to-rows-ms: %.1f\n", ms_since (driver->unlock_start));
  print_status_kb ("rows-vmrss-kb", "VmRSS:");
  gtk_widget_add_tick_callback (driver->list_view, all_rows_tick_cb, driver, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
try_unlock_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWidget *entry = find_widget (driver->window, ADW_TYPE_PASSWORD_ENTRY_ROW, TRUE);

  if (entry == NULL || !gtk_widget_is_sensitive (entry))
    return G_SOURCE_CONTINUE;

  gtk_editable_set_text (GTK_EDITABLE (entry), TL_BENCH_PASSPHRASE);
  driver->unlock_start = g_get_monotonic_time ();
  stall_reset (driver);
  g_timeout_add_full (G_PRIORITY_HIGH, WATCH_MS, watch_cb, driver, NULL);
  g_signal_emit_by_name (entry, "entry-activated");
  gtk_widget_add_tick_callback (driver->window, rows_drawn_tick_cb, driver, NULL);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Driver         *driver)
{
  if (!TL_IS_WINDOW (window) || driver->window != NULL)
    return;
  driver->window = GTK_WIDGET (window);
  g_timeout_add (READ_PAGE_MS, try_unlock_cb, driver);
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_printerr ("app-open: no list rows after two minutes\n");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlApplication) app = tl_application_new ();
  Driver driver = { 0 };

  driver.app = GTK_APPLICATION (app);
  /* Another instance (a real Tipline) must not take the window instead. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &driver);
  g_timeout_add_seconds (120, give_up_cb, NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
