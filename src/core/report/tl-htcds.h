/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-tip.h"

G_BEGIN_DECLS

/* De-identified export in the field names and value lists of the Human Trafficking
 * Case Data Standard 2.0, one row per victim (a tip with no victim recorded gives one
 * row with the victim columns empty). docs/htcds-mapping.md is the mapping. Never any
 * name, date of birth, address, phone number, e-mail or free text. */

/* The column names, in order, NULL-terminated. */
const char * const *tl_htcds_get_columns (void);

char *tl_htcds_to_csv  (GPtrArray *tips);
char *tl_htcds_to_json (GPtrArray *tips);

G_END_DECLS
