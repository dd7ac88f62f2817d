/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* The store: one folder with the encrypted database and the key-slot file that holds its
 * master key wrapped under each passphrase (docs/store-format.md). This file handles the
 * object and the keys; tips, search, schema and audit live in tl-store-*.c. */

G_DEFINE_FINAL_TYPE (TlStore, tl_store, G_TYPE_OBJECT)

enum {
  TIPS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static char *
store_path (TlStore    *self,
            const char *name)
{
  return g_build_filename (self->dir, name, NULL);
}

static gboolean
wrong_passphrase (TlStore  *self,
                  GError  **error)
{
  _tl_store_note_failed_unlock (self);
  g_set_error_literal (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE,
                       _("The passphrase is wrong."));
  return FALSE;
}

/* Tries every slot; returns the index of the one that opened, or -1. The recovery slot
 * is only tried when the text is a well-formed recovery code (its check digits match),
 * which spares a key derivation per unlock. */
int
_tl_store_unwrap_any (GPtrArray   *slots,
                      const char  *passphrase,
                      TlSecret    *master,
                      GError     **error)
{
  g_autoptr(TlSecret) code = _tl_recovery_code_normalize (passphrase);

  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);
      const char *secret = passphrase;
      gboolean ok;

      if (slot->kind == TL_KEYSLOT_KIND_RECOVERY)
        {
          if (code == NULL)
            continue;
          secret = (const char *) code->data;
        }

      sodium_mprotect_readwrite (master->data);
      ok = tl_keyslot_unwrap (slot, secret, master->data, error);
      sodium_mprotect_readonly (master->data);

      if (ok)
        return i;
      if (error != NULL && *error != NULL)
        return -1;
    }

  return -1;
}

static void
remove_store_files (TlStore *self)
{
  static const char * const names[] = {
    TL_STORE_DB_NAME, TL_STORE_DB_NAME "-wal", TL_STORE_DB_NAME "-shm", TL_STORE_KEYS_NAME,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = store_path (self, names[i]);

      g_unlink (path);
    }
}

static gboolean
finish_unlock (TlStore  *self,
               GError  **error)
{
  g_autofree char *failed = store_path (self, TL_STORE_FAILED_NAME);

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", _("Tipline could not open the store."), error))
    return FALSE;

  if (!_tl_store_collect_failed_unlocks (self, error) ||
      !_tl_store_audit_at (self, g_get_real_time (), TL_AUDIT_UNLOCK, NULL, error) ||
      !_tl_store_exec (self->db, "COMMIT", _("Tipline could not open the store."), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  /* Only now that the attempts are in the audit log. */
  g_unlink (failed);
  return TRUE;
}

/* overrides */

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

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static void
tl_store_init (TlStore *self)
{
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
}

/* private API */

const char *
_tl_store_damaged_message (void)
{
  return _("The store is damaged or is not a Tipline store. Restore the store folder from your latest backup, or ask your administrator for help.");
}

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

typedef struct
{
  TlStore *store;
  char *tip_id;
} Emission;

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

TlStore *
_tl_store_new_plain (const char *dir)
{
  TlStore *self = tl_store_new (dir);

  self->plain = TRUE;
  return self;
}

gboolean
_tl_store_create_from_plain (TlStore        *self,
                             const char     *passphrase,
                             TlKdfStrength   strength,
                             const char     *plain_dir,
                             GError        **error)
{
  g_autofree char *plain_path = g_build_filename (plain_dir, TL_STORE_DB_NAME, NULL);
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  TlKeySlot *slot;
  guint64 opslimit, memlimit;

  g_return_val_if_fail (TL_IS_STORE (self) && !self->plain, FALSE);

  if (tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_EXISTS, "The folder already holds a store");
      return FALSE;
    }
  if (!_tl_store_fix_permissions (self->dir, error))
    return FALSE;

  master = _tl_secret_new (TL_MASTER_KEY_BYTES);
  randombytes_buf (master->data, master->length);
  sodium_mprotect_readonly (master->data);

  _tl_store_kdf_limits (strength, &opslimit, &memlimit);
  slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, self->advocate ? self->advocate : "",
                          passphrase, master->data, opslimit, memlimit, error);
  if (slot == NULL)
    return FALSE;
  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
  g_ptr_array_add (slots, slot);

  if (!_tl_store_db_export_encrypted (plain_path, self->db_path, master, error) ||
      !tl_keyslot_save (self->keys_path, slots, error) ||
      !_tl_store_fix_permissions (self->dir, error))
    {
      remove_store_files (self);
      return FALSE;
    }

  return TRUE;
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
  self->db_path = store_path (self, TL_STORE_DB_NAME);
  self->keys_path = store_path (self, TL_STORE_KEYS_NAME);

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

void
tl_store_set_advocate (TlStore    *self,
                       const char *advocate)
{
  g_return_if_fail (TL_IS_STORE (self));

  g_free (self->advocate);
  self->advocate = g_strdup (advocate);
}

gboolean
tl_store_create (TlStore        *self,
                 const char     *passphrase,
                 TlKdfStrength   strength,
                 GError        **error)
{
  return _tl_store_create_full (self, passphrase, strength, NULL, error);
}

gboolean
_tl_store_create_full (TlStore        *self,
                       const char     *passphrase,
                       TlKdfStrength   strength,
                       char          **recovery_code,
                       GError        **error)
{
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  guint64 opslimit, memlimit;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_EXISTS,
                           _("There is already a Tipline store in this folder. Unlock it with its passphrase, or choose another folder."));
      return FALSE;
    }

  tl_store_lock (self);

  if (!_tl_store_fix_permissions (self->dir, error))
    return FALSE;

  if (!self->plain)
    {
      TlKeySlot *slot;

      master = _tl_secret_new (TL_MASTER_KEY_BYTES);
      randombytes_buf (master->data, master->length);
      sodium_mprotect_readonly (master->data);

      _tl_store_kdf_limits (strength, &opslimit, &memlimit);
      slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, self->advocate ? self->advocate : "",
                              passphrase, master->data, opslimit, memlimit, error);
      if (slot == NULL)
        return FALSE;
      slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
      g_ptr_array_add (slots, slot);

      if (recovery_code != NULL)
        {
          *recovery_code = _tl_store_add_recovery_slot (slots, master, strength, error);
          if (*recovery_code == NULL)
            return FALSE;
        }
    }

  self->db = _tl_store_db_open (self->db_path, master, TRUE, error);
  if (self->db == NULL)
    goto fail;

  /* The key file is written last: until it exists nothing can open the database, and a
   * failure before it leaves no half-made store behind. */
  if (!_tl_store_migrate (self->db, error) ||
      (slots != NULL && !tl_keyslot_save (self->keys_path, slots, error)) ||
      !_tl_store_fix_permissions (self->dir, error))
    goto fail;

  return TRUE;

fail:
  tl_store_lock (self);
  remove_store_files (self);
  if (recovery_code != NULL)
    g_clear_pointer (recovery_code, tl_store_secret_free);
  return FALSE;
}

gboolean
tl_store_unlock (TlStore     *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  GError *local_error = NULL;
  int index = -1;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tl_store_lock (self);

  if (!tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NO_STORE,
                           _("There is no Tipline store in this folder yet. Create one, or choose the folder that holds your store."));
      return FALSE;
    }

  if (!self->plain)
    {
      slots = tl_keyslot_load (self->keys_path, &local_error);
      if (slots == NULL)
        {
          if (g_error_matches (local_error, TL_ERROR, TL_ERROR_DAMAGED))
            {
              g_clear_error (&local_error);
              _tl_store_set_damaged_error (self, error);
            }
          else
            g_propagate_error (error, local_error);
          return FALSE;
        }

      master = _tl_secret_new (TL_MASTER_KEY_BYTES);
      index = _tl_store_unwrap_any (slots, passphrase, master, &local_error);
      if (index < 0)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          /* A re-key that stopped between its two renames: the pending key file
           * holds every remaining passphrase (tl-store-rekey.c). */
          if (!_tl_store_rekey_pending (self))
            return wrong_passphrase (self, error);
          if (!_tl_store_rekey_resume (self, passphrase, error))
            return FALSE;
          goto opened;
        }

      /* The audit log names whoever unlocked: the slot's label unless the front end
       * set a name. */
      if (self->advocate == NULL)
        {
          const TlKeySlot *slot = g_ptr_array_index (slots, index);

          if (slot->label[0] != '\0')
            self->advocate = g_strdup (slot->label);
        }
    }

  if (!g_file_test (self->db_path, G_FILE_TEST_IS_REGULAR) ||
      (!self->plain && !_tl_store_check_size (self, error)))
    {
      if (error == NULL || *error == NULL)
        _tl_store_set_damaged_error (self, error);
      return FALSE;
    }

  self->db = _tl_store_db_open (self->db_path, master, FALSE, &local_error);
  g_clear_pointer (&master, _tl_secret_free);
  if (self->db == NULL && !self->plain &&
      g_error_matches (local_error, TL_ERROR, TL_ERROR_DAMAGED) && _tl_store_rekey_pending (self))
    {
      g_clear_error (&local_error);
      if (!_tl_store_rekey_resume (self, passphrase, error))
        return FALSE;
    }
  else if (self->db == NULL)
    {
      if (g_error_matches (local_error, TL_ERROR, TL_ERROR_DAMAGED))
        {
          g_clear_error (&local_error);
          _tl_store_set_damaged_error (self, error);
        }
      else
        g_propagate_error (error, local_error);
      return FALSE;
    }
  else if (!self->plain)
    _tl_store_rekey_discard (self);

opened:
  /* Reads every page once, so damage anywhere is found now, with a message that says
   * what to do, rather than halfway through someone's work. */
  if (!_tl_store_check_pages (self, error) ||
      !_tl_store_migrate (self->db, error) ||
      !_tl_store_fix_permissions (self->dir, error) ||
      !finish_unlock (self, error))
    {
      tl_store_lock (self);
      return FALSE;
    }

  return TRUE;
}

void
tl_store_lock (TlStore *self)
{
  g_return_if_fail (TL_IS_STORE (self));

  if (self->db == NULL)
    return;

  /* Fold the write-ahead log into the database so the folder holds one file at rest. */
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close_v2 (self->db);
  self->db = NULL;

  g_clear_pointer (&self->cursor.id, g_free);
  self->cursor.valid = FALSE;
}

gboolean
tl_store_change_passphrase (TlStore        *self,
                            const char     *old_passphrase,
                            const char     *new_passphrase,
                            TlKdfStrength   strength,
                            GError        **error)
{
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  GError *local_error = NULL;
  const TlKeySlot *old_slot;
  TlKeySlot *new_slot;
  guint64 opslimit, memlimit;
  int index;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tl_store_exists (self))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NO_STORE,
                           _("There is no Tipline store in this folder yet. Create one, or choose the folder that holds your store."));
      return FALSE;
    }

  slots = tl_keyslot_load (self->keys_path, error);
  if (slots == NULL)
    return FALSE;

  master = _tl_secret_new (TL_MASTER_KEY_BYTES);
  index = _tl_store_unwrap_any (slots, old_passphrase, master, &local_error);
  if (index < 0)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return wrong_passphrase (self, error);
    }

  /* Rewrap only: the database and its key stay as they are. */
  old_slot = g_ptr_array_index (slots, index);
  if (old_slot->kind == TL_KEYSLOT_KIND_RECOVERY)
    {
      /* A "recovery" slot with a passphrase in it would never be tried again. */
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The recovery code cannot be changed like a passphrase. Add a passphrase for yourself with “tipline-cli keys add”, or make a new code with “tipline-cli keys recovery”."));
      return FALSE;
    }
  _tl_store_kdf_limits (strength, &opslimit, &memlimit);
  new_slot = tl_keyslot_wrap (old_slot->kind, old_slot->label, new_passphrase,
                              master->data, opslimit, memlimit, error);
  if (new_slot == NULL)
    return FALSE;

  tl_keyslot_free (g_ptr_array_index (slots, index));
  g_ptr_array_index (slots, index) = new_slot;

  return tl_keyslot_save (self->keys_path, slots, error);
}
