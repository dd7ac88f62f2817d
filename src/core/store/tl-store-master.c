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
