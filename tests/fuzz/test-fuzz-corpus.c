/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays every committed fuzz corpus file (tests/fuzz/corpus/) through the parsers in
 * the normal unit suite, so a fixed crash stays fixed even on machines without clang.
 * Under the sanitizer build (build-aux/dev test) this also catches leaks and overflows. */
#define G_LOG_DOMAIN "test-fuzz-corpus"

#include "config.h"

#include <string.h>

#include "tl-attachment-clean.h"
#include "tl-attachment-meta.h"
#include "tl-keyslot.h"
#include "tl-tip-xml.h"

typedef void (*ReplayFunc) (const guint8 *data,
                            gsize         size);

/* helpers */

static guint
replay_folder (const char *name,
               ReplayFunc  func)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", name, NULL);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry;
  guint count = 0;

  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autofree char *data = NULL;
      gsize size = 0;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      g_test_message ("replaying %s", entry);
      func ((const guint8 *) data, size);
      count++;
    }

  return count;
}

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
replay_keyslot_one (const guint8 *data,
                    gsize         size)
{
  g_autoptr(GPtrArray) slots = tl_keyslot_parse (data, size, NULL);

  /* As in fuzz-keyslot.c: version 2 is written back as version 3, so the slots must
   * survive the round trip and writing must be stable. */
  if (slots != NULL)
    {
      g_autoptr(GBytes) bytes = tl_keyslot_serialize (slots);
      g_autoptr(GPtrArray) reparsed = tl_keyslot_parse (g_bytes_get_data (bytes, NULL),
                                                        g_bytes_get_size (bytes), NULL);
      g_autoptr(GBytes) rewritten = NULL;

      g_assert_nonnull (reparsed);
      g_assert_true (same_slots (slots, reparsed));
      rewritten = tl_keyslot_serialize (reparsed);
      g_assert_true (g_bytes_equal (bytes, rewritten));
    }
}

/* Same as the fuzz target: raw, and as a body with the right checksum appended. */
static void
replay_keyslot (const guint8 *data,
                gsize         size)
{
  g_autofree guint8 *summed = g_malloc (size + crypto_generichash_BYTES);

  replay_keyslot_one (data, size);
  if (size > 0)
    memcpy (summed, data, size);
  crypto_generichash (summed + size, crypto_generichash_BYTES, data, size, NULL, 0);
  replay_keyslot_one (summed, size + crypto_generichash_BYTES);
}

static void
replay_tip_xml (const guint8 *data,
                gsize         size)
{
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GPtrArray) trusted = NULL;

  tips = tl_tip_xml_read ((const char *) data, size, "corpus.xml", TL_TIP_XML_NONE, NULL);
  trusted = tl_tip_xml_read ((const char *) data, size, NULL, TL_TIP_XML_TRUSTED, NULL);

  if (tips != NULL && tips->len > 0)
    {
      gsize length = 0;
      g_autofree char *xml = tl_tip_xml_write (tips, TRUE, &length);
      g_autoptr(GPtrArray) again = tl_tip_xml_read (xml, length, NULL, TL_TIP_XML_TRUSTED, NULL);

      g_assert_nonnull (again);
      g_assert_cmpuint (again->len, ==, tips->len);
    }
}

/* tests */

/* Attachments (issue 20): damaged images, PDFs, audio and e-mails through sniffing,
 * cleaning and metadata reading. A cleaned copy, when one is made, is again of its type,
 * and cleaning it again changes nothing. */
static void
replay_attachment (const guint8 *data,
                   gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  TlAttachmentType type = tl_attachment_sniff (data, size);
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  for (TlAttachmentType t = 0; t < tl_enum_count (tl_attachment_type_values); t++)
    {
      g_autoptr(GBytes) any = tl_attachment_clean (t, bytes, NULL);
      g_autoptr(GPtrArray) any_fields = tl_attachment_read_metadata (t, bytes);

      (void) tl_attachment_captured_time (t, bytes);
    }
  clean = tl_attachment_clean (type, bytes, NULL);
  fields = tl_attachment_read_metadata (type, bytes);
  if (clean != NULL && tl_attachment_clean_method (type) == TL_CLEAN_STRIPPED)
    {
      g_autoptr(GBytes) again = tl_attachment_clean (type, clean, NULL);

      g_assert_cmpint (tl_attachment_sniff (g_bytes_get_data (clean, NULL), g_bytes_get_size (clean)), ==, type);
      g_assert_nonnull (again);
      g_assert_true (g_bytes_equal (again, clean));
    }
}

static void
test_attachment_corpus (void)
{
  g_assert_cmpuint (replay_folder ("attachment", replay_attachment), >, 0);
}

static void
test_keyslot_corpus (void)
{
  g_assert_cmpuint (replay_folder ("keyslot", replay_keyslot), >, 0);
}

static void
test_tip_xml_corpus (void)
{
  g_assert_cmpuint (replay_folder ("tip-xml", replay_tip_xml), >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The trusted reader warns (line number and element only) about values it leaves
   * unset; hostile inputs trigger that on purpose. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  g_test_add_func ("/fuzz-corpus/keyslot", test_keyslot_corpus);
  g_test_add_func ("/fuzz-corpus/tip-xml", test_tip_xml_corpus);
  g_test_add_func ("/fuzz-corpus/attachment", test_attachment_corpus);

  return g_test_run ();
}
