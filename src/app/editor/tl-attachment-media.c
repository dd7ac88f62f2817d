/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attachment-media"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "tl-attachment-media.h"
#include "tl-error.h"

/* A voicemail played in the viewer (issue 20) without its bytes reaching a disk.
 * gtk_media_file_new_for_input_stream() would be the obvious way, but GTK 4.8's GStreamer
 * backend (Debian 12) aborts the program when it opens an input stream. So the bytes
 * go into an anonymous memory file (memfd): it has no name in any folder, lives in RAM
 * like the rest of the process, is sealed so nothing can change the evidence, and is
 * gone when the last descriptor closes. The player opens it through /proc/self/fd. */

/* helpers */

static void
close_fd (gpointer data)
{
  close (GPOINTER_TO_INT (data) - 1);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= written;
    }
  return TRUE;
}

/* public API */

GtkMediaStream *
tl_attachment_media_new (GBytes  *bytes,
                         GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkMediaStream *media;
  const guint8 *data;
  gsize length;
  int fd;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  fd = memfd_create ("tipline-recording", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0 || !write_all (fd, data, length) ||
      fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
    {
      if (fd >= 0)
        close (fd);
      g_set_error_literal (error, TL_ERROR, TL_ERROR_IO,
                           _("Tipline cannot play this recording: the system gave it no memory to play it from. Close other programs, then open it again."));
      return NULL;
    }

  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  file = g_file_new_for_path (path);
  media = gtk_media_file_new_for_file (file);
  /* The descriptor lives as long as the stream that reads it. */
  g_object_set_data_full (G_OBJECT (media), "tl-memory-file", GINT_TO_POINTER (fd + 1), close_fd);
  return media;
}
