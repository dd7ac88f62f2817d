/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-keys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Several passphrases on one store (one per advocate, each with a label), the
 * supervisor's recovery code, and removing access. Adding a passphrase or a first
 * recovery code only rewrites the key-slot file; removing a slot or replacing the
 * recovery code re-keys the database (tl-store-rekey.c), because whoever held that slot
 * may have kept a copy of the old key file. The recovery code itself:
 * tl-recovery-code.c. */

/* helpers */

static gboolean
wrong_passphrase (TlStore  *self,
                  GError  **error)
{
  /* The store is open, so the attempt goes straight into the audit log. */
  _tl_store_audit_at (self, g_get_real_time (), TL_AUDIT_FAILED_UNLOCK, NULL, NULL);
  g_set_error_literal (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE,
                       _("The passphrase is wrong. Nothing was changed."));
  return FALSE;
}

/* Key changes need an unlocked store and a passphrase that opens it again. */
static GPtrArray *
authorize (TlStore     *self,
           const char  *passphrase,
           TlSecret   **master_out,
           GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  GError *local_error = NULL;

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  slots = tl_keyslot_load (self->keys_path, error);
  if (slots == NULL)
    return NULL;

  master = tl_secret_new (TL_MASTER_KEY_BYTES);
  if (_tl_store_unwrap_any (slots, passphrase, master, &local_error) < 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        wrong_passphrase (self, error);
      return NULL;
    }

  *master_out = g_steal_pointer (&master);
  return g_steal_pointer (&slots);
}

static gboolean
check_label (const char  *label,
             GError     **error)
{
  if (label != NULL && g_utf8_validate (label, -1, NULL) &&
      strlen (label) <= TL_KEYSLOT_MAX_LABEL && strchr (label, '\n') == NULL)
    return TRUE;

  g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
               _("The name for a passphrase must be one line of at most %d bytes."),
               TL_KEYSLOT_MAX_LABEL);
  return FALSE;
}

static void
remove_recovery_slots (GPtrArray *slots,
                       gboolean  *had_recovery)
{
  *had_recovery = FALSE;
  for (guint i = slots->len; i > 0; i--)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i - 1);

      if (slot->kind == TL_KEYSLOT_KIND_RECOVERY)
        {
          g_ptr_array_remove_index (slots, i - 1);
          *had_recovery = TRUE;
        }
    }
}

static gboolean
add_passphrase (TlStore        *self,
                         const char     *passphrase,
                         const char     *label,
                         const char     *new_passphrase,
                         TlKdfStrength   strength,
                         GError        **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  guint64 opslimit, memlimit;
  TlKeySlot *slot;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL && new_passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_label (label, error))
    return FALSE;

  slots = authorize (self, passphrase, &master, error);
  if (slots == NULL)
    return FALSE;

  if (slots->len >= TL_KEYSLOT_MAX_SLOTS)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("This store already has %d passphrases. Remove one that is no longer used first."),
                   TL_KEYSLOT_MAX_SLOTS);
      return FALSE;
    }

  _tl_store_kdf_limits (strength, &opslimit, &memlimit);
  slot = tl_keyslot_wrap_in (slots, TL_KEYSLOT_KIND_PASSPHRASE, label, new_passphrase,
                          master->data, opslimit, memlimit, error);
  if (slot == NULL)
    return FALSE;
  g_ptr_array_add (slots, slot);

  return tl_keyslot_save (self->keys_path, slots, error) &&
         _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_KEY_ADD, NULL, label, error);
}

static gboolean
remove_key_slot (TlStore     *self,
                          const char  *passphrase,
                          guint        index,
                          GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  g_autofree char *label = NULL;
  const TlKeySlot *slot;
  guint passphrases = 0;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  slots = authorize (self, passphrase, &master, error);
  if (slots == NULL)
    return FALSE;

  if (index >= slots->len)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                   _("There is no passphrase number %u. List them with “tipline-cli keys list”."),
                   index);
      return FALSE;
    }

  for (guint i = 0; i < slots->len; i++)
    if (((const TlKeySlot *) g_ptr_array_index (slots, i))->kind == TL_KEYSLOT_KIND_PASSPHRASE)
      passphrases++;

  slot = g_ptr_array_index (slots, index);
  if (slot->kind == TL_KEYSLOT_KIND_PASSPHRASE && passphrases == 1)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("This is the store’s only passphrase, so it cannot be removed. Add another passphrase first."));
      return FALSE;
    }

  label = g_strdup (slot->kind == TL_KEYSLOT_KIND_RECOVERY ? _("recovery code") : slot->label);
  g_ptr_array_remove_index (slots, index);

  return _tl_store_rekey (self, master, slots, TL_AUDIT_KEY_REMOVE, label, error);
}

static char *
new_recovery_code (TlStore        *self,
                            const char     *passphrase,
                            TlKdfStrength   strength,
                            GError        **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = NULL;
  gboolean had_recovery, ok;
  char *code;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (!self->plain, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  slots = authorize (self, passphrase, &master, error);
  if (slots == NULL)
    return NULL;

  remove_recovery_slots (slots, &had_recovery);
  code = _tl_store_add_recovery_slot (slots, master, strength, error);
  if (code == NULL)
    return NULL;

  /* A replaced code may have been copied: it must stop opening the store. */
  if (had_recovery)
    ok = _tl_store_rekey (self, master, slots, TL_AUDIT_RECOVERY_CODE, NULL, error);
  else
    ok = tl_keyslot_save (self->keys_path, slots, error) &&
         _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_RECOVERY_CODE, NULL, NULL, error);

  if (!ok)
    g_clear_pointer (&code, tl_store_secret_free);
  return code;
}

/* private API */

void
tl_key_slot_info_free (TlKeySlotInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->label);
  g_free (info);
}

/* public API */

GPtrArray *
tl_store_list_key_slots (TlStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  GPtrArray *infos;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  slots = tl_keyslot_load (self->keys_path, error);
  if (slots == NULL)
    return NULL;

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_key_slot_info_free);
  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);
      TlKeySlotInfo *info = g_new0 (TlKeySlotInfo, 1);

      info->index = i;
      info->recovery = slot->kind == TL_KEYSLOT_KIND_RECOVERY;
      info->label = g_strdup (slot->label);
      g_ptr_array_add (infos, info);
    }

  return infos;
}

/* Every change to the key file reads, changes and writes it under the key-file lock
 * (tl-store-lock.c), so a change another program made meanwhile is never lost. */
gboolean
tl_store_add_passphrase (TlStore        *self,
                         const char     *passphrase,
                         const char     *label,
                         const char     *new_passphrase,
                         TlKdfStrength   strength,
                         GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  if (!_tl_store_check_unlocked (self, error) || !_tl_store_keys_lock (self, error))
    return FALSE;
  ok = add_passphrase (self, passphrase, label, new_passphrase, strength, error);
  _tl_store_keys_unlock (self);
  return ok;
}

gboolean
tl_store_remove_key_slot (TlStore     *self,
                          const char  *passphrase,
                          guint        index,
                          GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  /* A re-key replaces the database file: nobody else may have it open. Asked before
   * the slow key derivation, so a refusal is quick and changes nothing. */
  if (!_tl_store_check_unlocked (self, error) ||
      !_tl_store_lock_take (self, TL_STORE_LOCK_EXCLUSIVE, error))
    return FALSE;
  ok = _tl_store_keys_lock (self, error) &&
       remove_key_slot (self, passphrase, index, error);
  _tl_store_keys_unlock (self);
  _tl_store_lock_downgrade (self);
  return ok;
}

char *
tl_store_new_recovery_code (TlStore        *self,
                            const char     *passphrase,
                            TlKdfStrength   strength,
                            GError        **error)
{
  char *code;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  if (!_tl_store_check_unlocked (self, error) || !_tl_store_keys_lock (self, error))
    return NULL;
  code = new_recovery_code (self, passphrase, strength, error);
  _tl_store_keys_unlock (self);
  return code;
}
