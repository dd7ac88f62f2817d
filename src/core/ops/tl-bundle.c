/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bundle"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tl-attach-carry.h"
#include "tl-bundle-private.h"
#include "tl-error.h"
#include "tl-export.h"
#include "tl-file-util.h"
#include "tl-tip-xml.h"

/* Sealing and opening with the store's keys; the bytes on disk: tl-bundle-format.c.
 * Each tip goes through TlExport in the XML format, so a bundle carries exactly what
 * the redacted XML export under the same profile would, and each tip's export is
 * recorded as the export's own audit entry. */

/* helpers */

static gboolean
read_bundle_file (const char  *path,
                  char       **contents,
                  gsize       *length,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return tl_set_file_error (error, errno, path);
  if ((guint64) st.st_size > TL_BUNDLE_MAX_SIZE)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s is larger than any bundle Tipline opens (%u MiB). Nothing was imported."),
                   display, (guint) (TL_BUNDLE_MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }
  if (!g_file_get_contents (path, contents, length, NULL))
    return tl_set_file_error (error, errno != 0 ? errno : EIO, path);
  return TRUE;
}

/* public API */

TlBundleRequest *
tl_bundle_request_new (TlReportProfile profile)
{
  TlBundleRequest *request = g_new0 (TlBundleRequest, 1);

  request->profile = profile;
  request->tip_ids = g_ptr_array_new_with_free_func (g_free);
  request->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  return request;
}

void
tl_bundle_request_free (TlBundleRequest *request)
{
  if (request == NULL)
    return;
  g_ptr_array_unref (request->tip_ids);
  g_ptr_array_unref (request->overrides);
  g_free (request->advocate_name);
  g_free (request->agency_phone);
  g_free (request);
}

void
tl_bundle_free (TlBundle *bundle)
{
  if (bundle == NULL)
    return;
  tl_agency_free (bundle->sender);
  g_free (bundle->fingerprint);
  g_clear_pointer (&bundle->tips, g_ptr_array_unref);
  g_clear_pointer (&bundle->attachments, g_ptr_array_unref);
  g_free (bundle);
}

gboolean
tl_bundle_seal (TlStore                *store,
                const TlBundleRequest  *request,
                const char             *agency_name,
                const char             *path,
                gboolean                overwrite,
                GError                **error)
{
  g_autoptr(TlAgency) recipient = NULL;
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(TlSecret) secret = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) audit_error = NULL;
  g_autoptr(GHashTable) seen = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (agency_name != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (request->tip_ids->len == 0 || request->tip_ids->len > TL_BUNDLE_MAX_TIPS)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("Choose between 1 and %d tips to seal."), TL_BUNDLE_MAX_TIPS);
      return FALSE;
    }
  recipient = tl_store_find_agency (store, agency_name, error);
  if (recipient == NULL)
    return FALSE;
  own = tl_store_get_agency_identity (store, &secret, error);
  if (own == NULL)
    return FALSE;

  /* Each tip rendered exactly as its XML export under the profile. */
  exports = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_export_free);
  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < request->tip_ids->len; i++)
    {
      g_autoptr(TlTip) tip = NULL;
      const char *id = g_ptr_array_index (request->tip_ids, i);
      TlExport *export;
      GBytes *document;

      /* a tip named twice goes once */
      if (!g_hash_table_add (seen, (gpointer) id))
        continue;
      tip = tl_store_load_tip (store, id, error);
      if (tip == NULL)
        return FALSE;
      export = tl_export_new (tip, request->profile, TL_REPORT_XML, request->overrides);
      g_ptr_array_add (exports, export);
      /* issue 20: what the profile sends of each attachment travels in the document */
      {
        g_autoptr(GPtrArray) releases = tl_attachments_for_export (store, tip, request->profile,
                                                                   request->overrides, error);

        if (releases == NULL)
          return FALSE;
        tl_export_set_attachments (export, releases);
      }
      tl_export_set_protocols (export, request->protocols);
      tl_export_set_contact (export, request->advocate_name, request->agency_phone);
      document = tl_export_render (export, error);
      if (document == NULL)
        return FALSE;
      g_ptr_array_add (documents, document);
      /* The other agency's Tipline validates what it imports: check here, before sending
       * a bundle it would refuse. */
      {
        g_autoptr(GError) invalid = NULL;
        gsize doc_length = 0;
        const char *doc = g_bytes_get_data (document, &doc_length);
        g_autoptr(GPtrArray) back = tl_tip_xml_read (doc, doc_length, NULL, TL_TIP_XML_NONE, &invalid);

        if (back == NULL)
          {
            g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                         _("Tip %s has fields to fix before it can be sealed (the other agency could not import it): %s"),
                         id, invalid->message);
            return FALSE;
          }
      }
    }

  message = _tl_bundle_sign (own, secret, recipient, request->profile,
                             g_get_real_time () / G_USEC_PER_SEC, documents);
  sealed = _tl_bundle_encrypt (message, recipient);
  data = g_bytes_get_data (sealed, &length);
  /* Attachments make bundles large: never send one the other agency cannot open. */
  if (length > TL_BUNDLE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);

      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("These tips with their attachments make a bundle of %s, larger than the %u MiB another Tipline opens. Seal fewer tips at a time."),
                   size, (guint) (TL_BUNDLE_MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }
  if (!tl_write_private_file (path, data, length, overwrite, error))
    return FALSE;

  for (guint i = 0; i < exports->len; i++)
    if (!tl_export_record (g_ptr_array_index (exports, i), store, &audit_error))
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

gboolean
tl_bundle_file_is_bundle (const char *path)
{
  char head[TL_BUNDLE_MAGIC_BYTES];
  gboolean is_bundle;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  is_bundle = read (fd, head, sizeof head) == sizeof head &&
              memcmp (head, TL_BUNDLE_MAGIC, TL_BUNDLE_MAGIC_BYTES) == 0;
  close (fd);
  return is_bundle;
}

TlBundle *
tl_bundle_open (TlStore     *store,
                const char  *path,
                GError     **error)
{
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(TlSecret) secret = NULL;
  g_autoptr(TlBundle) bundle = NULL;
  g_autoptr(TlAgency) known = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  GError *local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  own = tl_store_get_agency_identity (store, &secret, error);
  if (own == NULL || !read_bundle_file (path, &contents, &length, error))
    return NULL;

  message = _tl_bundle_decrypt ((const guint8 *) contents, length, own, secret, display, error);
  if (message == NULL)
    return NULL;

  bundle = g_new0 (TlBundle, 1);
  if (!_tl_bundle_verify (message, own, &bundle->sender, &bundle->profile, &bundle->sealed_at,
                          &documents, error))
    return NULL;
  bundle->fingerprint = tl_agency_dup_fingerprint (bundle->sender);
  known = tl_store_find_agency_by_key (store, bundle->sender->sign_public, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* A known name only when the encryption key matches what was saved too. */
  if (known != NULL && sodium_memcmp (known->box_public, bundle->sender->box_public,
                                      TL_AGENCY_KEY_BYTES) == 0)
    bundle->sender->name = g_strdup (known->name);

  /* Read as any imported tip file is: validated against the schema, within its limits. */
  bundle->tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  bundle->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_carried_attachment_free);
  for (guint i = 0; i < documents->len; i++)
    {
      gsize doc_length = 0;
      const char *doc = g_bytes_get_data (g_ptr_array_index (documents, i), &doc_length);
      g_autoptr(GPtrArray) tips = tl_tip_xml_read_carrying (doc, doc_length, display, TL_TIP_XML_NONE,
                                                            bundle->attachments, error);

      if (tips == NULL)
        return NULL;
      for (guint j = 0; j < tips->len; j++)
        g_ptr_array_add (bundle->tips, tl_tip_ref (g_ptr_array_index (tips, j)));
    }
  return g_steal_pointer (&bundle);
}

TlImportResult *
tl_bundle_import (TlStore          *store,
                  TlBundle         *bundle,
                  TlImportProgress  progress,
                  gpointer          user_data,
                  GError          **error)
{
  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (bundle != NULL, NULL);

  return tl_import_carrying (store, bundle->tips, bundle->attachments, progress, user_data, error);
}
