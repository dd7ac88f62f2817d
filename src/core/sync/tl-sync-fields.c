/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stddef.h>
#include <sodium.h>

#include "tl-sync-fields.h"
#include "tl-tip-xml.h"

/* The table of a tip's merge fields (docs/sync.md). tests/unit/sync/test-sync.c copies
 * every field of a full tip into an empty one and checks they are equal, so a field
 * added to TlTip without a row here fails there. */

typedef enum
{
  KIND_STRING,
  KIND_INT,            /* an enum or a gboolean */
  KIND_DATE_TIME,
  KIND_SOURCES,
  KIND_LIST,
} Kind;

struct _TlSyncField
{
  const char *name;
  Kind kind;
  gsize offset;
  const TlEnumValue *values;    /* KIND_INT enums */
  gpointer (*copy_item) (gconstpointer item);
  GDestroyNotify free_item;
};

#define STR(n, f) { n, KIND_STRING, offsetof (TlTip, f), NULL, NULL, NULL }
#define INT(n, f, v) { n, KIND_INT, offsetof (TlTip, f), v, NULL, NULL }
#define LIST(n, f, c, d) { n, KIND_LIST, offsetof (TlTip, f), NULL, (gpointer (*)(gconstpointer)) c, (GDestroyNotify) d }

static const TlSyncField fields[] = {
  INT ("status", status, tl_tip_status_values),
  STR ("close-reason", close_reason),
  { "received", KIND_DATE_TIME, offsetof (TlTip, received), NULL, NULL, NULL },
  INT ("channel", channel, tl_channel_values),
  INT ("reporter-role", reporter_role, tl_reporter_role_values),
  INT ("reporter-anonymous", reporter_anonymous, NULL),
  STR ("reporter-name", reporter_name),
  STR ("reporter-phone", reporter_phone),
  STR ("reporter-email", reporter_email),
  STR ("advocate", advocate),
  INT ("danger", danger, tl_danger_values),
  INT ("type", type, tl_trafficking_type_values),
  INT ("venue", venue, tl_venue_values),
  STR ("venue-detail", venue_detail),
  STR ("operation", operation),
  INT ("release-policy", release_policy, tl_release_policy_values),
  { "sources", KIND_SOURCES, offsetof (TlTip, sources), NULL, NULL, NULL },
  STR ("location-address", location.address),
  STR ("location-city", location.city),
  STR ("location-county", location.county),
  STR ("location-state", location.state),
  STR ("location-description", location.description),
  LIST ("victims", victims, tl_victim_copy, tl_victim_free),
  LIST ("offenders", offenders, tl_offender_copy, tl_offender_free),
  LIST ("vehicles", vehicles, tl_vehicle_copy, tl_vehicle_free),
  LIST ("phones", phones, tl_phone_copy, tl_phone_free),
  LIST ("online", online, tl_online_copy, tl_online_free),
  LIST ("financial", financial, tl_financial_copy, tl_financial_free),
  LIST ("referrals", referrals, tl_referral_copy, tl_referral_free),
  STR ("narrative", narrative),
};

#define AT(tip, field, type) ((type *) (((guint8 *) (tip)) + (field)->offset))

guint
tl_sync_field_count (void)
{
  return G_N_ELEMENTS (fields);
}

const TlSyncField *
tl_sync_field_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (fields), NULL);
  return &fields[index];
}

const TlSyncField *
tl_sync_field_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

const char *
tl_sync_field_name (const TlSyncField *field)
{
  return field->name;
}

void
tl_sync_field_copy (const TlSyncField *field,
                    TlTip             *dst,
                    const TlTip       *src)
{
  switch (field->kind)
    {
    case KIND_STRING:
      {
        char **to = AT (dst, field, char *);

        g_free (*to);
        *to = g_strdup (*AT (src, field, char *));
      }
      break;
    case KIND_INT:
      *AT (dst, field, int) = *AT (src, field, int);
      break;
    case KIND_DATE_TIME:
      {
        GDateTime **to = AT (dst, field, GDateTime *);
        GDateTime *from = *AT (src, field, GDateTime *);

        g_clear_pointer (to, g_date_time_unref);
        *to = from != NULL ? g_date_time_ref (from) : NULL;
      }
      break;
    case KIND_SOURCES:
      memcpy (AT (dst, field, TlInfoSource), AT (src, field, TlInfoSource),
              sizeof (TlInfoSource) * TL_N_PARTS);
      break;
    case KIND_LIST:
      {
        GPtrArray *to = *AT (dst, field, GPtrArray *);
        GPtrArray *from = *AT (src, field, GPtrArray *);

        g_ptr_array_set_size (to, 0);
        for (guint i = 0; from != NULL && i < from->len; i++)
          g_ptr_array_add (to, field->copy_item (g_ptr_array_index (from, i)));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A list's value: the tip file of a tip holding only that list. */
static char *
list_xml (const TlSyncField *field,
          const TlTip       *tip,
          gsize             *length)
{
  g_autoptr(TlTip) only = tl_tip_new_with_id ("00000000-0000-4000-8000-000000000000");

  only->created = only->modified = 0;
  g_clear_pointer (&only->received, g_date_time_unref);
  tl_sync_field_copy (field, only, tip);
  return tl_tip_xml_write_one (only, length);
}

char *
tl_sync_field_hash (const TlSyncField *field,
                    const TlTip       *tip)
{
  crypto_generichash_state state;
  guint8 digest[16];
  guint8 kind = field->kind;

  crypto_generichash_init (&state, NULL, 0, sizeof digest);
  crypto_generichash_update (&state, &kind, 1);
  switch (field->kind)
    {
    case KIND_STRING:
      {
        const char *value = *AT (tip, field, char *);

        if (value != NULL)
          crypto_generichash_update (&state, (const guint8 *) value, strlen (value) + 1);
      }
      break;
    case KIND_INT:
      crypto_generichash_update (&state, (const guint8 *) AT (tip, field, int), sizeof (int));
      break;
    case KIND_DATE_TIME:
      {
        GDateTime *value = *AT (tip, field, GDateTime *);
        g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

        if (text != NULL)
          crypto_generichash_update (&state, (const guint8 *) text, strlen (text) + 1);
      }
      break;
    case KIND_SOURCES:
      crypto_generichash_update (&state, (const guint8 *) AT (tip, field, TlInfoSource),
                                 sizeof (TlInfoSource) * TL_N_PARTS);
      break;
    case KIND_LIST:
      {
        gsize length = 0;
        char *xml = list_xml (field, tip, &length);

        crypto_generichash_update (&state, (const guint8 *) xml, length);
        sodium_memzero (xml, length);
        g_free (xml);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  crypto_generichash_final (&state, digest, sizeof digest);
  return g_strdup_printf ("%s", sodium_bin2hex ((char[33]) { 0 }, 33, digest, sizeof digest));
}

char *
tl_sync_field_describe (const TlSyncField *field,
                        const TlTip       *tip)
{
  switch (field->kind)
    {
    case KIND_STRING:
      return g_strdup (*AT (tip, field, char *) != NULL ? *AT (tip, field, char *) : "");
    case KIND_INT:
      {
        int value = *AT (tip, field, int);

        if (field->values != NULL && tl_enum_to_nick (field->values, value) != NULL)
          return g_strdup (tl_enum_to_nick (field->values, value));
        return g_strdup (value ? "yes" : "no");
      }
    case KIND_DATE_TIME:
      {
        GDateTime *value = *AT (tip, field, GDateTime *);

        return value != NULL ? g_date_time_format_iso8601 (value) : g_strdup ("");
      }
    case KIND_SOURCES:
      {
        GString *text = g_string_new (NULL);

        for (int i = 0; i < TL_N_PARTS; i++)
          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                  tl_enum_to_nick (tl_source_values, AT (tip, field, TlInfoSource)[i]) ?: "?");
        return g_string_free (text, FALSE);
      }
    case KIND_LIST:
      {
        GPtrArray *list = *AT (tip, field, GPtrArray *);

        return g_strdup_printf ("%u", list != NULL ? list->len : 0);
      }
    default:
      g_assert_not_reached ();
    }
}
