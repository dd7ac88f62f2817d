/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Sealed bundles between agencies (issue 21; docs/bundles.md). Sealing renders each
 * chosen tip under a report profile exactly as the XML export does (TlExport: the
 * disclosure table decides every field, and each tip's export is recorded in the audit
 * log), signs the result with this agency's Ed25519 key and encrypts it to the
 * recipient agency's X25519 key. The file shows its size and nothing else: no names,
 * no tip ids, no profile. Opening decrypts, checks the signature, names the sender and
 * reads the tips as an imported tip file is read; importing uses the store's import. */

#include "tl-agency.h"
#include "tl-protocol-set.h"
#include "tl-report.h"

G_BEGIN_DECLS

#define TL_BUNDLE_MAX_SIZE ((gsize) 256 * 1024 * 1024)
#define TL_BUNDLE_MAX_TIPS 10000
#define TL_BUNDLE_SUFFIX ".tlbundle"

typedef struct
{
  TlReportProfile profile;
  GPtrArray *tip_ids;         /* char * */
  char *advocate_name;        /* the call-back contact printed in each report */
  char *agency_phone;
  TlProtocolSet *protocols;   /* borrowed, may be NULL (tl_export_set_protocols) */
  GPtrArray *overrides;       /* TlReportOverride for every tip (the export dialog's) */
} TlBundleRequest;

typedef struct
{
  TlAgency *sender;           /* its keys; name set when it is a known agency */
  char *fingerprint;          /* the sender's, to read back to them by phone */
  TlReportProfile profile;    /* the profile the sender chose */
  gint64 sealed_at;           /* unix seconds, the sender's clock */
  GPtrArray *tips;            /* TlTip, as read and validated from the bundle */
  GPtrArray *attachments;     /* TlCarriedAttachment the tips carry (issue 20) */
} TlBundle;

TlBundleRequest *tl_bundle_request_new   (TlReportProfile   profile);
void             tl_bundle_request_free  (TlBundleRequest  *request);

/* Seals the request's tips for the known agency called agency_name and writes path
 * (tl_write_private_file: temporary file renamed into place, removed on a signal).
 * The file is removed again when the exports cannot be recorded in the audit log. */
gboolean    tl_bundle_seal          (TlStore          *store,
                                     const TlBundleRequest *request,
                                     const char       *agency_name,
                                     const char       *path,
                                     gboolean          overwrite,
                                     GError          **error);

/* TRUE when the file starts as a sealed bundle does (the import dialog's test). */
gboolean    tl_bundle_file_is_bundle (const char      *path);

/* Opens, verifies and reads a bundle sealed for this store's agency. A bundle changed,
 * cut short, signed by nobody it claims, or sealed for another agency is refused with
 * one sentence (TL_ERROR_INVALID). Nothing is written to the store. */
TlBundle   *tl_bundle_open          (TlStore          *store,
                                     const char       *path,
                                     GError          **error);
/* The tips of an opened bundle through tl_store_import_tips() (its rules, limits and
 * audit entries), then their attachments (tl_store_import_attachments). */
TlImportResult *tl_bundle_import    (TlStore          *store,
                                     TlBundle         *bundle,
                                     TlImportProgress  progress,
                                     gpointer          user_data,
                                     GError          **error);
void        tl_bundle_free          (TlBundle         *bundle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlBundleRequest, tl_bundle_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlBundle, tl_bundle_free)

G_END_DECLS
