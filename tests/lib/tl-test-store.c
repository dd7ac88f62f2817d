/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-test-store"

#include "config.h"

#include "tl-store-testing.h"
#include "tl-test-store.h"

/* An empty temporary folder "tipline-NAME-XXXXXX" and a TlStore on it, not yet created. */
void
tl_test_store_init (TlTestStore *fx,
                    const char  *name)
{
  fx->dir = tl_test_make_tmp_dir (name);
  fx->paths = g_ptr_array_new_with_free_func (g_free);
  fx->store = tl_store_new (fx->dir);
}

/* Creates the store (left unlocked); advocate may be NULL for the default label. */
void
tl_test_store_create (TlTestStore *fx,
                      const char  *advocate,
                      const char  *passphrase)
{
  g_autoptr(GError) error = NULL;

  if (advocate != NULL)
    tl_store_set_advocate (fx->store, advocate);
  g_assert_true (tl_store_create (fx->store, passphrase, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
}

/* Closes the store and unlocks a new TlStore on the same folder, as a restart would. */
void
tl_test_store_reopen (TlTestStore *fx,
                      const char  *passphrase)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fx->store);
  fx->store = tl_store_new (fx->dir);
  g_assert_true (tl_store_unlock (fx->store, passphrase, &error));
  g_assert_no_error (error);
}

/* Closes the store and removes its folder and its backup folder. */
void
tl_test_store_clear (TlTestStore *fx)
{
  g_autofree char *backups = NULL;

  if (fx->store != NULL)
    backups = tl_store_get_backup_dir (fx->store);
  g_clear_object (&fx->store);
  tl_test_remove_tree (fx->dir);
  tl_test_remove_tree (backups);
  g_clear_pointer (&fx->dir, g_free);
  g_clear_pointer (&fx->paths, g_ptr_array_unref);
}

/* For g_test_add(): a created, unlocked store with TL_TEST_STORE_PASSPHRASE whose
 * slot is labelled TL_TEST_STORE_ADVOCATE. */
void
tl_test_store_set_up (TlTestStore   *fx,
                      gconstpointer  data)
{
  tl_test_store_init (fx, "store");
  tl_test_store_create (fx, TL_TEST_STORE_ADVOCATE, TL_TEST_STORE_PASSPHRASE);
}

void
tl_test_store_tear_down (TlTestStore   *fx,
                         gconstpointer  data)
{
  tl_test_store_clear (fx);
}

char *
tl_test_store_path (TlTestStore *fx,
                    const char  *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

/* Valid until tl_test_store_clear(). */
const char *
tl_test_store_path_tmp (TlTestStore *fx,
                        const char  *name)
{
  char *path = tl_test_store_path (fx, name);

  g_ptr_array_add (fx->paths, path);
  return path;
}

/* CONSISTENT: with NONE, GLib 2.74 writes over an existing file without truncating it. */
void
tl_test_store_write (TlTestStore *fx,
                     const char  *name,
                     const char  *data,
                     gsize        length)
{
  g_autofree char *path = tl_test_store_path (fx, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_no_error (error);
}

void
tl_test_store_save (TlTestStore *fx,
                    TlTip       *tip)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_store_save_tip (fx->store, tip, &error));
  g_assert_no_error (error);
}

/* Saves a labour-trafficking tip in Albuquerque, NM, with one victim of that name. */
void
tl_test_store_save_tip (TlTestStore *fx,
                        const char  *victim_name)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *victim = tl_victim_new ();

  tip->type = TL_TRAFFICKING_LABOR;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&tip->narrative, "Seen near the truck stop.");
  tl_set_str (&victim->name, victim_name);
  g_ptr_array_add (tip->victims, victim);
  tl_test_store_save (fx, tip);
  tl_tip_unref (tip);
}

/* The first column of the first row of sql on an unlocked store, or -1 without a row:
 * for checking what the store wrote (tests only read the database directly). */
gint64
tl_test_store_query_int (TlStore    *store,
                         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_tl_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The same as text (NULL without a row or on an error: the statement may fail on a
 * damaged store). */
char *
tl_test_store_query_text (TlStore    *store,
                          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (_tl_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}
