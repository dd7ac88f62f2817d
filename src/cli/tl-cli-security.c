/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-security"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"

/* keys, backup, restore and audit: thin wrappers over the store's security API. Key
 * changes ask for a passphrase that opens the store and use it twice (unlock, then
 * the store's own re-check), so it is kept in guarded memory until the end. */

/* helpers */

static int
usage_error (TlCli      *cli,
             const char *message)
{
  return tl_cli_usage (cli, message);
}

static TlStore *
open_keeping_passphrase (TlCli  *cli,
                         char  **passphrase_out,
                         int    *exit_code)
{
  g_autoptr(TlStore) store = tl_cli_new_store (cli);
  g_autoptr(GError) error = NULL;
  char *passphrase;

  if (!tl_store_exists (store))
    {
      g_autofree char *display = g_filename_display_name (cli->store_dir);

      g_set_error (&error, TL_ERROR, TL_ERROR_NO_STORE,
                   _("There is no Tipline store in %s yet. Create one with “tipline-cli init”, or name another folder with --store."),
                   display);
      *exit_code = tl_cli_fail (cli, error);
      return NULL;
    }

  passphrase = tl_cli_read_passphrase (_("Passphrase: "), &error);
  if (passphrase == NULL || !tl_store_unlock (store, passphrase, &error))
    {
      tl_cli_passphrase_free (passphrase);
      *exit_code = tl_cli_fail (cli, error);
      return NULL;
    }

  *passphrase_out = passphrase;
  *exit_code = TL_EXIT_OK;
  return g_steal_pointer (&store);
}

static void
print_recovery_code (const char *code)
{
  g_print ("%s\n\n    %s\n\n%s\n",
           _("Recovery code:"), code,
           _("Write it down and give it to your supervisor to keep somewhere safe. It opens the store like a passphrase, and it is shown only this once."));
}

static int
keys_list (TlCli   *cli,
           TlStore *store)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  infos = tl_store_list_key_slots (store, &error);
  if (infos == NULL)
    return tl_cli_fail (cli, error);

  for (guint i = 0; i < infos->len; i++)
    {
      const TlKeySlotInfo *info = g_ptr_array_index (infos, i);

      if (info->recovery)
        g_print ("%u  %s\n", info->index, _("recovery code"));
      else
        g_print ("%u  %s  %s\n", info->index, _("passphrase"),
                 info->label[0] != '\0' ? info->label : _("(no name)"));
    }
  return TL_EXIT_OK;
}

static int
keys_add (TlCli      *cli,
          const char *label)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *passphrase = NULL, *new_passphrase;
  gboolean ok;
  int status;

  store = open_keeping_passphrase (cli, &passphrase, &status);
  if (store == NULL)
    return status;

  new_passphrase = tl_cli_read_new_passphrase (&error);
  if (new_passphrase == NULL)
    {
      tl_cli_passphrase_free (passphrase);
      return tl_cli_fail (cli, error);
    }

  ok = tl_store_add_passphrase (store, passphrase, label, new_passphrase, TL_KDF_MODERATE, &error);
  tl_cli_passphrase_free (passphrase);
  tl_cli_passphrase_free (new_passphrase);
  if (!ok)
    return tl_cli_fail (cli, error);

  g_print (_("Added a passphrase for %s.\n"), label);
  return TL_EXIT_OK;
}

static int
keys_remove (TlCli      *cli,
             const char *index_text)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *passphrase = NULL;
  guint64 index;
  gboolean ok;
  int status;

  if (!g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL))
    return usage_error (cli, _("Name the passphrase to remove by its number from “tipline-cli keys list”."));

  /* Removing re-keys: nobody else may have the store open meanwhile. */
  cli->exclusive = TRUE;
  store = open_keeping_passphrase (cli, &passphrase, &status);
  if (store == NULL)
    return status;

  if (tl_cli_stdin_is_terminal ())
    g_printerr ("%s\n", _("Removing access re-encrypts the whole store. This can take a while; do not turn the computer off."));

  ok = tl_store_remove_key_slot (store, passphrase, (guint) index, &error);
  tl_cli_passphrase_free (passphrase);
  if (!ok)
    return tl_cli_fail (cli, error);

  g_print ("%s\n", _("Removed. The store was re-encrypted with a new key, so copies of the old key file no longer open it."));
  return TL_EXIT_OK;
}

static int
keys_recovery (TlCli *cli)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *passphrase = NULL;
  char *code;
  int status;

  /* A new code replaces the old one by re-keying: nobody else may have the store open. */
  cli->exclusive = TRUE;
  store = open_keeping_passphrase (cli, &passphrase, &status);
  if (store == NULL)
    return status;

  code = tl_store_new_recovery_code (store, passphrase, TL_KDF_MODERATE, &error);
  tl_cli_passphrase_free (passphrase);
  if (code == NULL)
    return tl_cli_fail (cli, error);

  print_recovery_code (code);
  tl_store_secret_free (code);
  return TL_EXIT_OK;
}

static const char *
format_time (gint64 usec,
             char  *buffer,
             gsize  size)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *text = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : NULL;

  g_strlcpy (buffer, text != NULL ? text : "?", size);
  return buffer;
}

/* public API */

void
tl_cli_print_recovery_code (const char *code)
{
  print_recovery_code (code);
}

int
tl_cli_keys (TlCli  *cli,
             int     argc,
             char  **argv)
{
  const char *what;

  if (!tl_cli_parse (cli, NULL, "list|add NAME|remove NUMBER|recovery", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 2)
    return usage_error (cli, _("Say what to do: list, add NAME, remove NUMBER or recovery."));

  what = argv[1];
  if (g_str_equal (what, "list") && argc == 2)
    {
      g_autoptr(TlStore) store = tl_cli_new_store (cli);

      return keys_list (cli, store);
    }
  if (g_str_equal (what, "add") && argc == 3)
    return keys_add (cli, argv[2]);
  if (g_str_equal (what, "remove") && argc == 3)
    return keys_remove (cli, argv[2]);
  if (g_str_equal (what, "recovery") && argc == 2)
    return keys_recovery (cli);

  return usage_error (cli, _("Say what to do: list, add NAME, remove NUMBER or recovery."));
}

int
tl_cli_backup (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  int status;

  if (!tl_cli_parse (cli, NULL, "FILE", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2)
    return usage_error (cli, _("Name the file to write the backup to."));

  display = g_filename_display_name (argv[1]);
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, TL_ERROR, TL_ERROR_EXISTS,
                   _("%s already exists. Choose another name; backups are never written over."), display);
      return tl_cli_fail (cli, error);
    }

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (!tl_store_backup (store, argv[1], &error))
    return tl_cli_fail (cli, error);

  g_print (_("Wrote an encrypted backup to %s and checked it.\n"), display);
  return TL_EXIT_OK;
}

int
tl_cli_restore (TlCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  char *passphrase;
  gboolean ok;

  if (!tl_cli_parse (cli, NULL, "FILE", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2)
    return usage_error (cli, _("Name the backup file to restore."));

  store = tl_cli_new_store (cli);
  passphrase = tl_cli_read_passphrase (_("Passphrase of the backup: "), &error);
  if (passphrase == NULL)
    return tl_cli_fail (cli, error);

  ok = tl_store_restore (store, argv[1], passphrase, &kept, &error);
  tl_cli_passphrase_free (passphrase);
  if (!ok)
    return tl_cli_fail (cli, error);

  if (kept != NULL)
    {
      g_autofree char *display = g_filename_display_name (kept);

      g_print (_("Restored the store from the backup. The files it replaced were kept in %s.\n"), display);
    }
  return TL_EXIT_OK;
}

int
tl_cli_audit (TlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tip_id = NULL;
  gboolean verify;
  char when[64];
  int status;
  GOptionEntry entries[] = {
    { "tip", 0, 0, G_OPTION_ARG_STRING, &tip_id, N_("Only the entries about tip ID"), N_("ID") },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "[verify]", &argc, &argv))
    return TL_EXIT_USAGE;
  verify = argc == 2 && g_str_equal (argv[1], "verify");
  if (argc > 2 || (argc == 2 && !verify))
    return usage_error (cli, _("audit takes no arguments, or “verify”."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (verify)
    {
      TlAuditCheck check;

      if (!tl_store_check_audit (store, &check, &error))
        return tl_cli_fail (cli, error);

      if (!check.intact && check.problem != NULL)
        {
          g_print ("%s\n", check.problem);
          return TL_EXIT_FAILED;
        }
      if (!check.intact)
        {
          g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, check.broken_seq);

          /* Translators: the first %s is an entry number, the second a date and time */
          g_print (_("The audit log was changed: entry %s (%s) does not match the entries before it.\n"),
                   entry, format_time (check.broken_at, when, sizeof when));
          return TL_EXIT_FAILED;
        }
      else
        {
          g_autofree char *checked = g_strdup_printf ("%" G_GUINT64_FORMAT, check.checked);
          g_autofree char *unprotected = g_strdup_printf ("%" G_GUINT64_FORMAT, check.unprotected);

          g_print (_("OK: the audit log is intact (%s entries checked).\n"), checked);
          if (check.unprotected > 0)
            g_print (_("%s older entries were written before the log was protected and could not be checked.\n"),
                     unprotected);
        }
      return TL_EXIT_OK;
    }
  else
    {
      g_autoptr(GPtrArray) entries_list = tl_store_list_audit (store, tip_id, &error);

      if (entries_list == NULL)
        return tl_cli_fail (cli, error);
      for (guint i = 0; i < entries_list->len; i++)
        {
          const TlAuditEntry *entry = g_ptr_array_index (entries_list, i);

          g_print ("%" G_GINT64_FORMAT "  %s  %s  %s", entry->seq,
                   format_time (entry->at, when, sizeof when),
                   entry->advocate != NULL ? entry->advocate : "-",
                   tl_enum_label (tl_audit_action_values, entry->action));
          if (entry->tip_id != NULL)
            g_print ("  %s", entry->tip_id);
          if (entry->detail != NULL)
            g_print ("  (%s)", entry->detail);
          g_print ("\n");
        }
      return TL_EXIT_OK;
    }
}
