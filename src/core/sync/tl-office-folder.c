/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-office-private.h"

/* The office folder: reading and writing its files, each written by one device and
 * never changed (docs/sync.md, "No file is ever written by two machines"). Welcomes
 * and key envelopes, segments (opened, put in each device's chain order and applied),
 * acknowledgements, join requests, this device's new segment and the outbox that
 * carries it across a crash, and the pruning of its old segments. */

#define AUDIT_TYPE "(txssss)"

/* Files */

static void
folder_file_free (FolderFile *f)
{
  g_free (f->name);
  g_bytes_unref (f->bytes);
  g_free (f);
}

/* The office files not read yet (already read ones and this device's own are only
 * named in present: a sync reads what is new, not the whole folder). A file over
 * TL_SYNC_MAX_FILE is not read into memory but named in too_large: it is no segment
 * Tipline writes, or one no device could open. */
GPtrArray *
_tl_office_read_folder (const char  *folder,
                        GHashTable  *seen,
                        GHashTable  *mine,
                        GHashTable  *present,
                        GPtrArray   *too_large,
                        GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) folder_file_free);
  const char *name;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO,
                   _("The office folder %s cannot be read. Check that it is there and that the sync engine is running."),
                   folder);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *data = NULL;
      gsize length = 0;
      GStatBuf info;
      FolderFile *f;

      if (!g_str_has_suffix (name, TL_SYNC_SUFFIX) || name[0] == '.')
        continue;
      g_hash_table_add (present, g_strdup (name));
      if (g_hash_table_contains (seen, name) || g_hash_table_contains (mine, name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &info) == 0 && (gsize) info.st_size > tl_sync_max_file ())
        {
          g_ptr_array_add (too_large, g_strdup (name));
          continue;
        }
      if (!g_file_get_contents (path, &data, &length, NULL))
        continue;         /* removed meanwhile, or still being written */
      f = g_new0 (FolderFile, 1);
      f->name = g_strdup (name);
      f->bytes = g_bytes_new_take (data, length);
      g_ptr_array_add (files, f);
    }
  return g_steal_pointer (&files);
}

gboolean
_tl_office_write_file (const char  *folder,
                       const char  *name,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO,
                   _("Tipline could not write into the office folder %s. Check that it is there and has free space."),
                   folder);
      return FALSE;
    }
  return TRUE;
}

void
_tl_office_remove_file (const char *folder,
                        const char *name)
{
  g_autofree char *path = NULL;

  if (name == NULL || name[0] == '\0')
    return;
  path = g_build_filename (folder, name, NULL);
  g_unlink (path);
}

const guint8 *
_tl_office_key (State   *s,
                guint32  gen)
{
  return g_hash_table_lookup (s->office_keys, GUINT_TO_POINTER (gen));
}

static Member *
member_by_key (State        *s,
               const guint8 *sign_pk)
{
  g_autofree char *device = tl_sync_device_id (sign_pk);
  Member *m = g_hash_table_lookup (s->members, device);

  if (m == NULL || sodium_memcmp (m->sign_pk, sign_pk, sizeof m->sign_pk) != 0)
    return NULL;
  return m;
}


/* The body of a file signed by a member, opened with the office key of its generation;
 * NULL when this device lacks that key, or the file does not open, or no member signed
 * it. */
static GBytes *
open_member_file (State       *s,
                  FolderFile  *f,
                  Member     **signer)
{
  guint32 gen = 0;
  const guint8 *key;
  guint8 signer_pk[crypto_sign_PUBLICKEYBYTES];
  g_autoptr(GBytes) body = NULL;

  if (!tl_sync_file_generation (f->bytes, &gen) || (key = _tl_office_key (s, gen)) == NULL)
    return NULL;
  body = tl_sync_open_signed (f->bytes, key, signer_pk, NULL);
  if (body == NULL || (*signer = member_by_key (s, signer_pk)) == NULL)
    return NULL;
  return g_steal_pointer (&body);
}

/* A welcome: this device was let in. */
void
_tl_office_read_welcome (Run        *run,
                         FolderFile *f)
{
  State *s = run->s;
  g_autoptr(GBytes) inner = tl_sync_open_join (f->bytes, s->join_key);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GVariant) dict = NULL, keys = NULL, members = NULL;
  guint8 signer[crypto_sign_PUBLICKEYBYTES];
  GVariantIter iter;
  GVariant *v;

  if (inner == NULL)
    return;
  body = tl_sync_open_sealed (g_bytes_get_data (inner, NULL), g_bytes_get_size (inner), &s->keys, signer);
  if (body == NULL)
    return;
  dict = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, body, FALSE));
  keys = _tl_office_lookup (dict, "keys", "a(uay)");
  members = _tl_office_lookup (dict, "members", "a" TL_OFFICE_MEMBER_TYPE);
  if (keys == NULL || members == NULL || !g_variant_lookup (dict, "gen", "u", &s->gen))
    return;
  _tl_office_add_office_keys (s->office_keys, keys);
  g_variant_iter_init (&iter, members);
  while ((v = g_variant_iter_next_value (&iter)) != NULL)
    {
      _tl_office_apply_member (s, v, 0);
      g_variant_unref (v);
    }
  if (member_by_key (s, signer) == NULL || _tl_office_key (s, s->gen) == NULL)
    return;
  s->member = TRUE;
  sodium_memzero (s->join_key, sizeof s->join_key);
  g_hash_table_add (s->seen, g_strdup (f->name));
  run->result->became_member = TRUE;
  tl_store_sync_batch_audit_here (run->batch, TL_AUDIT_OFFICE, "joined");
}

/* A key envelope: the office key after a member was removed. */
void
_tl_office_read_keys (Run        *run,
                      FolderFile *f)
{
  State *s = run->s;
  Member *signer;
  g_autoptr(GBytes) body = open_member_file (s, f, &signer);
  g_autoptr(GVariant) boxes = NULL;
  GVariantIter iter;
  GVariant *box;

  if (body == NULL)
    return;
  g_hash_table_add (s->seen, g_strdup (f->name));
  boxes = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("aay"), body, FALSE));
  g_variant_iter_init (&iter, boxes);
  while ((box = g_variant_iter_next_value (&iter)) != NULL)
    {
      gsize n = 0;
      const guint8 *data = g_variant_get_fixed_array (box, &n, 1);
      guint8 box_signer[crypto_sign_PUBLICKEYBYTES];
      g_autoptr(GBytes) opened = tl_sync_open_sealed (data, n, &s->keys, box_signer);

      g_variant_unref (box);
      if (opened != NULL && g_bytes_get_size (opened) == 4 + TL_SYNC_KEY_BYTES &&
          member_by_key (s, box_signer) != NULL)
        {
          const guint8 *p = g_bytes_get_data (opened, NULL);
          guint32 new_gen = ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];

          g_hash_table_insert (s->office_keys, GUINT_TO_POINTER (new_gen),
                               g_memdup2 (p + 4, TL_SYNC_KEY_BYTES));
          s->gen = MAX (s->gen, new_gen);
          break;
        }
    }
}

typedef struct
{
  char *name;
  char *device;
  guint64 seq;
  guint8 prev[32];
  guint8 hash[32];
  gboolean snapshot;
  guint64 clock;
  GVariant *body;
} Segment;

static void
segment_free (Segment *seg)
{
  g_free (seg->name);
  g_free (seg->device);
  g_variant_unref (seg->body);
  g_free (seg);
}

static Segment *
open_segment (Run        *run,
              FolderFile *f)
{
  State *s = run->s;
  guint32 gen = 0;
  const guint8 *key;
  guint8 signer[crypto_sign_PUBLICKEYBYTES];
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GVariant) prev = NULL;
  g_autofree char *device = NULL;
  Member *m;
  Segment *seg;

  tl_sync_file_generation (f->bytes, &gen);
  key = _tl_office_key (s, gen);
  if (key == NULL)
    {
      _tl_office_problem (run, _("Segment %s was written with an office key this device does not have (it was removed from the office, or the new key has not arrived yet); it was skipped."),
               f->name);
      return NULL;
    }
  body = tl_sync_open_signed (f->bytes, key, signer, &error);
  if (body == NULL)
    {
      _tl_office_problem (run, _("Segment %s was refused: %s The other segments were read."), f->name, error->message);
      return NULL;
    }
  seg = g_new0 (Segment, 1);
  seg->name = g_strdup (f->name);
  seg->body = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, body, FALSE));
  seg->device = _tl_office_lookup_str (seg->body, "device");
  seg->seq = _tl_office_lookup_u64 (seg->body, "seq");
  seg->clock = _tl_office_lookup_u64 (seg->body, "clock");
  g_variant_lookup (seg->body, "snapshot", "b", &seg->snapshot);
  _tl_office_get_fixed (prev = _tl_office_lookup (seg->body, "prev", "ay"), seg->prev, sizeof seg->prev);
  crypto_generichash (seg->hash, sizeof seg->hash, g_bytes_get_data (f->bytes, NULL),
                      g_bytes_get_size (f->bytes), NULL, 0);
  device = tl_sync_device_id (signer);
  m = member_by_key (s, signer);
  if (g_strcmp0 (device, seg->device) != 0 || seg->seq == 0)
    {
      _tl_office_problem (run, _("Segment %s was refused: its signature does not match the device it names. The other segments were read."),
               f->name);
      segment_free (seg);
      return NULL;
    }
  if (m != NULL && m->removed && seg->seq > m->until)
    {
      _tl_office_problem (run, _("Segment %s was refused: it was written by a device removed from the office. The other segments were read."),
               f->name);
      g_hash_table_add (s->seen, g_strdup (f->name));
      segment_free (seg);
      return NULL;
    }
  return seg;
}

static void
apply_segment (Run      *run,
               Segment  *seg,
               GError  **error)
{
  State *s = run->s;
  g_autoptr(GVariant) tips = NULL, resolved = NULL, audit = NULL, members = NULL, covers = NULL;
  g_autoptr(GVariant) attachments = NULL;
  Member *m = g_hash_table_lookup (s->members, seg->device);
  Cursor *cursor = g_hash_table_lookup (s->cursors, seg->device);
  GVariantIter iter;
  GVariant *v;
  const char *id;

  if ((members = _tl_office_lookup (seg->body, "members", "a" TL_OFFICE_MEMBER_TYPE)) != NULL)
    {
      g_variant_iter_init (&iter, members);
      while ((v = g_variant_iter_next_value (&iter)) != NULL)
        {
          _tl_office_apply_member (s, v, 0);
          g_variant_unref (v);
        }
    }
  if ((tips = _tl_office_lookup (seg->body, "tips", "a" TL_OFFICE_RECORD_TYPE)) != NULL)
    {
      g_variant_iter_init (&iter, tips);
      while ((v = g_variant_iter_next_value (&iter)) != NULL)
        {
          gboolean ok = _tl_office_merge_record (run, v, error);

          g_variant_unref (v);
          if (!ok)
            return;
        }
    }
  if ((attachments = _tl_office_lookup (seg->body, "attachments", "a" TL_OFFICE_ATTACHMENT_TYPE)) != NULL)
    _tl_office_receive_attachments (run, m != NULL ? m->name : NULL, attachments);
  if ((resolved = _tl_office_lookup (seg->body, "resolved", "as")) != NULL)
    {
      g_variant_iter_init (&iter, resolved);
      while (g_variant_iter_next (&iter, "&s", &id))
        {
          g_hash_table_add (s->resolved, g_strdup (id));
          for (guint i = 0; i < s->conflicts->len; i++)
            {
              Conflict *c = g_ptr_array_index (s->conflicts, i);

              if (g_strcmp0 (c->id, id) == 0)
                c->resolved = TRUE;
            }
        }
    }
  if ((audit = _tl_office_lookup (seg->body, "audit", "a" AUDIT_TYPE)) != NULL)
    {
      TlAuditEntry entry = { 0 };
      const char *action;

      g_variant_iter_init (&iter, audit);
      while (g_variant_iter_next (&iter, "(tx&s&s&s&s)", &entry.seq, &entry.at, &entry.advocate,
                                  &action, &entry.tip_id, &entry.detail))
        {
          if (entry.tip_id[0] == '\0')
            entry.tip_id = NULL;
          if (entry.detail[0] == '\0')
            entry.detail = NULL;
          tl_store_sync_batch_add_audit (run->batch, seg->device, &entry, action);
        }
    }
  if (seg->snapshot && (covers = _tl_office_lookup (seg->body, "covers", "a{s(tay)}")) != NULL)
    {
      GVariant *hash;
      guint64 seq;

      g_variant_iter_init (&iter, covers);
      while (g_variant_iter_next (&iter, "{&s(t@ay)}", &id, &seq, &hash))
        {
          Cursor *c = g_hash_table_lookup (s->cursors, id);

          if (g_strcmp0 (id, s->device) != 0 && (c == NULL || c->seq < seq))
            {
              if (c == NULL)
                g_hash_table_insert (s->cursors, g_strdup (id), c = g_new0 (Cursor, 1));
              c->seq = seq;
              _tl_office_get_fixed (hash, c->hash, sizeof c->hash);
            }
          g_variant_unref (hash);
        }
    }

  if (cursor == NULL)
    g_hash_table_insert (s->cursors, g_strdup (seg->device), cursor = g_new0 (Cursor, 1));
  if (seg->seq > cursor->seq)
    {
      cursor->seq = seg->seq;
      memcpy (cursor->hash, seg->hash, sizeof cursor->hash);
    }
  if (m != NULL)
    m->last_seen = MAX (m->last_seen, tl_hlc_to_ms (seg->clock));
  g_hash_table_add (s->seen, g_strdup (seg->name));
  run->result->segments_read++;
}

static gint
segment_by_clock (gconstpointer a,
                  gconstpointer b)
{
  const Segment *x = *(Segment * const *) a;
  const Segment *y = *(Segment * const *) b;

  if (x->snapshot != y->snapshot)
    return x->snapshot ? -1 : 1;
  if (x->clock != y->clock)
    return x->clock < y->clock ? -1 : 1;
  return g_strcmp0 (x->device, y->device);
}

/* Step 2: every segment not yet read, snapshots first, then each device's chain in
 * order (by clock across devices, so a change comes after the one it was made on). */
gboolean
_tl_office_read_segments (Run         *run,
                          GPtrArray   *files,
                          GError     **error)
{
  State *s = run->s;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  gboolean progress = TRUE;

  for (guint i = 0; i < files->len; i++)
    {
      FolderFile *f = g_ptr_array_index (files, i);
      Segment *seg;

      if (tl_sync_file_kind (f->bytes) != TL_SYNC_FILE_SEGMENT ||
          g_hash_table_contains (s->seen, f->name) || g_hash_table_contains (s->mine, f->name))
        continue;
      seg = open_segment (run, f);
      if (seg == NULL)
        continue;
      if (g_strcmp0 (seg->device, s->device) == 0)
        {
          /* Written by this device in an earlier life of the store (a restored backup):
           * its chain goes on from there. */
          if (seg->seq > s->seq)
            {
              s->seq = seg->seq;
              memcpy (s->hash, seg->hash, sizeof s->hash);
            }
          g_hash_table_insert (s->mine, g_strdup (seg->name), _tl_office_u64_new (seg->seq));
          segment_free (seg);
          continue;
        }
      g_ptr_array_add (pending, seg);
    }
  g_ptr_array_sort (pending, segment_by_clock);

  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < pending->len; i++)
        {
          Segment *seg = g_ptr_array_index (pending, i);
          Cursor *cursor = g_hash_table_lookup (s->cursors, seg->device);
          guint64 at = cursor != NULL ? cursor->seq : 0;
          Member *m = g_hash_table_lookup (s->members, seg->device);

          if (m == NULL)
            continue;     /* its member record may come in another segment */
          if (!seg->snapshot && seg->seq <= at)
            {
              g_hash_table_add (s->seen, g_strdup (seg->name));
              g_ptr_array_remove_index (pending, i);
              progress = TRUE;
              break;
            }
          if (seg->snapshot ||
              (seg->seq == at + 1 && (at == 0 || sodium_memcmp (seg->prev, cursor->hash, 32) == 0)))
            {
              apply_segment (run, seg, error);
              if (error != NULL && *error != NULL)
                return FALSE;
              g_ptr_array_remove_index (pending, i);
              progress = TRUE;
              break;
            }
          if (seg->seq == at + 1)
            {
              _tl_office_problem (run, _("Segment %s was refused: it does not follow on from the device’s previous segment. The other segments were read."),
                       seg->name);
              g_hash_table_add (s->seen, g_strdup (seg->name));
              g_ptr_array_remove_index (pending, i);
              progress = TRUE;
              break;
            }
        }
    }
  /* What is left waits for earlier segments the sync engine has not brought yet. */
  return TRUE;
}

void
_tl_office_read_ack (Run        *run,
                     FolderFile *f)
{
  State *s = run->s;
  Member *m;
  g_autoptr(GBytes) body = open_member_file (s, f, &m);
  g_autoptr(GVariant) dict = NULL;
  guint64 n, *seen_n;

  if (body == NULL || g_strcmp0 (m->device, s->device) == 0)
    return;
  g_hash_table_add (s->seen, g_strdup (f->name));
  dict = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, body, FALSE));
  n = _tl_office_lookup_u64 (dict, "n");
  seen_n = g_hash_table_lookup (s->ack_n_seen, m->device);
  if (seen_n != NULL && *seen_n >= n)
    return;
  g_hash_table_insert (s->ack_n_seen, g_strdup (m->device), _tl_office_u64_new (n));
  {
    guint32 gen = 0;

    /* Written with the key of generation gen: it has read the envelope that carried it. */
    if (tl_sync_file_generation (f->bytes, &gen))
      g_hash_table_insert (s->ack_gen, g_strdup (m->device), _tl_office_u64_new (gen));
  }
  g_hash_table_insert (s->acks, g_strdup (m->device),
                       _tl_office_lookup (dict, "acks", "a{st}") ?: g_variant_ref_sink (g_variant_new ("a{st}", NULL)));
  m->last_seen = MAX (m->last_seen, tl_hlc_to_ms (_tl_office_lookup_u64 (dict, "clock")));
}

/* A join request made with one of this device's codes: the device is let in. */
gboolean
_tl_office_read_join (Run         *run,
                      FolderFile  *f,
                      GError     **error)
{
  State *s = run->s;
  GHashTableIter iter;
  gpointer invite_id, code_key;

  g_hash_table_iter_init (&iter, s->invites);
  while (g_hash_table_iter_next (&iter, &invite_id, &code_key))
    {
      g_autoptr(GBytes) body = tl_sync_open_join (f->bytes, code_key);
      g_autoptr(GVariant) request = NULL, sign = NULL, box = NULL;
      g_autoptr(GBytes) welcome_body = NULL, sealed = NULL, welcome = NULL;
      g_autofree char *name = NULL, *welcome_name = NULL;
      GVariantBuilder b, keys, members;
      GHashTableIter it;
      gpointer k, v;
      Member *m;

      if (body == NULL)
        continue;
      request = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(sayay)"), body, FALSE));
      g_variant_get (request, "(s@ay@ay)", &name, &sign, &box);
      m = g_new0 (Member, 1);
      if (!_tl_office_get_fixed (sign, m->sign_pk, sizeof m->sign_pk) ||
          !_tl_office_get_fixed (box, m->box_pk, sizeof m->box_pk))
        {
          g_free (m);
          continue;
        }
      m->device = tl_sync_device_id (m->sign_pk);
      m->name = g_strdup (name);
      if (g_hash_table_contains (s->members, m->device))
        {
          _tl_office_member_free (m);
          g_hash_table_add (s->seen, g_strdup (f->name));
          return TRUE;
        }
      g_hash_table_insert (s->members, g_strdup (m->device), m);
      g_ptr_array_add (s->members_out, g_variant_ref_sink (_tl_office_member_variant (m)));

      g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_init (&keys, G_VARIANT_TYPE ("a(uay)"));
      g_hash_table_iter_init (&it, s->office_keys);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_variant_builder_add (&keys, "(u@ay)", GPOINTER_TO_UINT (k), _tl_office_bytes_variant (v, TL_SYNC_KEY_BYTES));
      g_variant_builder_add (&b, "{sv}", "keys", g_variant_builder_end (&keys));
      g_variant_builder_add (&b, "{sv}", "gen", g_variant_new_uint32 (s->gen));
      g_variant_builder_init (&members, G_VARIANT_TYPE ("a" TL_OFFICE_MEMBER_TYPE));
      g_hash_table_iter_init (&it, s->members);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_variant_builder_add_value (&members, _tl_office_member_variant (v));
      g_variant_builder_add (&b, "{sv}", "members", g_variant_builder_end (&members));
      {
        g_autoptr(GVariant) dict = g_variant_ref_sink (g_variant_builder_end (&b));

        welcome_body = g_variant_get_data_as_bytes (dict);
      }
      sealed = tl_sync_seal_to (m->box_pk, &s->keys, welcome_body);
      welcome = tl_sync_seal_join (TL_SYNC_FILE_WELCOME, code_key, sealed);
      welcome_name = tl_sync_file_name_new ();
      if (!_tl_office_write_file (s->folder, welcome_name, welcome, error))
        return FALSE;
      g_hash_table_add (s->seen, g_strdup (f->name));
      g_hash_table_add (s->seen, g_strdup (welcome_name));
      g_hash_table_insert (s->own_welcomes, g_strdup (welcome_name), g_strdup (m->device));
      g_hash_table_remove (s->invite_expiry, invite_id);
      g_hash_table_iter_remove (&iter);       /* one code, one device */
      run->result->members_added++;
      tl_store_sync_batch_audit_here (run->batch, TL_AUDIT_OFFICE, "member-added");
      return TRUE;
    }
  return TRUE;
}

/* Step 3: this device's segment. */
GBytes *
_tl_office_build_segment (Run      *run,
                          gboolean  snapshot,
                          GError  **error)
{
  State *s = run->s;
  GVariantBuilder b, tips, resolved, audit, members, covers;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 audit_last = s->audit_sent;
  GHashTableIter iter;
  gpointer k, v;

  entries = tl_store_sync_list_audit_since (run->store, s->audit_sent, error);
  if (entries == NULL)
    return NULL;

  g_variant_builder_init (&tips, G_VARIANT_TYPE ("a" TL_OFFICE_RECORD_TYPE));
  if (snapshot)
    {
      g_autoptr(GHashTable) metas = tl_store_sync_list_metas (run->store, error);

      if (metas == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, metas);
      while (g_hash_table_iter_next (&iter, &k, &v))
        {
          Meta *meta = g_hash_table_lookup (run->metas, k);
          g_autoptr(Meta) parsed = NULL;
          TlTip *tip = NULL;

          if (meta == NULL)
            meta = parsed = _tl_office_meta_parse (v);
          if (meta->deleted == NULL &&
              (tip = g_hash_table_lookup (run->tips, k)) == NULL &&
              !g_hash_table_contains (run->tips, k))
            {
              g_autoptr(TlTip) loaded = tl_store_load_tip (run->store, k, NULL);

              if (loaded != NULL)
                {
                  g_autoptr(GVariant) record = _tl_office_record_variant (k, NULL, meta, NULL, loaded);

                  g_variant_builder_add_value (&tips, record);
                  if (!_tl_office_snapshot_attachments (run, k, error))
                    return NULL;
                }
              continue;
            }
          if (meta->deleted == NULL && tip != NULL && !_tl_office_snapshot_attachments (run, k, error))
            return NULL;
          {
            g_autoptr(GVariant) record = _tl_office_record_variant (k, meta->deleted, meta->deleted ? NULL : meta,
                                                         NULL, tip);

            g_variant_builder_add_value (&tips, record);
          }
        }
    }
  else
    for (guint i = 0; i < run->out_records->len; i++)
      g_variant_builder_add_value (&tips, g_ptr_array_index (run->out_records, i));

  g_variant_builder_init (&audit, G_VARIANT_TYPE ("a" AUDIT_TYPE));
  for (guint i = 0; i < entries->len; i++)
    {
      TlAuditEntry *e = g_ptr_array_index (entries, i);

      g_variant_builder_add (&audit, "(txssss)", (guint64) e->seq, e->at, e->advocate ?: "",
                             tl_enum_to_nick (tl_audit_action_values, e->action) ?: "",
                             e->tip_id ?: "", e->detail ?: "");
      audit_last = MAX (audit_last, e->seq);
    }
  g_variant_builder_init (&resolved, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < s->resolved_out->len; i++)
    g_variant_builder_add (&resolved, "s", g_ptr_array_index (s->resolved_out, i));
  g_variant_builder_init (&members, G_VARIANT_TYPE ("a" TL_OFFICE_MEMBER_TYPE));
  if (snapshot)
    {
      g_hash_table_iter_init (&iter, s->members);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_variant_builder_add_value (&members, _tl_office_member_variant (v));
    }
  else
    for (guint i = 0; i < s->members_out->len; i++)
      g_variant_builder_add_value (&members, g_ptr_array_index (s->members_out, i));
  g_variant_builder_init (&covers, G_VARIANT_TYPE ("a{s(tay)}"));
  g_hash_table_iter_init (&iter, s->cursors);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&covers, "{s(t@ay)}", k, ((Cursor *) v)->seq,
                           _tl_office_bytes_variant (((Cursor *) v)->hash, 32));

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "device", g_variant_new_string (s->device));
  g_variant_builder_add (&b, "{sv}", "seq", g_variant_new_uint64 (s->seq + 1));
  g_variant_builder_add (&b, "{sv}", "prev", _tl_office_bytes_variant (s->hash, sizeof s->hash));
  g_variant_builder_add (&b, "{sv}", "snapshot", g_variant_new_boolean (snapshot));
  g_variant_builder_add (&b, "{sv}", "clock", g_variant_new_uint64 (tl_hlc_tick (&s->clock, run->now_ms)));
  g_variant_builder_add (&b, "{sv}", "tips", g_variant_builder_end (&tips));
  g_variant_builder_add (&b, "{sv}", "audit", g_variant_builder_end (&audit));
  {
    /* issue 20: the attachments added and removed here since the last segment */
    GVariantBuilder attachments;

    g_variant_builder_init (&attachments, G_VARIANT_TYPE ("a" TL_OFFICE_ATTACHMENT_TYPE));
    for (guint i = 0; i < run->out_attachments->len; i++)
      g_variant_builder_add_value (&attachments, g_ptr_array_index (run->out_attachments, i));
    g_variant_builder_add (&b, "{sv}", "attachments", g_variant_builder_end (&attachments));
  }
  g_variant_builder_add (&b, "{sv}", "resolved", g_variant_builder_end (&resolved));
  g_variant_builder_add (&b, "{sv}", "members", g_variant_builder_end (&members));
  g_variant_builder_add (&b, "{sv}", "covers", g_variant_builder_end (&covers));
  dict = g_variant_ref_sink (g_variant_builder_end (&b));
  body = g_variant_get_data_as_bytes (dict);

  /* resolved_out and members_out are emptied by the caller once the segment is queued:
   * a snapshot too large to write is built again as a plain segment with them. */
  s->audit_sent = audit_last;
  run->result->changes_sent = run->out_records->len;
  return tl_sync_seal_signed (TL_SYNC_FILE_SEGMENT, s->gen, _tl_office_key (s, s->gen), &s->keys, body);
}

void
_tl_office_queue_segment (Run    *run,
                          GBytes *file)
{
  State *s = run->s;
  Cursor *self_cursor;

  g_free (s->outbox_name);
  s->outbox_name = tl_sync_file_name_new ();
  g_clear_pointer (&s->outbox, g_bytes_unref);
  s->outbox = g_bytes_ref (file);
  s->seq++;
  crypto_generichash (s->hash, sizeof s->hash, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL, 0);
  g_hash_table_insert (s->mine, g_strdup (s->outbox_name), _tl_office_u64_new (s->seq));
  self_cursor = g_hash_table_lookup (s->cursors, s->device);
  if (self_cursor == NULL)
    g_hash_table_insert (s->cursors, g_strdup (s->device), self_cursor = g_new0 (Cursor, 1));
  self_cursor->seq = s->seq;
  memcpy (self_cursor->hash, s->hash, sizeof s->hash);
  run->result->wrote_segment = TRUE;
}

/* The segment decided on in the last committed sync goes into the folder (again, if a
 * crash came between the commit and the write). */
gboolean
_tl_office_flush_outbox (State   *s,
                         GError **error)
{
  g_autofree char *path = NULL;

  if (s->outbox == NULL || s->outbox_name == NULL || s->outbox_name[0] == '\0')
    return TRUE;
  path = g_build_filename (s->folder, s->outbox_name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !_tl_office_write_file (s->folder, s->outbox_name, s->outbox, error))
    return FALSE;
  return TRUE;
}

/* At the start of a sync: the last segment is in the folder, so the state (written again
 * at the end of this sync) need not carry its copy any more. */
gboolean
_tl_office_settle_outbox (State   *s,
                          GError **error)
{
  if (!_tl_office_flush_outbox (s, error))
    return FALSE;
  g_clear_pointer (&s->outbox, g_bytes_unref);
  return TRUE;
}

static guint64
acked_by (State      *s,
          const char *member,
          const char *of)
{
  GVariant *map = g_hash_table_lookup (s->acks, member);
  guint64 seq = 0;

  if (map != NULL)
    g_variant_lookup (map, of, "t", &seq);
  return seq;
}

/* Step 4: own segments every current member has acknowledged and a snapshot of this
 * device covers are deleted (the snapshot itself stays). */
void
_tl_office_prune (State *s)
{
  GHashTableIter iter;
  gpointer name, seq;
  guint64 all_acked = G_MAXUINT64;
  GHashTableIter mi;
  gpointer k, v;

  g_hash_table_iter_init (&mi, s->members);
  while (g_hash_table_iter_next (&mi, &k, &v))
    if (!((Member *) v)->removed && g_strcmp0 (k, s->device) != 0)
      all_acked = MIN (all_acked, acked_by (s, k, s->device));

  g_hash_table_iter_init (&iter, s->mine);
  while (g_hash_table_iter_next (&iter, &name, &seq))
    if (*(guint64 *) seq < s->snapshot_seq && *(guint64 *) seq <= all_acked &&
        g_strcmp0 (name, s->outbox_name) != 0)
      {
        _tl_office_remove_file (s->folder, name);
        g_hash_table_iter_remove (&iter);
      }

  /* A welcome is read by one device: gone once that device has acknowledged anything
   * (it reads the welcome before it can write), or once it was removed. */
  g_hash_table_iter_init (&iter, s->own_welcomes);
  while (g_hash_table_iter_next (&iter, &name, &v))
    {
      Member *joined = g_hash_table_lookup (s->members, v);

      if (joined == NULL || joined->removed || g_hash_table_contains (s->acks, v))
        {
          _tl_office_remove_file (s->folder, name);
          g_hash_table_iter_remove (&iter);
        }
    }

  /* A key envelope is read by every remaining member: gone once each current member has
   * written an acknowledgement with its key or a later one (a member let in later got
   * the keys in its welcome). A removed member's envelope boxes go with it. */
  g_hash_table_iter_init (&iter, s->own_envelopes);
  while (g_hash_table_iter_next (&iter, &name, &seq))
    {
      gboolean all_read = TRUE;

      g_hash_table_iter_init (&mi, s->members);
      while (g_hash_table_iter_next (&mi, &k, &v))
        {
          guint64 *gen = g_hash_table_lookup (s->ack_gen, k);

          if (!((Member *) v)->removed && g_strcmp0 (k, s->device) != 0 &&
              (gen == NULL || *gen < *(guint64 *) seq))
            all_read = FALSE;
        }
      if (all_read)
        {
          _tl_office_remove_file (s->folder, name);
          g_hash_table_iter_remove (&iter);
        }
    }
}

/* This device's acknowledgement: how far it has read each device's chain. The one it
 * replaces is handed back in old_ack, to delete once the state naming the new one is
 * committed. */
gboolean
_tl_office_write_ack (Run      *run,
                      char    **old_ack,
                      GError  **error)
{
  State *s = run->s;
  GVariantBuilder acks, b;
  GHashTableIter hi;
  gpointer hk, hv;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GBytes) body = NULL, file = NULL;
  g_autofree char *name = tl_sync_file_name_new ();

  g_variant_builder_init (&acks, G_VARIANT_TYPE ("a{st}"));
  g_hash_table_iter_init (&hi, s->cursors);
  while (g_hash_table_iter_next (&hi, &hk, &hv))
    g_variant_builder_add (&acks, "{st}", hk, ((Cursor *) hv)->seq);
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "device", g_variant_new_string (s->device));
  g_variant_builder_add (&b, "{sv}", "n", g_variant_new_uint64 (++s->ack_n));
  g_variant_builder_add (&b, "{sv}", "clock", g_variant_new_uint64 (tl_hlc_tick (&s->clock, run->now_ms)));
  g_variant_builder_add (&b, "{sv}", "acks", g_variant_builder_end (&acks));
  dict = g_variant_ref_sink (g_variant_builder_end (&b));
  body = g_variant_get_data_as_bytes (dict);
  file = tl_sync_seal_signed (TL_SYNC_FILE_ACK, s->gen, _tl_office_key (s, s->gen), &s->keys, body);
  if (!_tl_office_write_file (s->folder, name, file, error))
    return FALSE;
  *old_ack = g_steal_pointer (&s->ack_file);
  s->ack_file = g_steal_pointer (&name);
  g_hash_table_add (s->seen, g_strdup (s->ack_file));
  return TRUE;
}
