/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-hlc.h"
#include "tl-office.h"
#include "tl-store-sync.h"
#include "tl-sync-crypto.h"

G_BEGIN_DECLS

/* What the office sync engine's files share (tl-office.c, the public API;
 * tl-office-state.c, the state record; tl-office-merge.c, tip metadata and the merge;
 * tl-office-folder.c, the folder's files). Stays inside src/core/sync/; the records
 * are short-named because nothing outside these four files sees them. */

#define TL_OFFICE_STATE_KEY "office"      /* the state record's key in the store */
#define TL_OFFICE_RECORD_TYPE "(ssa{s(sas)}s)"
#define TL_OFFICE_MEMBER_TYPE "(ssayaysbt)"
/* issue 20: an attachment added (its bytes) or removed (a tombstone: tip id and hash only):
 * tip id, SHA-256, removed, name, kind, captured, attached, by, bytes */
#define TL_OFFICE_ATTACHMENT_TYPE "(ssbsixxsay)"

/* The state record (tl-office-state.c) */

typedef struct
{
  char *device;
  char *name;
  guint8 sign_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 box_pk[crypto_box_PUBLICKEYBYTES];
  gboolean removed;
  guint64 until;              /* removed: its segments up to this one are still read */
  gint64 last_seen;
} Member;

typedef struct
{
  guint64 seq;
  guint8 hash[32];
} Cursor;

typedef struct
{
  char *id;
  char *tip_id;
  char *field;
  char *shown_stamp;
  char *shown_value;
  char *other_stamp;
  char *other_value;
  char *other_xml;
  gboolean resolved;
} Conflict;

typedef struct
{
  TlSyncDeviceKeys keys;
  char *device;
  char *name;
  char *folder;
  gboolean member;
  guint8 join_key[TL_SYNC_KEY_BYTES];
  guint32 gen;
  GHashTable *office_keys;    /* GUINT_TO_POINTER (gen) → guint8[32] */
  guint64 seq;
  guint8 hash[32];
  TlHlc clock;
  guint64 ack_n;
  char *ack_file;
  guint64 snapshot_seq;
  guint64 since_snapshot;
  gint64 audit_sent;
  gint64 last_sync;
  GHashTable *members;        /* device → Member */
  GHashTable *cursors;        /* device → Cursor */
  GHashTable *acks;           /* device → GVariant a{st} (its newest acknowledgement) */
  GHashTable *ack_n_seen;     /* device → guint64 * */
  GHashTable *seen;           /* file names read */
  GHashTable *mine;           /* own segment file → guint64 * seq */
  GPtrArray *conflicts;       /* Conflict */
  GHashTable *resolved;       /* conflict ids resolved anywhere */
  GPtrArray *resolved_out;    /* resolved here, to send */
  GPtrArray *members_out;     /* GVariant MEMBER_TYPE, to send */
  GHashTable *invites;        /* hex id → guint8[32] code key */
  GHashTable *invite_expiry;  /* hex id → gint64 * */
  char *outbox_name;
  GBytes *outbox;
  char *welcome_name;         /* own welcome/keys files, deleted once read */
  GHashTable *ack_gen;        /* device → guint64 * key generation of its newest acknowledgement */
  GHashTable *own_welcomes;   /* own welcome file → device it lets in (deleted once it acknowledges) */
  GHashTable *own_envelopes;  /* own key envelope file → guint64 * generation it carries */
} State;

/* Tip metadata (tl-office-merge.c) */

/* The metadata of one tip: its tombstone, or each field's clock. */
typedef struct
{
  char *stamp;
  GPtrArray *ancestors;       /* char * stamps this one replaced */
  char *hash;
} FieldClock;

typedef struct
{
  char *deleted;
  GHashTable *fields;         /* name → FieldClock */
} Meta;

/* The sync run: what one call of tl_office_sync() works with */
typedef struct
{
  TlStore *store;
  State *s;
  TlStoreSyncBatch *batch;
  TlOfficeSyncResult *result;
  GHashTable *metas;          /* tip id → Meta (read or changed in this run) */
  GHashTable *tips;           /* tip id → TlTip (the newest copy in this run), or NULL */
  GHashTable *dirty;          /* tip ids whose tip changed in this run */
  GHashTable *meta_dirty;     /* tip ids whose meta changed in this run */
  GPtrArray *out_records;     /* GVariant RECORD_TYPE, for this device's segment */
  GPtrArray *out_attachments; /* GVariant ATTACHMENT_TYPE, for this device's segment */
  GPtrArray *in_attachments;  /* GVariant (s ATTACHMENT_TYPE): who, and what arrived */
  gint64 now_ms;
} Run;

/* A file of the office folder not read yet (tl-office-folder.c) */
typedef struct
{
  char *name;
  GBytes *bytes;
} FolderFile;

/* tl-office-state.c */
State        *_tl_office_state_new            (void);
void          _tl_office_state_free           (State             *s);
State        *_tl_office_state_load           (TlStore           *store,
                                               GError           **error);
void          _tl_office_batch_state          (TlStoreSyncBatch  *batch,
                                               State             *s);
void          _tl_office_member_free          (Member            *m);
GVariant     *_tl_office_member_variant       (const Member      *m);
void          _tl_office_apply_member         (State             *s,
                                               GVariant          *v,
                                               gint64             seen);
GVariant     *_tl_office_bytes_variant        (const guint8      *data,
                                               gsize              length);
gboolean      _tl_office_get_fixed            (GVariant          *value,
                                               guint8            *out,
                                               gsize              length);
GVariant     *_tl_office_lookup               (GVariant          *dict,
                                               const char        *key,
                                               const char        *type);
guint64       _tl_office_lookup_u64           (GVariant          *dict,
                                               const char        *key);
char         *_tl_office_lookup_str           (GVariant          *dict,
                                               const char        *key);
void          _tl_office_add_office_keys      (GHashTable        *office_keys,
                                               GVariant          *keys);
guint64      *_tl_office_u64_new              (guint64            value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, _tl_office_state_free)

/* tl-office-merge.c */
void          _tl_office_meta_free            (Meta              *meta);
GBytes       *_tl_office_meta_serialize       (Meta              *meta);
Meta         *_tl_office_meta_parse           (GBytes            *bytes);
void          _tl_office_run_init             (Run               *run,
                                               TlStore           *store,
                                               State             *s);
void          _tl_office_run_clear            (Run               *run);
void          _tl_office_problem              (Run               *run,
                                               const char        *format,
                                               ...) G_GNUC_PRINTF (2, 3);
GVariant     *_tl_office_record_variant       (const char        *id,
                                               const char        *deleted,
                                               Meta              *meta,
                                               GHashTable        *only,
                                               TlTip             *tip);
gboolean      _tl_office_stamp_local_changes  (Run               *run,
                                               GError           **error);
gboolean      _tl_office_merge_record         (Run               *run,
                                               GVariant          *record,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Meta, _tl_office_meta_free)

/* tl-office-attachments.c (issue 20) */
gboolean      _tl_office_collect_attachments  (Run               *run,
                                               GError           **error);
void          _tl_office_receive_attachments  (Run               *run,
                                               const char        *who,
                                               GVariant          *records);
void          _tl_office_batch_attachments    (Run               *run);
gboolean      _tl_office_snapshot_attachments (Run               *run,
                                               const char        *tip_id,
                                               GError           **error);

/* tl-office-folder.c */
GPtrArray    *_tl_office_read_folder          (const char        *folder,
                                               GHashTable        *seen,
                                               GHashTable        *mine,
                                               GHashTable        *present,
                                               GPtrArray         *too_large,
                                               GError           **error);
gboolean      _tl_office_write_file           (const char        *folder,
                                               const char        *name,
                                               GBytes            *bytes,
                                               GError           **error);
void          _tl_office_remove_file          (const char        *folder,
                                               const char        *name);
const guint8 *_tl_office_key                  (State             *s,
                                               guint32            gen);
void          _tl_office_read_welcome         (Run               *run,
                                               FolderFile        *f);
void          _tl_office_read_keys            (Run               *run,
                                               FolderFile        *f);
gboolean      _tl_office_read_segments        (Run               *run,
                                               GPtrArray         *files,
                                               GError           **error);
void          _tl_office_read_ack             (Run               *run,
                                               FolderFile        *f);
gboolean      _tl_office_read_join            (Run               *run,
                                               FolderFile        *f,
                                               GError           **error);
GBytes       *_tl_office_build_segment        (Run               *run,
                                               gboolean           snapshot,
                                               GError           **error);
void          _tl_office_queue_segment        (Run               *run,
                                               GBytes            *file);
gboolean      _tl_office_flush_outbox         (State             *s,
                                               GError           **error);
gboolean      _tl_office_settle_outbox        (State             *s,
                                               GError           **error);
gboolean      _tl_office_write_ack            (Run               *run,
                                               char             **old_ack,
                                               GError           **error);
void          _tl_office_prune                (State             *s);

G_END_DECLS
