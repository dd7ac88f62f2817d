/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-editor-section.h"

G_BEGIN_DECLS

#define TL_TYPE_LOCATION_SECTION (tl_location_section_get_type ())
G_DECLARE_FINAL_TYPE (TlLocationSection, tl_location_section, TL, LOCATION_SECTION, TlEditorSection)

GtkWidget *tl_location_section_new (void);

G_END_DECLS
