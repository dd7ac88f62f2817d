/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-store.h"

G_BEGIN_DECLS

/* An office: several Tipline stores kept in step through a folder that a sync engine
 * (Syncthing) carries between machines (issue 21, docs/sync.md). Tipline only reads and
 * writes files in that folder; it never opens a network connection. Every function
 * needs the store unlocked. */

typedef struct
{
  char *device;               /* 16 hex digits */
  char *name;                 /* what the advocate called the device */
  gboolean removed;
  gboolean is_self;
  gint64 last_seen;           /* unix ms of the newest segment or acknowledgement read
                               * from it (for this device: its last sync); 0 = never */
} TlOfficeMember;

typedef struct
{
  char *id;
  char *tip_id;
  char *field;                /* tl-sync-fields.c names, e.g. "narrative" */
  char *shown_value;          /* the value the tip has now (the later change) */
  char *shown_device;
  gint64 shown_at;            /* unix ms */
  char *other_value;          /* the concurrent change that lost */
  char *other_device;
  gint64 other_at;
} TlOfficeConflict;

typedef struct
{
  gboolean member;            /* FALSE while a join waits for a member to let it in */
  char *folder;
  char *device;
  char *device_name;
  guint32 generation;         /* of the office key in use */
  gint64 last_sync;           /* unix ms, 0 = never */
  guint conflicts;            /* open */
} TlOfficeStatus;

typedef struct
{
  guint segments_read;
  guint changes_applied;      /* tip changes and tombstones taken from others */
  guint changes_sent;         /* in the segment this sync wrote */
  guint conflicts_new;
  guint members_added;        /* join requests accepted */
  gboolean wrote_segment;
  gboolean became_member;     /* a welcome was opened: this device joined */
  GPtrArray *problems;        /* char *: one sentence per file refused or not readable */
} TlOfficeSyncResult;

typedef enum
{
  TL_OFFICE_SYNC_DEFAULT = 0,
  TL_OFFICE_SYNC_SNAPSHOT = 1 << 0,   /* also write a snapshot of the whole store */
} TlOfficeSyncFlags;

typedef enum
{
  TL_OFFICE_KEEP_SHOWN,
  TL_OFFICE_KEEP_OTHER,
} TlOfficeChoice;

gboolean    tl_office_is_set_up      (TlStore       *store);
/* A new office in folder (which must exist), with this device as its first member. */
gboolean    tl_office_create         (TlStore       *store,
                                      const char    *folder,
                                      const char    *device_name,
                                      GError       **error);
/* A one-time join code for one more device (valid for a day), to read aloud. */
char       *tl_office_invite         (TlStore       *store,
                                      GError       **error);
/* Asks to join the office in folder with the code a member read out; the next syncs
 * on a member and then here finish it. */
gboolean    tl_office_join           (TlStore       *store,
                                      const char    *folder,
                                      const char    *device_name,
                                      const char    *code,
                                      GError       **error);
GPtrArray  *tl_office_list_members   (TlStore       *store,
                                      GError       **error);
/* Removes a member and rotates the office key: what is written from now on is
 * unreadable to it. device: its id (or a unique start of it) or its name. */
gboolean    tl_office_remove_member  (TlStore       *store,
                                      const char    *device,
                                      GError       **error);
gboolean    tl_office_get_status     (TlStore       *store,
                                      TlOfficeStatus *status,
                                      GError       **error);
/* Reads what the others wrote, merges it, writes this device's changes. */
TlOfficeSyncResult *tl_office_sync   (TlStore       *store,
                                      TlOfficeSyncFlags flags,
                                      GError       **error);
/* tl_office_sync() on a worker thread, the result delivered in the caller's main
 * context. The store's connection is not shared between threads: nothing else may use
 * the store until callback runs (the app holds its TlContext). A cancelled sync that
 * has not started returns G_IO_ERROR_CANCELLED; one that started runs to its end (its
 * writes are one transaction and files the next sync settles). */
void        tl_office_sync_async     (TlStore             *store,
                                      TlOfficeSyncFlags    flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
TlOfficeSyncResult *tl_office_sync_finish (TlStore       *store,
                                           GAsyncResult  *result,
                                           GError       **error);
GPtrArray  *tl_office_list_conflicts (TlStore       *store,
                                      GError       **error);
gboolean    tl_office_resolve        (TlStore       *store,
                                      const char    *conflict_id,
                                      TlOfficeChoice choice,
                                      GError       **error);

void        tl_office_member_free    (TlOfficeMember   *member);
void        tl_office_conflict_free  (TlOfficeConflict *conflict);
void        tl_office_status_clear   (TlOfficeStatus   *status);
void        tl_office_sync_result_free (TlOfficeSyncResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlOfficeSyncResult, tl_office_sync_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlOfficeMember, tl_office_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlOfficeConflict, tl_office_conflict_free)

G_END_DECLS
