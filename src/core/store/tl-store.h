/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tl-attachment.h"
#include "tl-follow-up.h"
#include "tl-links.h"
#include "tl-retention.h"
#include "tl-secret.h"
#include "tl-stats.h"
#include "tl-tip.h"

G_BEGIN_DECLS

/* How costly the passphrase key derivation is. The app and CLI always use MODERATE;
 * MINIMUM exists so tests can create stores quickly, and only through this API. */
typedef enum
{
  TL_KDF_MODERATE,
  TL_KDF_MINIMUM,
} TlKdfStrength;

typedef enum
{
  TL_AUDIT_CREATE,
  TL_AUDIT_EDIT,
  TL_AUDIT_VIEW,
  TL_AUDIT_EXPORT,
  TL_AUDIT_DELETE,
  TL_AUDIT_FAILED_UNLOCK,
  TL_AUDIT_UNLOCK,
  TL_AUDIT_IMPORT,
  TL_AUDIT_EXPORT_OVERRIDE,   /* an export released something its profile withholds */
  TL_AUDIT_KEY_ADD,
  TL_AUDIT_KEY_REMOVE,
  TL_AUDIT_RECOVERY_CODE,
  TL_AUDIT_BACKUP,
  TL_AUDIT_RESTORE,
  TL_AUDIT_FOLLOW_UP_ADD,
  TL_AUDIT_FOLLOW_UP_DONE,
  TL_AUDIT_FOLLOW_UP_SNOOZE,
  TL_AUDIT_FOLLOW_UP_DROP,
  TL_AUDIT_PASSPHRASE_CHANGE,
  /* due-retention (issue 19) */
  TL_AUDIT_RETENTION_EXTEND,  /* detail: the new end, a date; never the reason */
  TL_AUDIT_PURGE,             /* detail: how many tips and drafts; never which */
  /* issue 20: attachments; the detail is the attachment's number and SHA-256 */
  TL_AUDIT_ATTACH,
  TL_AUDIT_ATTACHMENT_DELETE,
  TL_AUDIT_ATTACHMENT_CLASSIFY,
  TL_AUDIT_SYNC,              /* issue 21: a tip changed or removed by the office sync */
  TL_AUDIT_OFFICE,            /* issue 21: an office made, joined, a member added or removed */
  /* sealed-bundles (issue 21) */
  TL_AUDIT_AGENCY_ADD,        /* a known agency's public key saved; detail: its name */
  TL_AUDIT_AGENCY_REMOVE,
  TL_AUDIT_ATTACHMENT_EXPORT,   /* detail: number, cleaned|original, the copy's SHA-256 */
} TlAuditAction;
extern const TlEnumValue tl_audit_action_values[];

/* What a list shows of a tip without loading it. */
typedef struct
{
  char *id;
  gint64 created;
  gint64 modified;
  gint64 received;            /* unix seconds, UTC */
  TlTipStatus status;
  TlTraffickingType type;
  TlDanger danger;
  gboolean has_minor;
  char *state;
  char *summary;              /* tl_tip_dup_summary() at save time */
} TlTipRow;

typedef struct
{
  gint64 at;                  /* unix microseconds */
  char *advocate;
  TlAuditAction action;
  char *tip_id;
  gint64 seq;                 /* entry number, 1 = oldest */
  char *detail;               /* e.g. the label of a passphrase that was added; may be NULL */
} TlAuditEntry;

/* Optional filters for listing; zero/NULL fields do not filter. */
typedef struct
{
  gboolean by_status;
  TlTipStatus status;
  gboolean by_type;
  TlTraffickingType type;
  gint64 received_from;       /* unix seconds, inclusive; 0 = open */
  gint64 received_to;         /* unix seconds, exclusive; 0 = open */
  gint64 overdue_before;      /* unix seconds: only tips with an open or snoozed
                               * follow-up due before it; 0 = any tip */
} TlTipFilter;

#define TL_TYPE_STORE (tl_store_get_type ())
G_DECLARE_FINAL_TYPE (TlStore, tl_store, TL, STORE, GObject)

char       *tl_store_default_dir        (void);

TlStore    *tl_store_new                (const char     *dir);
const char *tl_store_get_dir            (TlStore        *self);
gboolean    tl_store_exists             (TlStore        *self);
gboolean    tl_store_is_unlocked        (TlStore        *self);
const char *tl_store_get_advocate       (TlStore        *self);
void        tl_store_set_advocate       (TlStore        *self,
                                         const char     *advocate);
/* The lock on the store folder (tl-store-lock.c). By default a program that finds the
 * store in use by another fails with TL_ERROR_BUSY; with wait it waits until the store
 * is free. exclusive makes tl_store_unlock() take the store for this program alone (for
 * re-keys and restores, which would otherwise fail while another program has it open). */
void        tl_store_set_wait           (TlStore        *self,
                                         gboolean        wait);
void        tl_store_set_exclusive      (TlStore        *self,
                                         gboolean        exclusive);

gboolean    tl_store_create             (TlStore        *self,
                                         const char     *passphrase,
                                         TlKdfStrength   strength,
                                         GError        **error);
gboolean    tl_store_unlock             (TlStore        *self,
                                         const char     *passphrase,
                                         GError        **error);
void        tl_store_lock               (TlStore        *self);
gboolean    tl_store_change_passphrase  (TlStore        *self,
                                         const char     *old_passphrase,
                                         const char     *new_passphrase,
                                         TlKdfStrength   strength,
                                         GError        **error);

gboolean    tl_store_save_tip           (TlStore        *self,
                                         TlTip          *tip,
                                         GError        **error);
TlTip      *tl_store_load_tip           (TlStore        *self,
                                         const char     *id,
                                         GError        **error);
gboolean    tl_store_delete_tip         (TlStore        *self,
                                         const char     *id,
                                         GError        **error);
gint64      tl_store_count_tips         (TlStore        *self,
                                         const TlTipFilter *filter,
                                         GError        **error);
GPtrArray  *tl_store_list_tips          (TlStore        *self,
                                         const TlTipFilter *filter,
                                         guint           offset,
                                         guint           limit,
                                         GError        **error);
gboolean    tl_store_mark_list          (TlStore        *self,
                                         gint64          max_us);
GPtrArray  *tl_store_search             (TlStore        *self,
                                         const char     *query,
                                         guint           limit,
                                         GError        **error);

gboolean    tl_store_save_draft         (TlStore        *self,
                                         const TlTip    *tip,
                                         GError        **error);
GPtrArray  *tl_store_list_drafts        (TlStore        *self,
                                         GError        **error);
gboolean    tl_store_discard_draft      (TlStore        *self,
                                         const char     *id,
                                         GError        **error);

gboolean    tl_store_audit              (TlStore        *self,
                                         TlAuditAction   action,
                                         const char     *tip_id,
                                         GError        **error);
GPtrArray  *tl_store_list_audit         (TlStore        *self,
                                         const char     *tip_id,
                                         GError        **error);
/* Audit entries a full store disk held back in memory (written with the next write). */
guint       tl_store_get_unwritten_audit (TlStore       *self);

void        tl_tip_row_free             (TlTipRow       *row);
void        tl_audit_entry_free         (TlAuditEntry   *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlTipRow, tl_tip_row_free)

/* Import (tl-store-import.c) */

typedef struct
{
  guint added;
  guint updated;
  guint skipped;              /* already in the store, identical */
  guint conflicts;            /* the store's copy is newer, or as new but different */
  GPtrArray *conflict_ids;    /* char *, in the order met */
  /* issue 20: attachments carried in the files (tl_store_import_attachments) */
  guint attachments_added;
  guint attachments_present;  /* the tip already had the same bytes */
  GPtrArray *attachments_refused;  /* char *: one sentence each, in the order met */
} TlImportResult;

/* done of total tips handled; called at least every 100 tips and at the end. */
typedef void (*TlImportProgress) (guint     done,
                                  guint     total,
                                  gpointer  user_data);

/* Adds or updates tips in one transaction: all of them or, on any error, none. A tip
 * whose id is in the store replaces it only when its modified time is later; one that
 * is identical is skipped; any other is left alone and counted as a conflict. Each tip
 * added or updated is recorded in the audit log as an import. */
TlImportResult *tl_store_import_tips     (TlStore          *self,
                                          GPtrArray        *tips,
                                          TlImportProgress  progress,
                                          gpointer          user_data,
                                          GError          **error);
void            tl_import_result_free    (TlImportResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlImportResult, tl_import_result_free)
/* --- security: key slots, recovery code, backups, audit chain ------------------------
 * (tl-store-keys.c, tl-store-rekey.c, tl-store-backup.c, tl-store-audit-chain.c) */

/* One entry of the key-slot file, for listing; never anything secret. */
typedef struct
{
  guint index;                /* pass to tl_store_remove_key_slot() */
  gboolean recovery;          /* the supervisor's recovery code, not a passphrase */
  char *label;                /* e.g. the advocate's name; may be "" */
} TlKeySlotInfo;

typedef struct
{
  gboolean intact;
  guint64 checked;            /* entries whose link was verified */
  guint64 unprotected;        /* entries from before the chain existed */
  gint64 broken_seq;          /* first entry whose link is broken, when !intact */
  gint64 broken_at;           /* its time (unix µs) */
  const char *problem;        /* when !intact with every link holding: why, a translated
                               * sentence (checking switched off, rolled back, rewritten;
                               * tl-store-audit-anchor.c); else NULL */
} TlAuditCheck;

void        tl_key_slot_info_free       (TlKeySlotInfo  *info);
/* Works on a locked store: the labels are not secret. */
GPtrArray  *tl_store_list_key_slots     (TlStore        *self,
                                         GError        **error);
/* The key operations need an unlocked store and, again, a passphrase (or the recovery
 * code) that opens it, so an unattended unlocked session cannot add a passphrase. */
gboolean    tl_store_add_passphrase     (TlStore        *self,
                                         const char     *passphrase,
                                         const char     *label,
                                         const char     *new_passphrase,
                                         TlKdfStrength   strength,
                                         GError        **error);
/* Removes a slot (never the last passphrase) and re-keys the database, so a copy of
 * the old key file no longer opens it. Slow: the whole database is rewritten. */
gboolean    tl_store_remove_key_slot    (TlStore        *self,
                                         const char     *passphrase,
                                         guint           index,
                                         GError        **error);
/* Creates or replaces the recovery code; replacing re-keys. Returns the code (shown
 * once, "XXXXX-XXXXX-…") in guarded memory: free with tl_store_secret_free(). */
char       *tl_store_new_recovery_code  (TlStore        *self,
                                         const char     *passphrase,
                                         TlKdfStrength   strength,
                                         GError        **error);
/* tl_store_create() plus a recovery code in one step (one key derivation less). */
gboolean    tl_store_create_with_recovery (TlStore      *self,
                                         const char     *passphrase,
                                         TlKdfStrength   strength,
                                         char          **recovery_code,
                                         GError        **error);
void        tl_store_secret_free        (char           *secret);

gboolean    tl_store_check_audit        (TlStore        *self,
                                         TlAuditCheck   *check,
                                         GError        **error);

/* Backups: one encrypted file (same master key, same key slots; docs/store-format.md).
 * Written atomically with mode 0600 and verified before success is reported. */
gboolean    tl_store_backup             (TlStore        *self,
                                         const char     *path,
                                         GError        **error);
/* Writes tipline-YYYYMMDD-HHMMSS.tlbackup into dir and deletes the oldest automatic
 * backups beyond keep_n. Returns the new file's path. */
char       *tl_store_backup_rolling     (TlStore        *self,
                                         const char     *dir,
                                         guint           keep_n,
                                         GError        **error);
/* Checks the backup (container, then its database with passphrase) before touching the
 * store, then moves the store's current files into "replaced-<time>/" inside the store
 * folder (kept_dir; they are never deleted) and puts the backup's in place. If the
 * restored store does not open, the old files go back. Leaves the store unlocked. */
gboolean    tl_store_restore            (TlStore        *self,
                                         const char     *path,
                                         const char     *passphrase,
                                         char          **kept_dir,
                                         GError        **error);
/* The newest backup in dir that opens its container and checks out, or NULL. */
char       *tl_store_find_latest_backup (const char     *dir);
/* Where automatic backups go unless the app chose another folder: "<store dir>-backups",
 * e.g. ~/.local/share/tipline-backups. Damage messages point at the newest one there. */
char       *tl_store_get_backup_dir     (TlStore        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlKeySlotInfo, tl_key_slot_info_free)

/* tl-store-links.c: other tips that share a value with this one (tl-links.h). */
GPtrArray  *tl_store_find_links        (TlStore        *self,
                                        const TlTip    *tip,
                                        GError        **error);
GPtrArray  *tl_store_find_links_by_id  (TlStore        *self,
                                        const char     *id,
                                        GError        **error);

/* tl-store-stats.c: counts for tips received from the start of from to the end of to,
 * local time (tl-stats.h). */
TlStats    *tl_store_compute_stats     (TlStore        *self,
                                        const GDate    *from,
                                        const GDate    *to,
                                        GError        **error);

/* tl-store-retention.c: the office's retention schedule applied (docs/retention.md).
 * A tip (saved FALSE: an unsaved draft of a new tip) and when it expires. */
typedef struct
{
  char *tip_id;
  TlTipStatus status;
  gint64 modified;            /* last change, unix seconds */
  gint64 held_until;          /* a hold's end, unix seconds; 0: none */
  gint64 expires;             /* unix seconds */
  char *summary;              /* the list's summary; NULL for an unsaved draft */
  gboolean saved;
} TlRetentionItem;
void        tl_retention_item_free       (TlRetentionItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlRetentionItem, tl_retention_item_free)

GPtrArray  *tl_store_list_expiring       (TlStore                   *self,
                                          const TlRetentionSchedule *schedule,
                                          gint64                     horizon,
                                          guint                      limit,
                                          GError                   **error);
gboolean    tl_store_extend_retention    (TlStore                   *self,
                                          const char                *tip_id,
                                          gint64                     until,
                                          const char                *reason,
                                          GError                   **error);
gint64      tl_store_get_retention_hold  (TlStore                   *self,
                                          const char                *tip_id,
                                          GError                   **error);
gint64      tl_store_purge_expired       (TlStore                   *self,
                                          const TlRetentionSchedule *schedule,
                                          gint64                     now,
                                          GError                   **error);

/* tl-store-shift.c: the counts of a shift hand-off (src/core/ops/tl-handoff.h). */
typedef struct
{
  gint64 open_tips;           /* open or referred, now */
  gint64 received;            /* tips received in the shift */
  gint64 calls;               /* calls and referrals logged in the shift */
  gint64 due;                 /* open or snoozed follow-ups due by the end of the day */
  gint64 overdue;             /* of those, due before the shift's end */
  gint64 follow_ups_closed;   /* follow-ups done or dropped in the shift */
} TlShiftCounts;
gboolean    tl_store_count_shift         (TlStore                   *self,
                                          gint64                     since,
                                          gint64                     until,
                                          gint64                     due_by,
                                          TlShiftCounts             *counts,
                                          GError                   **error);

/* tl-store-follow-ups.c: what is still to do about tips, and when (tl-follow-up.h).
 * Times are unix seconds, UTC. Each change is audited by number, never by content. */
gint64      tl_store_add_follow_up        (TlStore        *self,
                                           const char     *tip_id,
                                           const char     *what,
                                           gint64          due,
                                           GError        **error);
GPtrArray  *tl_store_list_follow_ups      (TlStore        *self,
                                           const char     *tip_id,
                                           gint64          due_before,
                                           gboolean        include_closed,
                                           GError        **error);
GPtrArray  *tl_store_list_due_follow_ups  (TlStore        *self,
                                           gint64          due_before,
                                           guint           limit,
                                           GError        **error);
gint64      tl_store_count_due_follow_ups (TlStore        *self,
                                           gint64          due_before,
                                           GError        **error);
gboolean    tl_store_finish_follow_up     (TlStore        *self,
                                           gint64          id,
                                           const char     *note,
                                           GError        **error);
gboolean    tl_store_snooze_follow_up     (TlStore        *self,
                                           gint64          id,
                                           gint64          until,
                                           const char     *reason,
                                           GError        **error);
gboolean    tl_store_drop_follow_up       (TlStore        *self,
                                           gint64          id,
                                           const char     *reason,
                                           GError        **error);

/* tl-store-attachments.c (issue 20): evidence kept inside the encrypted store with its
 * SHA-256 (tl-attachment.h). Attaching checks the limits and the type, and writes the
 * bytes, the search text and the audit entry (with the hash) in one transaction; bytes
 * never touch a file outside the database. Deleting zeroes them (secure_delete) and
 * marks the purge that empties the write-ahead log. */
guint       tl_store_add_attachment       (TlStore          *self,
                                           const char       *tip_id,
                                           const char       *name,
                                           GBytes           *bytes,
                                           gint64            captured,
                                           TlAttachmentKind  kind,
                                           GError          **error);
GPtrArray  *tl_store_list_attachments     (TlStore          *self,
                                           const char       *tip_id,
                                           GError          **error);
GBytes     *tl_store_load_attachment      (TlStore          *self,
                                           const char       *tip_id,
                                           guint             number,
                                           TlAttachment    **info,
                                           GError          **error);
gboolean    tl_store_delete_attachment    (TlStore          *self,
                                           const char       *tip_id,
                                           guint             number,
                                           GError          **error);
gboolean    tl_store_record_attachment_export (TlStore      *self,
                                           const char       *tip_id,
                                           guint             number,
                                           gboolean          original,
                                           const char       *sha256,
                                           GError          **error);
gboolean    tl_store_classify_attachment  (TlStore          *self,
                                           const char       *tip_id,
                                           guint             number,
                                           TlAttachmentKind  kind,
                                           GError          **error);
/* Keeps the attachments a tip file or bundle carried (TlCarriedAttachment) on their tips,
 * which must be in the store (import the tips first), with the sender's name, kind,
 * capture time, time attached and attacher, the hash of what arrived, and the audit
 * entry attaching writes. Bytes the tip already holds are not kept twice. One that was
 * refused on reading, or breaks a limit, adds its sentence to result and the rest go
 * on; a store error keeps none (FALSE). */
gboolean    tl_store_import_attachments   (TlStore          *self,
                                           GPtrArray        *carried,
                                           TlImportResult   *result,
                                           GError          **error);

/* --- integrity (tl-store-integrity.c, issue 16) ------------------------------------
 * Unlock reads every page only after a crash; after a clean close the check is due and
 * runs later. Damage found after unlock sets the store damaged: writes fail with
 * TL_ERROR_DAMAGED until tl_store_accept_damage() (the advocate chose to keep working)
 * or the store is locked (to restore a backup). */
gboolean    tl_store_integrity_check_due (TlStore          *self);
/* The thorough check (PRAGMA integrity_check) on the store's own connection. */
gboolean    tl_store_check_integrity    (TlStore          *self,
                                         GError          **error);
/* The page check (quick_check) of a due store on a worker thread with its own read-only
 * connection; returns at once when nothing is due. Cancelled when the store locks. */
void        tl_store_check_integrity_async  (TlStore             *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    tl_store_check_integrity_finish (TlStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
gboolean    tl_store_is_damaged         (TlStore          *self);
void        tl_store_accept_damage      (TlStore          *self);
/* Deletes and edits leave their removed words in the search index's older segments
 * until this purge, which lock and backup also run (tl-store-purge.c). */
guint64     tl_store_get_change_count   (TlStore          *self);
gboolean    tl_store_purge_is_pending   (TlStore          *self);
gboolean    tl_store_purge              (TlStore          *self,
                                         GError          **error);

/* --- whole-store export (tl-store-export.c, issue 16) -------------------------------- */

/* The stored XML of one tip (a <tip> document), and the mark of the export check its
 * bytes last passed (tl-tip-check.h; NULL and 0 when none); return FALSE (with error
 * set) to stop. */
typedef gboolean (*TlStoreTipXmlFunc) (const char  *id,
                                       const void  *xml,
                                       int          length,
                                       const void  *check_mark,
                                       int          check_mark_length,
                                       gpointer     user_data,
                                       GError     **error);
/* Every tip in list order (newest first), one at a time, in one read transaction. */
gboolean    tl_store_foreach_tip_xml    (TlStore           *self,
                                         TlStoreTipXmlFunc  func,
                                         gpointer           user_data,
                                         GError           **error);
/* Keeps the marks of the checks an export made (TL_TIP_CHECK_MARK_BYTES each in marks,
 * in the order of tip_ids), all in one transaction. */
gboolean    tl_store_keep_check_marks   (TlStore          *self,
                                         GPtrArray        *tip_ids,
                                         GByteArray       *marks,
                                         GError          **error);
/* One audit entry per tip, all in one transaction (an export of many tips), in the
 * order of the tips' ids. */
gboolean    tl_store_audit_tips         (TlStore          *self,
                                         TlAuditAction     action,
                                         GPtrArray        *tip_ids,
                                         GError          **error);

/* --- agencies (tl-store-agency.c, issue 21) ------------------------------------------
 * This store's agency identity for sealed bundles (src/core/ops/tl-bundle.h) and the
 * agencies whose public keys the advocate saved under a name. */

#define TL_AGENCY_KEY_BYTES 32          /* an X25519 or Ed25519 public key */
#define TL_AGENCY_SECRET_BYTES (32 + 64) /* X25519 secret, then Ed25519 secret */
#define TL_AGENCY_NAME_MAX 120          /* characters */

typedef struct
{
  gint64 id;
  char *name;                 /* as the advocate typed it; NULL for this store's own */
  guint8 box_public[TL_AGENCY_KEY_BYTES];   /* X25519: bundles are sealed to it */
  guint8 sign_public[TL_AGENCY_KEY_BYTES];  /* Ed25519: bundles are signed with it */
  gint64 added;               /* unix seconds */
} TlAgency;

TlAgency   *tl_agency_copy              (const TlAgency *agency);
void        tl_agency_free              (TlAgency       *agency);

/* This store's own identity, made (random keys) the first time it is asked for. The
 * secret halves, when secret is not NULL, come in guarded memory: the X25519 secret
 * key then the Ed25519 secret key (TL_AGENCY_SECRET_BYTES). */
TlAgency   *tl_store_get_agency_identity (TlStore       *self,
                                          TlSecret     **secret,
                                          GError       **error);
/* Known agencies by name (case does not matter), in name order. */
GPtrArray  *tl_store_list_agencies      (TlStore        *self,
                                         GError        **error);
TlAgency   *tl_store_find_agency        (TlStore        *self,
                                         const char     *name,
                                         GError        **error);
/* The one whose Ed25519 key this is, or NULL (no error) when none. */
TlAgency   *tl_store_find_agency_by_key (TlStore        *self,
                                         const guint8   *sign_public,
                                         GError        **error);
/* Saves agency (its name and both keys) with an audit entry; refuses a name or a key
 * already saved, and this store's own key. */
gboolean    tl_store_add_agency         (TlStore        *self,
                                         const TlAgency *agency,
                                         GError        **error);
gboolean    tl_store_remove_agency      (TlStore        *self,
                                         const char     *name,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlAgency, tl_agency_free)

G_END_DECLS
