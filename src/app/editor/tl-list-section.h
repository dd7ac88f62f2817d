/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-editor-section.h"
#include "tl-item-row.h"

G_BEGIN_DECLS

/* What differs between the repeatable parts of a tip (victims, offenders, vehicles,
 * phones, online, financial). Strings are untranslated (N_) and translated on use. */
typedef struct
{
  const char *key;            /* path in validation, "victims" */
  gsize offset;               /* of the GPtrArray * in TlTip */
  const char *title;
  const char *description;    /* may be NULL */
  const char *add_label;      /* with a mnemonic, "Add _Victim" */
  const char *empty_label;    /* "No victims recorded" */
  const char *item_title;     /* "Victim %u" */
  const char *remove_label;   /* "Remove victim %u" */
  const char *removed_toast;  /* "Victim removed" */
  GType (*row_get_type) (void);
  gpointer (*item_new) (void);
  GDestroyNotify item_free;
} TlListKind;

#define TL_TYPE_LIST_SECTION (tl_list_section_get_type ())
G_DECLARE_FINAL_TYPE (TlListSection, tl_list_section, TL, LIST_SECTION, TlEditorSection)

GtkWidget *tl_list_section_new      (const TlListKind *kind);
guint      tl_list_section_get_n_rows (TlListSection  *self);
TlItemRow *tl_list_section_get_row  (TlListSection    *self,
                                     guint             index);
void       tl_list_section_add_item (TlListSection    *self);
gboolean   tl_list_section_prepare_row (TlListSection *self,
                                        guint          n_rows);
guint      tl_list_section_get_n_rows_at_hand (TlListSection *self);

G_END_DECLS
