/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-lock"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The lock on the store folder (docs/store-format.md, "Lock"): advisory record locks on
 * two bytes of tipline.lock, taken on the open file description (F_OFD_SETLK), so two
 * TlStore objects in one process exclude each other like two programs do, and closing
 * some other descriptor of the file never drops them.
 *
 *   byte 0, the store:    shared while a program has the store open (or reads its key
 *                         file to change it); exclusive for create, restore and re-key,
 *                         which replace files another program would keep using.
 *   byte 1, the key file: exclusive around every read-modify-write of tipline.keys.
 *                         Taken only while byte 0 is held; whoever holds it never waits
 *                         for anything else, so waiting for it cannot deadlock.
 *
 * The file holds the process id of the last program that took byte 0, so a refusal can
 * name it. Waiting (--wait) applies to taking byte 0 from nothing; turning a shared lock
 * into an exclusive one never waits (two programs doing that would wait for each
 * other forever). The kernel drops every lock of a program that dies. */

#ifndef F_OFD_SETLK
/* Not Linux: classic POSIX locks (per process; enough between programs). */
#define F_OFD_SETLK  F_SETLK
#define F_OFD_SETLKW F_SETLKW
#endif

#define STORE_BYTE 0
#define KEYS_BYTE  1

/* helpers */

static int
set_lock (int      fd,
          short    type,
          off_t    byte,
          gboolean wait)
{
  struct flock lock = { 0 };
  int rc;

  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = byte;
  lock.l_len = 1;
  lock.l_pid = 0;         /* required for OFD locks */
  do
    rc = fcntl (fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &lock);
  while (rc != 0 && errno == EINTR);
  return rc == 0 ? 0 : errno;
}

static void
write_pid (int fd)
{
  char text[32];
  /* Always the same width, written in one call: a reader never sees half a number. */
  int length = g_snprintf (text, sizeof text, "%20ld\n", (long) getpid ());

  if (pwrite (fd, text, length, 0) != length)
    g_debug ("could not write the lock holder");
}

static long
read_pid (int fd)
{
  char text[32] = { 0 };
  ssize_t n = pread (fd, text, sizeof text - 1, 0);
  long pid;

  if (n <= 0)
    return 0;
  pid = strtol (g_strchug (text), NULL, 10);
  if (pid <= 0 || pid == (long) getpid () || (kill ((pid_t) pid, 0) != 0 && errno == ESRCH))
    return 0;
  return pid;
}

static void
set_busy_error (TlStore  *self,
                GError  **error)
{
  long pid = self->lock_fd >= 0 ? read_pid (self->lock_fd) : 0;

  if (pid > 0)
    g_set_error (error, TL_ERROR, TL_ERROR_BUSY,
                 _("Tipline is open on this computer (process %ld). Close it, or run again with --wait."),
                 pid);
  else
    g_set_error_literal (error, TL_ERROR, TL_ERROR_BUSY,
                         _("Tipline is open in another window or program on this computer. Close it, or run again with --wait."));
}

static gboolean
open_lock_file (TlStore  *self,
                GError  **error)
{
  g_autofree char *path = NULL;
  int saved;

  if (self->lock_fd >= 0)
    return TRUE;

  path = g_build_filename (self->dir, TL_STORE_LOCK_NAME, NULL);
  self->lock_fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd >= 0)
    return TRUE;

  saved = errno;
  /* A store on read-only media: nobody can change it, so there is nothing to lock. */
  if (saved == EROFS)
    return TRUE;
  if (saved == ENOSPC)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_NO_SPACE,
                         _("Tipline could not open the store because the disk is full. Free some space and try again."));
  else
    g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                         _("Tipline could not open the lock file in the store folder. Check that you may write to that folder, then try again."));
  return FALSE;
}

static void
close_lock_file (TlStore *self)
{
  if (self->lock_fd >= 0 && self->lock_mode == TL_STORE_LOCK_NONE && !self->keys_locked)
    {
      close (self->lock_fd);    /* releases what is left */
      self->lock_fd = -1;
    }
}

/* private API */

void
_tl_store_lock_init (TlStore *self)
{
  self->lock_fd = -1;
  self->lock_mode = TL_STORE_LOCK_NONE;
}

gboolean
_tl_store_lock_take (TlStore          *self,
                     TlStoreLockMode   mode,
                     GError          **error)
{
  gboolean wait;
  int rc;

  g_return_val_if_fail (mode != TL_STORE_LOCK_NONE, FALSE);

  if (self->lock_mode >= mode)
    return TRUE;
  if (!open_lock_file (self, error))
    return FALSE;
  if (self->lock_fd < 0)
    {
      self->lock_mode = mode;   /* read-only media */
      return TRUE;
    }

  wait = self->lock_wait && self->lock_mode == TL_STORE_LOCK_NONE;
  rc = set_lock (self->lock_fd, mode == TL_STORE_LOCK_EXCLUSIVE ? F_WRLCK : F_RDLCK,
                 STORE_BYTE, wait);
  if (rc == 0)
    {
      self->lock_mode = mode;
      write_pid (self->lock_fd);
      return TRUE;
    }

  if (rc == EAGAIN || rc == EACCES || rc == EDEADLK)
    set_busy_error (self, error);
  else
    g_set_error (error, TL_ERROR, TL_ERROR_IO,
                 _("Tipline could not lock the store folder (%s). Check that the folder is on a local disk, then try again."),
                 g_strerror (rc));
  close_lock_file (self);
  return FALSE;
}

void
_tl_store_lock_downgrade (TlStore *self)
{
  if (self->lock_mode != TL_STORE_LOCK_EXCLUSIVE)
    return;
  if (self->lock_fd >= 0)
    set_lock (self->lock_fd, F_RDLCK, STORE_BYTE, FALSE);   /* never fails: we hold it */
  self->lock_mode = TL_STORE_LOCK_SHARED;
}

void
_tl_store_lock_drop (TlStore *self)
{
  if (self->lock_mode == TL_STORE_LOCK_NONE)
    return;
  if (self->lock_fd >= 0)
    set_lock (self->lock_fd, F_UNLCK, STORE_BYTE, FALSE);
  self->lock_mode = TL_STORE_LOCK_NONE;
  close_lock_file (self);
}

gboolean
_tl_store_keys_lock (TlStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (!self->keys_locked, FALSE);

  self->keys_took_store = self->lock_mode == TL_STORE_LOCK_NONE;
  if (!_tl_store_lock_take (self, TL_STORE_LOCK_SHARED, error))
    return FALSE;

  if (self->lock_fd >= 0)
    {
      int rc = set_lock (self->lock_fd, F_WRLCK, KEYS_BYTE, TRUE);

      if (rc != 0)
        {
          g_set_error (error, TL_ERROR, TL_ERROR_IO,
                       _("Tipline could not lock the store folder (%s). Check that the folder is on a local disk, then try again."),
                       g_strerror (rc));
          if (self->keys_took_store)
            _tl_store_lock_drop (self);
          return FALSE;
        }
    }
  self->keys_locked = TRUE;
  return TRUE;
}

void
_tl_store_keys_unlock (TlStore *self)
{
  if (!self->keys_locked)
    return;
  if (self->lock_fd >= 0)
    set_lock (self->lock_fd, F_UNLCK, KEYS_BYTE, FALSE);
  self->keys_locked = FALSE;
  if (self->keys_took_store)
    _tl_store_lock_drop (self);
  self->keys_took_store = FALSE;
  close_lock_file (self);
}

/* Copies an interrupted program left in the store folder: a backup's copy of the
 * database (under the key of its time: a removed advocate's old key file could open
 * it) and a restore's staged files. They may be deleted only when no other program is
 * at work in the folder, so only with the exclusive lock, taken here for a moment when
 * nobody else has the store. */
void
_tl_store_remove_leftovers (TlStore *self)
{
  static const char * const names[] = {
    "tipline.db.backup", "tipline.db.backup-wal", "tipline.db.backup-shm",
    "tipline.db.backup-journal", TL_STORE_RESTORE_DB_NAME, TL_STORE_RESTORE_KEYS_NAME,
    TL_STORE_RESTORE_ANCHOR_NAME,
  };
  gboolean any = FALSE, upgraded = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names) && !any; i++)
    {
      g_autofree char *path = g_build_filename (self->dir, names[i], NULL);

      any = g_file_test (path, G_FILE_TEST_EXISTS);
    }
  if (!any || self->lock_mode == TL_STORE_LOCK_NONE)
    return;

  if (self->lock_mode == TL_STORE_LOCK_SHARED)
    {
      if (self->lock_fd < 0 || set_lock (self->lock_fd, F_WRLCK, STORE_BYTE, FALSE) != 0)
        return;
      upgraded = TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (self->dir, names[i], NULL);

      g_unlink (path);
    }

  if (upgraded)
    set_lock (self->lock_fd, F_RDLCK, STORE_BYTE, FALSE);
}
