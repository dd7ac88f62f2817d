/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-report-private.h"

/* The routing plan as a report section placed before the referral log: one row per
 * step ("1.", "2.", …) with what to do, why, whom to call and the warnings. The plan
 * names facts ("Victim 2 is under 18"), never people. */

static void
append_list (GString    *out,
             GPtrArray  *items,
             const char *prefix)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_string_append_printf (out, "\n%s%s", prefix, (char *) g_ptr_array_index (items, i));
}

void
tl_report_add_plan (TlReport     *report,
                    const TlPlan *plan)
{
  TlReportSection *section;
  guint at = 0;

  g_return_if_fail (report != NULL);
  g_return_if_fail (plan != NULL);

  for (guint i = 0; i < report->header->len; i++)
    {
      TlReportRow *row = g_ptr_array_index (report->header, i);

      if (g_str_equal (row->key, "protocol"))
        {
          g_free (row->value);
          row->value = g_strdup (tl_protocol_get_name (plan->protocol, plan->lang));
        }
    }

  /* The plan is the office's reasoning (a victim's stance, the release, advice on an
   * immigration attorney): only the internal record carries it. */
  if (report->profile != TL_REPORT_PROFILE_FULL)
    return;

  section = g_new0 (TlReportSection, 1);
  section->key = g_strdup ("plan");
  section->title = g_strdup (_("Routing plan"));
  section->index = -1;
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_row_free);

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const TlPlanStep *step = g_ptr_array_index (plan->steps, i);
      g_autoptr(GString) value = g_string_new (step->text);
      g_autofree char *label = g_strdup_printf ("%u.", step->order);
      TlReportRow *row = g_new0 (TlReportRow, 1);

      append_list (value, step->reasons, _("Why: "));
      for (guint c = 0; step->contacts != NULL && c < step->contacts->len; c++)
        {
          const TlPlanContact *pc = g_ptr_array_index (step->contacts, c);
          const char *name = tl_text_get (&pc->contact->name, plan->lang);

          g_string_append_printf (value, "\n%s%s", _("Contact: "), name != NULL ? name : pc->contact->id);
          for (guint p = 0; pc->contact->phones != NULL && p < pc->contact->phones->len; p++)
            g_string_append_printf (value, " · %s",
                                    ((TlContactPhone *) g_ptr_array_index (pc->contact->phones, p))->display);
          for (guint e = 0; pc->contact->emails != NULL && e < pc->contact->emails->len; e++)
            g_string_append_printf (value, " · %s", (char *) g_ptr_array_index (pc->contact->emails, e));
        }
      append_list (value, step->warnings, _("Warning: "));
      /* The document sentence behind the step: the report can be checked against the
       * protocol the task force signed. */
      for (guint k = 0; k < step->sources->len; k++)
        {
          const TlPlanSource *src = g_ptr_array_index (step->sources, k);

          if (src->about == NULL)
            g_string_append_printf (value, "\n%s%s", _("Source: "), src->source);
        }

      row->key = g_strdup ("step");
      row->label = g_steal_pointer (&label);
      row->value = g_strdup (value->str);
      g_ptr_array_add (section->rows, row);
    }

  if (plan->timezone != NULL)
    {
      TlReportRow *row = g_new0 (TlReportRow, 1);

      row->key = g_strdup ("timezone");
      row->label = g_strdup (_("Time zone"));
      row->value = g_strdup_printf (_("Ages, business hours and opening hours are judged in the time zone %s."),
                                    plan->timezone);
      g_ptr_array_add (section->rows, row);
    }

  /* before the referral log, after the tip */
  for (at = 0; at < report->sections->len; at++)
    if (g_str_equal (((TlReportSection *) g_ptr_array_index (report->sections, at))->key, "referral"))
      break;
  g_ptr_array_insert (report->sections, (int) at, section);
}
