/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

/* What a safety plan says about calling a number now. */
typedef enum
{
  TL_CALL_NOT_ASKED,          /* nothing recorded (or a window without hours): ask first */
  TL_CALL_SAFE,               /* safe to call back, or inside the window */
  TL_CALL_NOT_SAFE,           /* the person said never to call back */
  TL_CALL_OUTSIDE_WINDOW,     /* only in the window, and now is outside it */
} TlCallCheck;

/* Minutes in a day: a window's from and to are below it. */
#define TL_SAFETY_MINUTES_PER_DAY 1440

gboolean     tl_safety_plan_is_empty        (const TlSafetyPlan *plan);
void         tl_safety_plan_clear           (TlSafetyPlan       *plan);
void         tl_safety_plan_copy_into       (TlSafetyPlan       *dest,
                                             const TlSafetyPlan *src);
gboolean     tl_safety_plan_equal           (const TlSafetyPlan *a,
                                             const TlSafetyPlan *b);

/* The plan's own zone, else office_zone, else UTC. Free with g_time_zone_unref. */
GTimeZone   *tl_safety_plan_get_zone        (const TlSafetyPlan *plan,
                                             GTimeZone          *office_zone);
gboolean     tl_safety_plan_in_window       (const TlSafetyPlan *plan,
                                             GDateTime          *now,
                                             GTimeZone          *office_zone);
TlCallCheck  tl_safety_plan_check           (const TlSafetyPlan *plan,
                                             GDateTime          *now,
                                             GTimeZone          *office_zone);
/* The next moment at or after now when calling is safe by the plan, or NULL when it
 * never is (do not call, or not asked). */
GDateTime   *tl_safety_plan_next_safe       (const TlSafetyPlan *plan,
                                             GDateTime          *now,
                                             GTimeZone          *office_zone);
gboolean     tl_safety_plan_allows_message  (const TlSafetyPlan *plan);

/* "Mon–Fri 09:00–17:00 (America/Denver)", translated; NULL without a window. */
char        *tl_safety_plan_dup_window_text (const TlSafetyPlan *plan,
                                             GTimeZone          *office_zone);
/* What to tell the advocate before dialling now, one or two sentences; NULL when the
 * plan raises nothing (safe now and a message may be left, or nothing recorded). */
char        *tl_safety_plan_dup_warning     (const TlSafetyPlan *plan,
                                             GDateTime          *now,
                                             GTimeZone          *office_zone);

G_END_DECLS
