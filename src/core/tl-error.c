/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-error"

#include "tl-error.h"

G_DEFINE_QUARK (tl-error-quark, tl_error)
