/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-vehicle-row"

#include "config.h"

#include "tl-tip.h"
#include "tl-vehicle-row.h"

/* One vehicle seen with the operation. */

struct _TlVehicleRow
{
  TlItemRow parent_instance;

  AdwEntryRow *plate_row;
  AdwEntryRow *plate_state_row;
  AdwEntryRow *make_row;
  AdwEntryRow *model_row;
  AdwEntryRow *color_row;
  AdwEntryRow *year_row;
  AdwEntryRow *description_row;
};

G_DEFINE_FINAL_TYPE (TlVehicleRow, tl_vehicle_row, TL_TYPE_ITEM_ROW)

/* overrides */

static char *
tl_vehicle_row_dup_summary (TlItemRow *row)
{
  TlVehicle *item = tl_item_row_get_record (row);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (item->plate != NULL)
    g_ptr_array_add (parts, item->plate);
  if (item->plate_state != NULL)
    g_ptr_array_add (parts, item->plate_state);
  if (item->color != NULL)
    g_ptr_array_add (parts, item->color);
  if (item->make != NULL)
    g_ptr_array_add (parts, item->make);
  if (item->model != NULL)
    g_ptr_array_add (parts, item->model);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
tl_vehicle_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_VEHICLE_ROW);

  G_OBJECT_CLASS (tl_vehicle_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_vehicle_row_class_init (TlVehicleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlItemRowClass *row_class = TL_ITEM_ROW_CLASS (klass);

  object_class->dispose = tl_vehicle_row_dispose;
  row_class->dup_summary = tl_vehicle_row_dup_summary;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-vehicle-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, plate_row);
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, plate_state_row);
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, make_row);
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, model_row);
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, color_row);
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, year_row);
  gtk_widget_class_bind_template_child (widget_class, TlVehicleRow, description_row);
}

static void
tl_vehicle_row_init (TlVehicleRow *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_item_row_get_fields (TL_ITEM_ROW (self));
  tl_field_set_add_text (fields, GTK_WIDGET (self->plate_row), "plate",
                         G_STRUCT_OFFSET (TlVehicle, plate));
  tl_field_set_add_text (fields, GTK_WIDGET (self->plate_state_row), "plate-state",
                         G_STRUCT_OFFSET (TlVehicle, plate_state));
  tl_field_set_add_text (fields, GTK_WIDGET (self->make_row), "make",
                         G_STRUCT_OFFSET (TlVehicle, make));
  tl_field_set_add_text (fields, GTK_WIDGET (self->model_row), "model",
                         G_STRUCT_OFFSET (TlVehicle, model));
  tl_field_set_add_text (fields, GTK_WIDGET (self->color_row), "color",
                         G_STRUCT_OFFSET (TlVehicle, color));
  tl_field_set_add_text (fields, GTK_WIDGET (self->year_row), "year",
                         G_STRUCT_OFFSET (TlVehicle, year));
  tl_field_set_add_text (fields, GTK_WIDGET (self->description_row), "description",
                         G_STRUCT_OFFSET (TlVehicle, description));
}
