/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-attach-carry.h"
#include "tl-bundle.h"
#include "tl-error.h"
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
  g_autoptr(GPtrArray) carried = NULL;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  carried = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_carried_attachment_free);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) tips = NULL;

      /* A sealed bundle is opened, its sender shown, first (tl-bundle.h). */
      if (tl_bundle_file_is_bundle (paths[i]))
        {
          g_autofree char *display = g_filename_display_name (paths[i]);

          g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                       _("%s is a sealed bundle: open it on its own (Import in the app, or “tipline-cli bundle open”), so that its sender is checked and shown."),
                       display);
          return NULL;
        }
      /* validates against the schema; errors read "FILE:LINE: message" */
      tips = tl_tip_xml_read_file_carrying (paths[i], carried, error);

      if (tips == NULL)
        return NULL;
      for (guint j = 0; j < tips->len; j++)
        g_ptr_array_add (all, tl_tip_ref (g_ptr_array_index (tips, j)));
    }

  return tl_import_carrying (store, all, carried, progress, user_data, error);
}
