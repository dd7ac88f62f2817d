/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"

G_BEGIN_DECLS

#define TL_TYPE_PREFERENCES_WINDOW (tl_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TlPreferencesWindow, tl_preferences_window, TL, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *tl_preferences_window_new               (TlContext           *context);
void       tl_preferences_window_add_security_page (TlPreferencesWindow *self);
void       tl_preferences_window_add_office_page   (TlPreferencesWindow *self);

G_END_DECLS
