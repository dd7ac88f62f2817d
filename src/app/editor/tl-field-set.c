/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-field-set"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-field-set.h"
#include "tl-tip.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_CHOICE,
  FIELD_WIDGET,
} FieldKind;

typedef struct
{
  TlFieldSet *set;
  FieldKind kind;
  GtkWidget *widget;        /* owned by the template that holds it */
  GObject *emitter;         /* the widget, or a text view's buffer; a reference, so
                             * that the handler can be disconnected whatever the
                             * order of disposal */
  gulong handler;
  const char *key;          /* static string */
  gsize offset;
  const TlEnumValue *table;
} Field;

struct _TlFieldSet
{
  GPtrArray *fields;
  gpointer record;
  guint filling;
  TlFieldSetEdited edited;
  gpointer user_data;
};

/* Enum values are stored in the model's structs as C enums, which are ints here. */
G_STATIC_ASSERT (sizeof (TlGender) == sizeof (int));

static char **
field_str (Field *field)
{
  return (char **) ((guint8 *) field->set->record + field->offset);
}

static int *
field_int (Field *field)
{
  return (int *) ((guint8 *) field->set->record + field->offset);
}

static void
field_free (Field *field)
{
  if (field->handler != 0)
    g_signal_handler_disconnect (field->emitter, field->handler);
  g_clear_object (&field->emitter);
  g_free (field);
}

static void
label_like_row (GtkWidget *widget)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (title != NULL && *title != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
}

static Field *
add_field (TlFieldSet        *self,
           FieldKind          kind,
           GtkWidget         *widget,
           const char        *key,
           gsize              offset,
           const TlEnumValue *table)
{
  Field *field = g_new0 (Field, 1);

  field->set = self;
  field->kind = kind;
  field->widget = widget;
  field->key = key;
  field->offset = offset;
  field->table = table;
  g_ptr_array_add (self->fields, field);
  label_like_row (widget);
  return field;
}

static void
text_changed_cb (Field *field)
{
  TlFieldSet *self = field->set;
  g_autofree char *text = NULL;

  if (self->filling > 0 || self->record == NULL)
    return;

  if (GTK_IS_TEXT_VIEW (field->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

  tl_set_str (field_str (field), text);
  if (self->edited != NULL)
    self->edited (self->user_data, field->key);
}

/* Enter in a one-line field moves on to the next one, as on a paper form. */
static void
entry_activated_cb (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

static void
choice_changed_cb (Field *field)
{
  TlFieldSet *self = field->set;

  if (self->filling > 0 || self->record == NULL)
    return;

  *field_int (field) = tl_combo_row_get_enum (ADW_COMBO_ROW (field->widget), field->table);
  if (self->edited != NULL)
    self->edited (self->user_data, field->key);
}

static void
fill_field (Field *field)
{
  gpointer record = field->set->record;

  switch (field->kind)
    {
    case FIELD_TEXT:
      {
        const char *value = record != NULL ? *field_str (field) : NULL;

        /* Filling starts a fresh undo history: after the editor is emptied for a
         * lock, Ctrl+Z must not bring the previous tip's text back. */
        if (GTK_IS_TEXT_VIEW (field->widget))
          {
            GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));

            gtk_text_buffer_set_enable_undo (buffer, FALSE);
            gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
            gtk_text_buffer_set_enable_undo (buffer, TRUE);
          }
        else
          {
            GtkEditable *editable = GTK_EDITABLE (field->widget);

            gtk_editable_set_enable_undo (editable, FALSE);
            gtk_editable_set_text (editable, value != NULL ? value : "");
            gtk_editable_set_enable_undo (editable, TRUE);
          }
      }
      break;

    case FIELD_CHOICE:
      tl_combo_row_select_enum (ADW_COMBO_ROW (field->widget), field->table,
                                record != NULL ? *field_int (field) : field->table[0].value);
      break;

    case FIELD_WIDGET:
    default:
      break;
    }
}

TlFieldSet *
tl_field_set_new (TlFieldSetEdited edited,
                  gpointer         user_data)
{
  TlFieldSet *self = g_new0 (TlFieldSet, 1);

  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->edited = edited;
  self->user_data = user_data;
  return self;
}

void
tl_field_set_free (TlFieldSet *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/* A text field: an AdwEntryRow, another GtkEditable, or a GtkTextView, bound to the
 * char * at @offset in the record. */
void
tl_field_set_add_text (TlFieldSet *self,
                       GtkWidget  *widget,
                       const char *key,
                       gsize       offset)
{
  Field *field;

  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget));

  field = add_field (self, FIELD_TEXT, widget, key, offset, NULL);
  if (GTK_IS_TEXT_VIEW (widget))
    field->emitter = g_object_ref (G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget))));
  else
    field->emitter = g_object_ref (G_OBJECT (widget));
  field->handler = g_signal_connect_swapped (field->emitter, "changed",
                                             G_CALLBACK (text_changed_cb), field);
  if (ADW_IS_ENTRY_ROW (widget))
    g_signal_connect (widget, "entry-activated", G_CALLBACK (entry_activated_cb), NULL);
}

/* A choice among the rows of an enumeration table, bound to the enum at @offset. */
void
tl_field_set_add_choice (TlFieldSet        *self,
                         AdwComboRow       *row,
                         const char        *key,
                         gsize              offset,
                         const TlEnumValue *table)
{
  Field *field;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  tl_combo_row_set_enum (row, table);
  field = add_field (self, FIELD_CHOICE, GTK_WIDGET (row), key, offset, table);
  field->emitter = g_object_ref (G_OBJECT (row));
  field->handler = g_signal_connect_swapped (row, "notify::selected",
                                             G_CALLBACK (choice_changed_cb), field);
}

/* A widget the owner fills and reads itself, known here only so that problems and
 * focus requests for @key reach it. */
void
tl_field_set_add_widget (TlFieldSet *self,
                         GtkWidget  *widget,
                         const char *key)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  add_field (self, FIELD_WIDGET, widget, key, 0, NULL);
}

/* Fills every bound widget from @record, or empties them all when @record is NULL,
 * without writing anything back. */
void
tl_field_set_fill (TlFieldSet *self,
                   gpointer    record)
{
  g_return_if_fail (self != NULL);

  self->record = record;
  self->filling++;
  for (guint i = 0; i < self->fields->len; i++)
    fill_field (g_ptr_array_index (self->fields, i));
  self->filling--;

  if (record == NULL)
    for (guint i = 0; i < self->fields->len; i++)
      tl_field_show_problem (((Field *) g_ptr_array_index (self->fields, i))->widget, NULL);
}

gpointer
tl_field_set_get_record (TlFieldSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->record;
}

/* TRUE while widgets are being filled from the model; owners check it in their own
 * handlers so that filling never counts as an edit. */
gboolean
tl_field_set_is_filling (TlFieldSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->filling > 0;
}

GtkWidget *
tl_field_set_lookup (TlFieldSet *self,
                     const char *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->key, key))
        return field->widget;
    }
  return NULL;
}

/* The first widget registered: where the keyboard goes when the part is opened. */
GtkWidget *
tl_field_set_lookup_first (TlFieldSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->fields->len == 0)
    return NULL;
  return ((Field *) g_ptr_array_index (self->fields, 0))->widget;
}

/* Shows, for each field, the first problem whose path is @prefix followed by the
 * field's key, and clears the others. */
void
tl_field_set_show_problems (TlFieldSet *self,
                            const char *prefix,
                            GPtrArray  *problems)
{
  gsize prefix_len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (prefix != NULL);

  prefix_len = strlen (prefix);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *message = NULL;

      for (guint j = 0; problems != NULL && j < problems->len && message == NULL; j++)
        {
          const TlProblem *problem = g_ptr_array_index (problems, j);

          if (strncmp (problem->field, prefix, prefix_len) == 0 &&
              g_str_equal (problem->field + prefix_len, field->key))
            message = problem->message;
        }
      tl_field_show_problem (field->widget, message);
    }
}

static GtkWidget *
create_problem_row (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *problem_row;
  GtkWidget *label;

  if (!GTK_IS_LIST_BOX_ROW (row) || !GTK_IS_LIST_BOX (list))
    return NULL;

  label = g_object_new (GTK_TYPE_LABEL,
                        "wrap", TRUE,
                        "xalign", 0.0f,
                        "margin-start", 12,
                        "margin-end", 12,
                        "margin-top", 6,
                        "margin-bottom", 6,
                        NULL);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");

  problem_row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                              "activatable", FALSE,
                              "selectable", FALSE,
                              "focusable", FALSE,
                              "child", label,
                              NULL);
  gtk_widget_add_css_class (problem_row, "tl-problem");
  gtk_list_box_insert (GTK_LIST_BOX (list), problem_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_object_set_data_full (G_OBJECT (row), "tl-problem-row", g_object_ref (problem_row),
                          g_object_unref);
  return problem_row;
}

/* Marks @widget as holding a problem and shows @message in a small row right below it
 * (or as its tooltip when it is not in a list); NULL clears both. The text in the
 * widget is never touched. */
void
tl_field_show_problem (GtkWidget  *widget,
                       const char *message)
{
  GtkWidget *problem_row;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  problem_row = g_object_get_data (G_OBJECT (widget), "tl-problem-row");

  if (message == NULL)
    {
      if (!gtk_widget_has_css_class (widget, "error"))
        return;
      gtk_widget_remove_css_class (widget, "error");
      if (problem_row != NULL)
        gtk_widget_set_visible (problem_row, FALSE);
      else
        gtk_widget_set_tooltip_text (widget, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  gtk_widget_add_css_class (widget, "error");
  if (problem_row == NULL)
    problem_row = create_problem_row (widget);
  if (problem_row != NULL)
    {
      gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (problem_row))),
                          message);
      gtk_widget_set_visible (problem_row, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, message);

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

/* Opens every expander row around @widget, then gives it the keyboard focus. */
gboolean
tl_field_focus (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w) && w != widget)
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);

  return gtk_widget_grab_focus (widget);
}

/* The first of @widget and its descendants, depth first, that is a @type. */
GtkWidget *
tl_widget_find_descendant (GtkWidget *widget,
                           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tl_widget_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
focus_selected_idle_cb (gpointer user_data)
{
  g_autoptr(GtkWidget) dropdown = g_weak_ref_get (user_data);
  GtkWidget *popover, *list;
  GListModel *model;
  const char *text;
  guint selected;

  if (dropdown == NULL)
    return G_SOURCE_REMOVE;
  popover = tl_widget_find_descendant (dropdown, GTK_TYPE_POPOVER);
  list = popover != NULL ? tl_widget_find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  selected = ADW_IS_COMBO_ROW (dropdown)
             ? adw_combo_row_get_selected (ADW_COMBO_ROW (dropdown))
             : gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  if (list == NULL || !gtk_widget_get_mapped (list) || selected == GTK_INVALID_LIST_POSITION)
    return G_SOURCE_REMOVE;

  /* GTK 4.8 has no call to focus an item of a list view: scroll the item into the
   * list (so that its row exists), then focus the row that shows its text. */
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
  model = ADW_IS_COMBO_ROW (dropdown) ? adw_combo_row_get_model (ADW_COMBO_ROW (dropdown))
                                      : gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  if (!GTK_IS_STRING_LIST (model))
    return G_SOURCE_REMOVE;
  text = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
  /* the list's own selection can lag behind a value set since it was last open */
  if (GTK_IS_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))))
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))), selected);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = tl_widget_find_descendant (row, GTK_TYPE_LABEL);

      if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* After the popover has placed its own focus. */
static void
popover_mapped_cb (GtkWidget *popover,
                   GtkWidget *dropdown)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, dropdown);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, focus_selected_idle_cb, ref, (GDestroyNotify) weak_ref_free);
}

/**
 * tl_dropdown_focus_selected:
 * @dropdown: an #AdwComboRow or a #GtkDropDown
 *
 * Makes the list open with the keyboard on the value shown, not on the item focused
 * the last time it was open, so Enter keeps the value and Down goes to the next one.
 */
void
tl_dropdown_focus_selected (GtkWidget *dropdown)
{
  GtkWidget *popover;

  g_return_if_fail (ADW_IS_COMBO_ROW (dropdown) || GTK_IS_DROP_DOWN (dropdown));

  if (g_object_get_data (G_OBJECT (dropdown), "tl-focus-selected") != NULL)
    return;
  popover = tl_widget_find_descendant (dropdown, GTK_TYPE_POPOVER);
  if (popover == NULL)
    return;
  g_object_set_data (G_OBJECT (dropdown), "tl-focus-selected", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (popover, "map", G_CALLBACK (popover_mapped_cb), dropdown, G_CONNECT_AFTER);
}

static gboolean
mnemonic_activate_cb (GtkWidget *button,
                      gboolean   group_cycling)
{
  if (group_cycling || !gtk_widget_is_sensitive (button))
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

/**
 * tl_button_click_at_once:
 * @button: a #GtkButton with a mnemonic
 *
 * Makes its mnemonic (Alt+V for "Add _Victim") click it at once. GTK shows a button
 * pressed for a quarter of a second before the click; keys typed meanwhile went to the
 * field that had the focus (the age of a victim into the state, say).
 */
void
tl_button_click_at_once (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  g_signal_connect (button, "mnemonic-activate", G_CALLBACK (mnemonic_activate_cb), NULL);
}

static GtkWidget *
find_button_with_tooltip (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) && gtk_widget_get_tooltip_text (widget) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * tl_password_row_name_reveal:
 * @row: a password entry row
 *
 * Gives the row's eye button a name for screen readers (libadwaita 1.2 gives it only a
 * tooltip): "Show or Hide Passphrase". Call it once the row is shown.
 */
void
tl_password_row_name_reveal (AdwPasswordEntryRow *row)
{
  GtkWidget *button;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));

  button = find_button_with_tooltip (GTK_WIDGET (row));
  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Show or Hide Passphrase"), -1);
}

/* The open list of a combo row: whole labels, wrapped, never cut off ("Refuses, but
 * allows an anonymous tip" decides whom to call), and a check mark on the value. */

static void
update_check (GtkWidget *check)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (check), "tl-list-item");
  AdwComboRow *row = g_object_get_data (G_OBJECT (check), "tl-combo-row");

  if (item != NULL && row != NULL)
    gtk_widget_set_opacity (check, gtk_list_item_get_position (item) == adw_combo_row_get_selected (row) ? 1 : 0);
}

static void
list_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  g_object_set_data (G_OBJECT (check), "tl-list-item", item);
  g_object_set_data (G_OBJECT (check), "tl-combo-row", row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (update_check), check, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, box);
}

static void
list_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), gtk_string_object_get_string (string));
  update_check (gtk_widget_get_last_child (box));
}

/**
 * tl_combo_row_wrap_list:
 * @row: a combo row whose model is a #GtkStringList
 *
 * Shows its open list with whole, wrapped labels.
 */
void
tl_combo_row_wrap_list (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (list_setup_cb), row, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (list_bind_cb), row, 0);
  adw_combo_row_set_list_factory (row, factory);
}

/* Fills a combo row with the translated labels of @table, in table order, so that a
 * row's position is its index in the table. */
void
tl_combo_row_set_enum (AdwComboRow       *row,
                       const TlEnumValue *table)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  glong longest = 0;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (table != NULL);

  for (guint i = 0; table[i].nick != NULL; i++)
    {
      const char *label = tl_enum_label (table, table[i].value);

      gtk_string_list_append (strings, label);
      longest = MAX (longest, g_utf8_strlen (label, -1));
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (strings));
  tl_combo_row_wrap_list (row);
  tl_dropdown_focus_selected (GTK_WIDGET (row));

  /* Long values (and Spanish ones are longer) would be cut short beside the title in
   * a narrow pane: show them under it instead. */
  if (longest > 18)
    adw_combo_row_set_use_subtitle (row, TRUE);
}

int
tl_combo_row_get_enum (AdwComboRow       *row,
                       const TlEnumValue *table)
{
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), 0);
  g_return_val_if_fail (table != NULL, 0);

  selected = adw_combo_row_get_selected (row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= tl_enum_count (table))
    return table[0].value;
  return table[selected].value;
}

void
tl_combo_row_select_enum (AdwComboRow       *row,
                          const TlEnumValue *table,
                          int                value)
{
  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (table != NULL);

  for (guint i = 0; table[i].nick != NULL; i++)
    if (table[i].value == value)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}
