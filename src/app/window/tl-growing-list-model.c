/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-growing-list-model"

#include "config.h"

#include "tl-growing-list-model.h"

/* A list model that shows its model's items from the top, and shows a whole new list
 * (an unlock, a search, a filter) a slice per frame (issue 16). GTK 4.8's list view
 * builds, binds and measures a row for each of about 200 items at once when its model
 * announces them, 300 ms in the first frame after an unlock whatever the store's size;
 * a slice of rows a frame keeps each frame short, and the first rows show in the first.
 * Smaller changes (a save moves a row, a delete) pass through as they come.
 *
 * What it shows is always the first `shown` items of the model, so a position means
 * the same item in both. The frames are those of `ticker`, the list view. */

struct _TlGrowingListModel
{
  GObject parent_instance;

  GListModel *model;
  GtkWidget *ticker;
  guint shown;
  guint tick_id;
  gboolean skip_tick;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlGrowingListModel, tl_growing_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* helpers */

static void
stop_growing (TlGrowingListModel *self)
{
  if (self->tick_id != 0 && self->ticker != NULL)
    gtk_widget_remove_tick_callback (self->ticker, self->tick_id);
  self->tick_id = 0;
}

static void
show_up_to (TlGrowingListModel *self,
            guint               shown)
{
  guint before = self->shown;

  self->shown = shown;
  if (shown > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, shown - before);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  TlGrowingListModel *self = user_data;
  guint n_items = g_list_model_get_n_items (self->model);

  /* The frame that draws the first slice is not the one to add the next. */
  if (self->skip_tick)
    {
      self->skip_tick = FALSE;
      return G_SOURCE_CONTINUE;
    }
  if (self->shown >= TL_GROWING_LIST_ALL_FROM)
    show_up_to (self, n_items);
  else
    show_up_to (self, MIN (n_items, self->shown + TL_GROWING_LIST_SLICE));
  if (self->shown < n_items)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_growing (TlGrowingListModel *self)
{
  self->skip_tick = TRUE;
  if (self->tick_id == 0 && self->ticker != NULL)
    self->tick_id = gtk_widget_add_tick_callback (self->ticker, tick_cb, self, NULL);
  /* Without a list view to draw them, there is nothing to spread over frames. */
  if (self->tick_id == 0)
    tl_growing_list_model_show_all (self);
}

/* callbacks */

static void
model_items_changed_cb (TlGrowingListModel *self,
                        guint               position,
                        guint               removed,
                        guint               added,
                        GListModel         *model)
{
  guint n_items = g_list_model_get_n_items (model);
  guint old_n_items = n_items - added + removed;
  guint old_shown = self->shown;
  guint shown_removed;

  /* The whole list replaced by a long one: its first slice now, the rest frame by frame. */
  if (position == 0 && removed == old_n_items && added > TL_GROWING_LIST_SLICE)
    {
      self->shown = TL_GROWING_LIST_SLICE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_shown, self->shown);
      start_growing (self);
      return;
    }

  /* Below what is shown yet: the growing shows it in its turn. */
  if (position > old_shown || (position == old_shown && old_shown < old_n_items))
    return;

  /* The shown items after the change are still the model's first ones: those before
   * position, the added ones, and the shown ones after the removed range. */
  shown_removed = MIN (removed, old_shown - position);
  self->shown = old_shown - shown_removed + added;
  if (self->shown >= n_items)
    stop_growing (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, added);
}

/* GListModel */

static GType
tl_growing_list_model_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (TL_GROWING_LIST_MODEL (model)->model);
}

static guint
tl_growing_list_model_get_n_items (GListModel *model)
{
  return TL_GROWING_LIST_MODEL (model)->shown;
}

static gpointer
tl_growing_list_model_get_item (GListModel *model,
                                guint       position)
{
  TlGrowingListModel *self = TL_GROWING_LIST_MODEL (model);

  if (position >= self->shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tl_growing_list_model_get_item_type;
  iface->get_n_items = tl_growing_list_model_get_n_items;
  iface->get_item = tl_growing_list_model_get_item;
}

/* overrides */

static void
tl_growing_list_model_dispose (GObject *object)
{
  TlGrowingListModel *self = (TlGrowingListModel *) object;

  stop_growing (self);
  if (self->ticker != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->ticker), (gpointer *) &self->ticker);
  self->ticker = NULL;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (tl_growing_list_model_parent_class)->dispose (object);
}

static void
tl_growing_list_model_class_init (TlGrowingListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_growing_list_model_dispose;
}

static void
tl_growing_list_model_init (TlGrowingListModel *self)
{
}

/* public API */

/**
 * tl_growing_list_model_new:
 * @model: the items to show
 * @ticker: (nullable): the widget whose frames pace the growing (not referenced);
 *   without one, every change shows at once
 */
TlGrowingListModel *
tl_growing_list_model_new (GListModel *model,
                           GtkWidget  *ticker)
{
  TlGrowingListModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (ticker == NULL || GTK_IS_WIDGET (ticker), NULL);

  self = g_object_new (TL_TYPE_GROWING_LIST_MODEL, NULL);
  self->model = g_object_ref (model);
  self->shown = g_list_model_get_n_items (model);
  self->ticker = ticker;
  if (ticker != NULL)
    g_object_add_weak_pointer (G_OBJECT (ticker), (gpointer *) &self->ticker);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/* The items it shows (not a reference). */
GListModel *
tl_growing_list_model_get_model (TlGrowingListModel *self)
{
  g_return_val_if_fail (TL_IS_GROWING_LIST_MODEL (self), NULL);

  return self->model;
}

/* Whether some of the model's items are still to be shown. */
gboolean
tl_growing_list_model_is_growing (TlGrowingListModel *self)
{
  g_return_val_if_fail (TL_IS_GROWING_LIST_MODEL (self), FALSE);

  return self->shown < g_list_model_get_n_items (self->model);
}

/* Shows every item now: before selecting one that may not be shown yet. */
void
tl_growing_list_model_show_all (TlGrowingListModel *self)
{
  g_return_if_fail (TL_IS_GROWING_LIST_MODEL (self));

  show_up_to (self, g_list_model_get_n_items (self->model));
  stop_growing (self);
}
