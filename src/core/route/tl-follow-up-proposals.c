/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-route"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tl-follow-up-proposals.h"
#include "tl-protocol.h"
#include "tl-safety-plan.h"

/* A hotline's work goes on after the first call. Three things follow from what the tip
 * already records, and Tipline proposes them instead of leaving them to memory:
 *
 * - after a report to 911 or the police, the written follow-up report to the anti-
 *   trafficking contacts (seed 002: "Whenever possible, the NHTRC will follow-up with a
 *   written report to the specific anti-trafficking contacts after a report has been
 *   made to local police or 911."), due by the end of the next day;
 * - calling the reporter back, at the next time their safety plan says is safe;
 * - checking on a referral that has no outcome (made, no answer, accepted but not done)
 *   once it has stood still for N days.
 *
 * One function for the app and the CLI; it decides nothing for the advocate. */

const TlEnumValue tl_proposal_kind_values[] = {
  { TL_PROPOSAL_WRITTEN_REPORT, "written-report", N_("Written follow-up report") },
  { TL_PROPOSAL_CALL_REPORTER, "call-reporter", N_("Call the reporter back") },
  { TL_PROPOSAL_CHECK_REFERRAL, "check-referral", N_("Check on a referral") },
  { 0, NULL, NULL },
};

/* helpers */

static const TlContact *
find_contact (TlProtocolSet *protocols,
              const char    *id)
{
  g_autoptr(GPtrArray) list = NULL;

  if (protocols == NULL || id == NULL)
    return NULL;
  list = tl_protocol_set_list (protocols);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const TlContact *contact = tl_protocol_lookup_contact (g_ptr_array_index (list, i), id);

      if (contact != NULL)
        return contact;
    }
  return NULL;
}

static gboolean
mentions_911 (const char *text)
{
  return text != NULL && strstr (text, "911") != NULL;
}

/* A report was made to 911 or law enforcement: a call to such a contact that reached
 * someone. A contact no protocol knows counts when its name or step says 911. */
static gboolean
is_police_report (const TlReferral *r,
                  TlProtocolSet    *protocols)
{
  const TlContact *contact = find_contact (protocols, r->contact_id);
  TlReferralStage logged = tl_referral_stage_from_outcome (r->outcome);

  if (logged != TL_REFERRAL_MADE && logged != TL_REFERRAL_ACCEPTED)
    return FALSE;
  if (contact != NULL)
    return contact->kind == TL_CONTACT_KIND_EMERGENCY || contact->kind == TL_CONTACT_KIND_LAW_ENFORCEMENT;
  return mentions_911 (r->contact_id) || mentions_911 (r->contact_name) || mentions_911 (r->step);
}

static const char *
contact_of (const TlReferral *r)
{
  return r->contact_name != NULL ? r->contact_name : r->contact_id != NULL ? r->contact_id : _("the contact");
}

/* The last second of the day after `at`, on the office's clock. */
static gint64
end_of_next_day (GDateTime *at,
                 GTimeZone *zone)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, zone);
  g_autoptr(GDateTime) next = g_date_time_add_days (local, 1);
  g_autoptr(GDateTime) end = g_date_time_new (zone, g_date_time_get_year (next),
                                              g_date_time_get_month (next),
                                              g_date_time_get_day_of_month (next), 23, 59, 59);

  return g_date_time_to_unix (end);
}

static gboolean
taken (const char * const *existing,
       const char         *what)
{
  return existing != NULL && g_strv_contains (existing, what);
}

static void
propose (GPtrArray          *out,
         const char * const *existing,
         TlProposalKind      kind,
         char               *what,
         gint64              due,
         int                 referral)
{
  TlFollowUpProposal *p;

  if (taken (existing, what))
    {
      g_free (what);
      return;
    }
  p = g_new0 (TlFollowUpProposal, 1);
  p->kind = kind;
  p->what = what;
  p->due = due;
  p->referral = referral;
  g_ptr_array_add (out, p);
}

static gint
compare_due (gconstpointer a,
             gconstpointer b)
{
  const TlFollowUpProposal *pa = *(TlFollowUpProposal * const *) a;
  const TlFollowUpProposal *pb = *(TlFollowUpProposal * const *) b;

  if (pa->due != pb->due)
    return pa->due < pb->due ? -1 : 1;
  return (int) pa->kind - (int) pb->kind;
}

/* public API */

GTimeZone *
tl_office_zone (TlProtocolSet *protocols,
                const char    *default_protocol)
{
  TlProtocol *protocol = NULL;
  GTimeZone *zone;

  if (protocols != NULL && default_protocol != NULL && *default_protocol != '\0')
    protocol = tl_protocol_set_lookup (protocols, default_protocol);
  zone = protocol != NULL ? tl_protocol_get_timezone (protocol) : NULL;
  return zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
}

GPtrArray *
tl_follow_up_propose (const TlTip        *tip,
                      TlProtocolSet      *protocols,
                      GDateTime          *now,
                      GTimeZone          *office_zone,
                      guint               check_days,
                      const char * const *existing)
{
  GPtrArray *out;
  g_autoptr(GTimeZone) local = NULL;

  g_return_val_if_fail (tip != NULL && now != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_follow_up_proposal_free);
  if (office_zone == NULL)
    office_zone = local = g_time_zone_new_local ();
  if (tip->status == TL_TIP_STATUS_CLOSED)
    return out;

  for (guint i = 0; i < tip->referrals->len; i++)
    {
      const TlReferral *r = g_ptr_array_index (tip->referrals, i);
      TlReferralStage stage = tl_referral_get_stage (r);
      GDateTime *since = tl_referral_get_stage_time (r);
      g_autofree char *day = r->at != NULL ? g_date_time_format (r->at, "%Y-%m-%d") : NULL;

      if (is_police_report (r, protocols))
        propose (out, existing, TL_PROPOSAL_WRITTEN_REPORT,
                 day != NULL
                 /* Translators: %s is the contact (911, a police unit), %s the day of the call */
                 ? g_strdup_printf (_("Send the written follow-up report to the anti-trafficking contacts about the report made to %s on %s."),
                                    contact_of (r), day)
                 /* Translators: %s is the contact (911, a police unit) */
                 : g_strdup_printf (_("Send the written follow-up report to the anti-trafficking contacts about the report made to %s."),
                                    contact_of (r)),
                 end_of_next_day (r->at != NULL ? r->at : now, office_zone), (int) i);

      if ((stage == TL_REFERRAL_MADE || stage == TL_REFERRAL_NO_ANSWER || stage == TL_REFERRAL_ACCEPTED) &&
          check_days > 0)
        {
          g_autoptr(GDateTime) due = g_date_time_add_days (since != NULL ? since : now, (int) check_days);

          propose (out, existing, TL_PROPOSAL_CHECK_REFERRAL,
                   day != NULL
                   /* Translators: %s is the contact, %s the day the call was made, %s where it stands */
                   ? g_strdup_printf (_("Check on the referral to %s made on %s: it is still “%s”, with no outcome."),
                                      contact_of (r), day, _(tl_enum_label (tl_referral_stage_values, stage)))
                   /* Translators: %s is the contact, %s where it stands */
                   : g_strdup_printf (_("Check on the referral to %s: it is still “%s”, with no outcome."),
                                      contact_of (r), _(tl_enum_label (tl_referral_stage_values, stage))),
                   g_date_time_to_unix (due), (int) i);
        }
    }

  /* The reporter, when there is a number and the plan says calling back is safe (now or
   * in its window). Not asked or "do not call": nothing is proposed. */
  if (tip->reporter_phone != NULL)
    {
      g_autoptr(GDateTime) next = tl_safety_plan_next_safe (&tip->reporter_plan, now, office_zone);

      if (next != NULL)
        {
          g_autofree char *window = tl_safety_plan_dup_window_text (&tip->reporter_plan, office_zone);

          propose (out, existing, TL_PROPOSAL_CALL_REPORTER,
                   window != NULL
                   /* Translators: %s is the safe window, e.g. "Mon–Fri 09:00–17:00 (America/Denver)" */
                   ? g_strdup_printf (_("Call the reporter back in the safe window (%s); follow the safety plan."), window)
                   : g_strdup (_("Call the reporter back; follow the safety plan.")),
                   g_date_time_to_unix (next), -1);
        }
    }

  g_ptr_array_sort (out, compare_due);
  return out;
}

void
tl_follow_up_proposal_free (TlFollowUpProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->what);
  g_free (proposal);
}
