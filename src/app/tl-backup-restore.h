/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-store.h"

G_BEGIN_DECLS

typedef void (*TlRestoreDone) (GObject  *owner,
                               gboolean  restored);

char    *tl_backup_dup_folder     (TlStore      *store);
char    *tl_backup_describe_time  (const char   *path);
void     tl_backup_on_close       (TlStore      *store,
                                   gboolean      changed);
gboolean tl_backup_on_close_running (void);
void     tl_restore_backup        (GtkWindow    *parent,
                                   TlStore      *store,
                                   const char   *path,
                                   GObject      *owner,
                                   TlRestoreDone done);

G_END_DECLS
