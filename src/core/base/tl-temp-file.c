/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-temp-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tl-io.h"
#include "tl-temp-file.h"

/* A signal handler may only use what is async-signal-safe: the paths live in fixed
 * buffers, a slot is published by setting its flag after its path is complete, and the
 * handler only calls unlink(), sigaction() and raise(). */

#define SLOTS 8

typedef struct
{
  volatile sig_atomic_t used;
  char path[PATH_MAX];
} Slot;

static Slot slots[SLOTS];
static const int guarded[] = { SIGINT, SIGTERM, SIGHUP };

/* helpers */

static void
remove_temp_files_handler (int signum)
{
  struct sigaction dfl;

  for (guint i = 0; i < SLOTS; i++)
    if (slots[i].used)
      unlink (slots[i].path);

  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  sigaction (signum, &dfl, NULL);
  raise (signum);
}

/* public API */

void
tl_temp_files_guard_signals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    {
      struct sigaction action, old;

      /* A signal the program ignores (nohup) stays ignored. */
      if (sigaction (guarded[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      memset (&action, 0, sizeof action);
      action.sa_handler = remove_temp_files_handler;
      sigemptyset (&action.sa_mask);
      for (guint j = 0; j < G_N_ELEMENTS (guarded); j++)
        sigaddset (&action.sa_mask, guarded[j]);
      action.sa_flags = SA_RESTART;
      sigaction (guarded[i], &action, NULL);
    }
}

int
tl_temp_file_register (const char *path)
{
  if (strlen (path) >= PATH_MAX)
    return -1;

  for (int i = 0; i < SLOTS; i++)
    if (!slots[i].used)
      {
        g_strlcpy (slots[i].path, path, PATH_MAX);
        slots[i].used = 1;
        return i;
      }
  return -1;
}

void
tl_temp_file_forget (int slot)
{
  if (slot >= 0 && slot < SLOTS)
    slots[slot].used = 0;
}

gboolean
tl_temp_file_write (const char *path,
                    const char *data,
                    gsize       length)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  sigset_t block, old;
  int fd, dir_fd, slot, saved;

  /* The file is registered before a signal can find it unregistered. */
  sigemptyset (&block);
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    sigaddset (&block, guarded[i]);
  sigprocmask (SIG_BLOCK, &block, &old);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  slot = fd >= 0 ? tl_temp_file_register (tmp) : -1;
  sigprocmask (SIG_SETMASK, &old, NULL);
  if (fd < 0)
    return FALSE;

  if (!tl_write_all (fd, data, length) || fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto fail;
  tl_temp_file_forget (slot);

  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  tl_temp_file_forget (slot);
  errno = saved;
  return FALSE;
}
