/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-financial-row"

#include "config.h"

#include "tl-tip.h"
#include "tl-financial-row.h"

/* One card, account or money transfer, with the number exactly as given. */

struct _TlFinancialRow
{
  TlItemRow parent_instance;

  AdwComboRow *kind_row;
  AdwEntryRow *institution_row;
  AdwEntryRow *holder_row;
  AdwEntryRow *value_row;
};

G_DEFINE_FINAL_TYPE (TlFinancialRow, tl_financial_row, TL_TYPE_ITEM_ROW)

/* overrides */

static char *
tl_financial_row_dup_summary (TlItemRow *row)
{
  TlFinancial *item = tl_item_row_get_record (row);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if ((int) item->kind != tl_financial_kind_values[0].value)
    g_ptr_array_add (parts, (char *) tl_enum_label (tl_financial_kind_values, item->kind));
  if (item->institution != NULL)
    g_ptr_array_add (parts, item->institution);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
tl_financial_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_FINANCIAL_ROW);

  G_OBJECT_CLASS (tl_financial_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_financial_row_class_init (TlFinancialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlItemRowClass *row_class = TL_ITEM_ROW_CLASS (klass);

  object_class->dispose = tl_financial_row_dispose;
  row_class->dup_summary = tl_financial_row_dup_summary;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-financial-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlFinancialRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TlFinancialRow, institution_row);
  gtk_widget_class_bind_template_child (widget_class, TlFinancialRow, holder_row);
  gtk_widget_class_bind_template_child (widget_class, TlFinancialRow, value_row);
}

static void
tl_financial_row_init (TlFinancialRow *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_item_row_get_fields (TL_ITEM_ROW (self));
  tl_field_set_add_choice (fields, self->kind_row, "kind",
                           G_STRUCT_OFFSET (TlFinancial, kind), tl_financial_kind_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->institution_row), "institution",
                         G_STRUCT_OFFSET (TlFinancial, institution));
  tl_field_set_add_text (fields, GTK_WIDGET (self->holder_row), "holder",
                         G_STRUCT_OFFSET (TlFinancial, holder));
  tl_field_set_add_text (fields, GTK_WIDGET (self->value_row), "value",
                         G_STRUCT_OFFSET (TlFinancial, value));
}
