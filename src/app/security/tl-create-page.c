/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-create-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-create-page.h"
#include "tl-recovery-code-dialog.h"

/* The first run: choose a passphrase and create the encrypted store. The passphrase is
 * typed twice, a hint says how strong it looks, and the page says plainly that nobody can
 * recover a lost passphrase. The key derivation runs in a thread. The store is made with
 * a recovery code for the supervisor, shown once before the tips appear; the first
 * passphrase is labelled with the advocate's name, which the audit log then uses. */

struct _TlCreatePage
{
  AdwBin parent_instance;

  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLevelBar *strength_bar;
  GtkLabel *strength_label;
  GtkLabel *message_label;
  GtkLabel *folder_label;
  GtkButton *create_button;
  GtkSpinner *spinner;

  TlContext *context;
  TlStore *store;             /* the context's */
  GCancellable *cancellable;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (TlCreatePage, tl_create_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  TlStore *store;
  char *passphrase;
  char *recovery_code;        /* guarded memory, tl_store_secret_free() */
} CreateData;

/* helpers */

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->store);
  if (data->passphrase != NULL)
    {
      memset (data->passphrase, 0, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_clear_pointer (&data->recovery_code, tl_store_secret_free);
  g_free (data);
}

static void
show_message (TlCreatePage *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
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

static gboolean
update_state (TlCreatePage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  TlPassphraseStrength strength = tl_passphrase_strength (passphrase);
  gboolean matches = g_str_equal (passphrase, confirm);
  const char *hint;

  switch (strength)
    {
    case TL_PASSPHRASE_TOO_SHORT:
      /* Nothing typed yet is not an error: say what makes a good one instead. */
      hint = passphrase[0] == '\0'
             ? _("Use at least 8 characters. Several unrelated words work well.")
             : _("Too short: use at least 8 characters. Several unrelated words work well.");
      break;
    case TL_PASSPHRASE_WEAK:
      hint = _("Weak: a longer passphrase is harder to guess.");
      break;
    case TL_PASSPHRASE_FAIR:
      hint = _("Fair: another word or two would make it strong.");
      break;
    case TL_PASSPHRASE_STRONG:
    default:
      hint = _("Strong passphrase.");
      break;
    }

  gtk_level_bar_set_value (self->strength_bar, passphrase[0] != '\0' ? strength + 1 : 0);
  gtk_label_set_label (self->strength_label, hint);

  if (confirm[0] != '\0' && !matches && !g_str_has_prefix (passphrase, confirm))
    show_message (self, _("The passphrases do not match."));
  else if (!self->busy)
    show_message (self, NULL);

  if (self->busy)
    {
      release_focus (GTK_WIDGET (self->passphrase_row));
      release_focus (GTK_WIDGET (self->confirm_row));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);

  return !self->busy && matches && strength != TL_PASSPHRASE_TOO_SHORT;
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;

  if (tl_store_create_with_recovery (data->store, data->passphrase, TL_KDF_MODERATE,
                                     &data->recovery_code, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The name on the first passphrase: the advocate's name from the preferences, else the
 * user's real name. */
static char *
dup_slot_label (TlCreatePage *self)
{
  g_autofree char *name = g_settings_get_string (tl_context_get_settings (self->context), "advocate-name");

  g_strstrip (name);
  if (name[0] != '\0')
    return g_steal_pointer (&name);
  return g_strdup (g_get_real_name ());
}

/* callbacks */

static void
recovery_code_done_cb (TlCreatePage *self)
{
  g_signal_emit (self, signals[CREATED], 0);
}

static void
create_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TlCreatePage *self = TL_CREATE_PAGE (object);
  g_autoptr(GError) error = NULL;
  CreateData *data;
  GtkWidget *dialog;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), update_state (self));

  if (!ok)
    {
      show_message (self, error->message);
      return;
    }

  data = g_task_get_task_data (G_TASK (result));
  dialog = tl_recovery_code_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        data->recovery_code);
  g_clear_pointer (&data->recovery_code, tl_store_secret_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_code_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
create_cb (TlCreatePage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  CreateData *data;

  if (!update_state (self) || self->store == NULL)
    return;

  label = dup_slot_label (self);
  tl_store_set_advocate (self->store, label);

  data = g_new0 (CreateData, 1);
  data->store = g_object_ref (self->store);
  data->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));

  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), update_state (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, create_done_cb, NULL);
  g_task_set_source_tag (task, create_cb);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static void
passphrase_changed_cb (TlCreatePage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), update_state (self));
}

static void
passphrase_activated_cb (TlCreatePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

/* overrides */

static void
tl_create_page_map (GtkWidget *widget)
{
  TlCreatePage *self = TL_CREATE_PAGE (widget);

  GTK_WIDGET_CLASS (tl_create_page_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
tl_create_page_dispose (GObject *object)
{
  TlCreatePage *self = (TlCreatePage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_CREATE_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_create_page_parent_class)->dispose (object);
}

static void
tl_create_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlCreatePage *self = TL_CREATE_PAGE (object);

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
tl_create_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TlCreatePage *self = TL_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      tl_create_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_create_page_class_init (TlCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_create_page_dispose;
  object_class->get_property = tl_create_page_get_property;
  object_class->set_property = tl_create_page_set_property;

  widget_class->map = tl_create_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlCreatePage::created:
   *
   * Emitted in the main thread once the store exists and is unlocked.
   */
  signals[CREATED] = g_signal_new ("created",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, folder_label);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, TlCreatePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, create_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
}

static void
tl_create_page_init (TlCreatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_level_bar_add_offset_value (self->strength_bar, "tl-too-short", 1);
  gtk_level_bar_add_offset_value (self->strength_bar, "tl-weak", 2);
  gtk_level_bar_add_offset_value (self->strength_bar, "tl-fair", 3);
  gtk_level_bar_add_offset_value (self->strength_bar, "tl-strong", 4);
  passphrase_changed_cb (self);
}

/* public API */

GtkWidget *
tl_create_page_new (void)
{
  return g_object_new (TL_TYPE_CREATE_PAGE, NULL);
}

TlStore *
tl_create_page_get_store (TlCreatePage *self)
{
  g_return_val_if_fail (TL_IS_CREATE_PAGE (self), NULL);

  return self->store;
}

/**
 * tl_create_page_set_context:
 * @context: (nullable): whose store to create and whose settings name the advocate
 */
void
tl_create_page_set_context (TlCreatePage *self,
                            TlContext    *context)
{
  TlStore *store;

  g_return_if_fail (TL_IS_CREATE_PAGE (self));
  g_return_if_fail (context == NULL || TL_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  store = context != NULL ? tl_context_get_store (context) : NULL;
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a folder, e.g. /home/ana/.local/share/tipline */
      text = g_strdup_printf (_("The store will be in %s."), tl_store_get_dir (store));
      gtk_label_set_label (self->folder_label, text);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* A rough guide, not a guarantee: length counts most, mixing kinds of characters a bit. */
TlPassphraseStrength
tl_passphrase_strength (const char *passphrase)
{
  glong length;
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE, space = FALSE;
  guint kinds;

  g_return_val_if_fail (passphrase != NULL, TL_PASSPHRASE_TOO_SHORT);

  length = g_utf8_strlen (passphrase, -1);
  if (length < TL_PASSPHRASE_MIN_LENGTH)
    return TL_PASSPHRASE_TOO_SHORT;

  for (const char *p = passphrase; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (g_unichar_isspace (c))
        space = TRUE;
      else
        other = TRUE;
    }
  kinds = lower + upper + digit + other + space;

  if (length >= 20 || (length >= 14 && kinds >= 3))
    return TL_PASSPHRASE_STRONG;
  if (length >= 12 || (length >= 10 && kinds >= 3))
    return TL_PASSPHRASE_FAIR;
  return TL_PASSPHRASE_WEAK;
}
