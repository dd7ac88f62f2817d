/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-list-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-tip-item.h"
#include "tl-tip-list-model.h"

/* The tip list as a lazy GListModel. The number of items comes from one COUNT query;
 * rows are read a page at a time when the view asks for them, and only the most
 * recently used pages are kept, so a store of 100,000 tips scrolls with bounded memory.
 * A search is different: the store returns at most TL_TIP_LIST_SEARCH_LIMIT matches,
 * which are kept whole. */

struct _TlTipListModel
{
  GObject parent_instance;

  TlStore *store;
  gulong tips_changed_id;

  TlTipFilter filter;
  char *query;

  guint n_items;
  GHashTable *pages;     /* page index -> GPtrArray of TlTipItem */
  GQueue lru;            /* page indices, most recently used first */
  GPtrArray *results;    /* TlTipItem, search mode only */
  GHashTable *recycled;  /* tip id -> TlTipItem of the pages dropped by the last save */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlTipListModel, tl_tip_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static gboolean
row_matches_filter (const TlTipRow    *row,
                    const TlTipFilter *filter)
{
  if (filter->by_status && row->status != filter->status)
    return FALSE;
  if (filter->by_type && row->type != filter->type)
    return FALSE;
  if (filter->received_from != 0 && row->received < filter->received_from)
    return FALSE;
  if (filter->received_to != 0 && row->received >= filter->received_to)
    return FALSE;
  return TRUE;
}

static gboolean
rows_equal (const TlTipRow *a,
            const TlTipRow *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && a->created == b->created && a->modified == b->modified &&
         a->received == b->received && a->status == b->status && a->type == b->type &&
         a->danger == b->danger && a->has_minor == b->has_minor &&
         g_strcmp0 (a->state, b->state) == 0 && g_strcmp0 (a->summary, b->summary) == 0;
}

/* The item of an unchanged row, as it was before a save, or a new one. The list view
 * keeps the row widget of an item it gets back after items-changed and only builds and
 * binds rows for new items: with new items for every row above the saved tip, a save
 * rebuilt and laid out every row on screen, most of its stall (issue 16). */
static TlTipItem *
item_for_row (TlTipListModel *self,
              TlTipRow       *row)
{
  TlTipItem *old = self->recycled != NULL ? g_hash_table_lookup (self->recycled, row->id) : NULL;

  if (old != NULL && rows_equal (tl_tip_item_get_row (old), row))
    {
      tl_tip_row_free (row);
      return g_object_ref (old);
    }
  return tl_tip_item_new (row);
}

/* Keeps the items of the cached pages for item_for_row(), until the next change. */
static void
recycle_rows (TlTipListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_pointer (&self->recycled, g_hash_table_unref);
  self->recycled = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        {
          TlTipItem *item = g_ptr_array_index (items, i);
          const char *id = tl_tip_item_get_id (item);

          if (id != NULL)
            g_hash_table_replace (self->recycled, (gpointer) id, g_object_ref (item));
        }
    }
}

static void
drop_rows (TlTipListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  g_clear_pointer (&self->results, g_ptr_array_unref);
}

/* Reads everything that decides the number of items; emits nothing. */
static guint
load_counts (TlTipListModel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !tl_store_is_unlocked (self->store))
    return 0;

  if (self->query != NULL)
    {
      g_autoptr(GPtrArray) rows = tl_store_search (self->store, self->query,
                                                   TL_TIP_LIST_SEARCH_LIMIT, &error);

      if (rows == NULL)
        {
          g_warning ("Could not search the tips: %s", error->message);
          return 0;
        }

      /* The store searches text only; the filters apply to its matches. */
      self->results = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < rows->len; i++)
        {
          TlTipRow *row = g_ptr_array_index (rows, i);

          if (row_matches_filter (row, &self->filter))
            g_ptr_array_add (self->results, tl_tip_item_new (g_steal_pointer (&rows->pdata[i])));
        }
      return self->results->len;
    }
  else
    {
      gint64 count = tl_store_count_tips (self->store, &self->filter, &error);

      if (count < 0)
        {
          g_warning ("Could not count the tips: %s", error->message);
          return 0;
        }
      return (guint) MIN (count, G_MAXUINT);
    }
}

static GPtrArray *
fetch_page (TlTipListModel *self,
            guint           page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *items;
  guint offset = page * TL_TIP_LIST_PAGE_SIZE;
  guint expected = MIN (TL_TIP_LIST_PAGE_SIZE, self->n_items - offset);

  rows = tl_store_list_tips (self->store, &self->filter, offset, TL_TIP_LIST_PAGE_SIZE, &error);
  /* A damaged page: the rows show as empty, and the store's own check (the window's
   * damage dialog) tells the advocate what happened and what to do. */
  if (rows == NULL)
    g_message ("Could not read a page of tips (error %d)", error->code);

  items = g_ptr_array_new_full (expected, g_object_unref);
  for (guint i = 0; rows != NULL && i < rows->len && i < expected; i++)
    g_ptr_array_add (items, item_for_row (self, g_steal_pointer (&rows->pdata[i])));

  /* A row the store could not give still needs an item: a list model may not return
   * NULL below n_items. It shows as an empty row. */
  while (items->len < expected)
    g_ptr_array_add (items, tl_tip_item_new (NULL));

  return items;
}

static GPtrArray *
lookup_page (TlTipListModel *self,
             guint           page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));

      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return items;
    }

  items = fetch_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (self->lru.length > TL_TIP_LIST_MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));

  return items;
}

static void
reset (TlTipListModel *self)
{
  guint old_n_items = self->n_items;

  g_clear_pointer (&self->recycled, g_hash_table_unref);
  drop_rows (self);
  self->n_items = load_counts (self);

  if (old_n_items != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

/* Where tip_id is among the cached pages, or -1. */
static gint64
cached_position (TlTipListModel *self,
                 const char     *tip_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        {
          const TlTipRow *row = tl_tip_item_get_row (g_ptr_array_index (items, i));

          if (row != NULL && g_strcmp0 (row->id, tip_id) == 0)
            return (gint64) GPOINTER_TO_UINT (key) * TL_TIP_LIST_PAGE_SIZE + i;
        }
    }
  return -1;
}

/* Whether the row at position is tip_id. */
static gboolean
row_is (TlTipListModel *self,
        gint64          position,
        const char     *tip_id)
{
  GPtrArray *items;
  const TlTipRow *row;

  if (position < 0 || position >= self->n_items)
    return FALSE;
  items = lookup_page (self, position / TL_TIP_LIST_PAGE_SIZE);
  row = tl_tip_item_get_row (g_ptr_array_index (items, position % TL_TIP_LIST_PAGE_SIZE));
  return row != NULL && g_strcmp0 (row->id, tip_id) == 0;
}

/* A saved tip is usually the newest, so it moves to the top. */
static gboolean
first_is (TlTipListModel *self,
          const char     *tip_id)
{
  return row_is (self, 0, tip_id);
}

/* One tip was saved or deleted: announce only the rows that changed (issue 16). Telling
 * the view that every row was replaced made it fetch every page again, about 1,000
 * queries per save at 100,000 tips, which froze the window for seconds. */
static void
update_for_tip (TlTipListModel *self,
                const char     *tip_id)
{
  guint old_n_items = self->n_items;
  gint64 old_position = cached_position (self, tip_id);

  recycle_rows (self);
  drop_rows (self);
  self->n_items = load_counts (self);

  /* Saved, and in the list before and after: rows 0 .. its old place shift by one. */
  if (self->n_items == old_n_items && old_position >= 0 && first_is (self, tip_id))
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_position + 1, old_position + 1);
  /* Saved without a new modified time: the same place, that row only. */
  else if (self->n_items == old_n_items && row_is (self, old_position, tip_id))
    g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 1);
  /* A new tip (or one that now matches the filter), at the top. */
  else if (self->n_items == old_n_items + 1 && old_position < 0 && first_is (self, tip_id))
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  /* Deleted, or no longer matching the filter. */
  else if (self->n_items + 1 == old_n_items && old_position >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
  else if (old_n_items != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

/* callbacks */

static void
store_tips_changed_cb (TlTipListModel *self,
                       const char     *tip_id,
                       TlStore        *store)
{
  /* Search results (at most a few hundred) and many tips at once: read again. */
  if (tip_id == NULL || self->query != NULL)
    reset (self);
  else
    update_for_tip (self, tip_id);
}

/* GListModel */

static GType
tl_tip_list_model_get_item_type (GListModel *model)
{
  return TL_TYPE_TIP_ITEM;
}

static guint
tl_tip_list_model_get_n_items (GListModel *model)
{
  return TL_TIP_LIST_MODEL (model)->n_items;
}

static gpointer
tl_tip_list_model_get_item (GListModel *model,
                            guint       position)
{
  TlTipListModel *self = TL_TIP_LIST_MODEL (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  if (self->results != NULL)
    return g_object_ref (g_ptr_array_index (self->results, position));

  items = lookup_page (self, position / TL_TIP_LIST_PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (items, position % TL_TIP_LIST_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tl_tip_list_model_get_item_type;
  iface->get_n_items = tl_tip_list_model_get_n_items;
  iface->get_item = tl_tip_list_model_get_item;
}

/* overrides */

static void
tl_tip_list_model_dispose (GObject *object)
{
  TlTipListModel *self = (TlTipListModel *) object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->tips_changed_id, self->store);
  g_clear_object (&self->store);
  drop_rows (self);
  g_clear_pointer (&self->recycled, g_hash_table_unref);

  G_OBJECT_CLASS (tl_tip_list_model_parent_class)->dispose (object);
}

static void
tl_tip_list_model_finalize (GObject *object)
{
  TlTipListModel *self = (TlTipListModel *) object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (tl_tip_list_model_parent_class)->finalize (object);
}

static void
tl_tip_list_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TlTipListModel *self = TL_TIP_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_tip_list_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TlTipListModel *self = TL_TIP_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tl_tip_list_model_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_tip_list_model_class_init (TlTipListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_tip_list_model_dispose;
  object_class->finalize = tl_tip_list_model_finalize;
  object_class->get_property = tl_tip_list_model_get_property;
  object_class->set_property = tl_tip_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_tip_list_model_init (TlTipListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/* public API */

TlTipListModel *
tl_tip_list_model_new (void)
{
  return g_object_new (TL_TYPE_TIP_LIST_MODEL, NULL);
}

TlStore *
tl_tip_list_model_get_store (TlTipListModel *self)
{
  g_return_val_if_fail (TL_IS_TIP_LIST_MODEL (self), NULL);

  return self->store;
}

/**
 * tl_tip_list_model_set_store:
 * @store: (nullable): the store to list, or %NULL to drop every row (on lock)
 */
void
tl_tip_list_model_set_store (TlTipListModel *self,
                             TlStore        *store)
{
  g_return_if_fail (TL_IS_TIP_LIST_MODEL (self));
  g_return_if_fail (store == NULL || TL_IS_STORE (store));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_clear_signal_handler (&self->tips_changed_id, self->store);
      g_set_object (&self->store, store);
      if (store != NULL)
        self->tips_changed_id = g_signal_connect_object (store, "tips-changed",
                                                         G_CALLBACK (store_tips_changed_cb),
                                                         self, G_CONNECT_SWAPPED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }

  reset (self);
}

/**
 * tl_tip_list_model_set_filter:
 * @filter: (nullable): what to list; %NULL lists every tip
 */
void
tl_tip_list_model_set_filter (TlTipListModel    *self,
                              const TlTipFilter *filter)
{
  static const TlTipFilter no_filter = { 0 };

  g_return_if_fail (TL_IS_TIP_LIST_MODEL (self));

  if (filter == NULL)
    filter = &no_filter;
  if (memcmp (&self->filter, filter, sizeof *filter) == 0)
    return;

  self->filter = *filter;
  reset (self);
}

/**
 * tl_tip_list_model_set_query:
 * @query: (nullable): search text; %NULL or blank lists tips page by page
 */
void
tl_tip_list_model_set_query (TlTipListModel *self,
                             const char     *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (TL_IS_TIP_LIST_MODEL (self));

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (stripped, self->query) == 0)
    return;

  /* The old query is search text: wipe it rather than leave it in freed memory. */
  if (self->query != NULL)
    memset (self->query, 0, strlen (self->query));
  g_free (self->query);
  self->query = g_steal_pointer (&stripped);
  reset (self);
}


/* How many pages of rows are held now; for tests of the memory bound. */
guint
tl_tip_list_model_get_n_pages (TlTipListModel *self)
{
  g_return_val_if_fail (TL_IS_TIP_LIST_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}
