/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-io"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "tl-io.h"

/* One call of write(2), read(2) or pread(2); offset is pread's only. */
typedef ssize_t (*IoCall) (int fd, guint8 *data, gsize length, goffset offset);

static ssize_t
call_write (int fd, guint8 *data, gsize length, goffset offset)
{
  return write (fd, data, length);
}

static ssize_t
call_read (int fd, guint8 *data, gsize length, goffset offset)
{
  return read (fd, data, length);
}

static ssize_t
call_pread (int fd, guint8 *data, gsize length, goffset offset)
{
  return pread (fd, data, length, offset);
}

static gboolean
all (IoCall   call,
     int      fd,
     guint8  *data,
     gsize    length,
     goffset  offset)
{
  while (length > 0)
    {
      ssize_t n = call (fd, data, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      length -= n;
      offset += n;
    }
  return TRUE;
}

/* public API */

gboolean
tl_write_all (int         fd,
              const void *data,
              gsize       length)
{
  /* write(2) does not change data; the cast only shares the loop. */
  return all (call_write, fd, (guint8 *) data, length, 0);
}

gboolean
tl_read_all (int    fd,
             void  *data,
             gsize  length)
{
  return all (call_read, fd, data, length, 0);
}

gboolean
tl_pread_all (int      fd,
              void    *data,
              gsize    length,
              goffset  offset)
{
  return all (call_pread, fd, data, length, offset);
}
