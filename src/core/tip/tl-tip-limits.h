/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

/* How large one tip and one tip file may be (docs/store-format.md, "Limits"): far above
 * any real hotline call, low enough that opening, searching and rendering the largest
 * tip allowed stays quick and small. Checked on import (the tip file reader), when a
 * tip is saved (the form, tipline-cli add) and, for key files, on unlock. */
#define TL_TIP_MAX_PARTS      200                /* victims, offenders, vehicles, ... each */
#define TL_TIP_MAX_NARRATIVE  (256 * 1024)       /* bytes of UTF-8 */
#define TL_TIP_MAX_FIELD      (8 * 1024)         /* bytes, any other text in a tip file */
#define TL_TIP_XML_MAX_TIPS   100000             /* tips in one tip file */

/* FALSE with TL_ERROR_TOO_LARGE and one sentence that names the limit when tip has more
 * than TL_TIP_MAX_PARTS of a kind of part or a longer narrative than allowed. */
gboolean  tl_tip_check_limits  (const TlTip  *tip,
                                GError      **error);

G_END_DECLS
