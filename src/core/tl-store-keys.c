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
 * may have kept a copy of the old key file.
 *
 * Recovery code: 160 random bits plus a 40-bit check (BLAKE2b of the random part), in
 * RFC 4648 base32, shown as 8 groups of 5: "ABCDE-FGHIJ-…". The check lets unlock tell a
 * code from a passphrase (only codes are tried against the recovery slot) and catch a
 * mistyped group. 0, 1 and 8 are read as O, I and B; case, spaces and dashes do not
 * matter. The slot's key derivation runs over the 40 canonical characters. */

#define CODE_RANDOM_BYTES 20
#define CODE_CHECK_BYTES  5
#define CODE_BYTES        (CODE_RANDOM_BYTES + CODE_CHECK_BYTES)
#define CODE_CHARS        40       /* CODE_BYTES * 8 / 5 */
#define CODE_GROUP        5

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* helpers */

static int
base32_value (char c)
{
  c = g_ascii_toupper (c);
  if (c == '0')
    c = 'O';
  else if (c == '1')
    c = 'I';
  else if (c == '8')
    c = 'B';

  for (int i = 0; i < 32; i++)
    if (base32[i] == c)
      return i;
  return -1;
}

static void
code_check (const guint8 *random,
            guint8       *check_out)
{
  crypto_generichash (check_out, CODE_CHECK_BYTES, random, CODE_RANDOM_BYTES, NULL, 0);
}

/* 25 bytes -> 40 characters, 5 bits at a time, most significant first. */
static void
encode (const guint8 *bytes,
        char         *out)
{
  for (guint i = 0; i < CODE_CHARS; i++)
    {
      guint bit = i * 5;
      guint v = (bytes[bit / 8] << 8) | (bit / 8 + 1 < CODE_BYTES ? bytes[bit / 8 + 1] : 0);

      out[i] = base32[(v >> (11 - bit % 8)) & 31];
    }
}

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

  master = _tl_secret_new (TL_MASTER_KEY_BYTES);
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

/* private API */

TlSecret *
_tl_recovery_code_normalize (const char *text)
{
  g_autoptr(TlSecret) canonical = NULL;
  guint8 bytes[CODE_BYTES] = { 0 };
  guint8 check[CODE_CHECK_BYTES];
  guint n = 0;

  if (text == NULL)
    return NULL;

  canonical = _tl_secret_new (CODE_CHARS + 1);
  for (const char *p = text; *p != '\0'; p++)
    {
      int v;

      if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      v = base32_value (*p);
      if (v < 0 || n == CODE_CHARS)
        return NULL;
      canonical->data[n] = base32[v];
      for (guint b = 0; b < 5; b++)
        if (v & (1 << (4 - b)))
          bytes[(n * 5 + b) / 8] |= 0x80 >> ((n * 5 + b) % 8);
      n++;
    }

  if (n != CODE_CHARS)
    {
      sodium_memzero (bytes, sizeof bytes);
      return NULL;
    }

  code_check (bytes, check);
  if (sodium_memcmp (check, bytes + CODE_RANDOM_BYTES, CODE_CHECK_BYTES) != 0)
    {
      sodium_memzero (bytes, sizeof bytes);
      return NULL;
    }

  sodium_memzero (bytes, sizeof bytes);
  canonical->length = CODE_CHARS;
  return g_steal_pointer (&canonical);
}

char *
_tl_store_add_recovery_slot (GPtrArray       *slots,
                             const TlSecret  *master,
                             TlKdfStrength    strength,
                             GError         **error)
{
  g_autoptr(TlSecret) bytes = _tl_secret_new (CODE_BYTES);
  g_autoptr(TlSecret) canonical = _tl_secret_new (CODE_CHARS + 1);
  char *display = sodium_malloc (CODE_CHARS + CODE_CHARS / CODE_GROUP);
  guint64 opslimit, memlimit;
  TlKeySlot *slot;
  guint j = 0;

  if (display == NULL)
    g_error ("Could not allocate guarded memory");

  randombytes_buf (bytes->data, CODE_RANDOM_BYTES);
  code_check (bytes->data, bytes->data + CODE_RANDOM_BYTES);
  encode (bytes->data, (char *) canonical->data);

  for (guint i = 0; i < CODE_CHARS; i++)
    {
      if (i > 0 && i % CODE_GROUP == 0)
        display[j++] = '-';
      display[j++] = canonical->data[i];
    }
  display[j] = '\0';

  _tl_store_kdf_limits (strength, &opslimit, &memlimit);
  slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_RECOVERY, "", (const char *) canonical->data,
                          master->data, opslimit, memlimit, error);
  if (slot == NULL)
    {
      sodium_free (display);
      return NULL;
    }

  g_ptr_array_add (slots, slot);
  return display;
}

/* public API */

void
tl_key_slot_info_free (TlKeySlotInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->label);
  g_free (info);
}

void
tl_store_secret_free (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

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

gboolean
tl_store_add_passphrase (TlStore        *self,
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
  slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, label, new_passphrase,
                          master->data, opslimit, memlimit, error);
  if (slot == NULL)
    return FALSE;
  g_ptr_array_add (slots, slot);

  return tl_keyslot_save (self->keys_path, slots, error) &&
         _tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_KEY_ADD, NULL, label, error);
}

gboolean
tl_store_remove_key_slot (TlStore     *self,
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

char *
tl_store_new_recovery_code (TlStore        *self,
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
