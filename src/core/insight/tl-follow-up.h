/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-enums.h"

G_BEGIN_DECLS

/* Where a follow-up stands. Open and snoozed ones are due at `due`; done and dropped
 * ones are kept, with who closed them and why, as the record of the hotline's work. */
typedef enum
{
  TL_FOLLOW_UP_OPEN,
  TL_FOLLOW_UP_DONE,
  TL_FOLLOW_UP_SNOOZED,
  TL_FOLLOW_UP_DROPPED,
} TlFollowUpState;
extern const TlEnumValue tl_follow_up_state_values[];

/* Something to do about a tip by a time: call the reporter back, send the written
 * follow-up report, check on a referral. */
typedef struct
{
  gint64 id;                  /* the store's number for it, from 1 */
  char *tip_id;
  char *what;
  gint64 due;                 /* unix seconds, UTC */
  gint64 created;             /* unix seconds, UTC */
  char *advocate;             /* who took it on */
  TlFollowUpState state;
  char *reason;               /* why it was snoozed or dropped, or how it was done */
  gint64 state_at;            /* when the state last changed, unix seconds */
  char *tip_summary;          /* the tip's list summary (type, place, how many victims) */
} TlFollowUp;

/* The Due view lists at most this many follow-ups, soonest first, and as many tips
 * about to expire; the header's count and the view's title count them all. A list of
 * more could not be read through during a shift anyway. */
#define TL_DUE_VIEW_LIMIT 200

/* Follow-ups are short notes, not case files. */
#define TL_FOLLOW_UP_MAX_WHAT   1000
#define TL_FOLLOW_UP_MAX_REASON 1000

gboolean    tl_follow_up_is_active   (const TlFollowUp *follow_up);
gboolean    tl_follow_up_is_overdue  (const TlFollowUp *follow_up,
                                      gint64            now);
gint64      tl_follow_up_end_of_day  (GDateTime        *now);
gboolean    tl_follow_up_check_text  (const char       *text,
                                      gsize             max,
                                      const char       *missing,
                                      GError          **error);
void        tl_follow_up_free        (TlFollowUp       *follow_up);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlFollowUp, tl_follow_up_free)

G_END_DECLS
