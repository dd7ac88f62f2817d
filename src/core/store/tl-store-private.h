/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "tl-secret.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_STORE_DB_NAME     "tipline.db"
#define TL_STORE_KEYS_NAME   "tipline.keys"
#define TL_STORE_FAILED_NAME "failed-unlocks"
#define TL_STORE_CLOSED_NAME "tipline.closed"   /* the clean-close mark (tl-store-purge.c) */
#define TL_STORE_LOCK_NAME   "tipline.lock"
#define TL_STORE_ANCHOR_NAME "tipline.anchor"
#define TL_STORE_RESTORE_JOURNAL_NAME "tipline.restore"
#define TL_STORE_RESTORE_DB_NAME      "tipline.db.restore"
#define TL_STORE_RESTORE_KEYS_NAME    "tipline.keys.restore"
#define TL_STORE_RESTORE_ANCHOR_NAME  "tipline.anchor.restore"
/* The largest tipline.anchor read, in a store or a backup. */
#define TL_STORE_ANCHOR_MAX           1024

/* How much of the store folder's lock a TlStore holds (tl-store-lock.c). */
typedef enum
{
  TL_STORE_LOCK_NONE,
  TL_STORE_LOCK_SHARED,
  TL_STORE_LOCK_EXCLUSIVE,
} TlStoreLockMode;

/* Where the last list page ended, so the next page continues from there by key instead
 * of walking the index from the start (deep pages stay as fast as the first). */
typedef struct
{
  gboolean valid;
  guint64 generation;
  TlTipFilter filter;
  guint end;                 /* offset just past the last row served */
  gint64 modified;
  char *id;
} TlPageCursor;

/* A row's place in the list's order (newest change first). */
typedef struct
{
  gint64 modified;
  char *id;
} TlListKey;

/* Marks along the list of every tip (tl-store-list-marks.c). */
#define TL_STORE_LIST_MARK_EVERY 1000

typedef struct
{
  guint every;               /* rows from one mark to the next */
  guint64 generation;        /* of the tips they were made for */
  GArray *keys;              /* TlListKey of rows every - 1, 2 × every - 1, ... */
  gboolean complete;         /* the last mark is made */
  guint jumps;               /* pages read from a mark (tests) */
} TlListMarks;

struct _TlStore
{
  GObject parent_instance;

  char *dir;
  char *db_path;
  char *keys_path;
  char *advocate;

  sqlite3 *db;
  gboolean plain;            /* tests and benchmarks only: no key, no key-slot file */

  guint64 generation;        /* bumped on every change to tips */
  TlPageCursor cursor;
  TlListMarks marks;

  /* Where signals go: the thread that made the store and its main context. A worker
   * thread (the app's import) may use the store while that thread leaves it alone. */
  GThread *owner;
  GMainContext *context;

  /* Integrity (issue 16, tl-store-integrity.c): unlock skipped the page check after a
   * clean close, so it is due, with the key kept for the worker's own connection until
   * it has run; damage found after unlock blocks writes until the advocate decides. */
  gboolean check_due;
  TlSecret *check_key;
  GCancellable *check_cancellable;
  gboolean damaged;
  /* The lock on the store folder (tl-store-lock.c). */
  int lock_fd;
  TlStoreLockMode lock_mode;
  gboolean keys_locked;
  gboolean keys_took_store;  /* the key-file lock took the store lock too */
  gboolean lock_wait;        /* tl_store_set_wait() */
  gboolean lock_exclusive;   /* tl_store_set_exclusive() */
  gboolean restoring;        /* tl_store_restore() is opening the restored store */

  /* Audit entries a full disk held back (the unlock, a backup to another disk): written
   * with the next write (tl-store-audit.c). */
  GPtrArray *deferred_audit;
  GPtrArray *inflight_audit;
  gboolean inflight_committed;
  /* Installed by tl-store-audit.c with the first held-back entry, and called when the
   * database closes (the object is below the audit file and does not call it). */
  void (*write_deferred_audit) (TlStore *self);

  /* The key of the audit chain's anchor, derived from the master key at unlock
   * (tl-store-audit-anchor.c); NULL while locked. */
  TlSecret *anchor_key;
};

/* The store's files call each other downwards only, in this order (bottom first); a
 * file may use what is declared above its own section. */

/* tl-store-sql.c: running SQL, and SQLite's result codes as sentences. */
gboolean    _tl_store_db_error               (GError       **error,
                                              sqlite3       *db,
                                              int            rc,
                                              const char    *what);
gboolean    _tl_store_exec                   (sqlite3       *db,
                                              const char    *sql,
                                              const char    *what,
                                              GError       **error);
char       *_tl_store_query_text             (sqlite3       *db,
                                              const char    *sql);

/* tl-store-cipher.c: where SQLCipher 3.4 and 4.x differ; below the SQLCipher layer. */
typedef enum
{
  TL_CIPHER_GENERATION_UNKNOWN,
  TL_CIPHER_GENERATION_3,
  TL_CIPHER_GENERATION_4,
} TlCipherGeneration;

TlCipherGeneration _tl_store_cipher_generation_of   (const char         *version);
TlCipherGeneration _tl_store_cipher_generation      (sqlite3            *db);
void               _tl_store_cipher_force_generation (TlCipherGeneration generation);
char              *_tl_store_cipher_settings_sql    (TlCipherGeneration  generation,
                                                     const char         *schema);
const char        *_tl_store_cipher_defaults_sql    (TlCipherGeneration  generation);
gboolean           _tl_store_cipher_apply           (sqlite3            *db,
                                                     const char         *schema,
                                                     GError            **error);
gboolean           _tl_store_cipher_attach          (sqlite3            *db,
                                                     const char         *path,
                                                     const char         *schema,
                                                     const TlSecret     *key,
                                                     const char         *what,
                                                     GError            **error);

/* tl-store-db.c: the SQLCipher layer. No TlStore here. */
sqlite3    *_tl_store_db_open                (const char    *path,
                                              const TlSecret *key,
                                              gboolean       create,
                                              GError       **error);
gboolean    _tl_store_apply_key              (sqlite3       *db,
                                              const TlSecret *key,
                                              GError       **error);
gboolean    _tl_store_key_pragma             (sqlite3       *db,
                                              const char    *pragma,
                                              const TlSecret *key,
                                              const char    *what,
                                              GError       **error);
gboolean    _tl_store_db_export_encrypted    (const char    *plain_path,
                                              const char    *path,
                                              const TlSecret *key,
                                              GError       **error);
gboolean    _tl_store_export_encrypted       (sqlite3       *db,
                                              const char    *path,
                                              const TlSecret *key,
                                              GError       **error);
gboolean    _tl_store_verify_db              (const char    *path,
                                              const TlSecret *key,
                                              const char    *expected_schema,
                                              GError       **error);
char       *_tl_store_schema_text            (sqlite3       *db,
                                              const char    *schema);
gboolean    _tl_store_copy_failed_error      (GError       **error);
gboolean    _tl_store_verify_db_opens        (const char    *path,
                                              const TlSecret *key,
                                              const char    *expected_schema,
                                              GError       **error);
GHashTable *_tl_store_table_counts           (sqlite3       *db,
                                              const char    *schema,
                                              GError       **error);

/* tl-store-page-check.c: every page authentic under a key, without SQLite. */
gboolean    _tl_store_db_pages_authentic     (const char    *path,
                                              const TlSecret *key);

/* tl-store-db-copy.c: copies of a database file, not rebuilt row by row. No TlStore. */
gboolean    _tl_store_db_copy_file           (sqlite3       *db,
                                              const char    *db_path,
                                              const char    *copy_path,
                                              GError       **error);
gboolean    _tl_store_db_rekey_copy          (const char    *path,
                                              const TlSecret *old_key,
                                              const TlSecret *new_key,
                                              GError       **error);

/* tl-store-purge.c: the pending purge of removed words, the clean-close mark. */
gboolean    _tl_store_purge_mark             (sqlite3       *db,
                                              GError       **error);
gboolean    _tl_store_purge_pending          (sqlite3       *db);
gboolean    _tl_store_purge_run              (sqlite3       *db,
                                              GError       **error);
gboolean    _tl_store_closed_cleanly         (const char    *dir,
                                              const char    *db_path);
gboolean    _tl_store_unmark_clean           (const char    *dir);
void        _tl_store_mark_clean             (const char    *dir);
/* tl-store-lock.c: the lock on the store folder. */
void        _tl_store_lock_init              (TlStore       *self);
gboolean    _tl_store_lock_take              (TlStore       *self,
                                              TlStoreLockMode mode,
                                              GError       **error);
void        _tl_store_lock_downgrade         (TlStore       *self);
void        _tl_store_lock_drop              (TlStore       *self);
gboolean    _tl_store_keys_lock              (TlStore       *self,
                                              GError       **error);
void        _tl_store_keys_unlock            (TlStore       *self);
void        _tl_store_remove_leftovers       (TlStore       *self);

/* tl-store-object.c: the object, its folder and its signal. */
char       *_tl_store_path                   (TlStore       *self,
                                              const char    *name);
void        _tl_store_remove_files           (TlStore       *self);
void        _tl_store_close_db               (TlStore       *self);
gboolean    _tl_store_fix_permissions        (const char    *dir,
                                              GError       **error);
void        _tl_store_kdf_limits             (TlKdfStrength  strength,
                                              guint64       *opslimit,
                                              guint64       *memlimit);
gboolean    _tl_store_check_unlocked         (TlStore       *self,
                                              GError       **error);
gboolean    _tl_store_check_writable         (TlStore       *self,
                                              GError       **error);
void        _tl_store_emit_tips_changed      (TlStore       *self,
                                              const char    *tip_id);

/* tl-store-list-marks.c */
void        _tl_store_list_marks_clear       (TlStore       *self);
const TlListKey *_tl_store_list_mark_before  (TlStore       *self,
                                              guint          offset,
                                              guint         *skip);

/* tl-store-rows.c */
#define TL_STORE_ROW_COLUMNS \
  "t.id, t.created, t.modified, t.received, t.status, t.type, t.danger, t.has_minor, t.state, t.summary"
TlTipRow   *_tl_store_row_from_stmt          (sqlite3_stmt  *stmt,
                                              int            first);

/* tl-store-audit-anchor.c: the chain's length and last link, outside the database. */
void        _tl_store_anchor_set_key         (TlStore       *self,
                                              const TlSecret *master);
void        _tl_store_anchor_update          (TlStore       *self);
const char *_tl_store_anchor_check           (TlStore       *self);
GBytes     *_tl_store_anchor_for_backup      (TlStore       *self,
                                              const char    *copy_path);
void        _tl_store_anchor_reset           (TlStore       *self,
                                              const TlSecret *master);

/* tl-store-audit-chain.c */
gboolean    _tl_store_audit_rewrite_chain    (sqlite3       *db);   /* tests only */
gboolean    _tl_store_audit_insert           (sqlite3       *db,
                                              const char    *advocate,
                                              gint64         at,
                                              const char    *action,
                                              const char    *tip_id,
                                              const char    *detail,
                                              GError       **error);
gboolean    _tl_store_audit_insert_many      (sqlite3       *db,
                                              const char    *advocate,
                                              gint64         at,
                                              const char    *action,
                                              GPtrArray     *tip_ids,
                                              GError       **error);

/* tl-store-audit.c */
gboolean    _tl_store_audit_at               (TlStore       *self,
                                              gint64         at,
                                              TlAuditAction  action,
                                              const char    *tip_id,
                                              GError       **error);
gboolean    _tl_store_audit_detail           (TlStore       *self,
                                              gint64         at,
                                              TlAuditAction  action,
                                              const char    *tip_id,
                                              const char    *detail,
                                              GError       **error);

void        _tl_store_audit_defer            (TlStore       *self,
                                              gint64         at,
                                              TlAuditAction  action,
                                              const char    *detail);
void        _tl_store_audit_defer_tip        (TlStore       *self,
                                              gint64         at,
                                              TlAuditAction  action,
                                              const char    *tip_id);

/* tl-store-search.c */
gboolean    _tl_store_search_register        (sqlite3       *db,
                                              GError       **error);
gboolean    _tl_store_index_tip              (sqlite3       *db,
                                              sqlite3_int64  rowid,
                                              const TlTip   *tip,
                                              GError       **error);
gboolean    _tl_store_unindex_tip            (sqlite3       *db,
                                              sqlite3_int64  rowid,
                                              GError       **error);
gboolean    _tl_store_reindex_identifiers    (sqlite3       *db,
                                              sqlite3_int64  rowid,
                                              const TlTip   *tip,
                                              GError       **error);
char       *_tl_store_fts_query              (const char    *query);

/* tl-store-facts.c */
gboolean    _tl_store_write_facts            (sqlite3       *db,
                                              sqlite3_int64  pk,
                                              const TlTip   *tip,
                                              GError       **error);
gboolean    _tl_store_refill_facts           (sqlite3       *db,
                                              GError       **error);

/* tl-store-revision.c: versions on save. */
gint64      _tl_store_get_revision           (sqlite3       *db,
                                              const char    *id,
                                              GError       **error);
gboolean    _tl_store_check_revision         (sqlite3       *db,
                                              const TlTip   *tip,
                                              GError       **error);
gint64      _tl_store_bump_revision          (sqlite3       *db,
                                              sqlite3_int64  pk,
                                              gboolean       is_new,
                                              GError       **error);
gboolean    _tl_store_add_revisions          (sqlite3       *db,
                                              GError       **error);

/* tl-store-schema.c */
gboolean    _tl_store_migrate                (sqlite3       *db,
                                              GError       **error);
int         _tl_store_schema_version         (sqlite3       *db);
int         _tl_store_schema_latest          (void);

/* tl-store-tips.c */
gboolean    _tl_store_write_tip              (TlStore       *self,
                                              const TlTip   *tip,
                                              int            audit,
                                              GError       **error);
/* The same, and the tip's new revision in *revision (may be NULL). */
gboolean    _tl_store_write_tip_revision     (TlStore       *self,
                                              const TlTip   *tip,
                                              int            audit,
                                              gint64        *revision,
                                              GError       **error);

/* Removes one tip inside the caller's transaction (row, index, draft, audit entry). */
gboolean    _tl_store_remove_tip             (TlStore       *self,
                                              const char    *id,
                                              int            audit,
                                              const char    *detail,
                                              GError       **error);

/* tl-recovery-code.c */
TlSecret   *_tl_recovery_code_normalize      (const char    *text);
char       *_tl_store_add_recovery_slot      (GPtrArray     *slots,
                                              const TlSecret *master,
                                              TlKdfStrength  strength,
                                              GError       **error);

/* tl-store-master.c: the master key, made and opened once for every caller. */
void        _tl_store_note_failed_unlock     (TlStore       *self);
gboolean    _tl_store_collect_failed_unlocks (TlStore       *self,
                                              GError       **error);
int         _tl_store_unwrap_any             (GPtrArray     *slots,
                                              const char    *passphrase,
                                              TlSecret      *master,
                                              GError       **error);
int         _tl_store_unwrap_master          (TlStore       *self,
                                              GPtrArray     *slots,
                                              const char    *passphrase,
                                              gboolean       count_failure,
                                              TlSecret     **master_out,
                                              GError       **error);
void        _tl_store_name_advocate          (TlStore       *self,
                                              GPtrArray     *slots,
                                              int            index);
void        _tl_store_join_salt_group        (TlStore       *self,
                                              GPtrArray     *slots,
                                              int            index,
                                              const char    *passphrase,
                                              const TlSecret *master);
TlSecret   *_tl_store_new_master             (TlStore       *self,
                                              const char    *passphrase,
                                              TlKdfStrength  strength,
                                              GPtrArray    **slots_out,
                                              char         **recovery_code,
                                              GError       **error);

/* tl-store-backup.c */
GBytes     *_tl_store_read_backup            (const char    *path,
                                              const char    *db_out,
                                              GBytes       **anchor_out,
                                              GError       **error);

/* tl-store-damage.c */
void        _tl_store_set_damaged_error      (TlStore       *self,
                                              GError       **error);
gboolean    _tl_store_check_size             (TlStore       *self,
                                              GError       **error);
gboolean    _tl_store_check_pages            (TlStore       *self,
                                              GError       **error);

/* tl-store-rekey.c */
#define TL_STORE_REKEY_DB_NAME   "tipline.db.rekey"
#define TL_STORE_KEYS_NEW_NAME   "tipline.keys.new"
gboolean    _tl_store_rekey                  (TlStore       *self,
                                              const TlSecret *old_master,
                                              GPtrArray     *slots,
                                              TlAuditAction  action,
                                              const char    *detail,
                                              GError       **error);
gboolean    _tl_store_rekey_pending          (TlStore       *self);
gboolean    _tl_store_rekey_resume           (TlStore       *self,
                                              const char    *passphrase,
                                              GError       **error);
void        _tl_store_rekey_discard          (TlStore       *self);

/* tl-store-create.c */
gboolean    _tl_store_create_full            (TlStore       *self,
                                              const char    *passphrase,
                                              TlKdfStrength  strength,
                                              char         **recovery_code,
                                              GError       **error);

/* tl-store-restore-journal.c: an interrupted restore is finished or undone. */
typedef enum
{
  TL_RESTORE_STEP_STAGED = 1,    /* the backup's files checked and staged */
  TL_RESTORE_STEP_JOURNAL,       /* the journal written */
  TL_RESTORE_STEP_MOVED_ASIDE,   /* the current files moved aside */
  TL_RESTORE_STEP_DB_IN_PLACE,   /* the backup's database in place */
  TL_RESTORE_STEP_IN_PLACE,      /* the backup's key file in place too */
  TL_RESTORE_STEP_OPENED,        /* the restored store opened */
  TL_RESTORE_STEP_DONE,          /* the journal removed */
  TL_RESTORE_N_STEPS = TL_RESTORE_STEP_DONE,
} TlRestoreStep;
gboolean    _tl_store_restore_journal_write  (TlStore       *self,
                                              const char    *aside_name,
                                              const char    *backup_name,
                                              gboolean       forward,
                                              GError       **error);
void        _tl_store_restore_journal_remove (TlStore       *self);
gboolean    _tl_store_restore_pending        (TlStore       *self);
gboolean    _tl_store_restore_roll           (TlStore       *self,
                                              const char    *aside,
                                              gboolean       forward,
                                              GError       **error);
gboolean    _tl_store_restore_recover        (TlStore       *self,
                                              char         **backup_name,
                                              GError       **error);
/* Test builds kill themselves here (tl-store-testing.h); otherwise nothing. */
void        _tl_store_restore_step           (TlStore       *self,
                                              TlRestoreStep  step);

/* tl-store-attachments.c, for the office sync's batch (tl-store-sync.c, issue 20):
 * inside the caller's transaction. An attachment arrives on its tip (none when the tip
 * is not stored, or already holds the bytes, or the limits refuse it) or leaves it by
 * hash (zeroed, purge marked); each audited with who after the hash, which tells the
 * sync not to send it back. */
gboolean    _tl_store_sync_attachment_add    (TlStore       *self,
                                              const TlCarriedAttachment *carried,
                                              const char    *who,
                                              GError       **error);
gboolean    _tl_store_sync_attachment_remove (TlStore       *self,
                                              const char    *tip_id,
                                              const char    *sha256,
                                              const char    *who,
                                              GError       **error);

/* Above these: tl-store-keys.c, tl-store-import.c, tl-store-links.c, tl-store-stats.c,
 * tl-store-restore.c, tl-store-integrity.c, tl-store-export.c and tl-store.c, which nothing in the store
 * calls back. */

G_END_DECLS
