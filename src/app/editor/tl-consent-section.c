/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-consent-section"

#include "config.h"

#include "tl-consent-section.h"

/* Whether the agency needs a signed release before passing on what victims said. */

struct _TlConsentSection
{
  TlEditorSection parent_instance;

  AdwComboRow *release_policy_row;
  AdwComboRow *source_rows[TL_N_PARTS];
};

G_DEFINE_FINAL_TYPE (TlConsentSection, tl_consent_section, TL_TYPE_EDITOR_SECTION)

/* overrides */

static void
tl_consent_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_CONSENT_SECTION);

  G_OBJECT_CLASS (tl_consent_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_consent_section_class_init (TlConsentSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_consent_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-consent-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TlConsentSection, release_policy_row);
  gtk_widget_class_bind_template_child_full (widget_class, "source_situation_row", FALSE,
                                             G_STRUCT_OFFSET (TlConsentSection, source_rows[TL_PART_SITUATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "source_location_row", FALSE,
                                             G_STRUCT_OFFSET (TlConsentSection, source_rows[TL_PART_LOCATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "source_victims_row", FALSE,
                                             G_STRUCT_OFFSET (TlConsentSection, source_rows[TL_PART_VICTIMS]));
  gtk_widget_class_bind_template_child_full (widget_class, "source_offenders_row", FALSE,
                                             G_STRUCT_OFFSET (TlConsentSection, source_rows[TL_PART_OFFENDERS]));
  gtk_widget_class_bind_template_child_full (widget_class, "source_identifiers_row", FALSE,
                                             G_STRUCT_OFFSET (TlConsentSection, source_rows[TL_PART_IDENTIFIERS]));
  gtk_widget_class_bind_template_child_full (widget_class, "source_narrative_row", FALSE,
                                             G_STRUCT_OFFSET (TlConsentSection, source_rows[TL_PART_NARRATIVE]));
}

static void
tl_consent_section_init (TlConsentSection *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  tl_field_set_add_choice (fields, self->release_policy_row, "release-policy",
                           G_STRUCT_OFFSET (TlTip, release_policy), tl_release_policy_values);
  for (guint i = 0; i < TL_N_PARTS; i++)
    {
      /* key as the tip XML names it: sources/situation, ... */
      g_autofree char *key = g_strdup_printf ("sources/%s", tl_enum_to_nick (tl_part_values, i));

      tl_field_set_add_choice (fields, self->source_rows[i], g_intern_string (key),
                               G_STRUCT_OFFSET (TlTip, sources) + i * sizeof (TlInfoSource),
                               tl_source_values);
    }
}

/* public API */

GtkWidget *
tl_consent_section_new (void)
{
  return g_object_new (TL_TYPE_CONSENT_SECTION, NULL);
}
