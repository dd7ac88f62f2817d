/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-outcomes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-json.h"
#include "tl-tip-rules.h"

/* outcome ID [N STATE [--reason TEXT]]: where each logged call or referral of a tip
 * stands, and moving one on (made → accepted / declined / no answer → done). The rule
 * is the core's (tl_tip_move_referral); this only parses, saves and prints. */

/* helpers */

static char *
format_time (GDateTime *at)
{
  return at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static char *
format_iso (GDateTime *at)
{
  return at != NULL ? g_date_time_format_iso8601 (at) : NULL;
}

static void
print_json (const TlTip *tip)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *text = NULL;

  tl_json_begin_array (json);
  for (guint i = 0; i < tip->referrals->len; i++)
    {
      const TlReferral *r = g_ptr_array_index (tip->referrals, i);
      g_autofree char *made = format_iso (r->at);
      g_autofree char *since = format_iso (tl_referral_get_stage_time (r));

      tl_json_begin_object (json);
      tl_json_member_int (json, "number", i + 1);
      tl_json_member_string (json, "contact", r->contact_name != NULL ? r->contact_name : r->contact_id);
      tl_json_member_string (json, "step", r->step);
      tl_json_member_string (json, "outcome", tl_enum_to_nick (tl_outcome_values, r->outcome));
      tl_json_member_string (json, "made", made);
      tl_json_member_string (json, "stage", tl_enum_to_nick (tl_referral_stage_values, tl_referral_get_stage (r)));
      tl_json_member_string (json, "since", since);
      tl_json_key (json, "moves");
      tl_json_begin_array (json);
      for (guint m = 0; r->moves != NULL && m < r->moves->len; m++)
        {
          const TlReferralMove *move = g_ptr_array_index (r->moves, m);
          g_autofree char *at = format_iso (move->at);

          tl_json_begin_object (json);
          tl_json_member_string (json, "stage", tl_enum_to_nick (tl_referral_stage_values, move->stage));
          tl_json_member_string (json, "at", at);
          tl_json_member_string (json, "reason", move->reason);
          tl_json_member_string (json, "advocate", move->advocate);
          tl_json_end_object (json);
        }
      tl_json_end_array (json);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);

  text = tl_json_steal (g_steal_pointer (&json));
  g_print ("%s\n", text);
}

static void
print_text (const TlTip *tip)
{
  if (tip->referrals->len == 0)
    {
      g_print ("%s\n", _("No calls or referrals are logged for this tip."));
      return;
    }

  for (guint i = 0; i < tip->referrals->len; i++)
    {
      const TlReferral *r = g_ptr_array_index (tip->referrals, i);
      g_autofree char *made = format_time (r->at);
      g_autofree char *since = format_time (tl_referral_get_stage_time (r));
      const char *contact = r->contact_name != NULL ? r->contact_name : r->contact_id;

      /* number, when it was made, the contact, then where it stands and since when */
      g_print ("%u  %s  %s\n    %s %s\n", i + 1, made, contact != NULL ? contact : "-",
               _(tl_enum_label (tl_referral_stage_values, tl_referral_get_stage (r))), since);
      for (guint m = 0; r->moves != NULL && m < r->moves->len; m++)
        {
          const TlReferralMove *move = g_ptr_array_index (r->moves, m);

          if (move->reason != NULL)
            {
              g_autofree char *at = format_time (move->at);

              g_print ("    %s %s: %s\n", at, _(tl_enum_label (tl_referral_stage_values, move->stage)),
                       move->reason);
            }
        }
    }
}

/* commands */

int
tl_cli_outcome (TlCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean json = FALSE;
  guint64 number = 0;
  int stage = -1;
  int status;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why it was declined, or how it ended (needed for declined and done)"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID [N accepted|declined|no-answer|done]", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2 && argc != 4)
    return tl_cli_usage (cli, _("Give a tip id, and to move a referral on, its number and where it now stands."));
  if (argc == 4)
    {
      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &number, NULL))
        return tl_cli_usage (cli, _("Give the referral’s number, as “tipline-cli outcome ID” lists it."));
      if (!tl_enum_from_nick (tl_referral_stage_values, argv[3], &stage))
        return tl_cli_usage (cli, _("The stage is one of accepted, declined, no-answer or done."));
    }

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  tip = tl_store_load_tip (store, argv[1], &error);
  if (tip == NULL)
    return tl_cli_fail (cli, error);

  if (stage >= 0)
    {
      if (!tl_tip_move_referral (tip, (guint) number - 1, stage, reason,
                                 tl_store_get_advocate (store), NULL, &error) ||
          !tl_store_save_tip (store, tip, &error))
        return tl_cli_fail (cli, error);
    }

  if (json)
    print_json (tip);
  else
    print_text (tip);
  return TL_EXIT_OK;
}
