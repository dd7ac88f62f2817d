/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-field-set.h"
#include "tl-tip.h"

G_BEGIN_DECLS

#define TL_TYPE_EDITOR_SECTION (tl_editor_section_get_type ())
G_DECLARE_DERIVABLE_TYPE (TlEditorSection, tl_editor_section, TL, EDITOR_SECTION, AdwBin)

/* One part of the tip form (GNOME Calendar's event editor sections). The base keeps the
 * tip and a TlFieldSet bound to it: the default vfuncs fill, show problems and focus
 * through that field set, so a plain section only registers its widgets. */
struct _TlEditorSectionClass
{
  AdwBinClass parent_class;

  /* Fill the widgets from @tip (NULL: empty them) without emitting "changed". */
  void      (*fill)          (TlEditorSection *self,
                              TlTip           *tip);
  void      (*show_problems) (TlEditorSection *self,
                              GPtrArray       *problems);
  gboolean  (*focus_field)   (TlEditorSection *self,
                              const char      *path);

  gpointer padding[8];
};

void        tl_editor_section_set_tip        (TlEditorSection *self,
                                              TlTip           *tip);
TlTip      *tl_editor_section_get_tip        (TlEditorSection *self);
void        tl_editor_section_show_problems  (TlEditorSection *self,
                                              GPtrArray       *problems);
gboolean    tl_editor_section_focus_field    (TlEditorSection *self,
                                              const char      *path);
TlFieldSet *tl_editor_section_get_fields     (TlEditorSection *self);
void        tl_editor_section_changed        (TlEditorSection *self);

G_END_DECLS
