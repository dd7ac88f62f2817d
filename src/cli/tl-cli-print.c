/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-json.h"
#include "tl-tip-describe.h"

/* helpers */

static char *
format_unix (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static char *
format_usec_iso (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return utc ? g_date_time_format_iso8601 (utc) : NULL;
}

/* The JSON names of repeated sections. */
static const char *
plural_key (const char *section_key)
{
  static const char *plurals[][2] = {
    { "victim", "victims" }, { "offender", "offenders" }, { "vehicle", "vehicles" },
    { "phone", "phones" }, { "online", "online" }, { "financial", "financial" },
    { "referral", "referrals" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (plurals); i++)
    if (g_str_equal (plurals[i][0], section_key))
      return plurals[i][1];
  return section_key;
}

static void
print_tip_json (const TlTip *tip,
                GPtrArray   *sections)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *created = format_usec_iso (tip->created);
  g_autofree char *modified = format_usec_iso (tip->modified);
  const char *open_array = NULL;

  tl_json_begin_object (json);
  tl_json_member_string (json, "id", tip->id);
  tl_json_member_string (json, "status", tl_enum_to_nick (tl_tip_status_values, tip->status));
  tl_json_member_string (json, "created", created);
  tl_json_member_string (json, "modified", modified);
  tl_json_member_bool (json, "has_minor", tl_tip_has_minor (tip));

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      if (open_array != NULL && (section->index < 0 || !g_str_equal (open_array, section->key)))
        {
          tl_json_end_array (json);
          open_array = NULL;
        }
      if (section->index < 0)
        tl_json_key (json, section->key);
      else if (open_array == NULL)
        {
          tl_json_key (json, plural_key (section->key));
          tl_json_begin_array (json);
          open_array = section->key;
        }

      tl_json_begin_object (json);
      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          tl_json_member_string (json, field->key, field->value);
        }
      tl_json_end_object (json);
    }
  if (open_array != NULL)
    tl_json_end_array (json);
  tl_json_end_object (json);

  {
    g_autofree char *text = tl_json_steal (g_steal_pointer (&json));
    g_print ("%s\n", text);
  }
}

static void
print_tip_text (const TlTip *tip,
                GPtrArray   *sections)
{
  g_autofree char *modified = format_unix (tip->modified / G_USEC_PER_SEC);

  g_print ("%s %s\n", _("Tip"), tip->id);
  g_print ("%s: %s · %s: %s\n", _("Status"), tl_enum_label (tl_tip_status_values, tip->status),
           _("Last changed"), modified);

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *section = g_ptr_array_index (sections, i);

      g_print ("\n%s\n", section->title);
      for (guint j = 0; j < section->fields->len; j++)
        {
          TlField *field = g_ptr_array_index (section->fields, j);
          g_print ("  %s: %s\n", field->label, field->display);
        }
    }
}

/* public API */

void
tl_cli_print_rows (GPtrArray *rows,
                   gboolean   json)
{
  if (json)
    {
      g_autoptr(TlJson) out = tl_json_new ();
      g_autofree char *text = NULL;

      tl_json_begin_array (out);
      for (guint i = 0; i < rows->len; i++)
        {
          TlTipRow *row = g_ptr_array_index (rows, i);
          g_autofree char *modified = format_usec_iso (row->modified);
          g_autoptr(GDateTime) received = g_date_time_new_from_unix_utc (row->received);
          g_autofree char *received_iso = received ? g_date_time_format_iso8601 (received) : NULL;

          tl_json_begin_object (out);
          tl_json_member_string (out, "id", row->id);
          tl_json_member_string (out, "status", tl_enum_to_nick (tl_tip_status_values, row->status));
          tl_json_member_string (out, "received", received_iso);
          tl_json_member_string (out, "modified", modified);
          tl_json_member_string (out, "type", tl_enum_to_nick (tl_trafficking_type_values, row->type));
          tl_json_member_string (out, "danger", tl_enum_to_nick (tl_danger_values, row->danger));
          tl_json_member_bool (out, "has_minor", row->has_minor);
          tl_json_member_string (out, "state", row->state);
          tl_json_member_string (out, "summary", row->summary);
          tl_json_end_object (out);
        }
      tl_json_end_array (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
      return;
    }

  if (rows->len == 0)
    {
      g_print ("%s\n", _("No tips."));
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TlTipRow *row = g_ptr_array_index (rows, i);
      g_autofree char *received = format_unix (row->received);

      g_print ("%s  %s  %-9s %s%s\n", row->id, received,
               tl_enum_label (tl_tip_status_values, row->status),
               row->danger == TL_DANGER_IMMEDIATE ? "⚠ " : "",
               row->summary != NULL ? row->summary : "");
    }
}

void
tl_cli_print_tip (const TlTip *tip,
                  gboolean     json)
{
  g_autoptr(GPtrArray) sections = tl_tip_describe (tip);

  if (json)
    print_tip_json (tip, sections);
  else
    print_tip_text (tip, sections);
}
