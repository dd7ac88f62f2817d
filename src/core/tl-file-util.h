/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Write a file the user asked for (an export): atomically (temporary file, fsync,
 * rename), readable by the owner only, and never added to recent-files lists. Refuses
 * to replace an existing file unless overwrite is TRUE. */
gboolean tl_write_private_file (const char  *path,
                                const char  *data,
                                gsize        length,
                                gboolean     overwrite,
                                GError     **error);

G_END_DECLS
