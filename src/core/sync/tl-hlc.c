/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tl-hlc.h"

/* The hybrid logical clock of the office sync (docs/sync.md, "Clocks"). */

#define COUNTER_BITS 16
#define COUNTER_MASK ((G_GUINT64_CONSTANT (1) << COUNTER_BITS) - 1)

guint64
tl_hlc_tick (TlHlc  *clock,
             gint64  now_ms)
{
  guint64 wall = ((guint64) MAX (now_ms, 0)) << COUNTER_BITS;

  /* Same millisecond (or a clock set back): count on from the last stamp. */
  if (wall > clock->last)
    clock->last = wall;
  else
    clock->last++;
  return clock->last;
}

void
tl_hlc_observe (TlHlc   *clock,
                guint64  seen,
                gint64   now_ms)
{
  guint64 wall = ((guint64) MAX (now_ms, 0)) << COUNTER_BITS;

  clock->last = MAX (clock->last, MAX (seen, wall));
}

char *
tl_hlc_stamp (guint64     value,
              const char *device)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x.%s", value, device);
}

gboolean
tl_hlc_parse_stamp (const char  *stamp,
                    guint64     *value,
                    const char **device)
{
  char digits[TL_HLC_STAMP_LEN + 1];

  if (stamp == NULL || strlen (stamp) < TL_HLC_STAMP_LEN + 2 || stamp[TL_HLC_STAMP_LEN] != '.')
    return FALSE;
  for (int i = 0; i < TL_HLC_STAMP_LEN; i++)
    if (!g_ascii_isxdigit (stamp[i]) || g_ascii_isupper (stamp[i]))
      return FALSE;
  memcpy (digits, stamp, TL_HLC_STAMP_LEN);
  digits[TL_HLC_STAMP_LEN] = '\0';
  if (value != NULL)
    *value = g_ascii_strtoull (digits, NULL, 16);
  if (device != NULL)
    *device = stamp + TL_HLC_STAMP_LEN + 1;
  return TRUE;
}

gint64
tl_hlc_to_ms (guint64 value)
{
  return (gint64) (value >> COUNTER_BITS);
}
