/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TL_ERROR (tl_error_quark ())

/* Every message carried by a TL_ERROR is a full sentence a person can act on. */
typedef enum
{
  TL_ERROR_FAILED,            /* something else went wrong; the message says what */
  TL_ERROR_WRONG_PASSPHRASE,  /* the passphrase does not open the store */
  TL_ERROR_DAMAGED,           /* a store or key-slot file is damaged or not Tipline's */
  TL_ERROR_NO_STORE,          /* there is no store in that folder yet */
  TL_ERROR_EXISTS,            /* a store (or file) is already there */
  TL_ERROR_NOT_FOUND,         /* no tip, protocol or contact with that id */
  TL_ERROR_INVALID,           /* a value or file does not follow its rules */
  TL_ERROR_TOO_LARGE,         /* an input is over its size limit */
  TL_ERROR_IO,                /* reading or writing a file failed */
  TL_ERROR_LOCKED,            /* the store is locked */
  TL_ERROR_NO_SPACE,          /* the disk is full */
  TL_ERROR_BUSY,              /* another program has the store open */
  TL_ERROR_CONFLICT,          /* a tip changed in the store since it was read */
} TlError;

GQuark      tl_error_quark            (void);
const char *tl_damaged_store_message (void);

G_END_DECLS
