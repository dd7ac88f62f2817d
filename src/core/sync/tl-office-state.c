/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-office-private.h"

/* The office's state record: everything this device knows of the office (its keys,
 * the members, how far it has read each device's chain, conflicts, invites, the segment
 * waiting to be written), kept as one GVariant in the encrypted store (tl-store-sync.h)
 * and read and written whole by each call of the engine. Also the GVariant helpers the
 * other tl-office*.c files share, and the member records welcomes and segments carry. */

/* memory */


void
_tl_office_member_free (Member *m)
{
  g_free (m->device);
  g_free (m->name);
  g_free (m);
}

static void
conflict_free (Conflict *c)
{
  g_free (c->id);
  g_free (c->tip_id);
  g_free (c->field);
  g_free (c->shown_stamp);
  g_free (c->shown_value);
  g_free (c->other_stamp);
  g_free (c->other_value);
  g_free (c->other_xml);
  g_free (c);
}

static void
secret_key_free (gpointer key)
{
  sodium_memzero (key, TL_SYNC_KEY_BYTES);
  g_free (key);
}

State *
_tl_office_state_new (void)
{
  State *s = g_new0 (State, 1);

  s->office_keys = g_hash_table_new_full (NULL, NULL, NULL, secret_key_free);
  s->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _tl_office_member_free);
  s->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  s->ack_n_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);
  s->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->resolved_out = g_ptr_array_new_with_free_func (g_free);
  s->members_out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  s->invites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, secret_key_free);
  s->invite_expiry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->ack_gen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->own_welcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->own_envelopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return s;
}

void
_tl_office_state_free (State *s)
{
  if (s == NULL)
    return;
  sodium_memzero (&s->keys, sizeof s->keys);
  sodium_memzero (s->join_key, sizeof s->join_key);
  g_free (s->device);
  g_free (s->name);
  g_free (s->folder);
  g_hash_table_unref (s->office_keys);
  g_free (s->ack_file);
  g_hash_table_unref (s->members);
  g_hash_table_unref (s->cursors);
  g_hash_table_unref (s->acks);
  g_hash_table_unref (s->ack_n_seen);
  g_hash_table_unref (s->seen);
  g_hash_table_unref (s->mine);
  g_ptr_array_unref (s->conflicts);
  g_hash_table_unref (s->resolved);
  g_ptr_array_unref (s->resolved_out);
  g_ptr_array_unref (s->members_out);
  g_hash_table_unref (s->invites);
  g_hash_table_unref (s->invite_expiry);
  g_free (s->outbox_name);
  g_clear_pointer (&s->outbox, g_bytes_unref);
  g_free (s->welcome_name);
  g_hash_table_unref (s->ack_gen);
  g_hash_table_unref (s->own_welcomes);
  g_hash_table_unref (s->own_envelopes);
  g_free (s);
}


/* GVariant helpers */

GVariant *
_tl_office_bytes_variant (const guint8 *data,
                          gsize         length)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, length, 1);
}

/* Copies a fixed-size byte field; FALSE when the size is wrong. */
gboolean
_tl_office_get_fixed (GVariant *value,
                      guint8   *out,
                      gsize     length)
{
  gsize n = 0;
  const guint8 *data;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    return FALSE;
  data = g_variant_get_fixed_array (value, &n, 1);
  if (n != length)
    return FALSE;
  memcpy (out, data, length);
  return TRUE;
}

GVariant *
_tl_office_lookup (GVariant   *dict,
                   const char *key,
                   const char *type)
{
  return g_variant_lookup_value (dict, key, G_VARIANT_TYPE (type));
}

/* The office keys of an "a(uay)" list (generation, key) into a table by generation;
 * a key of the wrong size is left out. */
void
_tl_office_add_office_keys (GHashTable *office_keys,
                            GVariant   *keys)
{
  GVariantIter iter;
  GVariant *key_bytes;
  guint32 gen;

  g_variant_iter_init (&iter, keys);
  while (g_variant_iter_next (&iter, "(u@ay)", &gen, &key_bytes))
    {
      guint8 *key = g_malloc (TL_SYNC_KEY_BYTES);

      if (_tl_office_get_fixed (key_bytes, key, TL_SYNC_KEY_BYTES))
        g_hash_table_insert (office_keys, GUINT_TO_POINTER (gen), key);
      else
        g_free (key);
      g_variant_unref (key_bytes);
    }
}

guint64
_tl_office_lookup_u64 (GVariant   *dict,
                       const char *key)
{
  guint64 value = 0;

  g_variant_lookup (dict, key, "t", &value);
  return value;
}

char *
_tl_office_lookup_str (GVariant   *dict,
                       const char *key)
{
  char *value = NULL;

  g_variant_lookup (dict, key, "s", &value);
  return value;
}

GVariant *
_tl_office_member_variant (const Member *m)
{
  return g_variant_new ("(ss@ay@aysbt)", m->device, m->name ?: "",
                        _tl_office_bytes_variant (m->sign_pk, sizeof m->sign_pk),
                        _tl_office_bytes_variant (m->box_pk, sizeof m->box_pk),
                        m->removed ? "removed" : "member", FALSE, m->until);
}

/* Applies a member record (from the state, a welcome or a segment). */
void
_tl_office_apply_member (State    *s,
                         GVariant *v,
                         gint64    seen)
{
  g_autoptr(GVariant) sign = NULL, box = NULL;
  g_autofree char *device = NULL, *name = NULL, *what = NULL;
  gboolean unused;
  guint64 until;
  Member *m;

  if (!g_variant_is_of_type (v, G_VARIANT_TYPE (TL_OFFICE_MEMBER_TYPE)))
    return;
  g_variant_get (v, "(ss@ay@aysbt)", &device, &name, &sign, &box, &what, &unused, &until);
  m = g_hash_table_lookup (s->members, device);
  if (m == NULL)
    {
      g_autofree char *check = NULL;

      m = g_new0 (Member, 1);
      if (!_tl_office_get_fixed (sign, m->sign_pk, sizeof m->sign_pk) ||
          !_tl_office_get_fixed (box, m->box_pk, sizeof m->box_pk) ||
          g_strcmp0 (device, (check = tl_sync_device_id (m->sign_pk))) != 0)
        {
          g_free (m);
          return;
        }
      m->device = g_strdup (device);
      g_hash_table_insert (s->members, g_strdup (device), m);
    }
  g_free (m->name);
  m->name = g_strdup (name);
  /* Removal is final: a later "member" record never brings a removed device back. */
  if (g_strcmp0 (what, "removed") == 0 && !m->removed)
    {
      m->removed = TRUE;
      m->until = until;
    }
  m->last_seen = MAX (m->last_seen, seen);
}

guint64 *
_tl_office_u64_new (guint64 value)
{
  guint64 *p = g_new (guint64, 1);

  *p = value;
  return p;
}

/* The state's "a{st}" tables (acknowledgement numbers seen, own segment files): name →
 * number, kept in memory as a table of guint64 *. */
static GVariant *
u64_table_variant (GHashTable *table)
{
  GVariantBuilder b;
  GHashTableIter iter;
  gpointer k, v;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{st}"));
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&b, "{st}", k, *(guint64 *) v);
  return g_variant_builder_end (&b);
}

static void
add_u64_table (GHashTable *table,
               GVariant   *dict,
               const char *key)
{
  g_autoptr(GVariant) v = _tl_office_lookup (dict, key, "a{st}");
  GVariantIter iter;
  const char *name;
  guint64 n;

  if (v == NULL)
    return;
  g_variant_iter_init (&iter, v);
  while (g_variant_iter_next (&iter, "{&st}", &name, &n))
    g_hash_table_insert (table, g_strdup (name), _tl_office_u64_new (n));
}

/* The state's "a{ss}" table (own welcomes): name → device. */
static GVariant *
str_table_variant (GHashTable *table)
{
  GVariantBuilder b;
  GHashTableIter iter;
  gpointer k, v;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&b, "{ss}", k, v);
  return g_variant_builder_end (&b);
}

static void
add_str_table (GHashTable *table,
               GVariant   *dict,
               const char *key)
{
  g_autoptr(GVariant) v = _tl_office_lookup (dict, key, "a{ss}");
  GVariantIter iter;
  const char *name, *value;

  if (v == NULL)
    return;
  g_variant_iter_init (&iter, v);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &value))
    g_hash_table_insert (table, g_strdup (name), g_strdup (value));
}

/* The state record */

static GBytes *
state_serialize (State *s)
{
  GVariantBuilder b, keys, members, cursors, acks, seen, conflicts, resolved, rout, mout, invites;
  GHashTableIter iter;
  gpointer k, v;
  g_autoptr(GVariant) value = NULL;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "sign-pk", _tl_office_bytes_variant (s->keys.sign_pk, sizeof s->keys.sign_pk));
  g_variant_builder_add (&b, "{sv}", "sign-sk", _tl_office_bytes_variant (s->keys.sign_sk, sizeof s->keys.sign_sk));
  g_variant_builder_add (&b, "{sv}", "box-pk", _tl_office_bytes_variant (s->keys.box_pk, sizeof s->keys.box_pk));
  g_variant_builder_add (&b, "{sv}", "box-sk", _tl_office_bytes_variant (s->keys.box_sk, sizeof s->keys.box_sk));
  g_variant_builder_add (&b, "{sv}", "name", g_variant_new_string (s->name ?: ""));
  g_variant_builder_add (&b, "{sv}", "folder", g_variant_new_string (s->folder ?: ""));
  g_variant_builder_add (&b, "{sv}", "member", g_variant_new_boolean (s->member));
  g_variant_builder_add (&b, "{sv}", "join-key", _tl_office_bytes_variant (s->join_key, sizeof s->join_key));
  g_variant_builder_add (&b, "{sv}", "gen", g_variant_new_uint32 (s->gen));
  g_variant_builder_add (&b, "{sv}", "seq", g_variant_new_uint64 (s->seq));
  g_variant_builder_add (&b, "{sv}", "hash", _tl_office_bytes_variant (s->hash, sizeof s->hash));
  g_variant_builder_add (&b, "{sv}", "clock", g_variant_new_uint64 (s->clock.last));
  g_variant_builder_add (&b, "{sv}", "ack-n", g_variant_new_uint64 (s->ack_n));
  g_variant_builder_add (&b, "{sv}", "ack-file", g_variant_new_string (s->ack_file ?: ""));
  g_variant_builder_add (&b, "{sv}", "snapshot-seq", g_variant_new_uint64 (s->snapshot_seq));
  g_variant_builder_add (&b, "{sv}", "since-snapshot", g_variant_new_uint64 (s->since_snapshot));
  g_variant_builder_add (&b, "{sv}", "audit-sent", g_variant_new_int64 (s->audit_sent));
  g_variant_builder_add (&b, "{sv}", "last-sync", g_variant_new_int64 (s->last_sync));
  g_variant_builder_add (&b, "{sv}", "outbox-name", g_variant_new_string (s->outbox_name ?: ""));
  if (s->outbox != NULL)
    g_variant_builder_add (&b, "{sv}", "outbox",
                           g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, s->outbox, TRUE));
  g_variant_builder_add (&b, "{sv}", "welcome-name", g_variant_new_string (s->welcome_name ?: ""));

  g_variant_builder_init (&keys, G_VARIANT_TYPE ("a(uay)"));
  g_hash_table_iter_init (&iter, s->office_keys);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&keys, "(u@ay)", GPOINTER_TO_UINT (k), _tl_office_bytes_variant (v, TL_SYNC_KEY_BYTES));
  g_variant_builder_add (&b, "{sv}", "keys", g_variant_builder_end (&keys));

  g_variant_builder_init (&members, G_VARIANT_TYPE ("a(" TL_OFFICE_MEMBER_TYPE "x)"));
  g_hash_table_iter_init (&iter, s->members);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&members, "(@" TL_OFFICE_MEMBER_TYPE "x)", _tl_office_member_variant (v),
                           ((Member *) v)->last_seen);
  g_variant_builder_add (&b, "{sv}", "members", g_variant_builder_end (&members));

  g_variant_builder_init (&cursors, G_VARIANT_TYPE ("a{s(tay)}"));
  g_hash_table_iter_init (&iter, s->cursors);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&cursors, "{s(t@ay)}", k, ((Cursor *) v)->seq,
                           _tl_office_bytes_variant (((Cursor *) v)->hash, 32));
  g_variant_builder_add (&b, "{sv}", "cursors", g_variant_builder_end (&cursors));

  g_variant_builder_init (&acks, G_VARIANT_TYPE ("a{sa{st}}"));
  g_hash_table_iter_init (&iter, s->acks);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&acks, "{s@a{st}}", k, v);
  g_variant_builder_add (&b, "{sv}", "acks", g_variant_builder_end (&acks));

  g_variant_builder_add (&b, "{sv}", "ack-n-seen", u64_table_variant (s->ack_n_seen));

  g_variant_builder_init (&seen, G_VARIANT_TYPE ("as"));
  g_hash_table_iter_init (&iter, s->seen);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    g_variant_builder_add (&seen, "s", k);
  g_variant_builder_add (&b, "{sv}", "seen", g_variant_builder_end (&seen));

  g_variant_builder_add (&b, "{sv}", "mine", u64_table_variant (s->mine));
  g_variant_builder_add (&b, "{sv}", "ack-gen", u64_table_variant (s->ack_gen));
  g_variant_builder_add (&b, "{sv}", "own-welcomes", str_table_variant (s->own_welcomes));
  g_variant_builder_add (&b, "{sv}", "own-envelopes", u64_table_variant (s->own_envelopes));

  g_variant_builder_init (&conflicts, G_VARIANT_TYPE ("a(ssssssssb)"));
  for (guint i = 0; i < s->conflicts->len; i++)
    {
      Conflict *c = g_ptr_array_index (s->conflicts, i);

      g_variant_builder_add (&conflicts, "(ssssssssb)", c->id, c->tip_id, c->field, c->shown_stamp,
                             c->shown_value, c->other_stamp, c->other_value, c->other_xml, c->resolved);
    }
  g_variant_builder_add (&b, "{sv}", "conflicts", g_variant_builder_end (&conflicts));

  g_variant_builder_init (&resolved, G_VARIANT_TYPE ("as"));
  g_hash_table_iter_init (&iter, s->resolved);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    g_variant_builder_add (&resolved, "s", k);
  g_variant_builder_add (&b, "{sv}", "resolved", g_variant_builder_end (&resolved));

  g_variant_builder_init (&rout, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < s->resolved_out->len; i++)
    g_variant_builder_add (&rout, "s", g_ptr_array_index (s->resolved_out, i));
  g_variant_builder_add (&b, "{sv}", "resolved-out", g_variant_builder_end (&rout));

  g_variant_builder_init (&mout, G_VARIANT_TYPE ("a" TL_OFFICE_MEMBER_TYPE));
  for (guint i = 0; i < s->members_out->len; i++)
    g_variant_builder_add_value (&mout, g_ptr_array_index (s->members_out, i));
  g_variant_builder_add (&b, "{sv}", "members-out", g_variant_builder_end (&mout));

  g_variant_builder_init (&invites, G_VARIANT_TYPE ("a{s(ayx)}"));
  g_hash_table_iter_init (&iter, s->invites);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      gint64 *expiry = g_hash_table_lookup (s->invite_expiry, k);

      g_variant_builder_add (&invites, "{s(@ayx)}", k, _tl_office_bytes_variant (v, TL_SYNC_KEY_BYTES),
                             expiry != NULL ? *expiry : 0);
    }
  g_variant_builder_add (&b, "{sv}", "invites", g_variant_builder_end (&invites));

  value = g_variant_ref_sink (g_variant_builder_end (&b));
  return g_variant_get_data_as_bytes (value);
}

static State *
state_parse (GBytes *bytes)
{
  g_autoptr(State) s = _tl_office_state_new ();
  g_autoptr(GVariant) dict = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  g_autoptr(GVariant) v = NULL;
  GVariantIter iter;
  const char *key;

  if (!_tl_office_get_fixed (v = _tl_office_lookup (dict, "sign-pk", "ay"), s->keys.sign_pk, sizeof s->keys.sign_pk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  if (!_tl_office_get_fixed (v = _tl_office_lookup (dict, "sign-sk", "ay"), s->keys.sign_sk, sizeof s->keys.sign_sk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  if (!_tl_office_get_fixed (v = _tl_office_lookup (dict, "box-pk", "ay"), s->keys.box_pk, sizeof s->keys.box_pk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  if (!_tl_office_get_fixed (v = _tl_office_lookup (dict, "box-sk", "ay"), s->keys.box_sk, sizeof s->keys.box_sk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  _tl_office_get_fixed (v = _tl_office_lookup (dict, "join-key", "ay"), s->join_key, sizeof s->join_key);
  g_clear_pointer (&v, g_variant_unref);
  _tl_office_get_fixed (v = _tl_office_lookup (dict, "hash", "ay"), s->hash, sizeof s->hash);
  g_clear_pointer (&v, g_variant_unref);

  s->device = tl_sync_device_id (s->keys.sign_pk);
  s->name = _tl_office_lookup_str (dict, "name");
  s->folder = _tl_office_lookup_str (dict, "folder");
  g_variant_lookup (dict, "member", "b", &s->member);
  g_variant_lookup (dict, "gen", "u", &s->gen);
  s->seq = _tl_office_lookup_u64 (dict, "seq");
  s->clock.last = _tl_office_lookup_u64 (dict, "clock");
  s->ack_n = _tl_office_lookup_u64 (dict, "ack-n");
  s->ack_file = _tl_office_lookup_str (dict, "ack-file");
  s->snapshot_seq = _tl_office_lookup_u64 (dict, "snapshot-seq");
  s->since_snapshot = _tl_office_lookup_u64 (dict, "since-snapshot");
  g_variant_lookup (dict, "audit-sent", "x", &s->audit_sent);
  g_variant_lookup (dict, "last-sync", "x", &s->last_sync);
  s->outbox_name = _tl_office_lookup_str (dict, "outbox-name");
  if ((v = _tl_office_lookup (dict, "outbox", "ay")) != NULL)
    s->outbox = g_variant_get_data_as_bytes (v);
  g_clear_pointer (&v, g_variant_unref);
  s->welcome_name = _tl_office_lookup_str (dict, "welcome-name");

  if ((v = _tl_office_lookup (dict, "keys", "a(uay)")) != NULL)
    {
      _tl_office_add_office_keys (s->office_keys, v);
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "members", "a(" TL_OFFICE_MEMBER_TYPE "x)")) != NULL)
    {
      GVariant *m;
      gint64 last_seen;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "(@" TL_OFFICE_MEMBER_TYPE "x)", &m, &last_seen))
        {
          _tl_office_apply_member (s, m, last_seen);
          g_variant_unref (m);
        }
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "cursors", "a{s(tay)}")) != NULL)
    {
      GVariant *hash;
      guint64 seq;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s(t@ay)}", &key, &seq, &hash))
        {
          Cursor *c = g_new0 (Cursor, 1);

          c->seq = seq;
          _tl_office_get_fixed (hash, c->hash, sizeof c->hash);
          g_hash_table_insert (s->cursors, g_strdup (key), c);
          g_variant_unref (hash);
        }
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "acks", "a{sa{st}}")) != NULL)
    {
      GVariant *map;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s@a{st}}", &key, &map))
        g_hash_table_insert (s->acks, g_strdup (key), map);
      g_clear_pointer (&v, g_variant_unref);
    }
  add_u64_table (s->ack_n_seen, dict, "ack-n-seen");
  if ((v = _tl_office_lookup (dict, "seen", "as")) != NULL)
    {
      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "&s", &key))
        g_hash_table_add (s->seen, g_strdup (key));
      g_clear_pointer (&v, g_variant_unref);
    }
  add_u64_table (s->mine, dict, "mine");
  add_u64_table (s->ack_gen, dict, "ack-gen");
  add_str_table (s->own_welcomes, dict, "own-welcomes");
  add_u64_table (s->own_envelopes, dict, "own-envelopes");
  if ((v = _tl_office_lookup (dict, "conflicts", "a(ssssssssb)")) != NULL)
    {
      Conflict c = { 0 };

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "(ssssssssb)", &c.id, &c.tip_id, &c.field, &c.shown_stamp,
                                  &c.shown_value, &c.other_stamp, &c.other_value, &c.other_xml, &c.resolved))
        g_ptr_array_add (s->conflicts, g_memdup2 (&c, sizeof c));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "resolved", "as")) != NULL)
    {
      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "&s", &key))
        g_hash_table_add (s->resolved, g_strdup (key));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "resolved-out", "as")) != NULL)
    {
      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "&s", &key))
        g_ptr_array_add (s->resolved_out, g_strdup (key));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "members-out", "a" TL_OFFICE_MEMBER_TYPE)) != NULL)
    {
      GVariant *m;

      g_variant_iter_init (&iter, v);
      while ((m = g_variant_iter_next_value (&iter)) != NULL)
        g_ptr_array_add (s->members_out, m);
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = _tl_office_lookup (dict, "invites", "a{s(ayx)}")) != NULL)
    {
      GVariant *code;
      gint64 expiry;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s(@ayx)}", &key, &code, &expiry))
        {
          guint8 *ck = g_malloc (TL_SYNC_KEY_BYTES);

          if (_tl_office_get_fixed (code, ck, TL_SYNC_KEY_BYTES))
            {
              g_hash_table_insert (s->invites, g_strdup (key), ck);
              g_hash_table_insert (s->invite_expiry, g_strdup (key), g_memdup2 (&expiry, sizeof expiry));
            }
          else
            g_free (ck);
          g_variant_unref (code);
        }
      g_clear_pointer (&v, g_variant_unref);
    }
  return g_steal_pointer (&s);
}

State *
_tl_office_state_load (TlStore  *store,
                       GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *local = NULL;
  State *s;

  bytes = tl_store_sync_get (store, TL_OFFICE_STATE_KEY, &local);
  if (bytes == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                             _("This store is not part of an office. Create one, or join one with a code from a member."));
      return NULL;
    }
  s = state_parse (bytes);
  if (s == NULL)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                         _("The office’s records in this store are damaged. Restore a backup of the store."));
  return s;
}

void
_tl_office_batch_state (TlStoreSyncBatch *batch,
                        State            *s)
{
  g_autoptr(GBytes) bytes = state_serialize (s);

  tl_store_sync_batch_put (batch, TL_OFFICE_STATE_KEY, bytes);
}
