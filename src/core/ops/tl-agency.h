/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* An agency's public identity as people handle it (issue 21): the short fingerprint two
 * advocates read to each other by phone, and the small public-key file one agency sends
 * the other. The keys themselves are kept by the store (tl_store_get_agency_identity,
 * tl_store_add_agency); sealed bundles use them (tl-bundle.h). */

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_AGENCY_KEY_FILE_MAX 4096

/* "7K2M-QX4D-9RTB-HV3N-P8CE": 100 bits of a BLAKE2b hash of both public keys, in 20
 * letters and digits that cannot be mistaken for each other (no I, L, O or U). */
char      *tl_agency_dup_fingerprint    (const TlAgency  *agency);

/* The public-key file: three lines of text with both keys and their fingerprint,
 * nothing secret and no name (the receiving advocate names the agency). */
char      *tl_agency_key_file_to_text   (const TlAgency  *agency);
gboolean   tl_agency_write_key_file     (const TlAgency  *agency,
                                         const char      *path,
                                         gboolean         overwrite,
                                         GError         **error);
/* Reads a public-key file; refuses one whose fingerprint line does not match its keys
 * (a typo or a damaged copy). The result has no name and id 0. */
TlAgency  *tl_agency_read_key_file      (const char      *path,
                                         GError         **error);
TlAgency  *tl_agency_parse_key_file     (const char      *text,
                                         gsize            length,
                                         GError         **error);

G_END_DECLS
