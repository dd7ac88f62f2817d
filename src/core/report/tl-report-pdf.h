/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tl-report.h"

G_BEGIN_DECLS

typedef enum
{
  TL_PAPER_LETTER,   /* 612 x 792 pt */
  TL_PAPER_A4,       /* 595.28 x 841.89 pt */
} TlPaper;

/* Letter for the United States and the countries that use it (and whenever the
 * locale names no country, as in "C"), A4 elsewhere. locale is a POSIX locale name
 * such as "es_US.UTF-8"; NULL means the current LC_PAPER, then LC_MESSAGES. */
TlPaper        tl_paper_for_locale        (const char     *locale);
void           tl_paper_get_size          (TlPaper         paper,
                                           double         *width,
                                           double         *height);

/* A report laid out on pages of one size: the PDF writer and the app's
 * GtkPrintOperation both use it ("begin-print": new + get_n_pages; "draw-page":
 * draw). cr is used to measure text; draw onto any cairo_t of the same page size. */
typedef struct _TlReportPages TlReportPages;

TlReportPages *tl_report_pages_new        (TlReport       *report,
                                           cairo_t        *cr,
                                           double          width,
                                           double          height);
guint          tl_report_pages_get_n_pages (TlReportPages *pages);
/* page is 0-based */
void           tl_report_pages_draw       (TlReportPages  *pages,
                                           cairo_t        *cr,
                                           guint           page);
void           tl_report_pages_free       (TlReportPages  *pages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlReportPages, tl_report_pages_free)

G_END_DECLS
