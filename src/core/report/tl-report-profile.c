/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-report-profile-private.h"

/* What each profile withholds, by field class (TlFieldFlags from tl-tip-describe.h):
 *
 *                      law-enf.  anonymous  provider   coordinator  full
 *   victim identity    release   withheld   release    release      shown
 *   reporter identity  shown     withheld   withheld   shown        shown
 *   offender intel     shown     shown      safety     shown        shown
 *   victim needs       shown     withheld   shown      shown        shown
 *   internal           shown     withheld   withheld   shown        shown
 *
 * "release": shown only for a victim who signed a release, or when the agency's policy
 * does not require one; an unknown policy counts as required. "safety": a service
 * provider sees who to watch out for (an offender's name, alias, gender, description
 * and identifying marks) and nothing else of the offender intelligence. */

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
  { "reporter-identity", TL_FIELD_REPORTER_IDENTITY },
  { "offender-intel", TL_FIELD_OFFENDER_INTEL },
  { "victim-needs", TL_FIELD_VICTIM_NEEDS },
  { "internal", TL_FIELD_INTERNAL },
};

/* helpers */

static TlWithhold
class_policy (TlReportProfile profile,
              TlFieldFlags    flags)
{
  switch (profile)
    {
    case TL_REPORT_PROFILE_FULL:
      return TL_WITHHOLD_NONE;

    case TL_REPORT_PROFILE_ANONYMOUS_TIP:
      if (flags & (TL_FIELD_VICTIM_IDENTITY | TL_FIELD_REPORTER_IDENTITY | TL_FIELD_VICTIM_NEEDS))
        return TL_WITHHOLD_ANONYMOUS;
      if (flags & TL_FIELD_INTERNAL)
        return TL_WITHHOLD_INTERNAL;
      return TL_WITHHOLD_NONE;

    case TL_REPORT_PROFILE_SERVICE_PROVIDER:
      if (flags & TL_FIELD_VICTIM_IDENTITY)
        return TL_WITHHOLD_NO_RELEASE;
      if (flags & (TL_FIELD_REPORTER_IDENTITY | TL_FIELD_OFFENDER_INTEL))
        return TL_WITHHOLD_NOT_FOR_PROVIDER;
      if (flags & TL_FIELD_INTERNAL)
        return TL_WITHHOLD_INTERNAL;
      return TL_WITHHOLD_NONE;

    case TL_REPORT_PROFILE_LAW_ENFORCEMENT:
    case TL_REPORT_PROFILE_COORDINATOR:
    default:
      if (flags & TL_FIELD_VICTIM_IDENTITY)
        return TL_WITHHOLD_NO_RELEASE;
      return TL_WITHHOLD_NONE;
    }
}

static gboolean
is_safety_field (const char *section_key,
                 const char *field_key)
{
  static const char * const keep[] = { "name", "alias", "gender", "description", "marks" };

  if (g_strcmp0 (section_key, "offender") != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    if (g_str_equal (field_key, keep[i]))
      return TRUE;
  return FALSE;
}

static gboolean
victim_released (const TlWithholdContext *ctx,
                 int                      index)
{
  const TlVictim *victim;

  if (ctx->tip->release_policy == TL_RELEASE_POLICY_NOT_REQUIRED)
    return TRUE;
  if (index < 0 || (guint) index >= ctx->tip->victims->len)
    return ctx->victims_released;
  victim = g_ptr_array_index (ctx->tip->victims, index);
  return victim->release_signed;
}

static const TlReportOverride *
find_override (const TlWithholdContext *ctx,
               const char              *section_key,
               int                      index,
               TlFieldFlags             flags)
{
  if (ctx->overrides == NULL)
    return NULL;

  for (guint i = 0; i < ctx->overrides->len; i++)
    {
      const TlReportOverride *o = g_ptr_array_index (ctx->overrides, i);

      if (o->victim >= 0)
        {
          if ((flags & TL_FIELD_VICTIM_IDENTITY) && g_strcmp0 (section_key, "victim") == 0
              && o->victim == index)
            return o;
        }
      else if (o->field_class & flags)
        return o;
    }
  return NULL;
}

const char *
_tl_field_class_label (TlFieldFlags flags)
{
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
  TlWithhold withhold = class_policy (ctx->profile, flags);
  const TlReportOverride *override;

  if (override_out != NULL)
    *override_out = NULL;

  if (withhold == TL_WITHHOLD_NO_RELEASE)
    {
      /* A victim's own fields follow that victim's release; identity found elsewhere
       * (a phone marked as the victim's) is shown only when every victim signed. */
      int victim = g_strcmp0 (section_key, "victim") == 0 ? index : -1;

      if (victim_released (ctx, victim))
        withhold = TL_WITHHOLD_NONE;
    }
  else if (withhold == TL_WITHHOLD_NOT_FOR_PROVIDER && is_safety_field (section_key, field_key))
    withhold = TL_WITHHOLD_NONE;

  if (withhold == TL_WITHHOLD_NONE)
    return TL_WITHHOLD_NONE;

  override = find_override (ctx, section_key, index, flags);
  if (override != NULL)
    {
      if (override_out != NULL)
        *override_out = override;
      return TL_WITHHOLD_NONE;
    }

  return withhold;
}

TlWithhold
_tl_withhold_advocate (const TlWithholdContext *ctx)
{
  /* The advocate is the person a provider or investigator calls back; only an
   * anonymous tip leaves the office unnamed. */
  if (ctx->profile == TL_REPORT_PROFILE_ANONYMOUS_TIP
      && find_override (ctx, NULL, -1, TL_FIELD_INTERNAL) == NULL)
    return TL_WITHHOLD_ANONYMOUS;
  return TL_WITHHOLD_NONE;
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
               _("“%s” is not something an override can release. Use victim:N, victim-identity, reporter-identity, offender-intel, victim-needs or internal."),
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
      return _("Everything an investigator needs to act. A victim’s name, date of birth, language, address and contact details are included only when that victim signed a release, or when the agency’s policy does not require one.");
    case TL_REPORT_PROFILE_ANONYMOUS_TIP:
      return _("For the National Human Trafficking Hotline or Crime Stoppers: type, location, offenders, vehicles, phones, online accounts, financial details and the narrative. Nobody is identified: no victim identity, no reporter, no internal record.");
    case TL_REPORT_PROFILE_SERVICE_PROVIDER:
      return _("The victims’ needs, and their contact details when they signed a release. Of the offenders only what keeps the victim safe (names, aliases, descriptions, identifying marks); no vehicles, phones, online accounts or financial details.");
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
    case TL_WITHHOLD_NONE:
    default:
      return NULL;
    }
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
      g_autoptr(GString) labels = g_string_new (NULL);
      TlWithhold reason = TL_WITHHOLD_NONE;
      TlFieldFlags classes = 0;

      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          TlWithhold w = _tl_withhold_field (&ctx, section->key, section->index, field->key,
                                             field->flags, NULL);

          if (w == TL_WITHHOLD_NONE)
            continue;
          if (labels->len > 0)
            g_string_append (labels, ", ");
          g_string_append (labels, field->label);
          reason = w;
          classes |= field->flags;
        }

      if (labels->len > 0)
        /* Translators: "Victim 2: Name, Date of birth — [withheld: no signed release]" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s: %s (%s) — %s"), section->title,
                                                 labels->str, _tl_field_class_label (classes),
                                                 tl_withhold_get_marker (reason)));
    }

  return lines;
}
