/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-online-row"

#include "config.h"

#include "tl-tip.h"
#include "tl-online-row.h"

/* One e-mail address, account, website or online ad. */

struct _TlOnlineRow
{
  TlItemRow parent_instance;

  AdwComboRow *kind_row;
  AdwEntryRow *platform_row;
  AdwEntryRow *value_row;
};

G_DEFINE_FINAL_TYPE (TlOnlineRow, tl_online_row, TL_TYPE_ITEM_ROW)

/* overrides */

static char *
tl_online_row_dup_summary (TlItemRow *row)
{
  TlOnline *item = tl_item_row_get_record (row);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if ((int) item->kind != tl_online_kind_values[0].value)
    g_ptr_array_add (parts, (char *) tl_enum_label (tl_online_kind_values, item->kind));
  if (item->value != NULL)
    g_ptr_array_add (parts, item->value);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
tl_online_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_ONLINE_ROW);

  G_OBJECT_CLASS (tl_online_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_online_row_class_init (TlOnlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlItemRowClass *row_class = TL_ITEM_ROW_CLASS (klass);

  object_class->dispose = tl_online_row_dispose;
  row_class->dup_summary = tl_online_row_dup_summary;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-online-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlOnlineRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TlOnlineRow, platform_row);
  gtk_widget_class_bind_template_child (widget_class, TlOnlineRow, value_row);
}

static void
tl_online_row_init (TlOnlineRow *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_item_row_get_fields (TL_ITEM_ROW (self));
  tl_field_set_add_choice (fields, self->kind_row, "kind",
                           G_STRUCT_OFFSET (TlOnline, kind), tl_online_kind_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->platform_row), "platform",
                         G_STRUCT_OFFSET (TlOnline, platform));
  tl_field_set_add_text (fields, GTK_WIDGET (self->value_row), "value",
                         G_STRUCT_OFFSET (TlOnline, value));
}
