/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs a GLib log writer that keeps tip content out of logs and the journal:
 * below WARNING nothing is written unless this is a debug build and G_MESSAGES_DEBUG
 * is set; warnings and errors are capped, long digit runs (phone and account numbers)
 * are masked, and only MESSAGE, PRIORITY and GLIB_DOMAIN reach the journal. Call it
 * first thing in main(), in every front end. */
void     tl_log_writer_install  (void);

/* The filter itself, for tests: the text that would be written for a message at this
 * level, or NULL when it is dropped. */
char    *tl_log_filter_message  (GLogLevelFlags  level,
                                 const char     *message);

/* Outside debug builds: no core dumps (RLIMIT_CORE 0) and not dumpable or traceable by
 * other processes of the same user (PR_SET_DUMPABLE 0), so a crash never writes the
 * decrypted tips in memory to disk. Returns FALSE if either call failed. */
gboolean tl_process_harden      (void);

G_END_DECLS
