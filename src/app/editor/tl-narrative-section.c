/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-narrative-section"

#include "config.h"

#include "tl-narrative-section.h"

/* The advocate's free-text account of the tip. */

struct _TlNarrativeSection
{
  TlEditorSection parent_instance;

  GtkTextView *narrative_view;
};

G_DEFINE_FINAL_TYPE (TlNarrativeSection, tl_narrative_section, TL_TYPE_EDITOR_SECTION)

/* overrides */

static void
tl_narrative_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_NARRATIVE_SECTION);

  G_OBJECT_CLASS (tl_narrative_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_narrative_section_class_init (TlNarrativeSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_narrative_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-narrative-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TlNarrativeSection, narrative_view);
}

static void
tl_narrative_section_init (TlNarrativeSection *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  tl_field_set_add_text (fields, GTK_WIDGET (self->narrative_view), "narrative",
                         G_STRUCT_OFFSET (TlTip, narrative));
}

/* public API */

GtkWidget *
tl_narrative_section_new (void)
{
  return g_object_new (TL_TYPE_NARRATIVE_SECTION, NULL);
}
