/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-audit-chain"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The audit log as a hash chain. Every entry stores
 *
 *   mac = BLAKE2b-256 (key = audit key,
 *                      previous mac || chain_from || seq || at || advocate || action ||
 *                      tip_id || detail)
 *
 * so changing, inserting or removing an entry (anywhere but at the very end) breaks the
 * link of the entry after it. The audit key is 32 random bytes kept inside the
 * encrypted database (table audit_key), so nobody can recompute a link without the
 * master key. It is not derived from the master key on purpose: re-keying (after access
 * is removed) would otherwise have to rewrite every entry of an append-only log.
 * Entries written before the chain existed (seq < chain_from) are counted as
 * unprotected rather than checked. */

#define AUDIT_KEY_BYTES 32
#define AUDIT_MAC_BYTES 32

/* helpers */

static void
hash_u64 (crypto_generichash_state *state,
          guint64                   v)
{
  guint8 b[8];

  for (guint i = 0; i < 8; i++)
    b[i] = (v >> (8 * i)) & 0xff;
  crypto_generichash_update (state, b, sizeof b);
}

/* Length-prefixed, with NULL distinct from "", so fields cannot slide into each other. */
static void
hash_text (crypto_generichash_state *state,
           const char               *text)
{
  guint8 present = text != NULL;

  crypto_generichash_update (state, &present, 1);
  if (text != NULL)
    {
      hash_u64 (state, strlen (text));
      crypto_generichash_update (state, (const guint8 *) text, strlen (text));
    }
}

static void
compute_mac (const TlSecret *key,
             const guint8   *prev,
             gint64          chain_from,
             gint64          seq,
             gint64          at,
             const char     *advocate,
             const char     *action,
             const char     *tip_id,
             const char     *detail,
             guint8         *mac_out)
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, key->data, key->length, AUDIT_MAC_BYTES);
  crypto_generichash_update (&state, prev, AUDIT_MAC_BYTES);
  hash_u64 (&state, chain_from);
  hash_u64 (&state, seq);
  hash_u64 (&state, at);
  hash_text (&state, advocate);
  hash_text (&state, action);
  hash_text (&state, tip_id);
  hash_text (&state, detail);
  crypto_generichash_final (&state, mac_out, AUDIT_MAC_BYTES);
  sodium_memzero (&state, sizeof state);
}

static TlSecret *
load_key (sqlite3 *db,
          gint64  *chain_from)
{
  sqlite3_stmt *stmt = NULL;
  TlSecret *key = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT key, chain_from FROM audit_key WHERE id = 1",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_bytes (stmt, 0) == AUDIT_KEY_BYTES)
    {
      key = tl_secret_new (AUDIT_KEY_BYTES);
      memcpy (key->data, sqlite3_column_blob (stmt, 0), AUDIT_KEY_BYTES);
      *chain_from = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);

  return key;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

/* Appends entries, one per tip id (one entry with tip_id NULL when tip_ids is NULL),
 * each linked to the one before, with the audit key read once. */
static gboolean
append_entries (sqlite3     *db,
                const char  *advocate,
                gint64       at,
                const char  *action,
                const char  *tip_id,
                GPtrArray   *tip_ids,
                const char  *detail,
                GError     **error)
{
  const char *what = _("Tipline could not write to the store’s audit log.");
  g_autoptr(TlSecret) key = NULL;
  guint8 prev[AUDIT_MAC_BYTES] = { 0 };
  guint8 mac[AUDIT_MAC_BYTES];
  sqlite3_stmt *stmt = NULL;
  gboolean own_transaction = sqlite3_get_autocommit (db);
  gint64 chain_from = 0, seq = 1;
  guint n = tip_ids != NULL ? tip_ids->len : 1;
  int rc;

  /* Reading the last link and appending the next must not interleave with another
   * writer (the app and the CLI may share a store). */
  if (own_transaction && !_tl_store_exec (db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  key = load_key (db, &chain_from);
  if (key == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      goto fail;
    }

  rc = sqlite3_prepare_v2 (db, "SELECT seq, mac FROM audit ORDER BY seq DESC LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == AUDIT_MAC_BYTES)
        memcpy (prev, sqlite3_column_blob (stmt, 1), AUDIT_MAC_BYTES);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, db, rc, what);
      goto fail;
    }

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO audit (seq, at, advocate, action, tip_id, detail, mac) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < n; i++, seq++)
    {
      const char *id = tip_ids != NULL ? g_ptr_array_index (tip_ids, i) : tip_id;

      compute_mac (key, prev, chain_from, seq, at, advocate, action, id, detail, mac);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, seq);
      sqlite3_bind_int64 (stmt, 2, at);
      sqlite3_bind_text (stmt, 3, advocate, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, action, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 7, mac, sizeof mac, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
      memcpy (prev, mac, sizeof prev);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, db, rc, what);
      goto fail;
    }

  if (own_transaction && !_tl_store_exec (db, "COMMIT", what, error))
    goto fail;
  return TRUE;

fail:
  if (own_transaction)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* private API */

gboolean
_tl_store_audit_insert (sqlite3     *db,
                        const char  *advocate,
                        gint64       at,
                        const char  *action,
                        const char  *tip_id,
                        const char  *detail,
                        GError     **error)
{
  return append_entries (db, advocate, at, action, tip_id, NULL, detail, error);
}

/* One entry per tip of tip_ids, same action and time (an export of many tips): the
 * audit key is read into guarded memory once, not once per entry. Mapping and
 * unmapping guarded memory costs system calls that flush every core's TLB, and at one
 * key per entry they were most of the time an export of every tip took. */
gboolean
_tl_store_audit_insert_many (sqlite3     *db,
                             const char  *advocate,
                             gint64       at,
                             const char  *action,
                             GPtrArray   *tip_ids,
                             GError     **error)
{
  g_return_val_if_fail (tip_ids != NULL, FALSE);

  if (tip_ids->len == 0)
    return TRUE;
  return append_entries (db, advocate, at, action, NULL, tip_ids, NULL, error);
}

/* Tests only ("a modified build", tl-store-testing.h): recomputes every link from the
 * audit key in the database, as someone with a passphrase could after editing entries.
 * The anchor outside the database is what still catches it. */
gboolean
_tl_store_audit_rewrite_chain (sqlite3 *db)
{
  g_autoptr(TlSecret) key = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint8 prev[AUDIT_MAC_BYTES] = { 0 };
  sqlite3_stmt *stmt = NULL;
  gint64 chain_from = 0;

  key = load_key (db, &chain_from);
  if (key == NULL ||
      sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_no_update", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT seq, at, advocate, action, tip_id, detail FROM audit"
                              " WHERE seq >= ? ORDER BY seq", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, chain_from);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_stmt *update = NULL;
      guint8 mac[AUDIT_MAC_BYTES];

      compute_mac (key, prev, chain_from, sqlite3_column_int64 (stmt, 0),
                   sqlite3_column_int64 (stmt, 1), column_text (stmt, 2),
                   column_text (stmt, 3), column_text (stmt, 4), column_text (stmt, 5), mac);
      if (sqlite3_prepare_v2 (db, "UPDATE audit SET mac = ? WHERE seq = ?", -1, &update, NULL) == SQLITE_OK)
        {
          sqlite3_bind_blob (update, 1, mac, sizeof mac, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (stmt, 0));
          sqlite3_step (update);
        }
      sqlite3_finalize (update);
      memcpy (prev, mac, sizeof prev);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* public API */

gboolean
tl_store_check_audit (TlStore       *self,
                      TlAuditCheck  *check,
                      GError       **error)
{
  g_autoptr(TlSecret) key = NULL;
  guint8 prev[AUDIT_MAC_BYTES] = { 0 };
  sqlite3_stmt *stmt = NULL;
  gint64 chain_from = 0;
  gint64 last_seq = 0;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (check, 0, sizeof *check);
  check->intact = TRUE;

  if (!_tl_store_check_unlocked (self, error))
    return FALSE;

  key = load_key (self->db, &chain_from);
  if (key == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT seq, at, advocate, action, tip_id, detail, mac "
                           "FROM audit ORDER BY seq",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      gint64 at = sqlite3_column_int64 (stmt, 1);
      guint8 mac[AUDIT_MAC_BYTES];

      rc = SQLITE_OK;
      if (seq < chain_from)
        {
          check->unprotected++;
          last_seq = seq;
          continue;
        }

      compute_mac (key, prev, chain_from, seq, at,
                   column_text (stmt, 2), column_text (stmt, 3),
                   column_text (stmt, 4), column_text (stmt, 5), mac);

      /* A gap in the numbering is reported even though the link would catch it too:
       * the entry number tells the reader where to look. */
      if ((last_seq != 0 && seq != last_seq + 1) ||
          sqlite3_column_bytes (stmt, 6) != AUDIT_MAC_BYTES ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 6), AUDIT_MAC_BYTES) != 0)
        {
          check->intact = FALSE;
          check->broken_seq = seq;
          check->broken_at = at;
          rc = SQLITE_DONE;
          break;
        }

      memcpy (prev, mac, sizeof prev);
      last_seq = seq;
      check->checked++;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, _("Tipline could not read the store’s audit log."));

  /* Every unlock since the chain began writes a protected entry, so a newest entry
   * that is not checked means checking was switched off (chain_from moved). */
  if (check->intact && check->checked == 0 && last_seq != 0 && last_seq < chain_from)
    {
      check->intact = FALSE;
      check->problem = _("Checking of the audit log was switched off: none of its entries can be checked.");
      return TRUE;
    }

  /* The links hold; does the chain still end where the anchor outside the database
   * says it did? (rollback to an older copy, a chain recomputed with the audit key) */
  if (check->intact)
    {
      check->problem = _tl_store_anchor_check (self);
      check->intact = check->problem == NULL;
    }
  return TRUE;
}
