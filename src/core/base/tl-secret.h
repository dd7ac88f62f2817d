/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A secret in libsodium guarded memory (guard pages, mlock, wiped on free): master
 * keys, normalised passphrases, recovery codes. */
typedef struct
{
  guint8 *data;
  gsize length;
} TlSecret;

TlSecret   *tl_secret_new                   (gsize       length);
void        tl_secret_free                  (TlSecret   *secret);
TlSecret   *tl_secret_normalize_passphrase  (const char *passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlSecret, tl_secret_free)

G_END_DECLS
