/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-call-log"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "tl-call-log.h"
#include "tl-tip.h"
#include "tl-tip-rules.h"
#include "tl-wrapped-label.h"

/* The calls logged for a tip, newest first: whom, how it went, when and by whom, for
 * which step, and the note; where each referral stands (made, accepted, declined, no
 * answer, done), with a button for each stage it may move to next. Moving asks the
 * reason where the core's rule needs one, then emits "referral-moved": the window moves
 * it with tl_tip_move_referral() and saves. */

enum {
  REFERRAL_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _TlCallLog
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkListBox *list;
  GtkWidget *empty_label;
};

G_DEFINE_FINAL_TYPE (TlCallLog, tl_call_log, GTK_TYPE_WIDGET)

/* helpers */

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  tl_label_wrap_anywhere (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static char *
format_when (const TlReferral *referral)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (referral->at == NULL)
    return NULL;

  local = g_date_time_to_local (referral->at);
  /* Translators: a date and time in the tip list; see strftime(3) */
  when = g_date_time_format (local, _("%e %b %Y, %R"));
  return g_strdup (g_strstrip (when));
}

static void
emit_moved (GtkWidget  *button,
            const char *reason)
{
  GtkWidget *log = gtk_widget_get_ancestor (button, TL_TYPE_CALL_LOG);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tl-referral"));
  int stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tl-stage"));

  if (log != NULL)
    g_signal_emit (log, signals[REFERRAL_MOVED], 0, index, stage, reason);
}

static void
reason_changed_cb (GtkEditable *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "move", text[0] != '\0');
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GtkWidget        *button)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "move"))
    emit_moved (button, gtk_editable_get_text (entry));
}

static void
move_clicked_cb (GtkButton *button)
{
  int stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tl-stage"));
  GtkRoot *root;
  GtkWidget *dialog, *entry;

  if (!tl_referral_needs_reason (stage))
    {
      emit_moved (GTK_WIDGET (button), NULL);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (button));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   stage == TL_REFERRAL_DECLINED ? _("Why Was It Not Taken?")
                                                                 : _("How Did It End?"),
                                   stage == TL_REFERRAL_DECLINED
                                   ? _("Say in a few words why the contact did not take the referral.")
                                   : _("Say in a few words the referral’s outcome."));
  entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  stage == TL_REFERRAL_DECLINED ? _("Reason") : _("Outcome"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "move", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), button, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Where the referral stands and since when, its reasons, and a button for each next
 * stage the core allows. */
static void
add_stage (GtkWidget        *box,
           const TlReferral *referral,
           guint             index)
{
  TlReferralStage stage = tl_referral_get_stage (referral);
  GDateTime *since = tl_referral_get_stage_time (referral);
  g_autoptr(GDateTime) local = since != NULL ? g_date_time_to_local (since) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
  g_autofree char *line = when != NULL
    /* Translators: where a referral stands and since when, e.g. "Stands at: Accepted, 2026-12-02 09:15" */
    ? g_strdup_printf (_("Stands at: %s, %s"), _(tl_enum_label (tl_referral_stage_values, stage)), when)
    /* Translators: where a referral stands, e.g. "Stands at: Accepted" */
    : g_strdup_printf (_("Stands at: %s"), _(tl_enum_label (tl_referral_stage_values, stage)));
  GtkWidget *buttons = NULL;

  add_label (box, line, "caption-heading");
  for (guint m = 0; referral->moves != NULL && m < referral->moves->len; m++)
    {
      const TlReferralMove *move = g_ptr_array_index (referral->moves, m);

      if (move->reason != NULL)
        {
          /* Translators: a referral's stage and the reason given, e.g. "Not taken: no beds" */
          g_autofree char *reason = g_strdup_printf (_("%s: %s"),
                                                     _(tl_enum_label (tl_referral_stage_values, move->stage)),
                                                     move->reason);

          add_label (box, reason, NULL);
        }
    }

  for (const TlEnumValue *v = tl_referral_stage_values; v->nick != NULL; v++)
    {
      GtkWidget *button;
      g_autofree char *name = NULL;

      if (!tl_referral_can_move (stage, v->value))
        continue;
      if (buttons == NULL)
        {
          buttons = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
          gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
          gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 4);
          gtk_widget_set_margin_top (buttons, 4);
          gtk_box_append (GTK_BOX (box), buttons);
        }
      button = gtk_button_new_with_label (_(v->label));
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      /* Translators: a button's name for screen readers: "Mark the referral to 911 as Accepted" */
      name = g_strdup_printf (_("Mark the referral to %s as %s"),
                              referral->contact_name != NULL ? referral->contact_name : _("the contact"),
                              _(v->label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (button, name);
      g_object_set_data (G_OBJECT (button), "tl-referral", GUINT_TO_POINTER (index));
      g_object_set_data (G_OBJECT (button), "tl-stage", GINT_TO_POINTER (v->value));
      g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), NULL);
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
    }
}

static GtkWidget *
row_new (const TlReferral *referral,
         guint             index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *outcome = _(tl_enum_label (tl_outcome_values, referral->outcome));
  g_autofree char *title = NULL;
  g_autofree char *when = format_when (referral);

  if (referral->contact_name != NULL)
    /* Translators: whom a call reached and how it went, e.g. "911 — Reached" */
    title = g_strdup_printf (_("%s — %s"), referral->contact_name, outcome);
  else
    title = g_strdup (outcome);
  add_label (box, title, "heading");

  if (when != NULL && referral->advocate != NULL)
    {
      /* Translators: when a call was made, and by whom */
      g_autofree char *line = g_strdup_printf (_("%s, by %s"), when, referral->advocate);

      add_label (box, line, "dim-label");
    }
  else if (when != NULL || referral->advocate != NULL)
    add_label (box, when != NULL ? when : referral->advocate, "dim-label");

  if (referral->step != NULL)
    add_label (box, referral->step, "caption");
  if (referral->note != NULL)
    add_label (box, referral->note, NULL);
  add_stage (box, referral, index);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TlReferral *x = *(TlReferral * const *) a;
  const TlReferral *y = *(TlReferral * const *) b;

  if (x->at == NULL || y->at == NULL)
    return (x->at == NULL) - (y->at == NULL);
  return g_date_time_compare (y->at, x->at);
}

/* overrides */

static void
tl_call_log_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_CALL_LOG);

  G_OBJECT_CLASS (tl_call_log_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_call_log_class_init (TlCallLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_call_log_dispose;

  /**
   * TlCallLog::referral-moved:
   * @index: the referral's position in the tip's referrals
   * @stage: the TlReferralStage it moves to
   * @reason: (nullable): why it was declined, or how it ended
   *
   * The advocate moved a referral on. The log changes nothing itself.
   */
  signals[REFERRAL_MOVED] = g_signal_new ("referral-moved",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-call-log.ui");
  gtk_widget_class_bind_template_child (widget_class, TlCallLog, box);
  gtk_widget_class_bind_template_child (widget_class, TlCallLog, list);
  gtk_widget_class_bind_template_child (widget_class, TlCallLog, empty_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tl_call_log_init (TlCallLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

GtkWidget *
tl_call_log_new (void)
{
  return g_object_new (TL_TYPE_CALL_LOG, NULL);
}

/**
 * tl_call_log_set_referrals:
 * @referrals: (nullable) (element-type TlReferral): the tip's referrals, in any order;
 *   %NULL empties the log
 */
void
tl_call_log_set_referrals (TlCallLog *self,
                           GPtrArray *referrals)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new ();
  GtkWidget *child;

  g_return_if_fail (TL_IS_CALL_LOG (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; referrals != NULL && i < referrals->len; i++)
    g_ptr_array_add (calls, g_ptr_array_index (referrals, i));
  g_ptr_array_sort (calls, compare_newest_first);

  for (guint i = 0; i < calls->len; i++)
    {
      guint index = 0;

      g_ptr_array_find (referrals, g_ptr_array_index (calls, i), &index);
      gtk_list_box_append (self->list, row_new (g_ptr_array_index (calls, i), index));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), calls->len > 0);
  gtk_widget_set_visible (self->empty_label, calls->len == 0);
}
