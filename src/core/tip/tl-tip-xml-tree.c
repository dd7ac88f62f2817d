/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-xml"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-tip-limits.h"
#include "tl-tip-xml.h"
#include "tl-tip-xml-private.h"
#include "tl-safety-plan.h"

#include <stdio.h>

/* Turns a parsed (and, unless trusted, validated) document into tips. The schema
 * has already refused anything malformed in an untrusted file, so the checks here
 * are the ones trusted drafts still need: a real UUID, times that parse, nicks
 * Tipline knows. Unknown elements are skipped; trusted data is our own. */

typedef struct
{
  const char *filename;
  TlTipXmlFlags flags;
  GError *error;      /* the first problem found, if any */
} TreeContext;

/* Helpers */

static char *
dup_xml (xmlChar *value)
{
  char *result = NULL;

  /* Empty or blank text is "not given", as in the model. */
  if (value != NULL)
    {
      for (const xmlChar *p = value; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          {
            result = g_strdup ((const char *) value);
            break;
          }
      xmlFree (value);
    }

  return result;
}

static char *
dup_content (xmlNodePtr node)
{
  return dup_xml (xmlNodeGetContent (node));
}

static char *
dup_attr (xmlNodePtr  node,
          const char *name)
{
  return dup_xml (xmlGetNoNsProp (node, BAD_CAST name));
}

static void
take_str (char **field,
          char  *value)
{
  g_free (*field);
  *field = value;
}

static gboolean
named (xmlNodePtr  node,
       const char *name)
{
  return xmlStrEqual (node->name, BAD_CAST name);
}

static void
fail_at (TreeContext *tc,
         xmlNodePtr   node,
         const char  *detail)
{
  if (tc->error != NULL)
    return;

  g_set_error (&tc->error, TL_ERROR, TL_ERROR_INVALID,
               /* Translators: FILE:LINE: then why the value is wrong */
               _("%s:%d: This tip does not follow the Tipline tip format: %s"),
               tc->filename, (int) xmlGetLineNo (node), detail);
}

/* Over a limit of tl-tip-limits.h: one line that says where and which limit. */
static void
fail_too_large (TreeContext *tc,
                xmlNodePtr   node,
                const char  *detail)
{
  if (tc->error != NULL)
    return;

  g_set_error (&tc->error, TL_ERROR, TL_ERROR_TOO_LARGE,
               /* Translators: FILE:LINE: then the limit that was broken */
               _("%s:%d: %s"), tc->filename, (int) xmlGetLineNo (node), detail);
}

/* Returns the value for a nick; fallback when there is none. Takes text. */
static int
enum_value (TreeContext       *tc,
            xmlNodePtr         node,
            char              *text,
            const TlEnumValue *table,
            int                fallback)
{
  g_autofree char *nick = text;
  int value = fallback;

  if (nick == NULL)
    return fallback;

  /* RelaxNG compares values as tokens, so surrounding space is allowed. */
  g_strstrip (nick);
  if (tl_enum_from_nick (table, nick, &value))
    return value;

  if (tc->flags & TL_TIP_XML_TRUSTED)
    {
      /* A draft from a newer Tipline: keep the rest rather than lose it all.
       * The value itself is not logged; logs must not hold tip data. */
      g_warning ("Line %ld: unknown value in <%s> left unset",
                 xmlGetLineNo (node), (const char *) node->name);
    }
  else
    {
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not one of the values of <%s>."),
                         nick, (const char *) node->name);
      fail_at (tc, node, detail);
    }

  return fallback;
}

static GDateTime *
date_time_value (TreeContext *tc,
                 xmlNodePtr   node,
                 char        *text)
{
  g_autofree char *owned = text;
  GDateTime *result;

  if (owned == NULL)
    return NULL;

  /* No default zone: a time without its UTC offset is refused, not guessed.
   * (GLib 2.74 reads six-digit fractions exactly; test-tip-xml checks it.) */
  result = g_date_time_new_from_iso8601 (g_strstrip (owned), NULL);
  if (result == NULL)
    {
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not a date and time such as 2026-11-22T14:05:00-07:00."),
                         owned);
      fail_at (tc, node, detail);
    }

  return result;
}

static gint64
usec_value (TreeContext *tc,
            xmlNodePtr   node,
            char        *text)
{
  g_autoptr(GDateTime) date_time = date_time_value (tc, node, text);

  if (date_time == NULL)
    return 0;

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (date_time);
}

static gboolean
boolean_value (char *text)
{
  g_autofree char *owned = text;

  if (owned == NULL)
    return FALSE;

  g_strstrip (owned);
  return g_str_equal (owned, "true") || g_str_equal (owned, "1");
}

#define FOR_EACH_CHILD(child, parent) \
  for (xmlNodePtr child = (parent)->children; child != NULL; child = child->next) \
    if (_tl_tip_xml_is_element (child, NULL))

static gboolean
clock_value (const char *text,
             guint16    *minutes)
{
  guint hours, mins;
  char tail;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &hours, &mins, &tail) != 2 ||
      hours > 23 || mins > 59)
    return FALSE;
  *minutes = (guint16) (hours * 60 + mins);
  return TRUE;
}

static void
read_safety_plan (TreeContext  *tc,
                  xmlNodePtr    node,
                  TlSafetyPlan *plan)
{
  static const char * const day_nicks[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  g_autofree char *days = dup_attr (node, "days");
  g_autofree char *from = dup_attr (node, "from");
  g_autofree char *to = dup_attr (node, "to");

  tl_safety_plan_clear (plan);
  plan->call_back = enum_value (tc, node, dup_attr (node, "safe"), tl_call_back_values,
                                TL_CALL_BACK_UNKNOWN);
  plan->message = enum_value (tc, node, dup_attr (node, "message"), tl_message_rule_values,
                              TL_MESSAGE_UNKNOWN);
  take_str (&plan->timezone, dup_attr (node, "timezone"));
  if (days != NULL)
    {
      g_auto(GStrv) tokens = g_strsplit_set (days, " \t\n", -1);

      for (guint i = 0; tokens[i] != NULL; i++)
        for (guint d = 0; d < 7; d++)
          if (g_str_equal (tokens[i], day_nicks[d]))
            plan->days |= 1 << d;
    }
  if ((from != NULL && !clock_value (g_strstrip (from), &plan->from)) ||
      (to != NULL && !clock_value (g_strstrip (to), &plan->to)))
    fail_at (tc, node, _("A call-back window’s from and to are times of day such as 09:00 or 21:30."));

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "message-text"))
        take_str (&plan->message_text, dup_content (child));
      else if (named (child, "ask-for"))
        take_str (&plan->ask_for, dup_content (child));
      else if (named (child, "code-word"))
        take_str (&plan->code_word, dup_content (child));
      else if (named (child, "if-dropped"))
        take_str (&plan->if_dropped, dup_content (child));
    }
}

static TlVictim *
read_victim (TreeContext *tc,
             xmlNodePtr   node)
{
  TlVictim *victim = tl_victim_new ();

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "name"))
        take_str (&victim->name, dup_content (child));
      else if (named (child, "description"))
        take_str (&victim->description, dup_content (child));
      else if (named (child, "age"))
        take_str (&victim->age, dup_content (child));
      else if (named (child, "birth-date"))
        take_str (&victim->birth_date, dup_content (child));
      else if (named (child, "gender"))
        victim->gender = enum_value (tc, child, dup_content (child),
                                     tl_gender_values, victim->gender);
      else if (named (child, "citizenship"))
        {
          victim->citizenship = enum_value (tc, child, dup_attr (child, "status"),
                                            tl_citizenship_values, victim->citizenship);
          take_str (&victim->country, dup_attr (child, "country"));
        }
      else if (named (child, "language"))
        take_str (&victim->language, dup_content (child));
      else if (named (child, "phone"))
        take_str (&victim->phone, dup_content (child));
      else if (named (child, "email"))
        take_str (&victim->email, dup_content (child));
      else if (named (child, "address"))
        take_str (&victim->address, dup_content (child));
      else if (named (child, "law-enforcement"))
        victim->stance = enum_value (tc, child, dup_content (child),
                                     tl_stance_values, victim->stance);
      else if (named (child, "need"))
        victim->needs |= enum_value (tc, child, dup_content (child), tl_need_values, 0);
      else if (named (child, "consent"))
        {
          victim->release_signed = boolean_value (dup_attr (child, "release-signed"));
          take_str (&victim->release_date, dup_attr (child, "date"));
          take_str (&victim->release_language, dup_attr (child, "language"));
        }
      else if (named (child, "call-back"))
        read_safety_plan (tc, child, &victim->plan);
    }

  return victim;
}

static TlOffender *
read_offender (TreeContext *tc,
               xmlNodePtr   node)
{
  TlOffender *offender = tl_offender_new ();

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "name"))
        take_str (&offender->name, dup_content (child));
      else if (named (child, "alias"))
        take_str (&offender->alias, dup_content (child));
      else if (named (child, "age"))
        take_str (&offender->age, dup_content (child));
      else if (named (child, "birth-date"))
        take_str (&offender->birth_date, dup_content (child));
      else if (named (child, "gender"))
        offender->gender = enum_value (tc, child, dup_content (child),
                                       tl_gender_values, offender->gender);
      else if (named (child, "description"))
        take_str (&offender->description, dup_content (child));
      else if (named (child, "address"))
        take_str (&offender->address, dup_content (child));
      else if (named (child, "marks"))
        take_str (&offender->marks, dup_content (child));
      else if (named (child, "role"))
        offender->role = enum_value (tc, child, dup_content (child),
                                     tl_offender_role_values, offender->role);
    }

  return offender;
}

static TlVehicle *
read_vehicle (xmlNodePtr node)
{
  TlVehicle *vehicle = tl_vehicle_new ();

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "plate"))
        {
          take_str (&vehicle->plate, dup_content (child));
          take_str (&vehicle->plate_state, dup_attr (child, "state"));
        }
      else if (named (child, "make"))
        take_str (&vehicle->make, dup_content (child));
      else if (named (child, "model"))
        take_str (&vehicle->model, dup_content (child));
      else if (named (child, "color"))
        take_str (&vehicle->color, dup_content (child));
      else if (named (child, "year"))
        take_str (&vehicle->year, dup_content (child));
      else if (named (child, "description"))
        take_str (&vehicle->description, dup_content (child));
    }

  return vehicle;
}

static TlPhone *
read_phone (TreeContext *tc,
            xmlNodePtr   node)
{
  TlPhone *phone = tl_phone_new ();

  phone->number = dup_content (node);
  phone->carrier = dup_attr (node, "carrier");
  phone->owner = enum_value (tc, node, dup_attr (node, "owner"),
                             tl_phone_owner_values, phone->owner);

  return phone;
}

static TlOnline *
read_online (TreeContext *tc,
             xmlNodePtr   node)
{
  TlOnline *online = tl_online_new ();

  online->kind = enum_value (tc, node, dup_attr (node, "kind"),
                             tl_online_kind_values, online->kind);
  online->platform = dup_attr (node, "platform");
  online->value = dup_content (node);

  return online;
}

static TlFinancial *
read_financial (TreeContext *tc,
                xmlNodePtr   node)
{
  TlFinancial *financial = tl_financial_new ();

  financial->kind = enum_value (tc, node, dup_attr (node, "kind"),
                                tl_financial_kind_values, financial->kind);
  financial->institution = dup_attr (node, "institution");
  financial->holder = dup_attr (node, "holder");
  financial->value = dup_content (node);

  return financial;
}

static TlReferral *
read_referral (TreeContext *tc,
               xmlNodePtr   node)
{
  TlReferral *referral = tl_referral_new ();

  referral->at = date_time_value (tc, node, dup_attr (node, "at"));
  referral->outcome = enum_value (tc, node, dup_attr (node, "outcome"),
                                  tl_outcome_values, referral->outcome);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "contact"))
        {
          take_str (&referral->contact_id, dup_attr (child, "id"));
          take_str (&referral->contact_name, dup_content (child));
        }
      else if (named (child, "step"))
        take_str (&referral->step, dup_content (child));
      else if (named (child, "note"))
        take_str (&referral->note, dup_content (child));
      else if (named (child, "advocate"))
        take_str (&referral->advocate, dup_content (child));
      else if (named (child, "stage"))
        {
          int stage = enum_value (tc, child, dup_attr (child, "name"), tl_referral_stage_values, -1);
          g_autoptr(GDateTime) at = date_time_value (tc, child, dup_attr (child, "at"));
          g_autofree char *reason = dup_content (child);
          g_autofree char *advocate = dup_attr (child, "advocate");

          /* a stage a newer Tipline knows is left out rather than guessed */
          if (stage < 0)
            continue;
          if (referral->moves == NULL)
            referral->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_move_free);
          g_ptr_array_add (referral->moves, tl_referral_move_new (stage, at, reason, advocate));
        }
    }

  return referral;
}

static void
read_reporter (TreeContext *tc,
               xmlNodePtr   node,
               TlTip       *tip)
{
  tip->reporter_role = enum_value (tc, node, dup_attr (node, "role"),
                                   tl_reporter_role_values, tip->reporter_role);
  tip->reporter_anonymous = boolean_value (dup_attr (node, "anonymous"));

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "name"))
        take_str (&tip->reporter_name, dup_content (child));
      else if (named (child, "phone"))
        take_str (&tip->reporter_phone, dup_content (child));
      else if (named (child, "email"))
        take_str (&tip->reporter_email, dup_content (child));
      else if (named (child, "call-back"))
        read_safety_plan (tc, child, &tip->reporter_plan);
    }
}

static void
read_situation (TreeContext *tc,
                xmlNodePtr   node,
                TlTip       *tip)
{
  tip->danger = enum_value (tc, node, dup_attr (node, "danger"),
                            tl_danger_values, tip->danger);
  tip->type = enum_value (tc, node, dup_attr (node, "type"),
                          tl_trafficking_type_values, tip->type);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "venue"))
        tip->venue = enum_value (tc, child, dup_content (child), tl_venue_values, tip->venue);
      else if (named (child, "venue-detail"))
        take_str (&tip->venue_detail, dup_content (child));
      else if (named (child, "operation"))
        take_str (&tip->operation, dup_content (child));
    }
}

static void
read_location (xmlNodePtr  node,
               TlLocation *location)
{
  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "address"))
        take_str (&location->address, dup_content (child));
      else if (named (child, "city"))
        take_str (&location->city, dup_content (child));
      else if (named (child, "county"))
        take_str (&location->county, dup_content (child));
      else if (named (child, "state"))
        take_str (&location->state, dup_content (child));
      else if (named (child, "description"))
        take_str (&location->description, dup_content (child));
    }
}

static TlTip *
read_tip (TreeContext *tc,
          xmlNodePtr   node)
{
  g_autofree char *id = dup_attr (node, "id");
  TlTip *tip;

  /* The id is what the store and other offices match tips by: never invent one.
   * tl_tip_new_with_id, unlike tl_tip_new, leaves "received" empty, as the file may. */
  if (id == NULL || !g_uuid_string_is_valid (g_strstrip (id)))
    {
      fail_at (tc, node, _("A <tip> needs an id attribute holding a UUID, such as "
                           "3f6c2a8e-5b1d-4c7e-9a2f-1d8e7b6c5a40."));
      return NULL;
    }

  tip = tl_tip_new_with_id (id);

  /* The writer leaves out times that are not set, so absent means zero. */
  tip->created = usec_value (tc, node, dup_attr (node, "created"));
  tip->modified = usec_value (tc, node, dup_attr (node, "modified"));
  tip->status = enum_value (tc, node, dup_attr (node, "status"),
                            tl_tip_status_values, tip->status);

  FOR_EACH_CHILD (child, node)
    {
      if (named (child, "received"))
        {
          g_clear_pointer (&tip->received, g_date_time_unref);
          tip->received = date_time_value (tc, child, dup_content (child));
        }
      else if (named (child, "channel"))
        tip->channel = enum_value (tc, child, dup_content (child),
                                   tl_channel_values, tip->channel);
      else if (named (child, "reporter"))
        read_reporter (tc, child, tip);
      else if (named (child, "advocate"))
        take_str (&tip->advocate, dup_content (child));
      else if (named (child, "close-reason"))
        take_str (&tip->close_reason, dup_content (child));
      else if (named (child, "sources"))
        for (guint i = 0; i < TL_N_PARTS; i++)
          tip->sources[i] = enum_value (tc, child,
                                        dup_attr (child, tl_enum_to_nick (tl_part_values, i)),
                                        tl_source_values, tip->sources[i]);
      else if (named (child, "situation"))
        read_situation (tc, child, tip);
      else if (named (child, "release-policy"))
        tip->release_policy = enum_value (tc, child, dup_content (child),
                                          tl_release_policy_values, tip->release_policy);
      else if (named (child, "location"))
        read_location (child, &tip->location);
      else if (named (child, "victim"))
        g_ptr_array_add (tip->victims, read_victim (tc, child));
      else if (named (child, "offender"))
        g_ptr_array_add (tip->offenders, read_offender (tc, child));
      else if (named (child, "vehicle"))
        g_ptr_array_add (tip->vehicles, read_vehicle (child));
      else if (named (child, "phone"))
        g_ptr_array_add (tip->phones, read_phone (tc, child));
      else if (named (child, "online"))
        g_ptr_array_add (tip->online, read_online (tc, child));
      else if (named (child, "financial"))
        g_ptr_array_add (tip->financial, read_financial (tc, child));
      else if (named (child, "referral"))
        g_ptr_array_add (tip->referrals, read_referral (tc, child));
      else if (named (child, "narrative"))
        take_str (&tip->narrative, dup_content (child));
    }

  /* Normalise on read: "New Mexico" in a file is "NM" in the model. */
  tl_tip_normalize (tip);
  return tip;
}

/* Every text in a tip element, before anything is built from it: a hostile file is
 * refused at once, with the limit it broke (tl-tip-limits.h). */
static gboolean
text_within_limits (TreeContext *tc,
                    xmlNodePtr   node,
                    gsize        limit)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      gsize own = limit;

      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL && strlen ((const char *) child->content) > limit)
            {
              g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);
              g_autofree char *detail =
                limit == TL_TIP_MAX_NARRATIVE
                ? g_strdup_printf (_("A tip’s narrative may be at most %s long; this one is longer. Shorten it, or keep long documents outside Tipline."), size)
                : g_strdup_printf (_("This text is longer than the %s a tip file may hold in one field."), size);

              fail_too_large (tc, node, detail);
              return FALSE;
            }
          continue;
        }
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (named (child, "narrative"))
        own = TL_TIP_MAX_NARRATIVE;
      for (xmlAttrPtr attr = child->properties; attr != NULL; attr = attr->next)
        if (attr->children != NULL && attr->children->content != NULL &&
            strlen ((const char *) attr->children->content) > TL_TIP_MAX_FIELD)
          {
            g_autofree char *size = g_format_size_full (TL_TIP_MAX_FIELD, G_FORMAT_SIZE_IEC_UNITS);
            g_autofree char *detail = g_strdup_printf (_("This text is longer than the %s a tip file may hold in one field."), size);

            fail_too_large (tc, child, detail);
            return FALSE;
          }
      /* An attachment's bytes have their own limits (tl-tip-xml-attachments.c). */
      if (named (child, "attachment"))
        continue;
      if (!text_within_limits (tc, child, own))
        return FALSE;
    }
  return TRUE;
}

static TlTip *
read_tip_within_limits (TreeContext *tc,
                        xmlNodePtr   node)
{
  g_autoptr(TlTip) tip = NULL;
  GError *local_error = NULL;

  /* The store's own tips were checked when they were saved; what it holds opens. */
  if (!(tc->flags & TL_TIP_XML_TRUSTED) && !text_within_limits (tc, node, TL_TIP_MAX_FIELD))
    return NULL;

  tip = read_tip (tc, node);
  if (tip != NULL && !(tc->flags & TL_TIP_XML_TRUSTED) &&
      !tl_tip_check_limits (tip, &local_error))
    {
      fail_too_large (tc, node, local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  return g_steal_pointer (&tip);
}

static void
add_tip (GPtrArray *tips,
         TlTip     *tip)
{
  if (tip != NULL)
    g_ptr_array_add (tips, tip);
}

/* Shared with the reader */

gboolean
_tl_tip_xml_is_element (xmlNodePtr  node,
                        const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && xmlStrEqual (node->ns->href, BAD_CAST TL_TIP_XML_NAMESPACE)
         && (name == NULL || xmlStrEqual (node->name, BAD_CAST name));
}

GPtrArray *
_tl_tip_xml_tips_from_root (xmlNodePtr      root,
                            const char     *filename,
                            TlTipXmlFlags   flags,
                            GError        **error)
{
  TreeContext tc = { filename, flags, NULL };
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);

  if (named (root, "tip"))
    add_tip (tips, read_tip_within_limits (&tc, root));
  else
    {
      guint count = 0;

      FOR_EACH_CHILD (child, root)
        if (named (child, "tip"))
          count++;
      if (count > TL_TIP_XML_MAX_TIPS && !(flags & TL_TIP_XML_TRUSTED))
        {
          g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                       _("A tip file may hold at most %d tips; this one holds %u. Split it into several files."),
                       TL_TIP_XML_MAX_TIPS, count);
          return NULL;
        }
      FOR_EACH_CHILD (child, root)
        if (named (child, "tip") && tc.error == NULL)
          add_tip (tips, read_tip_within_limits (&tc, child));
    }

  if (tc.error != NULL)
    {
      g_propagate_error (error, tc.error);
      return NULL;
    }

  return g_steal_pointer (&tips);
}
