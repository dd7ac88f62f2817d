/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-attach"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "tl-attach.h"
#include "tl-error.h"
#include "tl-file-util.h"

#include <glib/gstdio.h>

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

/* --- exports ------------------------------------------------------------------------ */

void
tl_attachment_release_free (TlAttachmentRelease *release)
{
  if (release == NULL)
    return;
  tl_attachment_free (release->attachment);
  g_clear_pointer (&release->copy, g_bytes_unref);
  g_free (release->sha256);
  g_free (release);
}

/**
 * tl_attachments_for_export:
 *
 * Returns: (transfer full) (element-type TlAttachmentRelease): one per attachment of
 *   the tip, by number; the copies are made in memory
 */
GPtrArray *
tl_attachments_for_export (TlStore          *store,
                           const TlTip      *tip,
                           TlReportProfile   profile,
                           GPtrArray        *overrides,
                           GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) releases = NULL;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (tip != NULL, NULL);

  list = tl_store_list_attachments (store, tip->id, error);
  if (list == NULL)
    return NULL;
  releases = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_attachment_release_free);
  for (guint i = 0; i < list->len; i++)
    {
      TlAttachmentRelease *release = g_new0 (TlAttachmentRelease, 1);
      const TlAttachment *attachment = g_ptr_array_index (list, i);

      release->attachment = tl_attachment_copy (attachment);
      release->withhold = tl_report_profile_decide_attachment (profile, tip, overrides, attachment->kind);
      g_ptr_array_add (releases, release);
      if (release->withhold != TL_WITHHOLD_NONE)
        {
          release->withheld = tl_withhold_get_marker (release->withhold);
          continue;
        }

      release->cleaned = profile != TL_REPORT_PROFILE_FULL;
      release->copy = tl_attachment_get_copy (store, tip->id, attachment->number, !release->cleaned,
                                              NULL, NULL);
      if (release->copy == NULL)
        {
          /* No cleaned copy (its type, or damage): it stays in the office. */
          release->withhold = TL_WITHHOLD_INTERNAL;
          release->withheld = _("[withheld: no copy without its hidden details can be made]");
          continue;
        }
      release->sha256 = tl_attachment_sha256 (g_bytes_get_data (release->copy, NULL),
                                              g_bytes_get_size (release->copy));
    }
  return g_steal_pointer (&releases);
}

/* What the XML form of the report carries: each copy sent. The attacher's name goes
 * only where the report shows who took the tip (the full record, the office's own
 * profiles), as the intake advocate's row decides. */
GPtrArray *
tl_attachments_carry (GPtrArray *releases,
                      gboolean   with_attacher)
{
  GPtrArray *carried = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_carried_attachment_free);

  g_return_val_if_fail (releases != NULL, carried);

  for (guint i = 0; i < releases->len; i++)
    {
      const TlAttachmentRelease *release = g_ptr_array_index (releases, i);
      TlCarriedAttachment *c;

      if (release->copy == NULL)
        continue;
      c = g_new0 (TlCarriedAttachment, 1);
      c->info = tl_attachment_copy (release->attachment);
      c->cleaned = release->cleaned;
      c->original_sha256 = g_strdup (release->attachment->sha256);
      c->bytes = g_bytes_ref (release->copy);
      g_free (c->info->sha256);
      c->info->sha256 = g_strdup (release->sha256);
      c->info->size = g_bytes_get_size (release->copy);
      if (!with_attacher)
        g_clear_pointer (&c->info->advocate, g_free);
      g_ptr_array_add (carried, c);
    }
  return carried;
}

/* The report's "Attachments" section: each attachment with the SHA-256 of the copy
 * sent, and of the original as it arrived, or the reason it was withheld. */
void
tl_attachments_add_to_report (TlReport  *report,
                              GPtrArray *releases)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_if_fail (report != NULL && releases != NULL);

  if (releases->len == 0)
    return;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_row_free);
  /* Short labels, so the 64-digit hashes fit on one line of the text report. */
  for (guint i = 0; i < releases->len; i++)
    {
      const TlAttachmentRelease *release = g_ptr_array_index (releases, i);
      const TlAttachment *a = release->attachment;
      g_autofree char *key = g_strdup_printf ("attachment-%u", a->number);
      g_autofree char *size = tl_attachment_format_size (a->size);
      g_autofree char *label = g_strdup_printf ("%u.", a->number);
      g_autofree char *value = NULL;
      const char *type = g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_attachment_type_values, a->type));

      if (release->withhold != TL_WITHHOLD_NONE)
        {
          /* Translators: attachment type and size, when it is withheld */
          value = g_strdup_printf (_("%s, %s"), type, size);
          g_ptr_array_add (rows, tl_report_row_new (key, label, value, NULL));
          g_ptr_array_add (rows, tl_report_row_new (key, "", NULL, release->withheld));
          continue;
        }
      value = release->cleaned
              /* Translators: file sent, type, size; the copy sent has its metadata removed */
              ? g_strdup_printf (_("%u-%s (%s, %s): cleaned copy"), a->number, a->name, type, size)
              : g_strdup_printf (_("%u-%s (%s, %s): original as received"), a->number, a->name, type, size);
      g_ptr_array_add (rows, tl_report_row_new (key, label, value, NULL));
      g_clear_pointer (&value, g_free);
      if (release->cleaned)
        {
          value = g_strdup_printf (_("SHA-256 of this copy: %s"), release->sha256);
          g_ptr_array_add (rows, tl_report_row_new (key, "", value, NULL));
          g_clear_pointer (&value, g_free);
        }
      value = g_strdup_printf (_("SHA-256 as received: %s"), a->sha256);
      g_ptr_array_add (rows, tl_report_row_new (key, "", value, NULL));
    }
  tl_report_append_section (report, "attachments", _("Attachments"), rows);
  g_clear_pointer (&report->carried, g_ptr_array_unref);
  report->carried = tl_attachments_carry (releases, report->profile == TL_REPORT_PROFILE_FULL ||
                                                    report->redacted->advocate != NULL);
}

/* Writes each copy sent into dir as "N-name", readable by the owner only, each recorded
 * in the audit log with its hash first. */
gboolean
tl_attachments_write_copies (TlStore     *store,
                             GPtrArray   *releases,
                             const char  *dir,
                             gboolean     overwrite,
                             GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (releases != NULL && dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return tl_set_file_error (error, errno, dir);
  for (guint i = 0; i < releases->len; i++)
    {
      const TlAttachmentRelease *release = g_ptr_array_index (releases, i);
      const TlAttachment *a = release->attachment;
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;

      if (release->copy == NULL)
        continue;
      file = g_strdup_printf ("%u-%s", a->number, a->name);
      path = g_build_filename (dir, file, NULL);
      if (!tl_store_record_attachment_export (store, a->tip_id, a->number, !release->cleaned,
                                              release->sha256, error) ||
          !tl_write_private_file (path, g_bytes_get_data (release->copy, NULL),
                                  g_bytes_get_size (release->copy), overwrite, error))
        return FALSE;
    }
  return TRUE;
}
