/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-location-section"

#include "config.h"

#include "tl-location-section.h"

/* Where it happens. Keys are the validation paths, "location/city" and so on. */

struct _TlLocationSection
{
  TlEditorSection parent_instance;

  AdwEntryRow *city_row;
  AdwEntryRow *address_row;
  AdwEntryRow *county_row;
  AdwEntryRow *state_row;
  AdwEntryRow *description_row;
};

G_DEFINE_FINAL_TYPE (TlLocationSection, tl_location_section, TL_TYPE_EDITOR_SECTION)

/* overrides */

static void
tl_location_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_LOCATION_SECTION);

  G_OBJECT_CLASS (tl_location_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_location_section_class_init (TlLocationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_location_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-location-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TlLocationSection, city_row);
  gtk_widget_class_bind_template_child (widget_class, TlLocationSection, address_row);
  gtk_widget_class_bind_template_child (widget_class, TlLocationSection, county_row);
  gtk_widget_class_bind_template_child (widget_class, TlLocationSection, state_row);
  gtk_widget_class_bind_template_child (widget_class, TlLocationSection, description_row);
}

static void
tl_location_section_init (TlLocationSection *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  tl_field_set_add_text (fields, GTK_WIDGET (self->city_row), "location/city",
                         G_STRUCT_OFFSET (TlTip, location.city));
  tl_field_set_add_text (fields, GTK_WIDGET (self->address_row), "location/address",
                         G_STRUCT_OFFSET (TlTip, location.address));
  tl_field_set_add_text (fields, GTK_WIDGET (self->county_row), "location/county",
                         G_STRUCT_OFFSET (TlTip, location.county));
  tl_field_set_add_text (fields, GTK_WIDGET (self->state_row), "location/state",
                         G_STRUCT_OFFSET (TlTip, location.state));
  tl_field_set_add_text (fields, GTK_WIDGET (self->description_row), "location/description",
                         G_STRUCT_OFFSET (TlTip, location.description));
}

/* public API */

GtkWidget *
tl_location_section_new (void)
{
  return g_object_new (TL_TYPE_LOCATION_SECTION, NULL);
}
