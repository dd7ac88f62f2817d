/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "tl-store.h"

G_BEGIN_DECLS

/* For tests and benchmarks only; nothing under src/ includes this header (checked by
 * tests/data/check-core-layers.py). */

/* The files of a store folder, and those a re-key leaves while it runs. */
#define TL_STORE_DB_NAME        "tipline.db"
#define TL_STORE_KEYS_NAME      "tipline.keys"
#define TL_STORE_REKEY_DB_NAME  "tipline.db.rekey"
#define TL_STORE_KEYS_NEW_NAME  "tipline.keys.new"

/* Plain SQLite, same schema and queries, no encryption. Never for the app or CLI. */
TlStore    *_tl_store_new_plain              (const char    *dir);

/* Benchmarks: a new encrypted store in self's folder holding a copy of the (locked)
 * plain store in plain_dir. */
gboolean    _tl_store_create_from_plain      (TlStore       *self,
                                              const char    *passphrase,
                                              TlKdfStrength  strength,
                                              const char    *plain_dir,
                                              GError       **error);

/* Many tips in one transaction, each written as tl_store_save_tip() does, so a
 * 100,000-tip store takes seconds, not an fsync each. */
gboolean    _tl_store_save_tips              (TlStore       *self,
                                              GPtrArray     *tips,
                                              GError       **error);

/* The Argon2id costs of a key-derivation strength. */
void        _tl_store_kdf_limits             (TlKdfStrength  strength,
                                              guint64       *opslimit,
                                              guint64       *memlimit);

/* The open store's database connection, for tests that look inside it. */
sqlite3    *_tl_store_get_db                 (TlStore       *self);

/* Benchmarks: the store's database copied with sqlcipher_export alone (the direct
 * baseline of a backup), under the store's key. */
gboolean    _tl_store_sqlcipher_export       (TlStore       *self,
                                              const char    *path,
                                              GError       **error);

/* Marks along the list (tl_store_mark_list()) every `every` rows instead of 1,000, and
 * how many pages were read from a mark. */
void        _tl_store_set_list_mark_every    (TlStore       *self,
                                              guint          every);
guint       _tl_store_get_list_mark_jumps    (TlStore       *self);
/* Whether every mark is made for the tips as they are now. */
gboolean    _tl_store_list_marks_made        (TlStore       *self);
/* Benchmarks: the marks dropped, to time making them from none. */
void        _tl_store_drop_list_marks        (TlStore       *self);

/* The schema version a database has, and the newest this build knows. */
int         _tl_store_schema_version         (sqlite3       *db);
int         _tl_store_schema_latest          (void);

/* Called at each step of a restore (1 = the backup staged ... 7 = the journal removed;
 * TlRestoreStep in tl-store-private.h), so a crash helper can kill itself there. */
typedef void (*TlStoreStepHook) (int step);
void        _tl_store_set_restore_hook       (TlStoreStepHook hook);
#define TL_STORE_RESTORE_STEPS 7

/* "A modified build": recomputes every link of the audit chain from the audit key in
 * the database (tl-store-audit-chain.c). */
gboolean    _tl_store_audit_rewrite_chain    (sqlite3       *db);

G_END_DECLS
