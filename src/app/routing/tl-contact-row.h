/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-plan.h"

G_BEGIN_DECLS

#define TL_TYPE_CONTACT_ROW (tl_contact_row_get_type ())
G_DECLARE_FINAL_TYPE (TlContactRow, tl_contact_row, TL, CONTACT_ROW, GtkWidget)

GtkWidget *tl_contact_row_new (const TlPlanContact *contact,
                               const char          *lang);
void       tl_contact_row_set_step (TlContactRow        *self,
                                    guint                order);

G_END_DECLS
