/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-protocol"

#include "config.h"

#include "tl-protocol.h"

/* libFuzzer entry point: any bytes through the protocol loader must fail cleanly or give
 * a protocol, never crash, leak or hang. */
int LLVMFuzzerTestOneInput (const unsigned char *data,
                            size_t               size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  TlProtocol *protocol;
  GError *error = NULL;

  protocol = tl_protocol_load_from_data ((const char *) data, size, "fuzz.xml", &error);
  if (protocol != NULL)
    tl_protocol_unref (protocol);
  g_clear_error (&error);
  return 0;
}
