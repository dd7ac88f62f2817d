/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-plan.h"
#include "tl-report-profile.h"

G_BEGIN_DECLS

/* A report: the one description of what goes to a recipient, made from a tip and a
 * profile. Every format (PDF, text, redacted XML) is written from it, so they cannot
 * disagree about what was withheld. Plain structures with public fields, read-only. */

typedef struct
{
  char *key;            /* the tip field's key, as in tl_tip_describe() */
  char *label;          /* translated */
  char *value;          /* shown text; NULL when withheld */
  const char *withheld; /* the marker printed instead, "[withheld: …]"; NULL when shown */
  int override;         /* 1-based number of the override that released it, else 0 */
} TlReportRow;

typedef struct
{
  char *key;            /* "intake", "victim", ...; "plan" and "referrals" for the log */
  char *title;          /* translated */
  int index;            /* position in a repeated part, -1 otherwise */
  GPtrArray *rows;      /* TlReportRow */
} TlReportSection;

typedef enum
{
  TL_REPORT_TEXT,
  TL_REPORT_PDF,
  TL_REPORT_XML,
  TL_REPORT_HTCDS_CSV,
  TL_REPORT_HTCDS_JSON,
} TlReportFormat;
extern const TlEnumValue tl_report_format_values[];

typedef struct
{
  TlReportProfile profile;
  char *title;          /* "Human trafficking tip report" or "Internal case record" */
  char *audience;       /* whom it is for, one sentence */
  char *marking;        /* "CONFIDENTIAL" or "INTERNAL CASE RECORD — CONFIDENTIAL" */
  GPtrArray *header;    /* TlReportRow: tip, received, protocol, advocate, profile, generated */
  GPtrArray *notices;   /* char *: what was withheld and why, overrides with their reasons */
  GPtrArray *sections;  /* TlReportSection: the tip, then the plan and referral log */
  guint lead;           /* sections drawn before the notices: a law-enforcement report
                         * opens with danger, type, location and the offender details */
  GPtrArray *overrides; /* TlReportOverride that were applied, numbered from 1 */

  /*< private >*/
  TlTip *tip;           /* the original */
  TlTip *redacted;      /* withheld fields cleared, free text scrubbed */
  GPtrArray *carried;   /* TlCarriedAttachment the XML form carries (issue 20), or NULL */
} TlReport;

/* overrides (TlReportOverride, may be NULL) are copied. protocol is the protocol's name
 * for the header (may be NULL). */
TlReport   *tl_report_new              (const TlTip      *tip,
                                        TlReportProfile   profile,
                                        GPtrArray        *overrides,
                                        const char       *protocol);
void        tl_report_free             (TlReport         *report);

/* The hotline's own call-back contact in the header, from Preferences (advocate-name,
 * agency-phone). NULL or empty stays visibly "not set", never invented. */
void        tl_report_set_contact      (TlReport         *report,
                                        const char       *advocate_name,
                                        const char       *agency_phone);

/* tl-report-plan.c: names the plan's protocol in the header and, in the full internal
 * record only, adds the routing plan as a section before the referral log (the plan
 * holds the office's reasoning about the victims' stance and consent). */
void        tl_report_add_plan         (TlReport         *report,
                                        const TlPlan     *plan);

/* The tip with what this report withholds removed; do not modify. */
const TlTip *tl_report_get_redacted_tip (TlReport        *report);

/* issue 20: a section the report prints after the tip's own (the attachments, each with
 * its SHA-256); rows are TlReportRow, taken. */
TlReportRow *tl_report_row_new         (const char       *key,
                                        const char       *label,
                                        const char       *value,
                                        const char       *withheld);
void        tl_report_append_section   (TlReport         *report,
                                        const char       *key,
                                        const char       *title,
                                        GPtrArray        *rows);

/* tl-report-text.c: plain text for an e-mail body, wrapped at 72 columns. */
char       *tl_report_to_text          (TlReport         *report);
/* tl-report-xml.c: the redacted tip in the tip exchange format, still valid. */
char       *tl_report_to_xml           (TlReport         *report,
                                        gsize            *length);
/* tl-report-pdf.c */
GBytes     *tl_report_to_pdf           (TlReport         *report,
                                        GError          **error);

/* Writing a file and recording it in the audit log: tl-export.h. */

void        tl_report_row_free         (TlReportRow      *row);
void        tl_report_section_free     (TlReportSection  *section);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlReport, tl_report_free)

G_END_DECLS
