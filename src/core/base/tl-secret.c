/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-secret"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "tl-secret.h"

/* Secrets live only in guarded memory, so a key never sits in a page that can be swapped
 * out or read past the end of a buffer. */

TlSecret *
tl_secret_new (gsize length)
{
  TlSecret *secret;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  secret = g_new0 (TlSecret, 1);
  secret->length = length;
  secret->data = sodium_malloc (MAX (length, 1));
  if (secret->data == NULL)
    g_error ("Could not allocate guarded memory");
  sodium_memzero (secret->data, MAX (length, 1));

  return secret;
}

void
tl_secret_free (TlSecret *secret)
{
  if (secret == NULL)
    return;
  /* sodium_free wipes, but only memory it can write to. */
  sodium_mprotect_readwrite (secret->data);
  sodium_free (secret->data);
  g_free (secret);
}

/* NFC, so the same passphrase typed through different input methods (a precomposed "ñ"
 * or "n" + combining tilde) opens the store. GLib's scratch buffers are not wiped; the
 * result is, and only the guarded copy is kept. */
TlSecret *
tl_secret_normalize_passphrase (const char *passphrase)
{
  g_autofree char *nfc = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC);
  const char *text = nfc != NULL ? nfc : passphrase;
  gsize len = strlen (text);
  TlSecret *secret = tl_secret_new (len + 1);

  memcpy (secret->data, text, len);
  secret->length = len;
  if (nfc != NULL)
    sodium_memzero (nfc, len);
  sodium_mprotect_readonly (secret->data);

  return secret;
}
