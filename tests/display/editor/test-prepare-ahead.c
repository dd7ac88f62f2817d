/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-prepare-ahead"

#include "config.h"

#include <adwaita.h>

#include "tl-i18n.h"
#include "tl-layout-warm-up.h"
#include "tl-list-section.h"
#include "tl-test-util.h"
#include "tl-tip-editor.h"

/* Issue 16: the first tip opened after unlock laid out the whole form in one frame
 * (200–450 ms). The form is now measured ahead in idle moments while hidden, as the
 * window hides it behind "No Tip Open", and a row for each list section is built. These
 * tests watch it from the widgets' side: a probe widget records every measure GTK asks
 * of it. */

#define TL_TYPE_PROBE (tl_probe_get_type ())
G_DECLARE_FINAL_TYPE (TlProbe, tl_probe, TL, PROBE, GtkWidget)

struct _TlProbe
{
  GtkWidget parent_instance;
  const char *name;
  int natural;
  GPtrArray *log;   /* shared, unowned: "name across" / "name down 123" */
};

G_DEFINE_FINAL_TYPE (TlProbe, tl_probe, GTK_TYPE_WIDGET)

static void
tl_probe_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  TlProbe *self = TL_PROBE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    g_ptr_array_add (self->log, g_strdup_printf ("%s across %d", self->name, for_size));
  else
    g_ptr_array_add (self->log, g_strdup_printf ("%s down %d", self->name, for_size));
  *minimum = 10;
  *natural = self->natural;
}

/* as a wrapping label: its height depends on its width */
static GtkSizeRequestMode
tl_probe_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tl_probe_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (tl_probe_parent_class)->dispose (object);
}

static void
tl_probe_class_init (TlProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_probe_dispose;
  GTK_WIDGET_CLASS (klass)->measure = tl_probe_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = tl_probe_get_request_mode;
}

static void
tl_probe_init (TlProbe *self)
{
}

static GtkWidget *
probe_new (const char *name,
           int         natural,
           GPtrArray  *log,
           GtkWidget  *parent)
{
  TlProbe *probe = g_object_new (TL_TYPE_PROBE, NULL);

  probe->name = name;
  probe->natural = natural;
  probe->log = log;
  if (parent != NULL)
    gtk_widget_set_parent (GTK_WIDGET (probe), parent);
  return GTK_WIDGET (probe);
}


static GtkWidget *
find_first (GtkWidget *widget,
            GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A window showing "No tip" with @hidden on a page of its stack that is not shown,
 * as the tip window holds the editor. */
static GtkWindow *
window_hiding (GtkWidget *hidden)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());

  gtk_stack_set_hhomogeneous (stack, FALSE);
  gtk_stack_set_vhomogeneous (stack, FALSE);
  gtk_stack_add_named (stack, gtk_label_new ("No tip"), "empty");
  gtk_stack_add_named (stack, hidden, "tip");
  gtk_stack_set_visible_child_name (stack, "empty");
  gtk_window_set_default_size (window, 600, 700);
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  tl_test_spin (200);
  return window;
}

/* tests */

/* Children before their parent, each once across and once down at its natural width,
 * never the root, one widget a step with no time to spare; a widget taken out of the
 * window between two steps is not measured. */
static void
test_warm_up_order (void)
{
  static const char *expected[] = {
    "a1 across -1", "a1 down 101",
    "a2 across -1", "a2 down 102",
    "a across -1", "a down 100",
    "c across -1", "c down 104",
  };
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TlLayoutWarmUp) warm_up = NULL;
  GtkWidget *root = probe_new ("root", 50, log, NULL);
  GtkWidget *a = probe_new ("a", 100, log, root);
  GtkWidget *b;
  GtkWindow *window;
  guint steps = 0;

  probe_new ("a1", 101, log, a);
  probe_new ("a2", 102, log, a);
  b = probe_new ("b", 103, log, root);
  probe_new ("c", 104, log, root);

  window = window_hiding (root);
  g_assert_cmpuint (log->len, ==, 0);   /* hidden: GTK measured none of them */

  warm_up = tl_layout_warm_up_new (root);
  g_assert_cmpuint (log->len, ==, 0);
  gtk_widget_unparent (b);

  while (tl_layout_warm_up_step (warm_up, 0))
    {
      steps++;
      g_assert_cmpuint (tl_layout_warm_up_get_n_measured (warm_up), ==, steps);
      g_assert_cmpuint (log->len, ==, 2 * steps);
    }
  g_assert_cmpuint (tl_layout_warm_up_get_n_measured (warm_up), ==, 4);
  g_assert_false (tl_layout_warm_up_step (warm_up, 0));

  g_assert_cmpuint (log->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < log->len; i++)
    g_assert_cmpstr (g_ptr_array_index (log, i), ==, expected[i]);

  gtk_window_destroy (window);
  tl_test_spin (20);
}

static gboolean
every_section_holds (GPtrArray *sections,
                     guint      n_rows)
{
  for (guint i = 0; i < sections->len; i++)
    if (tl_list_section_get_n_rows_at_hand (g_ptr_array_index (sections, i)) != n_rows)
      return FALSE;
  return TRUE;
}

/* The editor, hidden as the window holds it, asked to prepare ahead: within a few
 * seconds every widget of its form has been measured (a probe put among its sections
 * was), and each list section holds one row, not more, before any tip opens; the first
 * tip opened brings each to three. */
static void
test_editor_prepares_hidden (void)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *editor = tl_tip_editor_new ();
  GtkWindow *window = window_hiding (editor);
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  GtkWidget *sections_box = NULL;
  g_autoptr(TlTip) tip = NULL;
  gint64 deadline;
  gboolean across = FALSE, down = FALSE;

  sections_box = gtk_widget_get_parent (find_first (editor, TL_TYPE_LIST_SECTION));
  g_assert_nonnull (sections_box);
  for (GtkWidget *w = gtk_widget_get_first_child (sections_box); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (TL_IS_LIST_SECTION (w))
      g_ptr_array_add (sections, w);
  g_assert_cmpuint (sections->len, ==, 6);
  gtk_box_append (GTK_BOX (sections_box), probe_new ("probe", 200, log, NULL));
  tl_test_spin (100);
  g_assert_cmpuint (log->len, ==, 0);
  for (guint i = 0; i < sections->len; i++)
    g_assert_cmpuint (tl_list_section_get_n_rows_at_hand (g_ptr_array_index (sections, i)), ==, 0);

  tl_tip_editor_prepare_ahead (TL_TIP_EDITOR (editor));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!(across && down) && g_get_monotonic_time () < deadline)
    {
      tl_test_spin (50);
      for (guint i = 0; i < log->len; i++)
        {
          across |= g_str_equal (g_ptr_array_index (log, i), "probe across -1");
          down |= g_str_equal (g_ptr_array_index (log, i), "probe down 200");
        }
    }
  g_assert_true (across);
  g_assert_true (down);
  tl_test_spin (500);
  for (guint i = 0; i < sections->len; i++)
    g_assert_cmpuint (tl_list_section_get_n_rows_at_hand (g_ptr_array_index (sections, i)), ==, 1);

  /* The first tip to open, even one without victims, has the rest built: three rows a
   * section, so that a tip with more victims than any before opens without building. */
  tip = tl_tip_new ();
  tl_tip_editor_set_tip (TL_TIP_EDITOR (editor), tip);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!every_section_holds (sections, 3) && g_get_monotonic_time () < deadline)
    tl_test_spin (50);
  g_assert_true (every_section_holds (sections, 3));

  gtk_window_destroy (window);
  tl_test_spin (20);
}

int
main (int   argc,
      char *argv[])
{
  tl_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/prepare-ahead/warm-up-order", test_warm_up_order);
  g_test_add_func ("/prepare-ahead/editor-prepares-hidden", test_editor_prepares_hidden);

  return g_test_run ();
}
