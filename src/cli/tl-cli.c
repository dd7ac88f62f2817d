/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-i18n.h"

static const TlCliCommand commands[] = {
  { "init", "", N_("Create a new encrypted store"), tl_cli_init },
  { "add", "FILE.xml", N_("Add the tips in a tip file to the store"), tl_cli_add },
  { "list", "", N_("List tips, newest first"), tl_cli_list },
  { "show", "ID", N_("Show one tip"), tl_cli_show },
  { "search", "QUERY", N_("Find tips by name, phone, plate, e-mail or any word"), tl_cli_search },
  { "export", "ID|--all", N_("Write a tip as a report (PDF, text, XML, HTCDS) or all tips as XML"), tl_cli_export },
  { "import", "FILE…", N_("Import tip files from another workstation"), tl_cli_import },
  { "delete", "ID", N_("Delete a tip for good"), tl_cli_delete },
  { "links", "ID", N_("Show other tips that share a phone, plate, e-mail, account or name with a tip"), tl_cli_links },
  { "stats", "", N_("Count tips, victims and referrals for a period (default: this federal fiscal year)"), tl_cli_stats },
  { "due", "[ID]", N_("List the follow-ups due today or overdue, across tips or for one tip"), tl_cli_due },
  { "follow-up", "add|done|snooze|drop|propose", N_("Add a follow-up to a tip, or mark one done, snoozed or dropped"), tl_cli_follow_up },
  { "outcome", "ID [N STAGE]", N_("Show where each referral of a tip stands, or move one on (accepted, declined, no answer, done)"), tl_cli_outcome },
  { "passwd", "", N_("Change the store’s passphrase"), tl_cli_passwd },
  { "route", "FILE.xml|ID", N_("Say whom to call for a tip, in order, and why"), tl_cli_route },
  { "matrix", "PROTOCOL", N_("Show a protocol’s referral matrix and its gaps"), tl_cli_matrix },
  { "validate-protocol", "FILE.xml…", N_("Check protocol files and say what to fix"), tl_cli_validate_protocol },
  { "protocols", "", N_("List the protocols in use and where they come from"), tl_cli_protocols },
  /* security */
  { "keys", "list|add|remove|recovery", N_("List, add or remove passphrases; make a new recovery code"), tl_cli_keys },
  { "backup", "FILE", N_("Write an encrypted, checked backup of the store"), tl_cli_backup },
  { "restore", "FILE", N_("Replace the store with a backup (the old files are kept)"), tl_cli_restore },
  { "audit", "[verify]", N_("Show the audit log, or check that nobody changed it"), tl_cli_audit },
  /* issue 16 */
  { "check", "", N_("Read the whole store and check it for damage"), tl_cli_check },
  /* issue 19 (due-retention) */
  { "purge", "", N_("List or purge the tips past the office’s retention schedule"), tl_cli_purge },
  { "keep", "ID REASON --until WHEN", N_("Keep a tip past the retention schedule, with a reason"), tl_cli_keep },
  { "handoff", "--since WHEN", N_("Summarize a shift for the next one: open tips, calls made, due items"), tl_cli_handoff },
  { "office", "create|invite|join|members|remove|status|sync|conflicts|resolve", N_("Keep this store in step with the office’s other devices through a synced folder"), tl_cli_office },
  /* issue 21 (sealed-bundles) */
  { "bundle", "key|agencies|seal|open", N_("Seal tips for another agency, or open a bundle sealed for this one"), tl_cli_bundle },
  /* issue 20 */
  { "attach", "ID FILE…", N_("Attach evidence files (images, PDF, audio, e-mail, text) to a tip"), tl_cli_attach },
  { "attachments", "ID", N_("List a tip’s attachments with their SHA-256"), tl_cli_attachments },
  { "attachment", "ID N -o FILE", N_("Write an attachment out, cleaned of its metadata unless --original"), tl_cli_attachment },
  { "detach", "ID N", N_("Remove an attachment from a tip and erase its bytes from the store"), tl_cli_detach },
};

static char *store_option;
static gboolean wait_option;
static int passphrase_fd_option = G_MININT;   /* not given */

static GOptionEntry common_entries[] = {
  { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_option,
    N_("Use the store in DIR instead of the default one"), N_("DIR") },
  { "wait", 0, 0, G_OPTION_ARG_NONE, &wait_option,
    N_("When another program has the store open, wait for it instead of stopping"), NULL },
  { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd_option,
    N_("Read passphrases from file descriptor FD, one line each, instead of asking"), N_("FD") },
  { NULL }
};

/* helpers */

static char *
dup_command_list (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", commands[i].name, commands[i].args);
      g_string_append_printf (text, "  %-24s %s\n", name, _(commands[i].summary));
    }
  g_string_append_printf (text, "\n%s",
                          _("Run “tipline-cli COMMAND --help” for a command’s options."));
  return g_string_free (text, FALSE);
}

static const TlCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static gboolean
take_store_option (TlCli   *cli,
                   GError **error)
{
  cli->wait = cli->wait || wait_option;
  if (store_option != NULL)
    {
      g_free (cli->store_dir);
      cli->store_dir = g_steal_pointer (&store_option);
    }
  if (passphrase_fd_option != G_MININT)
    {
      int fd = passphrase_fd_option;

      passphrase_fd_option = G_MININT;
      return tl_cli_set_passphrase_fd (fd, error);
    }
  return TRUE;
}

/* Common options that take their value as the next argument. */
static gboolean
takes_value (const char *option)
{
  return g_str_equal (option, "--store") || g_str_equal (option, "--passphrase-fd");
}

/* --lang must act before the first message is translated: GLib decides once per
 * process whether to translate at all. */
static void
apply_language_option (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *lang = NULL;

      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        lang = argv[i + 1];
      else if (g_str_has_prefix (argv[i], "--lang="))
        lang = argv[i] + strlen ("--lang=");

      if (lang != NULL && (g_str_equal (lang, "en") || g_str_equal (lang, "es")))
        tl_i18n_set_language (lang);
    }
}

/* public API */

gboolean
tl_cli_parse (TlCli          *cli,
              GOptionEntry   *entries,
              const char     *parameters,
              int            *argc,
              char         ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s %s", cli->command, parameters);

  context = g_option_context_new (full);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* --help starts with what the command does, as in the command list. */
  if (cli->command != NULL && find_command (cli->command) != NULL)
    g_option_context_set_summary (context, _(find_command (cli->command)->summary));
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error) ||
      !take_store_option (cli, &error))
    {
      tl_cli_usage (cli, error->message);
      return FALSE;
    }
  return TRUE;
}

int
tl_cli_usage (TlCli      *cli,
              const char *message)
{
  g_printerr ("tipline-cli: %s\n", message);
  g_printerr (_("Run “tipline-cli %s --help” to see how to use it."),
              cli->command != NULL ? cli->command : "");
  g_printerr ("\n");
  return TL_EXIT_USAGE;
}

int
tl_cli_fail (TlCli        *cli,
             const GError *error)
{
  g_printerr ("tipline-cli: %s\n", error->message);

  if (g_error_matches (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE))
    return TL_EXIT_WRONG_PASSPHRASE;
  if (g_error_matches (error, TL_ERROR, TL_ERROR_DAMAGED))
    return TL_EXIT_DAMAGED;
  if (g_error_matches (error, TL_ERROR, TL_ERROR_BUSY))
    return TL_EXIT_BUSY;
  return TL_EXIT_FAILED;
}

TlStore *
tl_cli_new_store (TlCli *cli)
{
  TlStore *store = tl_store_new (cli->store_dir);

  tl_store_set_wait (store, cli->wait);
  tl_store_set_exclusive (store, cli->exclusive);
  return store;
}

/* The store's disk was full: what this run did is not in the audit log, and a process
 * that ends cannot write it later. Said plainly, on one line. */
static void
audit_unwritten_cb (TlStore *store,
                    guint    count,
                    gpointer data)
{
  g_printerr ("tipline-cli: %s\n",
              _("The store’s disk is full, so this command could not be recorded in the audit log. Free some space on that disk."));
}

TlStore *
tl_cli_open_store (TlCli *cli,
                   int   *exit_code)
{
  g_autoptr(TlStore) store = tl_cli_new_store (cli);
  g_autoptr(GError) error = NULL;
  char *passphrase;
  gboolean unlocked;

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
  if (passphrase == NULL)
    {
      *exit_code = tl_cli_fail (cli, error);
      return NULL;
    }

  /* The audit log names the advocate from the label of the passphrase that opened the
   * store (init labels the first one with the user's real name). */
  unlocked = tl_store_unlock (store, passphrase, &error);
  tl_cli_passphrase_free (passphrase);
  if (!unlocked)
    {
      *exit_code = tl_cli_fail (cli, error);
      return NULL;
    }

  g_signal_connect (store, "audit-unwritten", G_CALLBACK (audit_unwritten_cb), NULL);
  *exit_code = TL_EXIT_OK;
  return g_steal_pointer (&store);
}

int
tl_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const TlCliCommand *command;
  TlCli cli = { 0 };
  int first_command = 1;
  int global_argc;
  g_autofree char **global_argv = NULL;
  char **parsed_argv;
  int status;
  GOptionEntry version_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  apply_language_option (argc, argv);

  /* Global options stand before the command; the command parses the rest. */
  while (first_command < argc && argv[first_command][0] == '-')
    {
      if (takes_value (argv[first_command]) && first_command + 1 < argc)
        first_command++;
      first_command++;
    }

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Capture, route and export human-trafficking tips from the command line."));
  description = dup_command_list ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, version_entries, GETTEXT_PACKAGE);

  /* GOption rewrites the array it parses, so give it a copy of the global part only. */
  global_argv = g_new0 (char *, first_command + 1);
  memcpy (global_argv, argv, sizeof (char *) * first_command);
  global_argc = first_command;
  parsed_argv = global_argv;
  if (!g_option_context_parse (context, &global_argc, &parsed_argv, &error))
    return tl_cli_usage (&cli, error->message);

  if (version)
    {
      g_print ("tipline-cli %s\n", PACKAGE_VERSION);
      return TL_EXIT_OK;
    }

  if (!take_store_option (&cli, &error))
    {
      status = tl_cli_usage (&cli, error->message);
      g_free (cli.store_dir);
      return status;
    }
  if (cli.store_dir == NULL)
    cli.store_dir = tl_store_default_dir ();

  if (first_command >= argc)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      g_free (cli.store_dir);
      return TL_EXIT_USAGE;
    }

  command = find_command (argv[first_command]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a tipline-cli command."),
                                                  argv[first_command]);
      status = tl_cli_usage (&cli, message);
      g_free (cli.store_dir);
      return status;
    }

  cli.command = command->name;
  status = command->run (&cli, argc - first_command, argv + first_command);
  g_free (cli.store_dir);
  return status;
}
