/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers every test may use, with GLib only: temporary folders and their removal, file
 * hashes, and tipline-cli run as a real process. Part of tipline-test-helpers. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char    *tl_test_make_tmp_dir      (const char  *name);
void     tl_test_remove_tree       (const char  *path);
gboolean tl_test_mount_tmpfs       (const char  *dir,
                                    const char  *options);
void     tl_test_unmount           (const char  *dir);
char    *tl_test_hash_file         (const char  *path);
char    *tl_test_hash_store        (const char  *dir);
char    *tl_test_file_head_hex     (const char  *path,
                                    gsize        n);
char    *tl_test_fixture_path      (const char  *first,
                                    ...) G_GNUC_NULL_TERMINATED;
void     tl_test_spin              (guint        ms);

/* tipline-cli ($TIPLINE_CLI, set by tests/cli/meson.build) with all three streams piped. */
typedef struct
{
  int status;
  char *out;
  char *err;
} TlTestCliResult;

GSubprocessLauncher *tl_test_cli_launcher_new  (void);
TlTestCliResult      tl_test_cli_run           (GSubprocessLauncher *launcher,
                                                const char          *input,
                                                GPtrArray           *args);
void                 tl_test_cli_result_clear  (TlTestCliResult     *result);

G_END_DECLS
