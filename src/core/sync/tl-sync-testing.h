/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Test-only: lowers the largest office file (tl_sync_max_file()), so a test can make a
 * snapshot too large to write without writing 256 MiB. Nothing under src/ calls it. */
void tl_sync_testing_set_max_file (gsize max);

G_END_DECLS
