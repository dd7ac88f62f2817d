/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-office-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-office-page.h"
#include "tl-office.h"

/* The Office page of Preferences (issue 21, docs/sync.md): create or join an office, the
 * office folder and this device, sync now, invite a device, the members with when each
 * last synced, and the conflicts to resolve. Everything it does is one call of the core
 * (tl-office.h); the page only asks and shows. In the Flatpak the folder comes through the
 * file chooser portal, which keeps access to it. */

struct _TlOfficePage
{
  AdwPreferencesPage parent_instance;

  TlContext *context;
  TlStore *store;
  GPtrArray *groups;          /* AdwPreferencesGroup on the page now */
  GPtrArray *problems;        /* char *: the last sync's refused files */
  char *error;                /* the last action's error, shown on the page */

  /* create / join in progress */
  gboolean joining;
  char *folder;
  GtkFileChooserNative *chooser;
  GtkWidget *name_entry;
  GtkWidget *code_entry;
};

G_DEFINE_FINAL_TYPE (TlOfficePage, tl_office_page, ADW_TYPE_PREFERENCES_PAGE)

/* helpers */

static char *
format_ms (gint64 ms)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (ms <= 0)
    return g_strdup (_("Never"));
  utc = g_date_time_new_from_unix_utc (ms / 1000);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static GtkWidget *
add_group (TlOfficePage *self,
           const char   *title,
           const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_button (GtkWidget  *row,
            const char *label,
            GCallback   callback,
            gpointer    data,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  g_signal_connect_swapped (button, "clicked", callback, data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static void
fail (TlOfficePage *self,
      const GError *error)
{
  g_free (self->error);
  self->error = g_strdup (error->message);
  tl_office_page_refresh (self);
}

typedef struct
{
  TlOfficePage *page;
  TlContext *context;
} SyncNow;

static void
sync_now_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  SyncNow *data = user_data;
  g_autoptr(TlOfficePage) self = data->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlOfficeSyncResult) result = tl_office_sync_finish (TL_STORE (source), res, &error);

  tl_context_release (data->context);
  g_object_unref (data->context);
  g_free (data);
  if (self->store == NULL)
    return;       /* the page is gone */
  if (result == NULL)
    {
      fail (self, error);
      return;
    }
  for (guint i = 0; i < result->problems->len; i++)
    g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (result->problems, i)));
  tl_office_page_refresh (self);
}

/* On a worker thread holding the store, as the header's indicator syncs: the page is
 * insensitive meanwhile (busy_changed_cb), and a lock or close waits for it. */
static void
sync_now (TlOfficePage *self)
{
  SyncNow *data;

  g_clear_pointer (&self->error, g_free);
  g_ptr_array_set_size (self->problems, 0);
  if (tl_context_is_busy (self->context))
    {
      tl_office_page_refresh (self);
      return;
    }
  data = g_new0 (SyncNow, 1);
  data->page = g_object_ref (self);
  data->context = g_object_ref (self->context);
  tl_context_hold (self->context);
  tl_office_sync_async (self->store, TL_OFFICE_SYNC_DEFAULT, NULL, sync_now_done_cb, data);
}

static GtkWidget *
message_dialog (TlOfficePage *self,
                const char   *heading,
                const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
}

static GtkWidget *
labelled_entry (const char *label,
                const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return entry;
}

/* create and join: the folder first (through the portal in the Flatpak), then names */

static void
details_response_cb (TlOfficePage *self,
                     const char   *response)
{
  g_autoptr(GError) error = NULL;
  const char *name;
  gboolean ok;

  if (g_strcmp0 (response, "go") != 0)
    return;
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  if (self->joining)
    ok = tl_office_join (self->store, self->folder, name,
                         gtk_editable_get_text (GTK_EDITABLE (self->code_entry)), &error);
  else
    ok = tl_office_create (self->store, self->folder, name, &error);
  if (!ok)
    {
      fail (self, error);
      return;
    }
  sync_now (self);
}

static void
ask_details (TlOfficePage *self)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *body = g_strdup_printf (_("Office folder: %s"), self->folder);

  dialog = message_dialog (self, self->joining ? _("Join an Office") : _("Create an Office"), body);
  self->name_entry = labelled_entry (_("Name of this computer"), _("Name of this computer, e.g. Night laptop"));
  gtk_box_append (GTK_BOX (box), self->name_entry);
  self->code_entry = NULL;
  if (self->joining)
    {
      self->code_entry = labelled_entry (_("Join code"), _("Join code a member reads to you"));
      gtk_box_append (GTK_BOX (box), self->code_entry);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "go", self->joining ? _("_Join") : _("_Create"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "go");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (details_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
folder_chosen_cb (TlOfficePage *self,
                  int           response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || g_file_peek_path (file) == NULL)
    return;
  g_free (self->folder);
  self->folder = g_file_get_path (file);
  ask_details (self);
}

static void
choose_folder (TlOfficePage *self,
               gboolean      joining)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->joining = joining;
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Office Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
create_cb (TlOfficePage *self)
{
  choose_folder (self, FALSE);
}

static void
join_cb (TlOfficePage *self)
{
  choose_folder (self, TRUE);
}

static void
invite_cb (TlOfficePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = tl_office_invite (self->store, &error);
  GtkWidget *dialog, *label;

  if (code == NULL)
    {
      fail (self, error);
      return;
    }
  dialog = message_dialog (self, _("Join Code"),
                           _("Read this code to the person joining, in person or by phone; never send it through the office folder, e-mail or chat. It works once, for a day."));
  label = gtk_label_new (code);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_add_css_class (label, "monospace");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Done"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (GtkWidget    *dialog,
                    const char   *response,
                    TlOfficePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *device = g_object_get_data (G_OBJECT (dialog), "device");

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!tl_office_remove_member (self->store, device, &error))
    {
      fail (self, error);
      return;
    }
  sync_now (self);
}

static void
remove_cb (GtkWidget *button)
{
  TlOfficePage *self = g_object_get_data (G_OBJECT (button), "page");
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  /* Translators: %s is a device's name, e.g. Night laptop */
  g_autofree char *heading = g_strdup_printf (_("Remove %s from the Office?"), name);
  GtkWidget *dialog = message_dialog (self, heading,
                                      _("The office key changes: nothing written from now on can be read on that computer. What it has already synced stays on it."));

  g_object_set_data_full (G_OBJECT (dialog), "device",
                          g_strdup (g_object_get_data (G_OBJECT (button), "device")), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve (GtkWidget      *button,
         TlOfficeChoice  choice)
{
  TlOfficePage *self = g_object_get_data (G_OBJECT (button), "page");
  g_autoptr(GError) error = NULL;

  if (!tl_office_resolve (self->store, g_object_get_data (G_OBJECT (button), "conflict"), choice, &error))
    {
      fail (self, error);
      return;
    }
  sync_now (self);
}

static void
keep_shown_cb (GtkWidget *button)
{
  resolve (button, TL_OFFICE_KEEP_SHOWN);
}

static void
keep_other_cb (GtkWidget *button)
{
  resolve (button, TL_OFFICE_KEEP_OTHER);
}

/* the page */

static void
show_not_set_up (TlOfficePage *self)
{
  GtkWidget *group = add_group (self, _("Office"),
                                _("Keep this store in step with the office’s other computers through a folder that Syncthing (or another folder sync) carries between them. Tipline itself never connects to the network."));
  GtkWidget *row;

  row = add_row (group, _("Create an Office"), _("This computer becomes its first member"));
  add_button (row, _("C_reate…"), G_CALLBACK (create_cb), self, NULL);
  row = add_row (group, _("Join an Office"), _("With the join code a member reads to you"));
  add_button (row, _("_Join…"), G_CALLBACK (join_cb), self, NULL);
}

static void
show_office (TlOfficePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  TlOfficeStatus status;
  GtkWidget *group, *row;

  if (!tl_office_get_status (self->store, &status, &error))
    {
      group = add_group (self, _("Office"), NULL);
      add_row (group, error->message, NULL);
      return;
    }

  group = add_group (self, _("Office"),
                     _("This store is kept in step with the office’s other computers through the office folder. Tipline itself never connects to the network."));
  add_row (group, _("Office Folder"), status.folder);
  {
    /* Translators: a device's name, then its id */
    g_autofree char *device = g_strdup_printf (_("%s (%s)"), status.device_name, status.device);

    add_row (group, _("This Computer"), device);
  }
  {
    g_autofree char *last = format_ms (status.last_sync);
    /* Translators: %s is a date and time, or Never */
    g_autofree char *text = status.member ? g_strdup_printf (_("Last synced: %s"), last)
                                          : g_strdup (_("Waiting for a member to let this computer in: ask them to sync, then sync here."));

    row = add_row (group, _("Sync"), text);
    add_button (row, _("_Sync Now"), G_CALLBACK (sync_now), self, "suggested-action");
  }
  if (status.member)
    {
      row = add_row (group, _("Invite a Computer"), _("A one-time join code to read aloud"));
      add_button (row, _("_Invite…"), G_CALLBACK (invite_cb), self, NULL);
    }
  for (guint i = 0; i < self->problems->len; i++)
    {
      row = add_row (group, _("A File Was Refused"), g_ptr_array_index (self->problems, i));
      gtk_widget_add_css_class (row, "warning");
    }

  members = tl_office_list_members (self->store, NULL);
  group = add_group (self, _("Members"), _("The computers of the office, and when each last synced."));
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      TlOfficeMember *m = g_ptr_array_index (members, i);
      g_autofree char *last = format_ms (m->last_seen);
      g_autofree char *subtitle = NULL;

      if (m->removed)
        subtitle = g_strdup_printf (_("Removed · %s"), m->device);
      else if (m->is_self)
        subtitle = g_strdup_printf (_("This computer · last synced: %s"), last);
      else
        subtitle = g_strdup_printf (_("Last heard from: %s"), last);
      row = add_row (group, m->name, subtitle);
      if (!m->removed && !m->is_self && status.member)
        {
          GtkWidget *button = add_button (row, _("_Remove…"), G_CALLBACK (remove_cb), NULL, "destructive-action");
          /* Translators: %s is a device's name */
          g_autofree char *label = g_strdup_printf (_("Remove %s"), m->name);

          g_signal_handlers_disconnect_by_func (button, remove_cb, NULL);
          g_signal_connect (button, "clicked", G_CALLBACK (remove_cb), NULL);
          g_object_set_data (G_OBJECT (button), "page", self);
          g_object_set_data_full (G_OBJECT (button), "device", g_strdup (m->device), g_free);
          g_object_set_data_full (G_OBJECT (button), "name", g_strdup (m->name), g_free);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        }
    }

  conflicts = tl_office_list_conflicts (self->store, NULL);
  group = add_group (self, _("Conflicts"),
                     _("Fields two computers changed at the same time. The tip shows the later change; keep it, or keep the other one. The choice reaches every computer."));
  if (conflicts == NULL || conflicts->len == 0)
    add_row (group, _("No conflicts"), NULL);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      TlOfficeConflict *c = g_ptr_array_index (conflicts, i);
      g_autofree char *shown_at = format_ms (c->shown_at);
      g_autofree char *other_at = format_ms (c->other_at);
      /* Translators: a field of a tip, then the tip's id */
      g_autofree char *title = g_strdup_printf (_("%s of tip %s"), c->field, c->tip_id);
      /* Translators: value, computer, time; then the same for the other value */
      g_autofree char *subtitle = g_strdup_printf (_("Shown: “%s” (%s, %s)\nOther: “%s” (%s, %s)"),
                                                   c->shown_value, c->shown_device, shown_at,
                                                   c->other_value, c->other_device, other_at);
      GtkWidget *shown, *other;

      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      row = add_row (group, title, subtitle);
      /* One above the other: the two choices keep their words whole in any language. */
      shown = gtk_button_new_with_mnemonic (_("Keep _Shown"));
      other = gtk_button_new_with_mnemonic (_("Keep _Other"));
      gtk_box_append (GTK_BOX (buttons), shown);
      gtk_box_append (GTK_BOX (buttons), other);
      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
      g_signal_connect (shown, "clicked", G_CALLBACK (keep_shown_cb), NULL);
      g_signal_connect (other, "clicked", G_CALLBACK (keep_other_cb), NULL);
      g_object_set_data (G_OBJECT (shown), "page", self);
      g_object_set_data (G_OBJECT (other), "page", self);
      g_object_set_data_full (G_OBJECT (shown), "conflict", g_strdup (c->id), g_free);
      g_object_set_data_full (G_OBJECT (other), "conflict", g_strdup (c->id), g_free);
    }
  tl_office_status_clear (&status);
}

void
tl_office_page_refresh (TlOfficePage *self)
{
  g_return_if_fail (TL_IS_OFFICE_PAGE (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  if (self->error != NULL)
    {
      GtkWidget *group = add_group (self, _("Something Went Wrong"), NULL);
      GtkWidget *row = add_row (group, self->error, NULL);

      gtk_widget_add_css_class (row, "error");
    }
  if (tl_office_is_set_up (self->store))
    show_office (self);
  else
    show_not_set_up (self);
}

static void
tl_office_page_dispose (GObject *object)
{
  TlOfficePage *self = (TlOfficePage *) object;

  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (tl_office_page_parent_class)->dispose (object);
}

static void
tl_office_page_finalize (GObject *object)
{
  TlOfficePage *self = (TlOfficePage *) object;

  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->problems);
  g_free (self->error);
  g_free (self->folder);
  G_OBJECT_CLASS (tl_office_page_parent_class)->finalize (object);
}

static void
tl_office_page_class_init (TlOfficePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_office_page_dispose;
  object_class->finalize = tl_office_page_finalize;
}

static void
tl_office_page_init (TlOfficePage *self)
{
  self->groups = g_ptr_array_new ();
  self->problems = g_ptr_array_new_with_free_func (g_free);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Office"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "emblem-synchronizing-symbolic");
}

static void
busy_changed_cb (TlOfficePage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self), !tl_context_is_busy (self->context));
}

GtkWidget *
tl_office_page_new (TlContext *context)
{
  TlOfficePage *self = g_object_new (TL_TYPE_OFFICE_PAGE, NULL);

  self->context = g_object_ref (context);
  self->store = g_object_ref (tl_context_get_store (context));
  /* The header's sync (or an import) has the store on a worker thread: the page's
   * buttons wait for it. */
  g_signal_connect_object (context, "notify::busy", G_CALLBACK (busy_changed_cb), self, G_CONNECT_SWAPPED);
  tl_office_page_refresh (self);
  return GTK_WIDGET (self);
}
