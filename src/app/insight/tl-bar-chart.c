/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-bar-chart.h"

/* A horizontal bar chart: one row per category, its label on the left, a bar as long
 * as its share of the largest value, and the number after the bar. Colours come from
 * the widget's style (text colour and the accent), so it reads in light, dark and
 * high-contrast styles. Screen readers get the title as the label and every
 * "category: number" as the description. */

#define ROW_HEIGHT   28
#define BAR_HEIGHT   16
#define GAP          12
#define MAX_LABEL_SHARE 0.45

struct _TlBarChart
{
  GtkWidget parent_instance;

  GPtrArray *labels;   /* char * */
  GArray *values;      /* gint64 */
  GPtrArray *texts;    /* char *, the number as printed; NULL: the value itself */
};

G_DEFINE_FINAL_TYPE (TlBarChart, tl_bar_chart, GTK_TYPE_WIDGET)

/* helpers */

static void
get_colors (TlBarChart *self,
            GdkRGBA    *text,
            GdkRGBA    *bar)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  /* gtk_widget_get_color() is 4.10; the style context is what 4.8 has. */
  gtk_style_context_get_color (context, text);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", bar))
    {
      *bar = *text;
      bar->alpha *= 0.6f;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static int
max_label_width (TlBarChart *self)
{
  int widest = 0;

  for (guint i = 0; i < self->labels->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      g_ptr_array_index (self->labels, i));
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

/* The number after bar i: its text ("<11" for a count withheld), else the value. */
static char *
dup_number (TlBarChart *self,
            guint       i)
{
  const char *text = i < self->texts->len ? g_ptr_array_index (self->texts, i) : NULL;

  return text != NULL ? g_strdup (text)
                      : g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->values, gint64, i));
}

static void
update_accessible (TlBarChart *self,
                   const char *title)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->labels->len; i++)
    {
      g_autofree char *number = dup_number (self, i);

      if (i > 0)
        g_string_append (description, ", ");
      /* Translators: one bar of a chart for screen readers, e.g. "Phone call: 12" */
      g_string_append_printf (description, _("%s: %s"),
                              (const char *) g_ptr_array_index (self->labels, i), number);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* overrides */

static void
tl_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TlBarChart *self = TL_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = ROW_HEIGHT * (int) self->labels->len;
  else
    {
      *minimum = 240;
      *natural = MAX (*minimum, max_label_width (self) + 3 * GAP + 240);
    }
}

static void
tl_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TlBarChart *self = TL_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gint64 largest = 0;
  int label_width, number_width, bar_space;
  GdkRGBA text, bar, track;
  cairo_t *cr;

  if (self->labels->len == 0 || width <= 0)
    return;

  for (guint i = 0; i < self->values->len; i++)
    largest = MAX (largest, g_array_index (self->values, gint64, i));

  {
    g_autofree char *widest = g_strdup_printf ("%" G_GINT64_FORMAT, largest);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, widest);

    pango_layout_get_pixel_size (layout, &number_width, NULL);
  }

  label_width = MIN (max_label_width (self), (int) (width * MAX_LABEL_SHARE));
  bar_space = MAX (width - label_width - number_width - 3 * GAP, 1);

  get_colors (self, &text, &bar);
  track = text;
  track.alpha *= 0.08f;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < self->labels->len; i++)
    {
      const char *label = g_ptr_array_index (self->labels, i);
      gint64 value = g_array_index (self->values, gint64, i);
      g_autofree char *number = dup_number (self, i);
      g_autoptr(PangoLayout) label_layout = gtk_widget_create_pango_layout (widget, label);
      g_autoptr(PangoLayout) number_layout = gtk_widget_create_pango_layout (widget, number);
      double y = i * ROW_HEIGHT;
      double bar_x = label_width + GAP;
      double bar_width = largest > 0 ? (double) bar_space * value / largest : 0;
      double number_x;
      int text_height;

      /* Long labels are cut with an ellipsis rather than pushing the bars away. */
      pango_layout_set_width (label_layout, label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (label_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (label_layout, rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (label_layout, NULL, &text_height);

      /* A faint track shows where zero is, so a zero row still reads as a row. */
      gdk_cairo_set_source_rgba (cr, &track);
      cairo_rectangle (cr, rtl ? width - bar_x - bar_space : bar_x,
                       y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0, bar_space, BAR_HEIGHT);
      cairo_fill (cr);

      if (bar_width > 0)
        {
          gdk_cairo_set_source_rgba (cr, &bar);
          cairo_rectangle (cr, rtl ? width - bar_x - MAX (bar_width, 2) : bar_x,
                           y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0, MAX (bar_width, 2), BAR_HEIGHT);
          cairo_fill (cr);
        }

      gdk_cairo_set_source_rgba (cr, &text);
      cairo_move_to (cr, rtl ? width - label_width : 0, y + (ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, label_layout);

      number_x = bar_x + MAX (bar_width, 2) + GAP / 2.0;
      if (rtl)
        number_x = width - number_x - number_width;
      cairo_move_to (cr, number_x, y + (ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, number_layout);
    }

  cairo_destroy (cr);
}

static void
tl_bar_chart_finalize (GObject *object)
{
  TlBarChart *self = (TlBarChart *) object;

  g_ptr_array_unref (self->labels);
  g_array_unref (self->values);
  g_ptr_array_unref (self->texts);

  G_OBJECT_CLASS (tl_bar_chart_parent_class)->finalize (object);
}

static void
tl_bar_chart_class_init (TlBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tl_bar_chart_finalize;
  widget_class->measure = tl_bar_chart_measure;
  widget_class->snapshot = tl_bar_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "tl-bar-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tl_bar_chart_init (TlBarChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->texts = g_ptr_array_new_with_free_func (g_free);
}

/* public API */

GtkWidget *
tl_bar_chart_new (void)
{
  return g_object_new (TL_TYPE_BAR_CHART, NULL);
}

/**
 * tl_bar_chart_set_bars:
 * @title: what the chart shows, for screen readers
 * @labels: (array length=n_bars): the category of each bar
 * @values: (array length=n_bars): each bar's number, zero or more
 */
void
tl_bar_chart_set_bars (TlBarChart         *self,
                       const char         *title,
                       const char * const *labels,
                       const gint64       *values,
                       guint               n_bars)
{
  g_return_if_fail (TL_IS_BAR_CHART (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && values != NULL));

  tl_bar_chart_set_bars_with_texts (self, title, labels, values, NULL, n_bars);
}

/**
 * tl_bar_chart_set_bars_with_texts:
 * @texts: (array length=n_bars) (nullable): the number printed after each bar, where it
 *   is not the value itself (a count withheld shows "<11" over an empty bar)
 */
void
tl_bar_chart_set_bars_with_texts (TlBarChart         *self,
                                  const char         *title,
                                  const char * const *labels,
                                  const gint64       *values,
                                  const char * const *texts,
                                  guint               n_bars)
{
  g_return_if_fail (TL_IS_BAR_CHART (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && values != NULL));

  g_ptr_array_set_size (self->labels, 0);
  g_array_set_size (self->values, 0);
  g_ptr_array_set_size (self->texts, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      g_ptr_array_add (self->labels, g_strdup (labels[i]));
      g_array_append_val (self->values, values[i]);
      g_ptr_array_add (self->texts, texts != NULL ? g_strdup (texts[i]) : NULL);
    }

  update_accessible (self, title);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
