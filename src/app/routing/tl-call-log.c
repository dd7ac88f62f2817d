/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-call-log"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-call-log.h"
#include "tl-tip.h"

/* The calls logged for a tip, newest first: whom, how it went, when and by whom, for
 * which step, and the note. */

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
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
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

static GtkWidget *
row_new (const TlReferral *referral)
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
    gtk_list_box_append (self->list, row_new (g_ptr_array_index (calls, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->list), calls->len > 0);
  gtk_widget_set_visible (self->empty_label, calls->len == 0);
}
