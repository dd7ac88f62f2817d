/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-error.h"
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
    {
      g_autofree char *their_summary = tl_tip_dup_summary (theirs);
      g_autofree char *my_summary = tl_tip_dup_summary (mine);

      /* Translators: the two versions of a tip, side by side in a message */
      body = g_strdup_printf (_("%s\n\nStored now: %s\nYours: %s"), error->message,
                              their_summary, my_summary);
    }
  else
    body = g_strdup (error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       deleted ? _("This Tip Was Deleted Elsewhere")
                                                               : _("This Tip Changed Elsewhere"),
                                                       body));
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
