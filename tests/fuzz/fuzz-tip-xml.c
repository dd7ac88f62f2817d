/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the tip exchange-file reader, which reads files that come from
 * outside (another hotline, a partner agency, an attacker). Both the validating path
 * (imports) and the trusted path (the store's own XML) must reject garbage cleanly. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "tl-tip-xml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet_log (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialised;
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GPtrArray) trusted = NULL;

  if (!initialised)
    {
      g_log_set_default_handler (quiet_log, NULL);
      initialised = TRUE;
    }

  tips = tl_tip_xml_read ((const char *) data, size, "fuzz.xml", TL_TIP_XML_NONE, NULL);
  trusted = tl_tip_xml_read ((const char *) data, size, NULL, TL_TIP_XML_TRUSTED, NULL);

  /* Whatever the reader accepted must survive a round trip through the writer. */
  if (tips != NULL && tips->len > 0)
    {
      gsize length = 0;
      g_autofree char *xml = tl_tip_xml_write (tips, TRUE, &length);
      g_autoptr(GPtrArray) again = tl_tip_xml_read (xml, length, NULL, TL_TIP_XML_TRUSTED, NULL);

      if (again == NULL || again->len != tips->len)
        __builtin_trap ();
    }

  return 0;
}
