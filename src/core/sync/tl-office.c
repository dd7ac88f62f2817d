/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-office-private.h"
#include "tl-sync-fields.h"
#include "tl-tip-xml.h"

/* The office sync engine's public API (issue 21; the design, file formats and threat
 * model are in docs/sync.md). One sync: stamp this device's saves since the last sync
 * with the hybrid logical clock, read every file the others wrote (welcomes, key
 * envelopes, segments in each device's chain order, acknowledgements, join requests),
 * merge field by field, then write this device's one new segment and acknowledgement,
 * and delete its own old segments every member has acknowledged and a snapshot covers.
 * All of the office's state lives in the encrypted store (tl-store-sync.h); the folder
 * holds only encrypted, signed files, each written by one device and never changed.
 *
 * The parts: the state record (tl-office-state.c), tip metadata and the merge
 * (tl-office-merge.c), the folder's files (tl-office-folder.c); tl-office-private.h
 * holds what they share. */

#define SNAPSHOT_EVERY 64           /* own segments between automatic snapshots */
#define INVITE_LIFETIME_US (24 * G_TIME_SPAN_HOUR)

/* public API */

gboolean
tl_office_is_set_up (TlStore *store)
{
  g_autoptr(GBytes) bytes = tl_store_sync_get (store, TL_OFFICE_STATE_KEY, NULL);

  return bytes != NULL;
}

static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                   _("The office folder %s does not exist. Make the folder the sync engine shares, then try again."),
                   folder ?: "");
      return FALSE;
    }
  return TRUE;
}

static State *
new_device_state (const char *folder,
                  const char *device_name)
{
  State *s = _tl_office_state_new ();
  g_autofree char *absolute = g_canonicalize_filename (folder, NULL);

  tl_sync_device_keys_generate (&s->keys);
  s->device = tl_sync_device_id (s->keys.sign_pk);
  s->name = g_strdup (device_name != NULL && device_name[0] != '\0' ? device_name : g_get_host_name ());
  s->folder = g_steal_pointer (&absolute);
  return s;
}

static gboolean
check_not_set_up (TlStore  *store,
                  GError  **error)
{
  if (!tl_store_is_unlocked (store))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_LOCKED, _("The store is locked. Unlock it first."));
      return FALSE;
    }
  if (tl_office_is_set_up (store))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_EXISTS,
                           _("This store is already part of an office. See its members with “office members”."));
      return FALSE;
    }
  return TRUE;
}

gboolean
tl_office_create (TlStore     *store,
                  const char  *folder,
                  const char  *device_name,
                  GError     **error)
{
  g_autoptr(State) s = NULL;
  g_autoptr(TlStoreSyncBatch) batch = NULL;
  Member *m;
  guint8 *key;

  if (!check_not_set_up (store, error) || !check_folder (folder, error))
    return FALSE;
  s = new_device_state (folder, device_name);
  s->member = TRUE;
  s->gen = 1;
  key = g_malloc (TL_SYNC_KEY_BYTES);
  crypto_aead_xchacha20poly1305_ietf_keygen (key);
  g_hash_table_insert (s->office_keys, GUINT_TO_POINTER (1), key);
  m = g_new0 (Member, 1);
  m->device = g_strdup (s->device);
  m->name = g_strdup (s->name);
  memcpy (m->sign_pk, s->keys.sign_pk, sizeof m->sign_pk);
  memcpy (m->box_pk, s->keys.box_pk, sizeof m->box_pk);
  g_hash_table_insert (s->members, g_strdup (s->device), m);
  g_ptr_array_add (s->members_out, g_variant_ref_sink (_tl_office_member_variant (m)));

  batch = tl_store_sync_batch_new ();
  _tl_office_batch_state (batch, s);
  tl_store_sync_batch_mark_all (batch);
  tl_store_sync_batch_audit_here (batch, TL_AUDIT_OFFICE, "created");
  return tl_store_sync_batch_commit (store, batch, error);
}

char *
tl_office_invite (TlStore  *store,
                  GError  **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);
  g_autoptr(TlStoreSyncBatch) batch = NULL;
  g_autofree char *code = NULL;
  guint8 *key;
  guint8 digest[8];
  char hex[17];
  gint64 expiry = g_get_real_time () + INVITE_LIFETIME_US;

  if (s == NULL)
    return NULL;
  if (!s->member)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                           _("This device has not been let into the office yet, so it cannot invite others."));
      return NULL;
    }
  code = tl_sync_join_code_new ();
  key = g_malloc (TL_SYNC_KEY_BYTES);
  tl_sync_join_code_key (code, key);
  crypto_generichash (digest, sizeof digest, key, TL_SYNC_KEY_BYTES, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  g_hash_table_insert (s->invites, g_strdup (hex), key);
  g_hash_table_insert (s->invite_expiry, g_strdup (hex), g_memdup2 (&expiry, sizeof expiry));

  batch = tl_store_sync_batch_new ();
  _tl_office_batch_state (batch, s);
  if (!tl_store_sync_batch_commit (store, batch, error))
    return NULL;
  return g_steal_pointer (&code);
}

gboolean
tl_office_join (TlStore     *store,
                const char  *folder,
                const char  *device_name,
                const char  *code,
                GError     **error)
{
  g_autoptr(State) s = NULL;
  g_autoptr(TlStoreSyncBatch) batch = NULL;
  g_autoptr(GVariant) request = NULL;
  g_autoptr(GBytes) body = NULL, file = NULL;
  g_autofree char *name = NULL;

  if (!check_not_set_up (store, error) || !check_folder (folder, error))
    return FALSE;
  s = new_device_state (folder, device_name);
  if (!tl_sync_join_code_key (code, s->join_key))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("That is not a join code. Check it with the member who read it out: six groups of four letters and digits."));
      return FALSE;
    }
  request = g_variant_ref_sink (g_variant_new ("(s@ay@ay)", s->name,
                                               _tl_office_bytes_variant (s->keys.sign_pk, sizeof s->keys.sign_pk),
                                               _tl_office_bytes_variant (s->keys.box_pk, sizeof s->keys.box_pk)));
  body = g_variant_get_data_as_bytes (request);
  file = tl_sync_seal_join (TL_SYNC_FILE_JOIN, s->join_key, body);
  name = tl_sync_file_name_new ();
  s->welcome_name = g_strdup (name);      /* the request: deleted once let in */

  batch = tl_store_sync_batch_new ();
  _tl_office_batch_state (batch, s);
  tl_store_sync_batch_mark_all (batch);
  if (!tl_store_sync_batch_commit (store, batch, error))
    return FALSE;
  return _tl_office_write_file (s->folder, name, file, error);
}

static Member *
find_member (State       *s,
             const char  *which,
             GError     **error)
{
  GHashTableIter iter;
  gpointer k, v;
  Member *found = NULL;
  guint matches = 0;

  g_hash_table_iter_init (&iter, s->members);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      Member *m = v;

      if (g_str_has_prefix (m->device, which) || g_strcmp0 (m->name, which) == 0)
        {
          found = m;
          matches++;
        }
    }
  if (matches != 1)
    {
      g_set_error (error, TL_ERROR, matches == 0 ? TL_ERROR_NOT_FOUND : TL_ERROR_INVALID,
                   matches == 0 ? _("No member of the office is called %s. See the list with “office members”.")
                                : _("More than one member matches %s. Give more of the device id."),
                   which);
      return NULL;
    }
  return found;
}

gboolean
tl_office_remove_member (TlStore     *store,
                         const char  *device,
                         GError     **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);
  g_autoptr(TlStoreSyncBatch) batch = NULL;
  GVariantBuilder boxes;
  g_autoptr(GVariant) boxes_v = NULL;
  g_autoptr(GBytes) body = NULL, file = NULL;
  g_autofree char *name = NULL;
  GHashTableIter iter;
  gpointer k, v;
  guint8 *key;
  guint8 payload[4 + TL_SYNC_KEY_BYTES];
  guint32 old_gen;
  Member *m;
  Cursor *cursor;

  if (s == NULL || (m = find_member (s, device, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (m->device, s->device) == 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("A device cannot remove itself. Ask another member to remove it."));
      return FALSE;
    }
  if (m->removed)
    return TRUE;

  cursor = g_hash_table_lookup (s->cursors, m->device);
  m->removed = TRUE;
  m->until = cursor != NULL ? cursor->seq : 0;
  g_ptr_array_add (s->members_out, g_variant_ref_sink (_tl_office_member_variant (m)));

  /* The new key, sealed to each remaining member, in a file the old key opens. */
  old_gen = s->gen;
  s->gen++;
  key = g_malloc (TL_SYNC_KEY_BYTES);
  crypto_aead_xchacha20poly1305_ietf_keygen (key);
  g_hash_table_insert (s->office_keys, GUINT_TO_POINTER (s->gen), key);
  payload[0] = s->gen >> 24;
  payload[1] = s->gen >> 16;
  payload[2] = s->gen >> 8;
  payload[3] = s->gen;
  memcpy (payload + 4, key, TL_SYNC_KEY_BYTES);
  g_variant_builder_init (&boxes, G_VARIANT_TYPE ("aay"));
  g_hash_table_iter_init (&iter, s->members);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      Member *other = v;
      g_autoptr(GBytes) plain = NULL, sealed = NULL;

      if (other->removed || g_strcmp0 (other->device, s->device) == 0)
        continue;
      plain = g_bytes_new (payload, sizeof payload);
      sealed = tl_sync_seal_to (other->box_pk, &s->keys, plain);
      g_variant_builder_add_value (&boxes, _tl_office_bytes_variant (g_bytes_get_data (sealed, NULL),
                                                          g_bytes_get_size (sealed)));
    }
  sodium_memzero (payload, sizeof payload);
  boxes_v = g_variant_ref_sink (g_variant_builder_end (&boxes));
  body = g_variant_get_data_as_bytes (boxes_v);
  file = tl_sync_seal_signed (TL_SYNC_FILE_KEYS, old_gen, _tl_office_key (s, old_gen), &s->keys, body);
  name = tl_sync_file_name_new ();
  g_hash_table_add (s->seen, g_strdup (name));
  g_hash_table_insert (s->own_envelopes, g_strdup (name), _tl_office_u64_new (s->gen));
  if (!_tl_office_write_file (s->folder, name, file, error))
    return FALSE;

  batch = tl_store_sync_batch_new ();
  _tl_office_batch_state (batch, s);
  tl_store_sync_batch_audit_here (batch, TL_AUDIT_OFFICE, "member-removed");
  return tl_store_sync_batch_commit (store, batch, error);
}

GPtrArray *
tl_office_list_members (TlStore  *store,
                        GError  **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);
  GPtrArray *members;
  GHashTableIter iter;
  gpointer k, v;

  if (s == NULL)
    return NULL;
  members = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_office_member_free);
  g_hash_table_iter_init (&iter, s->members);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      Member *m = v;
      TlOfficeMember *out = g_new0 (TlOfficeMember, 1);

      out->device = g_strdup (m->device);
      out->name = g_strdup (m->name);
      out->removed = m->removed;
      out->is_self = g_strcmp0 (m->device, s->device) == 0;
      out->last_seen = out->is_self ? s->last_sync : m->last_seen;
      g_ptr_array_add (members, out);
    }
  return members;
}

gboolean
tl_office_get_status (TlStore        *store,
                      TlOfficeStatus *status,
                      GError        **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);

  memset (status, 0, sizeof *status);
  if (s == NULL)
    return FALSE;
  status->member = s->member;
  status->folder = g_strdup (s->folder);
  status->device = g_strdup (s->device);
  status->device_name = g_strdup (s->name);
  status->generation = s->gen;
  status->last_sync = s->last_sync;
  for (guint i = 0; i < s->conflicts->len; i++)
    if (!((Conflict *) g_ptr_array_index (s->conflicts, i))->resolved)
      status->conflicts++;
  return TRUE;
}

TlOfficeSyncResult *
tl_office_sync (TlStore            *store,
                TlOfficeSyncFlags   flags,
                GError            **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);
  g_autoptr(TlOfficeSyncResult) result = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) present = NULL;
  g_autofree char *old_ack = NULL;
  gboolean snapshot = (flags & TL_OFFICE_SYNC_SNAPSHOT) != 0;
  gboolean write_ack = FALSE;
  GHashTableIter hi;
  gpointer hk, hv;
  Run run = { 0 };
  GError *local = NULL;
  g_autoptr(GPtrArray) too_large = NULL;

  if (s == NULL || !check_folder (s->folder, error) || !_tl_office_settle_outbox (s, error))
    return NULL;
  present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  too_large = g_ptr_array_new_with_free_func (g_free);
  files = _tl_office_read_folder (s->folder, s->seen, s->mine, present, too_large, error);
  if (files == NULL)
    return NULL;

  result = g_new0 (TlOfficeSyncResult, 1);
  result->problems = g_ptr_array_new_with_free_func (g_free);
  _tl_office_run_init (&run, store, s);
  run.result = result;
  for (guint i = 0; i < too_large->len; i++)
    /* Translators: %s is a file name of random letters; 256 MiB is the largest file read */
    _tl_office_problem (&run, _("The office file %s is larger than 256 MiB and was not read. If a device wrote it, sync that device again after fewer attachments; otherwise remove the file from the office folder."),
                        (const char *) g_ptr_array_index (too_large, i));

  /* Invites expire. */
  g_hash_table_iter_init (&hi, s->invite_expiry);
  while (g_hash_table_iter_next (&hi, &hk, &hv))
    if (*(gint64 *) hv < g_get_real_time ())
      {
        g_hash_table_remove (s->invites, hk);
        g_hash_table_iter_remove (&hi);
      }

  if (!s->member)
    for (guint i = 0; i < files->len && !s->member; i++)
      {
        FolderFile *f = g_ptr_array_index (files, i);

        if (tl_sync_file_kind (f->bytes) == TL_SYNC_FILE_WELCOME)
          _tl_office_read_welcome (&run, f);
      }

  if (s->member)
    {
      if (result->became_member)
        {
          _tl_office_remove_file (s->folder, s->welcome_name);
          g_clear_pointer (&s->welcome_name, g_free);
        }
      /* Keys first (a removal may have changed the key), then this device's own saves,
       * then the others' segments, acknowledgements and join requests. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < files->len; i++)
          {
            FolderFile *f = g_ptr_array_index (files, i);

            if (tl_sync_file_kind (f->bytes) == TL_SYNC_FILE_KEYS && !g_hash_table_contains (s->seen, f->name))
              _tl_office_read_keys (&run, f);
          }
      if (!_tl_office_stamp_local_changes (&run, &local) || !_tl_office_collect_attachments (&run, &local) ||
          !_tl_office_read_segments (&run, files, &local))
        goto failed;
      for (guint i = 0; i < files->len; i++)
        {
          FolderFile *f = g_ptr_array_index (files, i);
          int kind = tl_sync_file_kind (f->bytes);

          if (g_hash_table_contains (s->seen, f->name))
            continue;
          if (kind == TL_SYNC_FILE_ACK)
            _tl_office_read_ack (&run, f);
          else if (kind == TL_SYNC_FILE_JOIN && g_hash_table_size (s->invites) > 0 &&
                   !_tl_office_read_join (&run, f, &local))
            goto failed;
          else if (kind == 0)
            _tl_office_problem (&run, _("File %s in the office folder is not an office file; it was left alone."), f->name);
        }

      /* Tips changed here by the others, and every meta that changed. */
      g_hash_table_iter_init (&hi, run.meta_dirty);
      while (g_hash_table_iter_next (&hi, &hk, NULL))
        {
          Meta *meta = g_hash_table_lookup (run.metas, hk);
          g_autoptr(GBytes) bytes = _tl_office_meta_serialize (meta);
          TlTip *tip = g_hash_table_lookup (run.tips, hk);
          Member *author = NULL;

          if (meta->deleted != NULL)
            {
              const char *device = NULL;

              tl_hlc_parse_stamp (meta->deleted, NULL, &device);
              author = device != NULL ? g_hash_table_lookup (s->members, device) : NULL;
              tl_store_sync_batch_remove (run.batch, hk, bytes, author != NULL ? author->name : NULL);
            }
          else
            tl_store_sync_batch_write (run.batch, hk, g_hash_table_contains (run.dirty, hk) ? tip : NULL,
                                       bytes, NULL);
        }

      /* The attachments that arrived, once their tips are in the batch. */
      _tl_office_batch_attachments (&run);

      if (run.out_records->len > 0 || run.out_attachments->len > 0 ||
          s->resolved_out->len > 0 || s->members_out->len > 0 ||
          s->seq == 0 || snapshot || s->since_snapshot >= SNAPSHOT_EVERY)
        {
          g_autoptr(GBytes) segment = NULL;
          guint attachments_out = run.out_attachments->len;
          gint64 audit_sent = s->audit_sent;

          snapshot = snapshot || s->since_snapshot >= SNAPSHOT_EVERY;
          segment = _tl_office_build_segment (&run, snapshot, &local);
          if (segment != NULL && snapshot && g_bytes_get_size (segment) > tl_sync_max_file ())
            {
              /* No device could read it: no snapshot this time, and the old segments
               * it would have let go of stay in the folder. */
              _tl_office_problem (&run, _("The office holds more than an office file may carry (256 MiB, mostly attachments), so no snapshot was written; the office folder keeps its older files."));
              g_clear_pointer (&segment, g_bytes_unref);
              g_ptr_array_set_size (run.out_attachments, attachments_out);
              s->audit_sent = audit_sent;
              snapshot = FALSE;
              s->since_snapshot = 0;
              segment = _tl_office_build_segment (&run, FALSE, &local);
            }
          if (segment != NULL && g_bytes_get_size (segment) > tl_sync_max_file ())
            {
              /* Written, it would stop every device at it: nothing is sent or kept. */
              g_set_error_literal (&local, TL_ERROR, TL_ERROR_TOO_LARGE,
                                   _("The changes since the last sync are larger than an office file may be (256 MiB, mostly attachments). Remove some of the attachments added since, sync, then attach them again."));
              g_clear_pointer (&segment, g_bytes_unref);
            }
          if (segment == NULL)
            goto failed;
          _tl_office_queue_segment (&run, segment);
          g_ptr_array_set_size (s->resolved_out, 0);
          g_ptr_array_set_size (s->members_out, 0);
          if (snapshot)
            {
              s->snapshot_seq = s->seq;
              s->since_snapshot = 0;
            }
          else
            s->since_snapshot++;
        }
      write_ack = result->segments_read > 0 || result->wrote_segment || s->ack_file == NULL ||
                  s->ack_file[0] == '\0';
    }

  s->last_sync = g_get_real_time () / 1000;
  if (write_ack && !_tl_office_write_ack (&run, &old_ack, &local))
    goto failed;

  /* Names of files that are gone are forgotten (the folder's own list is the truth). */
  g_hash_table_iter_init (&hi, s->seen);
  while (g_hash_table_iter_next (&hi, &hk, NULL))
    if (!g_hash_table_contains (present, hk) && g_strcmp0 (hk, s->ack_file) != 0)
      g_hash_table_iter_remove (&hi);

  _tl_office_batch_state (run.batch, s);
  if (!tl_store_sync_batch_commit (store, run.batch, &local))
    goto failed;
  _tl_office_remove_file (s->folder, old_ack);
  if (!_tl_office_flush_outbox (s, &local))
    goto failed;
  if (s->member)
    _tl_office_prune (s);
  _tl_office_run_clear (&run);
  return g_steal_pointer (&result);

failed:
  _tl_office_run_clear (&run);
  g_propagate_error (error, local);
  return NULL;
}

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TlOfficeSyncResult *result;

  if (g_task_return_error_if_cancelled (task))
    return;
  result = tl_office_sync (source, GPOINTER_TO_UINT (task_data), &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) tl_office_sync_result_free);
}

void
tl_office_sync_async (TlStore             *store,
                      TlOfficeSyncFlags    flags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TL_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_office_sync_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (flags), NULL);
  /* Once started it finishes (and is returned) even if cancelled meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, sync_thread);
}

TlOfficeSyncResult *
tl_office_sync_finish (TlStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
tl_office_list_conflicts (TlStore  *store,
                          GError  **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);
  GPtrArray *out;

  if (s == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_office_conflict_free);
  for (guint i = 0; i < s->conflicts->len; i++)
    {
      Conflict *c = g_ptr_array_index (s->conflicts, i);
      TlOfficeConflict *o;
      const char *device = NULL;
      guint64 clock = 0;
      Member *m;

      if (c->resolved)
        continue;
      o = g_new0 (TlOfficeConflict, 1);
      o->id = g_strdup (c->id);
      o->tip_id = g_strdup (c->tip_id);
      o->field = g_strdup (c->field);
      o->shown_value = g_strdup (c->shown_value);
      o->other_value = g_strdup (c->other_value);
      tl_hlc_parse_stamp (c->shown_stamp, &clock, &device);
      m = device != NULL ? g_hash_table_lookup (s->members, device) : NULL;
      o->shown_device = g_strdup (m != NULL ? m->name : device);
      o->shown_at = tl_hlc_to_ms (clock);
      tl_hlc_parse_stamp (c->other_stamp, &clock, &device);
      m = device != NULL ? g_hash_table_lookup (s->members, device) : NULL;
      o->other_device = g_strdup (m != NULL ? m->name : device);
      o->other_at = tl_hlc_to_ms (clock);
      g_ptr_array_add (out, o);
    }
  return out;
}

gboolean
tl_office_resolve (TlStore        *store,
                   const char     *conflict_id,
                   TlOfficeChoice  choice,
                   GError        **error)
{
  g_autoptr(State) s = _tl_office_state_load (store, error);
  g_autoptr(TlStoreSyncBatch) batch = NULL;
  Conflict *conflict = NULL;

  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < s->conflicts->len; i++)
    {
      Conflict *c = g_ptr_array_index (s->conflicts, i);

      if (!c->resolved && g_str_has_prefix (c->id, conflict_id))
        conflict = c;
    }
  if (conflict == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                   _("There is no open conflict %s. It may have been resolved on another device."), conflict_id);
      return FALSE;
    }

  if (choice == TL_OFFICE_KEEP_OTHER)
    {
      /* The other value becomes a new edit here, made on top of both: it syncs like
       * any edit and wins everywhere. */
      const TlSyncField *field = tl_sync_field_lookup (conflict->field);
      g_autoptr(GPtrArray) parsed = tl_tip_xml_read (conflict->other_xml, strlen (conflict->other_xml),
                                                     NULL, TL_TIP_XML_TRUSTED, NULL);
      g_autoptr(TlTip) tip = tl_store_load_tip (store, conflict->tip_id, error);

      if (tip == NULL)
        return FALSE;
      if (field == NULL || parsed == NULL || parsed->len != 1)
        {
          g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                               _("The other value of this conflict could not be read. Keep the value shown, then type the other one in."));
          return FALSE;
        }
      tl_sync_field_copy (field, tip, g_ptr_array_index (parsed, 0));
      tl_tip_touch (tip);
      if (!tl_store_save_tip (store, tip, error))
        return FALSE;
    }

  conflict->resolved = TRUE;
  g_hash_table_add (s->resolved, g_strdup (conflict->id));
  g_ptr_array_add (s->resolved_out, g_strdup (conflict->id));
  batch = tl_store_sync_batch_new ();
  _tl_office_batch_state (batch, s);
  return tl_store_sync_batch_commit (store, batch, error);
}

void
tl_office_member_free (TlOfficeMember *member)
{
  if (member == NULL)
    return;
  g_free (member->device);
  g_free (member->name);
  g_free (member);
}

void
tl_office_conflict_free (TlOfficeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->tip_id);
  g_free (conflict->field);
  g_free (conflict->shown_value);
  g_free (conflict->shown_device);
  g_free (conflict->other_value);
  g_free (conflict->other_device);
  g_free (conflict);
}

void
tl_office_status_clear (TlOfficeStatus *status)
{
  g_clear_pointer (&status->folder, g_free);
  g_clear_pointer (&status->device, g_free);
  g_clear_pointer (&status->device_name, g_free);
}

void
tl_office_sync_result_free (TlOfficeSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}
