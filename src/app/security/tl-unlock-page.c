/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-unlock-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-backup-restore.h"
#include "tl-error.h"
#include "tl-field-set.h"
#include "tl-unlock-page.h"

/* Asks for the passphrase and unlocks the store. The key derivation is deliberately slow
 * (Argon2id), so it runs in a thread while a spinner turns. After repeated wrong
 * passphrases the entry waits longer each time (0, 1, 2, 4 … seconds, at most a minute)
 * so guessing at the keyboard is slow; the store writes each failure to its audit log. */

#define MAX_DELAY_SECONDS 60

struct _TlUnlockPage
{
  AdwBin parent_instance;

  AdwPasswordEntryRow *passphrase_row;
  GtkLabel *message_label;
  GtkButton *unlock_button;
  GtkSpinner *spinner;
  GtkButton *restore_button;

  char *backup_path;          /* offered after TL_ERROR_DAMAGED */

  TlContext *context;
  TlStore *store;             /* the context's */
  GCancellable *cancellable;
  guint failures;
  guint delay_left;
  guint delay_source;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (TlUnlockPage, tl_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  TlStore *store;
  char *passphrase;
} UnlockData;

/* helpers */

static void
unlock_data_free (UnlockData *data)
{
  g_clear_object (&data->store);
  if (data->passphrase != NULL)
    {
      memset (data->passphrase, 0, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_free (data);
}

/* Takes the keyboard focus away before a field goes insensitive: GTK 4.8 does not tell
 * the text inside the field, which then keeps blinking its cursor and warns. */
static void
release_focus (GtkWidget *field)
{
  GtkRoot *root = gtk_widget_get_root (field);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field)))
    gtk_root_set_focus (root, NULL);
}

static void
update_sensitivity (TlUnlockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  gboolean waiting = self->busy || self->delay_left > 0;

  if (waiting)
    release_focus (GTK_WIDGET (self->passphrase_row));
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !waiting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !waiting && text[0] != '\0');
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
}

static void
show_message (TlUnlockPage *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* A damaged store: offer the newest backup that checks out, if there is one. */
static void
offer_backup (TlUnlockPage *self)
{
  g_autofree char *folder = tl_backup_dup_folder (self->context);
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;

  g_clear_pointer (&self->backup_path, g_free);
  self->backup_path = tl_store_find_latest_backup (folder);
  if (self->backup_path == NULL)
    {
      g_autofree char *fallback = tl_store_get_backup_dir (self->store);

      if (g_strcmp0 (fallback, folder) != 0)
        self->backup_path = tl_store_find_latest_backup (fallback);
    }

  if (self->backup_path != NULL)
    {
      when = tl_backup_describe_time (self->backup_path);
      /* Translators: %s is the date and time of a backup */
      label = g_strdup_printf (_("_Restore Backup from %s…"), when);
      gtk_button_set_label (self->restore_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), self->backup_path != NULL);
}

static void
show_countdown (TlUnlockPage *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The passphrase is wrong. Try again in %u second.",
                                       "The passphrase is wrong. Try again in %u seconds.",
                                       self->delay_left),
                          self->delay_left);
  show_message (self, text);
}

static gboolean
countdown_cb (gpointer user_data)
{
  TlUnlockPage *self = user_data;

  if (--self->delay_left > 0)
    {
      show_countdown (self);
      return G_SOURCE_CONTINUE;
    }

  self->delay_source = 0;
  show_message (self, _("The passphrase is wrong."));
  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  return G_SOURCE_REMOVE;
}

static void
start_delay (TlUnlockPage *self)
{
  guint delay = tl_unlock_page_get_delay (self);

  g_clear_handle_id (&self->delay_source, g_source_remove);
  self->delay_left = delay;
  if (delay == 0)
    return;

  show_countdown (self);
  self->delay_source = g_timeout_add_seconds (1, countdown_cb, self);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *data = task_data;
  GError *error = NULL;

  if (tl_store_unlock (data->store, data->passphrase, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* callbacks */

static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TlUnlockPage *self = TL_UNLOCK_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The page went away (window closed) while the key was derived. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->busy = FALSE;
      if (g_error_matches (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE))
        {
          self->failures++;
          start_delay (self);
          if (self->delay_left == 0)
            show_message (self, error->message);
        }
      else
        show_message (self, error->message);

      if (g_error_matches (error, TL_ERROR, TL_ERROR_DAMAGED))
        offer_backup (self);

      update_sensitivity (self);
      if (self->delay_left == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  self->busy = FALSE;
  self->failures = 0;
  show_message (self, NULL);
  update_sensitivity (self);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
unlock_cb (TlUnlockPage *self)
{
  g_autoptr(GTask) task = NULL;
  UnlockData *data;
  const char *text;

  text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  if (self->busy || self->delay_left > 0 || self->store == NULL || text[0] == '\0')
    return;

  /* No name from the front end: the store takes the label of the passphrase (or "recovery
   * code") that opens it, so the audit log names whoever actually unlocked. */
  tl_store_set_advocate (self->store, NULL);

  data = g_new0 (UnlockData, 1);
  data->store = g_object_ref (self->store);
  data->passphrase = g_strdup (text);

  /* Do not keep the passphrase in the widget while the key is derived. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");

  self->busy = TRUE;
  show_message (self, NULL);
  update_sensitivity (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, unlock_done_cb, NULL);
  g_task_set_source_tag (task, unlock_cb);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

static void
restored_cb (GObject  *owner,
             gboolean  restored)
{
  TlUnlockPage *self = TL_UNLOCK_PAGE (owner);

  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), TRUE);
  if (!restored || !tl_store_is_unlocked (self->store))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), FALSE);
  g_clear_pointer (&self->backup_path, g_free);
  show_message (self, NULL);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
restore_cb (TlUnlockPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->backup_path == NULL || self->busy || !GTK_IS_WINDOW (root))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
  tl_restore_backup (GTK_WINDOW (root), self->store, self->backup_path, G_OBJECT (self), restored_cb);
}

static void
passphrase_changed_cb (TlUnlockPage *self)
{
  update_sensitivity (self);
}

/* overrides */

static void
tl_unlock_page_map (GtkWidget *widget)
{
  TlUnlockPage *self = TL_UNLOCK_PAGE (widget);

  GTK_WIDGET_CLASS (tl_unlock_page_parent_class)->map (widget);

  /* the row gives its eye button a tooltip only once shown */
  tl_password_row_name_reveal (self->passphrase_row);

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
tl_unlock_page_dispose (GObject *object)
{
  TlUnlockPage *self = (TlUnlockPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->delay_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_UNLOCK_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (tl_unlock_page_parent_class)->dispose (object);
}

static void
tl_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlUnlockPage *self = TL_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TlUnlockPage *self = TL_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      tl_unlock_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_unlock_page_class_init (TlUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_unlock_page_dispose;
  object_class->get_property = tl_unlock_page_get_property;
  object_class->set_property = tl_unlock_page_set_property;

  widget_class->map = tl_unlock_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlUnlockPage::unlocked:
   *
   * Emitted in the main thread once the store is unlocked.
   */
  signals[UNLOCKED] = g_signal_new ("unlocked",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TlUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TlUnlockPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, TlUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, TlUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TlUnlockPage, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
}

static void
tl_unlock_page_init (TlUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}

/* public API */

GtkWidget *
tl_unlock_page_new (void)
{
  return g_object_new (TL_TYPE_UNLOCK_PAGE, NULL);
}

TlStore *
tl_unlock_page_get_store (TlUnlockPage *self)
{
  g_return_val_if_fail (TL_IS_UNLOCK_PAGE (self), NULL);

  return self->store;
}

/**
 * tl_unlock_page_set_context:
 * @context: (nullable): whose store to unlock and whose settings name the backup folder
 */
void
tl_unlock_page_set_context (TlUnlockPage *self,
                            TlContext    *context)
{
  TlStore *store;

  g_return_if_fail (TL_IS_UNLOCK_PAGE (self));
  g_return_if_fail (context == NULL || TL_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  store = context != NULL ? tl_context_get_store (context) : NULL;
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* The row's "Show Text" button: undone at each lock (the row follows the text's
 * visibility), so a passphrase revealed
 * once is not shown to whoever stands at the screen next. */
static void
hide_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    gtk_text_set_visibility (GTK_TEXT (widget), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hide_text (child);
}

/* Clears the entry and any message, hides the passphrase, and puts the keyboard in the
 * field, for showing the page again after a lock. The count of failures (and so the
 * delay) is kept until a passphrase is right. */
void
tl_unlock_page_reset (TlUnlockPage *self)
{
  g_return_if_fail (TL_IS_UNLOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  hide_text (GTK_WIDGET (self->passphrase_row));
  if (self->delay_left == 0)
    show_message (self, NULL);
  update_sensitivity (self);
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->passphrase_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/* Seconds to wait before the next attempt, after the failures so far. */
guint
tl_unlock_page_get_delay (TlUnlockPage *self)
{
  g_return_val_if_fail (TL_IS_UNLOCK_PAGE (self), 0);

  if (self->failures < 2)
    return 0;
  return MIN (1u << MIN (self->failures - 2, 6u), MAX_DELAY_SECONDS);
}
