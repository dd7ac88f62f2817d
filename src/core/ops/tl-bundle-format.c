/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "tl-bundle-private.h"
#include "tl-error.h"
#include "tl-tip-xml.h"

/* A sealed bundle on disk (docs/bundles.md has the picture):
 *
 *   "TLBUNDL1"  8 bytes    magic
 *   length      8 bytes    the whole file's size, little-endian
 *   envelope   80 bytes    a random file key, crypto_box_seal()ed to the recipient
 *   header     24 bytes    crypto_secretstream_xchacha20poly1305 header
 *   chunks                 the padded message in 64 KiB pieces, each authenticated
 *                          with the first 16 bytes as additional data, the last one
 *                          tagged final
 *
 * Inside, the message: "TLBM", the sender's signing and encryption keys, an Ed25519ph
 * signature, then the body (profile, time, the documents). The size of the file and
 * the fact that it is a Tipline bundle are all it shows. The length field and the final
 * tag tell a file cut short from a file changed; the envelope that does not open tells
 * a bundle sealed for another agency. */

#define LENGTH_BYTES 8
#define PREFIX_BYTES (TL_BUNDLE_MAGIC_BYTES + LENGTH_BYTES)
#define ENVELOPE_BYTES (crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES)
#define STREAM_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define HEADER_BYTES (PREFIX_BYTES + ENVELOPE_BYTES + STREAM_HEADER_BYTES)
#define CHUNK_BYTES (64 * 1024)
#define CHUNK_OVERHEAD crypto_secretstream_xchacha20poly1305_ABYTES
#define PAD_BLOCK 4096

#define MESSAGE_MAGIC "TLBM"
#define MESSAGE_HEAD_BYTES (4 + 2 * TL_AGENCY_KEY_BYTES + crypto_sign_BYTES)
#define SIGNATURE_DOMAIN "tipline-bundle-signature-1"

/* helpers */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 le;
  memcpy (&le, p, 4);
  return GUINT32_FROM_LE (le);
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 le;
  memcpy (&le, p, 8);
  return GUINT64_FROM_LE (le);
}

/* The Ed25519ph state over everything the signature covers. */
static void
signature_begin (crypto_sign_state *state,
                 const TlAgency    *recipient,
                 const guint8      *sender_box_public,
                 const guint8      *body,
                 gsize              body_length)
{
  crypto_sign_init (state);
  crypto_sign_update (state, (const guint8 *) SIGNATURE_DOMAIN, sizeof SIGNATURE_DOMAIN);
  crypto_sign_update (state, recipient->sign_public, TL_AGENCY_KEY_BYTES);
  crypto_sign_update (state, recipient->box_public, TL_AGENCY_KEY_BYTES);
  crypto_sign_update (state, sender_box_public, TL_AGENCY_KEY_BYTES);
  crypto_sign_update (state, body, body_length);
}

static gboolean refuse (GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
changed (GError     **error,
         const char  *display)
{
  return refuse (error,
                 _("The bundle %s was changed after it was sealed: nothing was imported. Do not trust it; ask the sender to send it again."),
                 display);
}

static gboolean
cut_short (GError     **error,
           const char  *display)
{
  return refuse (error,
                 _("The bundle %s is incomplete (cut short in transit): nothing was imported. Ask the sender to send it again."),
                 display);
}

/* internal API */

GBytes *
_tl_bundle_sign (const TlAgency   *sender,
                 const TlSecret   *sender_secret,
                 const TlAgency   *recipient,
                 TlReportProfile   profile,
                 gint64            sealed_at,
                 GPtrArray        *documents)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  GByteArray *out;
  crypto_sign_state state;
  guint8 signature[crypto_sign_BYTES];
  guint8 byte = profile;
  guint64 at = GUINT64_TO_LE ((guint64) sealed_at);

  g_return_val_if_fail (sender_secret != NULL && sender_secret->length == TL_AGENCY_SECRET_BYTES, NULL);

  g_byte_array_append (body, &byte, 1);
  g_byte_array_append (body, (const guint8 *) &at, 8);
  put_u32 (body, documents->len);
  for (guint i = 0; i < documents->len; i++)
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (documents, i), &length);

      put_u32 (body, length);
      g_byte_array_append (body, data, length);
    }

  signature_begin (&state, recipient, sender->box_public, body->data, body->len);
  crypto_sign_final_create (&state, signature, NULL,
                            sender_secret->data + crypto_box_SECRETKEYBYTES);

  out = g_byte_array_sized_new (MESSAGE_HEAD_BYTES + body->len);
  g_byte_array_append (out, (const guint8 *) MESSAGE_MAGIC, 4);
  g_byte_array_append (out, sender->sign_public, TL_AGENCY_KEY_BYTES);
  g_byte_array_append (out, sender->box_public, TL_AGENCY_KEY_BYTES);
  g_byte_array_append (out, signature, sizeof signature);
  g_byte_array_append (out, body->data, body->len);
  return g_byte_array_free_to_bytes (out);
}

gboolean
_tl_bundle_verify (GBytes           *message,
                   const TlAgency   *recipient,
                   TlAgency        **sender_out,
                   TlReportProfile  *profile_out,
                   gint64           *sealed_at_out,
                   GPtrArray       **documents_out,
                   GError          **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(TlAgency) sender = NULL;
  crypto_sign_state state;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (message, &length);
  const guint8 *body, *p, *end;
  guint32 count;
  const char *malformed = _("The bundle could not be read although its signature holds: the sender’s Tipline may be newer. Nothing was imported.");

  if (length < MESSAGE_HEAD_BYTES + 13 || memcmp (data, MESSAGE_MAGIC, 4) != 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, malformed);
      return FALSE;
    }
  sender = g_new0 (TlAgency, 1);
  memcpy (sender->sign_public, data + 4, TL_AGENCY_KEY_BYTES);
  memcpy (sender->box_public, data + 4 + TL_AGENCY_KEY_BYTES, TL_AGENCY_KEY_BYTES);
  body = data + MESSAGE_HEAD_BYTES;
  end = data + length;

  signature_begin (&state, recipient, sender->box_public, body, end - body);
  if (crypto_sign_final_verify (&state, (guint8 *) data + 4 + 2 * TL_AGENCY_KEY_BYTES,
                                sender->sign_public) != 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The bundle’s signature does not hold: it was not signed by the agency whose key it carries, or it was altered. Nothing was imported."));
      return FALSE;
    }

  if (tl_enum_to_nick (tl_report_profile_values, body[0]) == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, malformed);
      return FALSE;
    }
  *profile_out = body[0];
  *sealed_at_out = (gint64) get_u64 (body + 1);
  count = get_u32 (body + 9);
  p = body + 13;
  if (count > TL_BUNDLE_MAX_TIPS)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("The bundle holds more than %d tips, more than Tipline imports at once. Nothing was imported."),
                   TL_BUNDLE_MAX_TIPS);
      return FALSE;
    }
  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint32 i = 0; i < count; i++)
    {
      guint32 doc_length;

      if (end - p < 4 || (doc_length = get_u32 (p)) > (gsize) (end - p - 4) ||
          doc_length > TL_TIP_XML_MAX_SIZE)
        {
          g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, malformed);
          return FALSE;
        }
      g_ptr_array_add (documents, g_bytes_new (p + 4, doc_length));
      p += 4 + doc_length;
    }
  if (p != end)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID, malformed);
      return FALSE;
    }
  *sender_out = g_steal_pointer (&sender);
  *documents_out = g_steal_pointer (&documents);
  return TRUE;
}

GBytes *
_tl_bundle_encrypt (GBytes         *message,
                    const TlAgency *recipient)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(GByteArray) out = NULL;
  guint8 *key, *padded;
  gsize length = 0, padded_length = 0, total, chunks, offset;
  const guint8 *data = g_bytes_get_data (message, &length);
  guint64 total_le;

  /* Padded to a multiple of 4 KiB, so the size says little more than "a few tips". */
  padded = sodium_malloc (length + PAD_BLOCK);
  g_return_val_if_fail (padded != NULL, NULL);
  if (length > 0)
    memcpy (padded, data, length);
  if (sodium_pad (&padded_length, padded, length, PAD_BLOCK, length + PAD_BLOCK) != 0)
    g_return_val_if_reached (NULL);

  chunks = padded_length / CHUNK_BYTES + 1;
  total = HEADER_BYTES + padded_length + chunks * CHUNK_OVERHEAD;
  out = g_byte_array_sized_new (total);
  g_byte_array_set_size (out, total);
  memcpy (out->data, TL_BUNDLE_MAGIC, TL_BUNDLE_MAGIC_BYTES);
  total_le = GUINT64_TO_LE ((guint64) total);
  memcpy (out->data + TL_BUNDLE_MAGIC_BYTES, &total_le, LENGTH_BYTES);

  key = sodium_malloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);
  crypto_secretstream_xchacha20poly1305_keygen (key);
  crypto_box_seal (out->data + PREFIX_BYTES, key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                   recipient->box_public);
  crypto_secretstream_xchacha20poly1305_init_push (&state, out->data + PREFIX_BYTES + ENVELOPE_BYTES, key);
  sodium_free (key);

  offset = HEADER_BYTES;
  for (gsize c = 0; c < chunks; c++)
    {
      gsize from = c * CHUNK_BYTES;
      gsize n = MIN (CHUNK_BYTES, padded_length - from);
      unsigned long long written = 0;
      guint8 tag = c + 1 == chunks ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;

      crypto_secretstream_xchacha20poly1305_push (&state, out->data + offset, &written,
                                                  padded + from, n, out->data, PREFIX_BYTES, tag);
      offset += written;
    }
  g_assert (offset == total);
  sodium_free (padded);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
_tl_bundle_decrypt (const guint8    *data,
                    gsize            length,
                    const TlAgency  *recipient,
                    const TlSecret  *recipient_secret,
                    const char      *display,
                    GError         **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 *key = NULL;
  guint8 *plain = NULL;
  guint64 declared;
  gsize offset, plain_length = 0, unpadded = 0;
  gboolean final = FALSE;
  GBytes *result;

  /* What is it? */
  if (length < TL_BUNDLE_MAGIC_BYTES)
    {
      if (length > 0 && memcmp (data, TL_BUNDLE_MAGIC, length) == 0)
        cut_short (error, display);
      else
        refuse (error, _("%s is not a sealed Tipline bundle."), display);
      return NULL;
    }
  if (memcmp (data, TL_BUNDLE_MAGIC, TL_BUNDLE_MAGIC_BYTES) != 0)
    {
      refuse (error, _("%s is not a sealed Tipline bundle."), display);
      return NULL;
    }
  if (length < PREFIX_BYTES)
    {
      cut_short (error, display);
      return NULL;
    }
  declared = get_u64 (data + TL_BUNDLE_MAGIC_BYTES);
  if (declared > length)
    {
      cut_short (error, display);
      return NULL;
    }
  if (declared < length || length < HEADER_BYTES + CHUNK_OVERHEAD)
    {
      changed (error, display);
      return NULL;
    }

  /* For whom? */
  key = sodium_malloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);
  if (key == NULL ||
      crypto_box_seal_open (key, data + PREFIX_BYTES, ENVELOPE_BYTES, recipient->box_public,
                            recipient_secret->data) != 0)
    {
      sodium_free (key);
      refuse (error,
              _("The bundle %s was not sealed for this agency (or its first bytes were changed): nothing was imported. Ask the sender to seal it with this agency’s public key."),
              display);
      return NULL;
    }
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, data + PREFIX_BYTES + ENVELOPE_BYTES, key) != 0)
    {
      sodium_free (key);
      changed (error, display);
      return NULL;
    }
  sodium_free (key);

  /* Every chunk, in order, the last one tagged final. */
  plain = sodium_malloc (length);
  for (offset = HEADER_BYTES; offset < length && !final;)
    {
      gsize n = MIN ((gsize) CHUNK_BYTES + CHUNK_OVERHEAD, length - offset);
      unsigned long long got = 0;
      guint8 tag = 0;

      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain + plain_length, &got, &tag,
                                                      data + offset, n, data, PREFIX_BYTES) != 0)
        break;
      plain_length += got;
      offset += n;
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
  if (!final || offset != length || sodium_unpad (&unpadded, plain, plain_length, PAD_BLOCK) != 0)
    {
      sodium_free (plain);
      changed (error, display);
      return NULL;
    }
  result = g_bytes_new (plain, unpadded);
  sodium_free (plain);
  return result;
}
