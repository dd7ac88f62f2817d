/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-layout-warm-up"

#include "config.h"

#include "tl-layout-warm-up.h"

/* Measures the widgets under a root that is not on screen yet, a few at a time, so that
 * the frame which first shows them finds their text already shaped. The first layout
 * of the tip form took 200–300 ms in one frame, almost all of it Pango shaping the
 * labels of a few hundred widgets (issue 16); measured ahead in idle moments, the
 * first open costs about what the next one does.
 *
 * Widgets are measured children first, so that measuring a container finds its
 * children's sizes cached and costs little. Each is measured across, then for its
 * height at its natural width: the width it will be shown at is not known before it
 * shows (a pane's width depends on what it shows), but a label shaped once wraps again
 * at another width for a fraction of the cost. The root itself is left to the frame:
 * measuring it would wrap everything below at once, in one long step. A widget taken
 * out of the window between two steps is skipped. */

struct _TlLayoutWarmUp
{
  GPtrArray *widgets;   /* GtkWidget, owned, in measuring order (children first) */
  guint next;
  guint n_measured;
};

static void
collect (GPtrArray *widgets,
         GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (widgets, child);
  g_ptr_array_add (widgets, g_object_ref (widget));
}

/**
 * tl_layout_warm_up_new:
 * @root: the widget whose descendants to measure ahead; it should be in a window
 *   already, so that their style is the one they will be shown with
 *
 * Returns: (transfer full): the warm-up; nothing is measured before the first step
 */
TlLayoutWarmUp *
tl_layout_warm_up_new (GtkWidget *root)
{
  TlLayoutWarmUp *self = g_new0 (TlLayoutWarmUp, 1);

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  self->widgets = g_ptr_array_new_with_free_func (g_object_unref);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (self->widgets, child);
  return self;
}

/**
 * tl_layout_warm_up_step:
 * @budget_us: how long this step may take, in microseconds; one widget is measured
 *   whatever the budget
 *
 * Returns: whether widgets are left to measure
 */
gboolean
tl_layout_warm_up_step (TlLayoutWarmUp *self,
                        gint64          budget_us)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;

  g_return_val_if_fail (self != NULL, FALSE);

  while (self->next < self->widgets->len)
    {
      GtkWidget *widget = g_ptr_array_index (self->widgets, self->next++);
      int minimum, natural;

      /* Taken out of the window: measuring it would only build layouts for a style
       * it will not have. */
      if (gtk_widget_get_root (widget) == NULL)
        continue;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, natural, NULL, NULL, NULL, NULL);
      self->n_measured++;
      if (g_get_monotonic_time () >= deadline)
        break;
    }

  return self->next < self->widgets->len;
}

/* How many widgets the steps so far have measured (tests). */
guint
tl_layout_warm_up_get_n_measured (TlLayoutWarmUp *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_measured;
}

void
tl_layout_warm_up_free (TlLayoutWarmUp *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->widgets);
  g_free (self);
}
