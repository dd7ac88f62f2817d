/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-enums.h"

G_BEGIN_DECLS

/* A victim's age as the state profiles count it: adult, minor, or not known. */
typedef enum
{
  TL_AGE_GROUP_UNKNOWN,
  TL_AGE_GROUP_ADULT,
  TL_AGE_GROUP_MINOR,
} TlAgeGroup;
extern const TlEnumValue tl_age_group_values[];

/* The tables a statistics report holds, in the order they are shown. */
typedef enum
{
  TL_STATS_CHANNEL,
  TL_STATS_TYPE,
  TL_STATS_VENUE,
  TL_STATS_CITIZENSHIP,
  TL_STATS_GENDER,
  TL_STATS_AGE,
  TL_STATS_REFERRALS,
  TL_STATS_N_TABLES,
} TlStatsTableKind;

typedef struct
{
  char *key;                  /* enum nick, or the contact's name for referrals */
  char *label;                /* translated, for people */
  gint64 count;
} TlStatsRow;

typedef struct
{
  TlStatsTableKind kind;
  const char *id;             /* "channel", "victim-gender", ...: stable, for files */
  char *title;                /* translated, e.g. "Tips by channel" */
  gboolean counts_victims;    /* rows count victims, not tips */
  GPtrArray *rows;            /* TlStatsRow */
} TlStatsTable;

typedef struct
{
  GDate from;                 /* first day, inclusive */
  GDate to;                   /* last day, inclusive */
  gint64 tips;
  gint64 victims;
  gint64 referrals;
  gint64 unique_reporters;    /* distinct reporter phone or e-mail, where one is known */
  gint64 tips_without_reporter;
  TlStatsTable *tables[TL_STATS_N_TABLES];
} TlStats;

/* Federal fiscal years run October 1 to September 30 and are named by the year they
 * end in: FY 2024 is 2023-10-01 to 2024-09-30. */
void      tl_stats_fiscal_year        (GDate        *day,
                                       GDate        *from,
                                       GDate        *to);
void      tl_stats_calendar_year      (GDate        *day,
                                       GDate        *from,
                                       GDate        *to);

char     *tl_stats_to_csv             (const TlStats *stats);
gint64    tl_stats_table_total        (const TlStatsTable *table);
void      tl_stats_free               (TlStats      *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlStats, tl_stats_free)

G_END_DECLS
