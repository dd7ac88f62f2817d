/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-hlc.h"
#include "tl-office.h"
#include "tl-store-sync.h"
#include "tl-sync-crypto.h"
#include "tl-sync-fields.h"
#include "tl-tip-xml.h"

/* The office sync engine (issue 21; the design, file formats and threat model are in
 * docs/sync.md). One sync: stamp this device's saves since the last sync with the hybrid
 * logical clock, read every file the others wrote (welcomes, key envelopes, segments in
 * each device's chain order, acknowledgements, join requests), merge field by field,
 * then write this device's one new segment and acknowledgement, and delete its own old
 * segments every member has acknowledged and a snapshot covers. All of the office's
 * state lives in the encrypted store (tl-store-sync.h); the folder holds only
 * encrypted, signed files, each written by one device and never changed. */

#define STATE_KEY "office"
#define MAX_ANCESTORS 8
#define SNAPSHOT_EVERY 64           /* own segments between automatic snapshots */
#define INVITE_LIFETIME_US (24 * G_TIME_SPAN_HOUR)
#define META_TYPE "(sa{s(sass)})"
#define RECORD_TYPE "(ssa{s(sas)}s)"
#define MEMBER_TYPE "(ssayaysbt)"
#define AUDIT_TYPE "(txssss)"

typedef struct
{
  char *device;
  char *name;
  guint8 sign_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 box_pk[crypto_box_PUBLICKEYBYTES];
  gboolean removed;
  guint64 until;              /* removed: its segments up to this one are still read */
  gint64 last_seen;
} Member;

typedef struct
{
  guint64 seq;
  guint8 hash[32];
} Cursor;

typedef struct
{
  char *id;
  char *tip_id;
  char *field;
  char *shown_stamp;
  char *shown_value;
  char *other_stamp;
  char *other_value;
  char *other_xml;
  gboolean resolved;
} Conflict;

typedef struct
{
  TlSyncDeviceKeys keys;
  char *device;
  char *name;
  char *folder;
  gboolean member;
  guint8 join_key[TL_SYNC_KEY_BYTES];
  guint32 gen;
  GHashTable *office_keys;    /* GUINT_TO_POINTER (gen) → guint8[32] */
  guint64 seq;
  guint8 hash[32];
  TlHlc clock;
  guint64 ack_n;
  char *ack_file;
  guint64 snapshot_seq;
  guint64 since_snapshot;
  gint64 audit_sent;
  gint64 last_sync;
  GHashTable *members;        /* device → Member */
  GHashTable *cursors;        /* device → Cursor */
  GHashTable *acks;           /* device → GVariant a{st} (its newest acknowledgement) */
  GHashTable *ack_n_seen;     /* device → guint64 * */
  GHashTable *seen;           /* file names read */
  GHashTable *mine;           /* own segment file → guint64 * seq */
  GPtrArray *conflicts;       /* Conflict */
  GHashTable *resolved;       /* conflict ids resolved anywhere */
  GPtrArray *resolved_out;    /* resolved here, to send */
  GPtrArray *members_out;     /* GVariant MEMBER_TYPE, to send */
  GHashTable *invites;        /* hex id → guint8[32] code key */
  GHashTable *invite_expiry;  /* hex id → gint64 * */
  char *outbox_name;
  GBytes *outbox;
  char *welcome_name;         /* own welcome/keys files, deleted once read */
} State;

/* The metadata of one tip: its tombstone, or each field's clock. */
typedef struct
{
  char *stamp;
  GPtrArray *ancestors;       /* char * stamps this one replaced */
  char *hash;
} FieldClock;

typedef struct
{
  char *deleted;
  GHashTable *fields;         /* name → FieldClock */
} Meta;

/* memory */

static void
member_free (Member *m)
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

static void
meta_free (Meta *meta)
{
  g_free (meta->deleted);
  g_hash_table_unref (meta->fields);
  g_free (meta);
}

static State *
state_new (void)
{
  State *s = g_new0 (State, 1);

  s->office_keys = g_hash_table_new_full (NULL, NULL, NULL, secret_key_free);
  s->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) member_free);
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
  return s;
}

static void
state_free (State *s)
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
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Meta, meta_free)

/* GVariant helpers */

static GVariant *
bytes_variant (const guint8 *data,
               gsize         length)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, length, 1);
}

/* Copies a fixed-size byte field; FALSE when the size is wrong. */
static gboolean
get_fixed (GVariant *value,
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

static GVariant *
lookup (GVariant   *dict,
        const char *key,
        const char *type)
{
  return g_variant_lookup_value (dict, key, G_VARIANT_TYPE (type));
}

/* The office keys of an "a(uay)" list (generation, key) into a table by generation;
 * a key of the wrong size is left out. */
static void
add_office_keys (GHashTable *office_keys,
                 GVariant   *keys)
{
  GVariantIter iter;
  GVariant *key_bytes;
  guint32 gen;

  g_variant_iter_init (&iter, keys);
  while (g_variant_iter_next (&iter, "(u@ay)", &gen, &key_bytes))
    {
      guint8 *key = g_malloc (TL_SYNC_KEY_BYTES);

      if (get_fixed (key_bytes, key, TL_SYNC_KEY_BYTES))
        g_hash_table_insert (office_keys, GUINT_TO_POINTER (gen), key);
      else
        g_free (key);
      g_variant_unref (key_bytes);
    }
}

static guint64
lookup_u64 (GVariant   *dict,
            const char *key)
{
  guint64 value = 0;

  g_variant_lookup (dict, key, "t", &value);
  return value;
}

static char *
lookup_str (GVariant   *dict,
            const char *key)
{
  char *value = NULL;

  g_variant_lookup (dict, key, "s", &value);
  return value;
}

static GVariant *
member_variant (const Member *m)
{
  return g_variant_new ("(ss@ay@aysbt)", m->device, m->name ?: "",
                        bytes_variant (m->sign_pk, sizeof m->sign_pk),
                        bytes_variant (m->box_pk, sizeof m->box_pk),
                        m->removed ? "removed" : "member", FALSE, m->until);
}

/* Applies a member record (from the state, a welcome or a segment). */
static void
apply_member (State    *s,
              GVariant *v,
              gint64    seen)
{
  g_autoptr(GVariant) sign = NULL, box = NULL;
  g_autofree char *device = NULL, *name = NULL, *what = NULL;
  gboolean unused;
  guint64 until;
  Member *m;

  if (!g_variant_is_of_type (v, G_VARIANT_TYPE (MEMBER_TYPE)))
    return;
  g_variant_get (v, "(ss@ay@aysbt)", &device, &name, &sign, &box, &what, &unused, &until);
  m = g_hash_table_lookup (s->members, device);
  if (m == NULL)
    {
      g_autofree char *check = NULL;

      m = g_new0 (Member, 1);
      if (!get_fixed (sign, m->sign_pk, sizeof m->sign_pk) ||
          !get_fixed (box, m->box_pk, sizeof m->box_pk) ||
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

/* The state record */

static GBytes *
state_serialize (State *s)
{
  GVariantBuilder b, keys, members, cursors, acks, ackn, seen, mine, conflicts, resolved,
                  rout, mout, invites;
  GHashTableIter iter;
  gpointer k, v;
  g_autoptr(GVariant) value = NULL;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "sign-pk", bytes_variant (s->keys.sign_pk, sizeof s->keys.sign_pk));
  g_variant_builder_add (&b, "{sv}", "sign-sk", bytes_variant (s->keys.sign_sk, sizeof s->keys.sign_sk));
  g_variant_builder_add (&b, "{sv}", "box-pk", bytes_variant (s->keys.box_pk, sizeof s->keys.box_pk));
  g_variant_builder_add (&b, "{sv}", "box-sk", bytes_variant (s->keys.box_sk, sizeof s->keys.box_sk));
  g_variant_builder_add (&b, "{sv}", "name", g_variant_new_string (s->name ?: ""));
  g_variant_builder_add (&b, "{sv}", "folder", g_variant_new_string (s->folder ?: ""));
  g_variant_builder_add (&b, "{sv}", "member", g_variant_new_boolean (s->member));
  g_variant_builder_add (&b, "{sv}", "join-key", bytes_variant (s->join_key, sizeof s->join_key));
  g_variant_builder_add (&b, "{sv}", "gen", g_variant_new_uint32 (s->gen));
  g_variant_builder_add (&b, "{sv}", "seq", g_variant_new_uint64 (s->seq));
  g_variant_builder_add (&b, "{sv}", "hash", bytes_variant (s->hash, sizeof s->hash));
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
    g_variant_builder_add (&keys, "(u@ay)", GPOINTER_TO_UINT (k), bytes_variant (v, TL_SYNC_KEY_BYTES));
  g_variant_builder_add (&b, "{sv}", "keys", g_variant_builder_end (&keys));

  g_variant_builder_init (&members, G_VARIANT_TYPE ("a(" MEMBER_TYPE "x)"));
  g_hash_table_iter_init (&iter, s->members);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&members, "(@" MEMBER_TYPE "x)", member_variant (v), ((Member *) v)->last_seen);
  g_variant_builder_add (&b, "{sv}", "members", g_variant_builder_end (&members));

  g_variant_builder_init (&cursors, G_VARIANT_TYPE ("a{s(tay)}"));
  g_hash_table_iter_init (&iter, s->cursors);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&cursors, "{s(t@ay)}", k, ((Cursor *) v)->seq, bytes_variant (((Cursor *) v)->hash, 32));
  g_variant_builder_add (&b, "{sv}", "cursors", g_variant_builder_end (&cursors));

  g_variant_builder_init (&acks, G_VARIANT_TYPE ("a{sa{st}}"));
  g_hash_table_iter_init (&iter, s->acks);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&acks, "{s@a{st}}", k, v);
  g_variant_builder_add (&b, "{sv}", "acks", g_variant_builder_end (&acks));

  g_variant_builder_init (&ackn, G_VARIANT_TYPE ("a{st}"));
  g_hash_table_iter_init (&iter, s->ack_n_seen);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&ackn, "{st}", k, *(guint64 *) v);
  g_variant_builder_add (&b, "{sv}", "ack-n-seen", g_variant_builder_end (&ackn));

  g_variant_builder_init (&seen, G_VARIANT_TYPE ("as"));
  g_hash_table_iter_init (&iter, s->seen);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    g_variant_builder_add (&seen, "s", k);
  g_variant_builder_add (&b, "{sv}", "seen", g_variant_builder_end (&seen));

  g_variant_builder_init (&mine, G_VARIANT_TYPE ("a{st}"));
  g_hash_table_iter_init (&iter, s->mine);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&mine, "{st}", k, *(guint64 *) v);
  g_variant_builder_add (&b, "{sv}", "mine", g_variant_builder_end (&mine));

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

  g_variant_builder_init (&mout, G_VARIANT_TYPE ("a" MEMBER_TYPE));
  for (guint i = 0; i < s->members_out->len; i++)
    g_variant_builder_add_value (&mout, g_ptr_array_index (s->members_out, i));
  g_variant_builder_add (&b, "{sv}", "members-out", g_variant_builder_end (&mout));

  g_variant_builder_init (&invites, G_VARIANT_TYPE ("a{s(ayx)}"));
  g_hash_table_iter_init (&iter, s->invites);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      gint64 *expiry = g_hash_table_lookup (s->invite_expiry, k);

      g_variant_builder_add (&invites, "{s(@ayx)}", k, bytes_variant (v, TL_SYNC_KEY_BYTES),
                             expiry != NULL ? *expiry : 0);
    }
  g_variant_builder_add (&b, "{sv}", "invites", g_variant_builder_end (&invites));

  value = g_variant_ref_sink (g_variant_builder_end (&b));
  return g_variant_get_data_as_bytes (value);
}

static guint64 *
u64_new (guint64 value)
{
  guint64 *p = g_new (guint64, 1);

  *p = value;
  return p;
}

static State *
state_parse (GBytes *bytes)
{
  g_autoptr(State) s = state_new ();
  g_autoptr(GVariant) dict = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  g_autoptr(GVariant) v = NULL;
  GVariantIter iter;
  const char *key;

  if (!get_fixed (v = lookup (dict, "sign-pk", "ay"), s->keys.sign_pk, sizeof s->keys.sign_pk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  if (!get_fixed (v = lookup (dict, "sign-sk", "ay"), s->keys.sign_sk, sizeof s->keys.sign_sk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  if (!get_fixed (v = lookup (dict, "box-pk", "ay"), s->keys.box_pk, sizeof s->keys.box_pk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  if (!get_fixed (v = lookup (dict, "box-sk", "ay"), s->keys.box_sk, sizeof s->keys.box_sk))
    return NULL;
  g_clear_pointer (&v, g_variant_unref);
  get_fixed (v = lookup (dict, "join-key", "ay"), s->join_key, sizeof s->join_key);
  g_clear_pointer (&v, g_variant_unref);
  get_fixed (v = lookup (dict, "hash", "ay"), s->hash, sizeof s->hash);
  g_clear_pointer (&v, g_variant_unref);

  s->device = tl_sync_device_id (s->keys.sign_pk);
  s->name = lookup_str (dict, "name");
  s->folder = lookup_str (dict, "folder");
  g_variant_lookup (dict, "member", "b", &s->member);
  g_variant_lookup (dict, "gen", "u", &s->gen);
  s->seq = lookup_u64 (dict, "seq");
  s->clock.last = lookup_u64 (dict, "clock");
  s->ack_n = lookup_u64 (dict, "ack-n");
  s->ack_file = lookup_str (dict, "ack-file");
  s->snapshot_seq = lookup_u64 (dict, "snapshot-seq");
  s->since_snapshot = lookup_u64 (dict, "since-snapshot");
  g_variant_lookup (dict, "audit-sent", "x", &s->audit_sent);
  g_variant_lookup (dict, "last-sync", "x", &s->last_sync);
  s->outbox_name = lookup_str (dict, "outbox-name");
  if ((v = lookup (dict, "outbox", "ay")) != NULL)
    s->outbox = g_variant_get_data_as_bytes (v);
  g_clear_pointer (&v, g_variant_unref);
  s->welcome_name = lookup_str (dict, "welcome-name");

  if ((v = lookup (dict, "keys", "a(uay)")) != NULL)
    {
      add_office_keys (s->office_keys, v);
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "members", "a(" MEMBER_TYPE "x)")) != NULL)
    {
      GVariant *m;
      gint64 last_seen;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "(@" MEMBER_TYPE "x)", &m, &last_seen))
        {
          apply_member (s, m, last_seen);
          g_variant_unref (m);
        }
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "cursors", "a{s(tay)}")) != NULL)
    {
      GVariant *hash;
      guint64 seq;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s(t@ay)}", &key, &seq, &hash))
        {
          Cursor *c = g_new0 (Cursor, 1);

          c->seq = seq;
          get_fixed (hash, c->hash, sizeof c->hash);
          g_hash_table_insert (s->cursors, g_strdup (key), c);
          g_variant_unref (hash);
        }
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "acks", "a{sa{st}}")) != NULL)
    {
      GVariant *map;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s@a{st}}", &key, &map))
        g_hash_table_insert (s->acks, g_strdup (key), map);
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "ack-n-seen", "a{st}")) != NULL)
    {
      guint64 n;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&st}", &key, &n))
        g_hash_table_insert (s->ack_n_seen, g_strdup (key), u64_new (n));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "seen", "as")) != NULL)
    {
      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "&s", &key))
        g_hash_table_add (s->seen, g_strdup (key));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "mine", "a{st}")) != NULL)
    {
      guint64 n;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&st}", &key, &n))
        g_hash_table_insert (s->mine, g_strdup (key), u64_new (n));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "conflicts", "a(ssssssssb)")) != NULL)
    {
      Conflict c = { 0 };

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "(ssssssssb)", &c.id, &c.tip_id, &c.field, &c.shown_stamp,
                                  &c.shown_value, &c.other_stamp, &c.other_value, &c.other_xml, &c.resolved))
        g_ptr_array_add (s->conflicts, g_memdup2 (&c, sizeof c));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "resolved", "as")) != NULL)
    {
      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "&s", &key))
        g_hash_table_add (s->resolved, g_strdup (key));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "resolved-out", "as")) != NULL)
    {
      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "&s", &key))
        g_ptr_array_add (s->resolved_out, g_strdup (key));
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "members-out", "a" MEMBER_TYPE)) != NULL)
    {
      GVariant *m;

      g_variant_iter_init (&iter, v);
      while ((m = g_variant_iter_next_value (&iter)) != NULL)
        g_ptr_array_add (s->members_out, m);
      g_clear_pointer (&v, g_variant_unref);
    }
  if ((v = lookup (dict, "invites", "a{s(ayx)}")) != NULL)
    {
      GVariant *code;
      gint64 expiry;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s(@ayx)}", &key, &code, &expiry))
        {
          guint8 *ck = g_malloc (TL_SYNC_KEY_BYTES);

          if (get_fixed (code, ck, TL_SYNC_KEY_BYTES))
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

static State *
state_load (TlStore  *store,
            GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *local = NULL;
  State *s;

  bytes = tl_store_sync_get (store, STATE_KEY, &local);
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

static void
batch_state (TlStoreSyncBatch *batch,
             State            *s)
{
  g_autoptr(GBytes) bytes = state_serialize (s);

  tl_store_sync_batch_put (batch, STATE_KEY, bytes);
}

/* Tip metadata */

static GBytes *
meta_serialize (Meta *meta)
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

static Meta *
meta_parse (GBytes *bytes)
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

typedef struct
{
  TlStore *store;
  State *s;
  TlStoreSyncBatch *batch;
  TlOfficeSyncResult *result;
  GHashTable *metas;          /* tip id → Meta (read or changed in this run) */
  GHashTable *tips;           /* tip id → TlTip (the newest copy in this run), or NULL */
  GHashTable *dirty;          /* tip ids whose tip changed in this run */
  GHashTable *meta_dirty;     /* tip ids whose meta changed in this run */
  GPtrArray *out_records;     /* GVariant RECORD_TYPE, for this device's segment */
  gint64 now_ms;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->metas, g_hash_table_unref);
  g_clear_pointer (&run->tips, g_hash_table_unref);
  g_clear_pointer (&run->dirty, g_hash_table_unref);
  g_clear_pointer (&run->meta_dirty, g_hash_table_unref);
  g_clear_pointer (&run->out_records, g_ptr_array_unref);
  g_clear_pointer (&run->batch, tl_store_sync_batch_free);
}

static void
tip_unref_maybe (gpointer tip)
{
  if (tip != NULL)
    tl_tip_unref (tip);
}

static void
run_init (Run     *run,
          TlStore *store,
          State   *s)
{
  run->store = store;
  run->s = s;
  run->batch = tl_store_sync_batch_new ();
  run->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) meta_free);
  run->tips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tip_unref_maybe);
  run->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->meta_dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->out_records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
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
  meta = meta_parse (bytes);
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

static GVariant *
record_variant (const char *id,
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
static gboolean
stamp_local_changes (Run     *run,
                     GError **error)
{
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) deleted = NULL;

  if (!tl_store_sync_list_pending (run->store, &changed, &deleted, error))
    return FALSE;

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

          if (clock != NULL && g_strcmp0 (clock->hash, hash) == 0)
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
        g_ptr_array_add (run->out_records, record_variant (id, NULL, meta, sent, tip));
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
      g_ptr_array_add (run->out_records, record_variant (id, meta->deleted, NULL, NULL, NULL));
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
static gboolean
merge_record (Run      *run,
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
  result = local != NULL ? tl_tip_copy (local) : tl_tip_copy (remote);
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

/* Files */

typedef struct
{
  char *name;
  GBytes *bytes;
} FolderFile;

static void
folder_file_free (FolderFile *f)
{
  g_free (f->name);
  g_bytes_unref (f->bytes);
  g_free (f);
}

/* The office files not read yet (already read ones and this device's own are only
 * named in present: a sync reads what is new, not the whole folder). */
static GPtrArray *
read_folder (const char  *folder,
             GHashTable  *seen,
             GHashTable  *mine,
             GHashTable  *present,
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
      FolderFile *f;

      if (!g_str_has_suffix (name, TL_SYNC_SUFFIX) || name[0] == '.')
        continue;
      g_hash_table_add (present, g_strdup (name));
      if (g_hash_table_contains (seen, name) || g_hash_table_contains (mine, name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (!g_file_get_contents (path, &data, &length, NULL))
        continue;         /* removed meanwhile, or still being written */
      f = g_new0 (FolderFile, 1);
      f->name = g_strdup (name);
      f->bytes = g_bytes_new_take (data, length);
      g_ptr_array_add (files, f);
    }
  return g_steal_pointer (&files);
}

static gboolean
write_file (const char  *folder,
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

static void
remove_file (const char *folder,
             const char *name)
{
  g_autofree char *path = NULL;

  if (name == NULL || name[0] == '\0')
    return;
  path = g_build_filename (folder, name, NULL);
  g_unlink (path);
}

static const guint8 *
office_key (State   *s,
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

static void
problem (Run        *run,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Run        *run,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (run->result->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* A welcome: this device was let in. */
static void
read_welcome (Run        *run,
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
  keys = lookup (dict, "keys", "a(uay)");
  members = lookup (dict, "members", "a" MEMBER_TYPE);
  if (keys == NULL || members == NULL || !g_variant_lookup (dict, "gen", "u", &s->gen))
    return;
  add_office_keys (s->office_keys, keys);
  g_variant_iter_init (&iter, members);
  while ((v = g_variant_iter_next_value (&iter)) != NULL)
    {
      apply_member (s, v, 0);
      g_variant_unref (v);
    }
  if (member_by_key (s, signer) == NULL || office_key (s, s->gen) == NULL)
    return;
  s->member = TRUE;
  sodium_memzero (s->join_key, sizeof s->join_key);
  g_hash_table_add (s->seen, g_strdup (f->name));
  run->result->became_member = TRUE;
  tl_store_sync_batch_audit_here (run->batch, TL_AUDIT_OFFICE, "joined");
}

/* A key envelope: the office key after a member was removed. */
static void
read_keys (Run        *run,
           FolderFile *f)
{
  State *s = run->s;
  guint32 gen = 0;
  const guint8 *key;
  guint8 signer[crypto_sign_PUBLICKEYBYTES];
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GVariant) boxes = NULL;
  GVariantIter iter;
  GVariant *box;

  if (!tl_sync_file_generation (f->bytes, &gen) || (key = office_key (s, gen)) == NULL)
    return;
  body = tl_sync_open_signed (f->bytes, key, signer, NULL);
  if (body == NULL || member_by_key (s, signer) == NULL)
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
  key = office_key (s, gen);
  if (key == NULL)
    {
      problem (run, _("Segment %s was written with an office key this device does not have (it was removed from the office, or the new key has not arrived yet); it was skipped."),
               f->name);
      return NULL;
    }
  body = tl_sync_open_signed (f->bytes, key, signer, &error);
  if (body == NULL)
    {
      problem (run, _("Segment %s was refused: %s The other segments were read."), f->name, error->message);
      return NULL;
    }
  seg = g_new0 (Segment, 1);
  seg->name = g_strdup (f->name);
  seg->body = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, body, FALSE));
  seg->device = lookup_str (seg->body, "device");
  seg->seq = lookup_u64 (seg->body, "seq");
  seg->clock = lookup_u64 (seg->body, "clock");
  g_variant_lookup (seg->body, "snapshot", "b", &seg->snapshot);
  get_fixed (prev = lookup (seg->body, "prev", "ay"), seg->prev, sizeof seg->prev);
  crypto_generichash (seg->hash, sizeof seg->hash, g_bytes_get_data (f->bytes, NULL),
                      g_bytes_get_size (f->bytes), NULL, 0);
  device = tl_sync_device_id (signer);
  m = member_by_key (s, signer);
  if (g_strcmp0 (device, seg->device) != 0 || seg->seq == 0)
    {
      problem (run, _("Segment %s was refused: its signature does not match the device it names. The other segments were read."),
               f->name);
      segment_free (seg);
      return NULL;
    }
  if (m != NULL && m->removed && seg->seq > m->until)
    {
      problem (run, _("Segment %s was refused: it was written by a device removed from the office. The other segments were read."),
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
  Member *m = g_hash_table_lookup (s->members, seg->device);
  Cursor *cursor = g_hash_table_lookup (s->cursors, seg->device);
  GVariantIter iter;
  GVariant *v;
  const char *id;

  if ((members = lookup (seg->body, "members", "a" MEMBER_TYPE)) != NULL)
    {
      g_variant_iter_init (&iter, members);
      while ((v = g_variant_iter_next_value (&iter)) != NULL)
        {
          apply_member (s, v, 0);
          g_variant_unref (v);
        }
    }
  if ((tips = lookup (seg->body, "tips", "a" RECORD_TYPE)) != NULL)
    {
      g_variant_iter_init (&iter, tips);
      while ((v = g_variant_iter_next_value (&iter)) != NULL)
        {
          gboolean ok = merge_record (run, v, error);

          g_variant_unref (v);
          if (!ok)
            return;
        }
    }
  if ((resolved = lookup (seg->body, "resolved", "as")) != NULL)
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
  if ((audit = lookup (seg->body, "audit", "a" AUDIT_TYPE)) != NULL)
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
  if (seg->snapshot && (covers = lookup (seg->body, "covers", "a{s(tay)}")) != NULL)
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
              get_fixed (hash, c->hash, sizeof c->hash);
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
static gboolean
read_segments (Run         *run,
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
          g_hash_table_insert (s->mine, g_strdup (seg->name), u64_new (seg->seq));
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
              problem (run, _("Segment %s was refused: it does not follow on from the device’s previous segment. The other segments were read."),
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

static void
read_ack (Run        *run,
          FolderFile *f)
{
  State *s = run->s;
  guint32 gen = 0;
  const guint8 *key;
  guint8 signer[crypto_sign_PUBLICKEYBYTES];
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autofree char *device = NULL;
  guint64 n, *seen_n;
  Member *m;

  if (!tl_sync_file_generation (f->bytes, &gen) || (key = office_key (s, gen)) == NULL)
    return;
  body = tl_sync_open_signed (f->bytes, key, signer, NULL);
  if (body == NULL || (m = member_by_key (s, signer)) == NULL || g_strcmp0 (m->device, s->device) == 0)
    return;
  g_hash_table_add (s->seen, g_strdup (f->name));
  dict = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, body, FALSE));
  n = lookup_u64 (dict, "n");
  seen_n = g_hash_table_lookup (s->ack_n_seen, m->device);
  if (seen_n != NULL && *seen_n >= n)
    return;
  g_hash_table_insert (s->ack_n_seen, g_strdup (m->device), u64_new (n));
  g_hash_table_insert (s->acks, g_strdup (m->device),
                       lookup (dict, "acks", "a{st}") ?: g_variant_ref_sink (g_variant_new ("a{st}", NULL)));
  m->last_seen = MAX (m->last_seen, tl_hlc_to_ms (lookup_u64 (dict, "clock")));
}

/* A join request made with one of this device's codes: the device is let in. */
static gboolean
read_join (Run         *run,
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
      if (!get_fixed (sign, m->sign_pk, sizeof m->sign_pk) || !get_fixed (box, m->box_pk, sizeof m->box_pk))
        {
          g_free (m);
          continue;
        }
      m->device = tl_sync_device_id (m->sign_pk);
      m->name = g_strdup (name);
      if (g_hash_table_contains (s->members, m->device))
        {
          member_free (m);
          g_hash_table_add (s->seen, g_strdup (f->name));
          return TRUE;
        }
      g_hash_table_insert (s->members, g_strdup (m->device), m);
      g_ptr_array_add (s->members_out, g_variant_ref_sink (member_variant (m)));

      g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_init (&keys, G_VARIANT_TYPE ("a(uay)"));
      g_hash_table_iter_init (&it, s->office_keys);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_variant_builder_add (&keys, "(u@ay)", GPOINTER_TO_UINT (k), bytes_variant (v, TL_SYNC_KEY_BYTES));
      g_variant_builder_add (&b, "{sv}", "keys", g_variant_builder_end (&keys));
      g_variant_builder_add (&b, "{sv}", "gen", g_variant_new_uint32 (s->gen));
      g_variant_builder_init (&members, G_VARIANT_TYPE ("a" MEMBER_TYPE));
      g_hash_table_iter_init (&it, s->members);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_variant_builder_add_value (&members, member_variant (v));
      g_variant_builder_add (&b, "{sv}", "members", g_variant_builder_end (&members));
      {
        g_autoptr(GVariant) dict = g_variant_ref_sink (g_variant_builder_end (&b));

        welcome_body = g_variant_get_data_as_bytes (dict);
      }
      sealed = tl_sync_seal_to (m->box_pk, &s->keys, welcome_body);
      welcome = tl_sync_seal_join (TL_SYNC_FILE_WELCOME, code_key, sealed);
      welcome_name = tl_sync_file_name_new ();
      if (!write_file (s->folder, welcome_name, welcome, error))
        return FALSE;
      g_hash_table_add (s->seen, g_strdup (f->name));
      g_hash_table_add (s->seen, g_strdup (welcome_name));
      g_hash_table_remove (s->invite_expiry, invite_id);
      g_hash_table_iter_remove (&iter);       /* one code, one device */
      run->result->members_added++;
      tl_store_sync_batch_audit_here (run->batch, TL_AUDIT_OFFICE, "member-added");
      return TRUE;
    }
  return TRUE;
}

/* Step 3: this device's segment. */
static GBytes *
build_segment (Run      *run,
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

  g_variant_builder_init (&tips, G_VARIANT_TYPE ("a" RECORD_TYPE));
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
            meta = parsed = meta_parse (v);
          if (meta->deleted == NULL &&
              (tip = g_hash_table_lookup (run->tips, k)) == NULL &&
              !g_hash_table_contains (run->tips, k))
            {
              g_autoptr(TlTip) loaded = tl_store_load_tip (run->store, k, NULL);

              if (loaded != NULL)
                {
                  g_autoptr(GVariant) record = record_variant (k, NULL, meta, NULL, loaded);

                  g_variant_builder_add_value (&tips, record);
                }
              continue;
            }
          {
            g_autoptr(GVariant) record = record_variant (k, meta->deleted, meta->deleted ? NULL : meta,
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
  g_variant_builder_init (&members, G_VARIANT_TYPE ("a" MEMBER_TYPE));
  if (snapshot)
    {
      g_hash_table_iter_init (&iter, s->members);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_variant_builder_add_value (&members, member_variant (v));
    }
  else
    for (guint i = 0; i < s->members_out->len; i++)
      g_variant_builder_add_value (&members, g_ptr_array_index (s->members_out, i));
  g_variant_builder_init (&covers, G_VARIANT_TYPE ("a{s(tay)}"));
  g_hash_table_iter_init (&iter, s->cursors);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&covers, "{s(t@ay)}", k, ((Cursor *) v)->seq, bytes_variant (((Cursor *) v)->hash, 32));

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "device", g_variant_new_string (s->device));
  g_variant_builder_add (&b, "{sv}", "seq", g_variant_new_uint64 (s->seq + 1));
  g_variant_builder_add (&b, "{sv}", "prev", bytes_variant (s->hash, sizeof s->hash));
  g_variant_builder_add (&b, "{sv}", "snapshot", g_variant_new_boolean (snapshot));
  g_variant_builder_add (&b, "{sv}", "clock", g_variant_new_uint64 (tl_hlc_tick (&s->clock, run->now_ms)));
  g_variant_builder_add (&b, "{sv}", "tips", g_variant_builder_end (&tips));
  g_variant_builder_add (&b, "{sv}", "audit", g_variant_builder_end (&audit));
  g_variant_builder_add (&b, "{sv}", "resolved", g_variant_builder_end (&resolved));
  g_variant_builder_add (&b, "{sv}", "members", g_variant_builder_end (&members));
  g_variant_builder_add (&b, "{sv}", "covers", g_variant_builder_end (&covers));
  dict = g_variant_ref_sink (g_variant_builder_end (&b));
  body = g_variant_get_data_as_bytes (dict);

  s->audit_sent = audit_last;
  g_ptr_array_set_size (s->resolved_out, 0);
  g_ptr_array_set_size (s->members_out, 0);
  run->result->changes_sent = run->out_records->len;
  return tl_sync_seal_signed (TL_SYNC_FILE_SEGMENT, s->gen, office_key (s, s->gen), &s->keys, body);
}

static void
queue_segment (Run    *run,
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
  g_hash_table_insert (s->mine, g_strdup (s->outbox_name), u64_new (s->seq));
  self_cursor = g_hash_table_lookup (s->cursors, s->device);
  if (self_cursor == NULL)
    g_hash_table_insert (s->cursors, g_strdup (s->device), self_cursor = g_new0 (Cursor, 1));
  self_cursor->seq = s->seq;
  memcpy (self_cursor->hash, s->hash, sizeof s->hash);
  run->result->wrote_segment = TRUE;
}

/* The segment decided on in the last committed sync goes into the folder (again, if a
 * crash came between the commit and the write). */
static gboolean
flush_outbox (State   *s,
              GError **error)
{
  g_autofree char *path = NULL;

  if (s->outbox == NULL || s->outbox_name == NULL || s->outbox_name[0] == '\0')
    return TRUE;
  path = g_build_filename (s->folder, s->outbox_name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !write_file (s->folder, s->outbox_name, s->outbox, error))
    return FALSE;
  return TRUE;
}

/* At the start of a sync: the last segment is in the folder, so the state (written again
 * at the end of this sync) need not carry its copy any more. */
static gboolean
settle_outbox (State   *s,
               GError **error)
{
  if (!flush_outbox (s, error))
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
static void
prune (State *s)
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
        remove_file (s->folder, name);
        g_hash_table_iter_remove (&iter);
      }
}

/* public API */

gboolean
tl_office_is_set_up (TlStore *store)
{
  g_autoptr(GBytes) bytes = tl_store_sync_get (store, STATE_KEY, NULL);

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
  State *s = state_new ();
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
  g_ptr_array_add (s->members_out, g_variant_ref_sink (member_variant (m)));

  batch = tl_store_sync_batch_new ();
  batch_state (batch, s);
  tl_store_sync_batch_audit_here (batch, TL_AUDIT_OFFICE, "created");
  return tl_store_sync_batch_commit (store, batch, error);
}

char *
tl_office_invite (TlStore  *store,
                  GError  **error)
{
  g_autoptr(State) s = state_load (store, error);
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
  batch_state (batch, s);
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
                                               bytes_variant (s->keys.sign_pk, sizeof s->keys.sign_pk),
                                               bytes_variant (s->keys.box_pk, sizeof s->keys.box_pk)));
  body = g_variant_get_data_as_bytes (request);
  file = tl_sync_seal_join (TL_SYNC_FILE_JOIN, s->join_key, body);
  name = tl_sync_file_name_new ();
  s->welcome_name = g_strdup (name);      /* the request: deleted once let in */

  batch = tl_store_sync_batch_new ();
  batch_state (batch, s);
  if (!tl_store_sync_batch_commit (store, batch, error))
    return FALSE;
  return write_file (s->folder, name, file, error);
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
  g_autoptr(State) s = state_load (store, error);
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
  g_ptr_array_add (s->members_out, g_variant_ref_sink (member_variant (m)));

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
      g_variant_builder_add_value (&boxes, bytes_variant (g_bytes_get_data (sealed, NULL),
                                                          g_bytes_get_size (sealed)));
    }
  sodium_memzero (payload, sizeof payload);
  boxes_v = g_variant_ref_sink (g_variant_builder_end (&boxes));
  body = g_variant_get_data_as_bytes (boxes_v);
  file = tl_sync_seal_signed (TL_SYNC_FILE_KEYS, old_gen, office_key (s, old_gen), &s->keys, body);
  name = tl_sync_file_name_new ();
  g_hash_table_add (s->seen, g_strdup (name));
  if (!write_file (s->folder, name, file, error))
    return FALSE;

  batch = tl_store_sync_batch_new ();
  batch_state (batch, s);
  tl_store_sync_batch_audit_here (batch, TL_AUDIT_OFFICE, "member-removed");
  return tl_store_sync_batch_commit (store, batch, error);
}

GPtrArray *
tl_office_list_members (TlStore  *store,
                        GError  **error)
{
  g_autoptr(State) s = state_load (store, error);
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
  g_autoptr(State) s = state_load (store, error);

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
  g_autoptr(State) s = state_load (store, error);
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

  if (s == NULL || !check_folder (s->folder, error) || !settle_outbox (s, error))
    return NULL;
  present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  files = read_folder (s->folder, s->seen, s->mine, present, error);
  if (files == NULL)
    return NULL;

  result = g_new0 (TlOfficeSyncResult, 1);
  result->problems = g_ptr_array_new_with_free_func (g_free);
  run_init (&run, store, s);
  run.result = result;

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
          read_welcome (&run, f);
      }

  if (s->member)
    {
      if (result->became_member)
        {
          remove_file (s->folder, s->welcome_name);
          g_clear_pointer (&s->welcome_name, g_free);
        }
      /* Keys first (a removal may have changed the key), then this device's own saves,
       * then the others' segments, acknowledgements and join requests. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < files->len; i++)
          {
            FolderFile *f = g_ptr_array_index (files, i);

            if (tl_sync_file_kind (f->bytes) == TL_SYNC_FILE_KEYS && !g_hash_table_contains (s->seen, f->name))
              read_keys (&run, f);
          }
      if (!stamp_local_changes (&run, &local) || !read_segments (&run, files, &local))
        goto failed;
      for (guint i = 0; i < files->len; i++)
        {
          FolderFile *f = g_ptr_array_index (files, i);
          int kind = tl_sync_file_kind (f->bytes);

          if (g_hash_table_contains (s->seen, f->name))
            continue;
          if (kind == TL_SYNC_FILE_ACK)
            read_ack (&run, f);
          else if (kind == TL_SYNC_FILE_JOIN && g_hash_table_size (s->invites) > 0 &&
                   !read_join (&run, f, &local))
            goto failed;
          else if (kind == 0)
            problem (&run, _("File %s in the office folder is not an office file; it was left alone."), f->name);
        }

      /* Tips changed here by the others, and every meta that changed. */
      g_hash_table_iter_init (&hi, run.meta_dirty);
      while (g_hash_table_iter_next (&hi, &hk, NULL))
        {
          Meta *meta = g_hash_table_lookup (run.metas, hk);
          g_autoptr(GBytes) bytes = meta_serialize (meta);
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

      if (run.out_records->len > 0 || s->resolved_out->len > 0 || s->members_out->len > 0 ||
          s->seq == 0 || snapshot || s->since_snapshot >= SNAPSHOT_EVERY)
        {
          g_autoptr(GBytes) segment = NULL;

          snapshot = snapshot || s->since_snapshot >= SNAPSHOT_EVERY;
          segment = build_segment (&run, snapshot, &local);
          if (segment == NULL)
            goto failed;
          queue_segment (&run, segment);
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
  if (write_ack)
    {
      GVariantBuilder acks, b;
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
      g_variant_builder_add (&b, "{sv}", "clock", g_variant_new_uint64 (tl_hlc_tick (&s->clock, run.now_ms)));
      g_variant_builder_add (&b, "{sv}", "acks", g_variant_builder_end (&acks));
      dict = g_variant_ref_sink (g_variant_builder_end (&b));
      body = g_variant_get_data_as_bytes (dict);
      file = tl_sync_seal_signed (TL_SYNC_FILE_ACK, s->gen, office_key (s, s->gen), &s->keys, body);
      if (!write_file (s->folder, name, file, &local))
        goto failed;
      old_ack = g_steal_pointer (&s->ack_file);
      s->ack_file = g_steal_pointer (&name);
      g_hash_table_add (s->seen, g_strdup (s->ack_file));
    }

  /* Names of files that are gone are forgotten (the folder's own list is the truth). */
  g_hash_table_iter_init (&hi, s->seen);
  while (g_hash_table_iter_next (&hi, &hk, NULL))
    if (!g_hash_table_contains (present, hk) && g_strcmp0 (hk, s->ack_file) != 0)
      g_hash_table_iter_remove (&hi);

  batch_state (run.batch, s);
  if (!tl_store_sync_batch_commit (store, run.batch, &local))
    goto failed;
  remove_file (s->folder, old_ack);
  if (!flush_outbox (s, &local))
    goto failed;
  if (s->member)
    prune (s);
  run_clear (&run);
  return g_steal_pointer (&result);

failed:
  run_clear (&run);
  g_propagate_error (error, local);
  return NULL;
}

GPtrArray *
tl_office_list_conflicts (TlStore  *store,
                          GError  **error)
{
  g_autoptr(State) s = state_load (store, error);
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
  g_autoptr(State) s = state_load (store, error);
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
  batch_state (batch, s);
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
