/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-check"

#include "config.h"

#include <libxml/parser.h>
#include <sodium.h>
#include <string.h>

#include "tl-tip-check-rules.h"
#include "tl-tip-check.h"
#include "tl-tip-xml.h"

G_LOCK_DEFINE_STATIC (key);
static guint8 mark_key[crypto_generichash_KEYBYTES];
static gboolean key_made;

/* helpers */

static void
make_key (const char *rules)
{
  crypto_generichash_state state;
  const char *libxml = xmlParserVersion;

  crypto_generichash_init (&state, NULL, 0, sizeof mark_key);
  crypto_generichash_update (&state, (const guint8 *) "tipline-check-mark-1", 21);
  crypto_generichash_update (&state, (const guint8 *) rules, strlen (rules) + 1);
  crypto_generichash_update (&state, (const guint8 *) libxml, strlen (libxml) + 1);
  crypto_generichash_final (&state, mark_key, sizeof mark_key);
  key_made = TRUE;
}

/* public API */

TlTipCheckResult
tl_tip_check_stored (const char  *xml,
                     gsize        length,
                     GPtrArray  **problems)
{
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GPtrArray) found = NULL;

  tips = tl_tip_xml_read (xml, length, NULL, TL_TIP_XML_TRUSTED, NULL);
  if (tips == NULL || tips->len != 1)
    return TL_TIP_CHECK_UNREADABLE;

  found = tl_tip_validate (g_ptr_array_index (tips, 0));
  if (found->len == 0)
    return TL_TIP_CHECK_PASSED;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TL_TIP_CHECK_PROBLEMS;
}

void
tl_tip_check_mark (const char *xml,
                   gsize       length,
                   guint8      mark[TL_TIP_CHECK_MARK_BYTES])
{
  guint8 key_copy[sizeof mark_key];

  G_LOCK (key);
  if (!key_made)
    make_key (TL_TIP_CHECK_RULES);
  memcpy (key_copy, mark_key, sizeof key_copy);
  G_UNLOCK (key);

  crypto_generichash (mark, TL_TIP_CHECK_MARK_BYTES, (const guint8 *) xml, length,
                      key_copy, sizeof key_copy);
  sodium_memzero (key_copy, sizeof key_copy);
}

gboolean
tl_tip_check_mark_matches (const char   *xml,
                           gsize         length,
                           const guint8 *mark,
                           gsize         mark_length)
{
  guint8 expected[TL_TIP_CHECK_MARK_BYTES];

  if (mark == NULL || mark_length != TL_TIP_CHECK_MARK_BYTES)
    return FALSE;
  tl_tip_check_mark (xml, length, expected);
  return sodium_memcmp (expected, mark, sizeof expected) == 0;
}

void
_tl_tip_check_set_rules (const char *rules)
{
  G_LOCK (key);
  make_key (rules != NULL ? rules : TL_TIP_CHECK_RULES);
  G_UNLOCK (key);
}
