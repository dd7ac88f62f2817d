/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-matrix"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-matrix.h"
#include "tl-protocol-private.h"

#define N_CELLS (TL_N_MATRIX_SERVICES * TL_N_MATRIX_CONDITIONS)

struct _TlMatrix
{
  TlProtocol *protocol;
  GPtrArray *cells[N_CELLS];
  GPtrArray *sources[N_CELLS];  /* const TlSource *, owned by the protocol */
};

/* Column headers short enough for an 80-column terminal; the full names follow below
 * the table. */
static const char *short_headers[TL_N_MATRIX_CONDITIONS] = {
  N_("Urg"), N_("NonU"), N_("BusH"), N_("AftH"), N_("ForN"), N_("USC"),
  N_("Min"), N_("Adu"), N_("Male"), N_("Fem"), N_("Lab"), N_("Sex"),
};

TlMatrix *
tl_matrix_new (TlProtocol *protocol)
{
  TlMatrix *m;
  GPtrArray *cells;

  g_return_val_if_fail (protocol != NULL, NULL);

  m = g_new0 (TlMatrix, 1);
  m->protocol = tl_protocol_ref (protocol);
  for (guint i = 0; i < N_CELLS; i++)
    {
      m->cells[i] = g_ptr_array_new ();
      m->sources[i] = g_ptr_array_new ();
    }

  cells = tl_protocol_get_matrix_cells (protocol);
  for (guint i = 0; i < cells->len; i++)
    {
      const TlMatrixCell *cell = g_ptr_array_index (cells, i);
      GPtrArray *slot;

      if (cell->service >= TL_N_MATRIX_SERVICES || cell->condition >= TL_N_MATRIX_CONDITIONS)
        continue;
      slot = m->cells[cell->service * TL_N_MATRIX_CONDITIONS + cell->condition];
      for (guint k = 0; cell->sources != NULL && k < cell->sources->len; k++)
        {
          GPtrArray *sources = m->sources[cell->service * TL_N_MATRIX_CONDITIONS + cell->condition];
          gpointer source = g_ptr_array_index (cell->sources, k);

          if (!g_ptr_array_find (sources, source, NULL))
            g_ptr_array_add (sources, source);
        }
      for (guint k = 0; k < cell->contact_refs->len; k++)
        {
          const TlContact *c = tl_protocol_lookup_contact (protocol, g_ptr_array_index (cell->contact_refs, k));

          if (c != NULL && !g_ptr_array_find (slot, c, NULL))
            g_ptr_array_add (slot, (gpointer) c);
        }
    }
  return m;
}

void
tl_matrix_free (TlMatrix *matrix)
{
  if (matrix == NULL)
    return;
  for (guint i = 0; i < N_CELLS; i++)
    {
      g_ptr_array_unref (matrix->cells[i]);
      g_ptr_array_unref (matrix->sources[i]);
    }
  tl_protocol_unref (matrix->protocol);
  g_free (matrix);
}

TlProtocol *
tl_matrix_get_protocol (const TlMatrix *matrix)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  return matrix->protocol;
}

GPtrArray *
tl_matrix_get_cell (const TlMatrix    *matrix,
                    TlService          service,
                    TlMatrixCondition  condition)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (service < TL_N_MATRIX_SERVICES, NULL);
  g_return_val_if_fail (condition < TL_N_MATRIX_CONDITIONS, NULL);

  return matrix->cells[service * TL_N_MATRIX_CONDITIONS + condition];
}

GPtrArray *
tl_matrix_get_cell_sources (const TlMatrix    *matrix,
                            TlService          service,
                            TlMatrixCondition  condition)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (service < TL_N_MATRIX_SERVICES, NULL);
  g_return_val_if_fail (condition < TL_N_MATRIX_CONDITIONS, NULL);

  return matrix->sources[service * TL_N_MATRIX_CONDITIONS + condition];
}

guint
tl_matrix_count_filled (const TlMatrix *matrix)
{
  guint n = 0;

  g_return_val_if_fail (matrix != NULL, 0);

  for (guint i = 0; i < N_CELLS; i++)
    if (matrix->cells[i]->len > 0)
      n++;
  return n;
}

guint
tl_matrix_count_gaps (const TlMatrix *matrix)
{
  g_return_val_if_fail (matrix != NULL, 0);
  return N_CELLS - tl_matrix_count_filled (matrix);
}

static void
append_contact_list (GString         *out,
                     const GPtrArray *contacts,
                     const char      *lang)
{
  for (guint k = 0; k < contacts->len; k++)
    {
      const TlContact *c = g_ptr_array_index (contacts, k);
      const TlContactPhone *phone = tl_contact_get_phone (c);

      if (k > 0)
        g_string_append (out, "; ");
      g_string_append (out, tl_contact_get_name (c, lang));
      if (phone != NULL)
        g_string_append_printf (out, " %s", phone->display);
      else if (tl_contact_get_email (c) != NULL)
        g_string_append_printf (out, " %s", tl_contact_get_email (c));
      else
        g_string_append (out, _(" (no number)"));
    }
}

static char *
matrix_to_text (const TlMatrix *matrix,
                const char     *lang,
                gboolean        with_sources)
{
  GString *out;
  int widths[TL_N_MATRIX_CONDITIONS];

  g_return_val_if_fail (matrix != NULL, NULL);

  if (lang == NULL)
    lang = tl_protocol_default_language ();
  out = g_string_new (NULL);
  /* Translators: protocol name, id, cells filled, all cells, gaps. */
  g_string_append_printf (out, _("Referral matrix for %s (%s): %u of %u cells filled, %u gaps\n\n"),
                          tl_protocol_get_name (matrix->protocol, lang),
                          tl_protocol_get_id (matrix->protocol),
                          tl_matrix_count_filled (matrix), N_CELLS, tl_matrix_count_gaps (matrix));

  /* Columns as wide as their (translated) header, at least 4. */
  g_string_append_printf (out, "%-22s", "");
  for (guint c = 0; c < TL_N_MATRIX_CONDITIONS; c++)
    {
      widths[c] = MAX (4, (int) g_utf8_strlen (_(short_headers[c]), -1));
      g_string_append_printf (out, " %*s", widths[c], _(short_headers[c]));
    }
  g_string_append_c (out, '\n');
  for (guint s = 0; s < TL_N_MATRIX_SERVICES; s++)
    {
      const char *label = tl_enum_label (tl_service_values, s);
      /* GLib 2.74's g_utf8_substring reads past the end when end_pos is beyond the
       * string (found by AddressSanitizer), so clamp it. */
      g_autofree char *row = g_utf8_substring (label, 0, MIN (g_utf8_strlen (label, -1), 22));
      glong pad = 22 - g_utf8_strlen (row, -1);

      g_string_append (out, row);
      for (glong p = 0; p < pad; p++)
        g_string_append_c (out, ' ');
      for (guint c = 0; c < TL_N_MATRIX_CONDITIONS; c++)
        {
          GPtrArray *cell = tl_matrix_get_cell (matrix, s, c);

          if (cell->len == 0)
            g_string_append_printf (out, " %*s", widths[c], "--");
          else
            g_string_append_printf (out, " %*u", widths[c], cell->len);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "\n%s\n", _("Numbers are how many contacts fill a cell; -- is a gap."));

  for (guint s = 0; s < TL_N_MATRIX_SERVICES; s++)
    {
      GString *gaps = g_string_new (NULL);

      g_string_append_printf (out, "\n%s\n", _(tl_enum_label (tl_service_values, s)));
      for (guint c = 0; c < TL_N_MATRIX_CONDITIONS; c++)
        {
          GPtrArray *cell = tl_matrix_get_cell (matrix, s, c);
          const char *cond = _(tl_enum_label (tl_matrix_condition_values, c));

          if (cell->len == 0)
            {
              g_string_append_printf (gaps, "%s%s", gaps->len > 0 ? ", " : "", cond);
              continue;
            }
          g_string_append_printf (out, "  %s: ", cond);
          append_contact_list (out, cell, lang);
          g_string_append_c (out, '\n');
          if (with_sources)
            {
              GPtrArray *sources = tl_matrix_get_cell_sources (matrix, s, c);

              for (guint k = 0; k < sources->len; k++)
                {
                  g_autofree char *text = tl_source_describe (g_ptr_array_index (sources, k), matrix->protocol, lang);

                  /* Translators: the document sentence behind a filled matrix cell. */
                  g_string_append_printf (out, _("    Source: %s\n"), text);
                }
            }
        }
      if (gaps->len > 0)
        g_string_append_printf (out, _("  GAPS: %s\n"), gaps->str);
      g_string_free (gaps, TRUE);
    }
  return g_string_free (out, FALSE);
}

char *
tl_matrix_to_text (const TlMatrix *matrix,
                   const char     *lang)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  return matrix_to_text (matrix, lang, FALSE);
}

char *
tl_matrix_to_text_with_sources (const TlMatrix *matrix,
                                const char     *lang)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  return matrix_to_text (matrix, lang, TRUE);
}

void
tl_matrix_write_json (const TlMatrix *matrix,
                      const char     *lang,
                      TlJson         *json)
{
  g_return_if_fail (matrix != NULL);
  g_return_if_fail (json != NULL);

  if (lang == NULL)
    lang = tl_protocol_default_language ();
  tl_json_begin_object (json);
  tl_json_member_string (json, "protocol", tl_protocol_get_id (matrix->protocol));
  tl_json_member_int (json, "filled", tl_matrix_count_filled (matrix));
  tl_json_member_int (json, "gaps", tl_matrix_count_gaps (matrix));
  tl_json_key (json, "cells");
  tl_json_begin_array (json);
  for (guint s = 0; s < TL_N_MATRIX_SERVICES; s++)
    for (guint c = 0; c < TL_N_MATRIX_CONDITIONS; c++)
      {
        GPtrArray *cell = tl_matrix_get_cell (matrix, s, c);

        tl_json_begin_object (json);
        tl_json_member_string (json, "service", tl_enum_to_nick (tl_service_values, s));
        tl_json_member_string (json, "condition", tl_enum_to_nick (tl_matrix_condition_values, c));
        tl_json_member_bool (json, "gap", cell->len == 0);
        tl_json_key (json, "contacts");
        tl_json_begin_array (json);
        for (guint k = 0; k < cell->len; k++)
          {
            const TlContact *contact = g_ptr_array_index (cell, k);
            const TlContactPhone *phone = tl_contact_get_phone (contact);

            tl_json_begin_object (json);
            tl_json_member_string (json, "id", contact->id);
            tl_json_member_string (json, "name", tl_contact_get_name (contact, lang));
            tl_json_member_string (json, "phone", phone != NULL ? phone->display : NULL);
            tl_json_member_string (json, "digits", phone != NULL ? phone->digits : NULL);
            tl_json_member_string (json, "email", tl_contact_get_email (contact));
            tl_json_end_object (json);
          }
        tl_json_end_array (json);
        tl_json_key (json, "sources");
        tl_json_begin_array (json);
        for (guint k = 0; k < tl_matrix_get_cell_sources (matrix, s, c)->len; k++)
          {
            g_autofree char *text = tl_source_describe (g_ptr_array_index (tl_matrix_get_cell_sources (matrix, s, c), k),
                                                        matrix->protocol, lang);

            tl_json_string (json, text);
          }
        tl_json_end_array (json);
        tl_json_end_object (json);
      }
  tl_json_end_array (json);
  tl_json_end_object (json);
}

char *
tl_matrix_to_json (const TlMatrix *matrix,
                   const char     *lang)
{
  TlJson *json;

  g_return_val_if_fail (matrix != NULL, NULL);

  json = tl_json_new ();
  tl_matrix_write_json (matrix, lang, json);
  return tl_json_steal (json);
}
