/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When a contact answers: around the clock, on a weekly schedule, or unknown. Unknown is
 * the honest default: a protocol never guesses opening hours. */
typedef enum
{
  TL_AVAILABILITY_UNKNOWN,
  TL_AVAILABILITY_ALWAYS,
  TL_AVAILABILITY_SCHEDULE,
} TlAvailabilityKind;

typedef enum
{
  TL_OPEN_STATE_UNKNOWN,
  TL_OPEN_STATE_OPEN,
  TL_OPEN_STATE_CLOSED,
} TlOpenState;

/* One weekly period. days: bit 0 = Monday ... bit 6 = Sunday. Minutes from midnight;
 * to <= from means the period runs past midnight into the next day. */
typedef struct
{
  guint8 days;
  guint16 from;
  guint16 to;
  int line;
} TlOpenPeriod;

typedef struct
{
  TlAvailabilityKind kind;
  GArray *periods;   /* TlOpenPeriod, SCHEDULE only */
} TlAvailability;

TlAvailability *tl_availability_new       (TlAvailabilityKind     kind);
void            tl_availability_free      (TlAvailability        *availability);
void            tl_availability_add       (TlAvailability        *availability,
                                           const TlOpenPeriod    *period);
TlOpenState     tl_availability_state_at  (const TlAvailability  *availability,
                                           GDateTime             *at,
                                           GDateTime            **next_open);
gboolean        tl_availability_parse_days (const char           *text,
                                            guint8               *days);
gboolean        tl_availability_parse_clock (const char          *text,
                                             guint16             *minutes);

const char     *tl_open_state_to_nick     (TlOpenState            state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlAvailability, tl_availability_free)

G_END_DECLS
