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

/* rename(2), then fsync of the folder so the rename survives a power cut. */
gboolean tl_durable_rename     (const char  *from,
                                const char  *to,
                                GError     **error);

/* Sets a TL_ERROR for a failed read or write of path: TL_ERROR_NO_SPACE with "the disk
 * is full" for ENOSPC, else TL_ERROR_IO. Returns FALSE. */
gboolean tl_set_file_error     (GError     **error,
                                int          err,
                                const char  *path);

/* A folder only its owner may enter (0700), with the named files in it made 0600. */
gboolean tl_make_private_folder (const char         *dir,
                                 const char * const *names);

G_END_DECLS
