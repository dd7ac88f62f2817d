/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-item-row.h"
#include "tl-tip.h"

typedef struct
{
  TlFieldSet *fields;
  GtkWidget *remove_button;
  GtkRevealer *revealer;      /* the expander's, around the fields; unowned */
} TlItemRowPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TlItemRow, tl_item_row, ADW_TYPE_EXPANDER_ROW)

enum
{
  CHANGED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static void
update_summary (TlItemRow *self)
{
  TlItemRowClass *klass = TL_ITEM_ROW_GET_CLASS (self);
  g_autofree char *summary = NULL;

  if (klass->dup_summary != NULL && tl_item_row_get_record (self) != NULL)
    summary = klass->dup_summary (self);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary != NULL ? summary : "");
}

static void
field_edited (gpointer    user_data,
              const char *key)
{
  tl_item_row_changed (TL_ITEM_ROW (user_data));
}

/* callbacks */

/* The fields of a closed row are hidden, not only unrevealed: a revealer measures its
 * child even while closed, and measuring every field of every closed victim and
 * offender row was most of the layout that opening a tip cost (issue 16: 94 ms for
 * three closed victims at 100,000 tips). They show before the row opens and hide once
 * it has closed, so both animations still run. */
static void
revealer_changed_cb (TlItemRow *self)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);
  GtkWidget *fields = gtk_revealer_get_child (priv->revealer);

  if (fields != NULL)
    gtk_widget_set_visible (fields, gtk_revealer_get_reveal_child (priv->revealer) ||
                                    gtk_revealer_get_child_revealed (priv->revealer));
}

static void
remove_clicked_cb (TlItemRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

/* overrides */

/* Once the subclass's template has added the fields: hidden before that, in init, the
 * list of fields was shown again by the time the row was built. */
static void
tl_item_row_constructed (GObject *object)
{
  TlItemRow *self = TL_ITEM_ROW (object);
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);

  G_OBJECT_CLASS (tl_item_row_parent_class)->constructed (object);

  /* AdwExpanderRow keeps its fields in a GtkRevealer; should a later libadwaita not,
   * the row only stays as costly to lay out as before. */
  priv->revealer = GTK_REVEALER (tl_widget_find_descendant (GTK_WIDGET (self), GTK_TYPE_REVEALER));
  if (priv->revealer == NULL)
    return;
  g_signal_connect_object (priv->revealer, "notify::reveal-child",
                           G_CALLBACK (revealer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->revealer, "notify::child-revealed",
                           G_CALLBACK (revealer_changed_cb), self, G_CONNECT_SWAPPED);
  revealer_changed_cb (self);
}

static void
tl_item_row_dispose (GObject *object)
{
  TlItemRow *self = TL_ITEM_ROW (object);
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);

  g_clear_pointer (&priv->fields, tl_field_set_free);

  G_OBJECT_CLASS (tl_item_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_item_row_class_init (TlItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tl_item_row_constructed;
  object_class->dispose = tl_item_row_dispose;

  /**
   * TlItemRow::changed:
   *
   * Emitted after a user edit was written to the item.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /**
   * TlItemRow::remove-requested:
   *
   * The person asked to remove this item; the list that holds it does the removing.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
tl_item_row_init (TlItemRow *self)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);

  priv->fields = tl_field_set_new (field_edited, self);

  /* Titles and subtitles hold what people typed: never parse them as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  priv->remove_button = g_object_new (GTK_TYPE_BUTTON,
                                      "icon-name", "user-trash-symbolic",
                                      "valign", GTK_ALIGN_CENTER,
                                      "tooltip-text", _("Remove"),
                                      NULL);
  gtk_widget_add_css_class (priv->remove_button, "flat");
  g_signal_connect_swapped (priv->remove_button, "clicked",
                            G_CALLBACK (remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), priv->remove_button);
}

/* public API */

/* Fills the row from @record, which it edits in place and does not own. */
void
tl_item_row_set_record (TlItemRow *self,
                        gpointer   record)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);
  TlItemRowClass *klass;

  g_return_if_fail (TL_IS_ITEM_ROW (self));

  klass = TL_ITEM_ROW_GET_CLASS (self);
  tl_field_set_fill (priv->fields, record);
  if (klass->fill != NULL)
    klass->fill (self, record);
  update_summary (self);
}

gpointer
tl_item_row_get_record (TlItemRow *self)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);

  g_return_val_if_fail (TL_IS_ITEM_ROW (self), NULL);

  return tl_field_set_get_record (priv->fields);
}

TlFieldSet *
tl_item_row_get_fields (TlItemRow *self)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);

  g_return_val_if_fail (TL_IS_ITEM_ROW (self), NULL);

  return priv->fields;
}

/* @title: "Victim 2"; @remove_label: what the remove button says to a screen reader. */
void
tl_item_row_set_labels (TlItemRow  *self,
                        const char *title,
                        const char *remove_label)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);

  g_return_if_fail (TL_IS_ITEM_ROW (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_tooltip_text (priv->remove_button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
}

/* @prefix: the item's path with a trailing slash, "victims/0/". A problem inside a
 * closed row also marks the row, so that it is seen. */
void
tl_item_row_show_problems (TlItemRow  *self,
                           const char *prefix,
                           GPtrArray  *problems)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);
  gboolean any = FALSE;

  g_return_if_fail (TL_IS_ITEM_ROW (self));

  tl_field_set_show_problems (priv->fields, prefix, problems);

  for (guint i = 0; problems != NULL && i < problems->len && !any; i++)
    any = g_str_has_prefix (((TlProblem *) g_ptr_array_index (problems, i))->field, prefix);
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (self),
                                  any ? "dialog-warning-symbolic" : NULL);
}

/* Opens the row and focuses the widget for @key ("age"); NULL focuses the first
 * field. FALSE when the key is not one of this row's. */
gboolean
tl_item_row_focus_field (TlItemRow  *self,
                         const char *key)
{
  TlItemRowPrivate *priv = tl_item_row_get_instance_private (self);
  GtkWidget *widget;

  g_return_val_if_fail (TL_IS_ITEM_ROW (self), FALSE);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  if (key == NULL)
    widget = tl_field_set_lookup_first (priv->fields);
  else
    widget = tl_field_set_lookup (priv->fields, key);

  return widget != NULL && tl_field_focus (widget);
}

/* For subclasses: an edit was written to the record. */
void
tl_item_row_changed (TlItemRow *self)
{
  g_return_if_fail (TL_IS_ITEM_ROW (self));

  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}
