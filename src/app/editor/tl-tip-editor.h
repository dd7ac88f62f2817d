/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tl-store.h"
#include "tl-tip.h"

G_BEGIN_DECLS

#define TL_TYPE_TIP_EDITOR (tl_tip_editor_get_type ())
G_DECLARE_FINAL_TYPE (TlTipEditor, tl_tip_editor, TL, TIP_EDITOR, GtkWidget)

GtkWidget *tl_tip_editor_new            (void);
void       tl_tip_editor_set_tip        (TlTipEditor *self,
                                         TlTip       *tip);
TlTip     *tl_tip_editor_get_tip        (TlTipEditor *self);
void       tl_tip_editor_prepare_ahead  (TlTipEditor *self);
gboolean   tl_tip_editor_focus_field    (TlTipEditor *self,
                                         const char  *path);
guint      tl_tip_editor_get_n_problems (TlTipEditor *self);
/* issue 20: the attachments section shows the tip's evidence from the store */
void       tl_tip_editor_set_store      (TlTipEditor *self,
                                         TlStore     *store);
GtkWidget *tl_tip_editor_get_attachments (TlTipEditor *self);

G_END_DECLS
