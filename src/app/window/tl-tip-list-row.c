/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-list-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-tip-list-row.h"

/* One line of the tip list: when it came in, its status, whether someone is in danger,
 * and the summary the store keeps (type, place, how many victims; never names). */

struct _TlTipListRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkCheckButton *check;
  GtkImage *danger_icon;
  GtkLabel *summary_label;
  GtkLabel *received_label;
  GtkLabel *status_label;
  GtkLabel *minor_label;

  char *tip_id;               /* the tip on show, for selection mode */
  TlTipItem *item;            /* what the labels show (items never change) */
};

G_DEFINE_FINAL_TYPE (TlTipListRow, tl_tip_list_row, GTK_TYPE_WIDGET)

/* helpers */

static char *
format_received (gint64 received)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (received);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return NULL;

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      g_autofree char *time = g_date_time_format (when, "%R");

      /* Translators: %s is a time of day, as in "Today, 14:05" */
      return g_strdup_printf (_("Today, %s"), time);
    }

  /* Translators: a date and time in the tip list; see strftime(3) */
  return g_date_time_format (when, _("%e %b %Y, %R"));
}

/* overrides */

static void
tl_tip_list_row_dispose (GObject *object)
{
  TlTipListRow *self = TL_TIP_LIST_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_TIP_LIST_ROW);
  g_clear_pointer (&self->tip_id, g_free);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (tl_tip_list_row_parent_class)->dispose (object);
}

static void
tl_tip_list_row_class_init (TlTipListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_tip_list_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-tip-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, box);
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, check);
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, danger_icon);
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, received_label);
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TlTipListRow, minor_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tl_tip_list_row_init (TlTipListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

GtkWidget *
tl_tip_list_row_new (void)
{
  return g_object_new (TL_TYPE_TIP_LIST_ROW, NULL);
}

/* The row a screen reader lands on is the list's item around this one: it gets the
 * texts on show as its name (emptied with the labels, so nothing stays after a lock). */
static void
update_accessible_name (TlTipListRow *self)
{
  g_autoptr(GString) name = g_string_new (NULL);
  GtkLabel *labels[] = { self->summary_label, self->minor_label, self->received_label, self->status_label };
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const char *text = gtk_label_get_text (labels[i]);

      if (!gtk_widget_get_visible (GTK_WIDGET (labels[i])) || text[0] == '\0')
        continue;
      if (name->len > 0)
        g_string_append (name, ", ");
      g_string_append (name, text);
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->danger_icon)))
    g_string_append_printf (name, ", %s", _("Immediate danger"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
}

/**
 * tl_tip_list_row_set_item:
 * @item: (nullable): the tip to show, or %NULL to clear every label
 */
void
tl_tip_list_row_set_item (TlTipListRow *self,
                          TlTipItem    *item)
{
  const TlTipRow *row;
  g_autofree char *received = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (TL_IS_TIP_LIST_ROW (self));
  g_return_if_fail (item == NULL || TL_IS_TIP_ITEM (item));

  /* GTK 4.8 unbinds and binds again every row after a change in the list, also rows
   * that keep their item: a save rebound and laid out some 200 rows (issue 16). */
  if (item != NULL && item == self->item)
    return;
  g_set_object (&self->item, item);

  row = item != NULL ? tl_tip_item_get_row (item) : NULL;
  g_free (self->tip_id);
  self->tip_id = row != NULL ? g_strdup (tl_tip_item_get_id (item)) : NULL;
  if (row == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), NULL);
      gtk_label_set_label (self->received_label, "");
      gtk_label_set_label (self->status_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->danger_icon), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->minor_label), FALSE);
      update_accessible_name (self);
      return;
    }

  received = format_received (row->received);
  if (row->summary != NULL && *row->summary != '\0')
    summary = g_strdup (row->summary);
  else
    summary = g_strdup (_("No details yet"));

  gtk_label_set_label (self->summary_label, summary);
  /* the list is narrow (and narrower with selection mode's box): the whole summary */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
  gtk_label_set_label (self->received_label, received != NULL ? received : "");
  gtk_label_set_label (self->status_label, _(tl_enum_label (tl_tip_status_values, row->status)));
  gtk_widget_set_visible (GTK_WIDGET (self->danger_icon), row->danger == TL_DANGER_IMMEDIATE);
  gtk_widget_set_visible (GTK_WIDGET (self->minor_label), row->has_minor);
  update_accessible_name (self);
}

/* The tip on show, or NULL. */
const char *
tl_tip_list_row_get_tip_id (TlTipListRow *self)
{
  g_return_val_if_fail (TL_IS_TIP_LIST_ROW (self), NULL);

  return self->tip_id;
}

/**
 * tl_tip_list_row_set_check:
 * @shown: whether the list is in selection mode
 * @active: whether this tip is chosen
 *
 * A screen reader hears the state on the list item it lands on, not on the box drawn.
 */
void
tl_tip_list_row_set_check (TlTipListRow *self,
                           gboolean      shown,
                           gboolean      active)
{
  GtkWidget *item;

  g_return_if_fail (TL_IS_TIP_LIST_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->check), shown);
  gtk_check_button_set_active (self->check, shown && active);

  item = gtk_widget_get_parent (GTK_WIDGET (self));
  if (item == NULL)
    return;
  if (shown)
    gtk_accessible_update_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_CHECKED,
                                 active ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                 -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_CHECKED);
}
