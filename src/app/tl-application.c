/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-application"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "tl-application-private.h"
#include "tl-backup-restore.h"
#include "tl-measure.h"
#include "tl-preferences-window.h"
#include "tl-window.h"

/* The application: one context (the store from --store, $TIPLINE_STORE or the default
 * folder, the protocols, the settings; tl-context.c), one main window, and the
 * app-wide actions. */

struct _TlApplication
{
  AdwApplication parent_instance;

  char *store_dir;
  TlContext *context;
};

G_DEFINE_FINAL_TYPE (TlApplication, tl_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the store in DIR instead of the default one"), N_("DIR") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

/* helpers */

static TlWindow *
get_main_window (TlApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TL_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TlApplication *self = user_data;
  TlWindow *window = get_main_window (self);

  /* Through close-request, so unsaved edits are kept as a draft. The automatic backup
   * that closing starts runs while the window is hidden and holds the application; the
   * window closes when it is written, or comes back when it failed, and says so. */
  if (window != NULL)
    {
      g_autoptr(GtkWidget) held = g_object_ref (GTK_WIDGET (window));

      gtk_window_close (GTK_WINDOW (window));
      if (gtk_widget_get_visible (held))
        return;
    }
  if (!tl_backup_on_close_running ())
    g_application_quit (G_APPLICATION (self));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TlApplication *self = user_data;
  TlWindow *window = get_main_window (self);

  if (window != NULL)
    tl_window_lock (window);
  else if (self->context != NULL)
    tl_store_lock (tl_context_get_store (self->context));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TlApplication *self = user_data;
  static const char *developers[] = { "Tipline developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Tipline"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Tipline developers"),
                        "developers", developers,
                        "comments", _("Take human trafficking tips, keep them encrypted, and see whom to call."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your name here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TlApplication *self = user_data;
  TlContext *context = tl_application_get_context (self);
  GtkWidget *preferences = tl_preferences_window_new (context);

  if (tl_store_is_unlocked (tl_context_get_store (context)))
    {
      tl_preferences_window_add_security_page (TL_PREFERENCES_WINDOW (preferences));
      tl_preferences_window_add_office_page (TL_PREFERENCES_WINDOW (preferences));
    }

  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* GtkApplicationWindow loads gtk/help-overlay.ui from the resource base path. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "lock", lock_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
};

/* callbacks */

/* GTK follows the session's screen saver only with register-session set (see
 * tl_application_new()). */
static void
screensaver_active_cb (TlApplication *self)
{
  gboolean active = FALSE;

  g_object_get (self, "screensaver-active", &active, NULL);
  _tl_application_screensaver_changed (self, active);
}

/* TIPLINE_MEASURE_STARTUP=1: the figures are printed; the run is over. */
static void
first_frame_measured_cb (gpointer user_data)
{
  tl_measure_print_memory ();
  g_application_quit (G_APPLICATION (user_data));
}

/* overrides */

static int
tl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  TlApplication *self = TL_APPLICATION (application);
  g_autofree char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("tipline %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "store", "^ay", &dir))
    {
      g_free (self->store_dir);
      self->store_dir = g_steal_pointer (&dir);
    }

  return G_APPLICATION_CLASS (tl_application_parent_class)->handle_local_options (application, options);
}

static void
tl_application_startup (GApplication *application)
{
  TlApplication *self = TL_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (tl_application_parent_class)->startup (application);

#ifdef __GLIBC__
  /* glibc raises its mmap threshold each time a large block is freed, after which
   * large short-lived blocks (images drawn, SQLite's page buffers) are carved from the
   * heap and their pages stay resident once freed: 12 MB at 100,000 tips after a
   * scroll of the list (issue 16, BENCHMARKS.md). A fixed threshold gives them back. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024);
#endif

  /* GTK's own file chooser adds every file it returns to the recent-files list, which
   * other programs show: an export's or import's name and folder must not end up
   * there. (A portal's chooser runs outside Tipline and is not covered.) */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);

  g_signal_connect (self, "notify::screensaver-active", G_CALLBACK (screensaver_active_cb), NULL);
}

static void
tl_application_activate (GApplication *application)
{
  TlApplication *self = TL_APPLICATION (application);
  TlWindow *window = get_main_window (self);

  if (window == NULL)
    {
      window = tl_window_new (ADW_APPLICATION (self), tl_application_get_context (self));
      if (tl_measure_enabled ())
        tl_measure_first_frame (GTK_WIDGET (window), first_frame_measured_cb, self);
    }

  gtk_window_present (GTK_WINDOW (window));
}

/* The store is locked when the application ends, whoever still holds it: the lock
 * runs the pending purge, folds the write-ahead log in and marks a clean close, so the
 * next unlock does not read every page (issue 16). A backup started on close has
 * finished by now (it holds the application). */
static void
tl_application_shutdown (GApplication *application)
{
  TlApplication *self = TL_APPLICATION (application);

  if (self->context != NULL)
    tl_store_lock (tl_context_get_store (self->context));

  G_APPLICATION_CLASS (tl_application_parent_class)->shutdown (application);
}

static void
tl_application_finalize (GObject *object)
{
  TlApplication *self = (TlApplication *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->store_dir, g_free);

  G_OBJECT_CLASS (tl_application_parent_class)->finalize (object);
}

static void
tl_application_class_init (TlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tl_application_finalize;

  application_class->handle_local_options = tl_application_handle_local_options;
  application_class->startup = tl_application_startup;
  application_class->shutdown = tl_application_shutdown;
  application_class->activate = tl_application_activate;
}

static void
tl_application_init (TlApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

/* public API */

TlApplication *
tl_application_new (void)
{
  /* The .Devel build shares resources with the stable one; its settings and icon go by
   * APP_ID. */
  return g_object_new (TL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/tipline/Tipline",
                       /* so that screensaver-active follows the session */
                       "register-session", TRUE,
                       NULL);
}

/* What every window, page and dialog of this instance shares. Its store: --store DIR,
 * else $TIPLINE_STORE, else the default folder, created (not opened) on first use. */
TlContext *
tl_application_get_context (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);

  if (self->context == NULL)
    {
      g_autoptr(TlStore) store = NULL;
      g_autofree char *dir = NULL;
      const char *env = g_getenv ("TIPLINE_STORE");

      if (self->store_dir != NULL)
        dir = g_strdup (self->store_dir);
      else if (env != NULL && env[0] != '\0')
        dir = g_strdup (env);
      else
        dir = tl_store_default_dir ();

      store = tl_store_new (dir);
      self->context = tl_context_new (store);
    }

  return self->context;
}

/* private API */

/* The session's screen saver came on (the advocate walked away, or locked the screen):
 * lock Tipline too. */
void
_tl_application_screensaver_changed (TlApplication *self,
                                     gboolean       active)
{
  g_return_if_fail (TL_IS_APPLICATION (self));

  if (!active)
    return;

  g_debug ("Locking: the screen saver came on");
  g_action_group_activate_action (G_ACTION_GROUP (self), "lock", NULL);
}
