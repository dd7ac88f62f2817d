/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keyslot"

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-secret.h"
#include "tl-store-testing.h"
#include "tl-test-util.h"

#define OPS crypto_pwhash_OPSLIMIT_MIN
#define MEM crypto_pwhash_MEMLIMIT_MIN

static const guint8 test_key[TL_MASTER_KEY_BYTES] = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
};

static GPtrArray *
make_slots (void)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);

  g_ptr_array_add (slots, tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, "Ana", "first secret",
                                           test_key, OPS, MEM, NULL));
  g_ptr_array_add (slots, tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, "Beto Núñez", "second secret",
                                           test_key, OPS, MEM, NULL));
  return slots;
}

static void
put_le (GByteArray *b,
        guint64     v,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 x = (v >> (8 * i)) & 0xff;

      g_byte_array_append (b, &x, 1);
    }
}

/* The version 2 layout (docs/store-format.md), as stores made before issue 16 have it:
 * the reader must keep reading it. */
static GBytes *
serialize_v2 (GPtrArray *slots)
{
  static const guint8 magic[8] = { 0x89, 'T', 'L', 'K', 'E', 'Y', 'S', '\n' };
  g_autoptr(GByteArray) b = g_byte_array_new ();
  guint8 sum[32];

  g_byte_array_append (b, magic, 8);
  put_le (b, 2, 2);
  put_le (b, slots->len, 2);
  put_le (b, 0, 4);
  for (guint i = 0; i < slots->len; i++)
    {
      const TlKeySlot *slot = g_ptr_array_index (slots, i);

      put_le (b, slot->kind, 1);
      put_le (b, 1, 1);
      put_le (b, strlen (slot->label), 2);
      put_le (b, slot->opslimit, 8);
      put_le (b, slot->memlimit, 8);
      g_byte_array_append (b, slot->salt, sizeof slot->salt);
      g_byte_array_append (b, slot->nonce, sizeof slot->nonce);
      g_byte_array_append (b, slot->wrapped, sizeof slot->wrapped);
      g_byte_array_append (b, slot->public_key, sizeof slot->public_key);
      g_byte_array_append (b, slot->sealed, sizeof slot->sealed);
      g_byte_array_append (b, (const guint8 *) slot->label, strlen (slot->label));
    }
  crypto_generichash (sum, sizeof sum, b->data, b->len, NULL, 0);
  g_byte_array_append (b, sum, sizeof sum);
  return g_byte_array_free_to_bytes (g_steal_pointer (&b));
}

/* Rewrites the trailing checksum so a test reaches the field checks behind it. */
static void
fix_checksum (guint8 *data,
              gsize   length)
{
  crypto_generichash (data + length - 32, 32, data, length - 32, NULL, 0);
}

static void
assert_damaged (const guint8 *data,
                gsize         length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = tl_keyslot_parse (data, length, &error);

  g_assert_null (slots);
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
}

static void
assert_too_large (const guint8 *data,
                  gsize         length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = tl_keyslot_parse (data, length, &error);

  g_assert_null (slots);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
}

static void
put_u64 (guint8  *out,
         guint64  v)
{
  for (guint i = 0; i < 8; i++)
    out[i] = (v >> (8 * i)) & 0xff;
}

/* Key-derivation costs and slot counts at the limit open; one past is refused with a
 * sentence that names the limit (issue 15: no key file may cost more per attempt than
 * the app's strongest setting). */
static void
test_limits (void)
{
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GBytes) bytes = tl_keyslot_serialize (slots);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  /* Key file version 3: the first cost group follows the 16-byte header. */
  const gsize group0 = 16;
  const struct { gsize at; guint64 limit; } costs[] = {
    { group0, crypto_pwhash_argon2id_OPSLIMIT_MODERATE },
    { group0 + 8, crypto_pwhash_argon2id_MEMLIMIT_MODERATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (costs); i++)
    {
      g_autoptr(GPtrArray) parsed = NULL;

      memcpy (copy, data, length);
      put_u64 (copy + costs[i].at, costs[i].limit);
      fix_checksum (copy, length);
      parsed = tl_keyslot_parse (copy, length, NULL);
      g_assert_nonnull (parsed);

      put_u64 (copy + costs[i].at, costs[i].limit + 1);
      fix_checksum (copy, length);
      assert_too_large (copy, length);
    }

  /* TL_KEYSLOT_MAX_SLOTS slots open; one more (written by hand: the writer refuses) is
   * refused. */
  {
    g_autoptr(GPtrArray) many = g_ptr_array_new ();
    g_autoptr(GBytes) many_bytes = NULL;
    g_autoptr(GPtrArray) parsed = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree guint8 *more = NULL;
    gsize many_length, slot_bytes;
    const guint8 *many_data;

    for (guint i = 0; i < TL_KEYSLOT_MAX_SLOTS; i++)
      g_ptr_array_add (many, g_ptr_array_index (slots, 0));
    many_bytes = tl_keyslot_serialize (many);
    many_data = g_bytes_get_data (many_bytes, &many_length);
    parsed = tl_keyslot_parse (many_data, many_length, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (parsed->len, ==, TL_KEYSLOT_MAX_SLOTS);

    slot_bytes = (many_length - 16 - 32) / TL_KEYSLOT_MAX_SLOTS;
    more = g_malloc (many_length + slot_bytes);
    memcpy (more, many_data, many_length - 32);
    memcpy (more + many_length - 32, many_data + 16, slot_bytes);
    more[10] = TL_KEYSLOT_MAX_SLOTS + 1;
    more[11] = 0;
    fix_checksum (more, many_length + slot_bytes);
    assert_too_large (more, many_length + slot_bytes);
  }
}

static void
test_roundtrip (void)
{
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GBytes) bytes = tl_keyslot_serialize (slots);
  g_autoptr(TlSecret) out = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(GError) error = NULL;
  const TlKeySlot *slot;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  parsed = tl_keyslot_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 2);

  slot = g_ptr_array_index (parsed, 1);
  g_assert_cmpstr (slot->label, ==, "Beto Núñez");
  g_assert_cmpuint (slot->opslimit, ==, OPS);
  g_assert_cmpuint (slot->memlimit, ==, MEM);

  g_assert_true (tl_keyslot_unwrap (slot, "second secret", out->data, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (out->data, TL_MASTER_KEY_BYTES, test_key, sizeof test_key);

  /* A wrong passphrase is not an error, just no key, and leaves no key behind. */
  g_assert_false (tl_keyslot_unwrap (slot, "first secret", out->data, &error));
  g_assert_no_error (error);
  g_assert_false (sodium_memcmp (out->data, test_key, sizeof test_key) == 0);

  /* The salts differ per slot. */
  g_assert_false (memcmp (((TlKeySlot *) g_ptr_array_index (parsed, 0))->salt,
                          slot->salt, TL_KEYSLOT_SALT_BYTES) == 0);

  /* Nothing secret in clear. */
  g_assert_null (memmem (data, length, test_key, sizeof test_key));
  g_assert_null (memmem (data, length, "secret", 6));
}

static void
test_normalized_passphrase (void)
{
  g_autoptr(TlKeySlot) slot = NULL;
  g_autoptr(TlSecret) out = tl_secret_new (TL_MASTER_KEY_BYTES);

  /* Precomposed ñ when wrapping, n + combining tilde when unwrapping. */
  slot = tl_keyslot_wrap (TL_KEYSLOT_KIND_PASSPHRASE, "", "contrase\xc3\xb1" "a", test_key, OPS, MEM, NULL);
  g_assert_true (tl_keyslot_unwrap (slot, "contrasen\xcc\x83" "a", out->data, NULL));
  g_assert_cmpmem (out->data, TL_MASTER_KEY_BYTES, test_key, sizeof test_key);
}

static void
test_truncated_and_flipped (void)
{
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GBytes) bytes = tl_keyslot_serialize (slots);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);

  assert_damaged ((const guint8 *) "", 0);
  for (gsize i = 0; i < length; i++)
    assert_damaged (data, i);

  for (gsize i = 0; i < length; i++)
    {
      copy[i] ^= 0x40;
      assert_damaged (copy, length);
      copy[i] ^= 0x40;
    }
}

static void
test_hostile_fields (void)
{
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GBytes) bytes = serialize_v2 (slots);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = NULL;
  g_autofree guint8 *longer = NULL;
  const gsize slot0 = 16;

  /* the version 2 file itself is read */
  g_assert_nonnull (tl_keyslot_parse (data, length, NULL));
  g_ptr_array_unref (tl_keyslot_parse (data, length, NULL));

  /* version 1 (development builds: master key wrapped directly) and 4 */
  copy = g_memdup2 (data, length);
  copy[8] = 1;
  fix_checksum (copy, length);
  assert_damaged (copy, length);
  copy[8] = 4;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* more slots than present */
  memcpy (copy, data, length);
  copy[10] = 3;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* zero slots */
  memcpy (copy, data, length);
  copy[10] = 0;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* unknown KDF */
  memcpy (copy, data, length);
  copy[slot0 + 1] = 7;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* a memlimit of 2^40 bytes would exhaust memory at unlock */
  memcpy (copy, data, length);
  copy[slot0 + 4 + 8 + 5] = 1;
  fix_checksum (copy, length);
  assert_too_large (copy, length);

  /* an opslimit of 2^32 would run for days */
  memcpy (copy, data, length);
  copy[slot0 + 4 + 4] = 1;
  fix_checksum (copy, length);
  assert_too_large (copy, length);

  /* label length running past the end */
  memcpy (copy, data, length);
  copy[slot0 + 2] = 0xff;
  copy[slot0 + 3] = 0x7f;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* a NUL inside the label */
  memcpy (copy, data, length);
  copy[slot0 + 4 + 8 + 8 + 16 + 24 + 48 + 32 + 80] = '\0';
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* trailing bytes before the checksum */
  longer = g_malloc (length + 1);
  memcpy (longer, data, length - 32);
  longer[length - 32] = 0;
  fix_checksum (longer, length + 1);
  assert_damaged (longer, length + 1);
}

/* Version 3: the group table and each slot's group number. */
static void
test_hostile_fields_v3 (void)
{
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GBytes) bytes = tl_keyslot_serialize (slots);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  const gsize groups = 16, group_bytes = 8 + 8 + 16;
  const gsize slot0 = groups + 2 * group_bytes;   /* make_slots: two salts, two groups */

  g_assert_cmpint (data[8], ==, 3);
  g_assert_cmpint (data[12], ==, 2);

  /* no group; more groups than slots; reserved bits */
  copy[12] = 0;
  fix_checksum (copy, length);
  assert_damaged (copy, length);
  memcpy (copy, data, length);
  copy[12] = 3;
  fix_checksum (copy, length);
  assert_damaged (copy, length);
  memcpy (copy, data, length);
  copy[14] = 1;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* a group's opslimit of 2^32, memlimit of 2^40: more than Tipline ever asks for */
  memcpy (copy, data, length);
  copy[groups + 4] = 1;
  fix_checksum (copy, length);
  assert_too_large (copy, length);
  memcpy (copy, data, length);
  copy[groups + 8 + 5] = 1;
  fix_checksum (copy, length);
  assert_too_large (copy, length);

  /* a slot in a group that does not exist; an unknown kind; a label past the end */
  memcpy (copy, data, length);
  copy[slot0 + 4] = 2;
  fix_checksum (copy, length);
  assert_damaged (copy, length);
  memcpy (copy, data, length);
  copy[slot0] = 9;
  fix_checksum (copy, length);
  assert_damaged (copy, length);
  memcpy (copy, data, length);
  copy[slot0 + 2] = 0xff;
  fix_checksum (copy, length);
  assert_damaged (copy, length);

  /* and the untouched file parses */
  memcpy (copy, data, length);
  g_ptr_array_unref (tl_keyslot_parse (copy, length, NULL));
}

/* Issue 16: slots with the same cost share a salt, so one key derivation tries them
 * all: a wrong passphrase costs one derivation per distinct cost, whatever the number
 * of slots, in memory, after a round trip through the file, and in a version 2 file
 * written with shared salts. */
static void
test_shared_salt (void)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_keyslot_free);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) parsed_v2 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_v2 = NULL;
  g_autoptr(TlSecret) out = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(GError) error = NULL;
  const char *secrets[] = { "uno", "dos", "tres", "cuatro", "cinco" };
  guint before;
  gsize length;
  const guint8 *data;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_ptr_array_add (slots, tl_keyslot_wrap_in (slots, TL_KEYSLOT_KIND_PASSPHRASE, secrets[i],
                                                secrets[i], test_key, OPS, MEM, NULL));

  bytes = tl_keyslot_serialize (slots);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpint (data[8], ==, 3);
  g_assert_cmpint (data[12], ==, 1);   /* one group */
  parsed = tl_keyslot_parse (data, length, &error);
  g_assert_no_error (error);
  bytes_v2 = serialize_v2 (slots);
  data = g_bytes_get_data (bytes_v2, &length);
  parsed_v2 = tl_keyslot_parse (data, length, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < 3; k++)
    {
      GPtrArray *set = k == 0 ? slots : k == 1 ? parsed : parsed_v2;

      before = _tl_keyslot_derivation_count ();
      g_assert_cmpint (tl_keyslot_unwrap_any (set, "seis", NULL, out->data, &error), ==, -1);
      g_assert_no_error (error);
      g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 1);

      before = _tl_keyslot_derivation_count ();
      g_assert_cmpint (tl_keyslot_unwrap_any (set, "cinco", NULL, out->data, &error), ==, 4);
      g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 1);
      g_assert_cmpmem (out->data, TL_MASTER_KEY_BYTES, test_key, sizeof test_key);
    }

  /* A second cost makes a second group: two derivations for a wrong passphrase. */
  g_ptr_array_add (slots, tl_keyslot_wrap_in (slots, TL_KEYSLOT_KIND_PASSPHRASE, "seis", "seis",
                                              test_key, OPS + 1, MEM, NULL));
  g_ptr_array_add (slots, tl_keyslot_wrap_in (slots, TL_KEYSLOT_KIND_PASSPHRASE, "siete", "siete",
                                              test_key, OPS + 1, MEM, NULL));
  before = _tl_keyslot_derivation_count ();
  g_assert_cmpint (tl_keyslot_unwrap_any (slots, "ocho", NULL, out->data, NULL), ==, -1);
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 2);
  before = _tl_keyslot_derivation_count ();
  g_assert_cmpint (tl_keyslot_unwrap_any (slots, "siete", NULL, out->data, NULL), ==, 6);
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 2);

  /* The recovery slot is tried only with a recovery code. */
  g_ptr_array_add (slots, tl_keyslot_wrap_in (slots, TL_KEYSLOT_KIND_RECOVERY, "", "CODE",
                                              test_key, OPS, MEM, NULL));
  before = _tl_keyslot_derivation_count ();
  g_assert_cmpint (tl_keyslot_unwrap_any (slots, "ocho", NULL, out->data, NULL), ==, -1);
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 2);
  g_assert_cmpint (tl_keyslot_unwrap_any (slots, "x", "CODE", out->data, NULL), ==, 7);
}

static void
test_save_private (void)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("keyslot");
  g_autofree char *path = g_build_filename (dir, "tipline.keys", NULL);
  g_autoptr(GPtrArray) slots = make_slots ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (tl_keyslot_save (path, slots, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = tl_keyslot_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/keyslot/roundtrip", test_roundtrip);
  g_test_add_func ("/keyslot/normalized-passphrase", test_normalized_passphrase);
  g_test_add_func ("/keyslot/truncated-and-flipped", test_truncated_and_flipped);
  g_test_add_func ("/keyslot/hostile-fields", test_hostile_fields);
  g_test_add_func ("/keyslot/limits", test_limits);
  g_test_add_func ("/keyslot/save-private", test_save_private);
  g_test_add_func ("/keyslot/hostile-fields-v3", test_hostile_fields_v3);
  g_test_add_func ("/keyslot/shared-salt", test_shared_salt);

  return g_test_run ();
}
