/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-export-dialog-tips"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-bundle.h"
#include "tl-error.h"
#include "tl-export-dialog-private.h"

/* The export dialog for several tips at once (the tip list's selection mode): they can
 * only go out sealed, together, in one bundle for one known agency, under one profile.
 * The dialog lists them with what the profile withholds from each, and refuses to seal
 * while one has fields to fix (the other agency's Tipline would refuse the bundle).
 * Overrides belong to one tip and its victims, so none are offered here: to include
 * something on purpose, the advocate seals that tip on its own. */

/* helpers */

static TlReportProfile
get_profile (TlExportDialog *self)
{
  return (TlReportProfile) adw_combo_row_get_selected (self->profile_row);
}

static char *
dup_title (const TlTip *tip)
{
  g_autofree char *summary = tl_tip_dup_summary (tip);

  return summary != NULL && summary[0] != '\0' ? g_steal_pointer (&summary)
                                               : g_strdup (_("No details yet"));
}

/* What the profile withholds from one tip, as the report itself lists it. */
static guint
count_withheld (TlExportDialog *self,
                TlTip          *tip)
{
  g_autoptr(TlExport) export = tl_export_new (tip, get_profile (self), TL_REPORT_XML, NULL);
  g_autoptr(GPtrArray) lines = NULL;

  tl_export_set_protocols (export, tl_context_get_protocols (self->context));
  lines = tl_export_list_withheld (export);
  return lines->len;
}

/* private API */

void
_tl_export_dialog_update_tips (TlExportDialog *self)
{
  TlReportProfile profile = get_profile (self);
  g_autofree char *description = NULL;
  const char *sealed;
  guint n_invalid = 0;

  sealed = self->agency_names->len == 0
           ? _("No agency keys are saved yet. In Preferences → Agencies, add the other agency’s public key after checking its fingerprint by phone.")
           : _("The file is encrypted for the agency chosen above and signed by this one: only that agency’s Tipline can open it, and it shows who sent it.");
  description = g_strdup_printf ("%s\n\n%s\n\n%s", tl_report_profile_get_description (profile), sealed,
                                 _("What the profile withholds stays out of every tip. To include something on purpose, seal that tip on its own (Tip Menu → Export…)"));
  gtk_label_set_text (self->description_label, description);

  for (guint i = 0; i < self->tips->len; i++)
    {
      TlTip *tip = g_ptr_array_index (self->tips, i);
      g_autoptr(GPtrArray) problems = tl_tip_validate (tip);
      g_autofree char *title = dup_title (tip);
      g_autofree char *subtitle = NULL;
      guint withheld;

      if (problems->len > 0)
        {
          /* Translators: under a tip that cannot be sealed yet */
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field to fix", "%u fields to fix",
                                                   problems->len), problems->len);
          _tl_export_dialog_add_row (self, self->problems_group, title, subtitle);
          n_invalid++;
          continue;
        }
      withheld = count_withheld (self, tip);
      subtitle = withheld == 0
                 ? g_strdup (_("Nothing withheld"))
                 /* Translators: under a tip in the bundle; what the chosen profile leaves out of it */
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u part withheld", "%u parts withheld",
                                                 withheld), withheld);
      _tl_export_dialog_add_row (self, self->withheld_group, title, subtitle);
    }

  self->blocked = n_invalid > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), n_invalid > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->withheld_group), n_invalid < self->tips->len);
  gtk_widget_set_visible (GTK_WIDGET (self->agency_row), TRUE);
}

gboolean
_tl_export_dialog_seal_tips (TlExportDialog  *self,
                             const char      *path,
                             gboolean         overwrite,
                             GError         **error)
{
  g_autoptr(TlBundleRequest) request = tl_bundle_request_new (get_profile (self));
  const char *agency = _tl_export_dialog_get_agency (self);

  if (self->blocked)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("Some of these tips have fields to fix before they can be sealed. Open each one and fix it, or leave it out of the selection."));
      return FALSE;
    }
  if (agency == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                           _("No agency keys are saved yet. Add the other agency’s public key in Preferences → Agencies."));
      return FALSE;
    }

  for (guint i = 0; i < self->tips->len; i++)
    g_ptr_array_add (request->tip_ids, g_strdup (((TlTip *) g_ptr_array_index (self->tips, i))->id));
  request->advocate_name = g_settings_get_string (tl_context_get_settings (self->context), "advocate-name");
  request->agency_phone = g_settings_get_string (tl_context_get_settings (self->context), "agency-phone");
  request->protocols = tl_context_get_protocols (self->context);
  /* The core renders each tip as its XML export and records each export in the audit
   * log, as `tipline-cli bundle seal` does. */
  return tl_bundle_seal (self->store, request, agency, path, overwrite, error);
}

/* public API */

/**
 * tl_export_dialog_new_for_tips:
 * @tip_ids: (element-type utf8): the tips to seal together, in this order
 *
 * The dialog for sealing several saved tips into one bundle. The tips are read from the
 * store as they are saved (never a draft's edits).
 *
 * Returns: (transfer floating) (nullable): the dialog, or %NULL with @error set when a
 *   tip cannot be read
 */
TlExportDialog *
tl_export_dialog_new_for_tips (GtkWindow  *parent,
                               TlContext  *context,
                               GPtrArray  *tip_ids,
                               GError    **error)
{
  g_autoptr(GPtrArray) tips = NULL;
  g_autofree char *subtitle = NULL;
  TlExportDialog *self;
  TlStore *store;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (tip_ids != NULL && tip_ids->len > 0, NULL);

  store = tl_context_get_store (context);
  if (tip_ids->len > TL_BUNDLE_MAX_TIPS)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("Choose between 1 and %d tips to seal."), TL_BUNDLE_MAX_TIPS);
      return NULL;
    }
  tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  for (guint i = 0; i < tip_ids->len; i++)
    {
      TlTip *tip = tl_store_load_tip (store, g_ptr_array_index (tip_ids, i), error);

      if (tip == NULL)
        return NULL;
      g_ptr_array_add (tips, tip);
    }

  self = g_object_new (TL_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->tips = g_steal_pointer (&tips);
  self->mode = TL_EXPORT_DIALOG_EXPORT;
  _tl_export_dialog_setup (self, context);

  /* Sealed is the only way several tips go out together. */
  adw_combo_row_set_selected (self->format_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), FALSE);
  adw_window_title_set_title (self->window_title, _("Seal Tips for an Agency"));
  /* Translators: the subtitle of the dialog that seals several tips into one bundle */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tip in one bundle", "%u tips in one bundle",
                                           self->tips->len), self->tips->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_button_set_label (GTK_BUTTON (self->run_button), _("_Seal…"));
  adw_preferences_group_set_title (self->problems_group, _("Fix Before Sealing"));
  adw_preferences_group_set_description (self->problems_group,
                                         _("The other agency’s Tipline checks every tip it imports. Open each of these tips and fix it, or leave it out of the selection."));
  adw_preferences_group_set_title (self->withheld_group, _("Tips in This Bundle"));
  adw_preferences_group_set_description (self->withheld_group,
                                         _("Each tip goes out under the profile above, as its own report would."));

  _tl_export_dialog_update (self);
  return self;
}

/* The number of tips being sealed, or 0 for a one-tip dialog (for tests). */
guint
tl_export_dialog_get_n_tips (TlExportDialog *self)
{
  g_return_val_if_fail (TL_IS_EXPORT_DIALOG (self), 0);

  return self->tips != NULL ? self->tips->len : 0;
}
