/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-disclosure-private.h"
#include "tl-report-private.h"

const TlEnumValue tl_report_format_values[] = {
  { TL_REPORT_TEXT, "text", N_("Plain text") },
  { TL_REPORT_PDF, "pdf", N_("PDF") },
  { TL_REPORT_XML, "xml", N_("Tip XML") },
  { TL_REPORT_HTCDS_CSV, "htcds-csv", N_("HTCDS 2.0 CSV (de-identified)") },
  { TL_REPORT_HTCDS_JSON, "htcds-json", N_("HTCDS 2.0 JSON (de-identified)") },
  { 0, NULL, NULL },
};

/* helpers */

static TlReportRow *
row_new (const char *key,
         const char *label,
         const char *value,
         const char *withheld)
{
  TlReportRow *row = g_new0 (TlReportRow, 1);

  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->value = withheld == NULL ? g_strdup (value) : NULL;
  row->withheld = withheld;
  return row;
}

static TlReportSection *
section_new (const char *key,
             const char *title,
             int         index)
{
  TlReportSection *section = g_new0 (TlReportSection, 1);

  section->key = g_strdup (key);
  section->title = g_strdup (title);
  section->index = index;
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_row_free);
  return section;
}

static const char *
plural_title (const char *key)
{
  static const struct { const char *key; const char *title; } titles[] = {
    { "victim", N_("Victims") },
    { "offender", N_("Offenders") },
    { "vehicle", N_("Vehicles") },
    { "phone", N_("Phones") },
    { "online", N_("Online accounts") },
    { "financial", N_("Financial details") },
    { "referral", N_("Referral log") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (key, titles[i].key))
      return _(titles[i].title);
  return NULL;
}

/* One marker when everything in the section is withheld for one reason, else NULL. */
static const char *
all_withheld (TlReportSection *section)
{
  const char *marker = NULL;

  for (guint i = 0; i < section->rows->len; i++)
    {
      TlReportRow *row = g_ptr_array_index (section->rows, i);

      if (row->withheld == NULL || (marker != NULL && !g_str_equal (marker, row->withheld)))
        return NULL;
      marker = row->withheld;
    }
  return marker;
}

/* Five referrals or six cards that are all withheld read better as one line than as
 * thirty: "Referral log (5) — [withheld: internal record]". */
static void
collapse_withheld (GPtrArray *sections)
{
  for (guint i = 0; i < sections->len; i++)
    {
      TlReportSection *first = g_ptr_array_index (sections, i);
      const char *marker = all_withheld (first);
      const char *title = plural_title (first->key);
      guint n = 1;
      g_autofree char *merged = NULL;

      if (marker == NULL || title == NULL)
        continue;

      while (i + 1 < sections->len)
        {
          TlReportSection *next = g_ptr_array_index (sections, i + 1);
          const char *next_marker = all_withheld (next);

          if (!g_str_equal (next->key, first->key) || next_marker == NULL
              || !g_str_equal (next_marker, marker))
            break;
          g_ptr_array_remove_index (sections, i + 1);
          n++;
        }

      /* Translators: a group of withheld sections and how many, "Vehicles (2)" */
      merged = g_strdup_printf (_("%s (%u)"), title, n);
      g_free (first->title);
      first->title = g_steal_pointer (&merged);
      first->index = -1;
      g_ptr_array_set_size (first->rows, 0);
      g_ptr_array_add (first->rows, row_new (first->key, _("All details"), NULL, marker));
    }
}

/* A detective reads page 1: for law enforcement and the coordinator the report opens
 * with the situation (danger, type), the location and the offender details (seeds
 * 000/004: type, location, offenders, vehicles, phone numbers, e-mail addresses,
 * social media, financial details), before the notices and everything else. */
static void
order_sections (TlReport *report)
{
  static const char * const lead[] = {
    "situation", "location", "offender", "vehicle", "phone", "online", "financial",
  };
  g_autoptr(GPtrArray) ordered = NULL;

  if (report->profile != TL_REPORT_PROFILE_LAW_ENFORCEMENT
      && report->profile != TL_REPORT_PROFILE_COORDINATOR)
    return;

  ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_section_free);
  for (guint k = 0; k < G_N_ELEMENTS (lead); k++)
    for (guint i = 0; i < report->sections->len; i++)
      {
        TlReportSection *section = g_ptr_array_index (report->sections, i);

        if (section != NULL && g_str_equal (section->key, lead[k]))
          {
            g_ptr_array_add (ordered, section);
            g_ptr_array_index (report->sections, i) = NULL;
          }
      }
  report->lead = ordered->len;
  for (guint i = 0; i < report->sections->len; i++)
    if (g_ptr_array_index (report->sections, i) != NULL)
      {
        g_ptr_array_add (ordered, g_ptr_array_index (report->sections, i));
        g_ptr_array_index (report->sections, i) = NULL;
      }
  g_ptr_array_unref (report->sections);
  report->sections = g_steal_pointer (&ordered);
}

static void
build_sections (TlReport          *report,
                TlWithholdContext *ctx,
                GPtrArray         *described,
                TlScrubber        *scrubber)
{
  for (guint i = 0; i < described->len; i++)
    {
      TlSection *s = g_ptr_array_index (described, i);
      TlReportSection *section = section_new (s->key, s->title, s->index);

      if (report->profile == TL_REPORT_PROFILE_SERVICE_PROVIDER && g_str_equal (s->key, "offender"))
        {
          g_free (section->title);
          /* Translators: a service provider's report keeps only what helps keep the
           * victim safe from this offender; %s is "Offender 1" */
          section->title = g_strdup_printf (_("%s (for safety only)"), s->title);
        }

      for (guint j = 0; j < s->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (s->fields, j);
          const TlReportOverride *override = NULL;
          TlWithhold w = _tl_withhold_field (ctx, s->key, s->index, field->key, field->flags,
                                             &override);
          TlReportRow *row;

          if (w != TL_WITHHOLD_NONE)
            row = row_new (field->key, field->label, NULL, tl_withhold_get_marker (w));
          else if (_tl_disclosure_is_free_text (ctx->tip, s->key, s->index, field->key))
            {
              g_autofree char *shown = _tl_scrubber_apply (scrubber, field->display);

              row = row_new (field->key, field->label, shown, NULL);
            }
          else if (_tl_scrubber_withheld_whole (scrubber, field->value) != NULL)
            row = row_new (field->key, field->label, NULL,
                           _tl_scrubber_withheld_whole (scrubber, field->value));
          else
            row = row_new (field->key, field->label, field->display, NULL);
          if (override != NULL)
            {
              guint k;

              g_ptr_array_find (ctx->overrides, override, &k);
              row->override = (int) k + 1;
            }
          g_ptr_array_add (section->rows, row);
        }

      g_ptr_array_add (report->sections, section);
    }

  collapse_withheld (report->sections);
  order_sections (report);
}

static void
build_header (TlReport          *report,
              TlWithholdContext *ctx,
              const char        *protocol)
{
  const TlTip *tip = report->tip;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *generated = NULL;
  g_autofree char *received = NULL;
  TlWithhold advocate = _tl_withhold_advocate (ctx);
  const char *taken_by = tip->advocate;

  /* Translators: a date and time in a tip, strftime format */
  generated = g_date_time_format (now, _("%Y-%m-%d %H:%M (UTC%:z)"));
  if (tip->received != NULL)
    received = g_date_time_format (tip->received, _("%Y-%m-%d %H:%M (UTC%:z)"));

  g_ptr_array_add (report->header, row_new ("tip", _("Tip"), tip->id, NULL));
  g_ptr_array_add (report->header, row_new ("received", _("Received"),
                                            received != NULL ? received : _("Not recorded"), NULL));
  g_ptr_array_add (report->header, row_new ("protocol", _("Protocol"),
                                            protocol != NULL ? protocol : _("None applied"), NULL));
  /* The hotline's own call-back contact (tl_report_set_contact()); until it is set,
   * the tip's advocate, else visibly empty. */
  if (_tl_withhold_field (ctx, "intake", -1, "advocate", TL_FIELD_INTERNAL, NULL) != TL_WITHHOLD_NONE)
    taken_by = NULL;
  g_ptr_array_add (report->header,
                   row_new ("advocate", _("Call back (advocate)"),
                            taken_by != NULL ? taken_by : _("Not set in Preferences"),
                            tl_withhold_get_marker (advocate)));
  g_ptr_array_add (report->header,
                   row_new ("agency-phone", _("Agency phone"), _("Not set in Preferences"),
                            tl_withhold_get_marker (advocate)));
  g_ptr_array_add (report->header, row_new ("profile", _("Report for"),
                                            tl_report_profile_get_name (report->profile), NULL));
  g_ptr_array_add (report->header, row_new ("generated", _("Generated"), generated, NULL));
}

static void
build_notices (TlReport          *report,
               TlWithholdContext *ctx,
               TlScrubber        *scrubber)
{
  g_autoptr(GPtrArray) withheld = tl_report_profile_list_withheld (report->profile, report->tip,
                                                                   report->overrides);

  if (withheld->len > 0)
    g_ptr_array_add (report->notices,
                     g_strdup (_("Fields marked “withheld” are recorded in the tip but left out of this report on purpose; they are not missing.")));
  /* the same list the export dialog and tipline-cli export --dry-run show */
  for (guint i = 0; i < withheld->len; i++)
    /* Translators: one line of what a report withholds and why */
    g_ptr_array_add (report->notices, g_strdup_printf (_("Withheld: %s"),
                                                       (char *) g_ptr_array_index (withheld, i)));

  for (guint i = 0; i < report->overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (report->overrides, i);
      g_autofree char *what = NULL;

      if (o->victim >= 0)
        /* Translators: "Victim 2 identity" */
        what = g_strdup_printf (_("Victim %d identity"), o->victim + 1);
      else if (o->field_class & TL_FIELD_VICTIM_PROVIDED)
        what = g_strdup (_("Information provided by the victim"));
      else
        what = g_strdup (_tl_field_class_label (o->field_class));
      /* Translators: an override of a withholding, its number, what it released and
       * the reason the advocate typed */
      g_ptr_array_add (report->notices,
                       g_strdup_printf (_("Override %u: %s released on purpose. Reason given: %s"),
                                        i + 1, what, o->reason));
    }

  if (report->tip->narrative != NULL
      && _tl_withhold_field (ctx, "narrative", -1, "narrative", TL_FIELD_PLAIN, NULL)
         == TL_WITHHOLD_VICTIM_PROVIDED)
    g_ptr_array_add (report->notices,
                     g_strdup (_("The narrative is the victim’s own account and no release is signed: free text cannot be cleaned safely, so it is withheld whole.")));

  if (tl_tip_is_anonymous (report->tip) && report->profile != TL_REPORT_PROFILE_FULL)
    g_ptr_array_add (report->notices,
                     g_strdup (_("The caller asked to stay anonymous: nothing that points to them is in this report. Call the hotline back, not the caller.")));

  if (_tl_scrubber_get_hits (scrubber) > 0)
    g_ptr_array_add (report->notices,
                     g_strdup (_("Free text repeated withheld names or contact details; those words are replaced by the withheld marker. Read the text before sending.")));
}

static const char *
audience (TlReportProfile profile)
{
  switch (profile)
    {
    case TL_REPORT_PROFILE_LAW_ENFORCEMENT:
      return _("For law enforcement. A victim’s identity, and what a victim provided, appear only with a signed release (or where the agency’s policy needs none).");
    case TL_REPORT_PROFILE_ANONYMOUS_TIP:
      return _("Anonymous tip for the National Human Trafficking Hotline or Crime Stoppers. No victim or reporter is identified.");
    case TL_REPORT_PROFILE_SERVICE_PROVIDER:
      return _("For a victim service provider. Contact details appear only with the victim’s signed release.");
    case TL_REPORT_PROFILE_COORDINATOR:
      return _("For the Mississippi Human Trafficking Coordinator, ReportHT@dps.ms.gov: mandatory report of a human trafficking investigation under M.C.A. §97-3-54.1.");
    case TL_REPORT_PROFILE_FULL:
    default:
      return _("Internal case record of the office that took the tip. Not for sending outside the office.");
    }
}

/* public API */

TlReport *
tl_report_new (const TlTip     *tip,
               TlReportProfile  profile,
               GPtrArray       *overrides,
               const char      *protocol)
{
  g_autoptr(GPtrArray) described = NULL;
  g_autoptr(TlScrubber) scrubber = NULL;
  TlWithholdContext ctx;
  TlReport *report;

  g_return_val_if_fail (tip != NULL, NULL);
  g_return_val_if_fail (tl_enum_to_nick (tl_report_profile_values, profile) != NULL, NULL);

  report = g_new0 (TlReport, 1);
  report->profile = profile;
  report->tip = tl_tip_copy (tip);
  report->header = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_row_free);
  report->notices = g_ptr_array_new_with_free_func (g_free);
  report->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_section_free);
  report->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  for (guint i = 0; overrides != NULL && i < overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (overrides, i);
      g_ptr_array_add (report->overrides, tl_report_override_new (o->victim, o->field_class, o->reason));
    }

  if (profile == TL_REPORT_PROFILE_FULL)
    {
      report->title = g_strdup (_("Internal case record"));
      report->marking = g_strdup (_("INTERNAL CASE RECORD — CONFIDENTIAL"));
    }
  else
    {
      report->title = g_strdup (_("Human trafficking tip report"));
      report->marking = g_strdup (_("CONFIDENTIAL"));
    }
  report->audience = g_strdup (audience (profile));

  _tl_withhold_context_init (&ctx, profile, report->tip, report->overrides);
  described = tl_tip_describe (report->tip);
  scrubber = _tl_scrubber_new (&ctx, described);
  report->redacted = _tl_report_redact_tip (&ctx, scrubber);

  build_header (report, &ctx, protocol);
  build_sections (report, &ctx, described, scrubber);
  build_notices (report, &ctx, scrubber);

  return report;
}

void
tl_report_free (TlReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_free (report->audience);
  g_free (report->marking);
  g_ptr_array_unref (report->header);
  g_ptr_array_unref (report->notices);
  g_ptr_array_unref (report->sections);
  g_ptr_array_unref (report->overrides);
  tl_tip_unref (report->tip);
  tl_tip_unref (report->redacted);
  g_clear_pointer (&report->carried, g_ptr_array_unref);
  g_free (report);
}

void
tl_report_set_contact (TlReport   *report,
                       const char *advocate_name,
                       const char *agency_phone)
{
  g_return_if_fail (report != NULL);

  for (guint i = 0; i < report->header->len; i++)
    {
      TlReportRow *row = g_ptr_array_index (report->header, i);
      const char *value = NULL;

      if (g_str_equal (row->key, "advocate"))
        value = advocate_name;
      else if (g_str_equal (row->key, "agency-phone"))
        value = agency_phone;
      else
        continue;
      if (row->withheld != NULL || value == NULL || *value == '\0')
        continue;
      g_free (row->value);
      row->value = g_strdup (value);
    }
}

const TlTip *
tl_report_get_redacted_tip (TlReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->redacted;
}

TlReportRow *
tl_report_row_new (const char *key,
                   const char *label,
                   const char *value,
                   const char *withheld)
{
  return row_new (key, label, value, withheld);
}

void
tl_report_append_section (TlReport   *report,
                          const char *key,
                          const char *title,
                          GPtrArray  *rows)
{
  TlReportSection *section;

  g_return_if_fail (report != NULL && key != NULL && rows != NULL);

  section = section_new (key, title, -1);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (section->rows, g_steal_pointer (&rows->pdata[i]));
  g_ptr_array_add (report->sections, section);
}

void
tl_report_row_free (TlReportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_free (row->value);
  g_free (row);
}

void
tl_report_section_free (TlReportSection *section)
{
  if (section == NULL)
    return;
  g_free (section->key);
  g_free (section->title);
  g_ptr_array_unref (section->rows);
  g_free (section);
}
