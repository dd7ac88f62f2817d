/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The two layers of a sealed bundle (tl-bundle-format.c), apart from the store, so the
 * tests can look inside one: the signed message and the encrypted file. */

#include "tl-bundle.h"

G_BEGIN_DECLS

/* The signed message: the sender's keys, the signature, then the body (profile, time,
 * the rendered tip documents). The signature covers the recipient's keys too, so a
 * bundle cannot be re-sealed to a third agency as if the sender had meant it for them. */
GBytes     *_tl_bundle_sign         (const TlAgency   *sender,
                                     const TlSecret   *sender_secret,
                                     const TlAgency   *recipient,
                                     TlReportProfile   profile,
                                     gint64            sealed_at,
                                     GPtrArray        *documents);
/* Checks the signature and reads the body; documents are GBytes. */
gboolean    _tl_bundle_verify       (GBytes           *message,
                                     const TlAgency   *recipient,
                                     TlAgency        **sender,
                                     TlReportProfile  *profile,
                                     gint64           *sealed_at,
                                     GPtrArray       **documents,
                                     GError          **error);

/* The file: encrypts message to the recipient's X25519 key. */
GBytes     *_tl_bundle_encrypt      (GBytes           *message,
                                     const TlAgency   *recipient);
/* Decrypts a file with the recipient's secret; display names the file in messages. */
GBytes     *_tl_bundle_decrypt      (const guint8     *data,
                                     gsize             length,
                                     const TlAgency   *recipient,
                                     const TlSecret   *recipient_secret,
                                     const char       *display,
                                     GError          **error);

#define TL_BUNDLE_MAGIC "TLBUNDL1"
#define TL_BUNDLE_MAGIC_BYTES 8

G_END_DECLS
