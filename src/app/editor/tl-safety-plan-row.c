/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-safety-plan-row"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tl-field-set.h"
#include "tl-normalize.h"
#include "tl-safety-plan.h"
#include "tl-safety-plan-row.h"

/* The call-back safety plan of one number (the reporter's, a victim's), as an expander
 * row right under the number: safe to call back (yes, no, only in a window), the window
 * (days and hours on the office's clock), whether a message may be left and what it may
 * say, the name to ask for, a code word and what to do if the call drops. It writes
 * straight into the plan it was given and emits "changed"; the number's copy button
 * asks tl_safety_plan_dup_warning() first, and warns before copying a number it is not
 * safe to call now or where no message may be left. Copying goes through the window's
 * win.copy-number action, which clears the clipboard after a while. */

struct _TlSafetyPlanRow
{
  AdwExpanderRow parent_instance;

  AdwComboRow *safe_row;
  AdwActionRow *days_row;
  GtkToggleButton *days[7];
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  AdwComboRow *message_row;
  AdwEntryRow *message_text_row;
  AdwEntryRow *ask_for_row;
  AdwEntryRow *code_word_row;
  AdwEntryRow *if_dropped_row;
  AdwEntryRow *phone_row;        /* the number this plan is for */
  GtkWidget *copy_button;

  TlSafetyPlan *plan;            /* the record's, not owned */
  gboolean filling;
};

G_DEFINE_FINAL_TYPE (TlSafetyPlanRow, tl_safety_plan_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GTimeZone *office_zone;

/* helpers */

static gboolean
parse_clock (const char *text,
             guint16    *minutes)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  guint hours, mins;
  char tail;

  if (sscanf (trimmed, "%2u:%2u%c", &hours, &mins, &tail) != 2 || hours > 23 || mins > 59)
    return FALSE;
  *minutes = (guint16) (hours * 60 + mins);
  return TRUE;
}

static char *
format_clock (guint16 minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
update_copy_button (TlSafetyPlanRow *self)
{
  g_autofree char *warning = tl_safety_plan_row_dup_warning (self);

  if (self->copy_button == NULL)
    return;
  gtk_button_set_icon_name (GTK_BUTTON (self->copy_button),
                            warning != NULL ? "dialog-warning-symbolic" : "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (self->copy_button,
                               warning != NULL ? warning : _("Copy the number"));
  gtk_widget_set_sensitive (self->copy_button,
                            self->phone_row != NULL &&
                            *gtk_editable_get_text (GTK_EDITABLE (self->phone_row)) != '\0');
}

static void
update_window_rows (TlSafetyPlanRow *self)
{
  gboolean window = self->plan != NULL && self->plan->call_back == TL_CALL_BACK_WINDOW;

  gtk_widget_set_visible (GTK_WIDGET (self->days_row), window);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), window);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), window);
}

static void
update_subtitle (TlSafetyPlanRow *self)
{
  g_autofree char *window = NULL;
  const char *safe;

  if (self->plan == NULL)
    return;
  safe = _(tl_enum_label (tl_call_back_values, self->plan->call_back));
  if (office_zone == NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      window = tl_safety_plan_dup_window_text (self->plan, local);
    }
  else
    window = tl_safety_plan_dup_window_text (self->plan, office_zone);
  if (window != NULL)
    {
      /* Translators: the plan's summary under its title: "Only in the safe window: Mon–Fri 09:00–17:00 (America/Denver)" */
      g_autofree char *line = g_strdup_printf (_("%s: %s"), safe, window);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), line);
    }
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), safe);
}

static void
changed (TlSafetyPlanRow *self)
{
  update_window_rows (self);
  update_subtitle (self);
  update_copy_button (self);
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static AdwEntryRow *
add_entry (TlSafetyPlanRow *self,
           const char      *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo (TlSafetyPlanRow   *self,
           const char        *title,
           const TlEnumValue *table)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  tl_combo_row_set_enum (ADW_COMBO_ROW (row), table);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  return ADW_COMBO_ROW (row);
}

/* callbacks */

static void
combo_changed_cb (TlSafetyPlanRow *self)
{
  if (self->plan == NULL || self->filling)
    return;
  self->plan->call_back = tl_combo_row_get_enum (self->safe_row, tl_call_back_values);
  self->plan->message = tl_combo_row_get_enum (self->message_row, tl_message_rule_values);
  /* A window is written on the office's clock: keep which one, so the tip's file means
   * the same hours to another office. */
  if (self->plan->call_back == TL_CALL_BACK_WINDOW && self->plan->timezone == NULL &&
      office_zone != NULL && strchr (g_time_zone_get_identifier (office_zone), '/') != NULL)
    tl_set_str (&self->plan->timezone, g_time_zone_get_identifier (office_zone));
  changed (self);
}

static void
day_toggled_cb (TlSafetyPlanRow *self)
{
  if (self->plan == NULL || self->filling)
    return;
  self->plan->days = 0;
  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->days[d]))
      self->plan->days |= 1 << d;
  changed (self);
}

static void
clock_changed_cb (TlSafetyPlanRow *self,
                  AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  guint16 minutes = 0;
  gboolean ok = *text == '\0' || parse_clock (text, &minutes);

  if (self->plan == NULL || self->filling)
    return;
  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
      if (row == self->from_row)
        self->plan->from = minutes;
      else
        self->plan->to = minutes;
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), _("Type a time of day as hours:minutes, for example 09:00 or 21:30."));
    }
  changed (self);
}

static void
text_changed_cb (TlSafetyPlanRow *self,
                 AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->plan == NULL || self->filling)
    return;
  if (row == self->message_text_row)
    tl_set_str (&self->plan->message_text, text);
  else if (row == self->ask_for_row)
    tl_set_str (&self->plan->ask_for, text);
  else if (row == self->code_word_row)
    tl_set_str (&self->plan->code_word, text);
  else if (row == self->if_dropped_row)
    tl_set_str (&self->plan->if_dropped, text);
  changed (self);
}

static void
copy_now (TlSafetyPlanRow *self)
{
  g_autofree char *digits = tl_phone_digits (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.copy-number", "s", digits);
}

static void
warning_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TlSafetyPlanRow  *self)
{
  if (g_str_equal (response, "copy"))
    copy_now (self);
}

static void
copy_clicked_cb (TlSafetyPlanRow *self)
{
  g_autofree char *warning = tl_safety_plan_row_dup_warning (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (warning == NULL)
    {
      copy_now (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Check the Safety Plan First"), warning);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "copy", _("C_opy Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (warning_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* class_init / init */

static void
tl_safety_plan_row_class_init (TlSafetyPlanRowClass *klass)
{
  /**
   * TlSafetyPlanRow::changed:
   *
   * The advocate changed the plan (already written into it).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tl_safety_plan_row_init (TlSafetyPlanRow *self)
{
  /* Translators: abbreviated days on the day buttons, Monday first */
  const char *short_days[7] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su") };
  const char *long_days[7] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                               N_("Friday"), N_("Saturday"), N_("Sunday") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->filling = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Call-back safety plan"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Call-back safety plan"), -1);

  self->safe_row = add_combo (self, _("Safe to call back"), tl_call_back_values);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *day = gtk_toggle_button_new_with_label (_(short_days[d]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (day), GTK_ACCESSIBLE_PROPERTY_LABEL, _(long_days[d]), -1);
      g_signal_connect_swapped (day, "toggled", G_CALLBACK (day_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), day);
      self->days[d] = GTK_TOGGLE_BUTTON (day);
    }
  self->days_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row), _("Days (none: every day)"));
  adw_action_row_add_suffix (self->days_row, box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->days_row));

  self->from_row = add_entry (self, _("Safe from (hours:minutes, office time)"));
  self->to_row = add_entry (self, _("Safe until (hours:minutes; earlier runs past midnight)"));
  self->message_row = add_combo (self, _("Message"), tl_message_rule_values);
  self->message_text_row = add_entry (self, _("What a message may say"));
  self->ask_for_row = add_entry (self, _("Name to ask for"));
  self->code_word_row = add_entry (self, _("Code word"));
  self->if_dropped_row = add_entry (self, _("If the call drops"));

  g_signal_connect_swapped (self->safe_row, "notify::selected", G_CALLBACK (combo_changed_cb), self);
  g_signal_connect_swapped (self->message_row, "notify::selected", G_CALLBACK (combo_changed_cb), self);
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (clock_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (clock_changed_cb), self);
  g_signal_connect_swapped (self->message_text_row, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->ask_for_row, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->code_word_row, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->if_dropped_row, "changed", G_CALLBACK (text_changed_cb), self);
  self->filling = FALSE;
  update_window_rows (self);
}

/* public API */

GtkWidget *
tl_safety_plan_row_new (void)
{
  return g_object_new (TL_TYPE_SAFETY_PLAN_ROW, NULL);
}

/* Shows @plan (the record's, kept while shown) without emitting "changed". */
void
tl_safety_plan_row_set_plan (TlSafetyPlanRow *self,
                             TlSafetyPlan    *plan)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_if_fail (TL_IS_SAFETY_PLAN_ROW (self));

  self->plan = plan;
  self->filling = TRUE;
  if (plan != NULL)
    {
      gboolean window = plan->call_back == TL_CALL_BACK_WINDOW;

      tl_combo_row_select_enum (self->safe_row, tl_call_back_values, plan->call_back);
      tl_combo_row_select_enum (self->message_row, tl_message_rule_values, plan->message);
      for (guint d = 0; d < 7; d++)
        gtk_toggle_button_set_active (self->days[d], (plan->days & (1 << d)) != 0);
      from = window ? format_clock (plan->from) : NULL;
      to = window ? format_clock (plan->to) : NULL;
      set_entry (self->from_row, from);
      set_entry (self->to_row, to);
      set_entry (self->message_text_row, plan->message_text);
      set_entry (self->ask_for_row, plan->ask_for);
      set_entry (self->code_word_row, plan->code_word);
      set_entry (self->if_dropped_row, plan->if_dropped);
    }
  self->filling = FALSE;
  update_window_rows (self);
  update_subtitle (self);
  update_copy_button (self);
}

/* Puts the copy button at the end of @phone_row, the number this plan is for. */
void
tl_safety_plan_row_attach_phone (TlSafetyPlanRow *self,
                                 AdwEntryRow     *phone_row)
{
  g_return_if_fail (TL_IS_SAFETY_PLAN_ROW (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (phone_row));

  self->phone_row = phone_row;
  self->copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (self->copy_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->copy_button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the number, checking its safety plan"), -1);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);
  g_signal_connect_swapped (phone_row, "changed", G_CALLBACK (update_copy_button), self);
  adw_entry_row_add_suffix (phone_row, self->copy_button);
  update_copy_button (self);
}

GtkWidget *
tl_safety_plan_row_get_copy_button (TlSafetyPlanRow *self)
{
  g_return_val_if_fail (TL_IS_SAFETY_PLAN_ROW (self), NULL);

  return self->copy_button;
}

char *
tl_safety_plan_row_dup_warning (TlSafetyPlanRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GTimeZone) local = NULL;

  g_return_val_if_fail (TL_IS_SAFETY_PLAN_ROW (self), NULL);

  if (self->plan == NULL)
    return NULL;
  if (office_zone == NULL)
    local = g_time_zone_new_local ();
  return tl_safety_plan_dup_warning (self->plan, now, office_zone != NULL ? office_zone : local);
}

void
tl_safety_plan_row_set_office_zone (GTimeZone *zone)
{
  g_clear_pointer (&office_zone, g_time_zone_unref);
  if (zone != NULL)
    office_zone = g_time_zone_ref (zone);
}
