/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small streaming JSON writer for the CLI's --json output: commas and escaping are
 * handled here so callers only say what goes in. */
typedef struct _TlJson TlJson;

TlJson  *tl_json_new          (void);
void     tl_json_free         (TlJson     *json);
char    *tl_json_steal        (TlJson     *json);

void     tl_json_begin_object (TlJson     *json);
void     tl_json_end_object   (TlJson     *json);
void     tl_json_begin_array  (TlJson     *json);
void     tl_json_end_array    (TlJson     *json);
void     tl_json_key          (TlJson     *json,
                               const char *key);

void     tl_json_string       (TlJson     *json,
                               const char *value);
void     tl_json_int          (TlJson     *json,
                               gint64      value);
void     tl_json_bool         (TlJson     *json,
                               gboolean    value);
void     tl_json_null         (TlJson     *json);

/* key + value in one call; a NULL string writes null */
void     tl_json_member_string (TlJson     *json,
                                const char *key,
                                const char *value);
void     tl_json_member_int    (TlJson     *json,
                                const char *key,
                                gint64      value);
void     tl_json_member_bool   (TlJson     *json,
                                const char *key,
                                gboolean    value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlJson, tl_json_free)

G_END_DECLS
