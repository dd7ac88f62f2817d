/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-wrapped-label"

#include "config.h"

#include "tl-wrapped-label.h"

/* A label that may break anywhere keeps a minimum width of 10 characters: without one,
 * GTK finds its minimum width by laying it out one character a line, several times a
 * layout, and that was most of the plan's frames after a tip opened (issue 16). The
 * templates set the same two properties; /routing/nm-minor checks every such label. */
#define MIN_WIDTH_CHARS 10

void
tl_label_wrap_anywhere (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (label, MIN_WIDTH_CHARS);
}

/* A start-aligned label that takes the width it is given and wraps anywhere. */
GtkWidget *
tl_wrapped_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  tl_label_wrap_anywhere (GTK_LABEL (label));
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}
