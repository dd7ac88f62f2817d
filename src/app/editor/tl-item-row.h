/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-field-set.h"

G_BEGIN_DECLS

#define TL_TYPE_ITEM_ROW (tl_item_row_get_type ())
G_DECLARE_DERIVABLE_TYPE (TlItemRow, tl_item_row, TL, ITEM_ROW, AdwExpanderRow)

/* One item of a repeatable part of the tip (a victim, a phone, ...): an expander row
 * whose rows a subclass registers in the row's TlFieldSet, with keys as in the
 * validation paths after "victims/<n>/". */
struct _TlItemRowClass
{
  AdwExpanderRowClass parent_class;

  /* Fill extra widgets the field set does not bind; @record may be NULL. */
  void   (*fill)        (TlItemRow  *self,
                         gpointer    record);
  /* A short line that tells this item from the others, e.g. "Ana · 15". */
  char  *(*dup_summary) (TlItemRow  *self);

  gpointer padding[8];
};

void        tl_item_row_set_record      (TlItemRow  *self,
                                         gpointer    record);
gpointer    tl_item_row_get_record      (TlItemRow  *self);
TlFieldSet *tl_item_row_get_fields      (TlItemRow  *self);
void        tl_item_row_set_labels      (TlItemRow  *self,
                                         const char *title,
                                         const char *remove_label);
void        tl_item_row_show_problems   (TlItemRow  *self,
                                         const char *prefix,
                                         GPtrArray  *problems);
gboolean    tl_item_row_focus_field     (TlItemRow  *self,
                                         const char *key);
void        tl_item_row_changed         (TlItemRow  *self);

G_END_DECLS
