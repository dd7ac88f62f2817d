/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-plan-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-field-set.h"
#include "tl-contact-row.h"
#include "tl-plan-step-row.h"
#include "tl-wrapped-label.h"

/* One step of a routing plan as a card: its number and what to do, why (the facts
 * that triggered it), warnings where they cannot be missed, whom to call, and what to
 * tell them, with each missing item a button that takes the advocate to the field. */

struct _TlPlanStepRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *order_label;
  GtkLabel *text_label;
  GtkWidget *done_image;
  GtkLabel *reasons_label;
  GtkBox *warnings_box;
  GtkBox *contacts_box;
  GtkBox *notes_box;
  GtkBox *provide_box;
  GtkWidget *log_button;

  /* owned by the plan, which the routing panel keeps while this row exists */
  const TlPlanStep *step;
};

G_DEFINE_FINAL_TYPE (TlPlanStepRow, tl_plan_step_row, GTK_TYPE_WIDGET)

enum
{
  LOG_CALL,
  FOCUS_FIELD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static void
add_warning (TlPlanStepRow *self,
             const char    *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (row, "tl-warning");
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), tl_wrapped_label_new (text));
  gtk_box_append (self->warnings_box, row);
}

static char *
victims_text (const GArray *victims)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < victims->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("Victim %u"), g_array_index (victims, guint, i) + 1);
    }
  return g_string_free (text, FALSE);
}

static void
item_clicked_cb (TlPlanStepRow *self,
                 GtkButton     *button)
{
  const char *field = g_object_get_data (G_OBJECT (button), "tl-field");

  g_signal_emit (self, signals[FOCUS_FIELD], 0, field);
}

static void
add_item (TlPlanStepRow    *self,
          const TlPlanItem *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (item->present)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *label = tl_wrapped_label_new (item->label);

      gtk_widget_add_css_class (icon, "success");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recorded"),
                                      -1);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (self->provide_box, row);
      return;
    }

  {
    /* Translators: an item the tip does not record yet, e.g. "Location: address" */
    g_autofree char *text = g_strdup_printf (_("%s — missing"), item->label);
    GtkWidget *button = gtk_button_new ();
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
    GtkWidget *label = tl_wrapped_label_new (text);

    gtk_box_append (GTK_BOX (content), icon);
    gtk_box_append (GTK_BOX (content), label);
    gtk_button_set_child (GTK_BUTTON (button), content);
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_add_css_class (button, "tl-missing");
    gtk_widget_set_tooltip_text (button, _("Go to this field in the tip"));
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    g_object_set_data_full (G_OBJECT (button), "tl-field", g_strdup (item->field), g_free);
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (item_clicked_cb), self);
    gtk_box_append (self->provide_box, button);
  }
}

/* "Why / Source": on demand, the sentences of the protocol's documents behind the step,
 * its warnings and notes, so an advocate or a coordinator can check the step against the
 * document the task force signed. */
static void
add_sources (TlPlanStepRow *self)
{
  const TlPlanStep *step = self->step;
  GtkWidget *expander;
  GtkWidget *list;
  g_autofree char *name = NULL;

  if (step->sources->len == 0)
    return;
  expander = gtk_expander_new (_("Why / Source"));
  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (list, 12);
  for (guint i = 0; i < step->sources->len; i++)
    {
      const TlPlanSource *source = g_ptr_array_index (step->sources, i);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (source->about != NULL)
        /* Translators: a warning or note of a step, then the document sentence behind it. */
        text = g_strdup_printf (_("“%s” — %s"), source->about, source->source);
      else
        text = g_strdup (source->source);
      label = tl_wrapped_label_new (text);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (list), label);
    }
  gtk_expander_set_child (GTK_EXPANDER (expander), list);
  /* Translators: the accessible name of the sources expander of a step, e.g. "Sources of step 2" */
  name = g_strdup_printf (_("Sources of step %u"), step->order);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_name (expander, "tl-step-sources");
  gtk_box_insert_child_after (GTK_BOX (self->box), expander, GTK_WIDGET (self->notes_box));
}

static void
fill (TlPlanStepRow *self,
      const char    *lang,
      gboolean       danger)
{
  const TlPlanStep *step = self->step;
  g_autofree char *order = g_strdup_printf ("%u", step->order);
  g_autoptr(GString) reasons = g_string_new (NULL);

  gtk_label_set_text (self->order_label, order);
  gtk_label_set_text (self->text_label, step->text);

  /* The first step of a plan in danger is the 911 call: it looks like the banner. */
  if (danger && step->order == 1)
    gtk_widget_add_css_class (self->box, "tl-step-urgent");

  for (guint i = 0; i < step->reasons->len; i++)
    {
      if (i > 0)
        g_string_append_c (reasons, '\n');
      /* Translators: the fact that triggered a step, e.g. "Why: Victim 1 is 15 years old" */
      g_string_append_printf (reasons, _("Why: %s"), (const char *) g_ptr_array_index (step->reasons, i));
    }
  if (step->victims->len > 0)
    {
      g_autofree char *victims = victims_text (step->victims);

      if (reasons->len > 0)
        g_string_append_c (reasons, '\n');
      /* Translators: which victims a step is for, e.g. "For: Victim 1, Victim 2" */
      g_string_append_printf (reasons, _("For: %s"), victims);
    }
  gtk_label_set_text (self->reasons_label, reasons->str);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_label), reasons->len > 0);

  for (guint i = 0; i < step->warnings->len; i++)
    add_warning (self, g_ptr_array_index (step->warnings, i));
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), step->warnings->len > 0);

  if (step->contacts->len > 1 && step->choose_one)
    {
      GtkWidget *label = tl_wrapped_label_new (_("Call any one of these:"));

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (self->contacts_box, label);
    }
  for (guint i = 0; i < step->contacts->len; i++)
    {
      GtkWidget *contact_row = tl_contact_row_new (g_ptr_array_index (step->contacts, i), lang);

      tl_contact_row_set_step (TL_CONTACT_ROW (contact_row), step->order);
      gtk_box_append (self->contacts_box, contact_row);
    }
  if (step->contacts->len == 0 &&
      (step->action == TL_ACTION_CALL || step->action == TL_ACTION_EMAIL || step->action == TL_ACTION_CONSULT))
    {
      GtkWidget *label = tl_wrapped_label_new (_("The protocol lists no contact for this step: a gap for the task force to fill."));

      gtk_widget_add_css_class (label, "tl-gap-text");
      gtk_box_append (self->contacts_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->contacts_box)) != NULL);

  for (guint i = 0; i < step->notes->len; i++)
    {
      GtkWidget *label = tl_wrapped_label_new (g_ptr_array_index (step->notes, i));

      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (self->notes_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_box), step->notes->len > 0);
  add_sources (self);

  for (guint i = 0; i < step->provide->len; i++)
    add_item (self, g_ptr_array_index (step->provide, i));
  gtk_widget_set_visible (GTK_WIDGET (self->provide_box), step->provide->len > 0);
}

/* callbacks */

static void
log_clicked_cb (TlPlanStepRow *self)
{
  g_signal_emit (self, signals[LOG_CALL], 0);
}

/* overrides */

static void
tl_plan_step_row_dispose (GObject *object)
{
  TlPlanStepRow *self = TL_PLAN_STEP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_PLAN_STEP_ROW);
  self->step = NULL;

  G_OBJECT_CLASS (tl_plan_step_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_plan_step_row_class_init (TlPlanStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_plan_step_row_dispose;

  /**
   * TlPlanStepRow::log-call:
   *
   * The advocate wants to log a call made for this step.
   */
  signals[LOG_CALL] = g_signal_new ("log-call",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  /**
   * TlPlanStepRow::focus-field:
   * @path: the tip field to go to, e.g. "location/address"
   *
   * The advocate clicked an item the tip does not record yet.
   */
  signals[FOCUS_FIELD] = g_signal_new ("focus-field",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-plan-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, box);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, order_label);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, done_image);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, contacts_box);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, notes_box);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, provide_box);
  gtk_widget_class_bind_template_child (widget_class, TlPlanStepRow, log_button);
  gtk_widget_class_bind_template_callback (widget_class, log_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tl_plan_step_row_init (TlPlanStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

/**
 * tl_plan_step_row_new:
 * @step: the step; it must outlive the row (the panel drops rows before the plan)
 * @lang: the plan's language
 * @danger: whether the plan is for someone in immediate danger
 * @logged: whether a call for this step is already in the tip's log
 */
GtkWidget *
tl_plan_step_row_new (const TlPlanStep *step,
                      const char       *lang,
                      gboolean          danger,
                      gboolean          logged)
{
  TlPlanStepRow *self;
  g_autofree char *order_name = NULL;
  g_autofree char *log_name = NULL;

  g_return_val_if_fail (step != NULL, NULL);

  self = g_object_new (TL_TYPE_PLAN_STEP_ROW, NULL);
  self->step = step;
  fill (self, lang, danger);

  tl_button_click_at_once (self->log_button);
  gtk_widget_set_visible (self->done_image, logged);
  if (logged)
    gtk_widget_add_css_class (self->box, "tl-step-done");

  /* Translators: the accessible name of a step card, e.g. "Step 2" */
  order_name = g_strdup_printf (_("Step %u"), step->order);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->order_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, order_name,
                                  -1);

  /* Translators: the name a screen reader gives the Log Call button of step 2 */
  log_name = g_strdup_printf (_("Log Call for Step %u"), step->order);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, log_name,
                                  -1);
  tl_plan_step_row_set_log_mnemonic (self, FALSE);
  return GTK_WIDGET (self);
}

/* Whether Alt+L (the mnemonic of "Log Call…") opens this step's dialog: one step
 * only, the next one to call, so the key never has to choose between buttons. */
void
tl_plan_step_row_set_log_mnemonic (TlPlanStepRow *self,
                                   gboolean       mnemonic)
{
  g_return_if_fail (TL_IS_PLAN_STEP_ROW (self));

  gtk_button_set_use_underline (GTK_BUTTON (self->log_button), mnemonic);
  gtk_button_set_label (GTK_BUTTON (self->log_button), mnemonic ? _("_Log Call…") : _("Log Call…"));
}

const TlPlanStep *
tl_plan_step_row_get_step (TlPlanStepRow *self)
{
  g_return_val_if_fail (TL_IS_PLAN_STEP_ROW (self), NULL);

  return self->step;
}
