/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target (issue 20): an attachment's bytes through sniffing, cleaning and
 * metadata reading (libexif, Poppler, the e-mail header reader). Attachments come from
 * strangers: a screenshot, a forwarded e-mail, a file a trafficker made. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "tl-attachment-clean.h"
#include "tl-attachment-meta.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  TlAttachmentType type = tl_attachment_sniff (data, size);
  g_autoptr(GBytes) clean = tl_attachment_clean (type, bytes, NULL);
  g_autoptr(GPtrArray) fields = tl_attachment_read_metadata (type, bytes);

  (void) tl_attachment_captured_time (type, bytes);
  if (clean != NULL && tl_attachment_clean_method (type) == TL_CLEAN_STRIPPED)
    {
      g_autoptr(GBytes) again = tl_attachment_clean (type, clean, NULL);

      /* A cleaned copy is again of its type and cleaning it changes nothing. */
      if (tl_attachment_sniff (g_bytes_get_data (clean, NULL), g_bytes_get_size (clean)) != type ||
          again == NULL || !g_bytes_equal (again, clean))
        __builtin_trap ();
    }
  return 0;
}
