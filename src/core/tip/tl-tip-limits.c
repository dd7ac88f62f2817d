/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-tip-limits.h"

/* public API */

gboolean
tl_tip_check_limits (const TlTip  *tip,
                     GError      **error)
{
  const struct { GPtrArray *parts; const char *what; } kinds[] = {
    { tip->victims, N_("victims") },
    { tip->offenders, N_("suspected traffickers") },
    { tip->vehicles, N_("vehicles") },
    { tip->phones, N_("phone numbers") },
    { tip->online, N_("online accounts") },
    { tip->financial, N_("financial details") },
    { tip->referrals, N_("referrals") },
  };

  g_return_val_if_fail (tip != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].parts != NULL && kinds[i].parts->len > TL_TIP_MAX_PARTS)
      {
        /* Translators: the second %s is a kind of part, e.g. "victims" */
        g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                     _("A tip may list at most %d %s; this one lists %u. Split it into several tips."),
                     TL_TIP_MAX_PARTS, _(kinds[i].what), kinds[i].parts->len);
        return FALSE;
      }

  if (tip->narrative != NULL && strlen (tip->narrative) > TL_TIP_MAX_NARRATIVE)
    {
      g_autofree char *limit = g_format_size_full (TL_TIP_MAX_NARRATIVE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("A tip’s narrative may be at most %s long; this one is longer. Shorten it, or keep long documents outside Tipline."),
                   limit);
      return FALSE;
    }

  return TRUE;
}
