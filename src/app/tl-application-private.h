/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-application.h"

G_BEGIN_DECLS

/* What notify::screensaver-active does; tests call it, as the property is read-only. */
void _tl_application_screensaver_changed (TlApplication *self,
                                          gboolean       active);

G_END_DECLS
