/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-file-util"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-temp-file.h"

gboolean
tl_write_private_file (const char  *path,
                       const char  *data,
                       gsize        length,
                       gboolean     overwrite,
                       GError     **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_EXISTS,
                   _("%s already exists. Choose another name, or confirm that it may be replaced."),
                   display);
      return FALSE;
    }

  /* Its temporary file goes on any failure and on SIGINT/SIGTERM (tl-temp-file.c). */
  if (!tl_temp_file_write (path, data, length))
    {
      gboolean full = errno == ENOSPC || errno == EDQUOT;

      g_set_error (error, TL_ERROR, full ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
                   full ? _("Could not write %s because the disk is full. Free some space and try again.")
                        : _("Could not write %s. Check that the folder exists and that you may write to it."),
                   display);
      return FALSE;
    }

  /* g_file_set_contents_full only applies the mode to a new file; an existing file
   * that was replaced keeps 0600 because the temporary file was created with it. */
  return TRUE;
}

gboolean
tl_durable_rename (const char  *from,
                          const char  *to,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (to);
  int fd;

  if (g_rename (from, to) != 0)
    {
      int saved = errno;

      g_set_error (error, TL_ERROR, saved == ENOSPC ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
                   _("Tipline could not replace a file in the store folder (%s). Check that the disk works and that you may write to the folder."),
                   g_strerror (saved));
      return FALSE;
    }

  /* The rename is only durable once the folder itself is on disk. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
tl_set_file_error (GError     **error,
          int          err,
          const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (err == ENOSPC)
    g_set_error (error, TL_ERROR, TL_ERROR_NO_SPACE,
                 _("Could not write %s because the disk is full. Free some space and try again."), display);
  else
    g_set_error (error, TL_ERROR, TL_ERROR_IO,
                 _("Could not read or write %s (%s). Check that the disk works and that you may use that folder."),
                 display, g_strerror (err));
  return FALSE;
}

/* Makes dir (and its parents) with mode 0700 and each of the named files in it that
 * exists 0600. FALSE when the folder cannot be made private; a file that cannot be
 * changed only gets a warning (it may be on its way out). */
gboolean
tl_make_private_folder (const char         *dir,
                        const char * const *names)
{
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    return FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_chmod (path, 0600) != 0 && errno != ENOENT)
        g_warning ("Could not make a private file private: %s", g_strerror (errno));
    }

  return TRUE;
}
