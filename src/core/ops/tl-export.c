/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-export.h"
#include "tl-file-util.h"

/* An export is a report written to a file the advocate chose and recorded in the
 * store's audit log, or not at all. */

gboolean
tl_export_report_file (TlReport        *report,
                       TlReportFormat   format,
                       TlStore         *store,
                       const char      *path,
                       gboolean         overwrite,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) audit_error = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = tl_report_render (report, format, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);

  if (!tl_write_private_file (path, data, length, overwrite, error))
    return FALSE;

  if (!tl_store_audit (store, TL_AUDIT_EXPORT, report->tip->id, &audit_error)
      || (report->overrides->len > 0
          && !tl_store_audit (store, TL_AUDIT_EXPORT_OVERRIDE, report->tip->id, &audit_error)))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (path);
      g_set_error (error, TL_ERROR, TL_ERROR_FAILED,
                   _("%s was not written because the export could not be recorded in the audit log: %s"),
                   display, audit_error->message);
      return FALSE;
    }

  return TRUE;
}
