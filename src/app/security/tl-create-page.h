/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-context.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_CREATE_PAGE (tl_create_page_get_type ())
G_DECLARE_FINAL_TYPE (TlCreatePage, tl_create_page, TL, CREATE_PAGE, AdwBin)

/* How good a passphrase looks, for the hint under the entries. */
typedef enum
{
  TL_PASSPHRASE_TOO_SHORT,
  TL_PASSPHRASE_WEAK,
  TL_PASSPHRASE_FAIR,
  TL_PASSPHRASE_STRONG,
} TlPassphraseStrength;

#define TL_PASSPHRASE_MIN_LENGTH 8

GtkWidget            *tl_create_page_new              (void);
TlStore              *tl_create_page_get_store        (TlCreatePage *self);
void                  tl_create_page_set_context      (TlCreatePage *self,
                                                       TlContext    *context);
TlPassphraseStrength  tl_passphrase_strength          (const char   *passphrase);

G_END_DECLS
