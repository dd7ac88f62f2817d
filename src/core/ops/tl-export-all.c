/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tl-error.h"
#include "tl-export-all.h"
#include "tl-export-all-testing.h"
#include "tl-file-util.h"
#include "tl-temp-file.h"
#include "tl-tip-check.h"
#include "tl-tip-xml.h"

/* Every tip as one <tips> exchange file (issue 16), streamed: each tip is read from the
 * store, checked (the next workstation must be able to read it) and written before the
 * next is read, so memory does not grow with the store (the earlier export held every
 * tip and the whole document: 2.67 GB for a 337 MB file at 100,000 tips). The file is
 * written beside its destination and renamed into place when whole; the export is
 * recorded with one audit entry per tip in one transaction (it was one durable commit
 * per tip), and the file is removed again if the audit log cannot be written.
 *
 * Reading and checking run side by side: the calling thread reads the tips (SQLCipher
 * decrypting the pages) and hands each one to a single worker that parses, checks and
 * writes them in the order they come, BATCH_TIPS at a time. At most QUEUED_MAX batches
 * wait, so memory stays bounded.
 *
 * Every tip leaves checked, but not every tip is checked again: the check (a tip read
 * back into its fields and validated) was most of an export's time, 4 to 7 x the read
 * alone (issue 16). A tip whose stored bytes carry the mark of a passed check under
 * this build's checks (tl-tip-check.h; written by each save) is written as it is; any
 * other is checked, and the marks of those that pass are kept for the next export. */

#define PROGRESS_EVERY 500
#define BATCH_TIPS 64   /* tips handed over at once: one wake-up each, not one a tip */
#define QUEUED_MAX 32   /* batches waiting: enough for the reading to go on during a sync */
/* The file is made durable a part at a time while the export goes on, so the fsync at
 * the end waits for the last part only: it waited for all of it, 0.5-0.8 s of a
 * 100,000-tip export (337 MB) after the walk was done (issue 16). Starting the
 * write-back early (sync_file_range) left 0.4 s: the disk's cache flush, which only a
 * sync ends. */
#define DURABLE_EVERY (32 * 1024 * 1024)

/* Tests: a smaller part, and how many parts were synced (tl-export-all-testing.h). */
static gsize durable_every = DURABLE_EVERY;
static gint part_syncs;

typedef struct
{
  char *id;
  char *xml;
  int length;
  guint8 mark[TL_TIP_CHECK_MARK_BYTES];
  gboolean has_mark;
} Item;

typedef struct
{
  FILE *out;
  gsize unsynced;           /* the worker's own: written since the last sync */
  guint total;
  GPtrArray *ids;
  GPtrArray *checked_ids;   /* the worker's own: tips checked now, and their marks */
  GByteArray *checked_marks;
  TlExportAllProgress progress;
  gpointer user_data;
  GThreadPool *pool;
  GPtrArray *batch;         /* the reading thread's: read, not yet handed over */
  GMutex lock;
  GCond drained;
  guint queued;             /* under lock: batches */
  guint pushed;             /* the reading thread's own */
  guint done;               /* under lock */
  GError *failure;          /* under lock: the first tip that failed, or a write error */
  int write_errno;          /* under lock: the worker's write failed (errno), or 0 */
} Export;

/* helpers */

static gboolean
write_failed (const char  *path,
              int          saved,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, TL_ERROR, saved == ENOSPC ? TL_ERROR_NO_SPACE : TL_ERROR_IO,
               saved == ENOSPC ? _("Could not write %s because the disk is full. Free some space and try again.")
                               : _("Could not write %s. Check that the folder exists and that you may write to it."),
               display);
  return FALSE;
}

static void
set_problems_error (const char  *id,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      TlProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (list, "\n  %s: %s", problem->field, problem->message);
    }
  /* Translators: %s is a tip's id, then the list of fields to fix */
  g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
               _("The tips were not exported because tip %s has fields that need fixing first:%s"),
               id, list->str);
}

/* Whether the tip may leave: its mark says these bytes passed, or it passes now (and
 * its new mark is kept). */
static gboolean
check (Export      *export,
       Item        *item,
       GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  guint8 mark[TL_TIP_CHECK_MARK_BYTES];

  if (item->has_mark &&
      tl_tip_check_mark_matches (item->xml, item->length, item->mark, sizeof item->mark))
    return TRUE;

  switch (tl_tip_check_stored (item->xml, item->length, &problems))
    {
    case TL_TIP_CHECK_PASSED:
      tl_tip_check_mark (item->xml, item->length, mark);
      g_ptr_array_add (export->checked_ids, g_strdup (item->id));
      g_byte_array_append (export->checked_marks, mark, sizeof mark);
      return TRUE;
    case TL_TIP_CHECK_UNREADABLE:
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      return FALSE;
    case TL_TIP_CHECK_PROBLEMS:
    default:
      set_problems_error (item->id, problems, error);
      return FALSE;
    }
}

/* The stored document without its XML declaration: a <tip> element, which may stand
 * inside <tips> as it is (same namespace). */
static gboolean
check_and_write (Export      *export,
                 Item        *item,
                 GError     **error)
{
  const char *text = item->xml;
  int length = item->length;
  const char *start;

  if (!check (export, item, error))
    return FALSE;

  start = length > 5 && memcmp (text, "<?xml", 5) == 0 ? memchr (text, '>', length) : NULL;
  start = start != NULL ? start + 1 : text;
  while (start < text + length && (*start == '\n' || *start == '\r'))
    start++;
  export->unsynced += text + length - start;
  return fwrite (start, 1, text + length - start, export->out) == (size_t) (text + length - start);
}

/* Makes what the export has written so far durable, every DURABLE_EVERY bytes, on the
 * worker while the calling thread reads on; the fsync at the end still covers the
 * whole file. FALSE (errno set) when the bytes could not be written. */
static gboolean
sync_part (Export *export)
{
  if (export->unsynced < durable_every)
    return TRUE;
  export->unsynced = 0;
  g_atomic_int_inc (&part_syncs);
  return fflush (export->out) == 0 && fdatasync (fileno (export->out)) == 0;
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->id);
  g_free (item->xml);
  g_free (item);
}

/* The worker: one batch after the other, each tip in the order it was read. */
static void
check_batch (gpointer data,
             gpointer user_data)
{
  g_autoptr(GPtrArray) batch = data;
  Export *export = user_data;
  GError *local_error = NULL;
  gboolean skip, ok = TRUE;
  guint done = 0;
  int saved = 0;

  g_mutex_lock (&export->lock);
  skip = export->failure != NULL || export->write_errno != 0;
  g_mutex_unlock (&export->lock);

  for (guint i = 0; !skip && ok && i < batch->len; i++)
    {
      Item *item = g_ptr_array_index (batch, i);

      errno = 0;
      ok = check_and_write (export, item, &local_error);
      saved = errno != 0 ? errno : EIO;
      if (ok)
        {
          g_ptr_array_add (export->ids, g_steal_pointer (&item->id));
          done++;
        }
    }
  if (!skip && ok)
    {
      errno = 0;
      ok = sync_part (export);
      saved = errno != 0 ? errno : EIO;
    }

  g_mutex_lock (&export->lock);
  if (!ok && local_error != NULL && export->failure == NULL)
    export->failure = g_steal_pointer (&local_error);
  else if (!ok && local_error == NULL)
    export->write_errno = saved;
  export->done += done;
  export->queued--;
  g_cond_signal (&export->drained);
  g_mutex_unlock (&export->lock);

  g_clear_error (&local_error);
}

/* Hands the batch read so far to the worker, waiting while QUEUED_MAX batches wait.
 * FALSE when the worker has stopped on a failure. */
static gboolean
push_batch (Export *export)
{
  gboolean stop;

  if (export->batch == NULL || export->batch->len == 0)
    return TRUE;

  g_mutex_lock (&export->lock);
  while (export->queued >= QUEUED_MAX && export->failure == NULL && export->write_errno == 0)
    g_cond_wait (&export->drained, &export->lock);
  stop = export->failure != NULL || export->write_errno != 0;
  if (!stop)
    export->queued++;
  g_mutex_unlock (&export->lock);
  if (stop)
    return FALSE;

  g_thread_pool_push (export->pool, g_steal_pointer (&export->batch), NULL);
  return TRUE;
}

/* The reading thread: gathers the tips into batches for the worker. */
static gboolean
export_one (const char  *id,
            const void  *xml,
            int          length,
            const void  *check_mark,
            int          check_mark_length,
            gpointer     user_data,
            GError     **error)
{
  Export *export = user_data;
  Item *item = g_new (Item, 1);

  item->id = g_strdup (id);
  item->xml = g_memdup2 (xml, length);
  item->length = length;
  item->has_mark = check_mark != NULL && check_mark_length == TL_TIP_CHECK_MARK_BYTES;
  if (item->has_mark)
    memcpy (item->mark, check_mark, TL_TIP_CHECK_MARK_BYTES);

  if (export->batch == NULL)
    export->batch = g_ptr_array_new_full (BATCH_TIPS, item_free);
  g_ptr_array_add (export->batch, item);
  export->pushed++;

  if (export->progress != NULL && export->pushed % PROGRESS_EVERY == 0)
    {
      guint done;

      g_mutex_lock (&export->lock);
      done = export->done;
      g_mutex_unlock (&export->lock);
      export->progress (done, export->total, export->user_data);
    }
  return export->batch->len < BATCH_TIPS || push_batch (export);
}

/* Waits for the worker to finish what it was given. FALSE when a tip failed (error set)
 * or a write failed (*saved is its errno). */
static gboolean
finish_checks (Export  *export,
               int     *saved,
               GError **error)
{
  push_batch (export);
  g_clear_pointer (&export->batch, g_ptr_array_unref);
  g_thread_pool_free (g_steal_pointer (&export->pool), FALSE, TRUE);
  if (export->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&export->failure));
      return FALSE;
    }
  *saved = export->write_errno;
  return export->write_errno == 0;
}

/* private API */

guint
_tl_export_all_set_durable_every (gsize bytes)
{
  guint made = g_atomic_int_get (&part_syncs);

  /* Set between exports: the worker of the next one starts after it. */
  durable_every = bytes > 0 ? bytes : DURABLE_EVERY;
  g_atomic_int_set (&part_syncs, 0);
  return made;
}

/* public API */

gboolean
tl_export_all_tips (TlStore              *store,
                    const char           *path,
                    gboolean              overwrite,
                    TlExportAllProgress   progress,
                    gpointer              user_data,
                    guint                *n_exported,
                    GError              **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) checked_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) checked_marks = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  Export export = { 0 };
  gint64 total;
  int fd, guard, target_guard, saved = 0;
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TL_ERROR, TL_ERROR_EXISTS,
                   _("%s already exists. Choose another name, or confirm that it may be replaced."),
                   display);
      return FALSE;
    }

  total = tl_store_count_tips (store, NULL, error);
  if (total < 0)
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* Named as tl_temp_file_write() names its files, and registered with the signal
   * guard: an export stopped by SIGINT or SIGTERM leaves no plaintext (issue 15). */
  tmp_path = g_strdup_printf ("%s%c%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return write_failed (path, errno, error);
  guard = tl_temp_file_register (tmp_path);

  export.out = fdopen (fd, "w");
  export.total = (guint) total;
  export.ids = ids;
  export.checked_ids = checked_ids;
  export.checked_marks = checked_marks;
  export.progress = progress;
  export.user_data = user_data;
  if (export.out == NULL)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp_path);
      tl_temp_file_forget (guard);
      return write_failed (path, saved, error);
    }
  setvbuf (export.out, NULL, _IOFBF, 256 * 1024);

  g_mutex_init (&export.lock);
  g_cond_init (&export.drained);
  export.pool = g_thread_pool_new (check_batch, &export, 1, FALSE, NULL);
  errno = 0;
  ok = fprintf (export.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tips xmlns=\"%s\">\n",
                TL_TIP_XML_NAMESPACE) > 0;
  if (ok)
    {
      GError *check_error = NULL;

      ok = tl_store_foreach_tip_xml (store, export_one, &export, &local_error);
      /* The worker's error is why the walk stopped (the walk's own says nothing more). */
      if (!finish_checks (&export, &saved, &check_error))
        {
          ok = FALSE;
          g_clear_error (&local_error);
          local_error = check_error;
        }
    }
  else
    g_thread_pool_free (g_steal_pointer (&export.pool), FALSE, TRUE);
  g_mutex_clear (&export.lock);
  g_cond_clear (&export.drained);
  ok = ok &&
       fputs ("</tips>\n", export.out) >= 0 &&
       fflush (export.out) == 0 &&
       fsync (fileno (export.out)) == 0;
  if (!ok && local_error == NULL && saved == 0)
    saved = errno != 0 ? errno : EIO;
  if (fclose (export.out) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }

  /* Until its audit entry is written, the finished file is removed on SIGINT/SIGTERM
   * like the temporary one: a signal between the rename and the audit must not leave an
   * export nobody recorded. */
  target_guard = tl_temp_file_register (path);
  if (ok)
    ok = tl_durable_rename (tmp_path, path, &local_error);
  if (!ok)
    g_unlink (tmp_path);
  tl_temp_file_forget (guard);
  if (!ok)
    {
      tl_temp_file_forget (target_guard);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        write_failed (path, saved, error);
      return FALSE;
    }

  if (progress != NULL)
    progress (export.done, export.total, user_data);

  /* No export goes unrecorded. */
  if (!tl_store_audit_tips (store, TL_AUDIT_EXPORT, ids, error))
    {
      g_unlink (path);
      tl_temp_file_forget (target_guard);
      return FALSE;
    }
  tl_temp_file_forget (target_guard);

  /* Only a saving for the next export: without the marks it checks these tips again. */
  if (!tl_store_keep_check_marks (store, checked_ids, checked_marks, &local_error))
    g_debug ("The export's check marks were not kept: %s", local_error->message);

  if (n_exported != NULL)
    *n_exported = export.done;
  return TRUE;
}
