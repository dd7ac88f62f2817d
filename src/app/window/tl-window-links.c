/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-links"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-linked-tips.h"
#include "tl-stats-window.h"
#include "tl-window-private.h"

/* The window's side of issue 8: the linked-tips list above the editor (opening a
 * linked tip goes the way a tip chosen in the list goes) and the Statistics window,
 * which closes when the window locks. */

/* callbacks */

static void
linked_tip_open_cb (TlWindow     *self,
                    const char   *id,
                    TlLinkedTips *linked_tips)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = NULL;

  tip = tl_store_load_tip (self->store, id, &error);
  if (tip == NULL)
    {
      _tl_window_show_error (self, _("The Tip Could Not Be Opened"), error);
      return;
    }

  if (!tl_store_audit (self->store, TL_AUDIT_VIEW, id, &error))
    g_warning ("Could not record a view in the audit log: %s", error->message);

  _tl_window_list_select_tip (self, NULL);
  _tl_window_open_tip (self, tip, FALSE);
}

static void
statistics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (!tl_store_is_unlocked (self->store))
    return;

  if (self->stats_window == NULL)
    {
      self->stats_window = GTK_WINDOW (tl_stats_window_new (GTK_WINDOW (self), self->store));
      g_object_add_weak_pointer (G_OBJECT (self->stats_window), (gpointer *) &self->stats_window);
    }
  tl_stats_window_set_threshold (TL_STATS_WINDOW (self->stats_window),
                                 g_settings_get_uint (self->settings, "stats-threshold"));
  gtk_window_present (self->stats_window);
}

/* private API */

void
_tl_window_class_init_links (GtkWidgetClass *widget_class)
{
  /* linked_tips is on the main page, which tl-window.c builds on first unlock. */
  g_type_ensure (TL_TYPE_LINKED_TIPS);

  gtk_widget_class_bind_template_callback (widget_class, linked_tip_open_cb);
  gtk_widget_class_install_action (widget_class, "win.statistics", NULL, statistics_action);
}

/* After unlock, when a tip opens or closes, and on lock (store NULL). */
void
_tl_window_links_update (TlWindow *self,
                         gboolean  unlocked)
{
  TlLinkedTips *linked_tips = TL_LINKED_TIPS (self->linked_tips);

  tl_linked_tips_set_store (linked_tips, unlocked ? self->store : NULL);
  tl_linked_tips_set_tip (linked_tips, unlocked ? tl_tip_editor_get_tip (self->editor) : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.statistics", unlocked);

  if (!unlocked && self->stats_window != NULL)
    gtk_window_destroy (self->stats_window);
}

void
_tl_window_links_tip_changed (TlWindow *self)
{
  tl_linked_tips_tip_changed (TL_LINKED_TIPS (self->linked_tips));
}
