/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-import"

#include "config.h"

#include "tl-import.h"
#include "tl-tip-xml.h"

TlImportResult *
tl_import_files (TlStore             *store,
                 const char * const  *paths,
                 TlImportProgress     progress,
                 gpointer             user_data,
                 GError             **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      /* validates against the schema; errors read "FILE:LINE: message" */
      g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (paths[i], error);

      if (tips == NULL)
        return NULL;
      for (guint j = 0; j < tips->len; j++)
        g_ptr_array_add (all, tl_tip_ref (g_ptr_array_index (tips, j)));
    }

  return tl_store_import_tips (store, all, progress, user_data, error);
}
