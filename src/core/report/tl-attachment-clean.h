/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-attachment.h"

G_BEGIN_DECLS

/* How a type is cleaned (docs/attachments.md): STRIPPED types lose every metadata
 * block Tipline knows and keep only what draws the picture or plays the sound; AS_IS
 * types carry no hidden metadata (plain text); NOT_CLEANABLE types cannot be cleaned
 * safely here, so no cleaned copy of them exists and only `full` exports them. */
typedef enum
{
  TL_CLEAN_STRIPPED,
  TL_CLEAN_AS_IS,
  TL_CLEAN_NOT_CLEANABLE,
} TlCleanMethod;

TlCleanMethod tl_attachment_clean_method (TlAttachmentType  type);
GBytes       *tl_attachment_clean        (TlAttachmentType  type,
                                          GBytes           *bytes,
                                          GError          **error);

G_END_DECLS
