/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-field-set.h"
#include "tl-tip-item.h"
#include "tl-tip-list-row.h"
#include "tl-window-private.h"

/* How long one idle step of marks along the list may take. */
#define MARK_LIST_STEP_US 3000

/* The tip list: its rows, selection, search and filters. Choosing a row loads the tip
 * into the editor and records the view in the audit log (in selection mode, a row is
 * marked instead: tl-window-select.c). */

/* Positions in the filter drop-downs of tl-window.ui. */
enum {
  RECEIVED_ANY,
  RECEIVED_TODAY,
  RECEIVED_WEEK,
  RECEIVED_MONTH,
  RECEIVED_YEAR,
};

static const TlTraffickingType type_choices[] = {
  0, TL_TRAFFICKING_SEX, TL_TRAFFICKING_LABOR, TL_TRAFFICKING_BOTH, TL_TRAFFICKING_UNKNOWN,
};

static const TlTipStatus status_choices[] = {
  0, TL_TIP_STATUS_DRAFT, TL_TIP_STATUS_OPEN, TL_TIP_STATUS_REFERRED, TL_TIP_STATUS_CLOSED,
};

/* helpers */

static void
update_list_page (TlWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean searching = gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';
  gboolean filtering = gtk_drop_down_get_selected (self->status_dropdown) != 0 ||
                       gtk_drop_down_get_selected (self->type_dropdown) != 0 ||
                       gtk_drop_down_get_selected (self->received_dropdown) != 0 ||
                       gtk_check_button_get_active (self->overdue_check);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (searching || filtering)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");

  if (filtering)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static gint64
received_from (guint choice)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) from = NULL;

  today = g_date_time_new_local (g_date_time_get_year (now),
                                 g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now),
                                 0, 0, 0);
  switch (choice)
    {
    case RECEIVED_TODAY:
      from = g_date_time_ref (today);
      break;
    case RECEIVED_WEEK:
      from = g_date_time_add_days (today, -6);
      break;
    case RECEIVED_MONTH:
      from = g_date_time_add_days (today, -29);
      break;
    case RECEIVED_YEAR:
      from = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
      break;
    case RECEIVED_ANY:
    default:
      return 0;
    }

  return g_date_time_to_unix (from);
}

static void
load_selected_tip (TlWindow  *self,
                   TlTipItem *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = NULL;
  const char *id = tl_tip_item_get_id (item);
  TlTip *current = tl_tip_editor_get_tip (self->editor);

  if (id == NULL || (current != NULL && g_strcmp0 (current->id, id) == 0))
    return;

  tip = tl_store_load_tip (self->store, id, &error);
  if (tip == NULL)
    {
      _tl_window_show_error (self, _("The Tip Could Not Be Opened"), error);
      return;
    }

  if (!tl_store_audit (self->store, TL_AUDIT_VIEW, id, &error))
    g_warning ("Could not record a view in the audit log: %s", error->message);

  _tl_window_open_tip (self, tip, FALSE);
}

/* callbacks */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TlWindow                 *self)
{
  GtkWidget *row = tl_tip_list_row_new ();

  gtk_list_item_set_child (list_item, row);
  _tl_window_select_row_setup (self, TL_TIP_LIST_ROW (row));
}


/* No unbind: a row keeps showing its tip until it is bound to another (an unbound row
 * is not on screen), so the unbind and bind GTK 4.8 makes for every row after a change
 * in the list cost nothing when the row gets its own item back
 * (tl_tip_list_row_set_item). */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TlWindow                 *self)
{
  TlTipListRow *row = TL_TIP_LIST_ROW (gtk_list_item_get_child (list_item));

  tl_tip_list_row_set_item (row, gtk_list_item_get_item (list_item));
  _tl_window_select_row_bound (self, row);
}

static void
selection_changed_cb (TlWindow           *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  TlTipItem *item = gtk_single_selection_get_selected_item (selection);

  if (item != NULL)
    load_selected_tip (self, item);
}

static void
list_activated_cb (TlWindow    *self,
                   guint        position,
                   GtkListView *list_view)
{
  if (_tl_window_select_activated (self, position))
    return;
  /* Activating the row already shown (folded window): go to the editor. */
  gtk_single_selection_set_selected (self->selection, position);
  if (tl_tip_editor_get_tip (self->editor) != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* One step of marks along the list (tl_store_mark_list()), so a jump deep into a long
 * list reads from the nearest mark (issue 16). A few milliseconds at a time, when the
 * window has nothing else to do, and never while a worker thread holds the store. */
static gboolean
mark_list_cb (gpointer user_data)
{
  TlWindow *self = user_data;

  if (tl_context_is_busy (self->context) || !tl_store_mark_list (self->store, MARK_LIST_STEP_US))
    {
      self->mark_list_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
items_changed_cb (TlWindow *self)
{
  update_list_page (self);
  _tl_window_list_mark_soon (self);
}

static void
search_changed_cb (TlWindow       *self,
                   GtkSearchEntry *entry)
{
  tl_tip_list_model_set_query (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_list_page (self);
}

/* Enter in the search: with exactly one tip found, open it and go to the form. */
static void
search_activated_cb (TlWindow       *self,
                     GtkSearchEntry *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) != 1)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  if (tl_tip_editor_get_tip (self->editor) == NULL)
    return;
  adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
  tl_tip_editor_focus_field (self->editor, "situation");
}

static void
search_stopped_cb (TlWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
filter_changed_cb (TlWindow *self)
{
  TlTipFilter filter = { 0 };
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  guint received = gtk_drop_down_get_selected (self->received_dropdown);

  if (status > 0 && status < G_N_ELEMENTS (status_choices))
    {
      filter.by_status = TRUE;
      filter.status = status_choices[status];
    }
  if (type > 0 && type < G_N_ELEMENTS (type_choices))
    {
      filter.by_type = TRUE;
      filter.type = type_choices[type];
    }
  filter.received_from = received_from (received);
  if (gtk_check_button_get_active (self->overdue_check))
    filter.overdue_before = g_get_real_time () / G_USEC_PER_SEC;

  tl_tip_list_model_set_filter (self->model, &filter);
  update_list_page (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->received_dropdown, 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_menu_button_popdown (self->filter_button);
}

/* private API */

void
_tl_window_class_init_list (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
}

void
_tl_window_init_list (TlWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);

  tl_dropdown_focus_selected (GTK_WIDGET (self->status_dropdown));
  tl_dropdown_focus_selected (GTK_WIDGET (self->type_dropdown));
  tl_dropdown_focus_selected (GTK_WIDGET (self->received_dropdown));

  self->growing = tl_growing_list_model_new (G_LIST_MODEL (self->model), GTK_WIDGET (self->list_view));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->growing)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_single_click_activate (self->list_view, FALSE);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (list_activated_cb), self, G_CONNECT_SWAPPED);

  update_list_page (self);
  _tl_window_init_select (self);
}

/* Rows looked through for a tip to mark: a saved or restored tip is among the most
 * recently modified, so near the top; the list reads pages on demand. */
#define SELECT_LOOKUP_ROWS 200

static guint
find_position (TlWindow   *self,
               const char *tip_id)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->model)), SELECT_LOOKUP_ROWS);

  for (guint i = 0; tip_id != NULL && i < n; i++)
    {
      g_autoptr(TlTipItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (item != NULL && g_strcmp0 (tl_tip_item_get_id (item), tip_id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/**
 * _tl_window_list_select_tip:
 * @tip_id: (nullable): the tip to mark in the list, or %NULL to unselect
 *
 * Marks a tip in the list without loading it again. When a search or a filter hides
 * it (a tip saved while searching for another), the search and filters are cleared:
 * the tip the advocate works on stays in sight.
 */
void
_tl_window_list_select_tip (TlWindow   *self,
                            const char *tip_id)
{
  guint position = find_position (self, tip_id);

  if (tip_id != NULL && position == GTK_INVALID_LIST_POSITION &&
      (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0' ||
       gtk_drop_down_get_selected (self->status_dropdown) != 0 ||
       gtk_drop_down_get_selected (self->type_dropdown) != 0 ||
       gtk_drop_down_get_selected (self->received_dropdown) != 0 ||
       gtk_check_button_get_active (self->overdue_check)))
    {
      gtk_check_button_set_active (self->overdue_check, FALSE);
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      gtk_drop_down_set_selected (self->type_dropdown, 0);
      gtk_drop_down_set_selected (self->received_dropdown, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      tl_tip_list_model_set_query (self->model, NULL);
      filter_changed_cb (self);
      position = find_position (self, tip_id);
    }

  /* Just after a reset the list may not show that far yet. */
  if (position != GTK_INVALID_LIST_POSITION)
    tl_growing_list_model_show_all (self->growing);
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
}

/* On lock: forget the search and every row read from the store. */
void
_tl_window_list_clear (TlWindow *self)
{
  _tl_window_select_leave (self);
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  tl_tip_list_model_set_query (self->model, NULL);
  tl_tip_list_model_set_store (self->model, NULL);
  update_list_page (self);
  g_clear_handle_id (&self->mark_list_source, g_source_remove);
}

/* After a change to the tips, at unlock, and when a worker gives the store back. */
void
_tl_window_list_mark_soon (TlWindow *self)
{
  if (self->mark_list_source == 0 && tl_store_is_unlocked (self->store))
    self->mark_list_source = g_idle_add_full (G_PRIORITY_LOW, mark_list_cb, self, NULL);
}
