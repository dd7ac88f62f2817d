/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For tests only: the export of every tip made durable in smaller parts, so a small
 * store exercises what a large one does (tl-export-all.c). */

#include <glib.h>

G_BEGIN_DECLS

/* Bytes written between two syncs of the file while the export goes on; 0 for the
 * default. Returns how many such syncs the exports since the last call made. */
guint       _tl_export_all_set_durable_every (gsize bytes);

G_END_DECLS
