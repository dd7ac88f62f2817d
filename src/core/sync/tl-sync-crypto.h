/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sodium.h>

G_BEGIN_DECLS

/* The files of an office folder (docs/sync.md, "Files"). Every file starts with
 * "TLO1", one byte for its kind and a random nonce; nothing else is readable without a
 * key. Segments and acknowledgements are encrypted with the office key of a generation
 * (XChaCha20-Poly1305) and signed inside by the device (Ed25519); a join request and a
 * welcome are encrypted with the key of a join code; a welcome and key envelopes are
 * also sealed to one member's X25519 key (crypto_box_seal). */

typedef enum
{
  TL_SYNC_FILE_SEGMENT = 'S',
  TL_SYNC_FILE_ACK = 'A',
  TL_SYNC_FILE_JOIN = 'J',
  TL_SYNC_FILE_WELCOME = 'W',
  TL_SYNC_FILE_KEYS = 'K',
} TlSyncFileKind;

#define TL_SYNC_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define TL_SYNC_SUFFIX ".tlo"
#define TL_SYNC_MAX_FILE (256 * 1024 * 1024)

/* The largest office file written or read: TL_SYNC_MAX_FILE, lowered by tests only
 * (tl-sync-testing.h), so that a file too large to read is never written. */
gsize tl_sync_max_file (void);

/* A device's own keys: signing (Ed25519) and receiving (X25519). */
typedef struct
{
  guint8 sign_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sign_sk[crypto_sign_SECRETKEYBYTES];
  guint8 box_pk[crypto_box_PUBLICKEYBYTES];
  guint8 box_sk[crypto_box_SECRETKEYBYTES];
} TlSyncDeviceKeys;

void      tl_sync_device_keys_generate (TlSyncDeviceKeys *keys);
/* 16 hex digits naming a device in the office (from its signing key). */
char     *tl_sync_device_id            (const guint8     *sign_pk);

/* The kind of an office file, or 0 when it is not one. */
int       tl_sync_file_kind            (GBytes           *file);
/* The key generation a segment or acknowledgement was written with. */
gboolean  tl_sync_file_generation      (GBytes           *file,
                                        guint32          *generation);

GBytes   *tl_sync_seal_signed          (TlSyncFileKind    kind,
                                        guint32           generation,
                                        const guint8     *key,
                                        const TlSyncDeviceKeys *device,
                                        GBytes           *body);
/* Decrypts with key (of the file's generation) and checks the signature; the signer's
 * public key in signer. A file changed or cut short is TL_ERROR_DAMAGED. */
GBytes   *tl_sync_open_signed          (GBytes           *file,
                                        const guint8     *key,
                                        guint8           *signer,
                                        GError          **error);

/* Join requests and welcomes: encrypted with the join code's key; a welcome's body is
 * also sealed to the joiner's box key and signed by the member who let them in. */
GBytes   *tl_sync_seal_join            (TlSyncFileKind    kind,
                                        const guint8     *code_key,
                                        GBytes           *body);
GBytes   *tl_sync_open_join            (GBytes           *file,
                                        const guint8     *code_key);

/* A signed message sealed to recipient_box_pk, and its opening (NULL when it is not for
 * this device or the signature fails; the signer in signer). */
GBytes   *tl_sync_seal_to              (const guint8     *recipient_box_pk,
                                        const TlSyncDeviceKeys *signer,
                                        GBytes           *body);
GBytes   *tl_sync_open_sealed          (const guint8     *data,
                                        gsize             length,
                                        const TlSyncDeviceKeys *recipient,
                                        guint8           *signer);

/* Join codes: 15 random bytes as 24 letters and digits in six groups, read aloud. */
char     *tl_sync_join_code_new        (void);
/* The code's key; FALSE when text is not a join code (spaces, case and dashes do not
 * matter; O and I read as 0 and 1). */
gboolean  tl_sync_join_code_key        (const char       *text,
                                        guint8           *key);

/* A random file name for the folder. */
char     *tl_sync_file_name_new        (void);

G_END_DECLS
