/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attach"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-attach.h"
#include "tl-error.h"
#include "tl-file-util.h"

/* Joins the store (where the bytes live) and the report area (cleaning, metadata):
 * attaching reads the capture time from the file itself; writing out cleans unless the
 * original is asked for, and records the copy's hash in the audit log first. */

/* public API */

/**
 * tl_attach_bytes:
 *
 * Returns: the attachment's number on the tip, or 0 with @error set (one sentence)
 */
guint
tl_attach_bytes (TlStore           *store,
                 const char        *tip_id,
                 const char        *name,
                 GBytes            *bytes,
                 TlAttachmentKind   kind,
                 GError           **error)
{
  gsize length;
  const guint8 *data;
  TlAttachmentType type;
  gint64 captured;

  g_return_val_if_fail (TL_IS_STORE (store), 0);
  g_return_val_if_fail (bytes != NULL, 0);

  data = g_bytes_get_data (bytes, &length);
  type = tl_attachment_sniff (data, length);
  captured = length <= TL_ATTACHMENT_MAX_SIZE ? tl_attachment_captured_time (type, bytes) : 0;
  return tl_store_add_attachment (store, tip_id, name, bytes, captured, kind, error);
}

/**
 * tl_attachment_get_copy:
 * @original: %TRUE for the bytes as received, %FALSE for the cleaned copy
 *
 * Returns: (transfer full): the copy, in memory; %NULL when the attachment is not
 *   there, or has no cleaned copy (its type, or damage), with one sentence in @error
 */
GBytes *
tl_attachment_get_copy (TlStore        *store,
                        const char     *tip_id,
                        guint           number,
                        gboolean        original,
                        TlAttachment  **info,
                        GError        **error)
{
  g_autoptr(TlAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GBytes *copy;

  bytes = tl_store_load_attachment (store, tip_id, number, &attachment, error);
  if (bytes == NULL)
    return NULL;
  copy = original ? g_bytes_ref (bytes) : tl_attachment_clean (attachment->type, bytes, error);
  if (copy != NULL && info != NULL)
    *info = g_steal_pointer (&attachment);
  return copy;
}

/* Records the copy (number, cleaned or original, its hash) before writing it. */
gboolean
tl_attachment_write_file (TlStore     *store,
                          const char  *tip_id,
                          guint        number,
                          gboolean     original,
                          const char  *path,
                          gboolean     overwrite,
                          GError     **error)
{
  g_autoptr(GBytes) copy = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);

  copy = tl_attachment_get_copy (store, tip_id, number, original, NULL, error);
  if (copy == NULL)
    return FALSE;
  data = g_bytes_get_data (copy, &length);
  sha256 = tl_attachment_sha256 ((const guint8 *) data, length);
  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_EXISTS,
                   _("%s already exists. Choose another name, or allow replacing it."), path);
      return FALSE;
    }
  if (!tl_store_record_attachment_export (store, tip_id, number, original, sha256, error))
    return FALSE;
  return tl_write_private_file (path, data, length, overwrite, error);
}
