/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-due"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-ask-dialog.h"
#include "tl-due-window.h"
#include "tl-window-private.h"

/* The window's side of issue 19: the count of follow-ups due today or overdue on the
 * list's header (a button that opens the Due view), counted again every minute, after
 * a change and after a save; Add Follow-up for the tip in the editor; and the retention
 * purge, asked for at unlock when the office's schedule says tips have expired (and on
 * demand from the main menu). */

#define DAY (24 * 3600)

/* helpers */

static void
refresh (TlWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *name = NULL;
  gint64 count;

  if (self->due_button == NULL)
    return;
  if (!tl_store_is_unlocked (self->store))
    {
      gtk_widget_set_visible (self->due_button, FALSE);
      return;
    }

  count = tl_store_count_due_follow_ups (self->store, tl_follow_up_end_of_day (now), &error);
  if (count < 0)
    {
      g_warning ("Could not count the follow-ups due: %s", error->message);
      return;
    }
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  gtk_label_set_text (self->due_count_label, count_text);
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due: %u follow-up today or overdue",
                                       "Due: %u follow-ups today or overdue", (gulong) count),
                          (guint) count);
  gtk_widget_set_tooltip_text (self->due_button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (count > 0)
    gtk_widget_add_css_class (self->due_button, "accent");
  else
    gtk_widget_remove_css_class (self->due_button, "accent");
  gtk_widget_set_visible (self->due_button, TRUE);

  if (self->due_window != NULL)
    tl_due_window_reload (TL_DUE_WINDOW (self->due_window));
}

static gboolean
tick_cb (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_CONTINUE;
}

/* callbacks */

static void
due_open_tip_cb (TlDueWindow *due,
                 const char  *tip_id,
                 TlWindow    *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = NULL;

  /* What the editor holds is written first, as when a tip is picked in the list. */
  _tl_window_flush_autosave (self);
  tip = tl_store_load_tip (self->store, tip_id, &error);
  if (tip == NULL)
    {
      _tl_window_show_error (self, _("The Tip Could Not Be Opened"), error);
      return;
    }
  if (!tl_store_audit (self->store, TL_AUDIT_VIEW, tip_id, &error))
    g_warning ("Could not record a view in the audit log: %s", error->message);

  _tl_window_list_select_tip (self, tip_id);
  _tl_window_open_tip (self, tip, FALSE);
  gtk_window_present (GTK_WINDOW (self));
}

static void
due_changed_cb (TlDueWindow *due,
                TlWindow    *self)
{
  refresh (self);
}

static void
store_changed_cb (TlStore    *store,
                  const char *tip_id,
                  TlWindow   *self)
{
  refresh (self);
}

static void
show_due_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (!tl_store_is_unlocked (self->store))
    return;
  if (self->due_window == NULL)
    {
      self->due_window = GTK_WINDOW (tl_due_window_new (GTK_WINDOW (self), self->store, self->settings));
      g_object_add_weak_pointer (G_OBJECT (self->due_window), (gpointer *) &self->due_window);
      g_signal_connect_object (self->due_window, "open-tip", G_CALLBACK (due_open_tip_cb), self, 0);
      g_signal_connect_object (self->due_window, "changed", G_CALLBACK (due_changed_cb), self, 0);
    }
  /* Counts again, and reads the view again. */
  refresh (self);
  gtk_window_present (self->due_window);
}

static void
follow_up_answered (gpointer    user_data,
                    const char *what,
                    gint64      due)
{
  TlWindow *self = user_data;
  TlTip *tip = self->editor != NULL ? tl_tip_editor_get_tip (self->editor) : NULL;
  g_autoptr(GError) error = NULL;

  if (tip == NULL)
    return;
  if (tl_store_add_follow_up (self->store, tip->id, what, due, &error) == 0)
    {
      _tl_window_show_error (self, _("The Follow-up Could Not Be Added"), error);
      return;
    }
  _tl_window_show_toast (self, _("Follow-up added"));
  refresh (self);
}

static void
add_follow_up_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *tip = self->editor != NULL ? tl_tip_editor_get_tip (self->editor) : NULL;
  const TlAskWhen choices[] = {
    { _("In 1 hour"), 3600 },
    { _("In 3 hours"), 3 * 3600 },
    { _("Tomorrow"), DAY },
    { _("In 3 days"), 3 * DAY },
    { _("In a week"), 7 * DAY },
  };
  GtkWidget *dialog;

  if (tip == NULL || tip->status == TL_TIP_STATUS_DRAFT)
    return;
  dialog = tl_ask_dialog_new (GTK_WINDOW (self), _("Add Follow-up?"),
                              _("It is listed in Due when its time comes, under your name."),
                              _("_What is to be done"), _("_Due"), choices, G_N_ELEMENTS (choices),
                              _("_Add"), FALSE, follow_up_answered, g_object_ref (self), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
purge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TlWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TlRetentionSchedule schedule;
  gint64 purged;

  if (!g_str_equal (response, "purge") || !tl_store_is_unlocked (self->store))
    return;

  tl_retention_schedule_load (&schedule, self->settings);
  /* What the editor holds is written first; a purged tip then leaves the editor. */
  _tl_window_flush_autosave (self);
  purged = tl_store_purge_expired (self->store, &schedule, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (purged < 0)
    {
      _tl_window_show_error (self, _("The Expired Tips Could Not Be Purged"), error);
      return;
    }
  {
    TlTip *tip = tl_tip_editor_get_tip (self->editor);
    g_autoptr(TlTip) still = tip != NULL && tip->status != TL_TIP_STATUS_DRAFT
                             ? tl_store_load_tip (self->store, tip->id, NULL) : NULL;

    if (tip != NULL && tip->status != TL_TIP_STATUS_DRAFT && still == NULL)
      {
        tl_tip_editor_set_tip (self->editor, NULL);
        tl_routing_panel_clear (self->routing_panel);
        gtk_stack_set_visible_child_name (self->editor_stack, "empty");
        self->unsaved = FALSE;
        _tl_window_update_actions (self);
      }
  }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u expired tip or draft purged",
                                          "%u expired tips or drafts purged", (gulong) purged),
                             (guint) purged);
  _tl_window_show_toast (self, message);
  refresh (self);
}

/* Asks whether to purge what has expired; says so when nothing has (asked from the
 * menu), says nothing (at unlock). */
static void
ask_purge (TlWindow *self,
           gboolean  from_menu)
{
  g_autoptr(GPtrArray) expired = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  TlRetentionSchedule schedule;
  AdwMessageDialog *dialog;

  /* A damaged store is the damage check's business (tl-window-integrity.c): nothing is
   * purged from it, and at unlock nothing more is said. */
  if (tl_store_is_damaged (self->store))
    return;
  tl_retention_schedule_load (&schedule, self->settings);
  expired = tl_store_list_expiring (self->store, &schedule, g_get_real_time () / G_USEC_PER_SEC, 0, &error);
  if (expired == NULL)
    {
      if (from_menu)
        _tl_window_show_error (self, _("The Retention Schedule Could Not Be Applied"), error);
      else
        g_warning ("Could not check the retention schedule at unlock: %s", error->message);
      return;
    }
  if (expired->len == 0)
    {
      if (from_menu)
        _tl_window_show_toast (self, schedule.enabled ? _("No tip has expired")
                                                      : _("The retention schedule is off in Preferences"));
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Purge %u Expired Tip?",
                                          "Purge %u Expired Tips?", expired->len), expired->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("The office’s retention schedule says these tips and unsaved drafts have passed their time. Purging deletes them from the store for good; backups made before keep them. Due lists them under Expiring Soon if you want to keep one longer first.")));
  adw_message_dialog_add_responses (dialog, "later", _("_Later"), "purge", _("_Purge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "purge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "later");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
purge_expired_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (tl_store_is_unlocked (self->store))
    ask_purge (self, TRUE);
}

/* private API */

void
_tl_window_class_init_due (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-due", NULL, show_due_action);
  gtk_widget_class_install_action (widget_class, "win.add-follow-up", NULL, add_follow_up_action);
  gtk_widget_class_install_action (widget_class, "win.purge-expired", NULL, purge_expired_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.show-due", NULL);
}

/* After unlock (unlocked TRUE) and at lock. */
void
_tl_window_due_update (TlWindow *self,
                       gboolean  unlocked)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-due", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.purge-expired", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.handoff", unlocked);
  g_clear_handle_id (&self->due_source, g_source_remove);
  g_clear_signal_handler (&self->due_store_changed_id, self->store);

  if (!unlocked)
    {
      if (self->due_window != NULL)
        gtk_window_destroy (self->due_window);
      if (self->due_button != NULL)
        gtk_widget_set_visible (self->due_button, FALSE);
      return;
    }

  self->due_store_changed_id = g_signal_connect (self->store, "tips-changed",
                                                 G_CALLBACK (store_changed_cb), self);
  self->due_source = g_timeout_add_seconds (60, tick_cb, self);
  refresh (self);
  ask_purge (self, FALSE);
}

/* When the tip in the editor changes: a follow-up needs a saved tip. */
void
_tl_window_due_update_actions (TlWindow *self,
                               TlTip    *tip)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-follow-up",
                                 tip != NULL && tip->status != TL_TIP_STATUS_DRAFT);
}

/* The window goes: its timer and handler with it. */
void
_tl_window_due_dispose (TlWindow *self)
{
  g_clear_handle_id (&self->due_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->due_store_changed_id, self->store);
  if (self->due_window != NULL)
    gtk_window_destroy (self->due_window);
}
