/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-store-private.h"

/* Import from another workstation. Everything happens in one transaction so a
 * failure half way leaves the store as it was; each tip is written exactly as
 * tl_store_save_tip() writes it (_tl_store_write_tip), recorded as an import. */

typedef enum
{
  OUTCOME_ADD,
  OUTCOME_UPDATE,
  OUTCOME_SKIP,
  OUTCOME_CONFLICT,
} Outcome;

/* helpers */

static gboolean
decide (TlStore     *self,
        const TlTip *tip,
        Outcome     *outcome,
        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TlTip) existing = tl_store_load_tip (self, tip->id, &local_error);

  if (existing == NULL)
    {
      if (!g_error_matches (local_error, TL_ERROR, TL_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *outcome = OUTCOME_ADD;
    }
  else if (tl_tip_equal (existing, tip))
    *outcome = OUTCOME_SKIP;
  else if (tip->modified > existing->modified)
    *outcome = OUTCOME_UPDATE;
  else
    *outcome = OUTCOME_CONFLICT;

  return TRUE;
}

/* public API */

void
tl_import_result_free (TlImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->conflict_ids);
  g_ptr_array_unref (result->attachments_refused);
  g_free (result);
}

TlImportResult *
tl_store_import_tips (TlStore           *self,
                      GPtrArray         *tips,
                      TlImportProgress   progress,
                      gpointer           user_data,
                      GError           **error)
{
  const char *what = _("Tipline could not import the tips. Nothing was imported.");
  g_autoptr(TlImportResult) result = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (tips != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_writable (self, error))
    return NULL;

  result = g_new0 (TlImportResult, 1);
  result->conflict_ids = g_ptr_array_new_with_free_func (g_free);
  result->attachments_refused = g_ptr_array_new_with_free_func (g_free);

  if (!_tl_store_exec (self->db, "BEGIN IMMEDIATE", what, error))
    return NULL;

  for (guint i = 0; i < tips->len; i++)
    {
      TlTip *tip = g_ptr_array_index (tips, i);
      Outcome outcome;

      if (tip->id == NULL || !decide (self, tip, &outcome, error)
          || ((outcome == OUTCOME_ADD || outcome == OUTCOME_UPDATE)
              && !_tl_store_write_tip (self, tip, TL_AUDIT_IMPORT, error)))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, TL_ERROR, TL_ERROR_FAILED, what);
          return NULL;
        }

      switch (outcome)
        {
        case OUTCOME_ADD:
          result->added++;
          break;
        case OUTCOME_UPDATE:
          result->updated++;
          break;
        case OUTCOME_SKIP:
          result->skipped++;
          break;
        case OUTCOME_CONFLICT:
        default:
          result->conflicts++;
          g_ptr_array_add (result->conflict_ids, g_strdup (tip->id));
          break;
        }

      if (progress != NULL && ((i + 1) % 100 == 0 || i + 1 == tips->len))
        progress (i + 1, tips->len, user_data);
    }

  if (!_tl_store_exec (self->db, "COMMIT", what, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }

  if (result->added + result->updated > 0)
    _tl_store_emit_tips_changed (self, NULL);

  return g_steal_pointer (&result);
}
