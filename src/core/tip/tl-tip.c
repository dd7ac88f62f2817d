/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-normalize.h"
#include "tl-tip-private.h"
#include "tl-safety-plan.h"

G_DEFINE_BOXED_TYPE (TlTip, tl_tip, tl_tip_ref, tl_tip_unref)

/* helpers */




typedef gpointer (*CopyFunc) (gconstpointer item);
typedef gboolean (*EqualFunc) (gconstpointer a, gconstpointer b);

static GPtrArray *
list_copy (GPtrArray      *list,
           CopyFunc        copy,
           GDestroyNotify  free_func)
{
  GPtrArray *out = g_ptr_array_new_full (list->len, free_func);

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (out, copy (g_ptr_array_index (list, i)));
  return out;
}

static gboolean
list_equal (GPtrArray *a,
            GPtrArray *b,
            EqualFunc  equal)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static void
location_clear (TlLocation *location)
{
  g_clear_pointer (&location->address, g_free);
  g_clear_pointer (&location->city, g_free);
  g_clear_pointer (&location->county, g_free);
  g_clear_pointer (&location->state, g_free);
  g_clear_pointer (&location->description, g_free);
}

static void
location_copy (TlLocation       *dest,
               const TlLocation *src)
{
  dest->address = g_strdup (src->address);
  dest->city = g_strdup (src->city);
  dest->county = g_strdup (src->county);
  dest->state = g_strdup (src->state);
  dest->description = g_strdup (src->description);
}

static gboolean
location_equal (const TlLocation *a,
                const TlLocation *b)
{
  return _tl_str_equal (a->address, b->address)
         && _tl_str_equal (a->city, b->city)
         && _tl_str_equal (a->county, b->county)
         && _tl_str_equal (a->state, b->state)
         && _tl_str_equal (a->description, b->description);
}

/* the tip */

static void
tip_init_lists (TlTip *tip)
{
  tip->victims = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_victim_free);
  tip->offenders = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_offender_free);
  tip->vehicles = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_vehicle_free);
  tip->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_phone_free);
  tip->online = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_online_free);
  tip->financial = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_financial_free);
  tip->referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_free);
}

TlTip *
tl_tip_new_with_id (const char *id)
{
  TlTip *tip;

  g_return_val_if_fail (id != NULL && g_uuid_string_is_valid (id), NULL);

  tip = g_new0 (TlTip, 1);
  g_atomic_ref_count_init (&tip->ref_count);
  tip->id = g_strdup (id);
  tip->created = tip->modified = g_get_real_time ();
  tip->status = TL_TIP_STATUS_DRAFT;
  tip_init_lists (tip);
  return tip;
}

/* A new tip, received now in the local time zone. */
TlTip *
tl_tip_new (void)
{
  g_autofree char *id = g_uuid_string_random ();
  TlTip *tip = tl_tip_new_with_id (id);

  tip->received = g_date_time_new_now_local ();
  return tip;
}

TlTip *
tl_tip_ref (TlTip *tip)
{
  g_return_val_if_fail (tip != NULL, NULL);

  g_atomic_ref_count_inc (&tip->ref_count);
  return tip;
}

void
tl_tip_unref (TlTip *tip)
{
  g_return_if_fail (tip != NULL);

  if (!g_atomic_ref_count_dec (&tip->ref_count))
    return;

  g_free (tip->id);
  g_clear_pointer (&tip->received, g_date_time_unref);
  g_free (tip->reporter_name);
  g_free (tip->reporter_phone);
  g_free (tip->reporter_email);
  tl_safety_plan_clear (&tip->reporter_plan);
  g_free (tip->advocate);
  g_free (tip->close_reason);
  g_free (tip->venue_detail);
  g_free (tip->operation);
  location_clear (&tip->location);
  g_ptr_array_unref (tip->victims);
  g_ptr_array_unref (tip->offenders);
  g_ptr_array_unref (tip->vehicles);
  g_ptr_array_unref (tip->phones);
  g_ptr_array_unref (tip->online);
  g_ptr_array_unref (tip->financial);
  g_ptr_array_unref (tip->referrals);
  g_free (tip->narrative);
  g_free (tip);
}

TlTip *
tl_tip_copy (const TlTip *tip)
{
  TlTip *copy;

  g_return_val_if_fail (tip != NULL, NULL);

  copy = g_new0 (TlTip, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->id = g_strdup (tip->id);
  copy->created = tip->created;
  copy->modified = tip->modified;
  copy->revision = tip->revision;
  copy->status = tip->status;
  copy->received = _tl_datetime_ref (tip->received);
  copy->channel = tip->channel;
  copy->reporter_role = tip->reporter_role;
  copy->reporter_anonymous = tip->reporter_anonymous;
  memcpy (copy->sources, tip->sources, sizeof copy->sources);
  copy->reporter_name = g_strdup (tip->reporter_name);
  copy->reporter_phone = g_strdup (tip->reporter_phone);
  copy->reporter_email = g_strdup (tip->reporter_email);
  tl_safety_plan_copy_into (&copy->reporter_plan, &tip->reporter_plan);
  copy->advocate = g_strdup (tip->advocate);
  copy->close_reason = g_strdup (tip->close_reason);
  copy->danger = tip->danger;
  copy->type = tip->type;
  copy->venue = tip->venue;
  copy->venue_detail = g_strdup (tip->venue_detail);
  copy->operation = g_strdup (tip->operation);
  copy->release_policy = tip->release_policy;
  location_copy (&copy->location, &tip->location);
  copy->victims = list_copy (tip->victims, (CopyFunc) tl_victim_copy,
                             (GDestroyNotify) tl_victim_free);
  copy->offenders = list_copy (tip->offenders, (CopyFunc) tl_offender_copy,
                               (GDestroyNotify) tl_offender_free);
  copy->vehicles = list_copy (tip->vehicles, (CopyFunc) tl_vehicle_copy,
                              (GDestroyNotify) tl_vehicle_free);
  copy->phones = list_copy (tip->phones, (CopyFunc) tl_phone_copy,
                            (GDestroyNotify) tl_phone_free);
  copy->online = list_copy (tip->online, (CopyFunc) tl_online_copy,
                            (GDestroyNotify) tl_online_free);
  copy->financial = list_copy (tip->financial, (CopyFunc) tl_financial_copy,
                               (GDestroyNotify) tl_financial_free);
  copy->referrals = list_copy (tip->referrals, (CopyFunc) tl_referral_copy,
                               (GDestroyNotify) tl_referral_free);
  copy->narrative = g_strdup (tip->narrative);
  return copy;
}

gboolean
tl_tip_equal (const TlTip *a,
              const TlTip *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _tl_str_equal (a->id, b->id)
         && a->created == b->created
         && a->modified == b->modified
         && a->status == b->status
         && _tl_datetime_equal (a->received, b->received)
         && a->channel == b->channel
         && a->reporter_role == b->reporter_role
         && a->reporter_anonymous == b->reporter_anonymous
         && memcmp (a->sources, b->sources, sizeof a->sources) == 0
         && _tl_str_equal (a->reporter_name, b->reporter_name)
         && _tl_str_equal (a->reporter_phone, b->reporter_phone)
         && _tl_str_equal (a->reporter_email, b->reporter_email)
         && tl_safety_plan_equal (&a->reporter_plan, &b->reporter_plan)
         && _tl_str_equal (a->advocate, b->advocate)
         && _tl_str_equal (a->close_reason, b->close_reason)
         && a->danger == b->danger
         && a->type == b->type
         && a->venue == b->venue
         && _tl_str_equal (a->venue_detail, b->venue_detail)
         && _tl_str_equal (a->operation, b->operation)
         && a->release_policy == b->release_policy
         && location_equal (&a->location, &b->location)
         && list_equal (a->victims, b->victims, _tl_victim_equal)
         && list_equal (a->offenders, b->offenders, _tl_offender_equal)
         && list_equal (a->vehicles, b->vehicles, _tl_vehicle_equal)
         && list_equal (a->phones, b->phones, _tl_phone_equal)
         && list_equal (a->online, b->online, _tl_online_equal)
         && list_equal (a->financial, b->financial, _tl_financial_equal)
         && list_equal (a->referrals, b->referrals, _tl_referral_equal)
         && _tl_str_equal (a->narrative, b->narrative);
}

/* Record an edit: modified times only move forward, even if the clock steps back. */
void
tl_tip_touch (TlTip *tip)
{
  g_return_if_fail (tip != NULL);

  tip->modified = MAX (g_get_real_time (), tip->modified + 1);
}

gboolean
tl_tip_is_anonymous (const TlTip *tip)
{
  g_return_val_if_fail (tip != NULL, FALSE);

  return tip->reporter_anonymous || tip->reporter_role == TL_REPORTER_ANONYMOUS;
}

TlInfoSource
tl_tip_get_source (const TlTip *tip,
                   TlPart       part)
{
  g_return_val_if_fail (tip != NULL, TL_SOURCE_REPORTER);
  g_return_val_if_fail (part < TL_N_PARTS, TL_SOURCE_REPORTER);

  if (tip->sources[part] != TL_SOURCE_FROM_ROLE)
    return tip->sources[part];

  /* Only a victim who reports herself makes her own role the source; a third party or a
   * service provider who passes on what a victim told them sets that part's source to
   * the victim in the form. */
  switch (tip->reporter_role)
    {
    case TL_REPORTER_VICTIM:
      return TL_SOURCE_VICTIM;
    case TL_REPORTER_SERVICE_PROVIDER:
    case TL_REPORTER_NONE:
    case TL_REPORTER_THIRD_PARTY:
    case TL_REPORTER_ANONYMOUS:
    case TL_REPORTER_LAW_ENFORCEMENT:
    default:
      return TL_SOURCE_REPORTER;
    }
}

gboolean
tl_tip_has_minor (const TlTip *tip)
{
  g_return_val_if_fail (tip != NULL, FALSE);

  for (guint i = 0; i < tip->victims->len; i++)
    if (tl_victim_is_minor (g_ptr_array_index (tip->victims, i), tip->received))
      return TRUE;
  return FALSE;
}

/* One line for lists, with no names in it: a list can be seen over a shoulder. */
char *
tl_tip_dup_summary (const TlTip *tip)
{
  GString *summary;
  guint n_victims, n_minors = 0;

  g_return_val_if_fail (tip != NULL, NULL);

  summary = g_string_new (tl_enum_label (tl_trafficking_type_values, tip->type));
  if (tip->location.city != NULL || tip->location.state != NULL)
    {
      g_string_append (summary, " · ");
      if (tip->location.city != NULL)
        g_string_append (summary, tip->location.city);
      if (tip->location.city != NULL && tip->location.state != NULL)
        g_string_append (summary, ", ");
      if (tip->location.state != NULL)
        g_string_append (summary, tip->location.state);
    }

  n_victims = tip->victims->len;
  for (guint i = 0; i < n_victims; i++)
    if (tl_victim_is_minor (g_ptr_array_index (tip->victims, i), tip->received))
      n_minors++;

  if (n_victims > 0)
    {
      g_string_append (summary, " · ");
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE, "%u victim", "%u victims", n_victims),
                              n_victims);
      if (n_minors > 0)
        {
          g_string_append (summary, " ");
          g_string_append_printf (summary,
                                  g_dngettext (GETTEXT_PACKAGE, "(%u minor)", "(%u minors)", n_minors),
                                  n_minors);
        }
    }

  /* The tip list shows it: nobody calls such a caller back by mistake. */
  if (tl_tip_is_anonymous (tip))
    g_string_append_printf (summary, " · %s", g_dgettext (GETTEXT_PACKAGE, N_("anonymous caller")));

  return g_string_free (summary, FALSE);
}

void
tl_set_str (char       **field,
            const char  *value)
{
  g_return_if_fail (field != NULL);

  if (value != NULL)
    {
      const char *p = value;

      while (*p && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        value = NULL;
    }

  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static void
normalize_state (char **state)
{
  const char *code = *state != NULL ? tl_state_code (*state) : NULL;

  if (code != NULL && g_strcmp0 (code, *state) != 0)
    {
      g_free (*state);
      *state = g_strdup (code);
    }
}

void
tl_tip_normalize (TlTip *tip)
{
  g_return_if_fail (tip != NULL);

  normalize_state (&tip->location.state);
  for (guint i = 0; tip->vehicles != NULL && i < tip->vehicles->len; i++)
    normalize_state (&((TlVehicle *) g_ptr_array_index (tip->vehicles, i))->plate_state);
}
