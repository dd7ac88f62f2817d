/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

/* What kind of information a field is, so a report profile can decide what to withhold. */
typedef enum
{
  TL_FIELD_PLAIN = 0,
  TL_FIELD_VICTIM_IDENTITY = 1 << 0,    /* name, birth date, contact details, address, language */
  TL_FIELD_REPORTER_IDENTITY = 1 << 1,  /* who called in */
  TL_FIELD_OFFENDER_INTEL = 1 << 2,     /* offenders, vehicles, phones, online, financial */
  TL_FIELD_VICTIM_NEEDS = 1 << 3,       /* what services a victim needs */
  TL_FIELD_INTERNAL = 1 << 4,           /* the office's own record: advocate, referral log */
  TL_FIELD_VICTIM_PROVIDED = 1 << 5,    /* an override class only: what a victim provided
                                         * without the release the policy asks for */
} TlFieldFlags;

typedef struct
{
  const char *key;     /* stable name, as in the tip XML: "name", "birth-date" */
  const char *label;   /* translated, for people */
  char *value;         /* for machines: the text as typed, or an enum nick */
  char *display;       /* for people: the text as typed, or a translated label */
  TlFieldFlags flags;
} TlField;

typedef struct
{
  const char *key;     /* "intake", "situation", "victim", ... */
  char *title;         /* translated: "Situation", "Victim 2" */
  int index;           /* position in a repeated part, -1 for a single section */
  GPtrArray *fields;   /* TlField, only the ones that hold something */
} TlSection;

/* The tip as sections of labelled fields, in form order: the one description the
 * CLI's show, the JSON output and the reports are all written from. */
GPtrArray *tl_tip_describe     (const TlTip *tip);

void       tl_section_free     (TlSection   *section);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlSection, tl_section_free)

/* One field that differs between two versions of a tip (a save conflict). */
typedef struct
{
  char *section;       /* translated: "Situation", "Victim 2" */
  const char *label;   /* translated */
  char *theirs;        /* as displayed; NULL when that version does not hold it */
  char *mine;
} TlFieldChange;

/* The fields that differ, in form order (TlFieldChange). */
GPtrArray *tl_tip_describe_changes (const TlTip   *theirs,
                                    const TlTip   *mine);
void       tl_field_change_free    (TlFieldChange *change);

G_END_DECLS
