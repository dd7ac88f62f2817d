/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* One export: a report for one recipient (profile, format, overrides,
 * the hotline's call-back contact, the routing plan where the profile carries it),
 * what it withholds, and its record in the audit log. The app's export dialog and
 * Print, and tipline-cli export, all go through it. */

#include "tl-protocol-set.h"
#include "tl-report.h"

G_BEGIN_DECLS

typedef struct _TlExport TlExport;

/* overrides (TlReportOverride, may be NULL) are copied. */
TlExport   *tl_export_new            (const TlTip     *tip,
                                      TlReportProfile  profile,
                                      TlReportFormat   format,
                                      GPtrArray       *overrides);
void        tl_export_free           (TlExport        *self);

/* From Preferences (advocate-name, agency-phone); NULL or empty stays visibly empty. */
void        tl_export_set_contact    (TlExport        *self,
                                      const char      *advocate_name,
                                      const char      *agency_phone);

/* The protocols the plan comes from: the front end's one set (the app's context, the
 * CLI's), which must outlive the export. Without it the bundled and user protocols are
 * loaded for this export. */
void        tl_export_set_protocols  (TlExport        *self,
                                      TlProtocolSet   *protocols);

/* issue 20: the tip's attachments as this export treats them (tl-attach.h:
 * TlAttachmentRelease); the report lists each with its SHA-256. Before the report is
 * built. */
void        tl_export_set_attachments (TlExport       *self,
                                      GPtrArray       *releases);

/* The report, with the routing plan as of now under the tip's state protocol (only
 * the full record prints it); built on first use. */
TlReport   *tl_export_get_report     (TlExport        *self);

/* What will be withheld and why, one translated line each, exactly as the written
 * report lists them in its notices: the preview before anything is written. */
GPtrArray  *tl_export_list_withheld  (TlExport        *self);

/* The bytes of the file. */
GBytes     *tl_export_render         (TlExport        *self,
                                      GError         **error);

/* Records the export (and, with overrides, export-override) in the audit log: the one
 * place exports and prints are recorded. Call before anything leaves Tipline. */
gboolean    tl_export_record         (TlExport        *self,
                                      TlStore         *store,
                                      GError         **error);

/* Renders, writes path with tl_write_private_file() and records; the file is removed
 * again when the audit log cannot be written. */
gboolean    tl_export_write_file     (TlExport        *self,
                                      TlStore         *store,
                                      const char      *path,
                                      gboolean         overwrite,
                                      GError         **error);

/* The audit record of one tip leaving the store (an exchange file has no profile). */
gboolean    tl_export_audit_tip      (TlStore         *store,
                                      const char      *tip_id,
                                      gboolean         overridden,
                                      GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlExport, tl_export_free)

G_END_DECLS
