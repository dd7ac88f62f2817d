/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-routing-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-follow-up.h"
#include "tl-follow-up-proposals.h"
#include "tl-routing-panel-private.h"

/* What Tipline proposes to do next about the tip beside its plan (issue 19), each with a
 * button that takes it into the tip's follow-ups. */

void
_tl_routing_panel_clear_proposals (TlRoutingPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposals_list))) != NULL)
    gtk_list_box_remove (self->proposals_list, child);
  gtk_widget_set_visible (self->proposals_group, FALSE);
  g_clear_pointer (&self->proposals_shown, g_free);
}

/* "Add": the proposal becomes one of the tip's follow-ups, under the store's advocate,
 * and leaves the list. A tip not saved yet has nowhere to keep it: say so. */
static void
proposal_add_clicked_cb (GtkButton      *button,
                         TlRoutingPanel *self)
{
  TlStore *store = tl_context_get_store (self->context);
  const char *what = g_object_get_data (G_OBJECT (button), "tl-what");
  gint64 due = *(gint64 *) g_object_get_data (G_OBJECT (button), "tl-due");
  g_autoptr(GError) error = NULL;

  if (self->tip == NULL || what == NULL)
    return;
  if (tl_store_add_follow_up (store, self->tip->id, what, due, &error) <= 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The Follow-up Was Not Added"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  _tl_routing_panel_update_proposals (self);
}

/* What Tipline proposes to do next about the tip (tl_follow_up_propose), each with a
 * button that takes it into the tip's follow-ups; those already taken are not shown. */
void
_tl_routing_panel_update_proposals (TlRoutingPanel *self)
{
  TlStore *store = tl_context_get_store (self->context);
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GTimeZone) office = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *protocol = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);

  if (self->tip == NULL || store == NULL || !tl_store_is_unlocked (store))
    {
      _tl_routing_panel_clear_proposals (self);
      return;
    }

  taken = tl_store_list_follow_ups (store, self->tip->id, 0, TRUE, NULL);
  for (guint i = 0; taken != NULL && i < taken->len; i++)
    g_ptr_array_add (texts, ((TlFollowUp *) g_ptr_array_index (taken, i))->what);
  g_ptr_array_add (texts, NULL);

  protocol = g_settings_get_string (self->settings, "default-protocol");
  office = tl_office_zone (self->protocols, protocol);
  proposals = tl_follow_up_propose (self->tip, self->protocols, now, office,
                                    g_settings_get_uint (self->settings, "referral-check-days"),
                                    (const char * const *) texts->pdata);

  for (guint i = 0; i < proposals->len; i++)
    {
      const TlFollowUpProposal *p = g_ptr_array_index (proposals, i);

      g_string_append_printf (shown, "%s\x1f%" G_GINT64_FORMAT "\x1f%d\x1e", p->what != NULL ? p->what : "", p->due, p->kind);
    }
  /* The same proposals as shown (a re-route after typing, most often): keep the rows. */
  if (self->proposals_shown != NULL && g_str_equal (shown->str, self->proposals_shown))
    return;
  _tl_routing_panel_clear_proposals (self);
  g_free (self->proposals_shown);
  self->proposals_shown = g_strdup (shown->str);

  for (guint i = 0; i < proposals->len; i++)
    {
      const TlFollowUpProposal *p = g_ptr_array_index (proposals, i);
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (p->due);
      g_autofree char *when = g_date_time_format (due, "%Y-%m-%d %H:%M");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));
      gint64 *due_copy = g_new (gint64, 1);
      g_autofree char *name = NULL;

      *due_copy = p->due;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->what);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      /* Translators: when a proposed follow-up is due, and what kind it is */
      {
        g_autofree char *subtitle = g_strdup_printf (_("Due %s · %s"), when,
                                                     _(tl_enum_label (tl_proposal_kind_values, p->kind)));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      }
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      /* Translators: the Add button's name for screen readers, then the follow-up */
      name = g_strdup_printf (_("Add to the tip’s follow-ups: %s"), p->what);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (add), "tl-what", g_strdup (p->what), g_free);
      g_object_set_data_full (G_OBJECT (add), "tl-due", due_copy, g_free);
      g_signal_connect (add, "clicked", G_CALLBACK (proposal_add_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
      gtk_list_box_append (self->proposals_list, row);
    }
  gtk_widget_set_visible (self->proposals_group, proposals->len > 0);
}
