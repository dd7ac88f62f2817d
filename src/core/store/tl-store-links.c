/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-links"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"
#include "tl-links.h"
#include "tl-store-private.h"

/* Tips that share an identifier with a given tip. Each identifier is one search of the
 * identifiers (kind, value) index: first a count capped just above the limit, then the
 * rows only when there are few enough to be useful. A value in hundreds of tips (a
 * hotline's own number typed as a reporter phone, a common name) says nothing about
 * this tip, so only its count comes back, up to TL_LINKS_MAX_COUNT. */

/* helpers */

static sqlite3_int64
find_pk (TlStore    *self,
         const char *id)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 pk = 0;

  if (id == NULL)
    return 0;
  if (sqlite3_prepare_v2 (self->db, "SELECT pk FROM tips WHERE id = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        pk = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return pk;
}

static void
bind_identifier (sqlite3_stmt       *stmt,
                 const TlIdentifier *identifier,
                 sqlite3_int64       own_pk)
{
  sqlite3_bind_text (stmt, 1, tl_enum_to_nick (tl_link_kind_values, identifier->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, identifier->value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, own_pk);
}

/* Other tips with the identifier, counting no further than @limit. */
static gboolean
count_tips (TlStore            *self,
            const char         *source,
            const TlIdentifier *identifier,
            sqlite3_int64       own_pk,
            guint               limit,
            guint              *count,
            GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT DISTINCT tip_rowid FROM %s"
                                          " AND tip_rowid <> ?3 LIMIT ?4)", source);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      bind_identifier (stmt, identifier, own_pk);
      sqlite3_bind_int (stmt, 4, limit);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *count = (guint) sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return _tl_store_db_error (error, self->db, rc, _("Tipline could not look for linked tips."));
  return TRUE;
}

/* Where a link's tips are found: ?1 the kind's nick, ?2 the value. Identifiers come
 * from the tip's fields; an attachment link from identical SHA-256 hashes. */
#define IDENTIFIER_SOURCE "identifiers WHERE kind = ?1 AND value = ?2"
#define ATTACHMENT_SOURCE "attachments WHERE ?1 IS NOT NULL AND sha256 = ?2"

/* One link per distinct file attached to the tip, named after its first attachment. */
static gboolean
collect_attachment_hashes (TlStore       *self,
                           sqlite3_int64  own_pk,
                           GPtrArray     *identifiers,
                           GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (own_pk == 0)
    return TRUE;
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT sha256, name, min (number) FROM attachments WHERE tip_rowid = ?"
                           " GROUP BY sha256 ORDER BY 3", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, own_pk);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          TlIdentifier *identifier = g_new0 (TlIdentifier, 1);

          identifier->kind = TL_LINK_ATTACHMENT;
          identifier->value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          identifier->typed = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          identifier->field = g_strdup_printf ("attachments/%d", sqlite3_column_int (stmt, 2));
          g_ptr_array_add (identifiers, identifier);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tl_store_db_error (error, self->db, rc, _("Tipline could not look for linked tips."));
  return TRUE;
}

static TlLink *
find_link (TlStore            *self,
           const TlIdentifier *identifier,
           sqlite3_int64       own_pk,
           GError            **error)
{
  const char *source = identifier->kind == TL_LINK_ATTACHMENT ? ATTACHMENT_SOURCE : IDENTIFIER_SOURCE;
  g_autoptr(TlLink) link = g_new0 (TlLink, 1);
  g_autofree char *rows_sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  link->kind = identifier->kind;
  link->value = g_strdup (identifier->value);
  link->typed = g_strdup (identifier->typed);
  link->field = g_strdup (identifier->field);
  link->tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_row_free);

  if (!count_tips (self, source, identifier, own_pk, TL_LINKS_MAX_TIPS + 1, &link->n_tips, error))
    return NULL;

  if (link->n_tips > TL_LINKS_MAX_TIPS)
    {
      /* Only now walk further, to say how common the value is. */
      if (!count_tips (self, source, identifier, own_pk, TL_LINKS_MAX_COUNT + 1, &link->n_tips, error))
        return NULL;
      link->count_capped = link->n_tips > TL_LINKS_MAX_COUNT;
      link->n_tips = MIN (link->n_tips, TL_LINKS_MAX_COUNT);
      return g_steal_pointer (&link);
    }

  if (link->n_tips == 0)
    return g_steal_pointer (&link);

  rows_sql = g_strdup_printf ("SELECT " TL_STORE_ROW_COLUMNS " FROM tips t WHERE t.pk IN"
                              " (SELECT tip_rowid FROM %s AND tip_rowid <> ?3)"
                              " ORDER BY t.received DESC, t.id", source);
  rc = sqlite3_prepare_v2 (self->db, rows_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_identifier (stmt, identifier, own_pk);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (link->tips, _tl_store_row_from_stmt (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_db_error (error, self->db, rc, _("Tipline could not look for linked tips."));
      return NULL;
    }

  link->n_tips = link->tips->len;
  return g_steal_pointer (&link);
}

/* A name that matches letter for letter also sounds alike: say it once, as the
 * stronger match. */
static void
drop_sound_duplicates (GPtrArray *links)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < links->len; i++)
    {
      TlLink *link = g_ptr_array_index (links, i);

      if (link->kind == TL_LINK_NAME)
        for (guint j = 0; j < link->tips->len; j++)
          g_hash_table_add (by_name, ((TlTipRow *) g_ptr_array_index (link->tips, j))->id);
    }

  for (guint i = 0; i < links->len; i++)
    {
      TlLink *link = g_ptr_array_index (links, i);

      if (link->kind != TL_LINK_NAME_SOUND || tl_link_is_too_common (link))
        continue;
      for (guint j = link->tips->len; j > 0; j--)
        {
          TlTipRow *row = g_ptr_array_index (link->tips, j - 1);

          if (g_hash_table_contains (by_name, row->id))
            g_ptr_array_remove_index (link->tips, j - 1);
        }
      link->n_tips = link->tips->len;
    }

  for (guint i = links->len; i > 0; i--)
    if (((TlLink *) g_ptr_array_index (links, i - 1))->n_tips == 0)
      g_ptr_array_remove_index (links, i - 1);
}

/* public API */

/**
 * tl_store_find_links:
 * @tip: a tip, saved or not; if saved, it is not its own link
 *
 * Returns: (transfer full) (element-type TlLink): one link per identifier of @tip
 *   that other tips share, in form order; empty when none do
 */
GPtrArray *
tl_store_find_links (TlStore      *self,
                     const TlTip  *tip,
                     GError      **error)
{
  g_autoptr(GPtrArray) identifiers = NULL;
  g_autoptr(GPtrArray) links = NULL;
  sqlite3_int64 own_pk;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (tip != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_unlocked (self, error))
    return NULL;

  identifiers = tl_tip_collect_identifiers (tip);
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_link_free);
  own_pk = find_pk (self, tip->id);
  if (!collect_attachment_hashes (self, own_pk, identifiers, error))
    return NULL;

  for (guint i = 0; i < identifiers->len; i++)
    {
      TlLink *link = find_link (self, g_ptr_array_index (identifiers, i), own_pk, error);

      if (link == NULL)
        return NULL;
      g_ptr_array_add (links, link);
    }

  drop_sound_duplicates (links);
  return g_steal_pointer (&links);
}

/**
 * tl_store_find_links_by_id:
 *
 * As tl_store_find_links() for a tip in the store.
 */
GPtrArray *
tl_store_find_links_by_id (TlStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(TlTip) tip = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tip = tl_store_load_tip (self, id, error);
  if (tip == NULL)
    return NULL;

  return tl_store_find_links (self, tip, error);
}
