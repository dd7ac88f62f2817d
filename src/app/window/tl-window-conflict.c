/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-error.h"
#include "tl-tip-describe.h"
#include "tl-window-private.h"

/* A save the store refused because the tip changed or was deleted in another window or
 * program since it was opened (tl-store-revision.c). Never a silent overwrite: the
 * advocate sees both summaries and chooses to keep editing, take the stored tip, keep
 * their own (saved over the stored one, knowingly) or save theirs as a copy. */

typedef struct
{
  TlWindow *window;
  TlTip *mine;
} Conflict;

static void
conflict_free (Conflict *conflict)
{
  g_object_unref (conflict->window);
  tl_tip_unref (conflict->mine);
  g_free (conflict);
}

static void
save_copy (TlWindow *self,
           TlTip    *mine)
{
  g_autoptr(TlTip) copy = tl_tip_copy (mine);
  g_autoptr(GError) error = NULL;

  g_free (copy->id);
  copy->id = g_uuid_string_random ();
  copy->revision = 0;
  if (!tl_store_save_tip (self->store, copy, &error))
    {
      _tl_window_show_error (self, _("The Tip Could Not Be Saved"), error);
      return;
    }
  _tl_window_open_tip (self, copy, FALSE);
  _tl_window_list_select_tip (self, copy->id);
  _tl_window_show_toast (self, _("Saved as a new tip"));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Conflict         *conflict)
{
  TlWindow *self = conflict->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) theirs = NULL;

  if (g_str_equal (response, "copy"))
    save_copy (self, conflict->mine);
  else if (g_str_equal (response, "theirs") || g_str_equal (response, "mine"))
    {
      theirs = tl_store_load_tip (self->store, conflict->mine->id, &error);
      if (theirs == NULL)
        _tl_window_show_error (self, _("The Tip Could Not Be Saved"), error);
      else if (g_str_equal (response, "theirs"))
        _tl_window_open_tip (self, theirs, FALSE);
      else
        {
          /* Knowingly over the stored revision the advocate has just seen. */
          conflict->mine->revision = theirs->revision;
          gtk_widget_activate_action (GTK_WIDGET (self), "win.save-tip", NULL);
        }
    }
  conflict_free (conflict);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    absent)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (absent)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* The fields that differ, side by side: field, the stored version, the advocate's
 * (tl_tip_describe_changes() in the core decides what differs). */
static GtkWidget *
changes_table (const TlTip *theirs,
               const TlTip *mine)
{
  g_autoptr(GPtrArray) changes = tl_tip_describe_changes (theirs, mine);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_name (grid, "conflict-changes");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Field"), TRUE, FALSE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Stored now"), TRUE, FALSE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Yours"), TRUE, FALSE), 2, 0, 1, 1);
  for (guint i = 0; i < changes->len; i++)
    {
      TlFieldChange *change = g_ptr_array_index (changes, i);
      /* Translators: a field in a section, e.g. "Victim 2: Name" */
      g_autofree char *field = g_strcmp0 (change->section, change->label) == 0
                               ? g_strdup (change->label)
                               : g_strdup_printf (_("%s: %s"), change->section, change->label);

      gtk_grid_attach (GTK_GRID (grid), cell (field, FALSE, FALSE), 0, i + 1, 1, 1);
      /* Translators: a field one version of a tip does not hold */
      gtk_grid_attach (GTK_GRID (grid), cell (change->theirs != NULL ? change->theirs : _("(empty)"),
                                              FALSE, change->theirs == NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (change->mine != NULL ? change->mine : _("(empty)"),
                                              FALSE, change->mine == NULL), 2, i + 1, 1, 1);
    }
  if (changes->len == 0)
    gtk_grid_attach (GTK_GRID (grid), cell (_("No field differs: only the time it was saved."), FALSE, TRUE),
                     0, 1, 3, 1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fields that differ between the stored tip and yours"), -1);
  return scrolled;
}

void
_tl_window_save_conflict (TlWindow     *self,
                          TlTip        *mine,
                          const GError *error)
{
  g_autoptr(TlTip) theirs = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Conflict *conflict;
  gboolean deleted = g_error_matches (error, TL_ERROR, TL_ERROR_NOT_FOUND);

  if (!deleted)
    theirs = tl_store_load_tip (self->store, mine->id, NULL);

  if (theirs != NULL)
    body = g_strdup_printf ("%s\n\n%s", error->message,
                            _("The fields that differ, side by side:"));
  else
    body = g_strdup_printf ("%s\n\n%s", error->message,
                            _("Saving yours does not bring the deleted tip back: save it as a new tip, or keep editing."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       deleted ? _("This Tip Was Deleted Elsewhere")
                                                               : _("This Tip Changed Elsewhere"),
                                                       body));
  if (theirs != NULL)
    {
      adw_message_dialog_set_extra_child (dialog, changes_table (theirs, mine));
      /* Three columns need more room than a question. */
      gtk_window_set_default_size (GTK_WINDOW (dialog), 720, -1);
    }
  adw_message_dialog_add_response (dialog, "editing", _("_Keep Editing"));
  if (theirs != NULL)
    {
      adw_message_dialog_add_response (dialog, "theirs", _("_Take the Stored One"));
      adw_message_dialog_add_response (dialog, "mine", _("Keep _Mine"));
      adw_message_dialog_set_response_appearance (dialog, "mine", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (dialog, "copy",
                                   deleted ? _("Save as a _New Tip") : _("Save as a _Copy"));
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "editing");

  conflict = g_new0 (Conflict, 1);
  conflict->window = g_object_ref (self);
  conflict->mine = tl_tip_ref (mine);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), conflict);
  gtk_window_present (GTK_WINDOW (dialog));
}
