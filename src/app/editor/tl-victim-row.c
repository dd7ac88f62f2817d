/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-victim-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-safety-plan-row.h"
#include "tl-tip.h"
#include "tl-victim-row.h"

/* One victim. Age comes first, before the name: a minor changes whom to call. */

struct _TlVictimRow
{
  TlItemRow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *age_row;
  AdwEntryRow *birth_date_row;
  AdwComboRow *gender_row;
  AdwComboRow *stance_row;
  AdwComboRow *citizenship_row;
  AdwEntryRow *country_row;
  AdwEntryRow *language_row;
  AdwEntryRow *description_row;
  AdwEntryRow *phone_row;
  TlSafetyPlanRow *plan_row;
  AdwEntryRow *email_row;
  AdwEntryRow *address_row;
  GtkGrid *needs_grid;
  AdwActionRow *release_signed_row;
  GtkSwitch *release_switch;
  AdwEntryRow *release_date_row;
  AdwEntryRow *release_language_row;

  GtkCheckButton *needs[8];   /* in tl_need_values order */
  guint n_needs;
};

G_DEFINE_FINAL_TYPE (TlVictimRow, tl_victim_row, TL_TYPE_ITEM_ROW)

#define VICTIM(field) G_STRUCT_OFFSET (TlVictim, field)

/* helpers */

static TlVictim *
get_victim (TlVictimRow *self)
{
  return tl_item_row_get_record (TL_ITEM_ROW (self));
}

static gboolean
is_quiet (TlVictimRow *self)
{
  return get_victim (self) == NULL ||
         tl_field_set_is_filling (tl_item_row_get_fields (TL_ITEM_ROW (self)));
}

/* callbacks */

static void
need_toggled_cb (TlVictimRow    *self,
                 GtkCheckButton *button)
{
  TlVictim *victim = get_victim (self);
  TlNeeds need = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tl-need"));

  if (is_quiet (self))
    return;

  if (gtk_check_button_get_active (button))
    victim->needs |= need;
  else
    victim->needs &= ~need;
  tl_item_row_changed (TL_ITEM_ROW (self));
}

static void
release_switch_cb (TlVictimRow *self)
{
  if (is_quiet (self))
    return;

  get_victim (self)->release_signed = gtk_switch_get_active (self->release_switch);
  tl_item_row_changed (TL_ITEM_ROW (self));
}

static void
plan_changed_cb (TlVictimRow *self)
{
  if (get_victim (self) != NULL)
    tl_item_row_changed (TL_ITEM_ROW (self));
}

/* overrides */

static void
tl_victim_row_fill (TlItemRow *row,
                    gpointer   record)
{
  TlVictimRow *self = TL_VICTIM_ROW (row);
  TlVictim *victim = record;

  tl_safety_plan_row_set_plan (self->plan_row, victim != NULL ? &victim->plan : NULL);

  g_signal_handlers_block_by_func (self->release_switch, release_switch_cb, self);
  gtk_switch_set_active (self->release_switch, victim != NULL && victim->release_signed);
  g_signal_handlers_unblock_by_func (self->release_switch, release_switch_cb, self);

  for (guint i = 0; i < self->n_needs; i++)
    {
      TlNeeds need = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->needs[i]), "tl-need"));

      g_signal_handlers_block_by_func (self->needs[i], need_toggled_cb, self);
      gtk_check_button_set_active (self->needs[i], victim != NULL && (victim->needs & need) != 0);
      g_signal_handlers_unblock_by_func (self->needs[i], need_toggled_cb, self);
    }
}

static char *
tl_victim_row_dup_summary (TlItemRow *row)
{
  TlVictim *victim = get_victim (TL_VICTIM_ROW (row));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (victim->name != NULL)
    g_ptr_array_add (parts, g_strdup (victim->name));
  else if (victim->description != NULL)
    g_ptr_array_add (parts, g_utf8_substring (victim->description, 0,
                                              MIN (g_utf8_strlen (victim->description, -1), 40)));
  if (victim->age != NULL)
    /* Translators: a victim's age in the summary line, e.g. "Ana · age 15 · minor" */
    g_ptr_array_add (parts, g_strdup_printf (_("age %s"), victim->age));
  if (tl_victim_is_minor (victim, now))
    g_ptr_array_add (parts, g_strdup (_("minor")));
  if (victim->gender != TL_GENDER_UNKNOWN)
    g_ptr_array_add (parts, g_strdup (tl_enum_label (tl_gender_values, victim->gender)));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
tl_victim_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_VICTIM_ROW);

  G_OBJECT_CLASS (tl_victim_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_victim_row_class_init (TlVictimRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TlItemRowClass *row_class = TL_ITEM_ROW_CLASS (klass);

  object_class->dispose = tl_victim_row_dispose;
  row_class->fill = tl_victim_row_fill;
  row_class->dup_summary = tl_victim_row_dup_summary;

  g_type_ensure (TL_TYPE_SAFETY_PLAN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-victim-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, plan_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, age_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, gender_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, stance_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, citizenship_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, country_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, language_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, email_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, address_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, needs_grid);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, release_signed_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, release_switch);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, release_date_row);
  gtk_widget_class_bind_template_child (widget_class, TlVictimRow, release_language_row);
  gtk_widget_class_bind_template_callback (widget_class, release_switch_cb);
}

static void
tl_victim_row_init (TlVictimRow *self)
{
  TlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* One check button per need, in table order, two columns. */
  for (guint i = 0; tl_need_values[i].nick != NULL && i < G_N_ELEMENTS (self->needs); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (tl_enum_label (tl_need_values,
                                                                         tl_need_values[i].value));

      g_object_set_data (G_OBJECT (check), "tl-need",
                         GUINT_TO_POINTER ((guint) tl_need_values[i].value));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (need_toggled_cb), self);
      gtk_grid_attach (self->needs_grid, check, i % 2, i / 2, 1, 1);
      self->needs[self->n_needs++] = GTK_CHECK_BUTTON (check);
    }

  fields = tl_item_row_get_fields (TL_ITEM_ROW (self));
  tl_field_set_add_text (fields, GTK_WIDGET (self->age_row), "age", VICTIM (age));
  tl_field_set_add_text (fields, GTK_WIDGET (self->name_row), "name", VICTIM (name));
  tl_field_set_add_text (fields, GTK_WIDGET (self->birth_date_row), "birth-date",
                         VICTIM (birth_date));
  tl_field_set_add_choice (fields, self->gender_row, "gender", VICTIM (gender),
                           tl_gender_values);
  tl_field_set_add_choice (fields, self->stance_row, "stance", VICTIM (stance),
                           tl_stance_values);
  tl_field_set_add_choice (fields, self->citizenship_row, "citizenship", VICTIM (citizenship),
                           tl_citizenship_values);
  tl_field_set_add_text (fields, GTK_WIDGET (self->country_row), "country", VICTIM (country));
  tl_field_set_add_text (fields, GTK_WIDGET (self->language_row), "language", VICTIM (language));
  tl_field_set_add_text (fields, GTK_WIDGET (self->description_row), "description",
                         VICTIM (description));
  tl_field_set_add_text (fields, GTK_WIDGET (self->phone_row), "phone", VICTIM (phone));
  tl_field_set_add_text (fields, GTK_WIDGET (self->email_row), "email", VICTIM (email));
  tl_field_set_add_text (fields, GTK_WIDGET (self->address_row), "address", VICTIM (address));
  tl_field_set_add_widget (fields, GTK_WIDGET (self->needs[0]), "needs");
  tl_field_set_add_widget (fields, GTK_WIDGET (self->release_switch), "release-signed");
  tl_field_set_add_text (fields, GTK_WIDGET (self->release_date_row), "release-date",
                         VICTIM (release_date));
  tl_field_set_add_text (fields, GTK_WIDGET (self->release_language_row), "release-language",
                         VICTIM (release_language));

  tl_safety_plan_row_attach_phone (self->plan_row, self->phone_row);
  g_signal_connect_swapped (self->plan_row, "changed", G_CALLBACK (plan_changed_cb), self);
}
