/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attach"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-attach-carry.h"
#include "tl-error.h"
#include "tl-tip-xml.h"

/* An exchange file is the whole record, so it carries the originals (what the full
 * profile sends); a profile's XML gets its copies from TlExport (tl-attach.c). Both
 * are recorded copy by copy, as a copy written out is. */

/* public API */

gboolean
tl_exchange_check_size (const char  *tip_id,
                        gsize        length,
                        GError     **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;

  if (length <= TL_TIP_XML_MAX_SIZE)
    return TRUE;
  size = g_format_size (length);
  limit = g_format_size (TL_TIP_XML_MAX_SIZE);
  g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
               _("Tip %s with its attachments makes a file of %s, larger than the %s a tip file can be. Send the larger attachments on their own (“tipline-cli attachment”)."),
               tip_id, size, limit);
  return FALSE;
}

char *
tl_exchange_write_tip (TlStore      *store,
                       const TlTip  *tip,
                       GPtrArray   **carried,
                       gsize        *length,
                       GError      **error)
{
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GPtrArray) originals = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *xml = NULL;
  gsize xml_length = 0;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (tip != NULL, NULL);

  releases = tl_attachments_for_export (store, tip, TL_REPORT_PROFILE_FULL, NULL, error);
  if (releases == NULL)
    return NULL;
  originals = tl_attachments_carry (releases, TRUE);
  g_ptr_array_add (one, (gpointer) tip);
  xml = tl_tip_xml_write_carrying (one, FALSE, originals, &xml_length);
  if (!tl_exchange_check_size (tip->id, xml_length, error))
    return NULL;
  if (carried != NULL)
    *carried = g_steal_pointer (&originals);
  if (length != NULL)
    *length = xml_length;
  return g_steal_pointer (&xml);
}

gboolean
tl_attachments_record_carried (TlStore    *store,
                               GPtrArray  *carried,
                               GError    **error)
{
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);

  for (guint i = 0; carried != NULL && i < carried->len; i++)
    {
      const TlCarriedAttachment *c = g_ptr_array_index (carried, i);

      if (!tl_store_record_attachment_export (store, c->info->tip_id, c->info->number, !c->cleaned,
                                              c->info->sha256, error))
        return FALSE;
    }
  return TRUE;
}

TlImportResult *
tl_import_carrying (TlStore          *store,
                    GPtrArray        *tips,
                    GPtrArray        *carried,
                    TlImportProgress  progress,
                    gpointer          user_data,
                    GError          **error)
{
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GError) attachments_error = NULL;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  result = tl_store_import_tips (store, tips, progress, user_data, error);
  if (result == NULL)
    return NULL;
  /* The tips are in: a store error on the attachments is said, not an import failed. */
  if (carried != NULL && !tl_store_import_attachments (store, carried, result, &attachments_error))
    g_ptr_array_add (result->attachments_refused,
                     g_strdup_printf (_("The tips were imported, their attachments not: %s"),
                                      attachments_error->message));
  return g_steal_pointer (&result);
}
