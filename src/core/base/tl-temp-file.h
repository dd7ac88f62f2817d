/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files written beside their destination and renamed into place (an export, a backup)
 * hold plaintext or a copy of the store until the rename. tl_temp_file_write() removes
 * its temporary file on every failure, and, once tl_temp_files_guard_signals() was
 * called, when the program is stopped by SIGINT, SIGTERM or SIGHUP while it writes. */

/* Installs handlers for SIGINT, SIGTERM and SIGHUP that delete the temporary files being
 * written, then stop the program as the signal would have. Call once, early in main. */
void      tl_temp_files_guard_signals (void);

/* Registers path (a temporary file being written) for deletion on a signal; returns a
 * slot for tl_temp_file_forget(), or -1 when every slot is taken. */
int       tl_temp_file_register       (const char *path);
void      tl_temp_file_forget         (int         slot);

/* Writes data to a new file "path.XXXXXX" (mode 0600) in path's folder, fsyncs it and
 * renames it over path, then fsyncs the folder. On failure the temporary file is gone
 * and errno says why. */
gboolean  tl_temp_file_write          (const char *path,
                                       const char *data,
                                       gsize       length);

G_END_DECLS
