/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-enums.h"

G_BEGIN_DECLS

/* A TlFieldSet ties the widgets of one form part to the fields of one record (a TlTip,
 * a TlVictim, ...) by struct offset: it fills the widgets from the record with its
 * handlers quiet, writes each edit straight back with tl_set_str(), and shows the
 * validation problems of its fields next to them. Every section and item row owns one,
 * so the binding code is written once. */
typedef struct _TlFieldSet TlFieldSet;

typedef void (*TlFieldSetEdited) (gpointer    user_data,
                                  const char *key);

TlFieldSet *tl_field_set_new            (TlFieldSetEdited   edited,
                                         gpointer           user_data);
void        tl_field_set_free           (TlFieldSet        *self);
void        tl_field_set_add_text       (TlFieldSet        *self,
                                         GtkWidget         *widget,
                                         const char        *key,
                                         gsize              offset);
void        tl_field_set_add_choice     (TlFieldSet        *self,
                                         AdwComboRow       *row,
                                         const char        *key,
                                         gsize              offset,
                                         const TlEnumValue *table);
void        tl_field_set_add_widget     (TlFieldSet        *self,
                                         GtkWidget         *widget,
                                         const char        *key);
void        tl_field_set_fill           (TlFieldSet        *self,
                                         gpointer           record);
gpointer    tl_field_set_get_record     (TlFieldSet        *self);
gboolean    tl_field_set_is_filling     (TlFieldSet        *self);
GtkWidget  *tl_field_set_lookup         (TlFieldSet        *self,
                                         const char        *key);
GtkWidget  *tl_field_set_lookup_first   (TlFieldSet        *self);
void        tl_field_set_show_problems  (TlFieldSet        *self,
                                         const char        *prefix,
                                         GPtrArray         *problems);

void        tl_field_show_problem       (GtkWidget         *widget,
                                         const char        *message);
gboolean    tl_field_focus              (GtkWidget         *widget);
void        tl_dropdown_focus_selected  (GtkWidget         *dropdown);
void        tl_button_click_at_once     (GtkWidget         *button);
void        tl_password_row_name_reveal (AdwPasswordEntryRow *row);
GtkWidget  *tl_widget_find_descendant   (GtkWidget         *widget,
                                         GType              type);
void        tl_combo_row_wrap_list      (AdwComboRow       *row);
void        tl_combo_row_set_enum       (AdwComboRow       *row,
                                         const TlEnumValue *table);
int         tl_combo_row_get_enum       (AdwComboRow       *row,
                                         const TlEnumValue *table);
void        tl_combo_row_select_enum    (AdwComboRow       *row,
                                         const TlEnumValue *table,
                                         int                value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlFieldSet, tl_field_set_free)

G_END_DECLS
