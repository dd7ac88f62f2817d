/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-item"

#include "config.h"

#include "tl-tip-item.h"

/* One row of the tip list as a GObject, so it can live in a GListModel. It holds only
 * what the store's list query returns (dates, status, summary), never a whole tip. */

struct _TlTipItem
{
  GObject parent_instance;

  TlTipRow *row;
};

G_DEFINE_FINAL_TYPE (TlTipItem, tl_tip_item, G_TYPE_OBJECT)

static void
tl_tip_item_finalize (GObject *object)
{
  TlTipItem *self = (TlTipItem *) object;

  g_clear_pointer (&self->row, tl_tip_row_free);

  G_OBJECT_CLASS (tl_tip_item_parent_class)->finalize (object);
}

static void
tl_tip_item_class_init (TlTipItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_tip_item_finalize;
}

static void
tl_tip_item_init (TlTipItem *self)
{
}

/**
 * tl_tip_item_new:
 * @row: (transfer full) (nullable): the list row, or %NULL for a row that could not be read
 */
TlTipItem *
tl_tip_item_new (TlTipRow *row)
{
  TlTipItem *self = g_object_new (TL_TYPE_TIP_ITEM, NULL);

  self->row = row;
  return self;
}

const TlTipRow *
tl_tip_item_get_row (TlTipItem *self)
{
  g_return_val_if_fail (TL_IS_TIP_ITEM (self), NULL);

  return self->row;
}

const char *
tl_tip_item_get_id (TlTipItem *self)
{
  g_return_val_if_fail (TL_IS_TIP_ITEM (self), NULL);

  return self->row != NULL ? self->row->id : NULL;
}
