/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TL_TYPE_CALL_LOG (tl_call_log_get_type ())
G_DECLARE_FINAL_TYPE (TlCallLog, tl_call_log, TL, CALL_LOG, GtkWidget)

GtkWidget *tl_call_log_new           (void);
void       tl_call_log_set_referrals (TlCallLog *self,
                                      GPtrArray *referrals);

G_END_DECLS
