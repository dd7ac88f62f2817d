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
  TL_STATS_REFERRAL_STAGES,   /* issue 19: logged calls by where each stands */
  TL_STATS_VICTIM_TYPE,       /* issue 19: victims by the tip's type of trafficking */
  TL_STATS_SERVICES,          /* issue 19: victims by service needed (one victim, several) */
  TL_STATS_N_TABLES,
} TlStatsTableKind;

/* How a count may be shown outside Tipline (tl-stats-suppress.c). */
typedef enum
{
  TL_COUNT_SHOWN,             /* as it is */
  TL_COUNT_SMALL,             /* 1 to threshold - 1: shown as "<threshold" */
  TL_COUNT_WITHHELD,          /* hidden too, so a small count cannot be worked out from
                               * the table's other counts by subtraction */
} TlCountShown;

/* Published counts hide cells from 1 to 10 by default, as the counter-trafficking data
 * collaborative does. */
#define TL_STATS_DEFAULT_THRESHOLD 11

typedef struct
{
  char *key;                  /* enum nick, or the contact's name for referrals */
  char *label;                /* translated, for people */
  gint64 count;
  TlCountShown shown;         /* TL_COUNT_SHOWN until tl_stats_suppress() */
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
  guint threshold;            /* small-count threshold applied, 0 or 1 for none */
} TlStats;

/* Which figures a report holds: every table, or the federal grant indicators the anti-
 * trafficking office asks service programs for (contacts, referrals made and by outcome,
 * victims by age group, citizenship and type of trafficking, services). */
typedef enum
{
  TL_STATS_PRESET_ALL,
  TL_STATS_PRESET_GRANT,
} TlStatsPreset;
extern const TlEnumValue tl_stats_preset_values[];

gboolean  tl_stats_preset_has_table   (TlStatsPreset preset,
                                       TlStatsTableKind kind);
char     *tl_stats_to_csv_preset      (const TlStats *stats,
                                       TlStatsPreset  preset);

/* Federal fiscal years run October 1 to September 30 and are named by the year they
 * end in: FY 2024 is 2023-10-01 to 2024-09-30. */
void      tl_stats_fiscal_year        (GDate        *day,
                                       GDate        *from,
                                       GDate        *to);
void      tl_stats_calendar_year      (GDate        *day,
                                       GDate        *from,
                                       GDate        *to);

/* Marks the counts that may not leave the machine as they are: every count from 1 to
 * threshold - 1, and in a table with one such count, the next smallest count as well.
 * Threshold 0 or 1 shows everything. CSV and text written afterwards follow the marks
 * and end with a note that says so. */
void      tl_stats_suppress           (TlStats      *stats,
                                       guint         threshold);
TlCountShown tl_stats_classify        (const TlStats *stats,
                                       gint64        count);
char     *tl_stats_format_count       (const TlStats *stats,
                                       gint64        count,
                                       TlCountShown  shown);
char     *tl_stats_suppression_note   (const TlStats *stats);

char     *tl_stats_to_csv             (const TlStats *stats);
gint64    tl_stats_table_total        (const TlStatsTable *table);
void      tl_stats_free               (TlStats      *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlStats, tl_stats_free)

G_END_DECLS
