/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-file-util.h"
#include "tl-io.h"
#include "tl-keyslot.h"
#include "tl-store-private.h"

/* Backups: one file holding an encrypted copy of the database (sqlcipher_export under
 * the same master key: never a plain copy) and the key-slot file, so the same
 * passphrases open it. Container (docs/store-format.md), integers little-endian:
 *
 *   magic[8] "\x89TLBACK\n"  version:u16 = 2  reserved:u16 = 0
 *   keys_len:u32  db_len:u64  keys[keys_len]  db[db_len]
 *   anchor_len:u32  anchor[anchor_len]       (version 2: the audit chain's anchor)
 *   checksum[32] = BLAKE2b-256 of everything before it
 *
 * Version 1 (before the anchor) has no anchor part and is still read.
 *
 * Like the key file, the checksum only tells accidental damage apart; the database's
 * own page HMACs and the slots' MACs protect the contents. */

static const guint8 backup_magic[8] = { 0x89, 'T', 'L', 'B', 'A', 'C', 'K', '\n' };

#define BACKUP_VERSION  2
#define BACKUP_VERSION_NO_ANCHOR 1
#define HEADER_BYTES    24
#define SUM_BYTES       32
#define AUTO_PREFIX     "tipline-"
#define AUTO_SUFFIX     ".tlbackup"
#define CHUNK           (64 * 1024)

/* helpers */

static gboolean
write_all (int                        fd,
           crypto_generichash_state  *state,
           const void                *data,
           gsize                      length)
{
  if (state != NULL)
    crypto_generichash_update (state, data, length);
  return tl_write_all (fd, data, length);
}

static void
put_le (guint8 *out,
        guint64 v,
        guint   bytes)
{
  for (guint i = 0; i < bytes; i++)
    out[i] = (v >> (8 * i)) & 0xff;
}

static guint64
get_le (const guint8 *in,
        guint         bytes)
{
  guint64 v = 0;

  for (guint i = 0; i < bytes; i++)
    v |= (guint64) in[i] << (8 * i);
  return v;
}

/* sqlcipher_export reports a full disk as a plain error: is there less room left in
 * the store folder than the database takes? */
static gboolean
store_disk_full (TlStore *self)
{
  struct statvfs fs;
  GStatBuf st;

  return statvfs (self->dir, &fs) == 0 && g_stat (self->db_path, &st) == 0 &&
         (guint64) fs.f_bavail * fs.f_frsize < (guint64) st.st_size;
}

/* Writes the container for keys + the database file at db_path to fd. */
static gboolean
write_container (int           fd,
                 GBytes       *keys,
                 const char   *db_path,
                 GBytes       *anchor)
{
  crypto_generichash_state state;
  guint8 header[HEADER_BYTES] = { 0 };
  guint8 sum[SUM_BYTES];
  g_autofree guint8 *chunk = g_malloc (CHUNK);
  GStatBuf st;
  int in;
  gboolean ok = TRUE;

  if (g_stat (db_path, &st) != 0)
    return FALSE;

  memcpy (header, backup_magic, sizeof backup_magic);
  put_le (header + 8, BACKUP_VERSION, 2);
  put_le (header + 12, g_bytes_get_size (keys), 4);
  put_le (header + 16, st.st_size, 8);

  crypto_generichash_init (&state, NULL, 0, SUM_BYTES);
  if (!write_all (fd, &state, header, sizeof header) ||
      !write_all (fd, &state, g_bytes_get_data (keys, NULL), g_bytes_get_size (keys)))
    return FALSE;

  in = open (db_path, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return FALSE;
  for (gint64 left = st.st_size; ok && left > 0; )
    {
      gsize n = MIN ((gint64) CHUNK, left);

      ok = tl_read_all (in, chunk, n) && write_all (fd, &state, chunk, n);
      left -= n;
    }
  close (in);

  if (ok)
    {
      guint8 anchor_len[4];

      put_le (anchor_len, anchor != NULL ? g_bytes_get_size (anchor) : 0, 4);
      ok = write_all (fd, &state, anchor_len, sizeof anchor_len) &&
           (anchor == NULL ||
            write_all (fd, &state, g_bytes_get_data (anchor, NULL), g_bytes_get_size (anchor)));
    }

  crypto_generichash_final (&state, sum, sizeof sum);
  return ok && write_all (fd, NULL, sum, sizeof sum) && fsync (fd) == 0;
}

/* The checksum of a container: BLAKE2b-256 of its first `length` bytes, read with pread
 * so that it may run beside the copy of the database part (restore_copy). */
typedef struct
{
  int fd;
  guint64 length;
  guint8 sum[SUM_BYTES];
  gboolean ok;
} ChecksumJob;

static gpointer
checksum_run (gpointer data)
{
  ChecksumJob *job = data;
  crypto_generichash_state state;
  g_autofree guint8 *chunk = g_malloc (CHUNK * 16);
  guint64 offset = 0;

  crypto_generichash_init (&state, NULL, 0, SUM_BYTES);
  job->ok = TRUE;
  while (job->ok && offset < job->length)
    {
      ssize_t n = pread (job->fd, chunk, MIN ((guint64) CHUNK * 16, job->length - offset), offset);

      if (n < 0 && errno == EINTR)
        continue;
      job->ok = n > 0;
      if (job->ok)
        {
          crypto_generichash_update (&state, chunk, n);
          offset += n;
        }
    }
  crypto_generichash_final (&state, job->sum, sizeof job->sum);
  return NULL;
}

/* length bytes of in, from its current offset, to out. copy_file_range copies inside
 * the kernel (as cp does); a read/write loop where it is not supported. */
static gboolean
copy_range (int      in,
            int      out,
            guint64  length,
            int     *write_errno)
{
  g_autofree guint8 *chunk = NULL;

  while (length > 0)
    {
      ssize_t n = copy_file_range (in, NULL, out, NULL, MIN (length, (guint64) G_MAXSSIZE / 2), 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == ENOSPC || errno == EIO || errno == EDQUOT || errno == EFBIG))
        {
          *write_errno = errno;
          return FALSE;
        }
      if (n <= 0)
        break;
      length -= n;
    }

  chunk = g_malloc (CHUNK * 16);
  while (length > 0)
    {
      gsize n = MIN ((guint64) CHUNK * 16, length);

      if (!tl_read_all (in, chunk, n))
        return FALSE;
      if (!write_all (out, NULL, chunk, n))
        {
          /* Our own write failed (a full disk): the backup is not to blame. */
          *write_errno = errno != 0 ? errno : EIO;
          return FALSE;
        }
      length -= n;
    }
  return TRUE;
}

/* Checks the container and, when db_out is given, writes the database part there
 * (mode 0600); the audit anchor in *anchor_out (NULL in a version 1 backup). Returns
 * the key-slot file's bytes, or NULL with TL_ERROR_DAMAGED.
 *
 * A restore is a verified copy (issue 16): the database part is copied inside the
 * kernel while a second thread computes the container's checksum over the same bytes
 * (from the page cache), so the check costs what the slower of the two costs, not their
 * sum, and nothing is read twice in user space. The copy counts only when the checksum
 * matches; it is removed otherwise. */
GBytes *
_tl_store_read_backup (const char  *path,
                       const char  *db_out,
                       GBytes     **anchor_out,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree guint8 *keys = NULL;
  guint8 header[HEADER_BYTES];
  guint8 stored[SUM_BYTES];
  g_autofree guint8 *anchor = NULL;
  guint64 keys_len, db_len, anchor_len = 0, version = 0;
  int in, out = -1, write_errno = 0;
  gboolean ok = FALSE;
  ChecksumJob job = { 0 };
  GThread *checksum = NULL;
  GStatBuf st;

  in = open (path, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    {
      tl_set_file_error (error, errno, path);
      return NULL;
    }

  if (fstat (in, &st) != 0 || st.st_size < HEADER_BYTES + SUM_BYTES ||
      !tl_read_all (in, header, sizeof header) ||
      memcmp (header, backup_magic, sizeof backup_magic) != 0 ||
      get_le (header + 10, 2) != 0)
    goto out;
  version = get_le (header + 8, 2);
  if (version != BACKUP_VERSION && version != BACKUP_VERSION_NO_ANCHOR)
    goto out;

  keys_len = get_le (header + 12, 4);
  db_len = get_le (header + 16, 8);
  if (keys_len > TL_KEYSLOT_MAX_FILE || db_len > (guint64) st.st_size ||
      (version == BACKUP_VERSION_NO_ANCHOR &&
       (guint64) st.st_size != HEADER_BYTES + keys_len + db_len + SUM_BYTES) ||
      (version == BACKUP_VERSION &&
       (guint64) st.st_size < HEADER_BYTES + keys_len + db_len + 4 + SUM_BYTES))
    goto out;

  keys = g_malloc (MAX (keys_len, 1));
  if (!tl_read_all (in, keys, keys_len))
    goto out;

  /* Everything before the checksum is summed; the file's size was checked above. */
  job.fd = in;
  job.length = st.st_size - SUM_BYTES;
  if (db_out != NULL)
    {
      out = open (db_out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (out < 0)
        {
          tl_set_file_error (error, errno, db_out);
          close (in);
          return NULL;
        }
      checksum = g_thread_new ("tl-backup-sum", checksum_run, &job);
      ok = copy_range (in, out, db_len, &write_errno);
    }
  else
    ok = lseek (in, db_len, SEEK_CUR) >= 0;

  if (ok && version == BACKUP_VERSION)
    {
      guint8 length[4];

      ok = tl_read_all (in, length, sizeof length);
      anchor_len = ok ? get_le (length, 4) : 0;
      ok = ok && anchor_len <= TL_STORE_ANCHOR_MAX &&
           (guint64) st.st_size == HEADER_BYTES + keys_len + db_len + 4 + anchor_len + SUM_BYTES;
      if (ok)
        {
          anchor = g_malloc (MAX (anchor_len, 1));
          ok = tl_read_all (in, anchor, anchor_len);
        }
    }
  ok = ok && tl_read_all (in, stored, sizeof stored);
  if (ok && out >= 0 && fsync (out) != 0)
    {
      ok = FALSE;
      write_errno = errno;
    }

  if (checksum != NULL)
    g_thread_join (checksum);
  else if (ok)
    checksum_run (&job);
  ok = ok && job.ok && sodium_memcmp (job.sum, stored, sizeof stored) == 0;

out:
  close (in);
  if (out >= 0)
    close (out);
  if (!ok && out >= 0)
    g_unlink (db_out);
  if (!ok && write_errno != 0)
    {
      tl_set_file_error (error, write_errno, db_out);
      return NULL;
    }
  if (!ok)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_DAMAGED,
                   _("%s is damaged or is not a Tipline backup. Choose another backup."), display);
      return NULL;
    }
  if (anchor_out != NULL)
    *anchor_out = anchor_len > 0 ? g_bytes_new_take (g_steal_pointer (&anchor), anchor_len) : NULL;
  return g_bytes_new_take (g_steal_pointer (&keys), keys_len);
}

/* Checks a database copy through the store's own connection: attached without a key it
 * uses the store's key, so the master key never leaves SQLCipher. */
static gboolean
verify_attached (TlStore     *self,
                 const char  *path,
                 GHashTable  *expected,
                 GError     **error)
{
  g_autoptr(GHashTable) counts = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (!_tl_store_cipher_attach (self->db, path, "tl_verify", NULL, NULL, NULL))
    goto out;

  /* quick_check reads every page of the copy, which SQLCipher authenticates (HMAC) as it
   * decrypts it, on 3.4 and 4.x alike, and checks every b-tree's structure; it leaves out
   * integrity_check's comparison of each index with its table, which sqlcipher_export
   * has just built from that table, and which took longer than the export itself
   * (issue 16). The row counts below compare the copy with the store. */
  stmt = NULL;
  ok = sqlite3_prepare_v2 (self->db, "PRAGMA tl_verify.quick_check", -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (ok)
    {
      GHashTableIter iter;
      gpointer key, value;

      counts = _tl_store_table_counts (self->db, "tl_verify", NULL);
      ok = counts != NULL && g_hash_table_size (counts) == g_hash_table_size (expected);
      g_hash_table_iter_init (&iter, expected);
      while (ok && g_hash_table_iter_next (&iter, &key, &value))
        {
          gint64 *other = g_hash_table_lookup (counts, key);

          ok = other != NULL && *other == *(gint64 *) value;
        }
    }

  sqlite3_exec (self->db, "DETACH DATABASE tl_verify", NULL, NULL, NULL);

out:
  if (!ok)
    g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                         _("The backup copy did not check out, so no backup was written. Check that the disk works and has free space, then try again."));
  return ok;
}

static gint
compare_names_desc (gconstpointer a,
                    gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Automatic backups in dir, newest first (their names sort by time). */
static GPtrArray *
list_auto_backups (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, AUTO_PREFIX) && g_str_has_suffix (name, AUTO_SUFFIX))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_names_desc);
  return names;
}

/* The container at path has the size its header says, and its header and key file
 * read back as written. */
static gboolean
check_written (const char *path,
               GBytes     *keys,
               const char *db_path,
               GBytes     *anchor)
{
  guint8 header[HEADER_BYTES];
  g_autofree guint8 *read_keys = NULL;
  gsize keys_len = g_bytes_get_size (keys);
  gsize anchor_len = anchor != NULL ? g_bytes_get_size (anchor) : 0;
  GStatBuf st, db_st;
  gboolean ok;
  int fd;

  if (g_stat (db_path, &db_st) != 0 || g_stat (path, &st) != 0 ||
      (guint64) st.st_size != HEADER_BYTES + keys_len + (guint64) db_st.st_size + 4 + anchor_len + SUM_BYTES)
    return FALSE;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  read_keys = g_malloc (MAX (keys_len, 1));
  ok = tl_read_all (fd, header, sizeof header) &&
       memcmp (header, backup_magic, sizeof backup_magic) == 0 &&
       get_le (header + 12, 4) == keys_len &&
       get_le (header + 16, 8) == (guint64) db_st.st_size &&
       tl_read_all (fd, read_keys, keys_len) &&
       memcmp (read_keys, g_bytes_get_data (keys, NULL), keys_len) == 0;
  close (fd);
  return ok;
}

/* public API */

char *
tl_store_get_backup_dir (TlStore *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);

  dir = g_strdup (self->dir);
  while (g_str_has_suffix (dir, G_DIR_SEPARATOR_S) && strlen (dir) > 1)
    dir[strlen (dir) - 1] = '\0';
  return g_strconcat (dir, "-backups", NULL);
}

gboolean
tl_store_backup (TlStore     *self,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GBytes) keys = NULL;
  g_autoptr(GBytes) anchor = NULL;
  g_autofree char *keys_data = NULL;
  gsize keys_len = 0;
  GError *local_error = NULL;
  int fd = -1;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!self->plain, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  /* The copy takes the search index as it is: removed words leave it first. */
  if (!self->damaged && !_tl_store_purge_run (self->db, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  copy_path = g_build_filename (self->dir, "tipline.db.backup", NULL);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  if (!g_file_get_contents (self->keys_path, &keys_data, &keys_len, NULL))
    return tl_set_file_error (error, errno, self->keys_path);
  keys = g_bytes_new_take (g_steal_pointer (&keys_data), keys_len);

  /* The encrypted copy is made inside the store folder (private, same disk), checked
   * through the store's own connection, then packed next to the destination and
   * renamed into place: the destination only ever holds a whole, checked backup. */
  g_unlink (copy_path);
  counts = _tl_store_table_counts (self->db, "main", error);
  if (counts == NULL)
    goto fail;
  if (!_tl_store_db_copy_file (self->db, self->db_path, copy_path, &local_error) &&
      (g_error_matches (local_error, TL_ERROR, TL_ERROR_NO_SPACE) || store_disk_full (self)))
    {
      /* The store's disk is full: the encrypted copy goes beside the destination. */
      g_clear_error (&local_error);
      g_unlink (copy_path);
      g_free (copy_path);
      copy_path = g_strdup_printf ("%s%c.%s.db", dir, G_DIR_SEPARATOR, base);
      g_unlink (copy_path);
      _tl_store_db_copy_file (self->db, self->db_path, copy_path, &local_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto fail;
    }
  if (!verify_attached (self, copy_path, counts, error))
    goto fail;
  /* The audit chain's anchor for the copy's own chain end. */
  anchor = _tl_store_anchor_for_backup (self, copy_path);

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      tl_set_file_error (error, errno, path);
      goto fail;
    }
  if (!write_container (fd, keys, copy_path, anchor))
    {
      tl_set_file_error (error, errno != 0 ? errno : EIO, path);
      goto fail;
    }
  close (fd);
  fd = -1;

  /* The copy was checked page by page before it was packed, the checksum is of the
   * bytes as written and fsync succeeded: reading the whole container back (from the
   * page cache, not the disk) added a full read and no check (issue 16). Its size,
   * header and key file are read back; restore checks the checksum before use. */
  if (!check_written (tmp_path, keys, copy_path, anchor))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED,
                           _("The backup copy did not check out, so no backup was written. Check that the disk works and has free space, then try again."));
      goto fail;
    }
  if (!tl_durable_rename (tmp_path, path, error))
    goto fail;

  g_unlink (copy_path);
  if (!_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_BACKUP, NULL, base, &local_error))
    {
      /* The backup is written; a full store disk only delays its entry. */
      if (!g_error_matches (local_error, TL_ERROR, TL_ERROR_NO_SPACE))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
      _tl_store_audit_defer (self, g_get_real_time (), TL_AUDIT_BACKUP, base);
    }
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  g_unlink (copy_path);
  return FALSE;
}

char *
tl_store_backup_rolling (TlStore     *self,
                         const char  *dir,
                         guint        keep_n,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (keep_n >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      tl_set_file_error (error, errno, dir);
      return NULL;
    }

  /* Microseconds in the name keep two backups in one second (a quick close and reopen)
   * apart and the names sorting by time. */
  path = g_strdup_printf ("%s%c" AUTO_PREFIX "%s-%06d" AUTO_SUFFIX, dir, G_DIR_SEPARATOR,
                          stamp, g_date_time_get_microsecond (now));
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_EXISTS,
                           _("A backup with the same time is already there. Try again."));
      return NULL;
    }

  if (!tl_store_backup (self, path, error))
    return NULL;

  existing = list_auto_backups (dir);
  for (guint i = keep_n; i < existing->len; i++)
    g_unlink (g_ptr_array_index (existing, i));

  return g_steal_pointer (&path);
}

char *
tl_store_find_latest_backup (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;
  gint64 best_time = G_MININT64;
  char *best = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) keys = NULL;
      g_autoptr(GPtrArray) slots = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (name, AUTO_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0 || (gint64) st.st_mtime < best_time)
        continue;

      /* Without a passphrase, "checks out" means: the container is whole and its key
       * file parses. The database itself is checked when it is restored. */
      keys = _tl_store_read_backup (path, NULL, NULL, NULL);
      if (keys != NULL)
        slots = tl_keyslot_parse (g_bytes_get_data (keys, NULL), g_bytes_get_size (keys), NULL);
      if (slots == NULL)
        continue;

      if ((gint64) st.st_mtime > best_time || g_strcmp0 (path, best) > 0)
        {
          g_free (best);
          best = g_steal_pointer (&path);
          best_time = st.st_mtime;
        }
    }

  return best;
}
