/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-log"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tl-log.h"

/* Logs end up in places Tipline does not control: the systemd journal (kept for weeks,
 * readable by administrators), terminal scroll-back, bug reports. A tip's names and
 * numbers must never get there, even through a careless g_debug() or a library
 * warning that quotes its input. */

#define MAX_MESSAGE 240
#define MAX_DIGITS  3

/* helpers */

static gboolean
debug_output_allowed (void)
{
#if TL_DEBUG_BUILD
  const char *env = g_getenv ("G_MESSAGES_DEBUG");

  return env != NULL && env[0] != '\0';
#else
  return FALSE;
#endif
}

static const char *
field_string (const GLogField *fields,
              gsize            n_fields,
              const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key) && fields[i].length < 0)
      return fields[i].value;
  return NULL;
}

static GLogWriterOutput
writer_cb (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  g_autofree char *message = NULL;
  const char *domain = field_string (fields, n_fields, "GLIB_DOMAIN");
  const char *priority = field_string (fields, n_fields, "PRIORITY");
  GLogField kept[3];
  gsize n_kept = 0;

  message = tl_log_filter_message (level, field_string (fields, n_fields, "MESSAGE"));
  if (message == NULL)
    return G_LOG_WRITER_HANDLED;

  kept[n_kept++] = (GLogField) { "MESSAGE", message, -1 };
  if (priority != NULL)
    kept[n_kept++] = (GLogField) { "PRIORITY", priority, -1 };
  if (domain != NULL)
    kept[n_kept++] = (GLogField) { "GLIB_DOMAIN", domain, -1 };

  if (g_log_writer_is_journald (fileno (stderr)) &&
      g_log_writer_journald (level, kept, n_kept, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_standard_streams (level, kept, n_kept, user_data);
}

/* public API */

char *
tl_log_filter_message (GLogLevelFlags  level,
                       const char     *message)
{
  GString *out;
  guint digits = 0;

  if (message == NULL)
    message = "";

  /* Fatal messages are kept (in their capped form): they explain a crash. */
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0 &&
      (level & G_LOG_FLAG_FATAL) == 0 && !debug_output_allowed ())
    return NULL;

  if (debug_output_allowed ())
    return g_strdup (message);

  out = g_string_sized_new (MAX_MESSAGE + 4);
  for (const char *p = message; *p != '\0' && out->len < MAX_MESSAGE; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      /* A run of digits longer than MAX_DIGITS (a phone, account or case number)
       * becomes "#"s from the fourth digit on. */
      if (g_unichar_isdigit (c))
        {
          if (++digits > MAX_DIGITS)
            {
              g_string_append_c (out, '#');
              continue;
            }
        }
      else if (c != '-' && c != ' ' && c != '.' && c != '(' && c != ')')
        digits = 0;

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*message != '\0' && strlen (message) > out->len && out->len >= MAX_MESSAGE)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

void
tl_log_writer_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_log_set_writer_func (writer_cb, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

gboolean
tl_process_harden (void)
{
#if TL_DEBUG_BUILD
  return TRUE;
#else
  struct rlimit none = { 0, 0 };
  gboolean ok = TRUE;

  if (setrlimit (RLIMIT_CORE, &none) != 0)
    ok = FALSE;
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    ok = FALSE;
  return ok;
#endif
}
