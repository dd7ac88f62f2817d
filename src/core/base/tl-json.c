/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-json"

#include "tl-json.h"

struct _TlJson
{
  GString *out;
  /* TRUE right after '{', '[' or a key: the next value needs no comma */
  gboolean fresh;
};

static void
separate (TlJson *json)
{
  if (!json->fresh)
    g_string_append_c (json->out, ',');
  json->fresh = FALSE;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

TlJson *
tl_json_new (void)
{
  TlJson *json = g_new0 (TlJson, 1);

  json->out = g_string_new (NULL);
  json->fresh = TRUE;
  return json;
}

void
tl_json_free (TlJson *json)
{
  if (json == NULL)
    return;
  g_string_free (json->out, TRUE);
  g_free (json);
}

char *
tl_json_steal (TlJson *json)
{
  char *text = g_string_free (json->out, FALSE);

  json->out = NULL;
  g_free (json);
  return text;
}

void
tl_json_begin_object (TlJson *json)
{
  separate (json);
  g_string_append_c (json->out, '{');
  json->fresh = TRUE;
}

void
tl_json_end_object (TlJson *json)
{
  g_string_append_c (json->out, '}');
  json->fresh = FALSE;
}

void
tl_json_begin_array (TlJson *json)
{
  separate (json);
  g_string_append_c (json->out, '[');
  json->fresh = TRUE;
}

void
tl_json_end_array (TlJson *json)
{
  g_string_append_c (json->out, ']');
  json->fresh = FALSE;
}

void
tl_json_key (TlJson     *json,
             const char *key)
{
  separate (json);
  append_escaped (json->out, key);
  g_string_append_c (json->out, ':');
  json->fresh = TRUE;
}

void
tl_json_string (TlJson     *json,
                const char *value)
{
  if (value == NULL)
    {
      tl_json_null (json);
      return;
    }
  separate (json);
  append_escaped (json->out, value);
}

void
tl_json_int (TlJson *json,
             gint64  value)
{
  separate (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
tl_json_bool (TlJson   *json,
              gboolean  value)
{
  separate (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
tl_json_null (TlJson *json)
{
  separate (json);
  g_string_append (json->out, "null");
}

void
tl_json_member_string (TlJson     *json,
                       const char *key,
                       const char *value)
{
  tl_json_key (json, key);
  tl_json_string (json, value);
}

void
tl_json_member_int (TlJson     *json,
                    const char *key,
                    gint64      value)
{
  tl_json_key (json, key);
  tl_json_int (json, value);
}

void
tl_json_member_bool (TlJson     *json,
                     const char *key,
                     gboolean    value)
{
  tl_json_key (json, key);
  tl_json_bool (json, value);
}
