/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The audit log: who did what to which tip, and when. It never holds tip content, and
 * triggers in the schema reject any UPDATE or DELETE of its rows. The store records
 * create, edit, delete, unlock and failed unlocks itself; the app records view, export
 * and import through tl_store_audit(). */

const TlEnumValue tl_audit_action_values[] = {
  { TL_AUDIT_CREATE, "create", N_("Created") },
  { TL_AUDIT_EDIT, "edit", N_("Edited") },
  { TL_AUDIT_VIEW, "view", N_("Viewed") },
  { TL_AUDIT_EXPORT, "export", N_("Exported") },
  { TL_AUDIT_DELETE, "delete", N_("Deleted") },
  { TL_AUDIT_FAILED_UNLOCK, "failed-unlock", N_("Failed unlock") },
  { TL_AUDIT_UNLOCK, "unlock", N_("Unlocked") },
  { TL_AUDIT_IMPORT, "import", N_("Imported") },
  { TL_AUDIT_EXPORT_OVERRIDE, "export-override", N_("Exported with a withholding overridden") },
  { TL_AUDIT_KEY_ADD, "key-add", N_("Passphrase added") },
  { TL_AUDIT_KEY_REMOVE, "key-remove", N_("Passphrase removed") },
  { TL_AUDIT_RECOVERY_CODE, "recovery-code", N_("Recovery code created") },
  { TL_AUDIT_BACKUP, "backup", N_("Backed up") },
  { TL_AUDIT_RESTORE, "restore", N_("Restored") },
  { TL_AUDIT_FOLLOW_UP_ADD, "follow-up-add", N_("Follow-up added") },
  { TL_AUDIT_FOLLOW_UP_DONE, "follow-up-done", N_("Follow-up done") },
  { TL_AUDIT_FOLLOW_UP_SNOOZE, "follow-up-snooze", N_("Follow-up snoozed") },
  { TL_AUDIT_FOLLOW_UP_DROP, "follow-up-drop", N_("Follow-up dropped") },
  { TL_AUDIT_PASSPHRASE_CHANGE, "passphrase-change", N_("Passphrase changed") },
  { TL_AUDIT_RETENTION_EXTEND, "retention-extend", N_("Retention extended") },
  { TL_AUDIT_PURGE, "purge", N_("Expired tips purged") },
  { TL_AUDIT_ATTACH, "attach", N_("Attachment added") },
  { TL_AUDIT_ATTACHMENT_DELETE, "attachment-delete", N_("Attachment removed") },
  { TL_AUDIT_ATTACHMENT_CLASSIFY, "attachment-classify", N_("Attachment classified") },
  { TL_AUDIT_SYNC, "sync", N_("Changed by the office sync") },
  { TL_AUDIT_OFFICE, "office", N_("Office membership changed") },
  /* sealed-bundles (issue 21) */
  { TL_AUDIT_AGENCY_ADD, "agency-add", N_("Agency key saved") },
  { TL_AUDIT_AGENCY_REMOVE, "agency-remove", N_("Agency key removed") },
  { TL_AUDIT_ATTACHMENT_EXPORT, "attachment-export", N_("Attachment written out") },
  { 0, NULL, NULL },
};

/* helpers */

typedef struct
{
  gint64 at;
  TlAuditAction action;
  char *tip_id;
  char *detail;
} Deferred;

static void
deferred_free (gpointer data)
{
  Deferred *d = data;

  g_free (d->tip_id);
  g_free (d->detail);
  g_free (d);
}

/* The deferred entries went in with a transaction. A commit marks them done, and the
 * next audit entry forgets them; a rollback (also after a COMMIT that failed: the
 * caller rolls back) puts them back to wait. */
static int
commit_cb (void *data)
{
  TlStore *self = data;

  self->inflight_committed = TRUE;
  return 0;
}

static void
rollback_cb (void *data)
{
  TlStore *self = data;

  if (self->inflight_audit == NULL || self->inflight_audit->len == 0)
    return;
  self->inflight_committed = FALSE;
  g_ptr_array_extend_and_steal (self->deferred_audit, g_steal_pointer (&self->inflight_audit));
  self->inflight_audit = g_ptr_array_new_with_free_func (deferred_free);
}

/* Inside a transaction: the held-back entries go in first, oldest first; the commit and
 * rollback hooks decide whether they are done. */
static gboolean
insert_deferred (TlStore  *self,
                 GError  **error)
{
  while (self->deferred_audit != NULL && self->deferred_audit->len > 0)
    {
      Deferred *d = g_ptr_array_index (self->deferred_audit, 0);

      if (!_tl_store_audit_insert (self->db, self->advocate, d->at,
                                   tl_enum_to_nick (tl_audit_action_values, d->action),
                                   d->tip_id, d->detail, error))
        return FALSE;
      g_ptr_array_add (self->inflight_audit, g_ptr_array_steal_index (self->deferred_audit, 0));
    }
  return TRUE;
}

/* At close, the entries a full disk held back have their last chance in a transaction
 * of their own: space may have come back since, with no write to carry them. */
static void
write_deferred (TlStore *self)
{
  g_autoptr(GError) error = NULL;
  const char *what = "record the held-back audit entries";

  if (self->deferred_audit == NULL || self->deferred_audit->len == 0 ||
      !sqlite3_get_autocommit (self->db) ||
      !_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, &error))
    return;
  if (!insert_deferred (self, &error) || !_tl_store_exec (self->db, "COMMIT", what, &error))
    {
      _tl_store_exec (self->db, "ROLLBACK", what, NULL);
      return;
    }
  g_ptr_array_set_size (self->inflight_audit, 0);
  self->inflight_committed = FALSE;
}

static void
defer_entry (TlStore       *self,
             gint64         at,
             TlAuditAction  action,
             const char    *tip_id,
             const char    *detail)
{
  Deferred *d = g_new0 (Deferred, 1);

  d->at = at;
  d->action = action;
  d->tip_id = g_strdup (tip_id);
  d->detail = g_strdup (detail);
  if (self->deferred_audit == NULL)
    {
      self->deferred_audit = g_ptr_array_new_with_free_func (deferred_free);
      self->inflight_audit = g_ptr_array_new_with_free_func (deferred_free);
    }
  g_ptr_array_add (self->deferred_audit, d);
  self->write_deferred_audit = write_deferred;
  sqlite3_commit_hook (self->db, commit_cb, self);
  sqlite3_rollback_hook (self->db, rollback_cb, self);
}


/* private API */


/* On a full disk the store still opens and backs up: the audit entry waits in memory
 * for the next write to the store (any that writes an audit entry). */
void
_tl_store_audit_defer (TlStore       *self,
                       gint64         at,
                       TlAuditAction  action,
                       const char    *detail)
{
  defer_entry (self, at, action, NULL, detail);
}

void
_tl_store_audit_defer_tip (TlStore       *self,
                           gint64         at,
                           TlAuditAction  action,
                           const char    *tip_id)
{
  defer_entry (self, at, action, tip_id, NULL);
}

gboolean
_tl_store_audit_at (TlStore        *self,
                    gint64          at,
                    TlAuditAction   action,
                    const char     *tip_id,
                    GError        **error)
{
  return _tl_store_audit_detail (self, at, action, tip_id, NULL, error);
}

gboolean
_tl_store_audit_detail (TlStore        *self,
                        gint64          at,
                        TlAuditAction   action,
                        const char     *tip_id,
                        const char     *detail,
                        GError        **error)
{
  if (self->inflight_committed)
    {
      g_ptr_array_set_size (self->inflight_audit, 0);
      self->inflight_committed = FALSE;
    }
  if (!sqlite3_get_autocommit (self->db) && !insert_deferred (self, error))
    return FALSE;

  return _tl_store_audit_insert (self->db, self->advocate, at,
                                 tl_enum_to_nick (tl_audit_action_values, action),
                                 tip_id, detail, error);
}

/* public API */

void
tl_audit_entry_free (TlAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->advocate);
  g_free (entry->tip_id);
  g_free (entry->detail);
  g_free (entry);
}

gboolean
tl_store_audit (TlStore        *self,
                TlAuditAction   action,
                const char     *tip_id,
                GError        **error)
{
  GError *local_error = NULL;
  gint64 now;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (tl_enum_to_nick (tl_audit_action_values, action) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  now = g_get_real_time ();
  if (!_tl_store_audit_at (self, now, action, tip_id, &local_error))
    {
      /* A full store disk still lets the advocate read and export to another disk: the
       * entry waits in memory for the next write (outside a transaction only: inside
       * one, the caller's write fails with it). tl_store_get_unwritten_audit() tells a
       * front end that ends before then. */
      if (g_error_matches (local_error, TL_ERROR, TL_ERROR_NO_SPACE) &&
          sqlite3_get_autocommit (self->db))
        {
          g_clear_error (&local_error);
          g_message ("The disk is full: an audit entry waits for the next change");
          defer_entry (self, now, action, tip_id, NULL);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

guint
tl_store_get_unwritten_audit (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), 0);

  return self->deferred_audit != NULL ? self->deferred_audit->len : 0;
}

/* Oldest first; all entries when tip_id is NULL. */
GPtrArray *
tl_store_list_audit (TlStore     *self,
                     const char  *tip_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  /* One tip's entries through the audit_tip index: "?1 IS NULL OR tip_id = ?1" read
   * the whole log (457 ms more than a one-tip store at 10,000 tips, issue 16). */
  rc = sqlite3_prepare_v2 (self->db,
                           tip_id != NULL
                           ? "SELECT at, advocate, action, tip_id, seq, detail FROM audit "
                             "WHERE tip_id = ?1 ORDER BY seq"
                           : "SELECT at, advocate, action, tip_id, seq, detail FROM audit "
                             "ORDER BY seq",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the store’s audit log."));
      return NULL;
    }
  if (tip_id != NULL)
    sqlite3_bind_text (stmt, 1, tip_id, -1, SQLITE_TRANSIENT);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TlAuditEntry *entry = g_new0 (TlAuditEntry, 1);
      int action = TL_AUDIT_VIEW;

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->advocate = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      tl_enum_from_nick (tl_audit_action_values, (const char *) sqlite3_column_text (stmt, 2), &action);
      entry->action = action;
      entry->tip_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->seq = sqlite3_column_int64 (stmt, 4);
      entry->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the store’s audit log."));
      return NULL;
    }

  return g_steal_pointer (&entries);
}
