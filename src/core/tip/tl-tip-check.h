/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The check a stored tip passes before it leaves the store in an export (issue 16):
 * its bytes read back into a tip (as Tipline reads its own store) and the tip
 * validated, so the next workstation can read what is sent. */

typedef enum
{
  TL_TIP_CHECK_PASSED,
  TL_TIP_CHECK_UNREADABLE,  /* not one readable <tip>: a damaged store */
  TL_TIP_CHECK_PROBLEMS,    /* readable, with fields to fix (a draft's half-typed value) */
} TlTipCheckResult;

/* problems (may be NULL) receives the TlProblem list of TL_TIP_CHECK_PROBLEMS. */
TlTipCheckResult tl_tip_check_stored (const char  *xml,
                                      gsize        length,
                                      GPtrArray  **problems);

/* "These exact bytes passed these checks": a keyed hash of the bytes under a key made
 * from the checks' own code (a fingerprint of src/core/tip and src/core/base made at
 * build time) and the libxml2 that reads them. Kept beside a tip that passed, it lets
 * an export skip the check of bytes that did not change; any change to the bytes, the
 * checks or libxml2 gives another mark, so a stale one never matches. */
#define TL_TIP_CHECK_MARK_BYTES 16

void             tl_tip_check_mark   (const char  *xml,
                                      gsize        length,
                                      guint8       mark[TL_TIP_CHECK_MARK_BYTES]);
gboolean         tl_tip_check_mark_matches (const char   *xml,
                                      gsize         length,
                                      const guint8 *mark,
                                      gsize         mark_length);

/* For tests: the key changes as if the checks' code had changed (NULL: back to the
 * real one). */
void             _tl_tip_check_set_rules (const char *rules);

G_END_DECLS
