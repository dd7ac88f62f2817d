/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-offender-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-tip.h"
#include "tl-offender-row.h"

/* One suspected offender: who they are, what they do, how to recognise them. */

struct _TlOffenderRow
{
  TlItemRow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *alias_row;
  AdwComboRow *role_row;
  AdwEntryRow *age_row;
  AdwEntryRow *birth_date_row;
  AdwComboRow *gender_row;
  AdwEntryRow *description_row;
  AdwEntryRow *marks_row;
  AdwEntryRow *address_row;
};

G_DEFINE_FINAL_TYPE (TlOffenderRow, tl_offender_row, TL_TYPE_ITEM_ROW)

/* overrides */

static char *
tl_offender_row_dup_summary (TlItemRow *row)
{
  TlOffender *item = tl_item_row_get_record (row);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *age = NULL;

  if (item->name != NULL || item->alias != NULL)
    g_ptr_array_add (parts, item->name != NULL ? item->name : item->alias);
  if ((int) item->role != tl_offender_role_values[0].value)
    g_ptr_array_add (parts, (char *) tl_enum_label (tl_offender_role_values, item->role));
  if (item->age != NULL)
    /* Translators: an offender's age in the summary line, e.g. "Beto · Recruiter · age 30" */
    g_ptr_array_add (parts, age = g_strdup_printf (_("age %s"), item->age));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
tl_offender_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_OFFENDER_ROW);

  G_OBJECT_CLASS (tl_offender_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_offender_row_class_init (TlOffenderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlItemRowClass *row_class = TL_ITEM_ROW_CLASS (klass);

  object_class->dispose = tl_offender_row_dispose;
  row_class->dup_summary = tl_offender_row_dup_summary;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-offender-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, alias_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, age_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, gender_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, marks_row);
  gtk_widget_class_bind_template_child (widget_class, TlOffenderRow, address_row);
}

static void
tl_offender_row_init (TlOffenderRow *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_item_row_get_fields (TL_ITEM_ROW (self));
  tl_field_set_add_text (fields, GTK_WIDGET (self->name_row), "name",
                         G_STRUCT_OFFSET (TlOffender, name));
  tl_field_set_add_text (fields, GTK_WIDGET (self->alias_row), "alias",
                         G_STRUCT_OFFSET (TlOffender, alias));
  tl_field_set_add_choice (fields, self->role_row, "role",
                           G_STRUCT_OFFSET (TlOffender, role), tl_offender_role_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->age_row), "age",
                         G_STRUCT_OFFSET (TlOffender, age));
  tl_field_set_add_text (fields, GTK_WIDGET (self->birth_date_row), "birth-date",
                         G_STRUCT_OFFSET (TlOffender, birth_date));
  tl_field_set_add_choice (fields, self->gender_row, "gender",
                           G_STRUCT_OFFSET (TlOffender, gender), tl_gender_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->description_row), "description",
                         G_STRUCT_OFFSET (TlOffender, description));
  tl_field_set_add_text (fields, GTK_WIDGET (self->marks_row), "marks",
                         G_STRUCT_OFFSET (TlOffender, marks));
  tl_field_set_add_text (fields, GTK_WIDGET (self->address_row), "address",
                         G_STRUCT_OFFSET (TlOffender, address));
}
