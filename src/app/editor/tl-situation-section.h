/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-editor-section.h"

G_BEGIN_DECLS

#define TL_TYPE_SITUATION_SECTION (tl_situation_section_get_type ())
G_DECLARE_FINAL_TYPE (TlSituationSection, tl_situation_section, TL, SITUATION_SECTION, TlEditorSection)

GtkWidget *tl_situation_section_new (void);

G_END_DECLS
