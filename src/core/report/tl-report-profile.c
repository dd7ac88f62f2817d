/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-disclosure-private.h"
#include "tl-report-profile-private.h"

/* What each profile withholds is decided by the disclosure engine, tl-disclosure.c,
 * from the table that docs/report-profiles.md prints. */

const TlEnumValue tl_report_profile_values[] = {
  { TL_REPORT_PROFILE_LAW_ENFORCEMENT, "law-enforcement", N_("Law enforcement") },
  { TL_REPORT_PROFILE_ANONYMOUS_TIP, "anonymous-tip", N_("Anonymous tip") },
  { TL_REPORT_PROFILE_SERVICE_PROVIDER, "service-provider", N_("Service provider") },
  { TL_REPORT_PROFILE_COORDINATOR, "coordinator", N_("Human Trafficking Coordinator") },
  { TL_REPORT_PROFILE_FULL, "full", N_("Full internal record") },
  { 0, NULL, NULL },
};

static const struct
{
  const char *nick;
  TlFieldFlags flags;
} field_classes[] = {
  { "victim-identity", TL_FIELD_VICTIM_IDENTITY },
  { "victim-provided", TL_FIELD_VICTIM_PROVIDED },
  { "reporter-identity", TL_FIELD_REPORTER_IDENTITY },
  { "offender-intel", TL_FIELD_OFFENDER_INTEL },
  { "victim-needs", TL_FIELD_VICTIM_NEEDS },
  { "internal", TL_FIELD_INTERNAL },
};

/* helpers */

static const char *
kind_label (const TlDisclosureRow *row)
{
  switch (row != NULL ? row->kind : TL_KIND_INTERNAL)
    {
    case TL_KIND_INCIDENT:
      return _("about the incident");
    case TL_KIND_VICTIM_IDENTIFYING:
      return _("identifies a victim");
    case TL_KIND_VICTIM_PROVIDED:
      return _("about a victim");
    case TL_KIND_OFFENDER_INTEL:
      return _("offender details");
    case TL_KIND_REPORTER:
      return _("points to the reporter");
    case TL_KIND_INTERNAL:
    default:
      return _("internal record");
    }
}

const char *
_tl_field_class_label (TlFieldFlags flags)
{
  if (flags & TL_FIELD_VICTIM_PROVIDED)
    return _("provided by the victim");
  if (flags & TL_FIELD_VICTIM_IDENTITY)
    return _("victim identity");
  if (flags & TL_FIELD_REPORTER_IDENTITY)
    return _("reporter identity");
  if (flags & TL_FIELD_OFFENDER_INTEL)
    return _("offender details");
  if (flags & TL_FIELD_VICTIM_NEEDS)
    return _("victim needs");
  return _("internal record");
}

/* private API */

void
_tl_withhold_context_init (TlWithholdContext *ctx,
                           TlReportProfile    profile,
                           const TlTip       *tip,
                           GPtrArray         *overrides)
{
  ctx->profile = profile;
  ctx->tip = tip;
  ctx->overrides = overrides;
  ctx->victims_released = tip->release_policy == TL_RELEASE_POLICY_NOT_REQUIRED;
  if (!ctx->victims_released && tip->victims->len > 0)
    {
      ctx->victims_released = TRUE;
      for (guint i = 0; i < tip->victims->len; i++)
        if (!((TlVictim *) g_ptr_array_index (tip->victims, i))->release_signed)
          ctx->victims_released = FALSE;
    }
}

TlWithhold
_tl_withhold_field (const TlWithholdContext  *ctx,
                    const char               *section_key,
                    int                       index,
                    const char               *field_key,
                    TlFieldFlags              flags,
                    const TlReportOverride  **override_out)
{
  return _tl_disclosure_decide (ctx, section_key, index, field_key, override_out);
}

TlWithhold
_tl_withhold_advocate (const TlWithholdContext *ctx)
{
  /* The advocate and the agency phone are whom an investigator or a provider calls
   * back; only an anonymous tip leaves the office unnamed. */
  if (ctx->profile != TL_REPORT_PROFILE_ANONYMOUS_TIP)
    return TL_WITHHOLD_NONE;
  if (ctx->overrides != NULL)
    for (guint i = 0; i < ctx->overrides->len; i++)
      if (((TlReportOverride *) g_ptr_array_index (ctx->overrides, i))->field_class
          & TL_FIELD_INTERNAL)
        return TL_WITHHOLD_NONE;
  return TL_WITHHOLD_ANONYMOUS;
}

/* public API */

TlReportOverride *
tl_report_override_new (int           victim,
                        TlFieldFlags  field_class,
                        const char   *reason)
{
  TlReportOverride *override;

  g_return_val_if_fail (reason != NULL, NULL);
  g_return_val_if_fail (victim >= 0 || field_class != 0, NULL);

  override = g_new0 (TlReportOverride, 1);
  override->victim = victim;
  override->field_class = victim >= 0 ? TL_FIELD_VICTIM_IDENTITY : field_class;
  override->reason = g_strstrip (g_strdup (reason));
  return override;
}

void
tl_report_override_free (TlReportOverride *override)
{
  if (override == NULL)
    return;
  g_free (override->reason);
  g_free (override);
}

TlReportOverride *
tl_report_override_parse (const char  *text,
                          GError     **error)
{
  g_autofree char *what = NULL;
  const char *equals;
  const char *reason;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  equals = strchr (text, '=');
  reason = equals != NULL ? equals + 1 : "";
  while (g_ascii_isspace (*reason))
    reason++;
  if (equals == NULL || *reason == '\0')
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("An override needs a reason: write it as “victim:1=reason” or “reporter-identity=reason”."));
      return NULL;
    }

  what = g_strstrip (g_strndup (text, equals - text));
  if (g_str_has_prefix (what, "victim:"))
    {
      guint64 number = 0;

      if (!g_ascii_string_to_unsigned (what + strlen ("victim:"), 10, 1, G_MAXINT, &number, NULL))
        {
          g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                               _("After “victim:” give the victim’s number as the report counts them, starting at 1."));
          return NULL;
        }
      return tl_report_override_new ((int) number - 1, TL_FIELD_VICTIM_IDENTITY, reason);
    }

  for (guint i = 0; i < G_N_ELEMENTS (field_classes); i++)
    if (g_str_equal (what, field_classes[i].nick))
      return tl_report_override_new (-1, field_classes[i].flags, reason);

  g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
               _("“%s” is not something an override can release. Use victim:N, victim-identity, victim-provided, reporter-identity, offender-intel, victim-needs or internal."),
               what);
  return NULL;
}

const char *
tl_report_profile_get_name (TlReportProfile profile)
{
  const char *label = tl_enum_label (tl_report_profile_values, profile);

  g_return_val_if_fail (label != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, label);
}

const char *
tl_report_profile_get_description (TlReportProfile profile)
{
  switch (profile)
    {
    case TL_REPORT_PROFILE_LAW_ENFORCEMENT:
      return _("What an investigator needs to act: danger, type, location, offenders, vehicles, phones, online accounts and financial details. What identifies a victim, and anything a victim provided, is included only when the victim signed a release or the agency’s policy does not require one; an immediate danger always is. The reporter is not named.");
    case TL_REPORT_PROFILE_ANONYMOUS_TIP:
      return _("For the National Human Trafficking Hotline or Crime Stoppers: type, location, offenders, vehicles, phones, online accounts, financial details and the narrative unless it is a victim’s own account without a release. Nobody is identified: no victim details, no reporter, no internal record, no routing plan.");
    case TL_REPORT_PROFILE_SERVICE_PROVIDER:
      return _("The victims’ needs and circumstances, and their contact details when they signed a release. Of the offenders only what keeps the victim safe (names, aliases, descriptions, identifying marks); no vehicles, phones, online accounts or financial details, in the tables or in the free text. The reporter is not named.");
    case TL_REPORT_PROFILE_COORDINATOR:
      return _("Mississippi’s mandatory report of an investigation to the Human Trafficking Coordinator (ReportHT@dps.ms.gov, M.C.A. §97-3-54.1). Contents as for law enforcement.");
    case TL_REPORT_PROFILE_FULL:
      return _("The office’s internal case record with every field, including the reporter and the referral log. Marked as internal on every page; not for sending.");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tl_withhold_get_marker (TlWithhold withhold)
{
  switch (withhold)
    {
    case TL_WITHHOLD_NO_RELEASE:
      return _("[withheld: no signed release]");
    case TL_WITHHOLD_ANONYMOUS:
      return _("[withheld: anonymous tip]");
    case TL_WITHHOLD_NOT_FOR_PROVIDER:
      return _("[withheld: not shared with service providers]");
    case TL_WITHHOLD_INTERNAL:
      return _("[withheld: internal record]");
    case TL_WITHHOLD_VICTIM_PROVIDED:
      return _("[withheld: provided by the victim, no signed release]");
    case TL_WITHHOLD_CALLER:
      return _("[withheld: the caller asked to stay anonymous]");
    case TL_WITHHOLD_REPORTER:
      return _("[withheld: the reporter is named only in the office’s record]");
    case TL_WITHHOLD_NONE:
    default:
      return NULL;
    }
}

TlWithhold
tl_report_profile_decide_attachment (TlReportProfile   profile,
                                     const TlTip      *tip,
                                     GPtrArray        *overrides,
                                     TlAttachmentKind  kind)
{
  TlWithholdContext ctx;
  const char *field = tl_enum_to_nick (tl_attachment_kind_values, kind);

  g_return_val_if_fail (tip != NULL, TL_WITHHOLD_INTERNAL);
  g_return_val_if_fail (field != NULL, TL_WITHHOLD_INTERNAL);

  _tl_withhold_context_init (&ctx, profile, tip, overrides);
  return _tl_withhold_field (&ctx, "attachment", -1, field, 0, NULL);
}

GPtrArray *
tl_report_profile_list_withheld (TlReportProfile  profile,
                                 const TlTip     *tip,
                                 GPtrArray       *overrides)
{
  g_autoptr(GPtrArray) sections = NULL;
  GPtrArray *lines;
  TlWithholdContext ctx;

  g_return_val_if_fail (tl_enum_to_nick (tl_report_profile_values, profile) != NULL, NULL);
  g_return_val_if_fail (tip != NULL, NULL);

  _tl_withhold_context_init (&ctx, profile, tip, overrides);
  sections = tl_tip_describe (tip);
  lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);
      TlWithhold reasons[16] = { 0 };
      guint n_reasons = 0;

      /* one line per reason, in the order the reasons first come up */
      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          TlWithhold w = _tl_withhold_field (&ctx, section->key, section->index, field->key,
                                             field->flags, NULL);
          gboolean known = FALSE;

          for (guint k = 0; k < n_reasons; k++)
            known |= reasons[k] == w;
          if (w != TL_WITHHOLD_NONE && !known && n_reasons < G_N_ELEMENTS (reasons))
            reasons[n_reasons++] = w;
        }

      for (guint k = 0; k < n_reasons; k++)
        {
          g_autoptr(GString) labels = g_string_new (NULL);
          const char *why = NULL;

          for (guint j = 0; j < section->fields->len; j++)
            {
              TlField *field = g_ptr_array_index (section->fields, j);

              if (_tl_withhold_field (&ctx, section->key, section->index, field->key,
                                      field->flags, NULL) != reasons[k])
                continue;
              if (labels->len > 0)
                g_string_append (labels, ", ");
              g_string_append (labels, field->label);
              if (why == NULL)
                why = kind_label (_tl_disclosure_lookup (tip, section->key, section->index,
                                                         field->key));
            }

          /* Translators: "Victim 2: Name, Date of birth (identifies a victim) — [withheld: no signed release]" */
          g_ptr_array_add (lines, g_strdup_printf (_("%s: %s (%s) — %s"), section->title,
                                                   labels->str, why,
                                                   tl_withhold_get_marker (reasons[k])));
        }
    }

  return lines;
}
