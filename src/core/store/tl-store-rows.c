/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-store"

#include "config.h"

#include "tl-store-private.h"

/* A tip's row in a list: the few columns the list, search and links show without
 * loading the tip (TL_STORE_ROW_COLUMNS, in that order). */

/* private API */

TlTipRow *
_tl_store_row_from_stmt (sqlite3_stmt *stmt,
                         int           first)
{
  TlTipRow *row = g_new0 (TlTipRow, 1);

  row->id = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  row->created = sqlite3_column_int64 (stmt, first + 1);
  row->modified = sqlite3_column_int64 (stmt, first + 2);
  row->received = sqlite3_column_int64 (stmt, first + 3);
  row->status = sqlite3_column_int (stmt, first + 4);
  row->type = sqlite3_column_int (stmt, first + 5);
  row->danger = sqlite3_column_int (stmt, first + 6);
  row->has_minor = sqlite3_column_int (stmt, first + 7) != 0;
  row->state = g_strdup ((const char *) sqlite3_column_text (stmt, first + 8));
  row->summary = g_strdup ((const char *) sqlite3_column_text (stmt, first + 9));

  return row;
}

/* public API */

void
tl_tip_row_free (TlTipRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->state);
  g_free (row->summary);
  g_free (row);
}
