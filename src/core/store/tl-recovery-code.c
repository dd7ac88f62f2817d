/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-keys"

#include "config.h"

#include <sodium.h>

#include "tl-keyslot.h"
#include "tl-store-private.h"

/* The supervisor's recovery code.
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

  canonical = tl_secret_new (CODE_CHARS + 1);
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
  g_autoptr(TlSecret) bytes = tl_secret_new (CODE_BYTES);
  g_autoptr(TlSecret) canonical = tl_secret_new (CODE_CHARS + 1);
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
  slot = tl_keyslot_wrap_in (slots, TL_KEYSLOT_KIND_RECOVERY, "", (const char *) canonical->data,
                          master->data, opslimit, memlimit, error);
  if (slot == NULL)
    {
      sodium_free (display);
      return NULL;
    }

  g_ptr_array_add (slots, slot);
  return display;
}

void
tl_store_secret_free (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}
