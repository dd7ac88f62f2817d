/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _TlLayoutWarmUp TlLayoutWarmUp;

TlLayoutWarmUp *tl_layout_warm_up_new       (GtkWidget      *root);
gboolean        tl_layout_warm_up_step      (TlLayoutWarmUp *self,
                                             gint64          budget_us);
guint           tl_layout_warm_up_get_n_measured (TlLayoutWarmUp *self);
void            tl_layout_warm_up_free      (TlLayoutWarmUp *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlLayoutWarmUp, tl_layout_warm_up_free)

G_END_DECLS
