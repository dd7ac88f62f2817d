/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-store.h"

G_BEGIN_DECLS

/* What the office sync (src/core/sync, docs/sync.md) keeps inside the encrypted store:
 * named records (device keys, office keys, members, read positions), each tip's field
 * clocks ("meta", opaque here) and the audit entries of the other devices. The store
 * does not read any of it; it only keeps a tip's meta beside the revision of the tip it
 * describes, so a save since the last sync is found by one query. */

/* NULL with no error when there is no such record. */
GBytes     *tl_store_sync_get            (TlStore      *self,
                                          const char   *key,
                                          GError      **error);
/* value NULL removes the record. */
gboolean    tl_store_sync_put            (TlStore      *self,
                                          const char   *key,
                                          GBytes       *value,
                                          GError      **error);
/* Records whose key starts with prefix, as key → GBytes. */
GHashTable *tl_store_sync_list           (TlStore      *self,
                                          const char   *prefix,
                                          GError      **error);

/* A tip's meta; NULL with no error when it has none. *revision (may be NULL): the tip
 * revision it was taken at, -1 for a tombstone. */
GBytes     *tl_store_sync_get_meta       (TlStore      *self,
                                          const char   *id,
                                          gint64       *revision,
                                          GError      **error);
/* Tips saved here since their meta was written (or never described), and tips with a
 * live meta that are no longer stored (deleted here): char * ids, either may be empty. */
gboolean    tl_store_sync_list_pending   (TlStore      *self,
                                          GPtrArray   **changed,
                                          GPtrArray   **deleted,
                                          GError      **error);
/* Every tip's meta, id → GBytes (tombstones too): for a snapshot. */
GHashTable *tl_store_sync_list_metas     (TlStore      *self,
                                          GError      **error);
/* This store's own audit entries after seq (TlAuditEntry, oldest first). */
GPtrArray  *tl_store_sync_list_audit_since (TlStore    *self,
                                          gint64        seq,
                                          GError      **error);
/* The audit entries received from other devices (TlAuditEntry, detail prefixed with
 * nothing; device in *devices, same order), oldest first per device. */
GPtrArray  *tl_store_sync_list_remote_audit (TlStore   *self,
                                          GPtrArray   **devices,
                                          GError      **error);

/* Many changes in one transaction: all of them, or on any error none. */
typedef struct _TlStoreSyncBatch TlStoreSyncBatch;

TlStoreSyncBatch *tl_store_sync_batch_new        (void);
void        tl_store_sync_batch_free             (TlStoreSyncBatch *batch);
/* Writes tip (audited as a sync change, detail: who) and its meta at the tip's new
 * revision; with tip NULL only the meta of the stored tip id, at its current revision. */
void        tl_store_sync_batch_write            (TlStoreSyncBatch *batch,
                                                  const char       *id,
                                                  TlTip            *tip,
                                                  GBytes           *meta,
                                                  const char       *who);
/* Removes tip id (if stored; audited as a deletion by the sync, detail: who) and keeps
 * meta as its tombstone. */
void        tl_store_sync_batch_remove           (TlStoreSyncBatch *batch,
                                                  const char       *id,
                                                  GBytes           *meta,
                                                  const char       *who);
void        tl_store_sync_batch_put              (TlStoreSyncBatch *batch,
                                                  const char       *key,
                                                  GBytes           *value);
void        tl_store_sync_batch_add_audit        (TlStoreSyncBatch *batch,
                                                  const char       *device,
                                                  const TlAuditEntry *entry,
                                                  const char       *action);
/* An entry in this store's own audit log (membership changes). */
void        tl_store_sync_batch_audit_here       (TlStoreSyncBatch *batch,
                                                  TlAuditAction     action,
                                                  const char       *detail);
/* issue 20: an attachment that arrived (carried is taken; its tip written earlier in the
 * batch, or stored), or one removed by its hash, audited with who. */
void        tl_store_sync_batch_add_attachment   (TlStoreSyncBatch *batch,
                                                  TlCarriedAttachment *carried,
                                                  const char       *who);
void        tl_store_sync_batch_remove_attachment (TlStoreSyncBatch *batch,
                                                  const char       *tip_id,
                                                  const char       *sha256,
                                                  const char       *who);
/* Every stored tip goes on the list of tips the next sync describes (a store that
 * creates or joins an office sends all it has). */
void        tl_store_sync_batch_mark_all         (TlStoreSyncBatch *batch);
guint       tl_store_sync_batch_get_size         (TlStoreSyncBatch *batch);
gboolean    tl_store_sync_batch_commit           (TlStore          *self,
                                                  TlStoreSyncBatch *batch,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlStoreSyncBatch, tl_store_sync_batch_free)

G_END_DECLS
