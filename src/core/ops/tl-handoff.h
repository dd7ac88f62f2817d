/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The shift hand-off summary (issue 19): open tips, calls made and follow-ups due since
 * a time, for the next shift, under the coordinator profile. Each tip it lists is read
 * through the disclosure engine (tl_report_new with TL_REPORT_PROFILE_COORDINATOR): its
 * line is the redacted tip's summary, so nothing the coordinator may not see is in it.
 * What a follow-up says is the office's free-text record and is withheld. Every count
 * is suppressed from 1 to threshold - 1 like the statistics, with the same note. */

#include "tl-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *tip_id;
  TlTipStatus status;
  char *summary;              /* of the redacted tip */
  guint due;                  /* its follow-ups due by the end of the day */
  guint overdue;
} TlHandoffTip;

typedef struct
{
  gint64 since;               /* unix seconds */
  gint64 until;
  guint threshold;
  TlShiftCounts counts;
  GPtrArray *tips;            /* TlHandoffTip: open and referred tips, newest change first */
  GPtrArray *due;             /* TlFollowUp due by the end of the day, what cleared */
} TlHandoff;

TlHandoff  *tl_handoff_new        (TlStore    *store,
                                   gint64      since,
                                   GDateTime  *now,
                                   guint       threshold,
                                   GError    **error);
void        tl_handoff_free       (TlHandoff  *self);

char       *tl_handoff_format_count (const TlHandoff *self,
                                     gint64           count);
char       *tl_handoff_to_text    (const TlHandoff *self);
char       *tl_handoff_to_json    (const TlHandoff *self);

/* Records the hand-off in the audit log (an export of each tip it lists): call before
 * it leaves Tipline (printed, saved, printed by tipline-cli). */
gboolean    tl_handoff_record     (const TlHandoff *self,
                                   TlStore         *store,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlHandoff, tl_handoff_free)

G_END_DECLS
