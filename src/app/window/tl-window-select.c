/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window-select"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-export-dialog.h"
#include "tl-tip-item.h"
#include "tl-window-private.h"

/* Selection mode of the tip list: several tips sealed into one bundle for an agency
 * (a task force's set of related tips; docs/bundles.md). Seal Several Tips… in the
 * main menu, or Ctrl+click on a row, starts it; a click, Enter or Space on a row marks
 * or unmarks the tip, the search and filters still narrow the list, and the action bar
 * shows the count and Seal for Agency…, which opens the export dialog for those tips.
 * Escape or Cancel leaves. The tips chosen are kept by id, so the list may reload
 * under them. */

/* helpers */

static gboolean
is_chosen (TlWindow   *self,
           const char *tip_id)
{
  guint index;

  return tip_id != NULL &&
         g_ptr_array_find_with_equal_func (self->chosen_ids, tip_id, g_str_equal, &index);
}

static void
update_rows (TlWindow *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      TlTipListRow *row = g_ptr_array_index (self->list_rows, i);

      tl_tip_list_row_set_check (row, self->selecting,
                                 is_chosen (self, tl_tip_list_row_get_tip_id (row)));
    }
}

static void
update_bar (TlWindow *self)
{
  guint n = self->chosen_ids->len;
  g_autofree char *count = NULL;

  if (n == 0)
    count = g_strdup (_("No tips selected"));
  else
    /* Translators: in the action bar of the tip list's selection mode */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tip selected", "%u tips selected", n), n);
  gtk_label_set_label (self->select_count_label, count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.seal-selected", self->selecting && n > 0);
}

static void
toggle (TlWindow   *self,
        const char *tip_id)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (self->chosen_ids, tip_id, g_str_equal, &index))
    g_ptr_array_remove_index (self->chosen_ids, index);
  else
    g_ptr_array_add (self->chosen_ids, g_strdup (tip_id));
  update_rows (self);
  update_bar (self);
}

static void
enter (TlWindow *self)
{
  if (self->selecting || self->list_view == NULL)
    return;

  self->selecting = TRUE;
  if (self->no_selection == NULL)
    self->no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->growing)));
  /* No row is "the open tip" now: a click marks the tip rather than opening it. */
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->no_selection));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);

  gtk_widget_set_visible (self->list_start_box, FALSE);
  gtk_widget_set_visible (self->main_menu_button, FALSE);
  gtk_widget_set_visible (self->select_cancel_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->select_bar), TRUE);
  gtk_action_bar_set_revealed (self->select_bar, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-selection", TRUE);

  update_rows (self);
  update_bar (self);
  _tl_window_update_actions (self);
  /* Leaving the list would leave the tips where the keyboard marks them. */
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* The row under a click on the list, or NULL. */
static TlTipListRow *
row_at (TlWindow *self,
        double    x,
        double    y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);

  if (picked == NULL)
    return NULL;
  if (TL_IS_TIP_LIST_ROW (picked))
    return TL_TIP_LIST_ROW (picked);
  if (gtk_widget_get_first_child (picked) != NULL && TL_IS_TIP_LIST_ROW (gtk_widget_get_first_child (picked)))
    return TL_TIP_LIST_ROW (gtk_widget_get_first_child (picked));   /* the list item itself */
  return (TlTipListRow *) gtk_widget_get_ancestor (picked, TL_TYPE_TIP_LIST_ROW);
}

static void
sealed_cb (TlWindow       *self,
           const char     *path,
           TlExportDialog *dialog)
{
  g_autofree char *name = g_filename_display_basename (path);
  guint n = tl_export_dialog_get_n_tips (dialog);
  /* Translators: a toast; %u is how many tips, %s the file name (tipline-20261206.tlbundle) */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u tip sealed in %s",
                                                         "%u tips sealed in %s", n),
                                            n, name);

  _tl_window_select_leave (self);
  _tl_window_show_toast (self, title);
}

static void
open_seal_dialog (TlWindow *self)
{
  g_autoptr(GError) error = NULL;
  TlExportDialog *dialog;

  if (self->chosen_ids->len == 0 || !tl_store_is_unlocked (self->store))
    return;
  dialog = tl_export_dialog_new_for_tips (GTK_WINDOW (self), self->context, self->chosen_ids, &error);
  if (dialog == NULL)
    {
      _tl_window_show_error (self, _("The Tips Could Not Be Sealed"), error);
      return;
    }
  g_signal_connect_object (dialog, "exported", G_CALLBACK (sealed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* callbacks */

/* Ctrl+click, as in a file manager: starts selection mode with that tip marked. */
static void
list_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TlWindow        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  TlTipListRow *row;
  const char *tip_id;

  if (self->selecting || !(state & GDK_CONTROL_MASK) || !tl_store_is_unlocked (self->store))
    return;
  row = row_at (self, x, y);
  tip_id = row != NULL ? tl_tip_list_row_get_tip_id (row) : NULL;
  if (tip_id == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  enter (self);
  toggle (self, tip_id);
}

static void
save_first_response_cb (AdwMessageDialog *message,
                        const char       *response,
                        TlWindow         *self)
{
  if (!g_str_equal (response, "save"))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.save-tip", NULL);
  /* The save shows its own error when it fails; then there is nothing to seal. */
  if (!self->unsaved)
    open_seal_dialog (self);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TlWindow *self = TL_WINDOW (user_data);

  if (!self->selecting)
    return FALSE;   /* the key goes on to whoever else wants it */
  _tl_window_select_leave (self);
  return TRUE;
}

/* Space marks the tip whose row has the keyboard, as Enter does: the list's own Space
 * selects, which means nothing here. */
static gboolean
space_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  TlWindow *self = TL_WINDOW (user_data);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *child = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;
  const char *tip_id;

  if (!self->selecting || child == NULL || !TL_IS_TIP_LIST_ROW (child))
    return FALSE;
  tip_id = tl_tip_list_row_get_tip_id (TL_TIP_LIST_ROW (child));
  if (tip_id == NULL)
    return FALSE;
  toggle (self, tip_id);
  return TRUE;
}

/* actions */

static void
select_tips_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  enter (TL_WINDOW (widget));
}

static void
leave_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _tl_window_select_leave (TL_WINDOW (widget));
}

/* A bundle carries what the store holds, as a single export does: edits to the open
 * tip, when it is among those chosen, are saved first with the advocate's say. */
static void
seal_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlTip *open = self->editor != NULL ? tl_tip_editor_get_tip (self->editor) : NULL;

  if (open == NULL || !self->unsaved || !is_chosen (self, open->id))
    {
      open_seal_dialog (self);
      return;
    }

  _tl_window_ask_save_first (self, G_CALLBACK (save_first_response_cb));
}

/* private API */

void
_tl_window_class_init_select (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.select-tips", NULL, select_tips_action);
  gtk_widget_class_install_action (widget_class, "win.leave-selection", NULL, leave_selection_action);
  gtk_widget_class_install_action (widget_class, "win.seal-selected", NULL, seal_selected_action);
}

/* Once the main page is built. */
void
_tl_window_init_select (TlWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkEventController *space;

  self->chosen_ids = g_ptr_array_new_with_free_func (g_free);
  self->list_rows = g_ptr_array_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (list_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  /* On the list's pane, not the window: Escape elsewhere (the editor, a search) keeps
   * its own meaning, and a callback that declines lets the key go on. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, self, NULL)));
  gtk_widget_add_controller (self->list_pane, keys);
  /* before the list item's own Space, which would select */
  space = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (space),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                          gtk_callback_action_new (space_cb, self, NULL)));
  gtk_event_controller_set_propagation_phase (space, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (self->list_pane, space);

  update_bar (self);
}

void
_tl_window_select_update_actions (TlWindow *self,
                                  gboolean  unlocked)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-tips", unlocked && !self->selecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-selection", self->selecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.seal-selected",
                                 unlocked && self->selecting && self->chosen_ids != NULL &&
                                 self->chosen_ids->len > 0);
}

static void
row_finalized_cb (gpointer  data,
                  GObject  *row)
{
  TlWindow *self = data;

  g_ptr_array_remove_fast (self->list_rows, row);
}

/* A row made by the list's factory: kept to show its mark until it goes (the list
 * drops rows without a teardown when it is destroyed). */
void
_tl_window_select_row_setup (TlWindow     *self,
                             TlTipListRow *row)
{
  if (self->list_rows == NULL)
    return;
  g_ptr_array_add (self->list_rows, row);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
}

void
_tl_window_select_row_bound (TlWindow     *self,
                             TlTipListRow *row)
{
  tl_tip_list_row_set_check (row, self->selecting, is_chosen (self, tl_tip_list_row_get_tip_id (row)));
}

/**
 * _tl_window_select_activated:
 *
 * A row clicked or Enter on it. Returns: TRUE when selection mode took it (the tip is
 * marked or unmarked, not opened)
 */
gboolean
_tl_window_select_activated (TlWindow *self,
                             guint     position)
{
  g_autoptr(TlTipItem) item = NULL;

  if (!self->selecting)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item != NULL && tl_tip_item_get_id (item) != NULL)
    toggle (self, tl_tip_item_get_id (item));
  return TRUE;
}

/* Back to the list as it was, the open tip marked again; forgets the tips chosen (also
 * on lock: no tip id stays behind). */
void
_tl_window_select_leave (TlWindow *self)
{
  TlTip *open;

  if (self->chosen_ids != NULL)
    g_ptr_array_set_size (self->chosen_ids, 0);
  if (!self->selecting)
    return;

  self->selecting = FALSE;
  gtk_list_view_set_single_click_activate (self->list_view, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_widget_set_visible (self->list_start_box, TRUE);
  gtk_widget_set_visible (self->main_menu_button, TRUE);
  gtk_widget_set_visible (self->select_cancel_button, FALSE);
  gtk_action_bar_set_revealed (self->select_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->select_bar), FALSE);

  update_rows (self);
  update_bar (self);
  _tl_window_update_actions (self);

  open = tl_tip_editor_get_tip (self->editor);
  if (open != NULL)
    _tl_window_list_select_tip (self, open->id);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* The tips chosen, in the order chosen (for tests). */
GPtrArray *
_tl_window_select_get_chosen (TlWindow *self)
{
  return self->chosen_ids;
}

void
_tl_window_select_dispose (TlWindow *self)
{
  for (guint i = 0; self->list_rows != NULL && i < self->list_rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->list_rows, i), row_finalized_cb, self);
  g_clear_pointer (&self->chosen_ids, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_object (&self->no_selection);
}
