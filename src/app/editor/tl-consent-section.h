/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-editor-section.h"

G_BEGIN_DECLS

#define TL_TYPE_CONSENT_SECTION (tl_consent_section_get_type ())
G_DECLARE_FINAL_TYPE (TlConsentSection, tl_consent_section, TL, CONSENT_SECTION, TlEditorSection)

GtkWidget *tl_consent_section_new (void);

G_END_DECLS
