/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-sync-indicator.h"
#include "tl-follow-up-proposals.h"
#include "tl-safety-plan-row.h"
#include "tl-tip-rules.h"
#include "tl-window-private.h"

/* The main window. It shows one of three pages: create (first run), unlock, or the
 * tips themselves (list | editor | side pane in a leaflet). Locking swaps back to the
 * unlock page and lets go of everything that held tip data before the store is locked.
 * Actions live in tl-window-actions.c, the list and its filters in tl-window-list.c.
 *
 * The tips page (tl-window-main.ui) is built on first unlock, not at start-up: the
 * first frame only shows the create or unlock page, and building the list, the whole
 * tip editor and the routing panel before it made start-up 1.8 times as long as an
 * empty window's (BENCHMARKS.md). Once built it stays; locking empties it as before. */

G_DEFINE_FINAL_TYPE (TlWindow, tl_window, ADW_TYPE_APPLICATION_WINDOW)

/* The template's callbacks, shared with the builder of the main page. */
static GtkBuilderScope *window_scope;

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void offer_next_draft (TlWindow *self);
static void build_main_page (TlWindow *self);

/* helpers */

static gboolean
is_unlocked (TlWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0;
}

static void
stop_idle_timer (TlWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
}

static gboolean
idle_check_cb (gpointer user_data)
{
  TlWindow *self = user_data;
  guint minutes = g_settings_get_uint (self->settings, "auto-lock-delay");
  gint64 delay = (gint64) minutes * 60 * G_USEC_PER_SEC;
  gint64 idle = g_get_monotonic_time () - self->last_activity;

  self->idle_source = 0;

  if (minutes == 0 || !is_unlocked (self))
    return G_SOURCE_REMOVE;

  if (idle >= delay)
    {
      g_debug ("Locking after %u idle minutes", minutes);
      tl_window_lock (self);
      return G_SOURCE_REMOVE;
    }

  /* Activity only moves a timestamp (cheap on every pointer motion); the timer wakes
   * up when the delay could have passed and looks again. */
  self->idle_source = g_timeout_add_seconds ((guint) ((delay - idle) / G_USEC_PER_SEC) + 1,
                                             idle_check_cb, self);
  return G_SOURCE_REMOVE;
}

static void
start_idle_timer (TlWindow *self)
{
  stop_idle_timer (self);
  self->last_activity = g_get_monotonic_time ();
  if (is_unlocked (self) && g_settings_get_uint (self->settings, "auto-lock-delay") > 0)
    idle_check_cb (self);
}

static gboolean
build_ahead_cb (gpointer user_data)
{
  TlWindow *self = user_data;

  self->build_ahead_source = 0;
  build_main_page (self);
  /* and its editor's spare rows, so that a tip opened in the first second after the
   * unlock opens as fast as later ones */
  tl_tip_editor_prepare_ahead (self->editor);
  return G_SOURCE_REMOVE;
}

static gboolean
start_page_drawn_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  TlWindow *self = TL_WINDOW (widget);

  if (self->toast_overlay == NULL && self->build_ahead_source == 0)
    self->build_ahead_source = g_idle_add_full (G_PRIORITY_LOW, build_ahead_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* The main page takes 90 ms to build: once the start page is on screen, and while the
 * advocate types the passphrase, rather than after it (issue 16). Hidden and without a
 * store, it holds nothing of the store, as after a lock. */
static void
build_ahead (TlWindow *self)
{
  if (self->toast_overlay == NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), start_page_drawn_cb, NULL, NULL);
}

static void
show_start_page (TlWindow *self)
{
  build_ahead (self);
  if (tl_store_exists (self->store))
    {
      tl_unlock_page_reset (self->unlock_page);
      gtk_stack_set_visible_child_name (self->stack, "unlock");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "create");
}

static void
load_drafts (TlWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
  self->pending_drafts = tl_store_list_drafts (self->store, &error);
  if (self->pending_drafts == NULL)
    {
      _tl_window_show_error (self, _("Unsaved Tips Could Not Be Read"), error);
      return;
    }
  offer_next_draft (self);
}

/* callbacks */

static void
draft_response_cb (TlWindow        *self,
                   const char      *response,
                   AdwMessageDialog *dialog)
{
  g_autoptr(TlTip) tip = NULL;

  self->drafts_dialog = NULL;
  if (self->pending_drafts == NULL || self->pending_drafts->len == 0)
    return;

  tip = g_ptr_array_steal_index (self->pending_drafts, 0);

  if (g_str_equal (response, "restore"))
    {
      /* The others stay in the store and are offered again next time; the editor
       * holds one tip at a time. */
      _tl_window_open_tip (self, tip, TRUE);
      /* the list marks the restored tip (none for a tip never saved) */
      _tl_window_list_select_tip (self, tip->id);
      g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
      return;
    }

  if (g_str_equal (response, "discard"))
    {
      g_autoptr(GError) error = NULL;

      if (!tl_store_discard_draft (self->store, tip->id, &error))
        _tl_window_show_error (self, _("The Unsaved Tip Could Not Be Discarded"), error);
    }

  offer_next_draft (self);
}

static void
offer_next_draft (TlWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->pending_drafts == NULL || self->pending_drafts->len == 0 || self->drafts_dialog != NULL)
    {
      g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore Unsaved Tip?"),
                                                       _("Tipline closed before this tip was saved. Restore it?")));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  /* Escape keeps the draft for next time rather than throwing it away. */
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (draft_response_cb), self, G_CONNECT_SWAPPED);

  self->drafts_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
store_opened_cb (TlWindow *self)
{
  /* The audit log names the advocate from the label of the passphrase that unlocked
   * (tl-unlock-page.c), not from the preferences. */
  build_main_page (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  tl_tip_list_model_set_store (self->model, self->store);
  gtk_stack_set_visible_child_name (self->editor_stack, "empty");
  _tl_window_update_actions (self);
  start_idle_timer (self);
  _tl_window_links_update (self, TRUE);
  load_drafts (self);
  _tl_window_integrity_opened (self);
  _tl_window_due_update (self, TRUE);
  /* so that the first tip opens as fast as the next (issue 16) */
  tl_tip_editor_prepare_ahead (self->editor);
}

static void
editor_changed_cb (TlWindow *self)
{
  _tl_window_editor_changed (self);
  _tl_window_links_tip_changed (self);
}

static gboolean
activity_cb (TlWindow                *self,
             GdkEvent                *event,
             GtkEventControllerLegacy *controller)
{
  self->last_activity = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

/* A call was logged on the routing panel: add it to the tip under the advocate's name
 * from Preferences (the core decides what it does to the status), then save through
 * the usual path, so the store and its audit log have it. */
static void
referral_logged_cb (TlWindow         *self,
                    const TlReferral *referral)
{
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autofree char *advocate = NULL;

  if (tip == NULL)
    return;

  advocate = g_settings_get_string (self->settings, "advocate-name");
  tl_tip_add_referral (tip, tl_referral_copy (referral), advocate);
  _tl_window_editor_changed (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.save-tip", NULL);
}

/* A referral was moved on in the call log: the core's rule moves it (refusing a move it
 * does not allow, with one sentence), then the tip is saved as after any edit. */
static void
referral_moved_cb (TlWindow   *self,
                   guint       index,
                   int         stage,
                   const char *reason)
{
  TlTip *tip = tl_tip_editor_get_tip (self->editor);
  g_autofree char *advocate = NULL;
  g_autoptr(GError) error = NULL;

  if (tip == NULL)
    return;

  advocate = g_settings_get_string (self->settings, "advocate-name");
  if (!tl_tip_move_referral (tip, index, stage, reason, advocate, NULL, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Referral Was Not Moved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  _tl_window_editor_changed (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.save-tip", NULL);
  /* the call log shows where it stands now */
  tl_routing_panel_set_tip (self->routing_panel, tip);
}

/* The window's buttons go at its right edge: on the side pane when it is beside the
 * editor, on the editor when there is none or the leaflet shows one page at a time. */
static void
update_title_buttons_cb (TlWindow *self)
{
  gboolean side = gtk_widget_get_visible (GTK_WIDGET (self->side_pane)) &&
                  !adw_leaflet_get_folded (self->leaflet);

  adw_header_bar_set_show_end_title_buttons (self->editor_header, !side);
  if (self->routing_panel != NULL)
    tl_routing_panel_set_folded (self->routing_panel, adw_leaflet_get_folded (self->leaflet));
}

/* A worker thread (an import, a backup, a key change) took the store, whose connection
 * is not shared between threads, or gave it back. Taken: write the pending draft now
 * and stop the list reading pages; a lock waits until it is given back. */
static void
busy_changed_cb (TlWindow *self)
{
  if (tl_context_is_busy (self->context))
    {
      _tl_window_flush_autosave (self);
      if (self->list_view != NULL)
        gtk_list_view_set_model (self->list_view, NULL);
      return;
    }

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  _tl_window_list_mark_soon (self);
  if (self->save_pending)
    {
      self->save_pending = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-tip", NULL);
    }
  if (self->close_pending)
    {
      self->close_pending = FALSE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->lock_pending)
    {
      self->lock_pending = FALSE;
      tl_window_lock (self);
    }
}

static void
auto_lock_delay_changed_cb (TlWindow *self)
{
  start_idle_timer (self);
}

/* overrides */

static gboolean
tl_window_close_request (GtkWindow *window)
{
  TlWindow *self = TL_WINDOW (window);

  /* A worker thread (the office sync) has the store: close once it gives it back, so
   * the backup on close still runs. */
  if (tl_context_is_busy (self->context) && tl_store_is_unlocked (self->store))
    {
      self->close_pending = TRUE;
      return TRUE;
    }
  /* Closing keeps unsaved edits as a draft; the next unlock offers them back. */
  _tl_window_flush_autosave (self);
  /* A failed automatic backup keeps the window open and says so. */
  if (!_tl_window_security_closing (self))
    return TRUE;

  return GTK_WINDOW_CLASS (tl_window_parent_class)->close_request (window);
}

static void
tl_window_constructed (GObject *object)
{
  TlWindow *self = (TlWindow *) object;

  G_OBJECT_CLASS (tl_window_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->store = g_object_ref (tl_context_get_store (self->context));
  self->settings = tl_context_get_settings (self->context);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::auto-lock-delay",
                           G_CALLBACK (auto_lock_delay_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::busy",
                           G_CALLBACK (busy_changed_cb), self, G_CONNECT_SWAPPED);

  tl_create_page_set_context (self->create_page, self->context);
  tl_unlock_page_set_context (self->unlock_page, self->context);

  if (tl_store_is_unlocked (self->store))
    store_opened_cb (self);
  else
    show_start_page (self);
}

static void
tl_window_dispose (GObject *object)
{
  TlWindow *self = (TlWindow *) object;

  _tl_window_cancel_autosave (self);
  stop_idle_timer (self);
  g_clear_handle_id (&self->build_ahead_source, g_source_remove);
  g_clear_handle_id (&self->mark_list_source, g_source_remove);
  _tl_window_due_dispose (self);
  _tl_window_select_dispose (self);
  g_weak_ref_set (&self->focus_before_routing, NULL);
  g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
  if (self->stats_window != NULL)
    gtk_window_destroy (self->stats_window);

  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_WINDOW);
  /* The main page went with the stack. */
  self->toast_overlay = NULL;
  self->select_bar = NULL;
  self->select_count_label = NULL;
  self->due_button = NULL;
  self->due_count_label = NULL;
  self->overdue_check = NULL;
  self->leaflet = NULL;
  self->editor = NULL;
  self->routing_panel = NULL;
  self->linked_tips = NULL;
  self->side_pane = NULL;
  self->list_view = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->growing);
  g_clear_object (&self->model);
  /* The settings are the context's, which outlives the window: its bindings and
   * handlers on the window go now. */
  if (self->settings != NULL)
    {
      g_settings_unbind (self, "default-width");
      g_settings_unbind (self, "default-height");
      g_settings_unbind (self, "maximized");
      g_signal_handlers_disconnect_by_data (self->settings, self);
      self->settings = NULL;
    }
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_window_parent_class)->dispose (object);
}

static void
tl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TlWindow *self = TL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TlWindow *self = TL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_window_class_init (TlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tl_window_constructed;
  object_class->dispose = tl_window_dispose;
  object_class->get_property = tl_window_get_property;
  object_class->set_property = tl_window_set_property;

  window_class->close_request = tl_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TL_TYPE_CREATE_PAGE);
  g_type_ensure (TL_TYPE_UNLOCK_PAGE);
  g_type_ensure (TL_TYPE_TIP_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-window.ui");
  /* Every callback bound below (here and in tl-window-*.c) goes into this scope, which
   * build_main_page() gives the main page's builder too. */
  window_scope = gtk_builder_cscope_new ();
  gtk_widget_class_set_template_scope (widget_class, window_scope);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, unlock_page);
  gtk_widget_class_bind_template_callback (widget_class, store_opened_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);

  _tl_window_class_init_actions (widget_class);
  _tl_window_class_init_lifecycle (widget_class);
  _tl_window_class_init_panes (widget_class);
  _tl_window_class_init_list (widget_class);
  _tl_window_class_init_reports (widget_class);
  _tl_window_class_init_links (widget_class);
  _tl_window_class_init_security (widget_class);
  _tl_window_class_init_due (widget_class);
  _tl_window_class_init_handoff (widget_class);
  _tl_window_class_init_select (widget_class);
}

static void
tl_window_init (TlWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* Any key, pointer or touch event in the window counts as someone being there. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "event", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->model = tl_tip_list_model_new ();
  _tl_window_update_actions (self);
}

/* The list, the editor and the side pane: on first unlock (or creation), once. */
static void
build_main_page (TlWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->toast_overlay != NULL)
    return;

  builder = gtk_builder_new ();
  /* Handlers without an object and <lookup> bindings get the window, as in a template. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_set_scope (builder, window_scope);
  if (!gtk_builder_add_from_resource (builder, "/io/github/tipline/Tipline/tl-window-main.ui", &error))
    g_error ("The main page could not be built: %s", error->message);

#define MAIN_CHILD(name) self->name = (gpointer) gtk_builder_get_object (builder, #name)
  MAIN_CHILD (toast_overlay);
  MAIN_CHILD (leaflet);
  MAIN_CHILD (list_pane);
  MAIN_CHILD (editor_pane);
  MAIN_CHILD (filter_button);
  MAIN_CHILD (search_bar);
  MAIN_CHILD (search_entry);
  MAIN_CHILD (list_stack);
  MAIN_CHILD (list_view);
  MAIN_CHILD (status_dropdown);
  MAIN_CHILD (type_dropdown);
  MAIN_CHILD (received_dropdown);
  MAIN_CHILD (editor_header);
  MAIN_CHILD (editor_title);
  MAIN_CHILD (save_button);
  MAIN_CHILD (tip_menu_button);
  MAIN_CHILD (editor_stack);
  MAIN_CHILD (editor);
  MAIN_CHILD (linked_tips);
  MAIN_CHILD (side_separator);
  MAIN_CHILD (side_pane);
  MAIN_CHILD (due_button);
  MAIN_CHILD (due_count_label);
  MAIN_CHILD (overdue_check);
  MAIN_CHILD (list_start_box);
  MAIN_CHILD (main_menu_button);
  MAIN_CHILD (select_cancel_button);
  MAIN_CHILD (select_bar);
  MAIN_CHILD (select_count_label);
#undef MAIN_CHILD
  /* issue 21: the office sync indicator, shown when the store is part of an office */
  adw_header_bar_pack_end (ADW_HEADER_BAR (gtk_builder_get_object (builder, "list_header")),
                           tl_sync_indicator_new (self->context));

  gtk_stack_add_named (self->stack, GTK_WIDGET (self->toast_overlay), "main");

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (update_title_buttons_cb), self, G_CONNECT_SWAPPED);
  self->routing_panel = TL_ROUTING_PANEL (tl_routing_panel_new (self->context));
  tl_routing_panel_set_editor (self->routing_panel, self->editor);
  /* call-back windows are on the office's clock: its default protocol's time zone */
  {
    g_autofree char *protocol = g_settings_get_string (self->settings, "default-protocol");
    g_autoptr(GTimeZone) zone = tl_office_zone (tl_context_get_protocols (self->context), protocol);

    tl_safety_plan_row_set_office_zone (zone);
  }
  g_signal_connect_object (self->routing_panel, "referral-logged",
                           G_CALLBACK (referral_logged_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->routing_panel, "referral-moved",
                           G_CALLBACK (referral_moved_cb), self, G_CONNECT_SWAPPED);
  tl_window_set_side_pane (self, GTK_WIDGET (self->routing_panel));

  _tl_window_init_list (self);
}

/* private API */

void
_tl_window_show_toast (TlWindow   *self,
                       const char *title)
{
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);

  self->toast = adw_toast_new (title);
  g_object_add_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  adw_toast_overlay_add_toast (self->toast_overlay, self->toast);
}

void
_tl_window_show_error (TlWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _tl_window_open_tip:
 * @tip: (nullable): the tip to edit, or %NULL to close the editor
 * @unsaved: whether @tip has edits the store does not have yet (a restored draft)
 */
void
_tl_window_open_tip (TlWindow *self,
                     TlTip    *tip,
                     gboolean  unsaved)
{
  /* Edits to the tip being left are kept as a draft, never dropped. */
  _tl_window_flush_autosave (self);

  self->unsaved = unsaved;
  tl_tip_editor_set_store (self->editor, self->store);
  tl_tip_editor_set_tip (self->editor, tip);
  tl_routing_panel_set_tip (self->routing_panel, tip);
  gtk_stack_set_visible_child_name (self->editor_stack, tip != NULL ? "tip" : "empty");

  if (tip != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  _tl_window_links_update (self, TRUE);
  _tl_window_update_actions (self);
}

void
_tl_window_update_actions (TlWindow *self)
{
  TlTip *tip = self->editor != NULL ? tl_tip_editor_get_tip (self->editor) : NULL;
  gboolean unlocked = is_unlocked (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-tip", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-tip", unlocked && tip != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", unlocked && tip != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report", unlocked && tip != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-tips", unlocked);
  _tl_window_update_lifecycle_actions (self, unlocked ? tip : NULL);
  _tl_window_security_update_actions (self, unlocked);
  _tl_window_due_update_actions (self, unlocked ? tip : NULL);
  _tl_window_select_update_actions (self, unlocked);
  if (self->editor == NULL)
    return;
  gtk_widget_set_visible (self->save_button, tip != NULL);
  gtk_widget_set_visible (self->tip_menu_button, tip != NULL);

  if (tip == NULL)
    {
      adw_window_title_set_title (self->editor_title, "");
      adw_window_title_set_subtitle (self->editor_title, "");
      return;
    }

  adw_window_title_set_title (self->editor_title,
                              tip->status == TL_TIP_STATUS_DRAFT ? _("New Tip") : _("Tip"));
  adw_window_title_set_subtitle (self->editor_title, self->unsaved ? _("Unsaved changes") : "");
}

/* public API */

TlWindow *
tl_window_new (AdwApplication *application,
               TlContext      *context)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);

  return g_object_new (TL_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

TlContext *
tl_window_get_context (TlWindow *self)
{
  g_return_val_if_fail (TL_IS_WINDOW (self), NULL);

  return self->context;
}

TlStore *
tl_window_get_store (TlWindow *self)
{
  g_return_val_if_fail (TL_IS_WINDOW (self), NULL);

  return self->store;
}

/* Shows the unlock page first, so nothing of a tip stays on screen, then lets go of
 * every object that holds tip data, and locks the store last. */
void
tl_window_lock (TlWindow *self)
{
  g_return_if_fail (TL_IS_WINDOW (self));

  if (!is_unlocked (self))
    return;

  /* An import is writing: lock as soon as it is done, never under it. */
  if (tl_context_is_busy (self->context))
    {
      self->lock_pending = TRUE;
      return;
    }

  _tl_window_flush_autosave (self);
  stop_idle_timer (self);

  tl_unlock_page_reset (self->unlock_page);
  gtk_stack_set_visible_child_name (self->stack, "unlock");

  tl_tip_editor_set_tip (self->editor, NULL);
  tl_routing_panel_clear (self->routing_panel);
  gtk_stack_set_visible_child_name (self->editor_stack, "empty");
  self->unsaved = FALSE;

  _tl_window_list_clear (self);
  _tl_window_links_update (self, FALSE);
  _tl_window_due_update (self, FALSE);

  if (self->drafts_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->drafts_dialog));
  self->drafts_dialog = NULL;
  g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  _tl_window_security_lock (self);

  tl_store_lock (self->store);
  _tl_window_update_actions (self);

  /* Letting go of the editor moved the keyboard focus: back into the passphrase. */
  tl_unlock_page_reset (self->unlock_page);
}

/* The slot beside the editor, for the routing panel. */
GtkWidget *
tl_window_get_side_pane (TlWindow *self)
{
  g_return_val_if_fail (TL_IS_WINDOW (self), NULL);

  if (self->side_pane == NULL)
    return NULL;
  return adw_bin_get_child (self->side_pane);
}

/**
 * tl_window_set_side_pane:
 * @child: (nullable): the widget for the pane beside the editor, or %NULL to hide it
 */
void
tl_window_set_side_pane (TlWindow  *self,
                         GtkWidget *child)
{
  g_return_if_fail (TL_IS_WINDOW (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  build_main_page (self);
  adw_bin_set_child (self->side_pane, child);
  gtk_widget_set_visible (GTK_WIDGET (self->side_pane), child != NULL);
  gtk_widget_set_visible (self->side_separator, child != NULL);
  update_title_buttons_cb (self);
}
