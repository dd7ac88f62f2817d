/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-keyslot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* File layout, all integers little-endian (docs/store-format.md). Version 3, written
 * since issue 16, puts the key-derivation settings in groups: slots with the same cost
 * share one salt, so one Argon2id derivation per group tries every slot in it and a
 * passphrase costs one derivation per distinct cost, not one per slot.
 *
 *   magic[8] version:u16 = 3 n_slots:u16 n_groups:u16 reserved:u16
 *   n_groups x { opslimit:u64 memlimit:u64 salt[16] }
 *   n_slots x { kind:u8 kdf:u8 label_len:u16 group:u16
 *               nonce[24] wrapped[48] public_key[32] sealed[80] label[label_len] }
 *   checksum[32] = BLAKE2b-256 of everything before it
 *
 * Version 2 (still read; rewritten as version 3 at the next change of the file):
 *
 *   magic[8] version:u16 = 2 n_slots:u16 reserved:u32
 *   n_slots x { kind:u8 kdf:u8 label_len:u16 opslimit:u64 memlimit:u64
 *               salt[16] nonce[24] wrapped[48] public_key[32] sealed[80]
 *               label[label_len] }
 *   checksum[32] = BLAKE2b-256 of everything before it
 *
 * In memory every slot carries its own salt and costs (TlKeySlot); slots whose salt and
 * costs are equal form a group. A version 2 slot keeps its own salt until its owner
 * unlocks (tl_keyslot_find_shared_salt(), tl_store_unlock()).
 *
 * The checksum only tells an accidentally damaged file from a wrong passphrase; the
 * secretbox MAC is what protects the key. */

static const guint8 keyslot_magic[8] = { 0x89, 'T', 'L', 'K', 'E', 'Y', 'S', '\n' };

/* Version 1 (development builds only) wrapped the master key directly under each
 * passphrase, which made re-keying impossible without every passphrase; it is not read. */
#define KEYSLOT_VERSION_2    2
#define KEYSLOT_VERSION      3
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

/* Argon2id derivations made by this process (tests count them). */
static gint derivations;

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

  g_atomic_int_inc (&derivations);
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

static gboolean
check_costs (guint64 opslimit,
             guint64 memlimit)
{
  /* The upper bound is checked after parsing, with a sentence of its own. */
  return opslimit >= crypto_pwhash_argon2id_OPSLIMIT_MIN &&
         memlimit >= crypto_pwhash_argon2id_MEMLIMIT_MIN;
}

/* The label at r (label_len bytes), checked, into slot. */
static gboolean
read_label (Reader    *r,
            guint16    label_len,
            TlKeySlot *slot)
{
  if (label_len > TL_KEYSLOT_MAX_LABEL || label_len > r->left ||
      memchr (r->p, '\0', label_len) != NULL ||
      !g_utf8_validate ((const char *) r->p, label_len, NULL))
    return FALSE;

  slot->label = g_strndup ((const char *) r->p, label_len);
  r->p += label_len;
  r->left -= label_len;
  return TRUE;
}

static gboolean
read_slots_v2 (Reader    *r,
               guint      n_slots,
               GPtrArray *slots)
{
  guint32 reserved;

  if (!read_u32 (r, &reserved) || reserved != 0)
    return FALSE;

  for (guint i = 0; i < n_slots; i++)
    {
      g_autoptr(TlKeySlot) slot = g_new0 (TlKeySlot, 1);
      guint8 kind, kdf;
      guint16 label_len;

      if (!read_u8 (r, &kind) || !read_u8 (r, &kdf) || !read_u16 (r, &label_len) ||
          !read_u64 (r, &slot->opslimit) || !read_u64 (r, &slot->memlimit) ||
          !read_bytes (r, slot->salt, sizeof slot->salt) ||
          !read_bytes (r, slot->nonce, sizeof slot->nonce) ||
          !read_bytes (r, slot->wrapped, sizeof slot->wrapped) ||
          !read_bytes (r, slot->public_key, sizeof slot->public_key) ||
          !read_bytes (r, slot->sealed, sizeof slot->sealed))
        return FALSE;

      if ((kind != TL_KEYSLOT_KIND_PASSPHRASE && kind != TL_KEYSLOT_KIND_RECOVERY) ||
          kdf != KEYSLOT_KDF_ARGON2ID || !check_costs (slot->opslimit, slot->memlimit) ||
          !read_label (r, label_len, slot))
        return FALSE;

      slot->kind = kind;
      g_ptr_array_add (slots, g_steal_pointer (&slot));
    }

  return TRUE;
}

static gboolean
read_slots_v3 (Reader    *r,
               guint      n_slots,
               GPtrArray *slots)
{
  g_autofree TlKeySlot *groups = NULL;
  guint16 n_groups, reserved;

  if (!read_u16 (r, &n_groups) || n_groups == 0 || n_groups > n_slots ||
      !read_u16 (r, &reserved) || reserved != 0)
    return FALSE;

  /* Only the salt and costs of these are used. */
  groups = g_new0 (TlKeySlot, n_groups);
  for (guint g = 0; g < n_groups; g++)
    if (!read_u64 (r, &groups[g].opslimit) || !read_u64 (r, &groups[g].memlimit) ||
        !read_bytes (r, groups[g].salt, sizeof groups[g].salt) ||
        !check_costs (groups[g].opslimit, groups[g].memlimit))
      return FALSE;

  for (guint i = 0; i < n_slots; i++)
    {
      g_autoptr(TlKeySlot) slot = g_new0 (TlKeySlot, 1);
      guint8 kind, kdf;
      guint16 label_len, group;

      if (!read_u8 (r, &kind) || !read_u8 (r, &kdf) || !read_u16 (r, &label_len) ||
          !read_u16 (r, &group) ||
          !read_bytes (r, slot->nonce, sizeof slot->nonce) ||
          !read_bytes (r, slot->wrapped, sizeof slot->wrapped) ||
          !read_bytes (r, slot->public_key, sizeof slot->public_key) ||
          !read_bytes (r, slot->sealed, sizeof slot->sealed))
        return FALSE;

      if ((kind != TL_KEYSLOT_KIND_PASSPHRASE && kind != TL_KEYSLOT_KIND_RECOVERY) ||
          kdf != KEYSLOT_KDF_ARGON2ID || group >= n_groups ||
          !read_label (r, label_len, slot))
        return FALSE;

      slot->kind = kind;
      slot->opslimit = groups[group].opslimit;
      slot->memlimit = groups[group].memlimit;
      memcpy (slot->salt, groups[group].salt, sizeof slot->salt);
      g_ptr_array_add (slots, g_steal_pointer (&slot));
    }

  return TRUE;
}

/* Whether a and b derive the same key-encryption key from the same secret. */
static gboolean
same_group (const TlKeySlot *a,
            const TlKeySlot *b)
{
  return a->opslimit == b->opslimit && a->memlimit == b->memlimit &&
         memcmp (a->salt, b->salt, sizeof a->salt) == 0;
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
      !read_u16 (&r, &version) ||
      (version != KEYSLOT_VERSION && version != KEYSLOT_VERSION_2) ||
      !read_u16 (&r, &n_slots) || n_slots == 0)
    goto damaged;
  if (n_slots > TL_KEYSLOT_MAX_SLOTS)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("The store’s key file lists %u passphrases; Tipline allows at most %d. It may have been tampered with: restore it from a backup."),
                   n_slots, TL_KEYSLOT_MAX_SLOTS);
      return NULL;
    }

  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
  if (version == KEYSLOT_VERSION_2 ? !read_slots_v2 (&r, n_slots, slots)
                                   : !read_slots_v3 (&r, n_slots, slots))
    goto damaged;

  /* No key derivation dearer than Tipline's own strongest setting: a key file that asks
   * for more is not one Tipline wrote, and would cost minutes per unlock attempt. */
  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);

      if (slot->opslimit > KEYSLOT_MAX_OPSLIMIT || slot->memlimit > KEYSLOT_MAX_MEMLIMIT)
        {
          g_autofree char *memory = g_format_size_full (KEYSLOT_MAX_MEMLIMIT, G_FORMAT_SIZE_IEC_UNITS);

          g_clear_pointer (&slots, g_ptr_array_unref);
          g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                       _("A passphrase in the store’s key file asks for more key-derivation work than Tipline ever uses (at most %d passes over %s). It may have been tampered with: restore it from a backup."),
                       (int) KEYSLOT_MAX_OPSLIMIT, memory);
          return NULL;
        }
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
  g_autofree guint16 *group_of = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  guint8 sum[KEYSLOT_SUM_BYTES];

  g_return_val_if_fail (slots != NULL, NULL);
  g_return_val_if_fail (slots->len > 0 && slots->len <= TL_KEYSLOT_MAX_SLOTS, NULL);

  /* Groups in the order of their first slot. */
  group_of = g_new0 (guint16, slots->len);
  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);
      guint g;

      for (g = 0; g < groups->len; g++)
        if (same_group (g_ptr_array_index (groups, g), slot))
          break;
      if (g == groups->len)
        g_ptr_array_add (groups, (gpointer) slot);
      group_of[i] = g;
    }

  g_byte_array_append (b, keyslot_magic, sizeof keyslot_magic);
  put_u16 (b, KEYSLOT_VERSION);
  put_u16 (b, slots->len);
  put_u16 (b, groups->len);
  put_u16 (b, 0);

  for (guint g = 0; g < groups->len; g++)
    {
      const TlKeySlot *first = g_ptr_array_index (groups, g);

      put_u64 (b, first->opslimit);
      put_u64 (b, first->memlimit);
      g_byte_array_append (b, first->salt, sizeof first->salt);
    }

  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);
      gsize label_len = strlen (slot->label);
      guint8 kk[2] = { slot->kind, KEYSLOT_KDF_ARGON2ID };

      g_return_val_if_fail (label_len <= TL_KEYSLOT_MAX_LABEL, NULL);

      g_byte_array_append (b, kk, 2);
      put_u16 (b, label_len);
      put_u16 (b, group_of[i]);
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
  return tl_keyslot_wrap_with_salt (kind, label, passphrase, master_key, opslimit, memlimit,
                                    NULL, error);
}

const guint8 *
tl_keyslot_find_shared_salt (GPtrArray *slots,
                             guint64    opslimit,
                             guint64    memlimit)
{
  g_return_val_if_fail (slots != NULL, NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);

      if (slot->opslimit == opslimit && slot->memlimit == memlimit)
        return slot->salt;
    }
  return NULL;
}

TlKeySlot *
tl_keyslot_wrap_in (GPtrArray      *slots,
                    TlKeySlotKind   kind,
                    const char     *label,
                    const char     *passphrase,
                    const guint8   *master_key,
                    guint64         opslimit,
                    guint64         memlimit,
                    GError        **error)
{
  return tl_keyslot_wrap_with_salt (kind, label, passphrase, master_key, opslimit, memlimit,
                                    tl_keyslot_find_shared_salt (slots, opslimit, memlimit),
                                    error);
}

TlKeySlot *
tl_keyslot_wrap_with_salt (TlKeySlotKind  kind,
                           const char    *label,
                           const char    *passphrase,
                           const guint8  *master_key,
                           guint64        opslimit,
                           guint64        memlimit,
                           const guint8  *salt,
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
  if (salt != NULL)
    memcpy (slot->salt, salt, sizeof slot->salt);
  else
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

/* Opens slot with an already derived key-encryption key. */
static gboolean
open_slot (const TlKeySlot *slot,
           const guint8    *kek,
           guint8          *master_key_out)
{
  g_autoptr(TlSecret) secret_key = tl_secret_new (crypto_box_SECRETKEYBYTES);
  int rc;

  rc = crypto_secretbox_open_easy (secret_key->data, slot->wrapped, sizeof slot->wrapped,
                                   slot->nonce, kek);

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

gboolean
tl_keyslot_unwrap (const TlKeySlot *slot,
                   const char      *passphrase,
                   guint8          *master_key_out,
                   GError         **error)
{
  guint8 *kek;
  gboolean ok;

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (master_key_out != NULL, FALSE);

  kek = derive_kek (passphrase, slot->salt, slot->opslimit, slot->memlimit, error);
  if (kek == NULL)
    return FALSE;

  ok = open_slot (slot, kek, master_key_out);
  sodium_free (kek);
  return ok;
}

int
tl_keyslot_unwrap_any (GPtrArray    *slots,
                       const char   *passphrase,
                       const char   *recovery_code,
                       guint8       *master_key_out,
                       GError      **error)
{
  g_autofree gboolean *tried = NULL;

  g_return_val_if_fail (slots != NULL, -1);
  g_return_val_if_fail (passphrase != NULL, -1);
  g_return_val_if_fail (master_key_out != NULL, -1);

  tried = g_new0 (gboolean, slots->len);

  /* One derivation per group (same salt, same costs, same kind of secret) tries every
   * slot in it. */
  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);
      gboolean recovery = slot->kind == TL_KEYSLOT_KIND_RECOVERY;
      const char *secret = recovery ? recovery_code : passphrase;
      int found = -1;
      guint8 *kek;

      if (tried[i] || secret == NULL)
        continue;

      kek = derive_kek (secret, slot->salt, slot->opslimit, slot->memlimit, error);
      if (kek == NULL)
        return -1;

      for (guint j = i; j < slots->len; j++)
        {
          const TlKeySlot *other = g_ptr_array_index (slots, j);

          if (tried[j] || (other->kind == TL_KEYSLOT_KIND_RECOVERY) != recovery ||
              !same_group (slot, other))
            continue;
          tried[j] = TRUE;
          if (open_slot (other, kek, master_key_out))
            {
              found = j;
              break;
            }
        }
      sodium_free (kek);

      if (found >= 0)
        return found;
    }

  return -1;
}

guint
_tl_keyslot_derivation_count (void)
{
  return (guint) g_atomic_int_get (&derivations);
}
