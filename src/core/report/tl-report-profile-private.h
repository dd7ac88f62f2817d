/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-report-profile.h"

G_BEGIN_DECLS

/* The one place that decides what a profile withholds. Both the printed report and
 * the redacted tip XML are made from these answers. */
typedef struct
{
  TlReportProfile profile;
  const TlTip *tip;
  GPtrArray *overrides;          /* TlReportOverride, may be NULL */
  gboolean victims_released;     /* policy not required, or every victim signed */
} TlWithholdContext;

void        _tl_withhold_context_init (TlWithholdContext *ctx,
                                       TlReportProfile    profile,
                                       const TlTip       *tip,
                                       GPtrArray         *overrides);
/* section_key/field_key as tl_tip_describe() names them; index is the section's. When
 * an override lifts the withholding, *override_out (if given) is set to it. */
TlWithhold  _tl_withhold_field        (const TlWithholdContext *ctx,
                                       const char        *section_key,
                                       int                index,
                                       const char        *field_key,
                                       TlFieldFlags       flags,
                                       const TlReportOverride **override_out);
/* The header's advocate line. */
TlWithhold  _tl_withhold_advocate     (const TlWithholdContext *ctx);

/* "victim identity", "reporter identity", ... (translated, lower case) */
const char *_tl_field_class_label     (TlFieldFlags       flags);

G_END_DECLS
