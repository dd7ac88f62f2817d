/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"
#include "tl-tip-xml.h"

/* Migrations in order; migration i brings the store from version i to i + 1 and runs in
 * one transaction together with its schema_version row. Never edit a released entry:
 * append a new one. */
static const char * const migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE schema_version ("
  "  version INTEGER PRIMARY KEY,"
  "  applied INTEGER NOT NULL);"

  /* created/modified/stored: unix microseconds; received: unix seconds.
   * xml is last so list queries never read its overflow pages. */
  "CREATE TABLE tips ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  received INTEGER,"
  "  status INTEGER NOT NULL,"
  "  type INTEGER NOT NULL,"
  "  danger INTEGER NOT NULL,"
  "  has_minor INTEGER NOT NULL,"
  "  state TEXT,"
  "  summary TEXT,"
  "  stored INTEGER NOT NULL,"
  "  xml BLOB NOT NULL);"
  /* Covers list order and every list filter, so paging and counting read only the
   * index; the two narrower ones serve selective status/type filters. */
  "CREATE INDEX tips_list ON tips (modified DESC, id DESC, status, type, received);"
  "CREATE INDEX tips_status ON tips (status, modified DESC, id DESC);"
  "CREATE INDEX tips_type ON tips (type, modified DESC, id DESC);"

  "CREATE VIRTUAL TABLE tips_fts USING fts4 (body, prefix=\"2,3,4\", tokenize=unicode61);"

  "CREATE TABLE identifiers ("
  "  kind TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  tip_rowid INTEGER NOT NULL REFERENCES tips (pk) ON DELETE CASCADE);"
  "CREATE INDEX identifiers_kind_value ON identifiers (kind, value);"
  "CREATE INDEX identifiers_tip ON identifiers (tip_rowid);"

  "CREATE TABLE drafts ("
  "  id TEXT PRIMARY KEY,"
  "  saved INTEGER NOT NULL,"
  "  xml BLOB NOT NULL);"

  /* Who did what to which tip and when; never tip content. */
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  advocate TEXT,"
  "  action TEXT NOT NULL,"
  "  tip_id TEXT);"
  "CREATE INDEX audit_tip ON audit (tip_id);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",

  /* 2: facts for statistics (tl-store-facts.c), and offender names matched letter for
   * letter and by sound, computed in C instead of with SQLite's optional soundex().
   * Separate tables rather than columns on tips: columns added to tips would come
   * after the xml blob, and the stats index covers every column counting needs. */
  "CREATE TABLE tip_facts ("
  "  tip_rowid INTEGER PRIMARY KEY REFERENCES tips (pk) ON DELETE CASCADE,"
  "  received INTEGER,"
  "  channel INTEGER NOT NULL,"
  "  type INTEGER NOT NULL,"
  "  venue INTEGER NOT NULL,"
  "  reporter TEXT);"
  "CREATE INDEX tip_facts_received ON tip_facts (received, channel, type, venue, reporter);"

  "CREATE TABLE victim_facts ("
  "  tip_rowid INTEGER NOT NULL REFERENCES tips (pk) ON DELETE CASCADE,"
  "  received INTEGER,"
  "  citizenship INTEGER NOT NULL,"
  "  gender INTEGER NOT NULL,"
  "  age_group INTEGER NOT NULL);"
  "CREATE INDEX victim_facts_tip ON victim_facts (tip_rowid);"
  "CREATE INDEX victim_facts_received ON victim_facts (received, citizenship, gender, age_group);"

  "CREATE TABLE referral_facts ("
  "  tip_rowid INTEGER NOT NULL REFERENCES tips (pk) ON DELETE CASCADE,"
  "  at INTEGER,"
  "  contact TEXT NOT NULL,"
  "  outcome INTEGER NOT NULL);"
  "CREATE INDEX referral_facts_tip ON referral_facts (tip_rowid);"
  "CREATE INDEX referral_facts_at ON referral_facts (at, contact);"

  /* Links count the tips that share a value without reading the table: the lookup
   * index covers tip_rowid too. */
  "DROP INDEX identifiers_kind_value;"
  "CREATE INDEX identifiers_kind_value ON identifiers (kind, value, tip_rowid);"

  /* Rebuilt for every tip by _tl_store_refill_facts() right after this SQL. */
  "DELETE FROM identifiers WHERE kind = 'name-soundex';",

  /* 3: the audit log becomes a keyed hash chain (tl-store-audit-chain.c); detail holds
   * a key slot's label for key changes. Entries already there stay unprotected. */
  "ALTER TABLE audit ADD COLUMN detail TEXT;"
  "ALTER TABLE audit ADD COLUMN mac BLOB;"
  "CREATE TABLE audit_key ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  key BLOB NOT NULL,"
  "  chain_from INTEGER NOT NULL);"
  "INSERT INTO audit_key (id, key, chain_from)"
  "  SELECT 1, randomblob (32), ifnull (max (seq), 0) + 1 FROM audit;"
  "CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key"
  "  BEGIN SELECT RAISE (ABORT, 'the audit key never changes'); END;"
  "CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key"
  "  BEGIN SELECT RAISE (ABORT, 'the audit key never changes'); END;",

  /* 4: the list summary says "anonymous caller" (issue 13): every summary is made again
   * from its tip by refresh_summaries() right after this SQL. No table changes. */
  "UPDATE tips SET summary = NULL WHERE 0;",

  /* 5: follow-ups (tl-store-follow-ups.c); due, created and state_at in unix seconds.
   * The due index serves the Due view and the header's count without reading rows. */
  "CREATE TABLE follow_ups ("
  "  id INTEGER PRIMARY KEY,"
  "  tip_rowid INTEGER NOT NULL REFERENCES tips (pk) ON DELETE CASCADE,"
  "  what TEXT NOT NULL,"
  "  due INTEGER NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  advocate TEXT,"
  "  state INTEGER NOT NULL,"
  "  reason TEXT,"
  "  state_at INTEGER NOT NULL);"
  "CREATE INDEX follow_ups_due ON follow_ups (state, due);"
  "CREATE INDEX follow_ups_tip ON follow_ups (tip_rowid);",

  /* 6: each tip carries a revision, raised by every save and import; tips already
   * there start at 1. The column is added in C (_tl_store_add_revisions), only when
   * missing. */
  "SELECT 1;",

  /* 7 (store-speed, issue 16): the search index keeps a prefix index for 2 letters only
   * (it kept 2, 3 and 4 letters): about half the index, so about half of every purge,
   * backup and page check, for the same search speed (BENCHMARKS.md, "Search index
   * prefixes"). FTS4 cannot change its options in place, so the index is made again
   * from its own content, every tip under its docid (= tips.pk); the old tables go
   * with secure_delete on (their pages are zeroed), and words an edit or a delete left
   * in old segments are not carried over. */
  "CREATE VIRTUAL TABLE tips_fts_prefix2 USING fts4 (body, prefix=\"2\", tokenize=unicode61);"
  "INSERT INTO tips_fts_prefix2 (docid, body) SELECT docid, body FROM tips_fts;"
  "DROP TABLE tips_fts;"
  "ALTER TABLE tips_fts_prefix2 RENAME TO tips_fts;",

  /* 8 (due-retention, issue 19): a hold on a tip's retention, put by an advocate with
   * a reason (tl-store-retention.c); until in unix seconds. Goes with its tip.
   * tips_brief: what the Due view shows of a tip (id, summary) and the time a retention
   * check needs (stored), by row number, in an index a few pages long instead of the
   * table's one page per tip, so that the view reads the same pages from the cache
   * each time (BENCHMARKS.md). IF NOT EXISTS: tests that roll a store back to an older
   * version leave both in place. */
  "CREATE INDEX IF NOT EXISTS tips_brief ON tips (pk, id, summary, stored);"
  "CREATE TABLE IF NOT EXISTS retention_holds ("
  "  tip_rowid INTEGER PRIMARY KEY REFERENCES tips (pk) ON DELETE CASCADE,"
  "  until INTEGER NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  advocate TEXT,"
  "  at INTEGER NOT NULL);",

  /* 9 (callback-outcomes, issue 19): where each logged referral stands, for statistics by
   * outcome. Referrals logged before stages start where their call's outcome puts them
   * (tl_referral_stage_from_outcome: reached 0 made, left-message 1 and no-answer 2 no
   * answer 3, referred 3 accepted 1, declined 4 declined 2); later saves write the
   * stage the tip's file holds. The index covers counting by stage over a period. */
  "ALTER TABLE referral_facts ADD COLUMN stage INTEGER NOT NULL DEFAULT 0;"
  "UPDATE referral_facts SET stage = CASE outcome WHEN 1 THEN 3 WHEN 2 THEN 3"
  "  WHEN 3 THEN 1 WHEN 4 THEN 2 ELSE 0 END;"
  "CREATE INDEX referral_facts_at_stage ON referral_facts (at, stage);"
  /* and the services each victim needs, for the grant indicators (victims by service);
   * filled for every stored tip by _tl_store_refill_facts() right after this SQL (its
   * row in fills[] below carries this migration's number: renumber both together) */
  "ALTER TABLE victim_facts ADD COLUMN needs INTEGER NOT NULL DEFAULT 0;",

  /* 10 (attachments, issue 20): evidence attached to tips (tl-store-attachments.c).
   * The bytes sit in their own table so listing never reads them; the search text
   * (name, and the text of e-mails and text files) in its own index, whose rows go with
   * their attachment; sha256 is indexed for links between tips. */
  "CREATE TABLE attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  tip_rowid INTEGER NOT NULL REFERENCES tips (pk) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  type INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  captured INTEGER NOT NULL,"
  "  attached INTEGER NOT NULL,"
  "  advocate TEXT,"
  "  UNIQUE (tip_rowid, number));"
  "CREATE INDEX attachments_sha256 ON attachments (sha256, tip_rowid);"
  "CREATE TABLE attachment_data ("
  "  attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,"
  "  bytes BLOB NOT NULL);"
  "CREATE VIRTUAL TABLE attachments_fts USING fts4 (body, prefix=\"2\", tokenize=unicode61);"
  "CREATE TRIGGER attachments_unindex AFTER DELETE ON attachments"
  "  BEGIN DELETE FROM attachments_fts WHERE docid = old.id; END;",

  /* 11 (office-sync, issue 21): the office's records (device and office keys, members,
   * where each device's segments were read up to: tl-store-sync.c), each tip's field
   * clocks with the revision they were taken at (-1: a tombstone), and the audit
   * entries of the other devices of the office. */
  "CREATE TABLE IF NOT EXISTS sync_kv ("
  "  key TEXT PRIMARY KEY,"
  "  value BLOB NOT NULL);"
  "CREATE TABLE IF NOT EXISTS sync_tip ("
  "  tip_id TEXT PRIMARY KEY,"
  "  revision INTEGER NOT NULL,"
  "  meta BLOB NOT NULL);"
  "CREATE TABLE IF NOT EXISTS sync_audit ("
  "  device TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  advocate TEXT,"
  "  action TEXT NOT NULL,"
  "  tip_id TEXT,"
  "  detail TEXT,"
  "  PRIMARY KEY (device, seq));",

  /* 12 (sealed-bundles, issue 21): this store's agency identity for sealed bundles (one
   * row: X25519 and Ed25519 key pairs, the secret halves only inside this encrypted
   * database) and the public keys of the agencies the advocate saved by name
   * (tl-store-agency.c). IF NOT EXISTS: a store rolled back to an older version by a
   * test (test-links) keeps these tables and migrates again. */
  "CREATE TABLE IF NOT EXISTS agency_identity ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  box_public BLOB NOT NULL,"
  "  box_secret BLOB NOT NULL,"
  "  sign_public BLOB NOT NULL,"
  "  sign_secret BLOB NOT NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS known_agencies ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  box_public BLOB NOT NULL,"
  "  sign_public BLOB NOT NULL UNIQUE,"
  "  added INTEGER NOT NULL);",

  /* 13 (store-hardening, issue 15): the audit chain's anchor was started
   * (tl-store-audit-anchor.c). Once this row is there, an unlock never starts a new
   * tipline.anchor over a missing one: deleting the file is caught by audit verify. */
  "CREATE TABLE IF NOT EXISTS audit_anchor ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  since INTEGER NOT NULL);"
  "CREATE TRIGGER IF NOT EXISTS audit_anchor_no_update BEFORE UPDATE ON audit_anchor"
  "  BEGIN SELECT RAISE (ABORT, 'the audit anchor record never changes'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_anchor_no_delete BEFORE DELETE ON audit_anchor"
  "  BEGIN SELECT RAISE (ABORT, 'the audit anchor record never changes'); END;",

  /* 14 (sync-scale, issue 21): the tips changed since the office sync last described
   * them, kept by triggers in the transaction of every save, delete, purge or import
   * (only once the store is in an office), so a sync reads what changed instead of
   * walking every tip (tl-store-sync.c). A store already in an office starts with what
   * the old full comparison finds pending. */
  "CREATE TABLE IF NOT EXISTS sync_dirty ("
  "  tip_id TEXT PRIMARY KEY) WITHOUT ROWID;"
  "CREATE TRIGGER IF NOT EXISTS sync_dirty_insert AFTER INSERT ON tips"
  "  WHEN EXISTS (SELECT 1 FROM sync_kv WHERE key = 'office')"
  "  BEGIN INSERT OR IGNORE INTO sync_dirty (tip_id) VALUES (new.id); END;"
  "CREATE TRIGGER IF NOT EXISTS sync_dirty_update AFTER UPDATE OF revision, id ON tips"
  "  WHEN EXISTS (SELECT 1 FROM sync_kv WHERE key = 'office')"
  "  BEGIN INSERT OR IGNORE INTO sync_dirty (tip_id) VALUES (new.id); END;"
  "CREATE TRIGGER IF NOT EXISTS sync_dirty_delete AFTER DELETE ON tips"
  "  WHEN EXISTS (SELECT 1 FROM sync_kv WHERE key = 'office')"
  "  BEGIN INSERT OR IGNORE INTO sync_dirty (tip_id) VALUES (old.id); END;"
  "INSERT OR IGNORE INTO sync_dirty (tip_id)"
  "  SELECT t.id FROM tips t LEFT JOIN sync_tip s ON s.tip_id = t.id"
  "  WHERE (s.tip_id IS NULL OR s.revision != t.revision)"
  "    AND EXISTS (SELECT 1 FROM sync_kv WHERE key = 'office')"
  "  UNION SELECT s.tip_id FROM sync_tip s WHERE s.revision >= 0"
  "    AND NOT EXISTS (SELECT 1 FROM tips t WHERE t.id = s.tip_id);",

  /* 15 (export-marks, issue 16): "these exact bytes passed the export's checks", a
   * keyed hash of a tip's stored XML (tl-tip-check.h) written with every save and by
   * an export, so an export checks only tips changed since. A mark is no content; it
   * goes with its tip. */
  "CREATE TABLE IF NOT EXISTS tips_checked ("
  "  pk INTEGER PRIMARY KEY,"
  "  mark BLOB NOT NULL);"
  "CREATE TRIGGER IF NOT EXISTS tips_checked_delete AFTER DELETE ON tips"
  "  BEGIN DELETE FROM tips_checked WHERE pk = old.pk; END;",

  /* 16 (issue 16): the number of tips, kept by triggers in the transaction of every
   * insert and delete, so the list's count (asked at unlock and after every save) reads
   * one row: count(*) read a whole index, 110 ms at 300,000 tips once it left the page
   * cache. */
  "CREATE TABLE IF NOT EXISTS tips_count ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n INTEGER NOT NULL);"
  "INSERT OR REPLACE INTO tips_count (id, n) SELECT 1, count(*) FROM tips;"
  "CREATE TRIGGER IF NOT EXISTS tips_count_insert AFTER INSERT ON tips"
  "  BEGIN UPDATE tips_count SET n = n + 1 WHERE id = 1; END;"
  "CREATE TRIGGER IF NOT EXISTS tips_count_delete AFTER DELETE ON tips"
  "  BEGIN UPDATE tips_count SET n = n - 1 WHERE id = 1; END;",

  /* 17 (issue 16): each status's tips by the time their retention runs from (the later
   * of their last change and their write into this store), so the check at every
   * unlock reads only the tips that have expired. Through tips_status it walked every
   * tip changed before the cutoff: an imported or synced archive, written today with
   * changes years old, cost 230 ms at 100,000 tips for no tip found. Both times are in
   * it too, so that SQLite 3.15 (SQLCipher 3.4) reads the rows from the index alone. */
  "CREATE INDEX IF NOT EXISTS tips_expiry ON tips (status, max (modified, stored), modified, stored);",
};

/* Migration 4: each stored tip's list summary made again (tl_tip_dup_summary() now
 * names an anonymous caller, also for tips saved with the old "anonymous" role). */
static gboolean
refresh_summaries (sqlite3  *db,
                   GError  **error)
{
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT pk, xml FROM tips", -1, &read, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE tips SET summary = ? WHERE pk = ?", -1, &write, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) tips = NULL;
      g_autofree char *summary = NULL;
      const char *xml = sqlite3_column_blob (read, 1);
      int length = sqlite3_column_bytes (read, 1);

      if (xml != NULL && length > 0)
        tips = tl_tip_xml_read (xml, length, TL_STORE_DB_NAME, TL_TIP_XML_TRUSTED, NULL);
      if (tips == NULL || tips->len != 1)
        {
          sqlite3_finalize (read);
          sqlite3_finalize (write);
          g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
          return FALSE;
        }
      summary = tl_tip_dup_summary (g_ptr_array_index (tips, 0));
      sqlite3_reset (write);
      sqlite3_bind_text (write, 1, summary, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (write, 2, sqlite3_column_int64 (read, 0));
      rc = sqlite3_step (write);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (read);
  sqlite3_finalize (write);

  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, db, rc, _("Tipline could not update the store."));
  return TRUE;
}

/* Work a migration needs done in C (each stored tip parsed), run after its SQL in the
 * same transaction. */
static const struct
{
  int version;
  gboolean (*fill) (sqlite3 *db, GError **error);
} fills[] = {
  { 2, _tl_store_refill_facts },
  { 4, refresh_summaries },
  { 6, _tl_store_add_revisions },
  { 9, _tl_store_refill_facts },   /* callback-outcomes: stages and needs */
};

int
_tl_store_schema_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Facts are written with the latest schema's columns, so a store migrated across several
 * refills (a schema 1 store meets migration 2's and a later one's) is filled once, by the
 * last: an earlier refill would write columns its tables do not have yet. */
static gboolean
refilled_later (int version)
{
  for (guint f = 0; f < G_N_ELEMENTS (fills); f++)
    if (fills[f].fill == _tl_store_refill_facts && fills[f].version > version &&
        fills[f].version <= _tl_store_schema_latest ())
      return TRUE;
  return FALSE;
}

/* 0 for a new, empty database. */
int
_tl_store_schema_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (db, "SELECT max(version) FROM schema_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

gboolean
_tl_store_migrate (sqlite3  *db,
                   GError  **error)
{
  int version = _tl_store_schema_version (db);

  if (version > _tl_store_schema_latest ())
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                           _("This store was last used by a newer version of Tipline. Update Tipline to open it."));
      return FALSE;
    }

  for (int i = version; i < _tl_store_schema_latest (); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_debug ("Migrating the store to schema version %d", i + 1);

      if (!_tl_store_exec (db, "BEGIN IMMEDIATE", _("Tipline could not update the store."), error))
        return FALSE;

      rc = sqlite3_exec (db, migrations[i], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2 (db, "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                                 -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int (stmt, 1, i + 1);
          sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);

      for (guint f = 0; rc == SQLITE_OK && f < G_N_ELEMENTS (fills); f++)
        if (fills[f].version == i + 1 &&
            !(fills[f].fill == _tl_store_refill_facts && refilled_later (i + 1)) &&
            !fills[f].fill (db, error))
          {
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
            return FALSE;
          }

      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          _tl_store_db_error (error, db, rc, _("Tipline could not update the store."));
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}
