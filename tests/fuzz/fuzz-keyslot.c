/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the key-slot file parser. The file sits beside the database on a
 * laptop that may be lost and found again, so it is attacker-controlled input. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tl-keyslot.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A file the parser accepts must serialise back to exactly the same bytes: nothing in
 * it is ignored or guessed. */
static void
parse_and_compare (const guint8 *data,
                   gsize         size)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  const guint8 *again;

  slots = tl_keyslot_parse (data, size, NULL);
  if (slots == NULL)
    return;

  bytes = tl_keyslot_serialize (slots);
  again = g_bytes_get_data (bytes, &length);
  if (length != size || memcmp (again, data, size) != 0)
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *summed = NULL;

  parse_and_compare (data, size);

  /* The fuzzer cannot forge the trailing BLAKE2b checksum, so also treat the input as a
   * file body and append the right one: that reaches the slot parsing behind it. */
  if (size > TL_KEYSLOT_MAX_FILE)
    return 0;
  summed = g_malloc (size + crypto_generichash_BYTES);
  if (size > 0)
    memcpy (summed, data, size);
  crypto_generichash (summed + size, crypto_generichash_BYTES, data, size, NULL, 0);
  parse_and_compare (summed, size + crypto_generichash_BYTES);

  return 0;
}
