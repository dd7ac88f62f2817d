/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-matrix.h"

G_BEGIN_DECLS

#define TL_TYPE_MATRIX_VIEW (tl_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (TlMatrixView, tl_matrix_view, TL, MATRIX_VIEW, GtkWidget)

GtkWidget *tl_matrix_view_new          (void);
void       tl_matrix_view_set_protocol (TlMatrixView *self,
                                        TlProtocol   *protocol,
                                        const char   *lang);
GtkWidget *tl_matrix_view_get_cell     (TlMatrixView *self,
                                        TlService     service,
                                        TlMatrixCondition condition);

G_END_DECLS
