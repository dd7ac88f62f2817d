/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-referral-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-field-set.h"
#include "tl-referral-dialog.h"

/* Asks what came of a call made for one plan step: which contact, the outcome, a
 * note. It copies what it needs from the step, because the plan behind the panel may
 * be routed anew while the dialog is open. */

typedef struct
{
  char *id;
  char *name;
} Contact;

struct _TlReferralDialog
{
  AdwMessageDialog parent_instance;

  AdwComboRow *contact_row;
  AdwComboRow *outcome_row;
  AdwEntryRow *note_row;

  char *step_text;
  GArray *contacts;           /* Contact */
};

G_DEFINE_FINAL_TYPE (TlReferralDialog, tl_referral_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* helpers */

static void
contact_clear (gpointer data)
{
  Contact *contact = data;

  g_free (contact->id);
  g_free (contact->name);
}

static void
fill_outcomes (TlReferralDialog *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  /* In the table's order, so the position is the index into tl_outcome_values. */
  for (guint i = 0; tl_outcome_values[i].nick != NULL; i++)
    gtk_string_list_append (outcomes, _(tl_outcome_values[i].label));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (outcomes));
}

static void
fill_contacts (TlReferralDialog *self,
               const TlPlanStep *step,
               const char       *lang)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < step->contacts->len; i++)
    {
      const TlPlanContact *pc = g_ptr_array_index (step->contacts, i);
      Contact contact = { g_strdup (pc->contact->id), g_strdup (tl_contact_get_name (pc->contact, lang)) };

      g_array_append_val (self->contacts, contact);
      gtk_string_list_append (names, contact.name);
    }
  adw_combo_row_set_model (self->contact_row, G_LIST_MODEL (names));
  /* A step without contacts (obtain a release) is still worth logging, with no one. */
  gtk_widget_set_visible (GTK_WIDGET (self->contact_row), step->contacts->len > 0);
}

/* overrides */

static void
tl_referral_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_REFERRAL_DIALOG);

  G_OBJECT_CLASS (tl_referral_dialog_parent_class)->dispose (object);
}

static void
tl_referral_dialog_finalize (GObject *object)
{
  TlReferralDialog *self = TL_REFERRAL_DIALOG (object);

  g_clear_pointer (&self->step_text, g_free);
  g_clear_pointer (&self->contacts, g_array_unref);

  G_OBJECT_CLASS (tl_referral_dialog_parent_class)->finalize (object);
}

/* class_init / init */

static void
tl_referral_dialog_class_init (TlReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_referral_dialog_dispose;
  object_class->finalize = tl_referral_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TlReferralDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, TlReferralDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, TlReferralDialog, note_row);
}

static void
tl_referral_dialog_init (TlReferralDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contacts = g_array_new (FALSE, TRUE, sizeof (Contact));
  g_array_set_clear_func (self->contacts, contact_clear);
  fill_outcomes (self);
  tl_combo_row_wrap_list (self->outcome_row);
  tl_dropdown_focus_selected (GTK_WIDGET (self->contact_row));
  tl_dropdown_focus_selected (GTK_WIDGET (self->outcome_row));
}

/* public API */

/**
 * tl_referral_dialog_new:
 * @parent: the window the dialog belongs to
 * @step: the step the call was made for; the dialog keeps copies only
 * @lang: the plan's language
 */
GtkWidget *
tl_referral_dialog_new (GtkWindow        *parent,
                        const TlPlanStep *step,
                        const char       *lang)
{
  TlReferralDialog *self;

  g_return_val_if_fail (step != NULL, NULL);

  self = g_object_new (TL_TYPE_REFERRAL_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "body", step->text,
                       NULL);
  self->step_text = g_strdup (step->text);
  fill_contacts (self, step, lang);
  return GTK_WIDGET (self);
}

/**
 * tl_referral_dialog_build_referral:
 *
 * The call as the advocate described it, timed now in local time; the caller adds
 * the advocate's name.
 *
 * Returns: (transfer full): a new referral
 */
TlReferral *
tl_referral_dialog_build_referral (TlReferralDialog *self)
{
  TlReferral *referral;
  guint contact;
  guint outcome;

  g_return_val_if_fail (TL_IS_REFERRAL_DIALOG (self), NULL);

  referral = tl_referral_new ();
  referral->at = g_date_time_new_now_local ();
  tl_set_str (&referral->step, self->step_text);

  contact = adw_combo_row_get_selected (self->contact_row);
  if (contact < self->contacts->len)
    {
      const Contact *c = &g_array_index (self->contacts, Contact, contact);

      tl_set_str (&referral->contact_id, c->id);
      tl_set_str (&referral->contact_name, c->name);
    }

  outcome = adw_combo_row_get_selected (self->outcome_row);
  if (outcome < tl_enum_count (tl_outcome_values))
    referral->outcome = tl_outcome_values[outcome].value;

  tl_set_str (&referral->note, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  return referral;
}
