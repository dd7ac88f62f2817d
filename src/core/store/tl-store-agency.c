/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* The agency identity and the known agencies (issue 21): what a sealed bundle is
 * encrypted to and signed with. The identity's secret keys live only in this encrypted
 * database (so a backup carries them and a stolen disk does not reveal them); they
 * leave it only into guarded memory, for the moment a bundle is sealed or opened.
 * Known agencies are public keys the advocate saved under a name they typed, after
 * checking the fingerprint with the other agency; Tipline never adds one itself. */

#define AGENCY_COLUMNS "id, name, box_public, sign_public, added"

/* helpers */

static TlAgency *
agency_from_stmt (sqlite3_stmt *stmt)
{
  TlAgency *agency = g_new0 (TlAgency, 1);

  agency->id = sqlite3_column_int64 (stmt, 0);
  agency->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (sqlite3_column_bytes (stmt, 2) == TL_AGENCY_KEY_BYTES)
    memcpy (agency->box_public, sqlite3_column_blob (stmt, 2), TL_AGENCY_KEY_BYTES);
  if (sqlite3_column_bytes (stmt, 3) == TL_AGENCY_KEY_BYTES)
    memcpy (agency->sign_public, sqlite3_column_blob (stmt, 3), TL_AGENCY_KEY_BYTES);
  agency->added = sqlite3_column_int64 (stmt, 4);
  return agency;
}

static gboolean
make_identity (TlStore  *self,
               GError  **error)
{
  guint8 box_pk[crypto_box_PUBLICKEYBYTES], sign_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 *box_sk, *sign_sk;
  sqlite3_stmt *stmt = NULL;
  int rc;

  G_STATIC_ASSERT (crypto_box_PUBLICKEYBYTES == TL_AGENCY_KEY_BYTES);
  G_STATIC_ASSERT (crypto_sign_PUBLICKEYBYTES == TL_AGENCY_KEY_BYTES);
  G_STATIC_ASSERT (crypto_box_SECRETKEYBYTES + crypto_sign_SECRETKEYBYTES == TL_AGENCY_SECRET_BYTES);

  box_sk = sodium_malloc (crypto_box_SECRETKEYBYTES + crypto_sign_SECRETKEYBYTES);
  if (box_sk == NULL)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED,
                           _("Tipline could not reserve protected memory for a key."));
      return FALSE;
    }
  sign_sk = box_sk + crypto_box_SECRETKEYBYTES;
  crypto_box_keypair (box_pk, box_sk);
  crypto_sign_keypair (sign_pk, sign_sk);

  /* INSERT OR IGNORE: a second program that made one first keeps its own. */
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR IGNORE INTO agency_identity"
                           " (id, box_public, box_secret, sign_public, sign_secret, created)"
                           " VALUES (1, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_blob (stmt, 1, box_pk, sizeof box_pk, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, box_sk, crypto_box_SECRETKEYBYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 3, sign_pk, sizeof sign_pk, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 4, sign_sk, crypto_sign_SECRETKEYBYTES, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sodium_free (box_sk);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, _("Tipline could not make this agency’s keys."));
  return TRUE;
}

/* A row, or NULL with no error when there is none. */
static TlAgency *
read_identity (TlStore   *self,
               TlSecret **secret,
               GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  TlAgency *agency = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT box_public, sign_public, created, box_secret, sign_secret"
                           " FROM agency_identity WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_bytes (stmt, 0) != TL_AGENCY_KEY_BYTES ||
          sqlite3_column_bytes (stmt, 1) != TL_AGENCY_KEY_BYTES ||
          sqlite3_column_bytes (stmt, 3) != crypto_box_SECRETKEYBYTES ||
          sqlite3_column_bytes (stmt, 4) != crypto_sign_SECRETKEYBYTES)
        {
          sqlite3_finalize (stmt);
          g_set_error_literal (error, TL_ERROR, TL_ERROR_DAMAGED, tl_damaged_store_message ());
          return NULL;
        }
      agency = g_new0 (TlAgency, 1);
      memcpy (agency->box_public, sqlite3_column_blob (stmt, 0), TL_AGENCY_KEY_BYTES);
      memcpy (agency->sign_public, sqlite3_column_blob (stmt, 1), TL_AGENCY_KEY_BYTES);
      agency->added = sqlite3_column_int64 (stmt, 2);
      if (secret != NULL)
        {
          *secret = tl_secret_new (TL_AGENCY_SECRET_BYTES);
          memcpy ((*secret)->data, sqlite3_column_blob (stmt, 3), crypto_box_SECRETKEYBYTES);
          memcpy ((*secret)->data + crypto_box_SECRETKEYBYTES, sqlite3_column_blob (stmt, 4),
                  crypto_sign_SECRETKEYBYTES);
        }
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not read this agency’s keys."));
  return agency;
}

static TlAgency *
find_one (TlStore     *self,
          const char  *sql,
          const void  *value,
          int          length,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  TlAgency *agency = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (length < 0)
        sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_blob (stmt, 1, value, length, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          agency = agency_from_stmt (stmt);
          rc = SQLITE_DONE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    _tl_store_db_error (error, self->db, rc, _("Tipline could not read the known agencies."));
  return agency;
}

/* public API */

TlAgency *
tl_agency_copy (const TlAgency *agency)
{
  TlAgency *copy;

  g_return_val_if_fail (agency != NULL, NULL);

  copy = g_memdup2 (agency, sizeof *agency);
  copy->name = g_strdup (agency->name);
  return copy;
}

void
tl_agency_free (TlAgency *agency)
{
  if (agency == NULL)
    return;
  g_free (agency->name);
  g_free (agency);
}

TlAgency *
tl_store_get_agency_identity (TlStore   *self,
                              TlSecret **secret,
                              GError   **error)
{
  GError *local_error = NULL;
  TlAgency *agency;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  agency = read_identity (self, secret, &local_error);
  if (agency == NULL && local_error == NULL)
    {
      if (!_tl_store_check_writable (self, error) || !make_identity (self, error))
        return NULL;
      agency = read_identity (self, secret, &local_error);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return agency;
}

GPtrArray *
tl_store_list_agencies (TlStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) agencies = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_agency_free);
  rc = sqlite3_prepare_v2 (self->db, "SELECT " AGENCY_COLUMNS " FROM known_agencies ORDER BY name",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (agencies, agency_from_stmt (stmt));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not read the known agencies."));
      return NULL;
    }
  return g_steal_pointer (&agencies);
}

TlAgency *
tl_store_find_agency (TlStore     *self,
                      const char  *name,
                      GError     **error)
{
  GError *local_error = NULL;
  TlAgency *agency;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  agency = find_one (self, "SELECT " AGENCY_COLUMNS " FROM known_agencies WHERE name = ?",
                     name, -1, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (agency == NULL)
    g_set_error (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                 _("No known agency is called “%s”. Save its public key first (tipline-cli bundle agencies add)."),
                 name);
  return agency;
}

TlAgency *
tl_store_find_agency_by_key (TlStore       *self,
                             const guint8  *sign_public,
                             GError       **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (sign_public != NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;
  return find_one (self, "SELECT " AGENCY_COLUMNS " FROM known_agencies WHERE sign_public = ?",
                   sign_public, TL_AGENCY_KEY_BYTES, error);
}

gboolean
tl_store_add_agency (TlStore         *self,
                     const TlAgency  *agency,
                     GError         **error)
{
  const char *what = _("Tipline could not save the agency’s key.");
  g_autoptr(TlAgency) own = NULL;
  g_autoptr(TlAgency) same_key = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time ();
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (agency != NULL && agency->name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_strstrip (g_utf8_make_valid (agency->name, -1));
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      *name = '\0';   /* a line break or a control character: refused below */
  if (*name == '\0' || g_utf8_strlen (name, -1) > TL_AGENCY_NAME_MAX)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("Give the agency a name of 1 to %d characters."), TL_AGENCY_NAME_MAX);
      return FALSE;
    }

  own = tl_store_get_agency_identity (self, NULL, error);
  if (own == NULL)
    return FALSE;
  if (sodium_memcmp (own->sign_public, agency->sign_public, TL_AGENCY_KEY_BYTES) == 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("That is this agency’s own public key, not another agency’s."));
      return FALSE;
    }
  same_key = tl_store_find_agency_by_key (self, agency->sign_public, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (same_key != NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_EXISTS,
                   _("That public key is already saved as “%s”."), same_key->name);
      return FALSE;
    }

  if (!_tl_store_check_writable (self, error) ||
      !_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO known_agencies (name, box_public, sign_public, added)"
                           " VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, agency->box_public, TL_AGENCY_KEY_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 3, agency->sign_public, TL_AGENCY_KEY_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, now / G_USEC_PER_SEC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, TL_ERROR, TL_ERROR_EXISTS,
                   _("An agency called “%s” is already saved. Remove it first, or choose another name."),
                   name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, what);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (!_tl_store_audit_detail (self, now, TL_AUDIT_AGENCY_ADD, NULL, name, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
tl_store_remove_agency (TlStore     *self,
                        const char  *name,
                        GError     **error)
{
  const char *what = _("Tipline could not remove the agency’s key.");
  g_autoptr(TlAgency) agency = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  agency = tl_store_find_agency (self, name, error);
  if (agency == NULL)
    return FALSE;
  if (!_tl_store_check_writable (self, error) ||
      !_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM known_agencies WHERE id = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, agency->id);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, what);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (!_tl_store_audit_detail (self, g_get_real_time (), TL_AUDIT_AGENCY_REMOVE, NULL,
                               agency->name, error) ||
      !_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
