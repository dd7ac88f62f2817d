/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-error.h"

G_DEFINE_QUARK (tl-error-quark, tl_error)

/* The one sentence for a store that does not open as a database: said by the key-slot
 * reader, the SQLCipher layer and the store alike. */
const char *
tl_damaged_store_message (void)
{
  return _("The store is damaged or is not a Tipline store. Restore the store folder from your latest backup, or ask your administrator for help.");
}
