/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sodium.h>

G_BEGIN_DECLS

/* The key-slot file ("tipline.keys") holds the store's master key wrapped once per
 * passphrase. Its layout is described in docs/store-format.md. Nothing in it is secret
 * in clear; it is still attacker-controlled input, so the parser checks every length.
 *
 * Each slot has its own X25519 key pair: the passphrase (Argon2id) wraps the slot's
 * secret key, and the master key is sealed to the slot's public key. Re-keying the
 * database after access is removed can then reseal the new master key to every
 * remaining slot without knowing anyone's passphrase. */

#define TL_MASTER_KEY_BYTES   32
#define TL_KEYSLOT_SALT_BYTES crypto_pwhash_SALTBYTES
#define TL_KEYSLOT_NONCE_BYTES crypto_secretbox_NONCEBYTES
#define TL_KEYSLOT_WRAPPED_BYTES (crypto_box_SECRETKEYBYTES + crypto_secretbox_MACBYTES)
#define TL_KEYSLOT_PUBLIC_BYTES  crypto_box_PUBLICKEYBYTES
#define TL_KEYSLOT_SEALED_BYTES  (TL_MASTER_KEY_BYTES + crypto_box_SEALBYTES)
#define TL_KEYSLOT_MAX_SLOTS  16
#define TL_KEYSLOT_MAX_LABEL  256
#define TL_KEYSLOT_MAX_FILE   (64 * 1024)

typedef enum
{
  TL_KEYSLOT_KIND_PASSPHRASE = 1,
  TL_KEYSLOT_KIND_RECOVERY = 2,   /* the supervisor's recovery code (at most one) */
} TlKeySlotKind;

typedef struct
{
  TlKeySlotKind kind;
  char *label;                    /* UTF-8, e.g. an advocate's name; never NULL */
  guint64 opslimit;
  guint64 memlimit;
  guint8 salt[TL_KEYSLOT_SALT_BYTES];
  guint8 nonce[TL_KEYSLOT_NONCE_BYTES];
  guint8 wrapped[TL_KEYSLOT_WRAPPED_BYTES];   /* the slot's secret key under the KEK */
  guint8 public_key[TL_KEYSLOT_PUBLIC_BYTES];
  guint8 sealed[TL_KEYSLOT_SEALED_BYTES];     /* the master key, crypto_box_seal'd */
} TlKeySlot;

void        tl_keyslot_free          (TlKeySlot      *slot);

/* Parses a whole key-slot file; every failure is TL_ERROR_DAMAGED. Returns TlKeySlot. */
GPtrArray  *tl_keyslot_parse         (const guint8   *data,
                                      gsize           length,
                                      GError        **error);
GBytes     *tl_keyslot_serialize     (GPtrArray      *slots);

GPtrArray  *tl_keyslot_load          (const char     *path,
                                      GError        **error);
gboolean    tl_keyslot_save          (const char     *path,
                                      GPtrArray      *slots,
                                      GError        **error);

/* Wraps master_key (TL_MASTER_KEY_BYTES) under passphrase with fresh salt and nonce. */
TlKeySlot  *tl_keyslot_wrap          (TlKeySlotKind   kind,
                                      const char     *label,
                                      const char     *passphrase,
                                      const guint8   *master_key,
                                      guint64         opslimit,
                                      guint64         memlimit,
                                      GError        **error);
/* The same, with the salt given (NULL: a fresh one). Slots with equal costs and salt
 * are tried with one key derivation (tl_keyslot_unwrap_any()). */
TlKeySlot  *tl_keyslot_wrap_with_salt (TlKeySlotKind  kind,
                                      const char     *label,
                                      const char     *passphrase,
                                      const guint8   *master_key,
                                      guint64         opslimit,
                                      guint64         memlimit,
                                      const guint8   *salt,
                                      GError        **error);
/* The salt new slots with these costs share in slots (that of the first slot with
 * them), or NULL when none has them. */
const guint8 *tl_keyslot_find_shared_salt (GPtrArray *slots,
                                      guint64         opslimit,
                                      guint64         memlimit);
/* tl_keyslot_wrap() for a slot that will join slots: it shares the salt of the slots
 * with the same costs, so a passphrase costs one derivation per distinct cost. */
TlKeySlot  *tl_keyslot_wrap_in       (GPtrArray      *slots,
                                      TlKeySlotKind   kind,
                                      const char     *label,
                                      const char     *passphrase,
                                      const guint8   *master_key,
                                      guint64         opslimit,
                                      guint64         memlimit,
                                      GError        **error);
/* Seals a new master key to the slot's public key (re-keying); the passphrase part of
 * the slot does not change. */
void        tl_keyslot_reseal        (TlKeySlot      *slot,
                                      const guint8   *master_key);
/* Unwraps into master_key_out (guarded memory the caller owns). FALSE without error
 * when the passphrase does not open this slot. */
gboolean    tl_keyslot_unwrap        (const TlKeySlot *slot,
                                      const char     *passphrase,
                                      guint8         *master_key_out,
                                      GError        **error);

/* Tries every slot with one key derivation per group of slots sharing salt and costs:
 * passphrase slots with passphrase, the recovery slot with recovery_code (skipped when
 * NULL). Returns the index of the slot that opened, or -1 (error set only when the
 * derivation itself failed). */
int         tl_keyslot_unwrap_any    (GPtrArray      *slots,
                                      const char     *passphrase,
                                      const char     *recovery_code,
                                      guint8         *master_key_out,
                                      GError        **error);

/* Tests: the number of Argon2id derivations this process made. */
guint       _tl_keyslot_derivation_count (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlKeySlot, tl_keyslot_free)

G_END_DECLS
