/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-panes"

#include "config.h"

#include "tl-window-private.h"

/* The keyboard between the window's panes: F6 and Shift+F6 go to the next or previous
 * pane (the list, the form, whom to call), and Ctrl+R goes to whom to call and, pressed
 * again there, back to the field the advocate left. */

/* helpers */

static GtkWidget *
focus_widget (TlWindow *self)
{
  return gtk_root_get_focus (GTK_ROOT (self));
}

static gboolean
inside (GtkWidget *widget,
        GtkWidget *pane)
{
  return widget != NULL && pane != NULL && (widget == pane || gtk_widget_is_ancestor (widget, pane));
}

/* Moves the focus into a pane, showing it first when the window shows one at a time. */
static gboolean
focus_pane (TlWindow  *self,
            GtkWidget *pane)
{
  if (pane == NULL || !gtk_widget_get_visible (pane))
    return FALSE;
  adw_leaflet_set_visible_child (self->leaflet, pane);
  return gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
}

static GtkWidget *
pane_of (TlWindow  *self,
         GtkWidget *widget,
         guint     *index)
{
  GtkWidget *panes[] = { self->list_pane, self->editor_pane, GTK_WIDGET (self->side_pane) };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (inside (widget, panes[i]))
      {
        *index = i;
        return panes[i];
      }
  *index = 0;
  return NULL;
}

/* actions */

static void
cycle_panes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  GtkWidget *panes[] = { self->list_pane, self->editor_pane, GTK_WIDGET (self->side_pane) };
  int step = g_variant_get_int32 (parameter);
  guint index;

  if (self->leaflet == NULL || !tl_store_is_unlocked (self->store))
    return;

  if (pane_of (self, focus_widget (self), &index) == NULL)
    index = step > 0 ? G_N_ELEMENTS (panes) - 1 : 0;

  for (guint tries = 0; tries < G_N_ELEMENTS (panes); tries++)
    {
      index = (index + G_N_ELEMENTS (panes) + step) % G_N_ELEMENTS (panes);
      if (focus_pane (self, panes[index]))
        return;
    }
}

static void
toggle_routing_focus_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  GtkWidget *focus = focus_widget (self);
  GtkWidget *back;

  if (self->leaflet == NULL || !tl_store_is_unlocked (self->store))
    return;

  if (inside (focus, GTK_WIDGET (self->side_pane)))
    {
      /* back where the advocate was typing, or to the form */
      back = g_weak_ref_get (&self->focus_before_routing);
      adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
      if (back == NULL || !gtk_widget_get_mapped (back) || !gtk_widget_grab_focus (back))
        focus_pane (self, self->editor_pane);
      g_clear_object (&back);
      return;
    }

  g_weak_ref_set (&self->focus_before_routing, focus);
  focus_pane (self, GTK_WIDGET (self->side_pane));
}

/* private API */

void
_tl_window_class_init_panes (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cycle-panes", "i", cycle_panes_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-routing-focus", NULL, toggle_routing_focus_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.cycle-panes", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.cycle-panes", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.toggle-routing-focus", NULL);
}
