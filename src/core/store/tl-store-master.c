/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* The master key: made once when a store is created, and opened from the key slots by a
 * passphrase or the recovery code, each written once here for every caller (create,
 * unlock, change of passphrase, a re-key resumed). A wrong passphrase is counted in a
 * side file until the next unlock can put it in the audit log. */

#define FAILED_UNLOCKS_MAX_BYTES (1024 * 1024)

/* private API */

/* A failed unlock must not touch the store's files (they stay byte-identical, and the
 * database cannot be written without the key anyway), so the time goes to a small side
 * file and into the audit log at the next successful unlock. */
void
_tl_store_note_failed_unlock (TlStore *self)
{
  g_autofree char *path = g_build_filename (self->dir, TL_STORE_FAILED_NAME, NULL);
  g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT "\n", g_get_real_time ());
  int fd;

  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      g_warning ("Could not record a failed unlock: %s", g_strerror (errno));
      return;
    }
  if (write (fd, line, strlen (line)) < 0 || fsync (fd) != 0)
    g_warning ("Could not record a failed unlock: %s", g_strerror (errno));
  close (fd);
}

gboolean
_tl_store_collect_failed_unlocks (TlStore  *self,
                                  GError  **error)
{
  g_autofree char *path = g_build_filename (self->dir, TL_STORE_FAILED_NAME, NULL);
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return TRUE;

  if (!S_ISREG (st.st_mode) || st.st_size > FAILED_UNLOCKS_MAX_BYTES ||
      !g_file_get_contents (path, &data, &length, NULL))
    {
      g_warning ("Ignoring an unreadable or oversized %s file", TL_STORE_FAILED_NAME);
      return TRUE;
    }

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 at;

      if (lines[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_signed (lines[i], 10, 0, G_MAXINT64, &at, NULL))
        {
          g_warning ("Skipping a malformed line in %s", TL_STORE_FAILED_NAME);
          continue;
        }
      if (!_tl_store_audit_at (self, at, TL_AUDIT_FAILED_UNLOCK, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Tries every slot, with one key derivation per group of slots that share salt and
 * costs (tl-keyslot.c); returns the index of the one that opened, or -1. The recovery
 * slot is only tried when the text is a well-formed recovery code (its check digits
 * match), which spares a key derivation per unlock. */
int
_tl_store_unwrap_any (GPtrArray   *slots,
                      const char  *passphrase,
                      TlSecret    *master,
                      GError     **error)
{
  g_autoptr(TlSecret) code = _tl_recovery_code_normalize (passphrase);
  int index;

  sodium_mprotect_readwrite (master->data);
  index = tl_keyslot_unwrap_any (slots, passphrase, code ? (const char *) code->data : NULL,
                                 master->data, error);
  sodium_mprotect_readonly (master->data);

  return index;
}

/* Opens the master key from slots with passphrase (or the recovery code). Returns the
 * index of the slot that opened and the key in master_out; a passphrase that opens no
 * slot is reported as TL_ERROR_WRONG_PASSPHRASE and, when count_failure is set, counted
 * as a failed unlock for the audit log. */
int
_tl_store_unwrap_master (TlStore     *self,
                         GPtrArray   *slots,
                         const char  *passphrase,
                         gboolean     count_failure,
                         TlSecret   **master_out,
                         GError     **error)
{
  g_autoptr(TlSecret) master = tl_secret_new (TL_MASTER_KEY_BYTES);
  GError *local_error = NULL;
  int index;

  index = _tl_store_unwrap_any (slots, passphrase, master, &local_error);
  if (index < 0)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      if (count_failure)
        _tl_store_note_failed_unlock (self);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase is wrong."));
      return -1;
    }

  *master_out = g_steal_pointer (&master);
  return index;
}

/* The audit log names whoever unlocked: the slot's label unless the front end set a
 * name. */
void
_tl_store_name_advocate (TlStore   *self,
                         GPtrArray *slots,
                         int        index)
{
  const TlKeySlot *slot = g_ptr_array_index (slots, index);

  if (self->advocate == NULL && slot->label[0] != '\0')
    self->advocate = g_strdup (slot->label);
}

/* A slot from a version 2 key file has a salt of its own, so a passphrase costs one
 * key derivation per such slot. When its owner unlocks, the slot is wrapped again
 * under the salt its cost group shares (one more derivation, once), and the key file
 * is rewritten as version 3. A failure here leaves the old slot, which still opens. */
void
_tl_store_join_salt_group (TlStore        *self,
                           GPtrArray      *slots,
                           int             index,
                           const char     *passphrase,
                           const TlSecret *master)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlSecret) code = NULL;
  const TlKeySlot *slot = g_ptr_array_index (slots, index);
  const guint8 *salt = tl_keyslot_find_shared_salt (slots, slot->opslimit, slot->memlimit);
  const char *secret = passphrase;
  TlKeySlot *joined;

  if (salt == NULL || salt == slot->salt ||
      memcmp (salt, slot->salt, TL_KEYSLOT_SALT_BYTES) == 0)
    return;

  if (slot->kind == TL_KEYSLOT_KIND_RECOVERY)
    {
      code = _tl_recovery_code_normalize (passphrase);
      if (code == NULL)
        return;
      secret = (const char *) code->data;
    }

  joined = tl_keyslot_wrap_with_salt (slot->kind, slot->label, secret, master->data,
                                      slot->opslimit, slot->memlimit, salt, &error);
  if (joined == NULL)
    {
      g_warning ("Could not move a key slot to its group's salt: %s", error->message);
      return;
    }

  tl_keyslot_free (g_ptr_array_index (slots, index));
  g_ptr_array_index (slots, index) = joined;
  if (!tl_keyslot_save (self->keys_path, slots, &error))
    g_warning ("Could not rewrite the key file: %s", error->message);
}

/* A new random master key and its first key slot, under passphrase, and the recovery
 * code's slot when recovery_code is given (the code is returned there, in guarded
 * memory, for the person to write down). */
TlSecret *
_tl_store_new_master (TlStore        *self,
                      const char     *passphrase,
                      TlKdfStrength   strength,
                      GPtrArray     **slots_out,
                      char          **recovery_code,
                      GError        **error)
{
  g_autoptr(TlSecret) master = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(GPtrArray) slots = NULL;
  guint64 opslimit, memlimit;
  TlKeySlot *slot;

  randombytes_buf (master->data, master->length);
  sodium_mprotect_readonly (master->data);

  _tl_store_kdf_limits (strength, &opslimit, &memlimit);
  slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, self->advocate ? self->advocate : "",
                          passphrase, master->data, opslimit, memlimit, error);
  if (slot == NULL)
    return NULL;
  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
  g_ptr_array_add (slots, slot);

  if (recovery_code != NULL)
    {
      *recovery_code = _tl_store_add_recovery_slot (slots, master, strength, error);
      if (*recovery_code == NULL)
        return NULL;
    }

  *slots_out = g_steal_pointer (&slots);
  return g_steal_pointer (&master);
}
