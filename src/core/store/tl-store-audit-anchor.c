/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store-audit-chain"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The audit chain's anchor (docs/store-format.md, "Audit anchor"): tipline.anchor, a
 * file beside the database, records how long the chain was and its last link when the
 * store was last unlocked, under a MAC whose key is derived from the master key and
 * is not in the database:
 *
 *   tipline-anchor 1
 *   chain-from N        the audit key's chain_from
 *   count N             the number of the last entry
 *   head HEX            that entry's mac
 *   mac HEX             BLAKE2b-256 (key = BLAKE2b-256 (key = master key,
 *                       "tipline audit anchor 1"), the three lines above)
 *
 * An older copy of the database put back has fewer entries than the anchor, or another
 * link at its count; a chain recomputed with the audit key from the database (which
 * anyone with a passphrase can read) no longer ends in the anchored link. Each unlock
 * moves the anchor forward, but only when the chain still holds the anchored link: a
 * store that does not match keeps the evidence for "audit verify". */

#define ANCHOR_NAME  TL_STORE_ANCHOR_NAME
#define ANCHOR_BYTES 32

typedef struct
{
  gint64 chain_from;
  gint64 count;
  guint8 head[ANCHOR_BYTES];
} Anchor;

/* helpers */

static char *
anchor_text (const Anchor *anchor)
{
  char hex[2 * ANCHOR_BYTES + 1];

  sodium_bin2hex (hex, sizeof hex, anchor->head, ANCHOR_BYTES);
  return g_strdup_printf ("tipline-anchor 1\nchain-from %" G_GINT64_FORMAT "\ncount %"
                          G_GINT64_FORMAT "\nhead %s\n", anchor->chain_from, anchor->count, hex);
}

static char *
anchor_mac (const TlSecret *key,
            const char     *text)
{
  guint8 mac[ANCHOR_BYTES];
  char hex[2 * ANCHOR_BYTES + 1];

  crypto_generichash (mac, sizeof mac, (const guint8 *) text, strlen (text),
                      key->data, key->length);
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup (hex);
}

/* The chain's last entry (count 0 when there is none). */
static gboolean
read_head_in (sqlite3    *db,
              const char *schema,
              Anchor     *anchor)
{
  g_autofree char *key_sql = g_strdup_printf ("SELECT chain_from FROM %s.audit_key WHERE id = 1", schema);
  g_autofree char *head_sql = g_strdup_printf ("SELECT seq, mac FROM %s.audit ORDER BY seq DESC LIMIT 1", schema);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  memset (anchor, 0, sizeof *anchor);
  if (sqlite3_prepare_v2 (db, key_sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    anchor->chain_from = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  stmt = NULL;
  if (sqlite3_prepare_v2 (db, head_sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      int rc = sqlite3_step (stmt);

      ok = rc == SQLITE_DONE;
      if (rc == SQLITE_ROW)
        {
          anchor->count = sqlite3_column_int64 (stmt, 0);
          if (sqlite3_column_bytes (stmt, 1) == ANCHOR_BYTES)
            memcpy (anchor->head, sqlite3_column_blob (stmt, 1), ANCHOR_BYTES);
          ok = TRUE;
        }
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_head (sqlite3 *db,
           Anchor  *anchor)
{
  return read_head_in (db, "main", anchor);
}

/* Reads tipline.anchor: 1 read and its MAC holds, 0 missing, -1 changed or not ours. */
static int
load_anchor (TlStore *self,
             Anchor  *anchor)
{
  g_autofree char *path = g_build_filename (self->dir, ANCHOR_NAME, NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  const char *mac = NULL;
  gsize length;

  memset (anchor, 0, sizeof *anchor);
  if (!g_file_get_contents (path, &text, &length, NULL))
    return 0;
  if (self->anchor_key == NULL || length > TL_STORE_ANCHOR_MAX)
    return -1;

  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) < 6 || !g_str_equal (lines[0], "tipline-anchor 1") ||
      !g_str_has_prefix (lines[1], "chain-from ") || !g_str_has_prefix (lines[2], "count ") ||
      !g_str_has_prefix (lines[3], "head ") || !g_str_has_prefix (lines[4], "mac "))
    return -1;
  anchor->chain_from = g_ascii_strtoll (lines[1] + strlen ("chain-from "), NULL, 10);
  anchor->count = g_ascii_strtoll (lines[2] + strlen ("count "), NULL, 10);
  if (sodium_hex2bin (anchor->head, ANCHOR_BYTES, lines[3] + strlen ("head "),
                      strlen (lines[3] + strlen ("head ")), NULL, NULL, NULL) != 0)
    return -1;
  mac = lines[4] + strlen ("mac ");

  /* The MAC covers the lines exactly as written. */
  {
    g_autofree char *body = anchor_text (anchor);

    expected = anchor_mac (self->anchor_key, body);
    if (strlen (mac) != strlen (expected) || sodium_memcmp (mac, expected, strlen (expected)) != 0)
      return -1;
  }
  return 1;
}

/* Does the chain in the database still hold the anchored link? NULL when it does,
 * else why not (a translated sentence). */
static const char *
compare (TlStore      *self,
         const Anchor *anchor)
{
  Anchor now;
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;

  if (!read_head (self->db, &now))
    return _("The audit log could not be read.");
  if (now.chain_from != anchor->chain_from)
    return _("Checking of the audit log was switched off or moved: its starting point differs from the one recorded outside the database.");
  if (now.count < anchor->count)
    return _("The audit log has fewer entries than were recorded outside the database: an older copy of the store was put back, or entries were removed.");
  if (anchor->count == 0)
    return NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT mac FROM audit WHERE seq = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, anchor->count);
      same = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == ANCHOR_BYTES &&
             sodium_memcmp (sqlite3_column_blob (stmt, 0), anchor->head, ANCHOR_BYTES) == 0;
    }
  sqlite3_finalize (stmt);
  return same ? NULL
              : _("The audit log does not end in the entry recorded outside the database: it was rewritten, or an older copy of the store was put back.");
}

/* Was an anchor ever started for this database (migration 13's row)? */
static gboolean
anchor_started (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean started;

  started = sqlite3_prepare_v2 (db, "SELECT 1 FROM audit_anchor WHERE id = 1", -1, &stmt, NULL) == SQLITE_OK &&
            sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return started;
}

static void
write_anchor (TlStore *self)
{
  g_autofree char *path = g_build_filename (self->dir, ANCHOR_NAME, NULL);
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mac = NULL;
  Anchor now;

  if (!read_head (self->db, &now))
    return;

  body = anchor_text (&now);
  mac = anchor_mac (self->anchor_key, body);
  text = g_strdup_printf ("%smac %s\n", body, mac);
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, NULL))
    {
      g_message ("Could not write the audit anchor");
      return;
    }
  /* From now on a missing file is evidence, not a store that never had one. On a full
   * disk this waits for a later unlock. */
  if (!anchor_started (self->db))
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO audit_anchor (id, since) VALUES (1, %"
                                              G_GINT64_FORMAT ")", now.count);

      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
}

/* private API */

void
_tl_store_anchor_set_key (TlStore        *self,
                          const TlSecret *master)
{
  static const char context[] = "tipline audit anchor 1";

  g_clear_pointer (&self->anchor_key, tl_secret_free);
  if (master == NULL)
    return;
  self->anchor_key = tl_secret_new (ANCHOR_BYTES);
  crypto_generichash (self->anchor_key->data, self->anchor_key->length,
                      (const guint8 *) context, strlen (context), master->data, master->length);
}

/* After an unlock (and a re-key): the anchor moves to the chain's end, unless the file
 * there does not match the chain, or is missing after one was started: that stays as
 * evidence for "audit verify". */
void
_tl_store_anchor_update (TlStore *self)
{
  Anchor old;
  int loaded;

  if (self->anchor_key == NULL || self->db == NULL)
    return;

  loaded = load_anchor (self, &old);
  if (loaded < 0 || (loaded > 0 && compare (self, &old) != NULL) ||
      (loaded == 0 && anchor_started (self->db)))
    {
      g_message ("The audit log does not match its anchor; the anchor is kept for audit verify");
      return;
    }
  write_anchor (self);
}

/* The anchor that goes into a backup with its copy of the database (copy_path, under
 * the store's key): the copy's chain end under the anchor key, so the restored store is
 * checked against the backup's own head. When the file here no longer matches the chain, the
 * file itself goes, unchanged, as evidence: a backup never anchors a rewritten chain.
 * NULL without a master key (plain test stores). */
GBytes *
_tl_store_anchor_for_backup (TlStore    *self,
                             const char *copy_path)
{
  g_autofree char *path = g_build_filename (self->dir, ANCHOR_NAME, NULL);
  g_autofree char *body = NULL;
  g_autofree char *mac = NULL;
  char *text = NULL;
  gsize length = 0;
  Anchor old, now;
  gboolean ok;
  int loaded;

  if (self->anchor_key == NULL || self->db == NULL)
    return NULL;

  loaded = load_anchor (self, &old);
  if (loaded < 0 || (loaded > 0 && compare (self, &old) != NULL))
    {
      if (!g_file_get_contents (path, &text, &length, NULL) || length > TL_STORE_ANCHOR_MAX)
        {
          g_free (text);
          return NULL;
        }
      return g_bytes_new_take (text, length);
    }
  if (!_tl_store_cipher_attach (self->db, copy_path, "tl_anchor", NULL, NULL, NULL))
    return NULL;
  ok = read_head_in (self->db, "tl_anchor", &now);
  sqlite3_exec (self->db, "DETACH DATABASE tl_anchor", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  body = anchor_text (&now);
  mac = anchor_mac (self->anchor_key, body);
  text = g_strdup_printf ("%smac %s\n", body, mac);
  return g_bytes_new_take (text, strlen (text));
}

/* For tl_store_check_audit(): NULL when the anchor holds. */
const char *
_tl_store_anchor_check (TlStore *self)
{
  Anchor anchor;
  int loaded;

  if (self->plain)
    return NULL;   /* tests and benchmarks: no master key, no anchor */
  loaded = load_anchor (self, &anchor);
  if (loaded == 0)
    return _("The record of the audit log kept outside the database (tipline.anchor) is missing: it was deleted, or the store was never unlocked by this version of Tipline.");
  if (loaded < 0)
    return _("The record of the audit log kept outside the database (tipline.anchor) was changed or was not written for this store.");
  return compare (self, &anchor);
}

/* The store was re-keyed (a new master key) or restored: the anchor starts anew under
 * the new key, from the chain as it is, when the old one held; one that did not hold, or
 * is missing after one was started, stays as evidence. */
void
_tl_store_anchor_reset (TlStore        *self,
                        const TlSecret *master)
{
  g_autofree char *path = g_build_filename (self->dir, ANCHOR_NAME, NULL);
  Anchor old;
  gboolean held = load_anchor (self, &old) > 0 && compare (self, &old) == NULL;

  _tl_store_anchor_set_key (self, master);
  if (held)
    {
      g_unlink (path);
      write_anchor (self);
    }
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    _tl_store_anchor_update (self);
}
