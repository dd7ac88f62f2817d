/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tl-enums.h"

G_BEGIN_DECLS

/* How long the office keeps a tip after its last change, by status (docs/retention.md).
 * 0 keeps that status for ever. Drafts count in days (a tip someone started and never
 * finished), the rest in years. With enabled FALSE nothing ever expires. */
typedef struct
{
  gboolean enabled;
  guint draft_days;
  guint open_years;
  guint referred_years;
  guint closed_years;
  guint warning_days;         /* how long before expiry the Due view warns */
} TlRetentionSchedule;

/* The conservative default written in docs/retention.md and the GSettings schema. */
#define TL_RETENTION_DEFAULT_DRAFT_DAYS    180
#define TL_RETENTION_DEFAULT_OPEN_YEARS    0
#define TL_RETENTION_DEFAULT_REFERRED_YEARS 0
#define TL_RETENTION_DEFAULT_CLOSED_YEARS  7
#define TL_RETENTION_DEFAULT_WARNING_DAYS  30

/* The longest a tip's retention can be extended at once, and the longest a reason. */
#define TL_RETENTION_MAX_EXTEND_YEARS 10
#define TL_RETENTION_MAX_REASON       1000

void        tl_retention_schedule_init_default (TlRetentionSchedule       *schedule);
void        tl_retention_schedule_load         (TlRetentionSchedule       *schedule,
                                                GSettings                 *settings);
gboolean    tl_retention_keeps_forever         (const TlRetentionSchedule *schedule,
                                                TlTipStatus                status);
gint64      tl_retention_cutoff                (const TlRetentionSchedule *schedule,
                                                TlTipStatus                status,
                                                gint64                     at);
gint64      tl_retention_expires               (const TlRetentionSchedule *schedule,
                                                TlTipStatus                status,
                                                gint64                     modified,
                                                gint64                     held_until);
char       *tl_retention_describe              (const TlRetentionSchedule *schedule,
                                                TlTipStatus                status);

G_END_DECLS
