/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_AUDIT_WINDOW (tl_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (TlAuditWindow, tl_audit_window, TL, AUDIT_WINDOW, AdwWindow)

GtkWidget  *tl_audit_window_new           (GtkWindow     *parent,
                                           TlStore       *store,
                                           const char    *tip_id,
                                           GError       **error);
const char *tl_audit_action_display_label (TlAuditAction  action);

G_END_DECLS
