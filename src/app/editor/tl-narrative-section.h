/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-editor-section.h"

G_BEGIN_DECLS

#define TL_TYPE_NARRATIVE_SECTION (tl_narrative_section_get_type ())
G_DECLARE_FINAL_TYPE (TlNarrativeSection, tl_narrative_section, TL, NARRATIVE_SECTION, TlEditorSection)

GtkWidget *tl_narrative_section_new (void);

G_END_DECLS
