/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-export-all.h"
#include "tl-file-util.h"
#include "tl-temp-file.h"
#include "tl-tip-xml.h"

/* Every tip as one <tips> exchange file (issue 16), streamed: each tip is read from the
 * store, checked (the next workstation must be able to read it) and written before the
 * next is read, so memory does not grow with the store (the earlier export held every
 * tip and the whole document: 2.67 GB for a 337 MB file at 100,000 tips). The file is
 * written beside its destination and renamed into place when whole; the export is
 * recorded with one audit entry per tip in one transaction (it was one durable commit
 * per tip), and the file is removed again if the audit log cannot be written. */

#define PROGRESS_EVERY 500

typedef struct
{
  FILE *out;
  guint done;
  guint total;
  GPtrArray *ids;
  TlExportAllProgress progress;
  gpointer user_data;
} Export;

/* helpers */

static gboolean
write_failed (const char  *path,
              int          saved,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, TL_ERROR, saved == ENOSPC ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
               saved == ENOSPC ? _("Could not write %s because the disk is full. Free some space and try again.")
                               : _("Could not write %s. Check that the folder exists and that you may write to it."),
               display);
  return FALSE;
}

/* The stored document without its XML declaration: a <tip> element, which may stand
 * inside <tips> as it is (same namespace). */
static gboolean
export_one (const char  *id,
            const void  *xml,
            int          length,
            gpointer     user_data,
            GError     **error)
{
  Export *export = user_data;
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = xml;
  const char *start;

  tips = tl_tip_xml_read (xml, length, NULL, TL_TIP_XML_TRUSTED, NULL);
  if (tips == NULL || tips->len != 1)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      return FALSE;
    }

  problems = tl_tip_validate (g_ptr_array_index (tips, 0));
  if (problems->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          TlProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (list, "\n  %s: %s", problem->field, problem->message);
        }
      /* Translators: %s is a tip's id, then the list of fields to fix */
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("The tips were not exported because tip %s has fields that need fixing first:%s"),
                   id, list->str);
      return FALSE;
    }

  start = length > 5 && memcmp (text, "<?xml", 5) == 0 ? memchr (text, '>', length) : NULL;
  start = start != NULL ? start + 1 : text;
  while (start < text + length && (*start == '\n' || *start == '\r'))
    start++;
  if (fwrite (start, 1, text + length - start, export->out) != (size_t) (text + length - start))
    return FALSE;

  g_ptr_array_add (export->ids, g_strdup (id));
  export->done++;
  if (export->progress != NULL && export->done % PROGRESS_EVERY == 0)
    export->progress (export->done, export->total, export->user_data);
  return TRUE;
}

/* public API */

gboolean
tl_export_all_tips (TlStore              *store,
                    const char           *path,
                    gboolean              overwrite,
                    TlExportAllProgress   progress,
                    gpointer              user_data,
                    guint                *n_exported,
                    GError              **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  Export export = { 0 };
  gint64 total;
  int fd, guard, target_guard, saved = 0;
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TL_ERROR, TL_ERROR_EXISTS,
                   _("%s already exists. Choose another name, or confirm that it may be replaced."),
                   display);
      return FALSE;
    }

  total = tl_store_count_tips (store, NULL, error);
  if (total < 0)
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* Named as tl_temp_file_write() names its files, and registered with the signal
   * guard: an export stopped by SIGINT or SIGTERM leaves no plaintext (issue 15). */
  tmp_path = g_strdup_printf ("%s%c%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return write_failed (path, errno, error);
  guard = tl_temp_file_register (tmp_path);

  export.out = fdopen (fd, "w");
  export.total = (guint) total;
  export.ids = ids;
  export.progress = progress;
  export.user_data = user_data;
  if (export.out == NULL)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp_path);
      tl_temp_file_forget (guard);
      return write_failed (path, saved, error);
    }
  setvbuf (export.out, NULL, _IOFBF, 256 * 1024);

  errno = 0;
  ok = fprintf (export.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tips xmlns=\"%s\">\n",
                TL_TIP_XML_NAMESPACE) > 0 &&
       tl_store_foreach_tip_xml (store, export_one, &export, &local_error) &&
       fputs ("</tips>\n", export.out) >= 0 &&
       fflush (export.out) == 0 &&
       fsync (fileno (export.out)) == 0;
  if (!ok && local_error == NULL)
    saved = errno != 0 ? errno : EIO;
  if (fclose (export.out) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }

  /* Until its audit entry is written, the finished file is removed on SIGINT/SIGTERM
   * like the temporary one: a signal between the rename and the audit must not leave an
   * export nobody recorded. */
  target_guard = tl_temp_file_register (path);
  if (ok)
    ok = tl_durable_rename (tmp_path, path, &local_error);
  if (!ok)
    g_unlink (tmp_path);
  tl_temp_file_forget (guard);
  if (!ok)
    {
      tl_temp_file_forget (target_guard);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        write_failed (path, saved, error);
      return FALSE;
    }

  if (progress != NULL)
    progress (export.done, export.total, user_data);

  /* No export goes unrecorded. */
  if (!tl_store_audit_tips (store, TL_AUDIT_EXPORT, ids, error))
    {
      g_unlink (path);
      tl_temp_file_forget (target_guard);
      return FALSE;
    }
  tl_temp_file_forget (target_guard);

  if (n_exported != NULL)
    *n_exported = export.done;
  return TRUE;
}
