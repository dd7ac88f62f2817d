/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "tl-error.h"
#include "tl-links.h"
#include "tl-normalize.h"
#include "tl-store-private.h"

/* Full-text search and the identifier index.
 *
 * Each tip has one FTS4 row (docid = tips.pk) whose text is the searchable fields plus
 * normalised forms of identifiers: phone and account numbers as bare digits (and their
 * trailing seven and four digits, so "555-0100" finds "(505) 555-0100"), plates without
 * separators. The query side applies the same normalisation to digit-like words, and
 * quotes every term, so no character a person types is FTS syntax. unicode61 folds case
 * and diacritics on both sides, so "jose" finds "José". */

/* A search matching more tips than this walks the list index instead of sorting. */
#define DENSE_MATCHES 2000

/* helpers */

/* Card and account numbers: every digit, nothing else (no keypad letters, no
 * extensions, no country code rules as for phones). */
static char *
digits_only (const char *typed)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = typed; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

static void
add_text (GString    *body,
          const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  g_string_append (body, text);
  g_string_append_c (body, '\n');
}

/* Digits, and the shorter tails people quote: a local seven-digit number, a number
 * without the leading country code 1, the last four of a card or account. */
static void
add_digits (GString    *body,
            const char *typed,
            gboolean    account)
{
  g_autofree char *digits = NULL;
  gsize len;

  if (typed == NULL)
    return;
  digits = account ? digits_only (typed) : tl_phone_digits (typed);
  len = strlen (digits);
  if (len == 0)
    return;

  add_text (body, digits);
  if (len == 11 && digits[0] == '1')
    add_text (body, digits + 1);
  if (len > 7)
    add_text (body, digits + len - 7);
  if (account && len > 4)
    add_text (body, digits + len - 4);
}

static void
add_plate (GString    *body,
           const char *typed)
{
  g_autofree char *plate = NULL;

  if (typed == NULL)
    return;
  plate = tl_plate_normalize (typed);
  add_text (body, typed);
  add_text (body, plate);
}

static char *
build_body (const TlTip *tip,
            gsize       *length)
{
  GString *body = g_string_sized_new (1024);

  add_text (body, tip->reporter_name);
  add_text (body, tip->reporter_email);
  add_text (body, tip->reporter_phone);
  add_digits (body, tip->reporter_phone, FALSE);
  add_text (body, tip->venue_detail);
  add_text (body, tip->operation);

  add_text (body, tip->location.address);
  add_text (body, tip->location.city);
  add_text (body, tip->location.county);
  add_text (body, tip->location.state);
  add_text (body, tip->location.description);

  for (guint i = 0; tip->victims != NULL && i < tip->victims->len; i++)
    {
      const TlVictim *v = g_ptr_array_index (tip->victims, i);

      add_text (body, v->name);
      add_text (body, v->description);
      add_text (body, v->phone);
      add_digits (body, v->phone, FALSE);
      add_text (body, v->email);
      add_text (body, v->address);
    }

  for (guint i = 0; tip->offenders != NULL && i < tip->offenders->len; i++)
    {
      const TlOffender *o = g_ptr_array_index (tip->offenders, i);

      add_text (body, o->name);
      add_text (body, o->alias);
      add_text (body, o->description);
      add_text (body, o->address);
      add_text (body, o->marks);
    }

  for (guint i = 0; tip->vehicles != NULL && i < tip->vehicles->len; i++)
    {
      const TlVehicle *v = g_ptr_array_index (tip->vehicles, i);

      add_plate (body, v->plate);
      add_text (body, v->make);
      add_text (body, v->model);
      add_text (body, v->color);
      add_text (body, v->description);
    }

  for (guint i = 0; tip->phones != NULL && i < tip->phones->len; i++)
    {
      const TlPhone *p = g_ptr_array_index (tip->phones, i);

      add_text (body, p->number);
      add_digits (body, p->number, FALSE);
      add_text (body, p->carrier);
    }

  for (guint i = 0; tip->online != NULL && i < tip->online->len; i++)
    {
      const TlOnline *o = g_ptr_array_index (tip->online, i);

      add_text (body, o->platform);
      add_text (body, o->value);
    }

  for (guint i = 0; tip->financial != NULL && i < tip->financial->len; i++)
    {
      const TlFinancial *f = g_ptr_array_index (tip->financial, i);

      add_text (body, f->institution);
      add_text (body, f->holder);
      add_digits (body, f->value, TRUE);
    }

  add_text (body, tip->narrative);

  *length = body->len;
  return g_string_free (body, FALSE);
}

/* One row per identifier of tl_tip_collect_identifiers(), so finding the tips that
 * share a value is one index search (tl-store-links.c). */
static gboolean
index_identifiers (sqlite3       *db,
                   sqlite3_int64  rowid,
                   const TlTip   *tip,
                   GError       **error)
{
  g_autoptr(GPtrArray) identifiers = tl_tip_collect_identifiers (tip);
  sqlite3_stmt *ins = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO identifiers (kind, value, tip_rowid) VALUES (?, ?, ?)",
                           -1, &ins, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < identifiers->len; i++)
    {
      const TlIdentifier *identifier = g_ptr_array_index (identifiers, i);

      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, tl_enum_to_nick (tl_link_kind_values, identifier->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, identifier->value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 3, rowid);
      rc = sqlite3_step (ins);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (ins);

  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
  return TRUE;
}

/* One query word as an FTS term. Only letters and digits reach the MATCH text, always
 * inside quotes, so operators (AND, NEAR, -, ", *, parentheses) are just words. */
static void
append_term (GString    *match,
             const char *word)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) run = g_string_new (NULL);
  gboolean has_alpha = FALSE, has_digit = FALSE;
  g_autofree char *joined = NULL;
  const char *sep;

  for (const char *p = word; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (run, c);
          has_digit |= g_unichar_isdigit (c);
          has_alpha |= !g_unichar_isdigit (c);
        }
      else if (run->len > 0)
        {
          g_ptr_array_add (parts, g_utf8_strdown (run->str, run->len));
          g_string_truncate (run, 0);
        }
      if (c == 0)
        break;
    }

  if (parts->len == 0)
    return;

  /* Numbers and plates are indexed without separators, so join their parts (numbers
   * as tl_phone_digits() does at save: "1-505-555-0100" is "5055550100"); other words
   * with inner punctuation ("Mary-Jane", "O'Brien") become a phrase. */
  sep = (has_digit && parts->len > 1) ? "" : " ";
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (sep, (char **) parts->pdata);
  if (!has_alpha)
    {
      g_free (joined);
      joined = tl_phone_digits (word);
      if (joined[0] == '\0')
        return;
    }

  if (match->len > 0)
    g_string_append_c (match, ' ');
  g_string_append_c (match, '"');
  g_string_append (match, joined);
  g_string_append (match, "*\"");
}

/* Tips whose attachments match (issue 20): by name, and by the text of e-mails and
 * text files (tl-store-attachments.c). */
#define ATTACHMENT_MATCHES \
  "SELECT a.tip_rowid FROM attachments_fts f JOIN attachments a ON a.id = f.docid" \
  " WHERE attachments_fts MATCH ?1"

/* The first column of every row @sql gives for @match (as ?1), appended to @out;
 * SQLITE_DONE or the error. */
static int
append_ids (sqlite3    *db,
            const char *sql,
            const char *match,
            GArray     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (out, id);
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* tl_packed_ids(x): every x of a query as one blob of native gint64s, ascending. Handing
 * the ids back one sqlite3_step() at a time cost more than FTS4 spent finding them: a
 * word in every tip at 300,000 tips, 59 ms stepped against 36 ms packed (issue 16). */
typedef struct
{
  gint64  *ids;
  gsize    len;
  gsize    size;
  gboolean unordered;
} PackedIds;

static void
packed_ids_step (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  PackedIds *packed = sqlite3_aggregate_context (context, sizeof (PackedIds));
  gint64 id = sqlite3_value_int64 (argv[0]);

  if (packed == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  if (packed->len == packed->size)
    {
      packed->size = MAX (1024, packed->size * 2);
      packed->ids = g_renew (gint64, packed->ids, packed->size);
    }
  /* FTS4 gives its docids in order; sorting once at the end covers any that do not. */
  packed->unordered |= packed->len > 0 && packed->ids[packed->len - 1] > id;
  packed->ids[packed->len++] = id;
}

static gint
compare_pk (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
packed_ids_final (sqlite3_context *context)
{
  PackedIds *packed = sqlite3_aggregate_context (context, 0);

  if (packed == NULL || packed->len == 0)
    {
      sqlite3_result_zeroblob (context, 0);
      return;
    }
  if (packed->unordered)
    qsort (packed->ids, packed->len, sizeof (gint64), compare_pk);
  sqlite3_result_blob (context, packed->ids, packed->len * sizeof (gint64), g_free);
  packed->ids = NULL;
}

/* Every tip whose text matches (FTS4 docids), ascending, appended to @out. */
static int
append_tip_matches (sqlite3    *db,
                    const char *match,
                    GArray     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT tl_packed_ids (docid) FROM tips_fts WHERE tips_fts MATCH ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_array_append_vals (out, sqlite3_column_blob (stmt, 0),
                               sqlite3_column_bytes (stmt, 0) / sizeof (gint64));
          rc = sqlite3_step (stmt);
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Two ascending arrays as one, without repeats. Written in place: appending 300,000
 * ids one g_array_append_val() at a time took 5 ms. */
static GArray *
merge_ascending (GArray *a,
                 GArray *b)
{
  GArray *out;
  const gint64 *x = (const gint64 *) a->data, *x_end = x + a->len;
  const gint64 *y = (const gint64 *) b->data, *y_end = y + b->len;
  gint64 *next;

  if (b->len == 0)
    return g_array_ref (a);

  out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), a->len + b->len);
  next = (gint64 *) out->data;
  while (x < x_end || y < y_end)
    {
      gint64 id = (y == y_end || (x < x_end && *x <= *y)) ? *x : *y;

      if (next == (gint64 *) out->data || next[-1] != id)
        *next++ = id;
      x += x < x_end && *x == id;
      y += y < y_end && *y == id;
    }
  g_array_set_size (out, next - (gint64 *) out->data);
  return out;
}

/* Every tip matching, as FTS4 docids (= tips.pk) in ascending order; NULL on error.
 * FTS4 gives its docids in order, so the tips' matches (all of them for a word in
 * every tip) are read as they come and only the attachments' few are sorted. A UNION
 * of the two sorted them all in a temporary b-tree: a word in every tip took 62 ms at
 * 100,000 tips and 186 ms at 300,000; read as they come, 26 and 74; packed, with the
 * merge written in place, 17 and 40-44 (issue 16). */
static GArray *
matching_docids (sqlite3    *db,
                 const char *match)
{
  g_autoptr(GArray) tips = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) attached = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (append_tip_matches (db, match, tips) != SQLITE_DONE ||
      append_ids (db, ATTACHMENT_MATCHES " ORDER BY 1", match, attached) != SQLITE_DONE)
    return NULL;

  return merge_ascending (tips, attached);
}

/* Many matches: walk the list index newest first (it covers pk, so no table reads)
 * and keep the tips whose pk is among the sorted docids, stopping at the limit; then
 * read those rows. A word in every tip stops after `limit` index entries. */
static int
read_dense (sqlite3   *db,
            GArray    *docids,
            guint      limit,
            GPtrArray *rows)
{
  g_autoptr(GArray) pks = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT pk FROM tips INDEXED BY tips_list"
                           " ORDER BY modified DESC, id DESC", -1, &stmt, NULL);
  while (rc == SQLITE_OK && pks->len < limit)
    {
      gint64 pk;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      rc = SQLITE_OK;
      pk = sqlite3_column_int64 (stmt, 0);
      if (g_array_binary_search (docids, &pk, compare_pk, NULL))
        g_array_append_val (pks, pk);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    return rc;

  stmt = NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT " TL_STORE_ROW_COLUMNS " FROM tips t WHERE t.pk = ?",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < pks->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (pks, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_ptr_array_add (rows, _tl_store_row_from_stmt (stmt, 0));
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_OK ? SQLITE_DONE : rc;
}

/* private API */

/* Run on every connection that searches (tl-store-db.c). */
gboolean
_tl_store_search_register (sqlite3  *db,
                           GError  **error)
{
  int rc = sqlite3_create_function (db, "tl_packed_ids", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                    NULL, packed_ids_step, packed_ids_final);

  if (rc != SQLITE_OK)
    return _tl_store_db_error (error, db, rc, _("Tipline could not open the store."));
  return TRUE;
}

gboolean
_tl_store_index_tip (sqlite3        *db,
                     sqlite3_int64   rowid,
                     const TlTip    *tip,
                     GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gsize length = 0;
  char *body;
  int rc;

  body = build_body (tip, &length);

  rc = sqlite3_prepare_v2 (db, "INSERT INTO tips_fts (docid, body) VALUES (?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_text (stmt, 2, body, length, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sodium_memzero (body, length);
  g_free (body);

  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));

  return index_identifiers (db, rowid, tip, error);
}

/* Rebuilds one tip's identifier rows, for migrations that change their normal forms. */
gboolean
_tl_store_reindex_identifiers (sqlite3        *db,
                               sqlite3_int64   rowid,
                               const TlTip    *tip,
                               GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM identifiers WHERE tip_rowid = ?", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rowid);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, db, rc, _("Tipline could not update the store."));

  return index_identifiers (db, rowid, tip, error);
}

gboolean
_tl_store_unindex_tip (sqlite3        *db,
                       sqlite3_int64   rowid,
                       GError        **error)
{
  static const char * const statements[] = {
    "DELETE FROM tips_fts WHERE docid = ?",
    "DELETE FROM identifiers WHERE tip_rowid = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, statements[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, rowid);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return _tl_store_db_error (error, db, rc, _("Tipline could not update the search index."));
    }

  /* The words stay in older index segments until the purge (tl-store-purge.c). */
  return _tl_store_purge_mark (db, error);
}

/* NULL when the query has nothing to search for. */
char *
_tl_store_fts_query (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return NULL;

  words = g_strsplit_set (query, " \t\n\r\f\v", -1);
  for (guint i = 0; words[i] != NULL; i++)
    append_term (match, words[i]);

  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* public API */

/* Matching tips, newest change first. The matching docids are read once. Few matches
 * are read by id and sorted; many (a word in every tip: 100,000 rows fetched and
 * sorted took 288 ms) are found by walking the list index newest first against those
 * docids, which stops as soon as the limit is reached. */
GPtrArray *
tl_store_search (TlStore     *self,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  static const char sparse_sql[] =
    "SELECT " TL_STORE_ROW_COLUMNS " FROM tips t WHERE t.pk IN"
    " (SELECT docid FROM tips_fts WHERE tips_fts MATCH :match"
    "  UNION SELECT a.tip_rowid FROM attachments_fts f JOIN attachments a ON a.id = f.docid"
    "  WHERE attachments_fts MATCH :match)"
    " ORDER BY t.modified DESC, t.id DESC LIMIT :limit";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) docids = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_row_free);
  match = _tl_store_fts_query (query);
  if (match == NULL || limit == 0)
    return g_steal_pointer (&rows);

  docids = matching_docids (self->db, match);
  if (docids == NULL)
    {
      _tl_store_db_error (error, self->db, sqlite3_errcode (self->db),
                          _("Tipline could not search the tips."));
      return NULL;
    }

  if (docids->len > MAX (DENSE_MATCHES, limit))
    rc = read_dense (self->db, docids, limit, rows);
  else if (docids->len == 0)
    rc = SQLITE_DONE;
  else
    {
      rc = sqlite3_prepare_v2 (self->db, sparse_sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":match"), match, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (rows, _tl_store_row_from_stmt (stmt, 0));
        }
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not search the tips."));
      return NULL;
    }

  return g_steal_pointer (&rows);
}
