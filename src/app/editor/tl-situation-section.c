/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-situation-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-field-set.h"
#include "tl-situation-section.h"

/* The facts that decide the first call: danger first, as three big buttons rather
 * than a dropdown, because "immediate danger" means 911 before anything else. */

struct _TlSituationSection
{
  TlEditorSection parent_instance;

  GtkToggleButton *danger_immediate;
  GtkToggleButton *danger_none;
  GtkToggleButton *danger_unknown;
  GtkWidget *danger_hint;
  AdwComboRow *type_row;
  AdwComboRow *venue_row;
  AdwEntryRow *venue_detail_row;
  GtkTextView *operation_view;
};

G_DEFINE_FINAL_TYPE (TlSituationSection, tl_situation_section, TL_TYPE_EDITOR_SECTION)

/* helpers */

static TlDanger
get_danger (TlSituationSection *self)
{
  if (gtk_toggle_button_get_active (self->danger_immediate))
    return TL_DANGER_IMMEDIATE;
  if (gtk_toggle_button_get_active (self->danger_none))
    return TL_DANGER_NONE;
  return TL_DANGER_UNKNOWN;
}

static void
update_danger_style (TlSituationSection *self)
{
  gboolean immediate = get_danger (self) == TL_DANGER_IMMEDIATE;

  if (immediate)
    gtk_widget_add_css_class (GTK_WIDGET (self->danger_immediate), "destructive-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->danger_immediate), "destructive-action");
  gtk_widget_set_visible (self->danger_hint, immediate);
}

/* callbacks */

static void
danger_toggled_cb (TlSituationSection *self,
                   GtkToggleButton    *button)
{
  TlFieldSet *fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  TlTip *tip = tl_editor_section_get_tip (TL_EDITOR_SECTION (self));

  /* Each click toggles two buttons; act once, on the one that became active. */
  if (!gtk_toggle_button_get_active (button))
    return;

  update_danger_style (self);
  if (tip == NULL || tl_field_set_is_filling (fields))
    return;

  tip->danger = get_danger (self);
  tl_editor_section_changed (TL_EDITOR_SECTION (self));
}

/* overrides */

static void
tl_situation_section_fill (TlEditorSection *section,
                           TlTip           *tip)
{
  TlSituationSection *self = TL_SITUATION_SECTION (section);
  TlDanger danger = tip != NULL ? tip->danger : TL_DANGER_UNKNOWN;
  GtkToggleButton *button;

  TL_EDITOR_SECTION_CLASS (tl_situation_section_parent_class)->fill (section, tip);

  switch (danger)
    {
    case TL_DANGER_IMMEDIATE:
      button = self->danger_immediate;
      break;
    case TL_DANGER_NONE:
      button = self->danger_none;
      break;
    case TL_DANGER_UNKNOWN:
    default:
      button = self->danger_unknown;
      break;
    }

  g_signal_handlers_block_by_func (self->danger_immediate, danger_toggled_cb, self);
  g_signal_handlers_block_by_func (self->danger_none, danger_toggled_cb, self);
  g_signal_handlers_block_by_func (self->danger_unknown, danger_toggled_cb, self);
  gtk_toggle_button_set_active (button, TRUE);
  g_signal_handlers_unblock_by_func (self->danger_unknown, danger_toggled_cb, self);
  g_signal_handlers_unblock_by_func (self->danger_none, danger_toggled_cb, self);
  g_signal_handlers_unblock_by_func (self->danger_immediate, danger_toggled_cb, self);
  update_danger_style (self);
}

static gboolean
tl_situation_section_focus_field (TlEditorSection *section,
                                  const char      *path)
{
  TlSituationSection *self = TL_SITUATION_SECTION (section);

  if (g_str_equal (path, "danger") || g_str_equal (path, "situation"))
    {
      GtkToggleButton *buttons[] = { self->danger_immediate, self->danger_none,
                                     self->danger_unknown };

      for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
        if (gtk_toggle_button_get_active (buttons[i]))
          return gtk_widget_grab_focus (GTK_WIDGET (buttons[i]));
    }

  return TL_EDITOR_SECTION_CLASS (tl_situation_section_parent_class)->focus_field (section, path);
}

static void
tl_situation_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_SITUATION_SECTION);

  G_OBJECT_CLASS (tl_situation_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_situation_section_class_init (TlSituationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlEditorSectionClass *section_class = TL_EDITOR_SECTION_CLASS (klass);

  object_class->dispose = tl_situation_section_dispose;
  section_class->fill = tl_situation_section_fill;
  section_class->focus_field = tl_situation_section_focus_field;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-situation-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, danger_immediate);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, danger_none);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, danger_unknown);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, danger_hint);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, type_row);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, venue_detail_row);
  gtk_widget_class_bind_template_child (widget_class, TlSituationSection, operation_view);
  gtk_widget_class_bind_template_callback (widget_class, danger_toggled_cb);
}

static void
tl_situation_section_init (TlSituationSection *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));
  tl_button_click_at_once (GTK_WIDGET (self->danger_immediate));
  tl_button_click_at_once (GTK_WIDGET (self->danger_none));
  tl_button_click_at_once (GTK_WIDGET (self->danger_unknown));

  fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  tl_field_set_add_widget (fields, GTK_WIDGET (self->danger_immediate), "danger");
  tl_field_set_add_choice (fields, self->type_row, "type",
                           G_STRUCT_OFFSET (TlTip, type), tl_trafficking_type_values);
  tl_field_set_add_choice (fields, self->venue_row, "venue",
                           G_STRUCT_OFFSET (TlTip, venue), tl_venue_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->venue_detail_row), "venue-detail",
                         G_STRUCT_OFFSET (TlTip, venue_detail));
  tl_field_set_add_text (fields, GTK_WIDGET (self->operation_view), "operation",
                         G_STRUCT_OFFSET (TlTip, operation));
}

/* public API */

GtkWidget *
tl_situation_section_new (void)
{
  return g_object_new (TL_TYPE_SITUATION_SECTION, NULL);
}
