/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-list-section"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-field-set.h"
#include "tl-list-section.h"
#include "tl-tip-editor.h"

/* A repeatable part of the tip: one TlItemRow per item, an add button in the header,
 * and removal that asks nothing but offers Undo in a toast. The widgets are built in
 * code because everything but the row type comes from the TlListKind.
 *
 * Opening another tip refills the rows already built (issue 16): a row is made only
 * when a tip has more items than any shown before, and rows a tip does not need wait
 * outside the group for the next one. Building a victim or offender row from its
 * template for every item of every tip opened was most of an open's stall; the rows a
 * tip needs beyond those at hand are built after the open, one per idle moment, each for
 * the item at its position then, and at once when anything asks for them (a field to
 * focus, a row, an item added). */

struct _TlListSection
{
  TlEditorSection parent_instance;

  const TlListKind *kind;
  AdwPreferencesGroup *group;
  GtkWidget *add_button;
  GtkWidget *empty_row;
  GPtrArray *rows;            /* TlItemRow, in item order; owned by the group */
  GPtrArray *spare;           /* TlItemRow out of the group, empty, for reuse; owned */
  GPtrArray *problems;        /* TlProblem, the last shown, for rows built later; owned */
  guint build_id;             /* builds the rows the tip still lacks */
  AdwToast *undo_toast;       /* weak */
};

G_DEFINE_FINAL_TYPE (TlListSection, tl_list_section, TL_TYPE_EDITOR_SECTION)

/* An item taken out of a tip, kept until its toast goes away. */
typedef struct
{
  GWeakRef section;
  TlTip *tip;
  guint index;
  gpointer item;
  GDestroyNotify item_free;
} Removed;

/* helpers */

static GPtrArray *
get_items (TlListSection *self)
{
  TlTip *tip = tl_editor_section_get_tip (TL_EDITOR_SECTION (self));

  if (tip == NULL)
    return NULL;
  return *(GPtrArray **) ((guint8 *) tip + self->kind->offset);
}

/* The formats come from the TlListKind tables ("Victim %u"); msgfmt checks their
 * translations as c-format, which the compiler cannot do through a pointer. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
update_labels (TlListSection *self)
{
  GPtrArray *items = get_items (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *title = g_strdup_printf (_(self->kind->item_title), i + 1);
      g_autofree char *remove = g_strdup_printf (_(self->kind->remove_label), i + 1);

      tl_item_row_set_labels (g_ptr_array_index (self->rows, i), title, remove);
    }
  gtk_widget_set_visible (self->empty_row, items == NULL || items->len == 0);
}
#pragma GCC diagnostic pop

static void row_changed_cb          (TlListSection *self);
static void row_remove_requested_cb (TlListSection *self,
                                     TlItemRow     *row);

static void
show_row_problems (TlListSection *self,
                   guint          index)
{
  g_autofree char *prefix = g_strdup_printf ("%s/%u/", self->kind->key, index);

  tl_item_row_show_problems (g_ptr_array_index (self->rows, index), prefix, self->problems);
}

/* An empty row out of the group, for append_row(); owned by the caller. */
static TlItemRow *
make_row (TlListSection *self)
{
  TlItemRow *row = g_object_ref_sink (g_object_new (self->kind->row_get_type (), NULL));

  g_signal_connect_swapped (row, "changed", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (row, "remove-requested",
                            G_CALLBACK (row_remove_requested_cb), self);
  return row;
}

static TlItemRow *
append_row (TlListSection *self,
            gpointer       item)
{
  TlItemRow *row;

  row = self->spare->len > 0 ? g_ptr_array_steal_index (self->spare, self->spare->len - 1)
                             : make_row (self);
  tl_item_row_set_record (row, item);
  /* our reference passes to the group's */
  adw_preferences_group_add (self->group, GTK_WIDGET (row));
  g_object_unref (row);
  g_ptr_array_add (self->rows, row);
  show_row_problems (self, self->rows->len - 1);
  return row;
}

/* Takes the rows from the index on out of the group, empty, and keeps them. */
static void
set_aside_rows (TlListSection *self,
                guint          from)
{
  while (self->rows->len > from)
    {
      TlItemRow *row = g_ptr_array_steal_index (self->rows, self->rows->len - 1);

      /* Empty it first: the row may live on a little in the accessibility tree. */
      tl_item_row_set_record (row, NULL);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
      g_ptr_array_add (self->spare, g_object_ref (row));
      adw_preferences_group_remove (self->group, GTK_WIDGET (row));
    }
}

/* Appends rows for the items that have none: all of them, or with @at_hand_only those
 * a spare row is there for. FALSE while items are left without a row. */
static gboolean
append_missing_rows (TlListSection *self,
                     gboolean       at_hand_only)
{
  GPtrArray *items = get_items (self);
  guint n = items != NULL ? items->len : 0;

  while (self->rows->len < n && (!at_hand_only || self->spare->len > 0))
    append_row (self, g_ptr_array_index (items, self->rows->len));
  update_labels (self);
  return self->rows->len >= n;
}

/* The rows the tip still lacks, now: for whoever is about to use them. */
static void
ensure_rows (TlListSection *self)
{
  if (self->build_id == 0)
    return;
  g_clear_handle_id (&self->build_id, g_source_remove);
  append_missing_rows (self, FALSE);
}

static gboolean
build_row_cb (gpointer user_data)
{
  TlListSection *self = user_data;
  GPtrArray *items = get_items (self);

  if (items != NULL && self->rows->len < items->len)
    append_row (self, g_ptr_array_index (items, self->rows->len));
  update_labels (self);
  if (items != NULL && self->rows->len < items->len)
    return G_SOURCE_CONTINUE;
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

/* The rows show the items of the tip, in order: the rows there are refilled, and the
 * ones missing are taken from the spares or made, with @later after this main-loop
 * iteration, one per idle moment. Every row starts closed, as a new one would. */
static void
rebuild_rows (TlListSection *self,
              gboolean       later)
{
  GPtrArray *items = get_items (self);
  guint n = items != NULL ? items->len : 0;

  g_clear_handle_id (&self->build_id, g_source_remove);
  set_aside_rows (self, n);
  for (guint i = 0; i < self->rows->len; i++)
    {
      TlItemRow *row = g_ptr_array_index (self->rows, i);

      tl_item_row_set_record (row, g_ptr_array_index (items, i));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
    }
  /* Above the window's redraw: a window that redraws all the time (an animation) would
   * otherwise leave the rows unbuilt; each row still is a main-loop iteration of its own. */
  if (!append_missing_rows (self, later))
    self->build_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, build_row_cb, self, NULL);
}

static void
removed_free (Removed *removed)
{
  g_weak_ref_clear (&removed->section);
  g_clear_pointer (&removed->tip, tl_tip_unref);
  if (removed->item != NULL)
    removed->item_free (removed->item);
  g_free (removed);
}

/* callbacks */

static void
row_changed_cb (TlListSection *self)
{
  tl_editor_section_changed (TL_EDITOR_SECTION (self));
}

static void
undo_clicked_cb (Removed *removed)
{
  g_autoptr(TlListSection) self = g_weak_ref_get (&removed->section);
  GPtrArray *items;

  /* After the editor moved to another tip (or locked), the item has nowhere to go. */
  if (self == NULL || tl_editor_section_get_tip (TL_EDITOR_SECTION (self)) != removed->tip)
    return;

  items = get_items (self);
  g_ptr_array_insert (items, (int) MIN (removed->index, items->len), removed->item);
  removed->item = NULL;
  rebuild_rows (self, FALSE);
  tl_editor_section_changed (TL_EDITOR_SECTION (self));
}

static void
row_remove_requested_cb (TlListSection *self,
                         TlItemRow     *row)
{
  GPtrArray *items = get_items (self);
  GtkWidget *overlay;
  Removed *removed;
  guint index;

  if (items == NULL || !g_ptr_array_find (self->rows, row, &index))
    return;

  removed = g_new0 (Removed, 1);
  g_weak_ref_init (&removed->section, self);
  removed->tip = tl_tip_ref (tl_editor_section_get_tip (TL_EDITOR_SECTION (self)));
  removed->index = index;
  removed->item = g_ptr_array_steal_index (items, index);
  removed->item_free = self->kind->item_free;

  tl_item_row_set_record (row, NULL);
  adw_preferences_group_remove (self->group, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->rows, index);
  update_labels (self);
  tl_editor_section_changed (TL_EDITOR_SECTION (self));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (_(self->kind->removed_toast));

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_swapped (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), removed);
      g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (removed_free), removed);
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
      g_set_weak_pointer (&self->undo_toast, toast);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    removed_free (removed);

  /* Keep the keyboard in the list: on the next row, or on the add button. */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1)));
  else
    gtk_widget_grab_focus (self->add_button);
}

static void
add_clicked_cb (TlListSection *self)
{
  tl_list_section_add_item (self);
}

/* overrides */

static void
tl_list_section_fill (TlEditorSection *section,
                      TlTip           *tip)
{
  TlListSection *self = TL_LIST_SECTION (section);

  /* An Undo from the previous tip must not outlive it. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  rebuild_rows (self, TRUE);
  gtk_widget_set_sensitive (self->add_button, tip != NULL);
}

static void
tl_list_section_show_problems (TlEditorSection *section,
                               GPtrArray       *problems)
{
  TlListSection *self = TL_LIST_SECTION (section);

  if (problems != NULL)
    g_ptr_array_ref (problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;
  for (guint i = 0; i < self->rows->len; i++)
    show_row_problems (self, i);
}

static gboolean
tl_list_section_focus_field (TlEditorSection *section,
                             const char      *path)
{
  TlListSection *self = TL_LIST_SECTION (section);
  gsize key_len = strlen (self->kind->key);
  const char *rest;
  char *end;
  guint64 index;

  if (strncmp (path, self->kind->key, key_len) != 0)
    return FALSE;

  ensure_rows (self);
  rest = path + key_len;
  if (*rest == '\0')
    {
      if (self->rows->len > 0)
        return tl_item_row_focus_field (g_ptr_array_index (self->rows, 0), NULL);
      return gtk_widget_grab_focus (self->add_button);
    }
  if (*rest != '/')
    return FALSE;

  index = g_ascii_strtoull (rest + 1, &end, 10);
  if (end == rest + 1 || index >= self->rows->len || (*end != '\0' && *end != '/'))
    return FALSE;

  return tl_item_row_focus_field (g_ptr_array_index (self->rows, index),
                                  *end == '/' ? end + 1 : NULL);
}

static void
tl_list_section_dispose (GObject *object)
{
  TlListSection *self = TL_LIST_SECTION (object);

  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->spare, g_ptr_array_unref);

  G_OBJECT_CLASS (tl_list_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_list_section_class_init (TlListSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlEditorSectionClass *section_class = TL_EDITOR_SECTION_CLASS (klass);

  object_class->dispose = tl_list_section_dispose;
  section_class->fill = tl_list_section_fill;
  section_class->show_problems = tl_list_section_show_problems;
  section_class->focus_field = tl_list_section_focus_field;
}

static void
tl_list_section_init (TlListSection *self)
{
  self->rows = g_ptr_array_new ();
  self->spare = g_ptr_array_new_with_free_func (g_object_unref);
}

/* public API */

GtkWidget *
tl_list_section_new (const TlListKind *kind)
{
  TlListSection *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (TL_TYPE_LIST_SECTION, NULL);
  self->kind = kind;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _(kind->title));
  if (kind->description != NULL)
    adw_preferences_group_set_description (self->group, _(kind->description));

  self->add_button = g_object_new (GTK_TYPE_BUTTON,
                                   "child", g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                                          "icon-name", "list-add-symbolic",
                                                          "label", _(kind->add_label),
                                                          "use-underline", TRUE,
                                                          NULL),
                                   "valign", GTK_ALIGN_CENTER,
                                   "sensitive", FALSE,
                                   NULL);
  gtk_widget_add_css_class (self->add_button, "flat");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  tl_button_click_at_once (self->add_button);
  adw_preferences_group_set_header_suffix (self->group, self->add_button);

  self->empty_row = g_object_new (ADW_TYPE_ACTION_ROW,
                                  "title", _(kind->empty_label),
                                  "activatable", FALSE,
                                  NULL);
  gtk_widget_add_css_class (self->empty_row, "dim-label");
  adw_preferences_group_add (self->group, self->empty_row);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  return GTK_WIDGET (self);
}

guint
tl_list_section_get_n_rows (TlListSection *self)
{
  g_return_val_if_fail (TL_IS_LIST_SECTION (self), 0);

  ensure_rows (self);
  return self->rows->len;
}

TlItemRow *
tl_list_section_get_row (TlListSection *self,
                         guint          index)
{
  g_return_val_if_fail (TL_IS_LIST_SECTION (self), NULL);

  ensure_rows (self);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}

/**
 * tl_list_section_prepare_row:
 * @n_rows: how many rows the section should have at hand, shown or spare
 *
 * Builds one spare row if the section has fewer than @n_rows. Building a row from its
 * template is most of what opening a tip with more victims than any before cost (up to
 * 490 ms under load, issue 16); the editor builds them ahead, one per idle moment.
 *
 * Returns: whether a row was built
 */
gboolean
tl_list_section_prepare_row (TlListSection *self,
                             guint          n_rows)
{
  g_return_val_if_fail (TL_IS_LIST_SECTION (self), FALSE);

  if (self->rows->len + self->spare->len >= n_rows)
    return FALSE;
  g_ptr_array_add (self->spare, make_row (self));
  return TRUE;
}

/* How many rows the section has built, shown or spare. */
guint
tl_list_section_get_n_rows_at_hand (TlListSection *self)
{
  g_return_val_if_fail (TL_IS_LIST_SECTION (self), 0);

  return self->rows->len + self->spare->len;
}

/* Adds an empty item to the tip, opens its row and puts the keyboard in it. */
void
tl_list_section_add_item (TlListSection *self)
{
  g_autofree char *path = NULL;
  GtkWidget *editor;
  GPtrArray *items;
  gpointer item;
  TlItemRow *row;

  g_return_if_fail (TL_IS_LIST_SECTION (self));

  items = get_items (self);
  if (items == NULL)
    return;

  ensure_rows (self);
  item = self->kind->item_new ();
  g_ptr_array_add (items, item);
  row = append_row (self, item);
  update_labels (self);

  /* In the editor, through it, so that the new row also scrolls into view. */
  editor = gtk_widget_get_ancestor (GTK_WIDGET (self), TL_TYPE_TIP_EDITOR);
  path = g_strdup_printf ("%s/%u", self->kind->key, self->rows->len - 1);
  if (editor == NULL || !tl_tip_editor_focus_field (TL_TIP_EDITOR (editor), path))
    tl_item_row_focus_field (row, NULL);
  tl_editor_section_changed (TL_EDITOR_SECTION (self));
}
