/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-store.h"

G_BEGIN_DECLS

/* Exit codes, documented in the man page. */
typedef enum
{
  TL_EXIT_OK = 0,
  TL_EXIT_FAILED = 1,
  TL_EXIT_USAGE = 2,
  TL_EXIT_WRONG_PASSPHRASE = 3,
  TL_EXIT_DAMAGED = 4,
  TL_EXIT_BUSY = 5,           /* another program has the store (--wait waits instead) */
} TlExit;

typedef struct
{
  char *store_dir;   /* --store, else TIPLINE_STORE, else the default folder */
  const char *command;
  gboolean wait;     /* --wait: wait for another program to close the store */
  gboolean exclusive; /* the command replaces the store's files (re-key) */
} TlCli;

typedef int (*TlCliRunFunc) (TlCli  *cli,
                             int     argc,
                             char  **argv);

typedef struct
{
  const char *name;
  const char *args;       /* untranslated parameter summary, e.g. "FILE.xml" */
  const char *summary;    /* N_() */
  TlCliRunFunc run;
} TlCliCommand;

int       tl_cli_run               (int            argc,
                                    char         **argv);

/* Parse a subcommand's options (plus the common --store); prints errors itself. */
gboolean  tl_cli_parse             (TlCli         *cli,
                                    GOptionEntry  *entries,
                                    const char    *parameters,
                                    int           *argc,
                                    char        ***argv);
int       tl_cli_fail              (TlCli         *cli,
                                    const GError  *error);
int       tl_cli_usage             (TlCli         *cli,
                                    const char    *message);

/* A TlStore for the store folder, with --wait applied. */
TlStore  *tl_cli_new_store         (TlCli         *cli);

/* Opens and unlocks the store, asking for the passphrase; NULL after printing why. */
TlStore  *tl_cli_open_store        (TlCli         *cli,
                                    int           *exit_code);

/* Passphrases come from the descriptor given with --passphrase-fd, else from the
 * terminal without echo, or from standard input's next line when it is not a terminal;
 * one line each. The result is in guarded memory: free with tl_cli_passphrase_free(). */
gboolean  tl_cli_set_passphrase_fd (int            fd,
                                    GError       **error);
char     *tl_cli_read_passphrase   (const char    *prompt,
                                    GError       **error);
char     *tl_cli_read_new_passphrase (GError     **error);
void      tl_cli_passphrase_free   (char          *passphrase);
gboolean  tl_cli_stdin_is_terminal (void);
gboolean  tl_cli_confirm           (const char    *question);

/* Commands */
int tl_cli_init      (TlCli *cli, int argc, char **argv);
int tl_cli_add       (TlCli *cli, int argc, char **argv);
int tl_cli_list      (TlCli *cli, int argc, char **argv);
int tl_cli_show      (TlCli *cli, int argc, char **argv);
int tl_cli_search    (TlCli *cli, int argc, char **argv);
int tl_cli_export    (TlCli *cli, int argc, char **argv);
int tl_cli_import    (TlCli *cli, int argc, char **argv);
int tl_cli_delete    (TlCli *cli, int argc, char **argv);
int tl_cli_passwd    (TlCli *cli, int argc, char **argv);
int tl_cli_route     (TlCli *cli, int argc, char **argv);
int tl_cli_matrix    (TlCli *cli, int argc, char **argv);
int tl_cli_validate_protocol (TlCli *cli, int argc, char **argv);
int tl_cli_protocols (TlCli *cli, int argc, char **argv);
int tl_cli_links     (TlCli *cli, int argc, char **argv);
int tl_cli_stats     (TlCli *cli, int argc, char **argv);
int tl_cli_due       (TlCli *cli, int argc, char **argv);
int tl_cli_follow_up (TlCli *cli, int argc, char **argv);
/* due-retention (issue 19) */
int tl_cli_purge     (TlCli *cli, int argc, char **argv);
int tl_cli_keep      (TlCli *cli, int argc, char **argv);
int tl_cli_handoff   (TlCli *cli, int argc, char **argv);
/* A day (2026-12-07: the end of that day here) or an ISO 8601 date and time. */
gboolean tl_cli_parse_when (const char *text,
                            gint64     *out);
/* office-sync (issue 21) */
int tl_cli_office    (TlCli *cli, int argc, char **argv);
int tl_cli_keys      (TlCli *cli, int argc, char **argv);
int tl_cli_backup    (TlCli *cli, int argc, char **argv);
int tl_cli_restore   (TlCli *cli, int argc, char **argv);
int tl_cli_audit     (TlCli *cli, int argc, char **argv);
int tl_cli_check     (TlCli *cli, int argc, char **argv);
int tl_cli_outcome   (TlCli *cli, int argc, char **argv);
int tl_cli_bundle    (TlCli *cli, int argc, char **argv);

/* The hotline's call-back contact for a report: the option, else the environment
 * variable, else the app's Preferences key (tl-cli-export.c). */
char *tl_cli_contact_value (const char *option,
                            const char *env,
                            const char *key);
/* issue 20 */
int tl_cli_attach      (TlCli *cli, int argc, char **argv);
int tl_cli_attachments (TlCli *cli, int argc, char **argv);
int tl_cli_attachment  (TlCli *cli, int argc, char **argv);
int tl_cli_detach      (TlCli *cli, int argc, char **argv);
/* The attachments an import kept, and each one refused on standard error (one line). */
void tl_cli_print_attachment_result (const TlImportResult *result);

void tl_cli_print_recovery_code (const char *code);

/* Output */
void tl_cli_print_rows      (GPtrArray   *rows,
                             gboolean     json);
void tl_cli_print_tip       (const TlTip *tip,
                             gboolean     json);


G_END_DECLS
