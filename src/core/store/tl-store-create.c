/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Making a new store: a master key and its first slot (tl-store-master.c), an empty
 * database with the current schema, then the key-slot file, last, so that a failure on
 * the way leaves no half-made store that something could try to open. */

/* helpers */

static gboolean
refuse_existing (TlStore  *self,
                 GError  **error)
{
  if (!tl_store_exists (self))
    return FALSE;

  g_set_error_literal (error, TL_ERROR, TL_ERROR_EXISTS,
                       _("There is already a Tipline store in this folder. Unlock it with its passphrase, or choose another folder."));
  return TRUE;
}

/* private API */

gboolean
_tl_store_create_full (TlStore        *self,
                       const char     *passphrase,
                       TlKdfStrength   strength,
                       char          **recovery_code,
                       GError        **error)
{
  g_autoptr(TlSecret) master = NULL;
  g_autoptr(GPtrArray) slots = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refuse_existing (self, error))
    return FALSE;

  tl_store_lock (self);

  /* Alone in the folder while the files are made; asked again under the lock, so two
   * programs creating a store at once do not both write one. */
  if (!_tl_store_fix_permissions (self->dir, error) ||
      !_tl_store_lock_take (self, TL_STORE_LOCK_EXCLUSIVE, error))
    return FALSE;
  if (refuse_existing (self, error))
    {
      _tl_store_lock_drop (self);
      return FALSE;
    }

  if (!self->plain)
    {
      master = _tl_store_new_master (self, passphrase, strength, &slots, recovery_code, error);
      if (master == NULL)
        goto fail;
    }

  self->db = _tl_store_db_open (self->db_path, master, TRUE, error);
  if (self->db == NULL)
    goto fail;

  if (!_tl_store_migrate (self->db, error) ||
      (slots != NULL && !tl_keyslot_save (self->keys_path, slots, error)) ||
      !_tl_store_fix_permissions (self->dir, error))
    goto fail;

  _tl_store_lock_downgrade (self);
  return TRUE;

fail:
  _tl_store_close_db (self);
  _tl_store_remove_files (self);
  _tl_store_lock_drop (self);
  if (recovery_code != NULL)
    g_clear_pointer (recovery_code, tl_store_secret_free);
  return FALSE;
}

/* public API */

gboolean
tl_store_create (TlStore        *self,
                 const char     *passphrase,
                 TlKdfStrength   strength,
                 GError        **error)
{
  return _tl_store_create_full (self, passphrase, strength, NULL, error);
}

gboolean
tl_store_create_with_recovery (TlStore        *self,
                               const char     *passphrase,
                               TlKdfStrength   strength,
                               char          **recovery_code,
                               GError        **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (recovery_code != NULL && *recovery_code == NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);

  return _tl_store_create_full (self, passphrase, strength, recovery_code, error);
}
