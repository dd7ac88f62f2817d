/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-report.h"
#include "tl-report-profile-private.h"

G_BEGIN_DECLS

/* Free text (a narrative, a note, a card holder) can repeat what a profile withholds:
 * "met Rosa at the clinic". The scrubber replaces withheld names (each word of them),
 * phone numbers (however they are punctuated), e-mail addresses, addresses and dates
 * of birth with the withholding marker wherever they appear in what is shown. */
typedef struct _TlScrubber TlScrubber;

TlScrubber *_tl_scrubber_new      (const TlWithholdContext *ctx,
                                   GPtrArray               *sections);
/* Returns a new string; counts replacements. NULL in, NULL out. */
char       *_tl_scrubber_apply    (TlScrubber              *scrubber,
                                   const char              *text);
guint       _tl_scrubber_get_hits (TlScrubber              *scrubber);
/* A structured field is never cleaned word by word (a vehicle make "Ford" stays for a
 * victim "Ana Ford"), but one whose whole value is a withheld value (a card holder who
 * is the unreleased victim) is withheld itself: returns the marker, else NULL. */
const char *_tl_scrubber_withheld_whole (TlScrubber            *scrubber,
                                         const char            *value);
void        _tl_scrubber_free     (TlScrubber              *scrubber);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlScrubber, _tl_scrubber_free)

/* tl-report-redact.c: a copy of the tip holding only what ctx lets through. */
TlTip      *_tl_report_redact_tip (const TlWithholdContext *ctx,
                                   TlScrubber              *scrubber);

G_END_DECLS
