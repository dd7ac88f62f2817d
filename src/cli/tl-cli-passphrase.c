/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-passphrase"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "tl-cli.h"
#include "tl-error.h"

#define MAX_PASSPHRASE 1024
#define MIN_PASSPHRASE 8

/* helpers */

/* Reads one line from fd into guarded memory, one byte at a time so nothing after the
 * line is consumed (passwd reads the old and the new passphrase from the same stdin). */
static char *
read_line (int      fd,
           GError **error)
{
  char *buffer = sodium_malloc (MAX_PASSPHRASE + 1);
  gsize len = 0;

  if (buffer == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_FAILED,
                   _("There is not enough protected memory to hold the passphrase."));
      return NULL;
    }

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      if (len == MAX_PASSPHRASE)
        {
          sodium_free (buffer);
          g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                       _("The passphrase is longer than %d characters."), MAX_PASSPHRASE);
          return NULL;
        }
      buffer[len++] = c;
    }

  if (len > 0 && buffer[len - 1] == '\r')
    len--;
  buffer[len] = '\0';
  return buffer;
}

static char *
read_from_terminal (const char  *prompt,
                    GError     **error)
{
  struct termios saved, quiet;
  char *line;
  int tty = open ("/dev/tty", O_RDWR | O_CLOEXEC);

  if (tty < 0)
    return read_line (STDIN_FILENO, error);

  if (write (tty, prompt, strlen (prompt)) < 0)
    { /* the prompt is a courtesy; reading still works */ }

  tcgetattr (tty, &saved);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  tcsetattr (tty, TCSAFLUSH, &quiet);

  line = read_line (tty, error);

  tcsetattr (tty, TCSAFLUSH, &saved);
  close (tty);
  return line;
}

/* public API */

gboolean
tl_cli_stdin_is_terminal (void)
{
  return isatty (STDIN_FILENO);
}

char *
tl_cli_read_passphrase (const char  *prompt,
                        GError     **error)
{
  char *passphrase;

  if (tl_cli_stdin_is_terminal ())
    passphrase = read_from_terminal (prompt, error);
  else
    passphrase = read_line (STDIN_FILENO, error);

  if (passphrase != NULL && passphrase[0] == '\0')
    {
      tl_cli_passphrase_free (passphrase);
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("No passphrase was given. Type it at the prompt, or send it as the first line of standard input."));
      return NULL;
    }
  return passphrase;
}

/* A new passphrase: typed twice at a terminal; one line from a pipe. */
char *
tl_cli_read_new_passphrase (GError **error)
{
  char *first, *second;

  first = tl_cli_read_passphrase (_("New passphrase: "), error);
  if (first == NULL)
    return NULL;

  if (g_utf8_strlen (first, -1) < MIN_PASSPHRASE)
    {
      tl_cli_passphrase_free (first);
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("The passphrase must have at least %d characters. A few unrelated words make a strong one that is easy to remember."),
                   MIN_PASSPHRASE);
      return NULL;
    }

  if (!tl_cli_stdin_is_terminal ())
    return first;

  second = tl_cli_read_passphrase (_("Type the new passphrase again: "), error);
  if (second == NULL)
    {
      tl_cli_passphrase_free (first);
      return NULL;
    }

  if (strcmp (first, second) != 0)
    {
      tl_cli_passphrase_free (first);
      tl_cli_passphrase_free (second);
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("The two passphrases are different. Nothing was changed; try again."));
      return NULL;
    }

  tl_cli_passphrase_free (second);
  return first;
}

void
tl_cli_passphrase_free (char *passphrase)
{
  /* sodium_free wipes the memory before releasing it */
  if (passphrase != NULL)
    sodium_free (passphrase);
}
