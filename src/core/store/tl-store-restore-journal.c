/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-restore"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-store-private.h"

/* The restore journal (docs/store-format.md, "Restore"): tipline.restore, written
 * durably before a restore moves any file and removed after the restored store opened.
 * While it exists, the next program to open the store finishes the restore (state
 * "forward": the backup's files were checked before the journal was written) or puts
 * the old files back (state "back": the restored store did not open), before anything
 * else. Every step is a rename, and recovery redoes them from whatever state a crash
 * left, so it may itself be interrupted and run again.
 *
 *   tipline-restore 1
 *   aside replaced-YYYYMMDD-HHMMSS      the folder the current files go to
 *   backup NAME                         the backup's file name, for the audit entry
 *   state forward | back                                                            */

static const char * const db_suffixes[] = { "", "-wal", "-shm" };

/* helpers */

static char *
in_dir (const char *dir,
        const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static gboolean
move_if_there (const char  *from,
               const char  *to,
               GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;
  return tl_durable_rename (from, to, error);
}

static gboolean
valid_aside (const char *name)
{
  return name != NULL && g_str_has_prefix (name, "replaced-") && strchr (name, '/') == NULL &&
         strstr (name, "..") == NULL;
}

/* Forward: the current files go aside (where they are not yet), the staged backup
 * files take their place. */
static gboolean
roll_forward (TlStore     *self,
              const char  *aside,
              GError     **error)
{
  g_autofree char *db_in = in_dir (self->dir, TL_STORE_RESTORE_DB_NAME);
  g_autofree char *keys_in = in_dir (self->dir, TL_STORE_RESTORE_KEYS_NAME);
  g_autofree char *anchor_in = in_dir (self->dir, TL_STORE_RESTORE_ANCHOR_NAME);
  g_autofree char *keys_aside = in_dir (aside, TL_STORE_KEYS_NAME);
  g_autofree char *anchor = in_dir (self->dir, TL_STORE_ANCHOR_NAME);
  g_autofree char *anchor_aside = in_dir (aside, TL_STORE_ANCHOR_NAME);

  if (g_file_test (db_in, G_FILE_TEST_EXISTS))
    for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
      {
        g_autofree char *from = g_strconcat (self->db_path, db_suffixes[i], NULL);
        g_autofree char *name = g_strconcat (TL_STORE_DB_NAME, db_suffixes[i], NULL);
        g_autofree char *to = in_dir (aside, name);

        if (!move_if_there (from, to, error))
          return FALSE;
      }
  if (g_file_test (keys_in, G_FILE_TEST_EXISTS) &&
      (!move_if_there (self->keys_path, keys_aside, error) ||
       !move_if_there (anchor, anchor_aside, error)))
    return FALSE;
  _tl_store_restore_step (self, TL_RESTORE_STEP_MOVED_ASIDE);

  if (!move_if_there (db_in, self->db_path, error))
    return FALSE;
  _tl_store_restore_step (self, TL_RESTORE_STEP_DB_IN_PLACE);
  /* The anchor last: the current one went aside with the key file, and a crash before
   * this point redoes only what is left. */
  return move_if_there (keys_in, self->keys_path, error) &&
         move_if_there (anchor_in, anchor, error);
}

/* Back: whatever the restore put in place goes, the files kept aside come back. */
static gboolean
roll_back (TlStore     *self,
           const char  *aside,
           GError     **error)
{
  g_autofree char *keys_aside = in_dir (aside, TL_STORE_KEYS_NAME);
  g_autofree char *db_aside = in_dir (aside, TL_STORE_DB_NAME);
  /* The key file and the anchor go aside together, and the backup's anchor comes in
   * only after its key file: with no key file aside, the anchor here is the store's. */
  gboolean keys_moved = g_file_test (keys_aside, G_FILE_TEST_EXISTS);

  /* The restored database's log must not be applied to the old one. */
  if (g_file_test (db_aside, G_FILE_TEST_EXISTS))
    for (guint i = 1; i < G_N_ELEMENTS (db_suffixes); i++)
      {
        g_autofree char *p = g_strconcat (self->db_path, db_suffixes[i], NULL);

        g_unlink (p);
      }
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (TL_STORE_DB_NAME, db_suffixes[i], NULL);
      g_autofree char *from = in_dir (aside, name);
      g_autofree char *to = g_strconcat (self->db_path, db_suffixes[i], NULL);

      if (!move_if_there (from, to, error))
        return FALSE;
    }
  if (!move_if_there (keys_aside, self->keys_path, error))
    return FALSE;
  {
    g_autofree char *anchor = in_dir (self->dir, TL_STORE_ANCHOR_NAME);
    g_autofree char *anchor_aside = in_dir (aside, TL_STORE_ANCHOR_NAME);
    g_autofree char *anchor_in = in_dir (self->dir, TL_STORE_RESTORE_ANCHOR_NAME);

    /* The backup's anchor, staged or in place, goes with the backup's files. */
    g_unlink (anchor_in);
    if (g_file_test (anchor_aside, G_FILE_TEST_EXISTS))
      {
        if (!move_if_there (anchor_aside, anchor, error))
          return FALSE;
      }
    else if (keys_moved)
      g_unlink (anchor);
  }
  g_rmdir (aside);
  return TRUE;
}

/* private API */

gboolean
_tl_store_restore_journal_write (TlStore     *self,
                                 const char  *aside_name,
                                 const char  *backup_name,
                                 gboolean     forward,
                                 GError     **error)
{
  g_autofree char *path = in_dir (self->dir, TL_STORE_RESTORE_JOURNAL_NAME);
  g_autofree char *text = NULL;
  g_autofree char *safe_backup = g_strdelimit (g_strdup (backup_name), "\r\n", ' ');
  g_autoptr(GError) local_error = NULL;

  text = g_strdup_printf ("tipline-restore 1\naside %s\nbackup %s\nstate %s\n",
                          aside_name, safe_backup, forward ? "forward" : "back");
  if (g_file_set_contents_full (path, text, -1,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0600, &local_error))
    return TRUE;

  tl_set_file_error (error, g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                            ? ENOSPC : EIO, path);
  return FALSE;
}

void
_tl_store_restore_journal_remove (TlStore *self)
{
  g_autofree char *path = in_dir (self->dir, TL_STORE_RESTORE_JOURNAL_NAME);

  g_unlink (path);
}

gboolean
_tl_store_restore_pending (TlStore *self)
{
  g_autofree char *path = in_dir (self->dir, TL_STORE_RESTORE_JOURNAL_NAME);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

gboolean
_tl_store_restore_roll (TlStore     *self,
                        const char  *aside,
                        gboolean     forward,
                        GError     **error)
{
  return forward ? roll_forward (self, aside, error) : roll_back (self, aside, error);
}

/* Called with the exclusive lock, before the store is opened. Sets *backup_name to the
 * restored backup's name when a restore was finished (for the audit log). */
gboolean
_tl_store_restore_recover (TlStore     *self,
                           char       **backup_name,
                           GError     **error)
{
  g_autofree char *path = in_dir (self->dir, TL_STORE_RESTORE_JOURNAL_NAME);
  g_autofree char *text = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *backup = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean forward = TRUE, known = FALSE;
  g_autofree char *db_in = in_dir (self->dir, TL_STORE_RESTORE_DB_NAME);
  g_autofree char *keys_in = in_dir (self->dir, TL_STORE_RESTORE_KEYS_NAME);
  g_autofree char *anchor_in = in_dir (self->dir, TL_STORE_RESTORE_ANCHOR_NAME);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      /* No journal: a restore that stopped while checking the backup left its staged
       * copies (encrypted) and changed nothing else. */
      g_unlink (db_in);
      g_unlink (keys_in);
      g_unlink (anchor_in);
      return TRUE;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "aside "))
        {
          g_free (aside);
          aside = g_strdup (lines[i] + strlen ("aside "));
        }
      else if (g_str_has_prefix (lines[i], "backup "))
        {
          g_free (backup);
          backup = g_strdup (lines[i] + strlen ("backup "));
        }
      else if (g_str_equal (lines[i], "state forward"))
        forward = known = TRUE;
      else if (g_str_equal (lines[i], "state back"))
        {
          forward = FALSE;
          known = TRUE;
        }
    }

  if (!known || !valid_aside (aside))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                           _("A restore was interrupted and its journal (tipline.restore in the store folder) is damaged. Nothing was changed; restore the backup again."));
      return FALSE;
    }

  {
    g_autofree char *aside_path = in_dir (self->dir, aside);

    g_message (forward ? "Finishing a restore that was interrupted"
                       : "Undoing a restore that was interrupted");
    if (!_tl_store_restore_roll (self, aside_path, forward, error))
      return FALSE;
  }
  g_unlink (db_in);
  g_unlink (keys_in);
  g_unlink (anchor_in);
  _tl_store_restore_journal_remove (self);
  if (forward && backup_name != NULL)
    *backup_name = g_steal_pointer (&backup);
  return TRUE;
}
