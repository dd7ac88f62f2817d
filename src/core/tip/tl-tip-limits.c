/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-tip-describe.h"
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

  /* Every other field, as the form and the tip file hold it (the tip file reader checks
   * the same limit on the file's text). */
  {
    g_autoptr(GPtrArray) sections = tl_tip_describe (tip);

    for (guint i = 0; i < sections->len; i++)
      {
        TlSection *section = g_ptr_array_index (sections, i);

        for (guint j = 0; j < section->fields->len; j++)
          {
            TlField *field = g_ptr_array_index (section->fields, j);

            if (g_strcmp0 (field->key, "narrative") != 0 && field->value != NULL &&
                strlen (field->value) > TL_TIP_MAX_FIELD)
              {
                g_autofree char *limit = g_format_size_full (TL_TIP_MAX_FIELD, G_FORMAT_SIZE_IEC_UNITS);

                /* Translators: %s are a field's name ("Victim 2: Name") and a size ("8.0 KiB") */
                g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                             _("“%s: %s” may be at most %s long; this one is longer. Shorten it."),
                             section->title, field->label, limit);
                return FALSE;
              }
          }
      }
  }

  return TRUE;
}
