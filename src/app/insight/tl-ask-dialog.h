/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One question with a line of text and, optionally, a choice of when: the reason to
 * snooze or drop a follow-up, what a new follow-up is and when it is due, why a tip is
 * kept longer and until when. The confirm button stays off until the text has words. */

typedef struct
{
  const char *label;          /* translated */
  gint64 seconds;             /* from now */
} TlAskWhen;

/* text is the entry's text (stripped); when is now + the chosen choice's seconds, or 0
 * without choices. Not called when the question is cancelled. */
typedef void (*TlAskFunc) (gpointer    user_data,
                           const char *text,
                           gint64      when);

GtkWidget *tl_ask_dialog_new (GtkWindow       *parent,
                              const char      *heading,
                              const char      *body,
                              const char      *text_label,
                              const char      *when_label,
                              const TlAskWhen *choices,
                              guint            n_choices,
                              const char      *confirm,
                              gboolean         destructive,
                              TlAskFunc        func,
                              gpointer         user_data,
                              GDestroyNotify   destroy);

G_END_DECLS
