/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-store-private.h"

/* The TlStore object itself: its folder, its connection and its signal. Every other
 * store file adds methods on top of this one and none below it, so the store's files
 * call each other in one direction only (HACKING.md). Opening and closing with a
 * passphrase is tl-store.c. */

G_DEFINE_FINAL_TYPE (TlStore, tl_store, G_TYPE_OBJECT)

enum {
  TIPS_CHANGED,
  AUDIT_UNWRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

char *
_tl_store_path (TlStore    *self,
            const char *name)
{
  return g_build_filename (self->dir, name, NULL);
}

void
_tl_store_remove_files (TlStore *self)
{
  static const char * const names[] = {
    TL_STORE_DB_NAME, TL_STORE_DB_NAME "-wal", TL_STORE_DB_NAME "-shm", TL_STORE_KEYS_NAME,
    TL_STORE_CLOSED_NAME,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = _tl_store_path (self, names[i]);

      g_unlink (path);
    }
}

/* overrides */

static void
tl_store_dispose (GObject *object)
{
  /* Closed here, while handlers are still connected: a full disk's unwritten audit
   * entries are announced (TlStore::audit-unwritten). */
  tl_store_lock ((TlStore *) object);

  G_OBJECT_CLASS (tl_store_parent_class)->dispose (object);
}

static void
tl_store_finalize (GObject *object)
{
  TlStore *self = (TlStore *) object;

  tl_store_lock (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->keys_path, g_free);
  g_clear_pointer (&self->advocate, g_free);

  G_OBJECT_CLASS (tl_store_parent_class)->finalize (object);
}

static void
tl_store_class_init (TlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_store_dispose;
  object_class->finalize = tl_store_finalize;

  /**
   * TlStore::tips-changed:
   * @tip_id: the id of the tip that was saved or deleted
   *
   * Emitted after a tip was saved or deleted (@tip_id %NULL after an import). When
   * the change was made in a worker thread, it is emitted later in the main context
   * of the thread that created the store, so handlers may touch widgets.
   */
  signals[TIPS_CHANGED] = g_signal_new ("tips-changed",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TlStore::audit-unwritten:
   * @count: how many audit entries are lost
   *
   * Emitted when the store is closed while audit entries that a full disk held back in
   * memory (tl_store_get_unwritten_audit()) could not be written yet: they are lost,
   * and a front end says so plainly.
   */
  signals[AUDIT_UNWRITTEN] = g_signal_new ("audit-unwritten",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static void
tl_store_init (TlStore *self)
{
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  _tl_store_lock_init (self);
  self->marks.every = TL_STORE_LIST_MARK_EVERY;
}

/* private API */

typedef struct
{
  TlStore *store;
  char *tip_id;
} Emission;

void
_tl_store_kdf_limits (TlKdfStrength  strength,
                      guint64       *opslimit,
                      guint64       *memlimit)
{
  switch (strength)
    {
    case TL_KDF_MINIMUM:
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      break;

    case TL_KDF_MODERATE:
    default:
      *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

gboolean
_tl_store_check_unlocked (TlStore  *self,
                          GError  **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error_literal (error, TL_ERROR, TL_ERROR_LOCKED,
                       _("The store is locked. Unlock it with your passphrase and try again."));
  return FALSE;
}

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->store);
  g_free (emission->tip_id);
  g_free (emission);
}

static gboolean
emit_tips_changed_cb (gpointer data)
{
  Emission *emission = data;

  g_signal_emit (emission->store, signals[TIPS_CHANGED], 0, emission->tip_id);
  return G_SOURCE_REMOVE;
}

void
_tl_store_emit_tips_changed (TlStore    *self,
                             const char *tip_id)
{
  g_autoptr(GSource) source = NULL;
  Emission *emission;

  self->generation++;
  if (g_thread_self () == self->owner)
    {
      g_signal_emit (self, signals[TIPS_CHANGED], 0, tip_id);
      return;
    }

  /* Handlers update widgets: run them where the store was made, not in the worker.
   * Always through a source: g_main_context_invoke() would run the handlers right here
   * whenever the worker could acquire the (shared default) context. */
  emission = g_new0 (Emission, 1);
  emission->store = g_object_ref (self);
  emission->tip_id = g_strdup (tip_id);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_tips_changed_cb, emission, emission_free);
  g_source_set_static_name (source, "[tipline] tips-changed");
  g_source_attach (source, self->context);
}

/* public API */

char *
tl_store_default_dir (void)
{
  const char *env = g_getenv ("TIPLINE_STORE");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "tipline", NULL);
}

TlStore *
tl_store_new (const char *dir)
{
  TlStore *self = g_object_new (TL_TYPE_STORE, NULL);

  self->dir = dir != NULL ? g_strdup (dir) : tl_store_default_dir ();
  self->db_path = _tl_store_path (self, TL_STORE_DB_NAME);
  self->keys_path = _tl_store_path (self, TL_STORE_KEYS_NAME);

  return self;
}

const char *
tl_store_get_dir (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  return self->dir;
}

gboolean
tl_store_exists (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  return g_file_test (self->db_path, G_FILE_TEST_EXISTS) ||
         g_file_test (self->keys_path, G_FILE_TEST_EXISTS);
}

gboolean
tl_store_is_unlocked (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  return self->db != NULL;
}

/* Who the store records as doing things (the passphrase's label, or what
 * tl_store_set_advocate() gave); NULL when nobody is named. */
const char *
tl_store_get_advocate (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  return self->advocate;
}

void
tl_store_set_advocate (TlStore    *self,
                       const char *advocate)
{
  g_return_if_fail (TL_IS_STORE (self));

  g_free (self->advocate);
  self->advocate = g_strdup (advocate);
}

void
tl_store_set_wait (TlStore  *self,
                   gboolean  wait)
{
  g_return_if_fail (TL_IS_STORE (self));

  self->lock_wait = wait;
}

void
tl_store_set_exclusive (TlStore  *self,
                        gboolean  exclusive)
{
  g_return_if_fail (TL_IS_STORE (self));

  self->lock_exclusive = exclusive;
}

void
tl_store_lock (TlStore *self)
{
  g_return_if_fail (TL_IS_STORE (self));

  _tl_store_close_db (self);
  g_clear_pointer (&self->anchor_key, tl_secret_free);
  _tl_store_keys_unlock (self);
  _tl_store_lock_drop (self);
}

/* Closes the database but keeps the lock on the store folder (restore and re-key close
 * and reopen it while other programs must stay out). */
void
_tl_store_close_db (TlStore *self)
{
  g_autoptr(GError) error = NULL;
  gboolean clean;

  if (self->db == NULL)
    return;

  /* Audit entries a full disk held back (tl-store-audit.c) have their last chance. */
  if (self->write_deferred_audit != NULL)
    self->write_deferred_audit (self);
  if (self->deferred_audit != NULL && self->deferred_audit->len > 0)
    {
      guint lost = self->deferred_audit->len;

      g_message ("The store was closed before %u audit entries could be recorded (the disk was full)",
                 lost);
      g_clear_pointer (&self->deferred_audit, g_ptr_array_unref);
      g_signal_emit (self, signals[AUDIT_UNWRITTEN], 0, lost);
    }
  g_clear_pointer (&self->deferred_audit, g_ptr_array_unref);
  g_clear_pointer (&self->inflight_audit, g_ptr_array_unref);
  self->inflight_committed = FALSE;

  /* A check still running on its own connection would hold the log open. */
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->check_key, tl_secret_free);
  self->check_due = FALSE;

  /* Words removed by deletes and edits leave the search index now (tl-store-purge.c),
   * unless the store is damaged: then nothing more is written. */
  if (!self->damaged && !_tl_store_purge_run (self->db, &error))
    g_warning ("The search index was not cleaned up: %s", error->message);

  /* Fold the write-ahead log into the database so the folder holds one file at rest;
   * only then, and only for an undamaged store, is the close a clean one. */
  clean = sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) == SQLITE_OK;
  clean = sqlite3_close_v2 (self->db) == SQLITE_OK && clean && !self->damaged;
  self->db = NULL;
  self->damaged = FALSE;
  if (clean)
    _tl_store_mark_clean (self->dir);

  g_clear_pointer (&self->cursor.id, g_free);
  self->cursor.valid = FALSE;
  g_clear_pointer (&self->marks.keys, g_array_unref);   /* tl-store-list-marks.c */
  self->marks.complete = FALSE;
}

/* Writes wait for the advocate's decision once damage was found after unlock
 * (tl-store-integrity.c). */
gboolean
_tl_store_check_writable (TlStore  *self,
                          GError  **error)
{
  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  if (self->damaged)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                           _("Tipline found damage in the store, so it writes nothing more to it until you decide: restore the newest backup, or keep working with the store as it is."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_tl_store_fix_permissions (const char  *dir,
                           GError     **error)
{
  static const char * const names[] = {
    TL_STORE_DB_NAME, TL_STORE_DB_NAME "-wal", TL_STORE_DB_NAME "-shm",
    TL_STORE_KEYS_NAME, TL_STORE_FAILED_NAME, TL_STORE_CLOSED_NAME, TL_STORE_LOCK_NAME,
    TL_STORE_ANCHOR_NAME, NULL
  };

  if (tl_make_private_folder (dir, names))
    return TRUE;

  g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                       _("Tipline could not create a private folder for the store. Check that you may write to that place, then try again."));
  return FALSE;
}
