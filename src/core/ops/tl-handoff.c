/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-handoff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-handoff.h"
#include "tl-json.h"
#include "tl-report.h"

/* The shift hand-off (tl-handoff.h): built from the store's counts, its open tips (each
 * redacted under the coordinator profile) and the follow-ups due, then written as text
 * (print, the app's preview, tipline-cli) or JSON. */

/* helpers */

static void
handoff_tip_free (TlHandoffTip *tip)
{
  g_free (tip->tip_id);
  g_free (tip->summary);
  g_free (tip);
}

static gboolean
add_tips (TlHandoff    *self,
          TlStore      *store,
          TlTipStatus   status,
          GHashTable   *due_by_tip,
          GHashTable   *overdue_by_tip,
          GError      **error)
{
  TlTipFilter filter = { .by_status = TRUE, .status = status };
  g_autoptr(GPtrArray) rows = NULL;
  gint64 n = tl_store_count_tips (store, &filter, error);

  if (n < 0)
    return FALSE;
  rows = tl_store_list_tips (store, &filter, 0, (guint) n, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const TlTipRow *row = g_ptr_array_index (rows, i);
      g_autoptr(TlTip) tip = tl_store_load_tip (store, row->id, error);
      g_autoptr(TlReport) report = NULL;
      TlHandoffTip *line;

      if (tip == NULL)
        return FALSE;
      report = tl_report_new (tip, TL_REPORT_PROFILE_COORDINATOR, NULL, NULL);
      line = g_new0 (TlHandoffTip, 1);
      line->tip_id = g_strdup (row->id);
      line->status = row->status;
      line->summary = tl_tip_dup_summary (tl_report_get_redacted_tip (report));
      line->due = GPOINTER_TO_UINT (g_hash_table_lookup (due_by_tip, row->id));
      line->overdue = GPOINTER_TO_UINT (g_hash_table_lookup (overdue_by_tip, row->id));
      g_ptr_array_add (self->tips, line);
    }
  return TRUE;
}

static void
bump (GHashTable *table,
      const char *key)
{
  g_hash_table_insert (table, (gpointer) key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

static char *
format_local (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static char *
format_iso (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);

  return utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;
}

static TlStats *
threshold_stats (const TlHandoff *self)
{
  TlStats *stats = g_new0 (TlStats, 1);

  stats->threshold = self->threshold;
  return stats;
}

static char *
suppression_note (const TlHandoff *self)
{
  g_autofree TlStats *stats = threshold_stats (self);

  return tl_stats_suppression_note (stats);
}

/* public API */

/* The hand-off for the shift from since to now; threshold as for statistics (0 or 1:
 * no suppression; TL_STATS_DEFAULT_THRESHOLD by default). */
TlHandoff *
tl_handoff_new (TlStore    *store,
                gint64      since,
                GDateTime  *now,
                guint       threshold,
                GError    **error)
{
  g_autoptr(TlHandoff) self = g_new0 (TlHandoff, 1);
  g_autoptr(GHashTable) due_by_tip = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) overdue_by_tip = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 end_of_day;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->since = since;
  self->until = g_date_time_to_unix (now);
  self->threshold = threshold;
  self->tips = g_ptr_array_new_with_free_func ((GDestroyNotify) handoff_tip_free);
  end_of_day = tl_follow_up_end_of_day (now);

  if (since >= self->until)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The shift has to start before now. Give an earlier time."));
      return NULL;
    }
  if (!tl_store_count_shift (store, since, self->until, end_of_day, &self->counts, error))
    return NULL;
  self->due = tl_store_list_follow_ups (store, NULL, end_of_day, FALSE, error);
  if (self->due == NULL)
    return NULL;
  for (guint i = 0; i < self->due->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (self->due, i);

      bump (due_by_tip, follow_up->tip_id);
      if (tl_follow_up_is_overdue (follow_up, self->until))
        bump (overdue_by_tip, follow_up->tip_id);
    }
  if (!add_tips (self, store, TL_TIP_STATUS_OPEN, due_by_tip, overdue_by_tip, error) ||
      !add_tips (self, store, TL_TIP_STATUS_REFERRED, due_by_tip, overdue_by_tip, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
tl_handoff_free (TlHandoff *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->tips, g_ptr_array_unref);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_free (self);
}

/* A count as it may leave the machine: "<11" for 1 to 10 by default. */
char *
tl_handoff_format_count (const TlHandoff *self,
                         gint64           count)
{
  g_autofree TlStats *stats = threshold_stats (self);

  return tl_stats_format_count (stats, count, tl_stats_classify (stats, count));
}

char *
tl_handoff_to_text (const TlHandoff *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *since = format_local (self->since);
  g_autofree char *until = format_local (self->until);
  g_autofree char *note = suppression_note (self);
  const struct
  {
    const char *label;
    gint64 count;
  } totals[] = {
    { _("Open tips"), self->counts.open_tips },
    { _("Tips received"), self->counts.received },
    { _("Calls and referrals logged"), self->counts.calls },
    { _("Follow-ups due by the end of today"), self->counts.due },
    { _("Of those, overdue"), self->counts.overdue },
    { _("Follow-ups done or dropped"), self->counts.follow_ups_closed },
  };

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (text, "%s\n", _("Shift hand-off — CONFIDENTIAL"));
  /* Translators: the start and end of the shift, as dates and times */
  g_string_append_printf (text, _("From %s to %s"), since, until);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s\n\n", _("Profile: Human Trafficking Coordinator. Victims’ details are left out."));

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *count = tl_handoff_format_count (self, totals[i].count);

      g_string_append_printf (text, "%-40s %6s\n", totals[i].label, count);
    }
  if (note != NULL)
    g_string_append_printf (text, "\n%s\n", note);

  g_string_append_printf (text, "\n%s\n", _("Follow-ups due"));
  if (self->due->len == 0)
    g_string_append_printf (text, "  %s\n", _("Nothing is due."));
  for (guint i = 0; i < self->due->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (self->due, i);
      g_autofree char *due = format_local (follow_up->due);

      g_string_append_printf (text, "  %s  %s  %s%s\n", due, follow_up->tip_id,
                              follow_up->advocate != NULL ? follow_up->advocate : "",
                              tl_follow_up_is_overdue (follow_up, self->until) ? _(" (overdue)") : "");
    }
  if (self->due->len > 0)
    g_string_append_printf (text, "  %s\n", _("What each follow-up says is withheld: it is the office’s own record."));

  g_string_append_printf (text, "\n%s\n", _("Open tips"));
  if (self->tips->len == 0)
    g_string_append_printf (text, "  %s\n", _("No tip is open."));
  for (guint i = 0; i < self->tips->len; i++)
    {
      const TlHandoffTip *tip = g_ptr_array_index (self->tips, i);

      g_string_append_printf (text, "  %s  %s  %s\n", tip->tip_id,
                              tl_enum_label (tl_tip_status_values, tip->status),
                              tip->summary != NULL ? tip->summary : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
tl_handoff_to_json (const TlHandoff *self)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *since = format_iso (self->since);
  g_autofree char *until = format_iso (self->until);
  g_autofree char *note = suppression_note (self);
  const struct
  {
    const char *key;
    gint64 count;
  } totals[] = {
    { "open-tips", self->counts.open_tips },
    { "received", self->counts.received },
    { "calls", self->counts.calls },
    { "due", self->counts.due },
    { "overdue", self->counts.overdue },
    { "follow-ups-closed", self->counts.follow_ups_closed },
  };

  g_return_val_if_fail (self != NULL, NULL);

  tl_json_begin_object (json);
  tl_json_member_string (json, "profile", "coordinator");
  tl_json_member_string (json, "since", since);
  tl_json_member_string (json, "until", until);
  tl_json_key (json, "counts");
  tl_json_begin_object (json);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *count = tl_handoff_format_count (self, totals[i].count);

      tl_json_member_string (json, totals[i].key, count);
    }
  tl_json_end_object (json);
  tl_json_member_string (json, "note", note);
  tl_json_key (json, "due");
  tl_json_begin_array (json);
  for (guint i = 0; i < self->due->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (self->due, i);
      g_autofree char *due = format_iso (follow_up->due);

      tl_json_begin_object (json);
      tl_json_member_int (json, "number", follow_up->id);
      tl_json_member_string (json, "tip", follow_up->tip_id);
      tl_json_member_string (json, "due", due);
      tl_json_member_bool (json, "overdue", tl_follow_up_is_overdue (follow_up, self->until));
      tl_json_member_string (json, "advocate", follow_up->advocate);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  tl_json_key (json, "tips");
  tl_json_begin_array (json);
  for (guint i = 0; i < self->tips->len; i++)
    {
      const TlHandoffTip *tip = g_ptr_array_index (self->tips, i);

      tl_json_begin_object (json);
      tl_json_member_string (json, "id", tip->tip_id);
      tl_json_member_string (json, "status", tl_enum_to_nick (tl_tip_status_values, tip->status));
      tl_json_member_string (json, "summary", tip->summary);
      tl_json_member_int (json, "due", tip->due);
      tl_json_member_int (json, "overdue", tip->overdue);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  tl_json_end_object (json);

  return tl_json_steal (g_steal_pointer (&json));
}

gboolean
tl_handoff_record (const TlHandoff *self,
                   TlStore         *store,
                   GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->tips->len; i++)
    {
      const TlHandoffTip *tip = g_ptr_array_index (self->tips, i);

      if (g_hash_table_add (seen, tip->tip_id))
        g_ptr_array_add (ids, tip->tip_id);
    }
  for (guint i = 0; i < self->due->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (self->due, i);

      if (g_hash_table_add (seen, follow_up->tip_id))
        g_ptr_array_add (ids, follow_up->tip_id);
    }
  if (ids->len == 0)
    return TRUE;
  return tl_store_audit_tips (store, TL_AUDIT_EXPORT, ids, error);
}
