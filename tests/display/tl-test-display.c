/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-test-display"

#include "config.h"

#include <dlfcn.h>

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "tl-test-display.h"
#include "tl-test-util.h"

/* Helpers for the display tests: a temporary store, the app and window, waiting for
 * the main loop, finding widgets, collecting every text the widget tree shows, and
 * screenshots. They run under the X server the test command provides (xvfb-run). */

static TlApplication *application;

void
tl_test_display_init (int    *argc,
                      char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);   /* a test may ask for "test" */
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display; run under xvfb-run\n");
      exit (77);
    }
  adw_init ();
}

static GPtrArray *made_dirs;

static void
remove_made_dirs (void)
{
  for (guint i = 0; i < made_dirs->len; i++)
    tl_test_remove_tree (g_ptr_array_index (made_dirs, i));
  g_clear_pointer (&made_dirs, g_ptr_array_unref);
}

/* A path for a new store inside a fresh temporary folder, which is removed with all in
 * it when the test program exits. */
char *
tl_test_make_store_dir (void)
{
  char *dir = tl_test_make_tmp_dir ("display");

  if (made_dirs == NULL)
    {
      made_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_made_dirs);
    }
  g_ptr_array_add (made_dirs, g_strdup (dir));
  return g_build_filename (dir, "store", NULL);
}

/* The quick key derivation, through the core API only: never an app switch. */
TlStore *
tl_test_create_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStore) store = tl_store_new (dir);

  g_assert_true (tl_store_create (store, TL_TEST_PASSPHRASE, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  tl_store_lock (store);
  return g_steal_pointer (&store);
}

TlApplication *
tl_test_application (void)
{
  if (application == NULL)
    {
      g_autoptr(GError) error = NULL;

      application = tl_application_new ();
      g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
    }
  return application;
}

/* A window on its own context (tl-context.c) for this store, as the application makes
 * one for its own store. */
TlWindow *
tl_test_window_new (TlStore *store)
{
  g_autoptr(TlContext) context = tl_context_new (store);
  TlWindow *window = tl_window_new (ADW_APPLICATION (tl_test_application ()), context);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  tl_test_iterate (200);
  return window;
}

void
tl_test_window_destroy (TlWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Its dialogs go with it, so the next test cannot take one of them for its own. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (other) == GTK_WINDOW (window))
        gtk_window_destroy (other);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  tl_test_iterate (50);
}

void
tl_test_iterate (guint ms)
{
  tl_test_spin (ms);
}

gboolean
tl_test_wait (gboolean (*done) (gpointer),
              gpointer   data,
              guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    {
      if (*nth == 0)
        return widget;
      (*nth)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The nth mapped (on screen) widget of a type, in tree order. */
GtkWidget *
tl_test_find (GtkWidget *root,
              GType      type,
              guint      nth)
{
  return find_nth (root, type, &nth);
}

typedef struct
{
  GtkWidget *root;
  GType      type;
} FindWait;

static gboolean
found_cb (gpointer data)
{
  FindWait *wait = data;

  return tl_test_find (wait->root, wait->type, 0) != NULL;
}

/* The first mapped widget of a type, waiting for it up to 10 s: a revealer or a page
 * change maps it only after a few frames, and a loaded machine draws them late. */
GtkWidget *
tl_test_wait_find (GtkWidget *root,
                   GType      type)
{
  FindWait wait = { root, type };

  tl_test_wait (found_cb, &wait, 10000);
  return tl_test_find (root, type, 0);
}

GtkWidget *
tl_test_find_button (GtkWidget  *root,
                     const char *label)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *button = tl_test_find (root, GTK_TYPE_BUTTON, i);

      if (button == NULL)
        return NULL;
      if (tl_test_find_visible_label (button, label) != NULL ||
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
        return button;
    }
}

GtkWidget *
tl_test_find_visible_label (GtkWidget  *root,
                            const char *text)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = tl_test_find (root, GTK_TYPE_LABEL, i);

      if (label == NULL)
        return NULL;
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return label;
    }
}

static void
collect (GtkWidget *widget,
         GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *contents = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      contents = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_string_append_printf (text, "%s\n", contents);
    }
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (text, "%s\n", gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, text);
}

/* Every text of every label, editable, text view and tooltip under root, mapped or not. */
char *
tl_test_collect_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect (root, text);
  return g_string_free (text, FALSE);
}

static gboolean
unlocked_cb (gpointer data)
{
  return tl_store_is_unlocked (tl_window_get_store (data));
}

/* The main page is built on first unlock (tl-window.c) and drawn a frame or more
 * later, longer on a loaded machine: its leaflet is mapped once it is on screen. */
static gboolean
main_page_mapped_cb (gpointer data)
{
  return tl_test_find (data, ADW_TYPE_LEAFLET, 0) != NULL;
}

static gboolean
entry_sensitive_cb (gpointer data)
{
  GtkWidget *row = tl_test_find (data, ADW_TYPE_PASSWORD_ENTRY_ROW, 0);

  return row != NULL && gtk_widget_is_sensitive (row);
}

/* Types the passphrase into the unlock page and presses Enter, like a person. */
void
tl_test_unlock (TlWindow   *window,
                const char *passphrase)
{
  GtkWidget *row;

  g_assert_true (tl_test_wait (entry_sensitive_cb, window, 70000));
  row = tl_test_find (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, 0);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), passphrase);
  g_signal_emit_by_name (row, "entry-activated");

  if (g_strcmp0 (passphrase, TL_TEST_PASSPHRASE) == 0)
    {
      g_assert_true (tl_test_wait (unlocked_cb, window, 30000));
      g_assert_true (tl_test_wait (main_page_mapped_cb, window, 30000));
      tl_test_iterate (100);
    }
}

/* Renders the widget as it is on screen and saves it as NAME.png in the build folder.
 * Waits until the widget is drawn with a size: on a busy machine the first frame of a
 * new page can come late, and a snapshot before it is empty. */
void
tl_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int width = 0;
  int height = 0;

  tl_test_iterate (300);
  /* A window presented a moment ago may not have been laid out yet on a loaded machine:
   * size it is, and nothing to draw, until then. */
  while (node == NULL)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          tl_test_iterate (100);
        }
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* Real key presses, through the X server (XTest), as a person at the keyboard: they go
 * through the window's focus, shortcuts and mnemonics exactly as typed keys do. The
 * XTest library is opened at run time so the build needs no extra headers. */

typedef int (*FakeKeyFunc) (Display *, unsigned int, Bool, unsigned long);

static FakeKeyFunc
fake_key_func (void)
{
  static FakeKeyFunc func;

  if (func == NULL)
    {
      void *library = dlopen ("libXtst.so.6", RTLD_NOW);

      if (library != NULL)
        func = (FakeKeyFunc) dlsym (library, "XTestFakeKeyEvent");
    }
  return func;
}

gboolean
tl_test_can_press_keys (void)
{
  return GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && fake_key_func () != NULL;
}

static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (display, False);
  tl_test_iterate (30);
}

/* Lets the window read and handle the keys: until GDK has read every event of the
 * X server (a loaded machine can take long), then a little more to handle them. */
static void
settle (Display *display)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  tl_test_iterate (100);
  while (XPending (display) > 0 && g_get_monotonic_time () < end)
    tl_test_iterate (20);
  tl_test_iterate (80);
}

static void
fake_key (Display *display,
          guint    keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (display, keysym);

  g_assert_cmpuint (code, !=, 0);
  fake_key_func () (display, code, press, CurrentTime);
}

/* Presses a key with modifiers (GDK_CONTROL_MASK, GDK_ALT_MASK, GDK_SHIFT_MASK) and lets
 * the window handle it. */
void
tl_test_press_key (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  g_assert_true (tl_test_can_press_keys ());
  focus_window (window);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (display, GDK_KEY_Control_L, TRUE);
  if (modifiers & GDK_ALT_MASK)
    fake_key (display, GDK_KEY_Alt_L, TRUE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (display, GDK_KEY_Shift_L, TRUE);
  fake_key (display, keyval, TRUE);
  fake_key (display, keyval, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (display, GDK_KEY_Shift_L, FALSE);
  if (modifiers & GDK_ALT_MASK)
    fake_key (display, GDK_KEY_Alt_L, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (display, GDK_KEY_Control_L, FALSE);
  XSync (display, False);
  settle (display);
}

/* Types ASCII text key by key (capitals with Shift), into whatever has the focus. */
void
tl_test_type_text (GtkWindow  *window,
                   const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guint keyval = gdk_unicode_to_keyval ((guchar) *p);
      GdkModifierType modifiers = 0;

      if (g_ascii_isupper (*p))
        {
          keyval = gdk_keyval_to_lower (keyval);
          modifiers = GDK_SHIFT_MASK;
        }
      tl_test_press_key (window, keyval, modifiers);
    }
}
