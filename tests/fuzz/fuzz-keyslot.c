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
/* Every field of every slot, in order. */
static gboolean
same_slots (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const TlKeySlot *x = g_ptr_array_index (a, i);
      const TlKeySlot *y = g_ptr_array_index (b, i);

      if (x->kind != y->kind || g_strcmp0 (x->label, y->label) != 0 ||
          x->opslimit != y->opslimit || x->memlimit != y->memlimit ||
          memcmp (x->salt, y->salt, sizeof x->salt) != 0 ||
          memcmp (x->nonce, y->nonce, sizeof x->nonce) != 0 ||
          memcmp (x->wrapped, y->wrapped, sizeof x->wrapped) != 0 ||
          memcmp (x->public_key, y->public_key, sizeof x->public_key) != 0 ||
          memcmp (x->sealed, y->sealed, sizeof x->sealed) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
parse_and_compare (const guint8 *data,
                   gsize         size)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) reparsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  gsize length = 0;
  const guint8 *again;

  slots = tl_keyslot_parse (data, size, NULL);
  if (slots == NULL)
    return;

  /* Version 2 files are written back as version 3 (issue 16), and a version 3 file
   * may group its slots differently from the writer: what must hold is that the slots
   * survive the round trip and that writing is stable. */
  bytes = tl_keyslot_serialize (slots);
  again = g_bytes_get_data (bytes, &length);
  reparsed = tl_keyslot_parse (again, length, NULL);
  if (reparsed == NULL || !same_slots (slots, reparsed))
    __builtin_trap ();
  rewritten = tl_keyslot_serialize (reparsed);
  if (!g_bytes_equal (bytes, rewritten))
    __builtin_trap ();
  (void) data;
  (void) size;
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
