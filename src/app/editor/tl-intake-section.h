/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-editor-section.h"

G_BEGIN_DECLS

#define TL_TYPE_INTAKE_SECTION (tl_intake_section_get_type ())
G_DECLARE_FINAL_TYPE (TlIntakeSection, tl_intake_section, TL, INTAKE_SECTION, TlEditorSection)

GtkWidget *tl_intake_section_new (void);

G_END_DECLS
