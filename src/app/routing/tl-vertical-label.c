/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-vertical-label"

#include "config.h"

#include "tl-vertical-label.h"

/* A line of text read from bottom to top: the column headings of the referral matrix,
 * so that twelve columns fit beside the tip form. GtkLabel cannot rotate in GTK 4. */

struct _TlVerticalLabel
{
  GtkWidget parent_instance;

  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (TlVerticalLabel, tl_vertical_label, GTK_TYPE_WIDGET)

/* overrides */

static void
tl_vertical_label_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  TlVerticalLabel *self = TL_VERTICAL_LABEL (widget);
  int width, height;

  pango_layout_get_pixel_size (self->layout, &width, &height);
  /* Turned a quarter: the text's width is the widget's height. */
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? height : width;
}

static void
tl_vertical_label_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TlVerticalLabel *self = TL_VERTICAL_LABEL (widget);
  GdkRGBA color;
  int width, height;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  pango_layout_get_pixel_size (self->layout, &width, &height);

  gtk_snapshot_save (snapshot);
  /* Centred across the column, its end at the bottom, next to the cells. */
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - height) / 2.0,
                                                gtk_widget_get_height (widget)));
  gtk_snapshot_rotate (snapshot, -90);
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
tl_vertical_label_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  TlVerticalLabel *self = TL_VERTICAL_LABEL (widget);

  GTK_WIDGET_CLASS (tl_vertical_label_parent_class)->css_changed (widget, change);

  /* The font may have changed: lay the text out again. */
  pango_layout_context_changed (self->layout);
  gtk_widget_queue_resize (widget);
}

static void
tl_vertical_label_finalize (GObject *object)
{
  TlVerticalLabel *self = TL_VERTICAL_LABEL (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (tl_vertical_label_parent_class)->finalize (object);
}

/* class_init / init */

static void
tl_vertical_label_class_init (TlVerticalLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tl_vertical_label_finalize;

  widget_class->measure = tl_vertical_label_measure;
  widget_class->snapshot = tl_vertical_label_snapshot;
  widget_class->css_changed = tl_vertical_label_css_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tl_vertical_label_init (TlVerticalLabel *self)
{
}

/* public API */

GtkWidget *
tl_vertical_label_new (const char *text)
{
  TlVerticalLabel *self = g_object_new (TL_TYPE_VERTICAL_LABEL, NULL);

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  return GTK_WIDGET (self);
}
