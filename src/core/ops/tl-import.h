/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-store.h"

G_BEGIN_DECLS

/* Imports tip files (each one <tip> or <tips>) from another workstation. Every file is
 * read and validated first; an invalid file stops the import before the store is
 * touched, with an error that names the file and line. Then all tips go into the store
 * in one transaction (tl_store_import_tips), then the attachments the files carry
 * (tl_store_import_attachments: one refused is a sentence in the result). */
TlImportResult *tl_import_files (TlStore             *store,
                                 const char * const  *paths,
                                 TlImportProgress     progress,
                                 gpointer             user_data,
                                 GError             **error);

G_END_DECLS
