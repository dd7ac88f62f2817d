/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"
#include "tl-store.h"

G_BEGIN_DECLS

typedef void (*TlRestoreDone) (GObject  *owner,
                               gboolean  restored);

char    *tl_backup_dup_folder     (TlContext    *context);
char    *tl_backup_describe_time  (const char   *path);
gboolean tl_backup_on_close_async  (TlContext           *context,
                                   gboolean             changed,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean tl_backup_on_close_finish (GAsyncResult       *result,
                                   GError            **error);
gboolean tl_backup_on_close_running (void);
void     tl_restore_backup        (GtkWindow    *parent,
                                   TlStore      *store,
                                   const char   *path,
                                   GObject      *owner,
                                   TlRestoreDone done);

G_END_DECLS
