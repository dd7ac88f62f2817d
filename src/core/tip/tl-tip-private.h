/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

gboolean   _tl_str_equal        (const char   *a,
                                 const char   *b);
gboolean   _tl_datetime_equal   (GDateTime    *a,
                                 GDateTime    *b);
GDateTime *_tl_datetime_ref     (GDateTime    *dt);

gboolean   _tl_victim_equal     (gconstpointer a,
                                 gconstpointer b);
gboolean   _tl_offender_equal   (gconstpointer a,
                                 gconstpointer b);
gboolean   _tl_vehicle_equal    (gconstpointer a,
                                 gconstpointer b);
gboolean   _tl_phone_equal      (gconstpointer a,
                                 gconstpointer b);
gboolean   _tl_online_equal     (gconstpointer a,
                                 gconstpointer b);
gboolean   _tl_financial_equal  (gconstpointer a,
                                 gconstpointer b);
gboolean   _tl_referral_equal   (gconstpointer a,
                                 gconstpointer b);

G_END_DECLS
