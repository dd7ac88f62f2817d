/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-office-private.h"
#include "tl-sync-fields.h"
#include "tl-tip-xml.h"

/* Tip metadata and the merge (docs/sync.md, "Merge, field by field"): each tip's field
 * clocks and their ancestors, or its tombstone; the sync run and its helpers; stamping
 * this device's saves since the last sync, and merging one remote tip record field by
 * field, with the conflicts a concurrent change of a field leaves. */

#define MAX_ANCESTORS 8
#define META_TYPE "(sa{s(sass)})"

/* memory */

static void
field_clock_free (FieldClock *f)
{
  g_free (f->stamp);
  g_ptr_array_unref (f->ancestors);
  g_free (f->hash);
  g_free (f);
}

static Meta *
meta_new (void)
{
  Meta *meta = g_new0 (Meta, 1);

  meta->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) field_clock_free);
  return meta;
}

void
_tl_office_meta_free (Meta *meta)
{
  g_free (meta->deleted);
  g_hash_table_unref (meta->fields);
  g_free (meta);
}

/* Tip metadata */

GBytes *
_tl_office_meta_serialize (Meta *meta)
{
  GVariantBuilder fields;
  GHashTableIter iter;
  gpointer k, v;
  g_autoptr(GVariant) value = NULL;

  g_variant_builder_init (&fields, G_VARIANT_TYPE ("a{s(sass)}"));
  g_hash_table_iter_init (&iter, meta->fields);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      FieldClock *f = v;

      g_variant_builder_add (&fields, "{s(s^ass)}", k, f->stamp,
                             (const char * const *) f->ancestors->pdata, f->hash ?: "");
    }
  value = g_variant_ref_sink (g_variant_new ("(sa{s(sass)})", meta->deleted ?: "", &fields));
  return g_variant_get_data_as_bytes (value);
}

static GPtrArray *
strv_to_array (const char **strv)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strv != NULL && strv[i] != NULL && array->len < MAX_ANCESTORS; i++)
    g_ptr_array_add (array, g_strdup (strv[i]));
  g_ptr_array_add (array, NULL);
  g_ptr_array_set_size (array, array->len - 1);
  return array;
}

/* Ancestor arrays are kept NULL-terminated (for ^as) with len not counting the NULL. */
static void
ancestors_add (GPtrArray  *ancestors,
               const char *stamp)
{
  for (guint i = 0; i < ancestors->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ancestors, i), stamp) == 0)
      return;
  g_ptr_array_insert (ancestors, 0, g_strdup (stamp));
  /* Newest first, at most MAX_ANCESTORS (docs/sync.md: an older one reads as concurrent). */
  while (ancestors->len > MAX_ANCESTORS)
    g_ptr_array_remove_index (ancestors, ancestors->len - 1);
  g_ptr_array_add (ancestors, NULL);
  g_ptr_array_set_size (ancestors, ancestors->len - 1);
}

static gboolean
ancestors_has (GPtrArray  *ancestors,
               const char *stamp)
{
  for (guint i = 0; i < ancestors->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ancestors, i), stamp) == 0)
      return TRUE;
  return FALSE;
}

static FieldClock *
field_clock_new (const char  *stamp,
                 const char **ancestors,
                 const char  *hash)
{
  FieldClock *f = g_new0 (FieldClock, 1);

  f->stamp = g_strdup (stamp);
  f->ancestors = strv_to_array (ancestors);
  f->hash = g_strdup (hash);
  return f;
}

Meta *
_tl_office_meta_parse (GBytes *bytes)
{
  g_autoptr(GVariant) value = NULL;
  Meta *meta = meta_new ();
  GVariantIter *iter = NULL;
  const char *name, *stamp, *hash;
  const char **ancestors;

  if (bytes == NULL)
    return meta;
  value = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (META_TYPE), bytes, FALSE));
  g_variant_get (value, "(sa{s(sass)})", &meta->deleted, &iter);
  if (meta->deleted[0] == '\0')
    g_clear_pointer (&meta->deleted, g_free);
  while (g_variant_iter_next (iter, "{&s(&s^a&s&s)}", &name, &stamp, &ancestors, &hash))
    {
      g_hash_table_insert (meta->fields, g_strdup (name), field_clock_new (stamp, ancestors, hash));
      g_free (ancestors);
    }
  g_variant_iter_free (iter);
  return meta;
}

/* The sync run: what one call of tl_office_sync() works with */

void
_tl_office_run_clear (Run *run)
{
  g_clear_pointer (&run->metas, g_hash_table_unref);
  g_clear_pointer (&run->tips, g_hash_table_unref);
  g_clear_pointer (&run->dirty, g_hash_table_unref);
  g_clear_pointer (&run->meta_dirty, g_hash_table_unref);
  g_clear_pointer (&run->out_records, g_ptr_array_unref);
  g_clear_pointer (&run->out_attachments, g_ptr_array_unref);
  g_clear_pointer (&run->in_attachments, g_ptr_array_unref);
  g_clear_pointer (&run->batch, tl_store_sync_batch_free);
}

static void
tip_unref_maybe (gpointer tip)
{
  if (tip != NULL)
    tl_tip_unref (tip);
}

void
_tl_office_run_init (Run     *run,
                     TlStore *store,
                     State   *s)
{
  run->store = store;
  run->s = s;
  run->batch = tl_store_sync_batch_new ();
  run->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _tl_office_meta_free);
  run->tips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tip_unref_maybe);
  run->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->meta_dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->out_records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  run->out_attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  run->in_attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  run->now_ms = g_get_real_time () / 1000;
}

static Meta *
run_meta (Run         *run,
          const char  *id,
          GError     **error)
{
  Meta *meta = g_hash_table_lookup (run->metas, id);
  g_autoptr(GBytes) bytes = NULL;
  GError *local = NULL;

  if (meta != NULL)
    return meta;
  bytes = tl_store_sync_get_meta (run->store, id, NULL, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  meta = _tl_office_meta_parse (bytes);
  g_hash_table_insert (run->metas, g_strdup (id), meta);
  return meta;
}

/* The tip as it is now in this run; NULL (no error) when it is not stored. */
static TlTip *
run_tip (Run         *run,
         const char  *id,
         GError     **error)
{
  TlTip *tip;
  GError *local = NULL;

  if (g_hash_table_lookup_extended (run->tips, id, NULL, (gpointer *) &tip))
    return tip;
  tip = tl_store_load_tip (run->store, id, &local);
  if (local != NULL && !g_error_matches (local, TL_ERROR, TL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  g_clear_error (&local);
  g_hash_table_insert (run->tips, g_strdup (id), tip);
  return tip;
}

void
_tl_office_problem (Run        *run,
                    const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (run->result->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
run_stamp (Run *run)
{
  return tl_hlc_stamp (tl_hlc_tick (&run->s->clock, run->now_ms), run->s->device);
}

static void
observe_stamp (Run        *run,
               const char *stamp)
{
  guint64 value;

  if (tl_hlc_parse_stamp (stamp, &value, NULL))
    tl_hlc_observe (&run->s->clock, value, run->now_ms);
}

GVariant *
_tl_office_record_variant (const char *id,
                           const char *deleted,
                           Meta       *meta,
                           GHashTable *only,       /* field names to send, NULL = all */
                           TlTip      *tip)
{
  GVariantBuilder fields;
  GHashTableIter iter;
  gpointer k, v;
  g_autofree char *xml = NULL;
  gsize length = 0;
  GVariant *record;

  g_variant_builder_init (&fields, G_VARIANT_TYPE ("a{s(sas)}"));
  if (meta != NULL)
    {
      g_hash_table_iter_init (&iter, meta->fields);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (only == NULL || g_hash_table_contains (only, k))
          g_variant_builder_add (&fields, "{s(s^as)}", k, ((FieldClock *) v)->stamp,
                                 (const char * const *) ((FieldClock *) v)->ancestors->pdata);
    }
  if (tip != NULL)
    xml = tl_tip_xml_write_one (tip, &length);
  record = g_variant_ref_sink (g_variant_new ("(ssa{s(sas)}s)", id, deleted ?: "", &fields, xml ?: ""));
  if (xml != NULL)
    sodium_memzero (xml, length);
  return record;
}

/* Step 1: this device's saves and deletions since the last sync get their clocks. */
gboolean
_tl_office_stamp_local_changes (Run     *run,
                                GError **error)
{
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(TlTip) blank = tl_tip_new ();
  g_autoptr(GPtrArray) blank_hashes = g_ptr_array_new_with_free_func (g_free);

  if (!tl_store_sync_list_pending (run->store, &changed, &deleted, error))
    return FALSE;
  /* A field never set here and still empty has no clock: nothing to send or store for
   * it (a new tip's meta and record carry only the fields it has). The first field
   * (status) always gets one, so every tip is sent. */
  for (guint f = 0; f < tl_sync_field_count (); f++)
    g_ptr_array_add (blank_hashes, tl_sync_field_hash (tl_sync_field_get (f), blank));

  for (guint i = 0; i < changed->len; i++)
    {
      const char *id = g_ptr_array_index (changed, i);
      g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
      Meta *meta = run_meta (run, id, error);
      TlTip *tip;

      if (meta == NULL || ((tip = run_tip (run, id, error)) == NULL && error != NULL && *error != NULL))
        return FALSE;
      if (tip == NULL || meta->deleted != NULL)
        continue;
      for (guint f = 0; f < tl_sync_field_count (); f++)
        {
          const TlSyncField *field = tl_sync_field_get (f);
          const char *name = tl_sync_field_name (field);
          g_autofree char *hash = tl_sync_field_hash (field, tip);
          FieldClock *clock = g_hash_table_lookup (meta->fields, name);
          g_autofree char *stamp = NULL;

          if (clock != NULL ? g_strcmp0 (clock->hash, hash) == 0
                            : f > 0 && g_strcmp0 (g_ptr_array_index (blank_hashes, f), hash) == 0)
            continue;
          stamp = run_stamp (run);
          if (clock == NULL)
            {
              clock = field_clock_new (stamp, NULL, hash);
              g_hash_table_insert (meta->fields, g_strdup (name), clock);
            }
          else
            {
              ancestors_add (clock->ancestors, clock->stamp);
              g_free (clock->stamp);
              clock->stamp = g_strdup (stamp);
              g_free (clock->hash);
              clock->hash = g_strdup (hash);
            }
          g_hash_table_add (sent, (gpointer) name);
        }
      g_hash_table_add (run->meta_dirty, g_strdup (id));
      if (g_hash_table_size (sent) > 0)
        g_ptr_array_add (run->out_records, _tl_office_record_variant (id, NULL, meta, sent, tip));
    }

  for (guint i = 0; i < deleted->len; i++)
    {
      const char *id = g_ptr_array_index (deleted, i);
      Meta *meta = run_meta (run, id, error);

      if (meta == NULL)
        return FALSE;
      if (meta->deleted == NULL)
        meta->deleted = run_stamp (run);
      g_hash_table_add (run->meta_dirty, g_strdup (id));
      g_ptr_array_add (run->out_records, _tl_office_record_variant (id, meta->deleted, NULL, NULL, NULL));
    }
  return TRUE;
}

static char *
conflict_id (const char *tip_id,
             const char *field,
             const char *a,
             const char *b)
{
  g_autofree char *text = g_strjoin ("\n", tip_id, field, MIN (g_strcmp0 (a, b), 0) < 0 ? a : b,
                                     g_strcmp0 (a, b) < 0 ? b : a, NULL);
  guint8 digest[8];
  char hex[17];

  crypto_generichash (digest, sizeof digest, (const guint8 *) text, strlen (text), NULL, 0);
  return g_strdup (sodium_bin2hex (hex, sizeof hex, digest, sizeof digest));
}

static gboolean
has_conflict (State      *s,
              const char *id)
{
  for (guint i = 0; i < s->conflicts->len; i++)
    if (g_strcmp0 (((Conflict *) g_ptr_array_index (s->conflicts, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* One remote tip record merged into this store (docs/sync.md, "Merge"). */
gboolean
_tl_office_merge_record (Run      *run,
                         GVariant *record,
                         GError  **error)
{
  g_autofree char *id = NULL, *deleted = NULL, *xml = NULL;
  g_autoptr(GVariantIter) fields = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(TlTip) result = NULL;
  TlTip *remote = NULL, *local;
  Meta *meta;
  const char *name, *stamp;
  const char **ancestors;
  gboolean changed = FALSE;

  g_variant_get (record, "(ssa{s(sas)}s)", &id, &deleted, &fields, &xml);
  if (id[0] == '\0' || (meta = run_meta (run, id, error)) == NULL)
    return error == NULL || *error == NULL;

  /* A tombstone wins over everything, before or after it (retention and deletion must
   * remove the words everywhere). */
  if (meta->deleted != NULL)
    {
      sodium_memzero (xml, strlen (xml));
      return TRUE;
    }
  if (deleted[0] != '\0')
    {
      observe_stamp (run, deleted);
      meta->deleted = g_strdup (deleted);
      g_hash_table_remove_all (meta->fields);
      g_hash_table_insert (run->tips, g_strdup (id), NULL);
      g_hash_table_add (run->dirty, g_strdup (id));
      g_hash_table_add (run->meta_dirty, g_strdup (id));
      run->result->changes_applied++;
      return TRUE;
    }

  if (xml[0] != '\0')
    parsed = tl_tip_xml_read (xml, strlen (xml), NULL, TL_TIP_XML_TRUSTED, NULL);
  sodium_memzero (xml, strlen (xml));
  if (parsed == NULL || parsed->len != 1 ||
      g_strcmp0 (((TlTip *) g_ptr_array_index (parsed, 0))->id, id) != 0)
    {
      g_ptr_array_add (run->result->problems,
                       g_strdup (_("A change to one tip could not be read and was skipped; the rest was applied.")));
      return TRUE;
    }
  remote = g_ptr_array_index (parsed, 0);

  local = run_tip (run, id, error);
  if (local == NULL && error != NULL && *error != NULL)
    return FALSE;
  /* A tip new here is the remote one as it came (no copy of it, field by field). */
  result = local != NULL ? tl_tip_copy (local) : tl_tip_ref (remote);
  result->revision = 0;

  while (g_variant_iter_next (fields, "{&s(&s^a&s)}", &name, &stamp, &ancestors))
    {
      const TlSyncField *field = tl_sync_field_lookup (name);
      FieldClock *clock = g_hash_table_lookup (meta->fields, name);
      g_autoptr(GPtrArray) remote_ancestors = strv_to_array (ancestors);

      g_free (ancestors);
      if (field == NULL || !tl_hlc_parse_stamp (stamp, NULL, NULL))
        continue;
      observe_stamp (run, stamp);

      if (clock == NULL || local == NULL)
        {
          /* Never set here: take it. */
          if (result != remote)
            tl_sync_field_copy (field, result, remote);
          if (clock == NULL)
            g_hash_table_insert (meta->fields, g_strdup (name),
                                 clock = field_clock_new (stamp, (const char **) remote_ancestors->pdata, NULL));
          else
            {
              g_free (clock->stamp);
              clock->stamp = g_strdup (stamp);
            }
          g_free (clock->hash);
          clock->hash = tl_sync_field_hash (field, result);
          changed = TRUE;
        }
      else if (g_strcmp0 (clock->stamp, stamp) == 0 || ancestors_has (clock->ancestors, stamp))
        continue;         /* already here, or replaced here since */
      else if (ancestors_has (remote_ancestors, clock->stamp))
        {
          /* Made on top of what is here: take it. */
          tl_sync_field_copy (field, result, remote);
          for (guint i = remote_ancestors->len; i > 0; i--)
            ancestors_add (clock->ancestors, g_ptr_array_index (remote_ancestors, i - 1));
          ancestors_add (clock->ancestors, clock->stamp);
          g_free (clock->stamp);
          clock->stamp = g_strdup (stamp);
          g_free (clock->hash);
          clock->hash = tl_sync_field_hash (field, result);
          changed = TRUE;
        }
      else
        {
          /* Concurrent: the later clock wins everywhere; a different value is a conflict
           * both sides record the same way. */
          g_autofree char *remote_hash = tl_sync_field_hash (field, remote);
          gboolean remote_wins = g_strcmp0 (stamp, clock->stamp) > 0;
          const char *loser_stamp = remote_wins ? clock->stamp : stamp;
          g_autofree char *loser_stamp_copy = g_strdup (loser_stamp);
          g_autofree char *cid = conflict_id (id, name, stamp, clock->stamp);

          if (g_strcmp0 (remote_hash, clock->hash) != 0 && !has_conflict (run->s, cid))
            {
              Conflict *c = g_new0 (Conflict, 1);
              TlTip *winner = remote_wins ? remote : result;
              TlTip *loser = remote_wins ? result : remote;

              c->id = g_strdup (cid);
              c->tip_id = g_strdup (id);
              c->field = g_strdup (name);
              c->shown_stamp = g_strdup (remote_wins ? stamp : clock->stamp);
              c->shown_value = tl_sync_field_describe (field, winner);
              c->other_stamp = g_strdup (loser_stamp);
              c->other_value = tl_sync_field_describe (field, loser);
              c->other_xml = tl_tip_xml_write_one (loser, NULL);
              c->resolved = g_hash_table_contains (run->s->resolved, cid);
              g_ptr_array_add (run->s->conflicts, c);
              if (!c->resolved)
                run->result->conflicts_new++;
            }
          if (remote_wins)
            {
              tl_sync_field_copy (field, result, remote);
              g_free (clock->stamp);
              clock->stamp = g_strdup (stamp);
              g_free (clock->hash);
              clock->hash = g_strdup (remote_hash);
              changed = TRUE;
            }
          for (guint i = remote_ancestors->len; i > 0; i--)
            ancestors_add (clock->ancestors, g_ptr_array_index (remote_ancestors, i - 1));
          ancestors_add (clock->ancestors, loser_stamp_copy);
          g_hash_table_add (run->meta_dirty, g_strdup (id));
        }
    }

  if (changed)
    {
      result->modified = MAX (result->modified, remote->modified);
      g_hash_table_insert (run->tips, g_strdup (id), g_steal_pointer (&result));
      g_hash_table_add (run->dirty, g_strdup (id));
      g_hash_table_add (run->meta_dirty, g_strdup (id));
      run->result->changes_applied++;
    }
  return TRUE;
}
