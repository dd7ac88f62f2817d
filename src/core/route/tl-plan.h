/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-json.h"
#include "tl-protocol.h"

G_BEGIN_DECLS

/* A routing plan: what to do for one tip under one protocol at one moment. Plain
 * structures with public fields; texts are already in the plan's language. */

typedef struct
{
  const TlContact *contact;   /* owned by plan->protocol */
  TlOpenState state;
  GDateTime *next_open;       /* when CLOSED and a next opening is known, else NULL */
} TlPlanContact;

/* One thing to tell the contact, and whether the tip already has it. */
typedef struct
{
  TlProvideItem item;
  char *label;
  char *field;                /* tip field path, e.g. "location/city", "victims/0/age" */
  char *field_label;          /* the same for people, in the plan's language: "Victim 1: age" */
  gboolean present;
} TlPlanItem;

/* Where a step, or one of its warnings and notes, comes from (on demand: "Why / Source"). */
typedef struct
{
  char *about;                /* NULL: the step itself; else the warning or note it is for */
  char *source;               /* "Document: “sentence”" or "General knowledge: reason" */
} TlPlanSource;

typedef struct
{
  guint order;                /* 1, 2, 3 ... in the order to act */
  TlAction action;
  TlService service;
  gboolean choose_one;        /* call one of the contacts */
  gboolean shares_victim_info;
  char *rule_id;
  char *situation;            /* the protocol's words for the situation */
  char *text;                 /* what to do */
  GPtrArray *reasons;         /* char *: sentences naming the facts that triggered it */
  GArray *victims;            /* guint, 0-based victim indexes the step is for; empty = the tip */
  GPtrArray *contacts;        /* TlPlanContact */
  GPtrArray *warnings;        /* char * */
  GPtrArray *notes;           /* char * */
  GPtrArray *provide;         /* TlPlanItem */
  GPtrArray *sources;         /* TlPlanSource: the situation's and the step's, then warnings' and notes' */

  /*< private >*/
  guint band;                 /* 0 immediate danger, 1 child protective intake, 2 the rest */
  guint priority;
  guint index;
  GArray *items;              /* TlProvideItem requested */
} TlPlanStep;

/* A fact the tip does not record that would change the plan. */
typedef struct
{
  char *field;
  char *field_label;          /* in the plan's language */
  char *message;
} TlPlanQuestion;

typedef struct
{
  TlProtocol *protocol;
  GDateTime *at;              /* in the protocol's time zone */
  char *timezone;             /* the zone ages and hours were judged in, e.g. "America/Denver" */
  char *lang;
  gboolean danger;
  gboolean national;          /* routed with the national protocol: no state protocol */
  char *notice;               /* said first, e.g. that no state protocol is loaded */
  GPtrArray *steps;           /* TlPlanStep */
  GPtrArray *notes;           /* char *: the protocol's general notes */
  GPtrArray *questions;       /* TlPlanQuestion */

  struct
  {
    gboolean release_required;   /* policy required, or unknown (which counts as required) */
    gboolean policy_unknown;
    gboolean release_signed;     /* every victim signed (FALSE when no victim) */
    GArray *unsigned_victims;    /* guint indexes */
    char *summary;
  } consent;
} TlPlan;

void   tl_plan_free    (TlPlan       *plan);

/* A tip field path ("location/city", "victims/0/age") as people read it, in the language
 * gettext currently uses: "Location: city", "Victim 1: age or date of birth". */
char  *tl_plan_field_label (const char *field);

/* tl-plan-format.c */
char  *tl_plan_to_text (const TlPlan *plan);
/* The same, with each step's source sentence (tipline-cli route --explain). */
char  *tl_plan_to_text_explained (const TlPlan *plan);
char  *tl_plan_to_json (const TlPlan *plan);
void   tl_plan_write_json (const TlPlan *plan,
                           TlJson       *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlPlan, tl_plan_free)

G_END_DECLS
