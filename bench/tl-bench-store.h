/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TL_BENCH_PASSPHRASE "benchmark passphrase, not a secret"

/* Makes (or copies from cache_dir, when it is not NULL) a store of n_tips generated
 * tips in dir: the plain one when plain_dir is NULL, else the encrypted copy of the
 * plain store in plain_dir, with the minimum KDF. Returns the seconds it took, 0 for a
 * cache hit, -1 on failure. */
double   tl_bench_prepare_store   (const char *dir,
                                   const char *cache_dir,
                                   guint       n_tips,
                                   const char *plain_dir);

/* Every timed store operation on the encrypted and plain stores of n_tips, and the
 * ones that do not touch the store (route, PDF) on the encrypted side. only, when not
 * NULL, picks the operations whose name holds it. */
gboolean tl_bench_run_store       (const char *work_dir,
                                   const char *cache_dir,
                                   guint       n_tips,
                                   const char *only);

void     tl_bench_run_kdf         (void);

/* tipline-cli's read commands (tl-bench-cli.c) on the store in store_dir, each against
 * the same command on a store of one tip made in work_dir. */
void     tl_bench_run_cli         (const char *cli,
                                   const char *work_dir,
                                   const char *store_dir,
                                   guint       n_tips);

G_END_DECLS
