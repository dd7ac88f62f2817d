/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-report-private.h"
#include "tl-tip-xml.h"

/* The redacted tip as a tip exchange file. Withheld fields are simply absent, which the
 * schema allows; so that nobody mistakes the file for the whole record, or imports it
 * as one without noticing, the narrative ends with a note naming the profile and what
 * was withheld, and an XML comment at the top says the same. Both survive validation;
 * only the narrative note survives an import. */

/* helpers */

static char *
dup_note (TlReport *report)
{
  g_autoptr(GPtrArray) withheld = tl_report_profile_list_withheld (report->profile, report->tip,
                                                                   report->overrides);
  GString *note = g_string_new (NULL);

  /* Translators: ends the narrative of a redacted tip file; %s is the profile's name */
  g_string_append_printf (note, _("[Tipline: redacted copy for the “%s” report profile."),
                          tl_report_profile_get_name (report->profile));
  if (withheld->len == 0)
    g_string_append_printf (note, " %s", _("Nothing was withheld."));
  else
    {
      g_string_append_printf (note, " %s", _("Withheld:"));
      for (guint i = 0; i < withheld->len; i++)
        g_string_append_printf (note, "%s %s", i > 0 ? ";" : "",
                                (char *) g_ptr_array_index (withheld, i));
    }
  g_string_append_c (note, ']');
  return g_string_free (note, FALSE);
}

/* A comment may not hold "--". */
static char *
dup_comment_text (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  while (strstr (s->str, "--") != NULL)
    g_string_replace (s, "--", "- -", 0);
  if (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_append_c (s, ' ');
  return g_strdup (s->str);
}

/* public API */

char *
tl_report_to_xml (TlReport *report,
                  gsize    *length)
{
  g_autoptr(TlTip) copy = NULL;
  g_autofree char *note = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *xml = NULL;
  GString *out;
  const char *body;
  gsize xml_len = 0;

  g_return_val_if_fail (report != NULL, NULL);

  copy = tl_tip_copy (report->redacted);
  note = dup_note (report);

  if (report->profile != TL_REPORT_PROFILE_FULL)
    {
      char *narrative = copy->narrative != NULL
                        ? g_strconcat (copy->narrative, "\n\n", note, NULL)
                        : g_strdup (note);
      g_free (copy->narrative);
      copy->narrative = narrative;
    }

  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();

    g_ptr_array_add (one, copy);
    xml = tl_tip_xml_write_carrying (one, FALSE, report->carried, &xml_len);
  }
  comment = dup_comment_text (note);

  /* after the XML declaration, before the root element */
  body = strstr (xml, "?>");
  body = body != NULL ? body + 2 : xml;
  while (*body == '\n')
    body++;

  out = g_string_new (NULL);
  g_string_append_len (out, xml, body - xml);
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "<!-- %s -->\n", comment);
  g_string_append (out, body);

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
