/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-damage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* When a store does not open because a file is damaged, say which file and how, and
 * where the newest backup that checks out is. Everything here only reads: a damaged
 * store is evidence, and a recovery specialist may still get tips out of it. */

#define PAGE_SIZE 1024

/* helpers */

static char *
describe_damage (TlStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  GStatBuf st;

  if (!self->plain)
    {
      if (g_stat (self->keys_path, &st) != 0)
        return g_strdup (_("The store’s key file (tipline.keys) is missing."));

      slots = tl_keyslot_load (self->keys_path, &error);
      if (slots == NULL)
        return g_strdup (_("The store’s key file (tipline.keys) is damaged."));
    }

  if (g_stat (self->db_path, &st) != 0)
    return g_strdup (_("The store’s database file (tipline.db) is missing."));

  if (st.st_size == 0 || st.st_size % PAGE_SIZE != 0)
    return g_strdup (_("The store’s database file (tipline.db) is cut short: part of it was not written or was lost."));

  return g_strdup (_("The store’s database file (tipline.db) is damaged: some of its contents cannot be read."));
}

/* private API */

void
_tl_store_set_damaged_error (TlStore  *self,
                             GError  **error)
{
  g_autofree char *what = describe_damage (self);
  g_autofree char *backup_dir = tl_store_get_backup_dir (self);
  g_autofree char *latest = tl_store_find_latest_backup (backup_dir);
  g_autofree char *advice = NULL;

  if (latest != NULL)
    {
      g_autofree char *display = g_filename_display_name (latest);

      advice = g_strdup_printf (_("The newest backup that checks out is %s. Restore it with “tipline-cli restore”. The damaged files were left as they are."),
                                display);
    }
  else
    {
      g_autofree char *display = g_filename_display_name (backup_dir);

      advice = g_strdup_printf (_("No backup that checks out was found in %s. Do not delete the store folder; ask your administrator for help."),
                                display);
    }

  g_set_error (error, TL_ERROR, TL_ERROR_DAMAGED, "%s %s", what, advice);
}

/* Before the database is opened: a file that is not a whole number of pages was cut
 * short (SQLite only ever writes whole pages to it). SQLite would quietly work with the
 * whole pages, and writing to it (the unlock entry) would change the evidence. */
gboolean
_tl_store_check_size (TlStore  *self,
                      GError  **error)
{
  GStatBuf st;

  /* Empty is not judged here: after a crash right after creation everything may still
   * be in the write-ahead log, and an empty file without one fails the schema check. */
  if (g_stat (self->db_path, &st) == 0 && st.st_size % PAGE_SIZE == 0)
    return TRUE;

  _tl_store_set_damaged_error (self, error);
  return FALSE;
}

/* Reads every page once (SQLCipher authenticates each page as it decrypts it), so
 * damage after the first page is found at unlock. quick_check skips the index
 * cross-checks of integrity_check, which keeps unlock fast on a large store. */
gboolean
_tl_store_check_pages (TlStore  *self,
                       GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  /* The page count is not compared with the file's size: pages still in the
   * write-ahead log (after a crash, before a checkpoint) legitimately lie past the end
   * of the main file. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    {
      /* Close before anything can write (migrations, the unlock entry). */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      _tl_store_set_damaged_error (self, error);
    }
  return ok;
}
