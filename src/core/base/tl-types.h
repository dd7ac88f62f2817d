/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TlTip TlTip;
typedef struct _TlLocation TlLocation;
typedef struct _TlVictim TlVictim;
typedef struct _TlOffender TlOffender;
typedef struct _TlVehicle TlVehicle;
typedef struct _TlPhone TlPhone;
typedef struct _TlOnline TlOnline;
typedef struct _TlFinancial TlFinancial;
typedef struct _TlReferral TlReferral;
typedef struct _TlProblem TlProblem;
typedef struct _TlStore TlStore;

G_END_DECLS
