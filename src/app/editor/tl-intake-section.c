/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-intake-section"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tl-intake-section.h"
#include "tl-safety-plan-row.h"

/* When the tip came in, how, and from whom. */

struct _TlIntakeSection
{
  TlEditorSection parent_instance;

  AdwEntryRow *received_row;
  AdwComboRow *channel_row;
  AdwComboRow *reporter_role_row;
  GtkSwitch *anonymous_switch;
  AdwEntryRow *reporter_name_row;
  AdwEntryRow *reporter_phone_row;
  TlSafetyPlanRow *reporter_plan_row;
  AdwEntryRow *reporter_email_row;
  AdwEntryRow *advocate_row;
};

G_DEFINE_FINAL_TYPE (TlIntakeSection, tl_intake_section, TL_TYPE_EDITOR_SECTION)

#define RECEIVED_FORMAT "%Y-%m-%d %H:%M"

/* helpers */

/* "2026-11-22 14:30", "2026-11-22T14:30" or a bare date, in local time; NULL when the
 * text is not one of those. */
static GDateTime *
parse_received (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  int year, month, day, hour = 0, minute = 0;
  char sep, rest;
  int n;

  n = sscanf (trimmed, "%4d-%2d-%2d%c%2d:%2d%c", &year, &month, &day, &sep, &hour, &minute,
              &rest);
  if (n == 3 || (n == 6 && (sep == ' ' || sep == 'T')))
    return g_date_time_new_local (year, month, day, hour, minute, 0);
  return NULL;
}

static gboolean
received_text_is_invalid (TlIntakeSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->received_row));
  g_autoptr(GDateTime) parsed = NULL;

  if (text[strspn (text, " \t")] == '\0')
    return FALSE;
  parsed = parse_received (text);
  return parsed == NULL;
}

/* callbacks */

static void
received_changed_cb (TlIntakeSection *self)
{
  TlFieldSet *fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  TlTip *tip = tl_editor_section_get_tip (TL_EDITOR_SECTION (self));

  if (tip == NULL || tl_field_set_is_filling (fields))
    return;

  /* Text that is not a date leaves the tip without one, and validation says so; the
   * text itself stays in the entry to be corrected. */
  g_clear_pointer (&tip->received, g_date_time_unref);
  tip->received = parse_received (gtk_editable_get_text (GTK_EDITABLE (self->received_row)));
  tl_editor_section_changed (TL_EDITOR_SECTION (self));
}

static void
anonymous_changed_cb (TlIntakeSection *self)
{
  TlFieldSet *fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  TlTip *tip = tl_editor_section_get_tip (TL_EDITOR_SECTION (self));

  if (tip == NULL || tl_field_set_is_filling (fields))
    return;
  tip->reporter_anonymous = gtk_switch_get_active (self->anonymous_switch);
  tl_editor_section_changed (TL_EDITOR_SECTION (self));
}

static void
plan_changed_cb (TlIntakeSection *self)
{
  if (tl_editor_section_get_tip (TL_EDITOR_SECTION (self)) != NULL)
    tl_editor_section_changed (TL_EDITOR_SECTION (self));
}

static void
now_clicked_cb (TlIntakeSection *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, RECEIVED_FORMAT);

  gtk_editable_set_text (GTK_EDITABLE (self->received_row), text);
}

/* overrides */

static void
tl_intake_section_fill (TlEditorSection *section,
                        TlTip           *tip)
{
  TlIntakeSection *self = TL_INTAKE_SECTION (section);
  g_autofree char *received = NULL;

  TL_EDITOR_SECTION_CLASS (tl_intake_section_parent_class)->fill (section, tip);
  tl_safety_plan_row_set_plan (self->reporter_plan_row, tip != NULL ? &tip->reporter_plan : NULL);

  if (tip != NULL && tip->received != NULL)
    received = g_date_time_format (tip->received, RECEIVED_FORMAT);

  g_signal_handlers_block_by_func (self->anonymous_switch, anonymous_changed_cb, self);
  /* the old "Anonymous" role counts as asking */
  gtk_switch_set_active (self->anonymous_switch, tip != NULL && tl_tip_is_anonymous (tip));
  g_signal_handlers_unblock_by_func (self->anonymous_switch, anonymous_changed_cb, self);

  g_signal_handlers_block_by_func (self->received_row, received_changed_cb, self);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->received_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), received != NULL ? received : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->received_row), TRUE);
  g_signal_handlers_unblock_by_func (self->received_row, received_changed_cb, self);
}

static void
tl_intake_section_show_problems (TlEditorSection *section,
                                 GPtrArray       *problems)
{
  TlIntakeSection *self = TL_INTAKE_SECTION (section);

  TL_EDITOR_SECTION_CLASS (tl_intake_section_parent_class)->show_problems (section, problems);

  /* Validation only knows that the date is missing; say what is wrong with the text. */
  if (problems != NULL && received_text_is_invalid (self))
    tl_field_show_problem (GTK_WIDGET (self->received_row),
                           _("Enter the date and time as year-month-day hour:minute, for example 2026-11-22 14:30."));
}

static void
tl_intake_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_INTAKE_SECTION);

  G_OBJECT_CLASS (tl_intake_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_intake_section_class_init (TlIntakeSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlEditorSectionClass *section_class = TL_EDITOR_SECTION_CLASS (klass);

  object_class->dispose = tl_intake_section_dispose;
  section_class->fill = tl_intake_section_fill;
  section_class->show_problems = tl_intake_section_show_problems;

  g_type_ensure (TL_TYPE_SAFETY_PLAN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-intake-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, reporter_plan_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, received_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, channel_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, reporter_role_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, anonymous_switch);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, reporter_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, reporter_email_row);
  gtk_widget_class_bind_template_child (widget_class, TlIntakeSection, advocate_row);
  gtk_widget_class_bind_template_callback (widget_class, now_clicked_cb);
}

static void
tl_intake_section_init (TlIntakeSection *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = tl_editor_section_get_fields (TL_EDITOR_SECTION (self));
  tl_field_set_add_widget (fields, GTK_WIDGET (self->received_row), "received");
  tl_field_set_add_choice (fields, self->channel_row, "channel",
                           G_STRUCT_OFFSET (TlTip, channel), tl_channel_values);
  tl_field_set_add_choice (fields, self->reporter_role_row, "reporter/role",
                           G_STRUCT_OFFSET (TlTip, reporter_role), tl_reporter_role_values);
  tl_field_set_add_widget (fields, GTK_WIDGET (self->anonymous_switch), "reporter/anonymous");
  tl_field_set_add_text (fields, GTK_WIDGET (self->reporter_name_row), "reporter/name",
                         G_STRUCT_OFFSET (TlTip, reporter_name));
  tl_field_set_add_text (fields, GTK_WIDGET (self->reporter_phone_row), "reporter/phone",
                         G_STRUCT_OFFSET (TlTip, reporter_phone));
  tl_field_set_add_text (fields, GTK_WIDGET (self->reporter_email_row), "reporter/email",
                         G_STRUCT_OFFSET (TlTip, reporter_email));
  tl_field_set_add_text (fields, GTK_WIDGET (self->advocate_row), "advocate",
                         G_STRUCT_OFFSET (TlTip, advocate));

  g_signal_connect_swapped (self->received_row, "changed",
                            G_CALLBACK (received_changed_cb), self);
  g_signal_connect_swapped (self->anonymous_switch, "notify::active",
                            G_CALLBACK (anonymous_changed_cb), self);
  tl_safety_plan_row_attach_phone (self->reporter_plan_row, self->reporter_phone_row);
  g_signal_connect_swapped (self->reporter_plan_row, "changed", G_CALLBACK (plan_changed_cb), self);
}

/* public API */

GtkWidget *
tl_intake_section_new (void)
{
  return g_object_new (TL_TYPE_INTAKE_SECTION, NULL);
}
