/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-json.h"
#include "tl-protocol.h"

G_BEGIN_DECLS

/* Coverage of the NHTRC reporting and referral matrix (8 services x 12 conditions) for
 * one protocol: which contacts fill each cell, and which cells are gaps. */
typedef struct _TlMatrix TlMatrix;

TlMatrix   *tl_matrix_new          (TlProtocol        *protocol);
void        tl_matrix_free         (TlMatrix          *matrix);
TlProtocol *tl_matrix_get_protocol (const TlMatrix    *matrix);
/* const TlContact *, in the order the protocol names them, never NULL; empty = gap. */
GPtrArray  *tl_matrix_get_cell     (const TlMatrix    *matrix,
                                    TlService          service,
                                    TlMatrixCondition  condition);
/* const TlSource *: the sentences behind a cell's contacts; empty for a gap. */
GPtrArray  *tl_matrix_get_cell_sources (const TlMatrix    *matrix,
                                    TlService          service,
                                    TlMatrixCondition  condition);
guint       tl_matrix_count_filled (const TlMatrix    *matrix);
guint       tl_matrix_count_gaps   (const TlMatrix    *matrix);

char       *tl_matrix_to_text      (const TlMatrix    *matrix,
                                    const char        *lang);
/* The same, with the document sentence under every filled cell (matrix --sources). */
char       *tl_matrix_to_text_with_sources (const TlMatrix *matrix,
                                            const char     *lang);
void        tl_matrix_write_json   (const TlMatrix    *matrix,
                                    const char        *lang,
                                    TlJson            *json);
char       *tl_matrix_to_json      (const TlMatrix    *matrix,
                                    const char        *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlMatrix, tl_matrix_free)

G_END_DECLS
