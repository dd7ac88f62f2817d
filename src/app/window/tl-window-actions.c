/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-clipboard.h"
#include "tl-error.h"
#include "tl-tip-rules.h"
#include "tl-window-private.h"

/* What the window does: new tip, save, search, and the draft autosave. Export, print
 * and import are in tl-window-reports.c. */

/* helpers */

static gboolean
write_draft (TlWindow *self)
{
  g_autoptr(GError) error = NULL;
  TlTip *tip = tl_tip_editor_get_tip (self->editor);

  if (tip == NULL || self->store == NULL || !tl_store_is_unlocked (self->store))
    return TRUE;

  if (!tl_store_save_draft (self->store, tip, &error))
    {
      /* Not a dialog: this runs while someone types. The toast says what to do. */
      g_warning ("Could not keep a draft: %s", error->message);
      _tl_window_show_toast (self, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  TlWindow *self = user_data;

  self->autosave_source = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

/* actions */

static void
new_tip_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(TlTip) tip = tl_tip_new ();
  g_autofree char *advocate = g_settings_get_string (self->settings, "advocate-name");
  g_autofree char *channel = NULL;
  g_autofree char *policy = NULL;
  int value;

  tip->status = TL_TIP_STATUS_DRAFT;
  tl_set_str (&tip->advocate, advocate);

  /* the office's defaults (Preferences): how most tips come in, the agency's policy */
  channel = g_settings_get_string (self->settings, "usual-channel");
  policy = g_settings_get_string (self->settings, "release-policy");
  if (tl_enum_from_nick (tl_channel_values, channel, &value))
    tip->channel = value;
  if (tl_enum_from_nick (tl_release_policy_values, policy, &value))
    tip->release_policy = value;

  _tl_window_list_select_tip (self, NULL);
  _tl_window_open_tip (self, tip, FALSE);

  /* The advocate types at once: the first question of the form has the keyboard. */
  adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
  tl_tip_editor_focus_field (self->editor, "situation");
}

static void
save_tip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autoptr(GError) error = NULL;
  TlTipStatus old_status;

  if (tip == NULL)
    return;

  /* An office sync, import or backup has the store: the save waits for it (busy_changed_cb
   * in tl-window.c runs it), rather than failing while the advocate's words are safe. */
  if (tl_context_is_busy (self->context))
    {
      self->save_pending = TRUE;
      _tl_window_show_toast (self, _("Saving as soon as the office sync or backup is done…"));
      return;
    }

  _tl_window_cancel_autosave (self);

  /* Saving makes a new tip an open case (the core's rule, as for the CLI). */
  old_status = tl_tip_mark_saved (tip);

  /* The store records the creation or edit in its audit log in the same transaction. */
  if (!tl_store_save_tip (self->store, tip, &error))
    {
      tip->status = old_status;
      /* Changed or deleted in another window or program since it was opened. */
      if (g_error_matches (error, TL_ERROR, TL_ERROR_CONFLICT) ||
          (g_error_matches (error, TL_ERROR, TL_ERROR_NOT_FOUND) && tip->revision != 0))
        _tl_window_save_conflict (self, tip, error);
      else
        _tl_window_show_error (self, _("The Tip Could Not Be Saved"), error);
      return;
    }

  self->unsaved = FALSE;
  _tl_window_list_select_tip (self, tip->id);
  _tl_window_update_actions (self);
  _tl_window_show_toast (self, _("Tip saved"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_routing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->side_pane));
}

static void
show_editor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
}

/* private API */

/* A number copied from the editor, after its safety plan was checked there: on the
 * clipboard for a while only, as a contact's number. */
static void
copy_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *digits = g_variant_get_string (parameter, NULL);

  if (digits != NULL && *digits != '\0')
    tl_copy_number (widget, digits);
}

void
_tl_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-tip", NULL, new_tip_action);
  gtk_widget_class_install_action (widget_class, "win.copy-number", "s", copy_number_action);
  gtk_widget_class_install_action (widget_class, "win.save-tip", NULL, save_tip_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.show-routing", NULL, show_routing_action);
  gtk_widget_class_install_action (widget_class, "win.show-editor", NULL, show_editor_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-tip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-tip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

/* The editor wrote an edit into the tip: write a draft once typing pauses. */
void
_tl_window_editor_changed (TlWindow *self)
{
  gboolean was_unsaved = self->unsaved;

  self->unsaved = TRUE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (TL_AUTOSAVE_DELAY_MS, autosave_cb, self);

  if (!was_unsaved)
    _tl_window_update_actions (self);
}

/* Writes the pending draft now, if there is one. Returns FALSE if writing failed. */
gboolean
_tl_window_flush_autosave (TlWindow *self)
{
  if (self->autosave_source == 0)
    return TRUE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  return write_draft (self);
}

void
_tl_window_cancel_autosave (TlWindow *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
}
