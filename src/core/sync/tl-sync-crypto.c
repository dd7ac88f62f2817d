/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-sync-crypto.h"
#include "tl-sync-testing.h"

/* Office files (docs/sync.md, "Files"):
 *
 *   "TLO1" kind:1 [generation:4 big-endian] nonce:24 ciphertext
 *
 * The header is the AEAD's associated data, so changing any byte of the file fails the
 * tag. Inside a signed file: signer public key (32) | Ed25519 signature (64) | body,
 * the signature over "tipline-office" | kind | generation | body. */

#define MAGIC "TLO1"
#define MAGIC_LEN 4
#define NONCE_LEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define ABYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SIGN_CONTEXT "tipline-office"
#define CODE_ALPHABET "0123456789ABCDEFGHJKMNPQRSTVWXYZ"   /* Crockford base 32 */
#define CODE_BYTES 15

static gboolean
has_generation (int kind)
{
  return kind == TL_SYNC_FILE_SEGMENT || kind == TL_SYNC_FILE_ACK || kind == TL_SYNC_FILE_KEYS;
}

static gsize
header_len (int kind)
{
  return MAGIC_LEN + 1 + (has_generation (kind) ? 4 : 0) + NONCE_LEN;
}

void
tl_sync_device_keys_generate (TlSyncDeviceKeys *keys)
{
  crypto_sign_keypair (keys->sign_pk, keys->sign_sk);
  crypto_box_keypair (keys->box_pk, keys->box_sk);
}

char *
tl_sync_device_id (const guint8 *sign_pk)
{
  guint8 digest[8];
  char hex[17];

  crypto_generichash (digest, sizeof digest, sign_pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
  return g_strdup (sodium_bin2hex (hex, sizeof hex, digest, sizeof digest));
}

int
tl_sync_file_kind (GBytes *file)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (file, &size);
  int kind;

  if (size < MAGIC_LEN + 1 || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return 0;
  kind = data[MAGIC_LEN];
  switch (kind)
    {
    case TL_SYNC_FILE_SEGMENT:
    case TL_SYNC_FILE_ACK:
    case TL_SYNC_FILE_JOIN:
    case TL_SYNC_FILE_WELCOME:
    case TL_SYNC_FILE_KEYS:
      return size >= header_len (kind) ? kind : 0;
    default:
      return 0;
    }
}

gboolean
tl_sync_file_generation (GBytes  *file,
                         guint32 *generation)
{
  const guint8 *data = g_bytes_get_data (file, NULL);
  int kind = tl_sync_file_kind (file);

  if (!has_generation (kind))
    return FALSE;
  *generation = ((guint32) data[5] << 24) | ((guint32) data[6] << 16) |
                ((guint32) data[7] << 8) | data[8];
  return TRUE;
}

static GByteArray *
new_header (int      kind,
            guint32  generation)
{
  GByteArray *out = g_byte_array_new ();
  guint8 k = kind;
  guint8 gen[4] = { generation >> 24, generation >> 16, generation >> 8, generation };
  guint8 nonce[NONCE_LEN];

  g_byte_array_append (out, (const guint8 *) MAGIC, MAGIC_LEN);
  g_byte_array_append (out, &k, 1);
  if (has_generation (kind))
    g_byte_array_append (out, gen, 4);
  randombytes_buf (nonce, sizeof nonce);
  g_byte_array_append (out, nonce, sizeof nonce);
  return out;
}

static GBytes *
encrypt (GByteArray   *out,
         const guint8 *key,
         const guint8 *plain,
         gsize         plain_len)
{
  gsize head = out->len;
  unsigned long long written = 0;

  g_byte_array_set_size (out, head + plain_len + ABYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out->data + head, &written, plain, plain_len,
                                              out->data, head, NULL,
                                              out->data + head - NONCE_LEN, key);
  g_byte_array_set_size (out, head + written);
  return g_byte_array_free_to_bytes (out);
}

/* NULL when the key does not open it (changed, cut short, or another key). */
static guint8 *
decrypt (GBytes       *file,
         int           kind,
         const guint8 *key,
         gsize        *plain_len)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (file, &size);
  gsize head = header_len (kind);
  unsigned long long written = 0;
  guint8 *plain;

  if (size < head + ABYTES)
    return NULL;
  plain = g_malloc (size - head);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (plain, &written, NULL, data + head, size - head,
                                                  data, head, data + head - NONCE_LEN, key) != 0)
    {
      g_free (plain);
      return NULL;
    }
  *plain_len = written;
  return plain;
}

static void
signed_message (GByteArray *message,
                int         kind,
                guint32     generation,
                const guint8 *body,
                gsize       body_len)
{
  guint8 k = kind;
  guint8 gen[4] = { generation >> 24, generation >> 16, generation >> 8, generation };

  g_byte_array_append (message, (const guint8 *) SIGN_CONTEXT, strlen (SIGN_CONTEXT));
  g_byte_array_append (message, &k, 1);
  g_byte_array_append (message, gen, 4);
  g_byte_array_append (message, body, body_len);
}

static GByteArray *
sign_body (const TlSyncDeviceKeys *device,
           int                     kind,
           guint32                 generation,
           GBytes                 *body)
{
  g_autoptr(GByteArray) message = g_byte_array_new ();
  GByteArray *plain = g_byte_array_new ();
  guint8 signature[crypto_sign_BYTES];
  gsize body_len = 0;
  const guint8 *body_data = g_bytes_get_data (body, &body_len);

  signed_message (message, kind, generation, body_data, body_len);
  crypto_sign_detached (signature, NULL, message->data, message->len, device->sign_sk);
  g_byte_array_append (plain, device->sign_pk, sizeof device->sign_pk);
  g_byte_array_append (plain, signature, sizeof signature);
  g_byte_array_append (plain, body_data, body_len);
  return plain;
}

static GBytes *
verify_body (const guint8 *plain,
             gsize         plain_len,
             int           kind,
             guint32       generation,
             guint8       *signer)
{
  g_autoptr(GByteArray) message = g_byte_array_new ();
  gsize fixed = crypto_sign_PUBLICKEYBYTES + crypto_sign_BYTES;

  if (plain_len < fixed)
    return NULL;
  signed_message (message, kind, generation, plain + fixed, plain_len - fixed);
  if (crypto_sign_verify_detached (plain + crypto_sign_PUBLICKEYBYTES, message->data, message->len,
                                   plain) != 0)
    return NULL;
  memcpy (signer, plain, crypto_sign_PUBLICKEYBYTES);
  return g_bytes_new (plain + fixed, plain_len - fixed);
}

GBytes *
tl_sync_seal_signed (TlSyncFileKind          kind,
                     guint32                 generation,
                     const guint8           *key,
                     const TlSyncDeviceKeys *device,
                     GBytes                 *body)
{
  g_autoptr(GByteArray) plain = sign_body (device, kind, generation, body);
  GBytes *file = encrypt (new_header (kind, generation), key, plain->data, plain->len);

  sodium_memzero (plain->data, plain->len);
  return file;
}

GBytes *
tl_sync_open_signed (GBytes        *file,
                     const guint8  *key,
                     guint8        *signer,
                     GError       **error)
{
  int kind = tl_sync_file_kind (file);
  guint32 generation = 0;
  gsize plain_len = 0;
  g_autofree guint8 *plain = NULL;
  GBytes *body;

  if (!tl_sync_file_generation (file, &generation))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                           _("It is not an office segment."));
      return NULL;
    }
  plain = decrypt (file, kind, key, &plain_len);
  if (plain == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                           _("It was changed or cut short on its way."));
      return NULL;
    }
  body = verify_body (plain, plain_len, kind, generation, signer);
  sodium_memzero (plain, plain_len);
  if (body == NULL)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                         _("Its signature does not match its contents."));
  return body;
}

GBytes *
tl_sync_seal_join (TlSyncFileKind  kind,
                   const guint8   *code_key,
                   GBytes         *body)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (body, &size);

  return encrypt (new_header (kind, 0), code_key, data, size);
}

GBytes *
tl_sync_open_join (GBytes       *file,
                   const guint8 *code_key)
{
  int kind = tl_sync_file_kind (file);
  gsize plain_len = 0;
  guint8 *plain;

  if (kind != TL_SYNC_FILE_JOIN && kind != TL_SYNC_FILE_WELCOME)
    return NULL;
  plain = decrypt (file, kind, code_key, &plain_len);
  return plain != NULL ? g_bytes_new_take (plain, plain_len) : NULL;
}

GBytes *
tl_sync_seal_to (const guint8           *recipient_box_pk,
                 const TlSyncDeviceKeys *signer,
                 GBytes                 *body)
{
  g_autoptr(GByteArray) plain = sign_body (signer, TL_SYNC_FILE_KEYS, 0, body);
  gsize sealed_len = plain->len + crypto_box_SEALBYTES;
  guint8 *sealed = g_malloc (sealed_len);

  crypto_box_seal (sealed, plain->data, plain->len, recipient_box_pk);
  sodium_memzero (plain->data, plain->len);
  return g_bytes_new_take (sealed, sealed_len);
}

GBytes *
tl_sync_open_sealed (const guint8           *data,
                     gsize                   length,
                     const TlSyncDeviceKeys *recipient,
                     guint8                 *signer)
{
  g_autofree guint8 *plain = NULL;
  GBytes *body;

  if (length < crypto_box_SEALBYTES)
    return NULL;
  plain = g_malloc (length - crypto_box_SEALBYTES + 1);
  if (crypto_box_seal_open (plain, data, length, recipient->box_pk, recipient->box_sk) != 0)
    return NULL;
  body = verify_body (plain, length - crypto_box_SEALBYTES, TL_SYNC_FILE_KEYS, 0, signer);
  sodium_memzero (plain, length - crypto_box_SEALBYTES);
  return body;
}

char *
tl_sync_join_code_new (void)
{
  guint8 bytes[CODE_BYTES];
  GString *code = g_string_new (NULL);
  guint bits = 0;
  guint32 acc = 0;
  guint n = 0;

  randombytes_buf (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    {
      acc = (acc << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          if (n > 0 && n % 4 == 0)
            g_string_append_c (code, '-');
          g_string_append_c (code, CODE_ALPHABET[(acc >> (bits - 5)) & 31]);
          bits -= 5;
          n++;
        }
    }
  sodium_memzero (bytes, sizeof bytes);
  return g_string_free (code, FALSE);
}

gboolean
tl_sync_join_code_key (const char *text,
                       guint8     *key)
{
  guint8 bytes[CODE_BYTES];
  guint bits = 0, n = 0, out = 0;
  guint32 acc = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);
      const char *at;

      if (c == '-' || c == ' ')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      at = strchr (CODE_ALPHABET, c);
      if (at == NULL || c == '\0' || n >= CODE_BYTES * 8 / 5)
        return FALSE;
      acc = (acc << 5) | (guint32) (at - CODE_ALPHABET);
      bits += 5;
      n++;
      if (bits >= 8)
        {
          bytes[out++] = (acc >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }
  if (out != CODE_BYTES)
    return FALSE;
  crypto_generichash (key, TL_SYNC_KEY_BYTES, bytes, sizeof bytes,
                      (const guint8 *) "tipline-join-code-v1", 20);
  sodium_memzero (bytes, sizeof bytes);
  return TRUE;
}

char *
tl_sync_file_name_new (void)
{
  guint8 bytes[16];
  char hex[33];

  randombytes_buf (bytes, sizeof bytes);
  return g_strconcat (sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes), TL_SYNC_SUFFIX, NULL);
}

static gsize max_file = TL_SYNC_MAX_FILE;

gsize
tl_sync_max_file (void)
{
  return max_file;
}

void
tl_sync_testing_set_max_file (gsize max)
{
  max_file = max;
}
