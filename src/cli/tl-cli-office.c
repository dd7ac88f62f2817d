/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-office"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-json.h"
#include "tl-office.h"

/* office create|invite|join|members|remove|status|sync|conflicts|resolve: an office of
 * stores kept in step through a folder a sync engine carries (docs/sync.md). Tipline
 * only reads and writes that folder; Syncthing (or any folder sync) moves it. */

/* helpers */

static char *
format_ms (gint64 ms)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (ms <= 0)
    return g_strdup (_("never"));
  utc = g_date_time_new_from_unix_utc (ms / 1000);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

static char *
format_iso_ms (gint64 ms)
{
  g_autoptr(GDateTime) utc = ms > 0 ? g_date_time_new_from_unix_utc (ms / 1000) : NULL;

  return utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
}

static int
office_sync (TlStore  *store,
             TlCli    *cli,
             gboolean  snapshot,
             gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlOfficeSyncResult) result = NULL;

  result = tl_office_sync (store, snapshot ? TL_OFFICE_SYNC_SNAPSHOT : TL_OFFICE_SYNC_DEFAULT, &error);
  if (result == NULL)
    return tl_cli_fail (cli, error);
  print_problems (result->problems);
  if (json)
    {
      g_autoptr(TlJson) out = tl_json_new ();
      g_autofree char *text = NULL;

      tl_json_begin_object (out);
      tl_json_member_int (out, "segments-read", result->segments_read);
      tl_json_member_int (out, "changes-applied", result->changes_applied);
      tl_json_member_int (out, "changes-sent", result->changes_sent);
      tl_json_member_int (out, "conflicts-new", result->conflicts_new);
      tl_json_member_int (out, "members-added", result->members_added);
      tl_json_member_bool (out, "wrote-segment", result->wrote_segment);
      tl_json_member_bool (out, "became-member", result->became_member);
      tl_json_key (out, "problems");
      tl_json_begin_array (out);
      for (guint i = 0; i < result->problems->len; i++)
        tl_json_string (out, g_ptr_array_index (result->problems, i));
      tl_json_end_array (out);
      tl_json_end_object (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
      return TL_EXIT_OK;
    }
  if (result->became_member)
    g_print ("%s\n", _("This device was let into the office."));
  /* Translators: counts of segments read, changes taken in and changes sent */
  g_print (_("Segments read: %u. Changes taken in: %u. Changes sent: %u.\n"),
           result->segments_read, result->changes_applied, result->changes_sent);
  if (result->members_added > 0)
    g_print (_("New devices let into the office: %u\n"), result->members_added);
  if (result->conflicts_new > 0)
    g_print (_("New conflicts: %u. See them with “tipline-cli office conflicts”.\n"), result->conflicts_new);
  return TL_EXIT_OK;
}

static int
office_members (TlStore  *store,
                TlCli    *cli,
                gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = tl_office_list_members (store, &error);
  g_autoptr(TlJson) out = NULL;

  if (members == NULL)
    return tl_cli_fail (cli, error);
  if (json)
    {
      g_autofree char *text = NULL;

      out = tl_json_new ();
      tl_json_begin_array (out);
      for (guint i = 0; i < members->len; i++)
        {
          TlOfficeMember *m = g_ptr_array_index (members, i);
          g_autofree char *seen = format_iso_ms (m->last_seen);

          tl_json_begin_object (out);
          tl_json_member_string (out, "device", m->device);
          tl_json_member_string (out, "name", m->name);
          tl_json_member_bool (out, "removed", m->removed);
          tl_json_member_bool (out, "this-device", m->is_self);
          tl_json_member_string (out, "last-sync", seen);
          tl_json_end_object (out);
        }
      tl_json_end_array (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
      return TL_EXIT_OK;
    }
  for (guint i = 0; i < members->len; i++)
    {
      TlOfficeMember *m = g_ptr_array_index (members, i);
      g_autofree char *seen = format_ms (m->last_seen);

      /* device id, name, last sync, and a note */
      g_print ("%s  %s  %s%s%s\n", m->device, m->name, seen,
               m->is_self ? _("  (this device)") : "",
               m->removed ? _("  (removed)") : "");
    }
  return TL_EXIT_OK;
}

static int
office_status (TlStore  *store,
               TlCli    *cli,
               gboolean  json)
{
  g_autoptr(GError) error = NULL;
  TlOfficeStatus status;
  g_autofree char *last = NULL;

  if (!tl_office_get_status (store, &status, &error))
    return tl_cli_fail (cli, error);
  if (json)
    {
      g_autoptr(TlJson) out = tl_json_new ();
      g_autofree char *text = NULL;
      g_autofree char *iso = format_iso_ms (status.last_sync);

      tl_json_begin_object (out);
      tl_json_member_bool (out, "member", status.member);
      tl_json_member_string (out, "folder", status.folder);
      tl_json_member_string (out, "device", status.device);
      tl_json_member_string (out, "name", status.device_name);
      tl_json_member_int (out, "key-generation", status.generation);
      tl_json_member_string (out, "last-sync", iso);
      tl_json_member_int (out, "conflicts", status.conflicts);
      tl_json_end_object (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
    }
  else
    {
      last = format_ms (status.last_sync);
      g_print (_("Office folder: %s\n"), status.folder);
      g_print (_("This device: %s (%s)\n"), status.device_name, status.device);
      g_print ("%s\n", status.member ? _("A member of the office.")
                                     : _("Waiting for a member to let this device in: ask them to sync."));
      g_print (_("Last sync: %s\n"), last);
      g_print (_("Open conflicts: %u\n"), status.conflicts);
    }
  tl_office_status_clear (&status);
  return TL_EXIT_OK;
}

static int
office_conflicts (TlStore  *store,
                  TlCli    *cli,
                  gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = tl_office_list_conflicts (store, &error);

  if (conflicts == NULL)
    return tl_cli_fail (cli, error);
  if (json)
    {
      g_autoptr(TlJson) out = tl_json_new ();
      g_autofree char *text = NULL;

      tl_json_begin_array (out);
      for (guint i = 0; i < conflicts->len; i++)
        {
          TlOfficeConflict *c = g_ptr_array_index (conflicts, i);
          g_autofree char *shown_at = format_iso_ms (c->shown_at);
          g_autofree char *other_at = format_iso_ms (c->other_at);

          tl_json_begin_object (out);
          tl_json_member_string (out, "id", c->id);
          tl_json_member_string (out, "tip", c->tip_id);
          tl_json_member_string (out, "field", c->field);
          tl_json_member_string (out, "shown", c->shown_value);
          tl_json_member_string (out, "shown-by", c->shown_device);
          tl_json_member_string (out, "shown-at", shown_at);
          tl_json_member_string (out, "other", c->other_value);
          tl_json_member_string (out, "other-by", c->other_device);
          tl_json_member_string (out, "other-at", other_at);
          tl_json_end_object (out);
        }
      tl_json_end_array (out);
      text = tl_json_steal (g_steal_pointer (&out));
      g_print ("%s\n", text);
      return TL_EXIT_OK;
    }
  if (conflicts->len == 0)
    g_print ("%s\n", _("No open conflicts."));
  for (guint i = 0; i < conflicts->len; i++)
    {
      TlOfficeConflict *c = g_ptr_array_index (conflicts, i);
      g_autofree char *shown_at = format_ms (c->shown_at);
      g_autofree char *other_at = format_ms (c->other_at);

      /* Translators: conflict id, tip id, field */
      g_print (_("%s  tip %s, %s\n"), c->id, c->tip_id, c->field);
      /* Translators: the value, who wrote it, when */
      g_print (_("  shown: “%s” (%s, %s)\n"), c->shown_value, c->shown_device, shown_at);
      g_print (_("  other: “%s” (%s, %s)\n"), c->other_value, c->other_device, other_at);
    }
  return TL_EXIT_OK;
}

/* commands */

int
tl_cli_office (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *keep = NULL;
  gboolean json = FALSE, snapshot = FALSE;
  const char *action;
  int status;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("The office folder the sync engine shares (create, join)"), N_("DIR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("What to call this device in the office (create, join)"), N_("NAME") },
    { "snapshot", 0, 0, G_OPTION_ARG_NONE, &snapshot, N_("Also write a snapshot, so old segments can be pruned (sync)"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("Which value to keep: shown or other (resolve)"), N_("WHICH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries,
                     "create --folder DIR | invite | join --folder DIR CODE | members | remove DEVICE | status | sync | conflicts | resolve ID --keep shown|other",
                     &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 2)
    return tl_cli_usage (cli, _("Say create, invite, join, members, remove, status, sync, conflicts or resolve."));
  action = argv[1];

  if ((g_str_equal (action, "create") || g_str_equal (action, "join")) && folder == NULL)
    return tl_cli_usage (cli, _("Give the office folder with --folder."));
  if (g_str_equal (action, "join") && argc != 3)
    return tl_cli_usage (cli, _("join takes the join code a member read out."));
  if (g_str_equal (action, "remove") && argc != 3)
    return tl_cli_usage (cli, _("remove takes the device id or name, as “office members” lists it."));
  if (g_str_equal (action, "resolve") &&
      (argc != 3 || (g_strcmp0 (keep, "shown") != 0 && g_strcmp0 (keep, "other") != 0)))
    return tl_cli_usage (cli, _("resolve takes a conflict id and --keep shown or --keep other."));
  if (!g_str_equal (action, "create") && !g_str_equal (action, "invite") && !g_str_equal (action, "join") &&
      !g_str_equal (action, "members") && !g_str_equal (action, "remove") && !g_str_equal (action, "status") &&
      !g_str_equal (action, "sync") && !g_str_equal (action, "conflicts") && !g_str_equal (action, "resolve"))
    return tl_cli_usage (cli, _("Say create, invite, join, members, remove, status, sync, conflicts or resolve."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (g_str_equal (action, "create"))
    {
      if (!tl_office_create (store, folder, name, &error))
        return tl_cli_fail (cli, error);
      g_print ("%s\n", _("The office was made. Add devices with “tipline-cli office invite”."));
      return office_sync (store, cli, FALSE, FALSE);
    }
  if (g_str_equal (action, "invite"))
    {
      g_autofree char *code = tl_office_invite (store, &error);

      if (code == NULL)
        return tl_cli_fail (cli, error);
      g_print ("%s\n", _("Read this join code to the person joining, in person or by phone; it works once, for a day:"));
      g_print ("%s\n", code);
      return TL_EXIT_OK;
    }
  if (g_str_equal (action, "join"))
    {
      if (!tl_office_join (store, folder, name, argv[2], &error))
        return tl_cli_fail (cli, error);
      g_print ("%s\n", _("Asked to join. Once a member has synced, sync here to finish."));
      return TL_EXIT_OK;
    }
  if (g_str_equal (action, "members"))
    return office_members (store, cli, json);
  if (g_str_equal (action, "remove"))
    {
      if (!tl_office_remove_member (store, argv[2], &error))
        return tl_cli_fail (cli, error);
      g_print ("%s\n", _("Removed, and the office key was changed: what is written from now on is unreadable to that device. What it already synced stays on it."));
      return office_sync (store, cli, FALSE, FALSE);
    }
  if (g_str_equal (action, "status"))
    return office_status (store, cli, json);
  if (g_str_equal (action, "sync"))
    return office_sync (store, cli, snapshot, json);
  if (g_str_equal (action, "conflicts"))
    return office_conflicts (store, cli, json);

  if (!tl_office_resolve (store, argv[2], g_str_equal (keep, "other") ? TL_OFFICE_KEEP_OTHER : TL_OFFICE_KEEP_SHOWN,
                          &error))
    return tl_cli_fail (cli, error);
  g_print ("%s\n", _("Resolved. The next sync tells the other devices."));
  return TL_EXIT_OK;
}
