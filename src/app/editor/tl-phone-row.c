/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-phone-row"

#include "config.h"

#include "tl-tip.h"
#include "tl-phone-row.h"

/* One phone number, whose it is and its company. */

struct _TlPhoneRow
{
  TlItemRow parent_instance;

  AdwEntryRow *number_row;
  AdwComboRow *owner_row;
  AdwEntryRow *carrier_row;
};

G_DEFINE_FINAL_TYPE (TlPhoneRow, tl_phone_row, TL_TYPE_ITEM_ROW)

/* overrides */

static char *
tl_phone_row_dup_summary (TlItemRow *row)
{
  TlPhone *item = tl_item_row_get_record (row);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (item->number != NULL)
    g_ptr_array_add (parts, item->number);
  if ((int) item->owner != tl_phone_owner_values[0].value)
    g_ptr_array_add (parts, (char *) tl_enum_label (tl_phone_owner_values, item->owner));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
tl_phone_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_PHONE_ROW);

  G_OBJECT_CLASS (tl_phone_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_phone_row_class_init (TlPhoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlItemRowClass *row_class = TL_ITEM_ROW_CLASS (klass);

  object_class->dispose = tl_phone_row_dispose;
  row_class->dup_summary = tl_phone_row_dup_summary;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-phone-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlPhoneRow, number_row);
  gtk_widget_class_bind_template_child (widget_class, TlPhoneRow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, TlPhoneRow, carrier_row);
}

static void
tl_phone_row_init (TlPhoneRow *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_item_row_get_fields (TL_ITEM_ROW (self));
  tl_field_set_add_text (fields, GTK_WIDGET (self->number_row), "number",
                         G_STRUCT_OFFSET (TlPhone, number));
  tl_field_set_add_choice (fields, self->owner_row, "owner",
                           G_STRUCT_OFFSET (TlPhone, owner), tl_phone_owner_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->carrier_row), "carrier",
                         G_STRUCT_OFFSET (TlPhone, carrier));
}
