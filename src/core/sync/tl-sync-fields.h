/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

/* The fields a tip merges by (docs/sync.md, "Merge"): each has its own clock, and two
 * devices changing different fields of one tip both keep their change. A list (victims,
 * referrals, …) is one field. The id, created and modified times are not fields: the id
 * and creation never change, modified is the latest of the merged fields. */

typedef struct _TlSyncField TlSyncField;

guint              tl_sync_field_count      (void);
const TlSyncField *tl_sync_field_get        (guint              index);
const TlSyncField *tl_sync_field_lookup     (const char        *name);
const char        *tl_sync_field_name       (const TlSyncField *field);
/* Sets the field of dst to the value of src. */
void               tl_sync_field_copy       (const TlSyncField *field,
                                             TlTip             *dst,
                                             const TlTip       *src);
/* A fingerprint of the field's value (hex), to see whether a save changed it. */
char              *tl_sync_field_hash       (const TlSyncField *field,
                                             const TlTip       *tip);
/* The value as a person reads it in a conflict (untranslated nicks for choices, a
 * count for lists); "" when empty. Tip content: wipe it after use. */
char              *tl_sync_field_describe   (const TlSyncField *field,
                                             const TlTip       *tip);

G_END_DECLS
