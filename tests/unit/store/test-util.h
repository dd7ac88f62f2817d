/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the security tests: a store in a temporary folder (fast
 * TL_KDF_MINIMUM through the API), file hashes, tips with canary names. */
#pragma once

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "tl-store-private.h"

typedef struct
{
  char *dir;
  TlStore *store;
  GPtrArray *paths;            /* strings handed out by test_path_tmp() */
} TestStore;

static inline void
test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static inline void
test_store_setup (TestStore  *fx,
                  const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("tipline-test-XXXXXX", NULL);
  fx->paths = g_ptr_array_new_with_free_func (g_free);
  g_assert_nonnull (fx->dir);
  fx->store = tl_store_new (fx->dir);
  tl_store_set_advocate (fx->store, "Advocate A");
  g_assert_true (tl_store_create (fx->store, passphrase, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  /* Later unlocks take the advocate's name from the slot label. */
  g_clear_object (&fx->store);
  fx->store = tl_store_new (fx->dir);
  g_assert_true (tl_store_unlock (fx->store, passphrase, &error));
  g_assert_no_error (error);
}

static inline void
test_store_teardown (TestStore *fx)
{
  g_autofree char *backups = NULL;

  if (fx->store != NULL)
    backups = tl_store_get_backup_dir (fx->store);
  g_clear_object (&fx->store);
  test_remove_tree (fx->dir);
  if (backups != NULL)
    test_remove_tree (backups);
  g_free (fx->dir);
  g_ptr_array_unref (fx->paths);
}

static inline char *
test_path (TestStore  *fx,
           const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

/* Valid until teardown. */
static inline const char *
test_path_tmp (TestStore  *fx,
               const char *name)
{
  char *path = test_path (fx, name);

  g_ptr_array_add (fx->paths, path);
  return path;
}

/* CONSISTENT: with NONE, GLib 2.74 writes over an existing file without truncating it. */
static inline void
test_write (TestStore  *fx,
            const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *path = test_path (fx, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_no_error (error);
}

/* Hex BLAKE2b of a file, or "missing". */
static inline char *
test_hash_file (const char *path)
{
  g_autofree char *data = NULL;
  guint8 sum[32];
  char hex[65];
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return g_strdup ("missing");
  crypto_generichash (sum, sizeof sum, (const guint8 *) data, length, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, sum, sizeof sum);
  return g_strdup (hex);
}

static inline char *
test_file_head_hex (const char *path,
                    gsize       n)
{
  g_autofree char *data = NULL;
  char *hex;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >=, n);
  hex = g_malloc (2 * n + 1);
  sodium_bin2hex (hex, 2 * n + 1, (const guint8 *) data, n);
  return hex;
}

static inline void
test_save_tip (TestStore  *fx,
               const char *victim_name)
{
  g_autoptr(GError) error = NULL;
  TlTip *tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, "Seen near the truck stop.");
  tl_set_str (&victim->name, victim_name);
  g_ptr_array_add (tip->victims, victim);

  g_assert_true (tl_store_save_tip (fx->store, tip, &error));
  g_assert_no_error (error);
  tl_tip_unref (tip);
}
