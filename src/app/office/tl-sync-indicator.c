/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-office.h"
#include "tl-sync-indicator.h"

/* The header's sync indicator (issue 21): shown only when the store is part of an
 * office. It syncs when the window opens, a few seconds after each change to the tips,
 * every minute, and when pressed; its icon and tooltip say how the last sync went (synced
 * at a time, conflicts to resolve, or why it failed). The sync runs on a worker thread
 * holding the context (the store's connection is not shared: the window writes no
 * draft meanwhile, and a lock or close waits for it); never two at once. */

#define SYNC_EVERY_S 60
#define AFTER_CHANGE_MS 3000

struct _TlSyncIndicator
{
  GtkButton parent_instance;

  TlContext *context;
  TlStore *store;
  gulong changed_id;
  guint timer;
  guint soon;
  gboolean syncing;
  GCancellable *cancellable;
  char *state;
};

G_DEFINE_FINAL_TYPE (TlSyncIndicator, tl_sync_indicator, GTK_TYPE_BUTTON)

static void
show_state (TlSyncIndicator *self,
            const char      *icon,
            const char      *state,
            gboolean         warning)
{
  g_free (self->state);
  self->state = g_strdup (state);
  gtk_button_set_icon_name (GTK_BUTTON (self), icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state, -1);
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
}

static void
update (TlSyncIndicator *self)
{
  TlOfficeStatus status;
  gboolean set_up;

  /* A worker thread has the store's connection (an import, a backup): not now. */
  if (tl_context_is_busy (self->context))
    return;
  set_up = tl_store_is_unlocked (self->store) && tl_office_is_set_up (self->store);

  gtk_widget_set_visible (GTK_WIDGET (self), set_up);
  if (!set_up || !tl_office_get_status (self->store, &status, NULL))
    return;
  if (!status.member)
    show_state (self, "emblem-synchronizing-symbolic",
                _("Office sync: waiting for a member to let this computer in"), FALSE);
  else if (status.conflicts > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Office sync: %u conflict to resolve in Preferences, Office",
                                                            "Office sync: %u conflicts to resolve in Preferences, Office",
                                                            status.conflicts),
                                               status.conflicts);

      show_state (self, "dialog-warning-symbolic", text, TRUE);
    }
  else if (status.last_sync > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (status.last_sync / 1000);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      /* Translators: %s is a time such as 14:05 */
      g_autofree char *text = g_strdup_printf (_("Office sync: synced at %s"), time);

      show_state (self, "emblem-synchronizing-symbolic", text, FALSE);
    }
  else
    show_state (self, "emblem-synchronizing-symbolic", _("Office sync: not synced yet"), FALSE);
  tl_office_status_clear (&status);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(TlSyncIndicator) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlOfficeSyncResult) result = tl_office_sync_finish (TL_STORE (source), res, &error);

  self->syncing = FALSE;
  tl_context_release (self->context);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;      /* the indicator is gone */
  update (self);
  if (result == NULL)
    {
      /* Translators: %s is a sentence saying what went wrong and what to do */
      g_autofree char *text = g_strdup_printf (_("Office sync failed: %s"), error->message);

      show_state (self, "dialog-warning-symbolic", text, TRUE);
      return;
    }
  if (result->problems->len > 0 && !gtk_widget_has_css_class (GTK_WIDGET (self), "warning"))
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", self->state,
                                               (const char *) g_ptr_array_index (result->problems, 0));

      show_state (self, "dialog-warning-symbolic", text, TRUE);
    }
}

gboolean
tl_sync_indicator_sync (TlSyncIndicator *self)
{
  g_return_val_if_fail (TL_IS_SYNC_INDICATOR (self), FALSE);

  if (self->syncing || tl_context_is_busy (self->context) || !tl_store_is_unlocked (self->store) ||
      !tl_office_is_set_up (self->store))
    {
      update (self);
      return FALSE;
    }
  self->syncing = TRUE;
  tl_context_hold (self->context);
  tl_office_sync_async (self->store, TL_OFFICE_SYNC_DEFAULT, self->cancellable, sync_done_cb,
                        g_object_ref (self));
  return TRUE;
}

gboolean
tl_sync_indicator_is_syncing (TlSyncIndicator *self)
{
  g_return_val_if_fail (TL_IS_SYNC_INDICATOR (self), FALSE);
  return self->syncing;
}

const char *
tl_sync_indicator_get_state (TlSyncIndicator *self)
{
  g_return_val_if_fail (TL_IS_SYNC_INDICATOR (self), NULL);
  return self->state;
}

static gboolean
timer_cb (gpointer user_data)
{
  tl_sync_indicator_sync (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
soon_cb (gpointer user_data)
{
  TlSyncIndicator *self = user_data;

  self->soon = 0;
  tl_sync_indicator_sync (self);
  return G_SOURCE_REMOVE;
}

static void
tips_changed_cb (TlSyncIndicator *self)
{
  /* A sync's own changes come back here too; the sync after them finds nothing new. */
  if (self->syncing)
    return;
  g_clear_handle_id (&self->soon, g_source_remove);
  self->soon = g_timeout_add (AFTER_CHANGE_MS, soon_cb, self);
}

static void
clicked_cb (TlSyncIndicator *self)
{
  tl_sync_indicator_sync (self);
}

static void
tl_sync_indicator_dispose (GObject *object)
{
  TlSyncIndicator *self = (TlSyncIndicator *) object;

  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->soon, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  /* A running sync holds the context until it is done (its callback keeps self). */
  if (!self->syncing)
    g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_sync_indicator_parent_class)->dispose (object);
}

static void
tl_sync_indicator_finalize (GObject *object)
{
  g_free (((TlSyncIndicator *) object)->state);
  g_clear_object (&((TlSyncIndicator *) object)->cancellable);
  g_clear_object (&((TlSyncIndicator *) object)->context);
  G_OBJECT_CLASS (tl_sync_indicator_parent_class)->finalize (object);
}

static void
tl_sync_indicator_class_init (TlSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_sync_indicator_dispose;
  object_class->finalize = tl_sync_indicator_finalize;
}

static void
tl_sync_indicator_init (TlSyncIndicator *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Office Sync"), -1);
  gtk_button_set_icon_name (GTK_BUTTON (self), "emblem-synchronizing-symbolic");
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "clicked", G_CALLBACK (clicked_cb), NULL);
}

GtkWidget *
tl_sync_indicator_new (TlContext *context)
{
  TlSyncIndicator *self = g_object_new (TL_TYPE_SYNC_INDICATOR, NULL);

  self->context = g_object_ref (context);
  self->store = g_object_ref (tl_context_get_store (context));
  self->changed_id = g_signal_connect_swapped (self->store, "tips-changed", G_CALLBACK (tips_changed_cb), self);
  self->timer = g_timeout_add_seconds (SYNC_EVERY_S, timer_cb, self);
  self->soon = g_timeout_add (AFTER_CHANGE_MS, soon_cb, self);   /* the window just opened */
  update (self);
  return GTK_WIDGET (self);
}
