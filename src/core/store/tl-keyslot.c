/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-keyslot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* File layout, all integers little-endian (docs/store-format.md):
 *
 *   magic[8] version:u16 n_slots:u16 reserved:u32
 *   n_slots x { kind:u8 kdf:u8 label_len:u16 opslimit:u64 memlimit:u64
 *               salt[16] nonce[24] wrapped[48] public_key[32] sealed[80]
 *               label[label_len] }
 *   checksum[32] = BLAKE2b-256 of everything before it
 *
 * The checksum only tells an accidentally damaged file from a wrong passphrase; the
 * secretbox MAC is what protects the key. */

static const guint8 keyslot_magic[8] = { 0x89, 'T', 'L', 'K', 'E', 'Y', 'S', '\n' };

/* Version 1 (development builds only) wrapped the master key directly under each
 * passphrase, which made re-keying impossible without every passphrase; it is not read. */
#define KEYSLOT_VERSION      2
#define KEYSLOT_KDF_ARGON2ID 1
#define KEYSLOT_HEADER_BYTES 16
#define KEYSLOT_FIXED_BYTES  (1 + 1 + 2 + 8 + 8 + TL_KEYSLOT_SALT_BYTES + \
                              TL_KEYSLOT_NONCE_BYTES + TL_KEYSLOT_WRAPPED_BYTES + \
                              TL_KEYSLOT_PUBLIC_BYTES + TL_KEYSLOT_SEALED_BYTES)
#define KEYSLOT_SUM_BYTES    32

/* Upper bounds keep a hostile file from making unlock run for hours or exhaust memory:
 * no slot may ask for more than the app's strongest setting (MODERATE), so the worst
 * wrong-passphrase attempt costs TL_KEYSLOT_MAX_SLOTS derivations of about a second. */
#define KEYSLOT_MAX_OPSLIMIT crypto_pwhash_argon2id_OPSLIMIT_MODERATE
#define KEYSLOT_MAX_MEMLIMIT crypto_pwhash_argon2id_MEMLIMIT_MODERATE

/* helpers */

typedef struct
{
  const guint8 *p;
  gsize left;
} Reader;

static gboolean
read_bytes (Reader *r, void *out, gsize n)
{
  if (r->left < n)
    return FALSE;
  memcpy (out, r->p, n);
  r->p += n;
  r->left -= n;
  return TRUE;
}

static gboolean
read_u8 (Reader *r, guint8 *v)
{
  return read_bytes (r, v, 1);
}

static gboolean
read_u16 (Reader *r, guint16 *v)
{
  guint8 b[2];

  if (!read_bytes (r, b, 2))
    return FALSE;
  *v = (guint16) (b[0] | (b[1] << 8));
  return TRUE;
}

static gboolean
read_u32 (Reader *r, guint32 *v)
{
  guint8 b[4];

  if (!read_bytes (r, b, 4))
    return FALSE;
  *v = (guint32) b[0] | ((guint32) b[1] << 8) | ((guint32) b[2] << 16) | ((guint32) b[3] << 24);
  return TRUE;
}

static gboolean
read_u64 (Reader *r, guint64 *v)
{
  guint32 lo, hi;

  if (!read_u32 (r, &lo) || !read_u32 (r, &hi))
    return FALSE;
  *v = ((guint64) hi << 32) | lo;
  return TRUE;
}

static void
put_u16 (GByteArray *b, guint16 v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (b, x, 2);
}

static void
put_u64 (GByteArray *b, guint64 v)
{
  guint8 x[8];

  for (guint i = 0; i < 8; i++)
    x[i] = (v >> (8 * i)) & 0xff;
  g_byte_array_append (b, x, 8);
}

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
  return FALSE;
}

/* Argon2id(passphrase) -> key-encryption key in guarded memory, or NULL on failure. */
static guint8 *
derive_kek (const char   *passphrase,
            const guint8 *salt,
            guint64       opslimit,
            guint64       memlimit,
            GError      **error)
{
  g_autoptr(TlSecret) pass = tl_secret_normalize_passphrase (passphrase);
  guint8 *kek;

  kek = sodium_malloc (crypto_secretbox_KEYBYTES);
  if (kek == NULL || pass == NULL)
    {
      if (kek != NULL)
        sodium_free (kek);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                           _("Tipline ran out of memory while checking the passphrase. Close other programs and try again."));
      return NULL;
    }

  if (crypto_pwhash (kek, crypto_secretbox_KEYBYTES,
                     (const char *) pass->data, pass->length, salt,
                     opslimit, (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_free (kek);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                           _("Tipline ran out of memory while checking the passphrase. Close other programs and try again."));
      return NULL;
    }

  sodium_mprotect_readonly (kek);
  return kek;
}

/* public API */

void
tl_keyslot_free (TlKeySlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->label);
  g_free (slot);
}

GPtrArray *
tl_keyslot_parse (const guint8  *data,
                  gsize          length,
                  GError       **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  guint8 magic[8];
  guint8 sum[KEYSLOT_SUM_BYTES];
  guint16 version, n_slots;
  guint32 reserved;
  Reader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < KEYSLOT_HEADER_BYTES + KEYSLOT_SUM_BYTES || length > TL_KEYSLOT_MAX_FILE)
    goto damaged;

  crypto_generichash (sum, sizeof sum, data, length - KEYSLOT_SUM_BYTES, NULL, 0);
  if (sodium_memcmp (sum, data + length - KEYSLOT_SUM_BYTES, KEYSLOT_SUM_BYTES) != 0)
    goto damaged;

  r.p = data;
  r.left = length - KEYSLOT_SUM_BYTES;

  if (!read_bytes (&r, magic, sizeof magic) ||
      memcmp (magic, keyslot_magic, sizeof magic) != 0 ||
      !read_u16 (&r, &version) || version != KEYSLOT_VERSION ||
      !read_u16 (&r, &n_slots) || n_slots == 0 ||
      !read_u32 (&r, &reserved) || reserved != 0)
    goto damaged;
  if (n_slots > TL_KEYSLOT_MAX_SLOTS)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("The store’s key file lists %u passphrases; Tipline allows at most %d. It may have been tampered with: restore it from a backup."),
                   n_slots, TL_KEYSLOT_MAX_SLOTS);
      return NULL;
    }

  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);

  for (guint i = 0; i < n_slots; i++)
    {
      g_autoptr(TlKeySlot) slot = g_new0 (TlKeySlot, 1);
      guint8 kind, kdf;
      guint16 label_len;

      if (!read_u8 (&r, &kind) || !read_u8 (&r, &kdf) || !read_u16 (&r, &label_len) ||
          !read_u64 (&r, &slot->opslimit) || !read_u64 (&r, &slot->memlimit) ||
          !read_bytes (&r, slot->salt, sizeof slot->salt) ||
          !read_bytes (&r, slot->nonce, sizeof slot->nonce) ||
          !read_bytes (&r, slot->wrapped, sizeof slot->wrapped) ||
          !read_bytes (&r, slot->public_key, sizeof slot->public_key) ||
          !read_bytes (&r, slot->sealed, sizeof slot->sealed))
        goto damaged;

      if ((kind != TL_KEYSLOT_KIND_PASSPHRASE && kind != TL_KEYSLOT_KIND_RECOVERY) ||
          kdf != KEYSLOT_KDF_ARGON2ID ||
          label_len > TL_KEYSLOT_MAX_LABEL || label_len > r.left ||
          slot->opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
          slot->memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN)
        goto damaged;
      if (slot->opslimit > KEYSLOT_MAX_OPSLIMIT || slot->memlimit > KEYSLOT_MAX_MEMLIMIT)
        {
          g_autofree char *memory = g_format_size_full (KEYSLOT_MAX_MEMLIMIT, G_FORMAT_SIZE_IEC_UNITS);

          g_clear_pointer (&slots, g_ptr_array_unref);
          g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                       _("A passphrase in the store’s key file asks for more key-derivation work than Tipline ever uses (at most %d passes over %s). It may have been tampered with: restore it from a backup."),
                       (int) KEYSLOT_MAX_OPSLIMIT, memory);
          return NULL;
        }

      if (memchr (r.p, '\0', label_len) != NULL ||
          !g_utf8_validate ((const char *) r.p, label_len, NULL))
        goto damaged;

      slot->kind = kind;
      slot->label = g_strndup ((const char *) r.p, label_len);
      r.p += label_len;
      r.left -= label_len;

      g_ptr_array_add (slots, g_steal_pointer (&slot));
    }

  /* Trailing bytes mean a writer we do not know: refuse rather than guess. */
  if (r.left != 0)
    goto damaged;

  return g_steal_pointer (&slots);

damaged:
  set_damaged (error);
  return NULL;
}

GBytes *
tl_keyslot_serialize (GPtrArray *slots)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  guint8 sum[KEYSLOT_SUM_BYTES];
  guint8 reserved[4] = { 0 };

  g_return_val_if_fail (slots != NULL, NULL);
  g_return_val_if_fail (slots->len > 0 && slots->len <= TL_KEYSLOT_MAX_SLOTS, NULL);

  g_byte_array_append (b, keyslot_magic, sizeof keyslot_magic);
  put_u16 (b, KEYSLOT_VERSION);
  put_u16 (b, slots->len);
  g_byte_array_append (b, reserved, sizeof reserved);

  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);
      gsize label_len = strlen (slot->label);
      guint8 kk[2] = { slot->kind, KEYSLOT_KDF_ARGON2ID };

      g_return_val_if_fail (label_len <= TL_KEYSLOT_MAX_LABEL, NULL);

      g_byte_array_append (b, kk, 2);
      put_u16 (b, label_len);
      put_u64 (b, slot->opslimit);
      put_u64 (b, slot->memlimit);
      g_byte_array_append (b, slot->salt, sizeof slot->salt);
      g_byte_array_append (b, slot->nonce, sizeof slot->nonce);
      g_byte_array_append (b, slot->wrapped, sizeof slot->wrapped);
      g_byte_array_append (b, slot->public_key, sizeof slot->public_key);
      g_byte_array_append (b, slot->sealed, sizeof slot->sealed);
      g_byte_array_append (b, (const guint8 *) slot->label, label_len);
    }

  crypto_generichash (sum, sizeof sum, b->data, b->len, NULL, 0);
  g_byte_array_append (b, sum, sizeof sum);

  return g_byte_array_free_to_bytes (g_steal_pointer (&b));
}

GPtrArray *
tl_keyslot_load (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      else
        g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                             _("Tipline could not read the store’s key file. Check that the store folder is readable and try again."));
      return NULL;
    }

  return tl_keyslot_parse ((const guint8 *) data, length, error);
}

gboolean
tl_keyslot_save (const char  *path,
                 GPtrArray   *slots,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (slots != NULL, FALSE);

  bytes = tl_keyslot_serialize (slots);
  data = g_bytes_get_data (bytes, &length);

  /* Atomic (write, fsync, rename): a crash leaves the old file or the new, never half. */
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
        g_set_error_literal (error, TL_ERROR, TL_ERROR_NO_SPACE,
                             _("Tipline could not write the store’s key file because the disk is full. Free some space and try again."));
      else
        g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                             _("Tipline could not write the store’s key file. Check that the store folder is writable and try again."));
      return FALSE;
    }

  return TRUE;
}

TlKeySlot *
tl_keyslot_wrap (TlKeySlotKind  kind,
                 const char    *label,
                 const char    *passphrase,
                 const guint8  *master_key,
                 guint64        opslimit,
                 guint64        memlimit,
                 GError       **error)
{
  g_autoptr(TlKeySlot) slot = NULL;
  g_autoptr(TlSecret) secret_key = NULL;
  guint8 *kek;

  g_return_val_if_fail (label != NULL && g_utf8_validate (label, -1, NULL), NULL);
  g_return_val_if_fail (strlen (label) <= TL_KEYSLOT_MAX_LABEL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (master_key != NULL, NULL);
  g_return_val_if_fail (opslimit <= KEYSLOT_MAX_OPSLIMIT && memlimit <= KEYSLOT_MAX_MEMLIMIT, NULL);

  slot = g_new0 (TlKeySlot, 1);
  slot->kind = kind;
  slot->label = g_strdup (label);
  slot->opslimit = opslimit;
  slot->memlimit = memlimit;
  randombytes_buf (slot->salt, sizeof slot->salt);
  randombytes_buf (slot->nonce, sizeof slot->nonce);

  kek = derive_kek (passphrase, slot->salt, opslimit, memlimit, error);
  if (kek == NULL)
    return NULL;

  secret_key = tl_secret_new (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (slot->public_key, secret_key->data);
  crypto_secretbox_easy (slot->wrapped, secret_key->data, secret_key->length, slot->nonce, kek);
  sodium_free (kek);

  tl_keyslot_reseal (slot, master_key);

  return g_steal_pointer (&slot);
}

void
tl_keyslot_reseal (TlKeySlot    *slot,
                   const guint8 *master_key)
{
  g_return_if_fail (slot != NULL);
  g_return_if_fail (master_key != NULL);

  crypto_box_seal (slot->sealed, master_key, TL_MASTER_KEY_BYTES, slot->public_key);
}

gboolean
tl_keyslot_unwrap (const TlKeySlot *slot,
                   const char      *passphrase,
                   guint8          *master_key_out,
                   GError         **error)
{
  g_autoptr(TlSecret) secret_key = NULL;
  guint8 *kek;
  int rc;

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (master_key_out != NULL, FALSE);

  kek = derive_kek (passphrase, slot->salt, slot->opslimit, slot->memlimit, error);
  if (kek == NULL)
    return FALSE;

  secret_key = tl_secret_new (crypto_box_SECRETKEYBYTES);
  rc = crypto_secretbox_open_easy (secret_key->data, slot->wrapped, sizeof slot->wrapped,
                                   slot->nonce, kek);
  sodium_free (kek);

  /* The seal is authenticated too: a slot whose sealed key was swapped for another
   * store's fails here rather than opening the database with the wrong key. */
  if (rc == 0)
    rc = crypto_box_seal_open (master_key_out, slot->sealed, sizeof slot->sealed,
                               slot->public_key, secret_key->data);

  if (rc != 0)
    {
      sodium_memzero (master_key_out, TL_MASTER_KEY_BYTES);
      return FALSE;
    }

  return TRUE;
}
