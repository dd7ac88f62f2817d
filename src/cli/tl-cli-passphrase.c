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

/* --passphrase-fd (issue 16): passphrases are read from this descriptor, one line each,
 * instead of the terminal or standard input; -1 when not given. A script keeps its
 * passphrase out of the command line and the environment (both readable by other
 * programs of the same user), and standard input stays free for the command. */
static int passphrase_fd = -1;

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

/* Whether passphrases are typed (asked twice when new, with a prompt and no echo). */
static gboolean
typed_at_terminal (void)
{
  return passphrase_fd < 0 && isatty (STDIN_FILENO);
}

/* public API */

gboolean
tl_cli_stdin_is_terminal (void)
{
  return isatty (STDIN_FILENO);
}

/* A yes/no question on the terminal; anything but yes is no. */
gboolean
tl_cli_confirm (const char *question)
{
  char answer[16] = { 0 };

  g_print ("%s ", question);
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  /* Translators: the letter that answers "yes" to a question in the terminal */
  return g_ascii_tolower (answer[0]) == 'y' || answer[0] == _("y")[0];
}

gboolean
tl_cli_set_passphrase_fd (int      fd,
                          GError **error)
{
  if (fd < 0 || fcntl (fd, F_GETFL) < 0)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("File descriptor %d given with --passphrase-fd is not open. Open it for reading in the script that runs tipline-cli, for example with “3<file”."),
                   fd);
      return FALSE;
    }
  if ((fcntl (fd, F_GETFL) & O_ACCMODE) == O_WRONLY)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("File descriptor %d given with --passphrase-fd is open for writing only. Open it for reading, for example with “3<file”."),
                   fd);
      return FALSE;
    }
  passphrase_fd = fd;
  return TRUE;
}

char *
tl_cli_read_passphrase (const char  *prompt,
                        GError     **error)
{
  char *passphrase;

  if (passphrase_fd >= 0)
    passphrase = read_line (passphrase_fd, error);
  else if (tl_cli_stdin_is_terminal ())
    passphrase = read_from_terminal (prompt, error);
  else
    passphrase = read_line (STDIN_FILENO, error);

  if (passphrase != NULL && passphrase[0] == '\0')
    {
      tl_cli_passphrase_free (passphrase);
      if (passphrase_fd >= 0)
        g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                     _("No passphrase could be read from file descriptor %d. Write each passphrase the command asks for to it, one line each."),
                     passphrase_fd);
      else
        g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                     _("No passphrase was given. Type it at the prompt, or send it as the first line of standard input."));
      return NULL;
    }
  return passphrase;
}

/* A new passphrase: typed twice at a terminal; one line from a pipe or --passphrase-fd. */
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

  if (!typed_at_terminal ())
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
