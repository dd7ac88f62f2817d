/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-attachment.h"
#include "tl-enums.h"
#include "tl-tip.h"
#include "tl-tip-describe.h"

G_BEGIN_DECLS

/* Who a report is for, and so what it may say. docs/report-profiles.md lists what
 * each one includes and withholds; the tests check the same list. */
typedef enum
{
  TL_REPORT_PROFILE_LAW_ENFORCEMENT,
  TL_REPORT_PROFILE_ANONYMOUS_TIP,
  TL_REPORT_PROFILE_SERVICE_PROVIDER,
  TL_REPORT_PROFILE_COORDINATOR,
  TL_REPORT_PROFILE_FULL,
} TlReportProfile;
extern const TlEnumValue tl_report_profile_values[];

/* Why a field is left out of a report. */
typedef enum
{
  TL_WITHHOLD_NONE,
  TL_WITHHOLD_NO_RELEASE,       /* victim identity without a signed release */
  TL_WITHHOLD_ANONYMOUS,        /* anonymous tip: nobody is identified */
  TL_WITHHOLD_NOT_FOR_PROVIDER, /* a service provider does not need it */
  TL_WITHHOLD_INTERNAL,         /* the office's own record */
  TL_WITHHOLD_VICTIM_PROVIDED,  /* the victim provided it and signed no release */
  TL_WITHHOLD_CALLER,           /* the caller asked to stay anonymous */
  TL_WITHHOLD_REPORTER,         /* the reporter is not named outside the office */
} TlWithhold;

/* Lifting one withholding, with the reason the advocate typed. victim is a 0-based
 * victim index, or -1 when the override names a field class instead. */
typedef struct
{
  int victim;
  TlFieldFlags field_class;
  char *reason;
} TlReportOverride;

TlReportOverride *tl_report_override_new   (int            victim,
                                            TlFieldFlags   field_class,
                                            const char    *reason);
void              tl_report_override_free  (TlReportOverride *override);
/* "victim:2=reason" (1-based, as people count) or "CLASS=reason" where CLASS is
 * victim-identity, victim-provided, reporter-identity, offender-intel, victim-needs or
 * internal. */
TlReportOverride *tl_report_override_parse (const char    *text,
                                            GError       **error);

/* Whether a profile carries an attachment of this kind (issue 20), by the disclosure
 * table's "attachment" rows: TL_WITHHOLD_NONE to send it (a cleaned copy unless the
 * profile is full), else why not. */
TlWithhold        tl_report_profile_decide_attachment (TlReportProfile   profile,
                                                       const TlTip      *tip,
                                                       GPtrArray        *overrides,
                                                       TlAttachmentKind  kind);

/* Translated name and one-paragraph description of what the profile includes and
 * withholds, for the export dialog. */
const char *tl_report_profile_get_name        (TlReportProfile  profile);
const char *tl_report_profile_get_description (TlReportProfile  profile);
/* For the whole-tip summary under the profile chooser: one translated line per thing
 * this profile would withhold from this tip (empty array when nothing), e.g.
 * "Victim 2: name, date of birth (no signed release)". */
GPtrArray  *tl_report_profile_list_withheld   (TlReportProfile  profile,
                                               const TlTip     *tip,
                                               GPtrArray       *overrides);

/* The text printed in place of a withheld value: "[withheld: no signed release]". */
const char *tl_withhold_get_marker            (TlWithhold       withhold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlReportOverride, tl_report_override_free)

G_END_DECLS
