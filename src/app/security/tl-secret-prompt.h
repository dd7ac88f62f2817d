/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TL_TYPE_SECRET_PROMPT (tl_secret_prompt_get_type ())
G_DECLARE_FINAL_TYPE (TlSecretPrompt, tl_secret_prompt, TL, SECRET_PROMPT, AdwMessageDialog)

GtkWidget *tl_secret_prompt_new                (GtkWindow      *parent,
                                                const char     *heading,
                                                const char     *body,
                                                const char     *accept_label,
                                                gboolean        asks_new);
void       tl_secret_prompt_set_current_title  (TlSecretPrompt *self,
                                                const char     *title);
char      *tl_secret_prompt_take_current       (TlSecretPrompt *self);
char      *tl_secret_prompt_take_new           (TlSecretPrompt *self);
char      *tl_secret_prompt_dup_label          (TlSecretPrompt *self);

void       tl_secret_prompt_free_text                      (char           *secret);

G_END_DECLS
