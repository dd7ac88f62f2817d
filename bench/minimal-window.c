/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include <adwaita.h>

#include "tl-measure.h"

/* The yardstick for Tipline's start-up: the least a libadwaita app can show (a window
 * with a header bar and a status page), timed by the same code (tl-measure.c). What
 * Tipline takes beyond this is Tipline's own doing. */

static void
measured_cb (gpointer user_data)
{
  tl_measure_print_memory ();
  g_application_quit (G_APPLICATION (user_data));
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Minimal Window");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-information-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  /* The size Tipline opens at (its GSettings defaults): the same number of pixels to paint. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 700);

  tl_measure_first_frame (window, measured_cb, app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.tipline.MinimalWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
