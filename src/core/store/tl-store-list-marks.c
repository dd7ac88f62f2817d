/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include "tl-store-private.h"

/* Marks along the list of every tip, so that a jump deep into it starts near where it
 * lands (issue 16). A page is read by OFFSET, which walks the list's index from the top;
 * at 300,000 tips that index no longer fits the page cache, and a jump 90 % down
 * decrypted every page of it again: 131 ms, against 1.6 at 100,000. A mark is the sort
 * key of every TL_STORE_LIST_MARK_EVERY-th row, so a jump walks at most that many.
 *
 * The marks are made a few at a time while the app is idle (tl_store_mark_list()), each
 * a short walk on from the last one. Any change to the tips makes them stale: they
 * are dropped and made again, never shifted, so a page read from a mark is the page
 * OFFSET would read. Filtered lists (a status, a type) are shorter and go without. */

/* helpers */

static void
clear_key (gpointer data)
{
  g_free (((TlListKey *) data)->id);
}

static void
clear_marks (TlStore *self)
{
  g_clear_pointer (&self->marks.keys, g_array_unref);
  self->marks.complete = FALSE;
}

/* The next mark, a walk of `every` rows on from the last one. FALSE when the list
 * ends there (or cannot be read: then there are no marks, and jumps walk from the top). */
static gboolean
add_mark (TlStore *self)
{
  TlListMarks *marks = &self->marks;
  const TlListKey *last = marks->keys->len > 0
                          ? &g_array_index (marks->keys, TlListKey, marks->keys->len - 1) : NULL;
  sqlite3_stmt *stmt = NULL;
  TlListKey key = { 0 };
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           last != NULL
                           ? "SELECT t.modified, t.id FROM tips t WHERE (t.modified, t.id) < (?2, ?3)"
                             " ORDER BY t.modified DESC, t.id DESC LIMIT 1 OFFSET ?1"
                           : "SELECT t.modified, t.id FROM tips t"
                             " ORDER BY t.modified DESC, t.id DESC LIMIT 1 OFFSET ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, marks->every - 1);
      if (last != NULL)
        {
          sqlite3_bind_int64 (stmt, 2, last->modified);
          sqlite3_bind_text (stmt, 3, last->id, -1, SQLITE_TRANSIENT);
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          key.modified = sqlite3_column_int64 (stmt, 0);
          key.id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_ROW && key.id != NULL)
    {
      g_array_append_val (marks->keys, key);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      g_message ("The list's marks could not be read (error %d): jumps walk from the top", rc);
      g_array_set_size (marks->keys, 0);
    }
  marks->complete = TRUE;
  return FALSE;
}

/* private API */

void
_tl_store_list_marks_clear (TlStore *self)
{
  clear_marks (self);
}

/* The mark to start a page at @offset of the list of every tip from, if one is made:
 * *@skip is what is left to walk from it. NULL to walk from the top. */
const TlListKey *
_tl_store_list_mark_before (TlStore *self,
                            guint    offset,
                            guint   *skip)
{
  TlListMarks *marks = &self->marks;
  guint index;

  if (marks->keys == NULL || marks->generation != self->generation || offset < marks->every)
    return NULL;
  /* Mark i is the row at (i + 1) × every − 1; the page starts just after one of them. */
  index = MIN (offset / marks->every, marks->keys->len);
  if (index == 0)
    return NULL;
  *skip = offset - index * marks->every;
  marks->jumps++;
  return &g_array_index (marks->keys, TlListKey, index - 1);
}

/* public API */

/**
 * tl_store_mark_list:
 * @max_us: about how long to work, in microseconds; at least one mark is made
 *
 * Makes marks along the list of every tip, so that reading a page deep into it
 * (tl_store_list_tips()) costs about what reading the first does. Call it while the
 * app is idle, again until it returns %FALSE, and again after #TlStore::tips-changed.
 *
 * Returns: %TRUE if there are more marks to make
 */
gboolean
tl_store_mark_list (TlStore *self,
                    gint64   max_us)
{
  TlListMarks *marks;
  gint64 until = g_get_monotonic_time () + max_us;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);

  if (!tl_store_is_unlocked (self))
    return FALSE;

  marks = &self->marks;
  if (marks->keys == NULL || marks->generation != self->generation)
    {
      clear_marks (self);
      marks->keys = g_array_new (FALSE, FALSE, sizeof (TlListKey));
      g_array_set_clear_func (marks->keys, clear_key);
      marks->generation = self->generation;
    }

  while (!marks->complete && add_mark (self) && g_get_monotonic_time () < until)
    ;

  return !marks->complete;
}
