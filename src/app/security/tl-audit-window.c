/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-audit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-audit-window.h"

/* A tip's history from the audit log: when, who and what, newest first. The entries
 * hold no tip content, only the action and the advocate's name. */

struct _TlAuditWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (TlAuditWindow, tl_audit_window, ADW_TYPE_WINDOW)

/* helpers */

static GtkWidget *
entry_row_new (const TlAuditEntry *entry)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at / G_USEC_PER_SEC);
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("?");
  g_autofree char *subtitle = NULL;
  const char *who = entry->advocate != NULL && entry->advocate[0] != '\0' ? entry->advocate : _("Unknown advocate");
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a date and time, then an advocate's name */
  subtitle = g_strdup_printf (_("%s · %s"), when, who);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tl_audit_action_display_label (entry->action));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* overrides */

static void
tl_audit_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_AUDIT_WINDOW);

  G_OBJECT_CLASS (tl_audit_window_parent_class)->dispose (object);
}

static void
tl_audit_window_class_init (TlAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_audit_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlAuditWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TlAuditWindow, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_audit_window_init (TlAuditWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

/* What an audit action is called in the app. */
const char *
tl_audit_action_display_label (TlAuditAction action)
{
  switch (action)
    {
    case TL_AUDIT_CREATE: return _("Created");
    case TL_AUDIT_EDIT: return _("Changed");
    case TL_AUDIT_VIEW: return _("Opened");
    case TL_AUDIT_EXPORT: return _("Exported or printed");
    case TL_AUDIT_DELETE: return _("Deleted");
    case TL_AUDIT_FAILED_UNLOCK: return _("Wrong passphrase entered");
    case TL_AUDIT_UNLOCK: return _("Unlocked");
    case TL_AUDIT_IMPORT: return _("Imported");
    case TL_AUDIT_EXPORT_OVERRIDE: return _("Exported with withheld details released");
    case TL_AUDIT_KEY_ADD: return _("Passphrase added");
    case TL_AUDIT_KEY_REMOVE: return _("Passphrase removed");
    case TL_AUDIT_RECOVERY_CODE: return _("New recovery code");
    case TL_AUDIT_BACKUP: return _("Backed up");
    case TL_AUDIT_RESTORE: return _("Restored from a backup");
    case TL_AUDIT_PASSPHRASE_CHANGE: return _("Passphrase changed");
    case TL_AUDIT_FOLLOW_UP_ADD: return _("Follow-up added");
    case TL_AUDIT_FOLLOW_UP_DONE: return _("Follow-up done");
    case TL_AUDIT_FOLLOW_UP_SNOOZE: return _("Follow-up snoozed");
    case TL_AUDIT_FOLLOW_UP_DROP: return _("Follow-up dropped");
    case TL_AUDIT_RETENTION_EXTEND: return _("Kept longer");
    case TL_AUDIT_PURGE: return _("Expired tips purged");
    case TL_AUDIT_SYNC: return _("Changed by the office sync");
    case TL_AUDIT_OFFICE: return _("Office membership changed");
    case TL_AUDIT_AGENCY_ADD: return _("Agency key saved");
    case TL_AUDIT_AGENCY_REMOVE: return _("Agency key removed");
    default: return _("Other");
    }
}

/* Reads the tip's entries now; %NULL with @error when the log cannot be read. */
GtkWidget *
tl_audit_window_new (GtkWindow   *parent,
                     TlStore     *store,
                     const char  *tip_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  TlAuditWindow *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (tip_id != NULL, NULL);

  entries = tl_store_list_audit (store, tip_id, error);
  if (entries == NULL)
    return NULL;

  self = g_object_new (TL_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  for (guint i = entries->len; i > 0; i--)
    gtk_list_box_append (self->list_box, entry_row_new (g_ptr_array_index (entries, i - 1)));
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing recorded yet"));
      gtk_list_box_append (self->list_box, row);
    }
  return GTK_WIDGET (self);
}
