/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TL_TYPE_RECOVERY_CODE_DIALOG (tl_recovery_code_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlRecoveryCodeDialog, tl_recovery_code_dialog, TL, RECOVERY_CODE_DIALOG, AdwMessageDialog)

GtkWidget *tl_recovery_code_dialog_new (GtkWindow  *parent,
                                        const char *code);

G_END_DECLS
