/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-file-util"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-file-util.h"

gboolean
tl_write_private_file (const char  *path,
                       const char  *data,
                       gsize        length,
                       gboolean     overwrite,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
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

  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      gboolean full = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);

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
