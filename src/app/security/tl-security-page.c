/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-security-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-backup-restore.h"
#include "tl-recovery-code-dialog.h"
#include "tl-secret-prompt.h"
#include "tl-security-page.h"

/* Preferences → Security: the store's passphrases (add one, remove one), a new recovery
 * code, checking the audit log's hash chain, and the automatic backups. Key changes run
 * in a thread (key derivation, and removing re-encrypts the whole store) under a hold on
 * the context, so the main window keeps off the store; this page stays responsive and shows a spinner. */

typedef enum
{
  OP_ADD,
  OP_REMOVE,
  OP_RECOVERY,
} OpKind;

typedef struct
{
  OpKind kind;
  TlStore *store;
  char *passphrase;
  char *new_passphrase;
  char *label;
  guint index;
  char *recovery_code;        /* guarded memory */
} OpData;

struct _TlSecurityPage
{
  AdwPreferencesPage parent_instance;

  AdwPreferencesGroup *keys_group;
  GtkWidget *add_button;
  AdwActionRow *busy_row;
  GtkSpinner *busy_spinner;
  GtkWidget *recovery_button;
  AdwActionRow *audit_row;
  GtkSpinButton *backup_count_spin;
  AdwActionRow *folder_row;
  GtkWidget *folder_reset_button;

  TlContext *context;
  TlStore *store;             /* the context's */
  GSettings *settings;        /* the context's */
  GPtrArray *slot_rows;       /* AdwActionRow, in keys_group */
  gboolean busy;
  gboolean holding;           /* a hold on the context, while an operation runs */
};

G_DEFINE_FINAL_TYPE (TlSecurityPage, tl_security_page, ADW_TYPE_PREFERENCES_PAGE)

static void refresh_slots (TlSecurityPage *self);

/* helpers */

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->passphrase, tl_secret_prompt_free_text);
  g_clear_pointer (&data->new_passphrase, tl_secret_prompt_free_text);
  g_clear_pointer (&data->label, g_free);
  g_clear_pointer (&data->recovery_code, tl_store_secret_free);
  g_free (data);
}

static GtkWindow *
get_parent_window (TlSecurityPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (TlSecurityPage *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (get_parent_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (TlSecurityPage *self,
            const char     *title)
{
  GtkWindow *window = get_parent_window (self);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
}

static gboolean
check_unlocked (TlSecurityPage *self)
{
  if (tl_store_is_unlocked (self->store))
    return TRUE;
  show_error (self, _("Tipline Is Locked"), _("Unlock Tipline first, then try again."));
  return FALSE;
}

static void
set_busy (TlSecurityPage *self,
          gboolean        busy,
          gboolean        rekeying)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_row), busy && rekeying);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (self->add_button, !busy);
  gtk_widget_set_sensitive (self->recovery_button, !busy);
  for (guint i = 0; self->slot_rows != NULL && i < self->slot_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->slot_rows, i), !busy);

  /* The main window must not read or write the store while a thread uses it. */
  if (busy != self->holding)
    {
      self->holding = busy;
      if (busy)
        tl_context_hold (self->context);
      else
        tl_context_release (self->context);
    }
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (data->kind)
    {
    case OP_ADD:
      ok = tl_store_add_passphrase (data->store, data->passphrase, data->label,
                                    data->new_passphrase, TL_KDF_MODERATE, &error);
      break;
    case OP_REMOVE:
      ok = tl_store_remove_key_slot (data->store, data->passphrase, data->index, &error);
      break;
    case OP_RECOVERY:
      data->recovery_code = tl_store_new_recovery_code (data->store, data->passphrase,
                                                        TL_KDF_MODERATE, &error);
      ok = data->recovery_code != NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  /* No longer needed: overwrite now rather than when the task goes. */
  g_clear_pointer (&data->passphrase, tl_secret_prompt_free_text);
  g_clear_pointer (&data->new_passphrase, tl_secret_prompt_free_text);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* callbacks */

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TlSecurityPage *self = TL_SECURITY_PAGE (object);
  OpData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* The preferences window was closed while the thread ran. */
  if (self->store == NULL)
    return;

  set_busy (self, FALSE, FALSE);
  refresh_slots (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self,
                  data->kind == OP_ADD ? _("The Passphrase Was Not Added")
                  : data->kind == OP_REMOVE ? _("The Passphrase Was Not Removed")
                  : _("No New Recovery Code Was Made"),
                  error->message);
      return;
    }

  switch (data->kind)
    {
    case OP_ADD:
      show_toast (self, _("Passphrase added"));
      break;
    case OP_REMOVE:
      show_toast (self, _("Passphrase removed; the store was re-encrypted"));
      break;
    case OP_RECOVERY:
      {
        GtkWidget *dialog = tl_recovery_code_dialog_new (get_parent_window (self), data->recovery_code);

        g_clear_pointer (&data->recovery_code, tl_store_secret_free);
        gtk_window_present (GTK_WINDOW (dialog));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
run_op (TlSecurityPage *self,
        OpData         *data)
{
  g_autoptr(GTask) task = NULL;

  data->store = g_object_ref (self->store);
  set_busy (self, TRUE, data->kind != OP_ADD);

  task = g_task_new (self, NULL, op_done_cb, NULL);
  g_task_set_source_tag (task, run_op);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, op_thread);
}

static void
prompt_response_cb (TlSecurityPage *self,
                    const char     *response,
                    TlSecretPrompt *prompt)
{
  OpData *data;

  if (!g_str_equal (response, "accept") || self->busy || !check_unlocked (self))
    return;

  data = g_new0 (OpData, 1);
  data->kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (prompt), "tl-op"));
  data->index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (prompt), "tl-index"));
  data->passphrase = tl_secret_prompt_take_current (prompt);
  if (data->kind == OP_ADD)
    {
      data->label = tl_secret_prompt_dup_label (prompt);
      data->new_passphrase = tl_secret_prompt_take_new (prompt);
    }
  run_op (self, data);
}

static void
open_prompt (TlSecurityPage *self,
             OpKind          kind,
             guint           index,
             const char     *heading,
             const char     *body,
             const char     *accept_label)
{
  GtkWidget *prompt;

  if (self->busy || !check_unlocked (self))
    return;

  prompt = tl_secret_prompt_new (get_parent_window (self), heading, body, accept_label, kind == OP_ADD);
  g_object_set_data (G_OBJECT (prompt), "tl-op", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (prompt), "tl-index", GUINT_TO_POINTER (index));
  if (kind == OP_REMOVE)
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (prompt), "accept", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (prompt, "response", G_CALLBACK (prompt_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prompt));
}

static void
add_cb (TlSecurityPage *self)
{
  open_prompt (self, OP_ADD, 0, _("Add a Passphrase"),
               _("Give another advocate their own passphrase. The audit log records what they do under this name."),
               _("_Add"));
}

static void
recovery_cb (TlSecurityPage *self)
{
  open_prompt (self, OP_RECOVERY, 0, _("Make a New Recovery Code?"),
               _("The supervisor’s current recovery code stops working and the store is re-encrypted. The new code is shown once."),
               _("_Make New Code"));
}

static void
remove_clicked_cb (GtkButton      *button,
                   TlSecurityPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tl-index"));
  const char *label = g_object_get_data (G_OBJECT (button), "tl-label");
  /* Translators: %s is an advocate's name */
  g_autofree char *heading = g_strdup_printf (_("Remove the Passphrase of %s?"), label);

  open_prompt (self, OP_REMOVE, index, heading,
               _("It will no longer open the store. The whole store is re-encrypted with a new key, so a copy of the old key file is useless too; this can take a while."),
               _("_Remove"));
}

static void
check_audit_cb (TlSecurityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TlAuditCheck check = { 0 };

  if (!check_unlocked (self))
    return;

  if (!tl_store_check_audit (self->store, &check, &error))
    {
      show_error (self, _("The Audit Log Could Not Be Checked"), error->message);
      return;
    }

  if (check.intact)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, check.checked);

      /* Translators: %s is a number of entries */
      text = g_strdup_printf (_("OK: the audit log is intact (%s entries checked)."), count);
    }
  else if (check.problem != NULL)
    text = g_strdup (check.problem);
  else
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (check.broken_at / G_USEC_PER_SEC);
      g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
      g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, check.broken_seq);

      /* Translators: the first %s is an entry number, the second a date and time */
      text = g_strdup_printf (_("The audit log was changed: entry %s (%s) does not match the entries before it."),
                              entry, when);
    }
  adw_action_row_set_subtitle (self->audit_row, text);
}

static void
update_folder_row (TlSecurityPage *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *folder = self->store != NULL ? tl_backup_dup_folder (self->context) : g_strdup (chosen);
  g_autofree char *display = g_filename_display_name (folder);

  adw_action_row_set_subtitle (self->folder_row, display);
  gtk_widget_set_visible (self->folder_reset_button, chosen[0] != '\0');
}

static void
folder_reset_cb (TlSecurityPage *self)
{
  g_settings_reset (self->settings, "backup-folder");
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  TlSecurityPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
    }
  g_object_unref (chooser);
}

static void
folder_choose_cb (TlSecurityPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Backup Folder"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (folder_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
refresh_slots (TlSecurityPage *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  guint passphrases = 0;

  for (guint i = 0; i < self->slot_rows->len; i++)
    adw_preferences_group_remove (self->keys_group, g_ptr_array_index (self->slot_rows, i));
  g_ptr_array_set_size (self->slot_rows, 0);

  infos = tl_store_list_key_slots (self->store, &error);
  if (infos == NULL)
    {
      g_warning ("Could not list the key slots (error %d)", error->code);
      return;
    }

  for (guint i = 0; i < infos->len; i++)
    passphrases += !((TlKeySlotInfo *) g_ptr_array_index (infos, i))->recovery;

  for (guint i = 0; i < infos->len; i++)
    {
      const TlKeySlotInfo *info = g_ptr_array_index (infos, i);
      const char *label = info->label[0] != '\0' ? info->label : _("(no name)");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->recovery ? _("Recovery code") : label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   info->recovery ? _("Kept by the supervisor") : _("Passphrase"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (info->recovery ? "security-high-symbolic"
                                                                              : "avatar-default-symbolic"));
      if (!info->recovery)
        {
          button = gtk_button_new_with_mnemonic (_("_Remove…"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          /* Never the last passphrase: the store would not open again. */
          gtk_widget_set_sensitive (button, passphrases > 1);
          if (passphrases <= 1)
            gtk_widget_set_tooltip_text (button, _("The only passphrase cannot be removed"));
          g_object_set_data (G_OBJECT (button), "tl-index", GUINT_TO_POINTER (info->index));
          g_object_set_data_full (G_OBJECT (button), "tl-label", g_strdup (label), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (self->keys_group, row);
      g_ptr_array_add (self->slot_rows, row);
    }
}

/* overrides */

static void
tl_security_page_dispose (GObject *object)
{
  TlSecurityPage *self = (TlSecurityPage *) object;

  if (self->holding)
    {
      self->holding = FALSE;
      tl_context_release (self->context);
    }
  /* The settings are the context's, which outlives the page. */
  if (self->settings != NULL)
    {
      g_settings_unbind (self->backup_count_spin, "value");
      g_signal_handlers_disconnect_by_data (self->settings, self);
      self->settings = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_SECURITY_PAGE);
  g_clear_pointer (&self->slot_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_security_page_parent_class)->dispose (object);
}

static void
tl_security_page_class_init (TlSecurityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_security_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-security-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, keys_group);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, busy_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, recovery_button);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, audit_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, backup_count_spin);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, TlSecurityPage, folder_reset_button);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_bind_template_callback (widget_class, recovery_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_audit_cb);
  gtk_widget_class_bind_template_callback (widget_class, folder_reset_cb);
  gtk_widget_class_bind_template_callback (widget_class, folder_choose_cb);
}

static void
tl_security_page_init (TlSecurityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->slot_rows = g_ptr_array_new ();
}

/* public API */

GtkWidget *
tl_security_page_new (TlContext *context)
{
  TlSecurityPage *self;

  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);

  self = g_object_new (TL_TYPE_SECURITY_PAGE, NULL);
  self->context = g_object_ref (context);
  self->store = g_object_ref (tl_context_get_store (context));
  self->settings = tl_context_get_settings (context);
  g_settings_bind (self->settings, "backup-count", self->backup_count_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::backup-folder",
                           G_CALLBACK (update_folder_row), self, G_CONNECT_SWAPPED);
  refresh_slots (self);
  update_folder_row (self);
  return GTK_WIDGET (self);
}

/* Whether a key change is running (for tests and for closing). */
gboolean
tl_security_page_is_busy (TlSecurityPage *self)
{
  g_return_val_if_fail (TL_IS_SECURITY_PAGE (self), FALSE);

  return self->busy;
}
