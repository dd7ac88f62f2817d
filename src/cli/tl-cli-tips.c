/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-tips"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "tl-cli.h"
#include "tl-error.h"
#include "tl-tip-rules.h"
#include "tl-tip-xml.h"

/* helpers */

static int
require_args (TlCli      *cli,
              int         argc,
              int         wanted,
              const char *what)
{
  if (argc == wanted + 1)
    return TL_EXIT_OK;
  return tl_cli_usage (cli, what);
}

/* commands */

int
tl_cli_init (TlCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  char *passphrase;
  char *recovery_code = NULL;
  gboolean created;

  if (!tl_cli_parse (cli, NULL, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 0, _("init takes no arguments.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;

  store = tl_cli_new_store (cli);
  if (tl_store_exists (store))
    {
      display = g_filename_display_name (cli->store_dir);
      g_set_error (&error, TL_ERROR, TL_ERROR_EXISTS,
                   _("There is already a Tipline store in %s. Nothing was changed."), display);
      return tl_cli_fail (cli, error);
    }

  if (tl_cli_stdin_is_terminal ())
    g_printerr ("%s\n", _("Choose a passphrase for the new store. If both it and the recovery code printed next are lost, nobody can open the store again: not you, not a supervisor, not the developers."));

  passphrase = tl_cli_read_new_passphrase (&error);
  if (passphrase == NULL)
    return tl_cli_fail (cli, error);

  tl_store_set_advocate (store, g_get_real_name ());
  created = tl_store_create_with_recovery (store, passphrase, TL_KDF_MODERATE, &recovery_code, &error);
  tl_cli_passphrase_free (passphrase);
  if (!created)
    return tl_cli_fail (cli, error);

  display = g_filename_display_name (tl_store_get_dir (store));
  g_print (_("Created an encrypted store in %s.\n"), display);
  tl_cli_print_recovery_code (recovery_code);
  tl_store_secret_free (recovery_code);
  return TL_EXIT_OK;
}

int
tl_cli_add (TlCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!tl_cli_parse (cli, NULL, "FILE.xml", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 1, _("Name one tip file to add.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;

  /* Read and check the file before asking for the passphrase: a bad file fails fast. */
  tips = tl_tip_xml_read_file (argv[1], &error);
  if (tips == NULL)
    return tl_cli_fail (cli, error);

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  for (guint i = 0; i < tips->len; i++)
    {
      TlTip *tip = g_ptr_array_index (tips, i);
      g_autoptr(TlTip) existing = tl_store_load_tip (store, tip->id, NULL);

      if (existing != NULL)
        {
          g_set_error (&error, TL_ERROR, TL_ERROR_EXISTS,
                       _("Tip %s is already in the store. It was not added again."), tip->id);
          return tl_cli_fail (cli, error);
        }
      tl_tip_mark_saved (tip);
      /* the store writes the create entry to the audit log in the same transaction */
      if (!tl_store_save_tip (store, tip, &error))
        return tl_cli_fail (cli, error);
      g_print (_("Added tip %s\n"), tip->id);
    }
  return TL_EXIT_OK;
}

int
tl_cli_list (TlCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_nick = NULL;
  gboolean json = FALSE;
  int limit = 50, offset = 0;
  TlTipFilter filter = { 0 };
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_nick,
      N_("Only tips with this status: draft, open, referred or closed"), N_("STATUS") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N tips (default 50)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N tips"), "N" },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 0, _("list takes no arguments.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;
  if (limit <= 0 || offset < 0)
    return tl_cli_usage (cli, _("--limit must be above zero and --offset zero or more."));
  if (status_nick != NULL)
    {
      int value;

      if (!tl_enum_from_nick (tl_tip_status_values, status_nick, &value))
        return tl_cli_usage (cli, _("--status must be draft, open, referred or closed."));
      filter.by_status = TRUE;
      filter.status = value;
    }

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  rows = tl_store_list_tips (store, &filter, (guint) offset, (guint) limit, &error);
  if (rows == NULL)
    return tl_cli_fail (cli, error);

  tl_cli_print_rows (rows, json);
  return TL_EXIT_OK;
}

int
tl_cli_show (TlCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 1, _("Name the id of the tip to show.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  tip = tl_store_load_tip (store, argv[1], &error);
  if (tip == NULL || !tl_store_audit (store, TL_AUDIT_VIEW, tip->id, &error))
    return tl_cli_fail (cli, error);

  tl_cli_print_tip (tip, json);
  return TL_EXIT_OK;
}

int
tl_cli_search (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int limit = 50;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N tips (default 50)"), "N" },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "QUERY", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 1, _("Give one search query; put several words in quotes.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;
  if (limit <= 0)
    return tl_cli_usage (cli, _("--limit must be above zero."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  rows = tl_store_search (store, argv[1], (guint) limit, &error);
  if (rows == NULL)
    return tl_cli_fail (cli, error);

  tl_cli_print_rows (rows, json);
  return TL_EXIT_OK;
}

int
tl_cli_delete (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlTip) tip = NULL;
  g_autoptr(GError) error = NULL;
  gboolean yes = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 1, _("Name the id of the tip to delete.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  tip = tl_store_load_tip (store, argv[1], &error);
  if (tip == NULL)
    return tl_cli_fail (cli, error);

  if (!yes && tl_cli_stdin_is_terminal ())
    {
      g_autofree char *question =
        g_strdup_printf (_("Delete tip %s for good? It cannot be brought back. [y/N]"), tip->id);
      if (!tl_cli_confirm (question))
        {
          g_print ("%s\n", _("Nothing was deleted."));
          return TL_EXIT_OK;
        }
    }

  if (!tl_store_delete_tip (store, tip->id, &error))
    return tl_cli_fail (cli, error);

  g_print (_("Deleted tip %s\n"), tip->id);
  return TL_EXIT_OK;
}

int
tl_cli_passwd (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *old_passphrase, *new_passphrase;
  gboolean changed;

  if (!tl_cli_parse (cli, NULL, "", &argc, &argv))
    return TL_EXIT_USAGE;
  if (require_args (cli, argc, 0, _("passwd takes no arguments.")) != TL_EXIT_OK)
    return TL_EXIT_USAGE;

  store = tl_cli_new_store (cli);
  old_passphrase = tl_cli_read_passphrase (_("Current passphrase: "), &error);
  if (old_passphrase == NULL)
    return tl_cli_fail (cli, error);

  new_passphrase = tl_cli_read_new_passphrase (&error);
  if (new_passphrase == NULL)
    {
      tl_cli_passphrase_free (old_passphrase);
      return tl_cli_fail (cli, error);
    }

  changed = tl_store_change_passphrase (store, old_passphrase, new_passphrase,
                                        TL_KDF_MODERATE, &error);
  tl_cli_passphrase_free (old_passphrase);
  tl_cli_passphrase_free (new_passphrase);
  if (!changed)
    return tl_cli_fail (cli, error);

  g_print ("%s\n", _("The passphrase was changed. Use the new one from now on."));
  return TL_EXIT_OK;
}
