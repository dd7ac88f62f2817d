/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-agencies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-agencies-page.h"
#include "tl-agency.h"

/* Preferences → Agencies (issue 21, sealed bundles): this agency's fingerprint and its
 * public-key file to send to another agency, and the known agencies whose keys the
 * advocate saved, each under the name the advocate typed after comparing fingerprints
 * by phone. Tipline never names or adds an agency itself. The store calls are quick, so
 * they run here on the main loop; the rules (a name or key saved twice, this store's
 * own key) are the store's. */

struct _TlAgenciesPage
{
  AdwPreferencesPage parent_instance;

  AdwActionRow *fingerprint_row;
  AdwPreferencesGroup *known_group;
  GPtrArray *known_rows;      /* rows in known_group */

  TlContext *context;
  TlStore *store;             /* the context's */
  char *fingerprint;
};

G_DEFINE_FINAL_TYPE (TlAgenciesPage, tl_agencies_page, ADW_TYPE_PREFERENCES_PAGE)

static void refresh (TlAgenciesPage *self);

/* helpers */

static GtkWindow *
get_window (TlAgenciesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (TlAgenciesPage *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
add_button (GtkWidget  *row,
            const char *label,
            const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* callbacks */

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TlAgenciesPage   *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "tl-name");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  if (!tl_store_remove_agency (self->store, name, &error))
    show_error (self, _("The Agency Could Not Be Removed"), error);
  refresh (self);
}

static void
remove_clicked_cb (GtkButton      *button,
                   TlAgenciesPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "tl-name");
  g_autofree char *body = g_strdup_printf (_("Tipline will no longer seal tips for “%s”, and bundles from it will show only its fingerprint. Tips already received stay."),
                                           name);
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), _("Remove Agency?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tl-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_clicked_cb (TlAgenciesPage *self)
{
  if (self->fingerprint != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->fingerprint);
}

static void
key_saved_cb (GtkNativeDialog *chooser,
              int              response,
              TlAgenciesPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      own = tl_store_get_agency_identity (self->store, NULL, &error);
      if (path == NULL && error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Tipline can only write to a folder on this computer. Choose another folder."));
      if (error == NULL)
        tl_agency_write_key_file (own, path, g_file_test (path, G_FILE_TEST_EXISTS), &error);
      if (error != NULL)
        show_error (self, _("The Public Key Could Not Be Saved"), error);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (TlAgenciesPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Public Key"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "agency-public-key.tlkey");
  g_signal_connect_object (chooser, "response", G_CALLBACK (key_saved_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 TlAgenciesPage   *self)
{
  TlAgency *agency = g_object_get_data (G_OBJECT (dialog), "tl-agency");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;
  g_free (agency->name);
  agency->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (!tl_store_add_agency (self->store, agency, &error))
    show_error (self, _("The Agency Could Not Be Saved"), error);
  refresh (self);
}

static void
key_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               TlAgenciesPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        tl_agencies_page_add_from_file (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_clicked_cb (TlAgenciesPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Agency’s Public Key"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (key_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
refresh (TlAgenciesPage *self)
{
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->known_rows->len; i++)
    adw_preferences_group_remove (self->known_group, g_ptr_array_index (self->known_rows, i));
  g_ptr_array_set_size (self->known_rows, 0);

  if (!tl_store_is_unlocked (self->store))
    return;

  own = tl_store_get_agency_identity (self->store, NULL, &error);
  g_clear_pointer (&self->fingerprint, g_free);
  if (own != NULL)
    self->fingerprint = tl_agency_dup_fingerprint (own);
  adw_action_row_set_subtitle (self->fingerprint_row, self->fingerprint != NULL ? self->fingerprint
                                                                                  : error->message);
  g_clear_error (&error);

  agencies = tl_store_list_agencies (self->store, &error);
  if (agencies == NULL || agencies->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     agencies == NULL ? error->message : _("No agencies saved yet"));
      adw_preferences_group_add (self->known_group, row);
      g_ptr_array_add (self->known_rows, row);
      return;
    }
  for (guint i = 0; i < agencies->len; i++)
    {
      TlAgency *agency = g_ptr_array_index (agencies, i);
      g_autofree char *fingerprint = tl_agency_dup_fingerprint (agency);
      g_autofree char *accessible = g_strdup_printf (_("Remove %s"), agency->name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), agency->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fingerprint);
      button = add_button (row, _("_Remove"), accessible);
      g_object_set_data_full (G_OBJECT (button), "tl-name", g_strdup (agency->name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_preferences_group_add (self->known_group, row);
      g_ptr_array_add (self->known_rows, row);
    }
}

/* overrides */

static void
tl_agencies_page_dispose (GObject *object)
{
  TlAgenciesPage *self = (TlAgenciesPage *) object;

  g_clear_pointer (&self->known_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_agencies_page_parent_class)->dispose (object);
}

static void
tl_agencies_page_class_init (TlAgenciesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_agencies_page_dispose;
}

static void
tl_agencies_page_init (TlAgenciesPage *self)
{
  AdwPreferencesGroup *own_group;
  GtkWidget *row, *button;

  self->known_rows = g_ptr_array_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Agencies"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "mail-send-symbolic");

  own_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (own_group, _("This Agency"));
  adw_preferences_group_set_description (own_group,
                                         _("Other agencies seal tips for this store with its public key. Send them the key file, then read them the fingerprint by phone so they know the file is yours."));
  row = adw_action_row_new ();
  self->fingerprint_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Fingerprint"));
  gtk_widget_add_css_class (row, "property");
  button = add_button (row, _("_Copy"), _("Copy the fingerprint"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (copy_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (own_group, row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Public Key File"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Nothing secret: safe to send by e-mail"));
  button = add_button (row, _("_Export…"), _("Export the public key file"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (export_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (own_group, row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), own_group);

  self->known_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->known_group, _("Known Agencies"));
  adw_preferences_group_set_description (self->known_group,
                                         _("Agencies whose public keys you saved, after checking their fingerprints by phone. Export seals tips for one of them."));
  button = gtk_button_new_with_mnemonic (_("_Add…"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add an agency from its public key file"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->known_group, button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->known_group);
}

/* public API */

GtkWidget *
tl_agencies_page_new (TlContext *context)
{
  TlAgenciesPage *self;

  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);

  self = g_object_new (TL_TYPE_AGENCIES_PAGE, NULL);
  self->context = g_object_ref (context);
  self->store = g_object_ref (tl_context_get_store (context));
  refresh (self);
  return GTK_WIDGET (self);
}

GtkWidget *
tl_agencies_page_add_from_file (TlAgenciesPage *self,
                                const char     *path)
{
  g_autoptr(TlAgency) agency = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (TL_IS_AGENCIES_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  agency = tl_agency_read_key_file (path, &error);
  if (agency == NULL)
    {
      show_error (self, _("This Is Not an Agency’s Public Key"), error);
      return NULL;
    }
  fingerprint = tl_agency_dup_fingerprint (agency);
  body = g_strdup_printf (_("Fingerprint: %s\n\nCall the agency on a number you already know and have them read their fingerprint to you. Save the key only if every character matches, under the agency’s name."),
                          fingerprint);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), _("Save Agency Key?"), body));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Agency name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agency name"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", FALSE);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tl-agency", g_steal_pointer (&agency), (GDestroyNotify) tl_agency_free);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WIDGET (dialog);
}
