/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-normalize.h"
#include "tl-stats.h"
#include "tl-store-private.h"
#include "tl-tip-xml.h"

/* The facts statistics count, kept beside each tip on save (tip_facts, victim_facts,
 * referral_facts), so counting a year of 100,000 tips is a few indexed GROUP BYs and
 * never parses tip XML. They are derived data: migration 2 builds them for tips saved
 * before they existed, and every save rewrites the tip's rows. */

/* helpers */

static gboolean
step_stmt (sqlite3      *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tl_store_db_error (error, db, rc, _("Tipline could not save the tip."));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Who reported, as far as it can tell one person from another: the phone's digits,
 * else the e-mail address. NULL for anonymous reporters. */
static char *
reporter_key (const TlTip *tip)
{
  g_autofree char *digits = tl_phone_digits (tip->reporter_phone);
  g_autofree char *email = tl_email_normalize (tip->reporter_email);

  if (strlen (digits) >= 7)
    return g_steal_pointer (&digits);
  if (email[0] != '\0')
    return g_steal_pointer (&email);
  return NULL;
}

static TlAgeGroup
age_group (const TlVictim *victim,
           GDateTime      *on)
{
  if (tl_victim_is_minor (victim, on))
    return TL_AGE_GROUP_MINOR;
  if (tl_victim_get_age (victim, on) >= 0)
    return TL_AGE_GROUP_ADULT;
  return TL_AGE_GROUP_UNKNOWN;
}

static void
bind_received (sqlite3_stmt *stmt,
               int           column,
               const TlTip  *tip)
{
  if (tip->received != NULL)
    sqlite3_bind_int64 (stmt, column, g_date_time_to_unix (tip->received));
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
write_tip_facts (sqlite3       *db,
                 sqlite3_int64  pk,
                 const TlTip   *tip,
                 GError       **error)
{
  g_autofree char *reporter = reporter_key (tip);
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = prepare (db,
                  "INSERT OR REPLACE INTO tip_facts (tip_rowid, received, channel, type, venue, reporter)"
                  " VALUES (?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  bind_received (stmt, 2, tip);
  sqlite3_bind_int (stmt, 3, tip->channel);
  sqlite3_bind_int (stmt, 4, tip->type);
  sqlite3_bind_int (stmt, 5, tip->venue);
  sqlite3_bind_text (stmt, 6, reporter, -1, SQLITE_STATIC);
  ok = step_stmt (db, stmt, error);
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
write_victim_facts (sqlite3       *db,
                    sqlite3_int64  pk,
                    const TlTip   *tip,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (tip->victims == NULL || tip->victims->len == 0)
    return TRUE;

  stmt = prepare (db,
                  "INSERT INTO victim_facts (tip_rowid, received, citizenship, gender, age_group, needs)"
                  " VALUES (?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < tip->victims->len; i++)
    {
      const TlVictim *v = g_ptr_array_index (tip->victims, i);

      sqlite3_bind_int64 (stmt, 1, pk);
      bind_received (stmt, 2, tip);
      sqlite3_bind_int (stmt, 3, v->citizenship);
      sqlite3_bind_int (stmt, 4, v->gender);
      sqlite3_bind_int (stmt, 5, age_group (v, tip->received));
      sqlite3_bind_int (stmt, 6, v->needs);
      ok = step_stmt (db, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
write_referral_facts (sqlite3       *db,
                      sqlite3_int64  pk,
                      const TlTip   *tip,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (tip->referrals == NULL || tip->referrals->len == 0)
    return TRUE;

  stmt = prepare (db,
                  "INSERT INTO referral_facts (tip_rowid, at, contact, outcome, stage) VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < tip->referrals->len; i++)
    {
      const TlReferral *r = g_ptr_array_index (tip->referrals, i);
      const char *contact = r->contact_name != NULL ? r->contact_name : r->contact_id;

      sqlite3_bind_int64 (stmt, 1, pk);
      /* A call logged without a time counts when the tip came in. */
      if (r->at != NULL)
        sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (r->at));
      else
        bind_received (stmt, 2, tip);
      sqlite3_bind_text (stmt, 3, contact != NULL ? contact : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, r->outcome);
      sqlite3_bind_int (stmt, 5, tl_referral_get_stage (r));
      ok = step_stmt (db, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
delete_facts (sqlite3       *db,
              sqlite3_int64  pk,
              GError       **error)
{
  static const char * const statements[] = {
    "DELETE FROM victim_facts WHERE tip_rowid = ?",
    "DELETE FROM referral_facts WHERE tip_rowid = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = prepare (db, statements[i], error);
      gboolean ok;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      ok = step_stmt (db, stmt, error);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* private API */

/* Inside the caller's transaction, after the tip's row is written. */
gboolean
_tl_store_write_facts (sqlite3        *db,
                       sqlite3_int64   pk,
                       const TlTip    *tip,
                       GError        **error)
{
  return delete_facts (db, pk, error) &&
         write_tip_facts (db, pk, tip, error) &&
         write_victim_facts (db, pk, tip, error) &&
         write_referral_facts (db, pk, tip, error);
}

/* Migration 2: facts and identifiers (new name forms) for every tip already stored.
 * Runs once, inside the migration's transaction. */
gboolean
_tl_store_refill_facts (sqlite3  *db,
                        GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT pk, xml FROM tips", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) tips = NULL;
      sqlite3_int64 pk = sqlite3_column_int64 (stmt, 0);
      const char *xml = sqlite3_column_blob (stmt, 1);
      int length = sqlite3_column_bytes (stmt, 1);

      if (xml != NULL && length > 0)
        tips = tl_tip_xml_read (xml, length, TL_STORE_DB_NAME, TL_TIP_XML_TRUSTED, NULL);
      if (tips == NULL || tips->len != 1)
        {
          sqlite3_finalize (stmt);
          g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
          return FALSE;
        }

      if (!_tl_store_write_facts (db, pk, g_ptr_array_index (tips, 0), error) ||
          !_tl_store_reindex_identifiers (db, pk, g_ptr_array_index (tips, 0), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      n++;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, db, rc, _("Tipline could not update the store."));

  g_debug ("Counted the facts of %u stored tips", n);
  return TRUE;
}
