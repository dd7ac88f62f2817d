/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "tl-io.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Checks that every page of a database file is authentic under a key, the way SQLCipher
 * checks each page it reads, without decrypting anything and without SQLite: a re-key's
 * copy keeps every page where it was, so whether each one was written again under the
 * new key is the whole question (a b-tree walk by quick_check would only re-check the
 * store's own structure, and takes ten times longer: issue 16). Free pages are checked
 * too, which no SQLite check reads. The pages are split between the processors.
 *
 * This is the one format every Tipline database has (tl-store-cipher.c pins it on
 * SQLCipher 3.4 and 4.x alike; docs/store-format.md), as SQLCipher 3 defines it:
 *
 *   page n (1024 bytes) = ciphertext | IV (16) | HMAC (20) | 12 unused bytes
 *   HMAC     = HMAC-SHA1 (hmac key, ciphertext | IV | n as 4 bytes little-endian)
 *   hmac key = PBKDF2-HMAC-SHA1 (raw key, salt XOR 0x3a each byte, 2 iterations, 32 bytes)
 *   salt     = the file's first 16 bytes; page 1's ciphertext starts after it
 *
 * (The page number is little-endian in 3.4 and 4.x: SQLCipher's default after 2.0.6;
 * its cipher_hmac_pgno pragma, which could change it, is never used.) */

#define PAGE_BYTES     1024
#define SALT_BYTES     16
#define IV_BYTES       16
#define HMAC_BYTES     20
#define RESERVE_BYTES  48          /* IV + HMAC, rounded up to AES blocks */
#define HMAC_SALT_MASK 0x3a
#define HMAC_KEY_ITER  2
#define CHUNK_PAGES    1024
#define MAX_THREADS    4

/* SQLite never writes the page that holds the lock bytes at 1 GiB (PENDING_BYTE). */
#define PENDING_BYTE_PAGE (G_GUINT64_CONSTANT (0x40000000) / PAGE_BYTES + 1)

typedef struct
{
  int fd;
  const TlSecret *hmac_key;
  guint64 first;               /* page numbers, from 1 */
  guint64 end;
  gboolean authentic;
} PageRange;

static gboolean
page_authentic (EVP_MAC_CTX  *mac,
                const guint8 *page,
                guint64       number)
{
  gsize start = number == 1 ? SALT_BYTES : 0;
  gsize signed_bytes = PAGE_BYTES - start - RESERVE_BYTES + IV_BYTES;
  guint8 number_le[4] = { number & 0xff, (number >> 8) & 0xff, (number >> 16) & 0xff, (number >> 24) & 0xff };
  guint8 computed[EVP_MAX_MD_SIZE];
  size_t length = 0;

  return EVP_MAC_init (mac, NULL, 0, NULL) &&
         EVP_MAC_update (mac, page + start, signed_bytes) &&
         EVP_MAC_update (mac, number_le, sizeof number_le) &&
         EVP_MAC_final (mac, computed, &length, sizeof computed) &&
         length == HMAC_BYTES &&
         CRYPTO_memcmp (computed, page + start + signed_bytes, HMAC_BYTES) == 0;
}

static gpointer
check_range (gpointer data)
{
  PageRange *range = data;
  g_autofree guint8 *chunk = g_malloc (CHUNK_PAGES * PAGE_BYTES);
  EVP_MAC *hmac = EVP_MAC_fetch (NULL, "HMAC", NULL);
  EVP_MAC_CTX *mac = hmac != NULL ? EVP_MAC_CTX_new (hmac) : NULL;
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST, (char *) "SHA1", 0),
    OSSL_PARAM_construct_end (),
  };

  range->authentic = mac != NULL &&
                     EVP_MAC_init (mac, range->hmac_key->data, range->hmac_key->length, params);
  for (guint64 first = range->first; range->authentic && first < range->end; first += CHUNK_PAGES)
    {
      guint64 n = MIN (CHUNK_PAGES, range->end - first);

      range->authentic = tl_pread_all (range->fd, chunk, n * PAGE_BYTES, (first - 1) * PAGE_BYTES);
      for (guint64 i = 0; i < n && range->authentic; i++)
        range->authentic = first + i == PENDING_BYTE_PAGE ||
                           page_authentic (mac, chunk + i * PAGE_BYTES, first + i);
    }

  EVP_MAC_CTX_free (mac);
  EVP_MAC_free (hmac);
  return NULL;
}

static TlSecret *
derive_hmac_key (int             fd,
                 const TlSecret *key)
{
  g_autoptr(TlSecret) hmac_key = tl_secret_new (TL_MASTER_KEY_BYTES);
  guint8 salt[SALT_BYTES];

  if (!tl_pread_all (fd, salt, sizeof salt, 0))
    return NULL;
  for (guint i = 0; i < sizeof salt; i++)
    salt[i] ^= HMAC_SALT_MASK;
  if (!PKCS5_PBKDF2_HMAC_SHA1 ((const char *) key->data, key->length, salt, sizeof salt,
                               HMAC_KEY_ITER, hmac_key->length, hmac_key->data))
    return NULL;
  return g_steal_pointer (&hmac_key);
}

/* private API */

/* Whether the file at path is whole pages, at least one, and every page (but the one
 * SQLite never writes) is authentic under key. Nothing is written. */
gboolean
_tl_store_db_pages_authentic (const char     *path,
                              const TlSecret *key)
{
  g_autoptr(TlSecret) hmac_key = NULL;
  PageRange ranges[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  guint n_ranges = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  gboolean authentic = TRUE;
  guint64 pages;
  off_t size;
  int fd;

  g_assert (key->length == TL_MASTER_KEY_BYTES);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  size = lseek (fd, 0, SEEK_END);
  hmac_key = size > 0 && size % PAGE_BYTES == 0 ? derive_hmac_key (fd, key) : NULL;
  if (hmac_key == NULL)
    {
      close (fd);
      return FALSE;
    }

  pages = size / PAGE_BYTES;
  n_ranges = MIN (n_ranges, pages);
  for (guint i = 0; i < n_ranges; i++)
    {
      ranges[i] = (PageRange) {
        .fd = fd,
        .hmac_key = hmac_key,
        .first = 1 + pages * i / n_ranges,
        .end = 1 + pages * (i + 1) / n_ranges,
      };
      /* The first range on this thread, the others each on one of their own. */
      if (i > 0)
        threads[i] = g_thread_new ("tl-page-check", check_range, &ranges[i]);
    }
  check_range (&ranges[0]);
  for (guint i = 0; i < n_ranges; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      authentic = authentic && ranges[i].authentic;
    }

  close (fd);
  return authentic;
}
