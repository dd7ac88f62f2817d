/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-report-private.h"

/* Plain text for the body of an e-mail: 72 columns, labels in a left column, long
 * values wrapped with a hanging indent. Columns are counted in characters (wide East
 * Asian characters count as two), never in bytes. */

#define WIDTH 72
#define LABEL_MAX 26

/* helpers */

static guint
text_width (const char *text,
            gssize      length)
{
  guint width = 0;
  const char *end = length < 0 ? NULL : text + length;

  for (const char *p = text; *p != '\0' && (end == NULL || p < end); p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
pad (GString *out,
     guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

/* Appends text wrapped to WIDTH; the cursor is at column `column` on entry and every
 * further line starts at `indent`. Words longer than a line are broken. */
static void
wrap (GString    *out,
      const char *text,
      guint       column,
      guint       indent)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_auto(GStrv) words = g_strsplit_set (paragraphs[p], " \t", -1);
      gboolean line_empty = TRUE;

      if (p > 0)
        {
          g_string_append_c (out, '\n');
          pad (out, indent);
          column = indent;
        }

      for (guint w = 0; words[w] != NULL; w++)
        {
          const char *word = words[w];
          guint width = text_width (word, -1);

          if (*word == '\0')
            continue;

          if (!line_empty && column + 1 + width > WIDTH)
            {
              g_string_append_c (out, '\n');
              pad (out, indent);
              column = indent;
              line_empty = TRUE;
            }
          if (!line_empty)
            {
              g_string_append_c (out, ' ');
              column++;
            }

          /* a word that is wider than a whole line: cut it character by character */
          while (column + width > WIDTH && width > WIDTH - indent)
            {
              const char *cut = word;
              guint used = 0;

              while (*cut != '\0')
                {
                  guint cw = g_unichar_iswide (g_utf8_get_char (cut)) ? 2 : 1;
                  if (column + used + cw > WIDTH)
                    break;
                  used += cw;
                  cut = g_utf8_next_char (cut);
                }
              g_string_append_len (out, word, cut - word);
              g_string_append_c (out, '\n');
              pad (out, indent);
              column = indent;
              word = cut;
              width = text_width (word, -1);
            }

          g_string_append (out, word);
          column += width;
          line_empty = FALSE;
        }
    }
  g_string_append_c (out, '\n');
}

static void
append_rows (GString   *out,
             GPtrArray *rows)
{
  guint label_width = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      TlReportRow *row = g_ptr_array_index (rows, i);
      label_width = MAX (label_width, text_width (row->label, -1) + 2);
    }
  label_width = MIN (label_width, LABEL_MAX);

  for (guint i = 0; i < rows->len; i++)
    {
      TlReportRow *row = g_ptr_array_index (rows, i);
      g_autofree char *value = NULL;
      guint width = text_width (row->label, -1) + 1;

      if (row->override > 0)
        /* Translators: a value released by an override, and the override's number */
        value = g_strdup_printf (_("%s [released by override %d]"), row->value, row->override);
      else
        value = g_strdup (row->withheld != NULL ? row->withheld : row->value);

      g_string_append_printf (out, "%s:", row->label);
      if (width + 1 > label_width)
        {
          /* a label wider than the column: the value starts on the next line */
          g_string_append_c (out, '\n');
          pad (out, label_width);
        }
      else
        pad (out, label_width - width);
      wrap (out, value, label_width, label_width);
    }
}

static void
append_heading (GString    *out,
                const char *title)
{
  guint width = text_width (title, -1);

  g_string_append_printf (out, "\n%s\n", title);
  for (guint i = 0; i < width; i++)
    g_string_append_c (out, '-');
  g_string_append_c (out, '\n');
}

/* public API */

char *
tl_report_to_text (TlReport *report)
{
  GString *out;
  g_autofree char *title = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  out = g_string_new (NULL);
  title = g_utf8_strup (report->title, -1);

  g_string_append_printf (out, "%s\n%s\n", report->marking, title);
  wrap (out, report->audience, 0, 0);
  g_string_append_c (out, '\n');
  append_rows (out, report->header);

  for (guint i = 0; i <= report->sections->len; i++)
    {
      TlReportSection *section;

      if (i == MIN (report->lead, report->sections->len) && report->notices->len > 0)
        {
          g_string_append_c (out, '\n');
          for (guint n = 0; n < report->notices->len; n++)
            {
              g_string_append (out, "* ");
              wrap (out, g_ptr_array_index (report->notices, n), 2, 2);
            }
        }
      if (i == report->sections->len)
        break;
      section = g_ptr_array_index (report->sections, i);

      append_heading (out, section->title);
      append_rows (out, section->rows);
    }

  g_string_append_printf (out, "\n-- \n%s\n", report->marking);
  return g_string_free (out, FALSE);
}
