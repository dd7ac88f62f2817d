/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* write(2), read(2) and pread(2) until length bytes are done, across interrupted calls
 * and short counts. FALSE with errno set on an error; a write that writes nothing, or a
 * read that meets the end of the file first, sets EIO. */
gboolean tl_write_all (int           fd,
                       const void   *data,
                       gsize         length);
gboolean tl_read_all  (int           fd,
                       void         *data,
                       gsize         length);
gboolean tl_pread_all (int           fd,
                       void         *data,
                       gsize         length,
                       goffset       offset);

G_END_DECLS
