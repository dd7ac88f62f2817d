/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tl-office-private.h"

/* Attachments in the office sync (issue 20; docs/sync.md, "Attachments"). An attachment is
 * the same on every device by its tip and SHA-256 (numbers are each store's own). This
 * device's own audit log already says what was attached and removed since the last
 * segment ("N sha256:HEX"), so the segment carries those: an addition with its bytes and
 * record, a removal as a tombstone (tip and hash only) that removes the bytes everywhere.
 * What arrives from another device is audited with that device's name after the hash,
 * which is how it is told apart here and never sent back. A tip's tombstone removes its
 * attachments with it (they go with the tip in the store). */

/* helpers */

/* "N sha256:HEX" written here by attaching or removing; FALSE for an entry that names
 * a device after the hash (it arrived through the sync). */
static gboolean
parse_detail (const char *detail,
              guint      *number,
              char        sha256[65])
{
  int end = 0;

  if (detail == NULL || sscanf (detail, "%u sha256:%64[0-9a-f]%n", number, sha256, &end) != 2)
    return FALSE;
  return detail[end] == '\0' && strlen (sha256) == 64;
}

static GVariant *
removal_variant (const char *tip_id,
                 const char *sha256)
{
  return g_variant_ref_sink (g_variant_new ("(ssbsixxs@ay)", tip_id, sha256, TRUE, "", 0, (gint64) 0,
                                            (gint64) 0, "", _tl_office_bytes_variant ((const guint8 *) "", 0)));
}

static GVariant *
addition_variant (const TlAttachment *info,
                  GBytes             *bytes)
{
  return g_variant_ref_sink (g_variant_new ("(ssbsixxs@ay)", info->tip_id, info->sha256, FALSE, info->name,
                                            (gint32) info->kind, info->captured, info->attached,
                                            info->advocate ?: "",
                                            _tl_office_bytes_variant (g_bytes_get_data (bytes, NULL),
                                                                      g_bytes_get_size (bytes))));
}

/* shared */

/* A snapshot carries every attachment of the tips it holds, so a device that joins
 * after older segments were pruned still receives them. */
gboolean
_tl_office_snapshot_attachments (Run         *run,
                                 const char  *tip_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) list = tl_store_list_attachments (run->store, tip_id, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      const TlAttachment *a = g_ptr_array_index (list, i);
      g_autoptr(GBytes) bytes = tl_store_load_attachment (run->store, tip_id, a->number, NULL, error);

      if (bytes == NULL)
        return FALSE;
      g_ptr_array_add (run->out_attachments, addition_variant (a, bytes));
    }
  return TRUE;
}

/* Step 1b: what was attached and removed here since the last segment. */
gboolean
_tl_office_collect_attachments (Run     *run,
                                GError **error)
{
  g_autoptr(GPtrArray) entries = tl_store_sync_list_audit_since (run->store, run->s->audit_sent, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      const TlAuditEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(TlAttachment) info = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char sha256[65] = "";
      guint number = 0;

      if (e->tip_id == NULL || !parse_detail (e->detail, &number, sha256))
        continue;
      if (e->action == TL_AUDIT_ATTACHMENT_DELETE)
        {
          g_ptr_array_add (run->out_attachments, removal_variant (e->tip_id, sha256));
          continue;
        }
      if (e->action != TL_AUDIT_ATTACH)
        continue;
      /* Removed again since (its removal follows), or its tip deleted: nothing to send. */
      bytes = tl_store_load_attachment (run->store, e->tip_id, number, &info, NULL);
      if (bytes == NULL || g_strcmp0 (info->sha256, sha256) != 0)
        continue;
      g_ptr_array_add (run->out_attachments, addition_variant (info, bytes));
    }
  return TRUE;
}

/* Step 2: a segment's attachments, kept until the tips it wrote are in the batch. */
void
_tl_office_receive_attachments (Run        *run,
                                const char *who,
                                GVariant   *records)
{
  GVariantIter iter;
  GVariant *v;

  g_variant_iter_init (&iter, records);
  while ((v = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_ptr_array_add (run->in_attachments, g_variant_ref_sink (g_variant_new ("(s@" TL_OFFICE_ATTACHMENT_TYPE ")",
                                                                              who ?: "", v)));
      g_variant_unref (v);
    }
}

/* After the tips: each addition whose bytes match its hash, each removal. */
void
_tl_office_batch_attachments (Run *run)
{
  for (guint i = 0; i < run->in_attachments->len; i++)
    {
      GVariant *pair = g_ptr_array_index (run->in_attachments, i);
      g_autoptr(GVariant) record = NULL;
      g_autoptr(GVariant) data = NULL;
      const char *who, *tip_id, *sha256, *name, *by;
      gboolean removed;
      gint32 kind;
      gint64 captured, attached;
      g_autofree char *actual = NULL;
      TlCarriedAttachment *c;
      gsize length = 0;
      const guint8 *bytes;

      g_variant_get (pair, "(&s@" TL_OFFICE_ATTACHMENT_TYPE ")", &who, &record);
      g_variant_get (record, "(&s&sb&sixx&s@ay)", &tip_id, &sha256, &removed, &name, &kind, &captured,
                     &attached, &by, &data);
      if (removed)
        {
          tl_store_sync_batch_remove_attachment (run->batch, tip_id, sha256, who[0] != '\0' ? who : "office");
          run->result->changes_applied++;
          continue;
        }
      bytes = g_variant_get_fixed_array (data, &length, 1);
      actual = tl_attachment_sha256 (bytes, length);
      if (g_strcmp0 (actual, sha256) != 0)
        continue;     /* signed by a member, so only a bug could do this; never keep it */
      c = g_new0 (TlCarriedAttachment, 1);
      c->info = g_new0 (TlAttachment, 1);
      c->info->tip_id = g_strdup (tip_id);
      c->info->name = g_strdup (name);
      c->info->kind = kind >= 0 && (guint) kind < tl_enum_count (tl_attachment_kind_values)
                      ? (TlAttachmentKind) kind : TL_ATTACHMENT_KIND_UNCLASSIFIED;
      c->info->size = length;
      c->info->sha256 = g_steal_pointer (&actual);
      c->info->captured = captured;
      c->info->attached = attached;
      c->info->advocate = by[0] != '\0' ? g_strdup (by) : NULL;
      c->bytes = g_bytes_new (bytes, length);
      tl_store_sync_batch_add_attachment (run->batch, c, who[0] != '\0' ? who : "office");
      run->result->changes_applied++;
    }
}
