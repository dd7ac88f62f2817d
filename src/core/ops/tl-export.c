/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

/* area: report */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-error.h"
#include "tl-attach.h"
#include "tl-attach-carry.h"
#include "tl-export.h"
#include "tl-file-util.h"
#include "tl-htcds.h"
#include "tl-protocol-set.h"
#include "tl-router.h"
#include "tl-store.h"

struct _TlExport
{
  TlTip *tip;
  TlReportProfile profile;
  TlReportFormat format;
  GPtrArray *overrides;
  char *advocate_name;
  char *agency_phone;
  TlProtocolSet *protocols;    /* the front end's, borrowed; NULL to load them */
  TlReport *report;
  GPtrArray *attachments;      /* TlAttachmentRelease (issue 20), or NULL */
};

/* public API */

void
tl_export_set_protocols (TlExport      *self,
                         TlProtocolSet *protocols)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->report == NULL);

  self->protocols = protocols;
}

TlExport *
tl_export_new (const TlTip     *tip,
               TlReportProfile  profile,
               TlReportFormat   format,
               GPtrArray       *overrides)
{
  TlExport *self;

  g_return_val_if_fail (tip != NULL, NULL);
  g_return_val_if_fail (tl_enum_to_nick (tl_report_profile_values, profile) != NULL, NULL);

  self = g_new0 (TlExport, 1);
  self->tip = tl_tip_copy (tip);
  self->profile = profile;
  self->format = format;
  self->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  for (guint i = 0; overrides != NULL && i < overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (overrides, i);

      g_ptr_array_add (self->overrides, tl_report_override_new (o->victim, o->field_class, o->reason));
    }
  return self;
}

void
tl_export_free (TlExport *self)
{
  if (self == NULL)
    return;
  tl_tip_unref (self->tip);
  g_ptr_array_unref (self->overrides);
  g_free (self->advocate_name);
  g_free (self->agency_phone);
  g_clear_pointer (&self->report, tl_report_free);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self);
}

void
tl_export_set_contact (TlExport   *self,
                       const char *advocate_name,
                       const char *agency_phone)
{
  g_return_if_fail (self != NULL);

  g_free (self->advocate_name);
  g_free (self->agency_phone);
  self->advocate_name = g_strdup (advocate_name);
  self->agency_phone = g_strdup (agency_phone);
  if (self->report != NULL)
    tl_report_set_contact (self->report, advocate_name, agency_phone);
}

TlReport *
tl_export_get_report (TlExport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->report == NULL)
    {
      /* The plan under the tip's state protocol (or the national one); a report
       * without it is still worth sending, so a failure only leaves the plan out. */
      g_autoptr(TlProtocolSet) loaded = NULL;
      TlProtocolSet *set = self->protocols;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(TlPlan) plan = NULL;

      if (set == NULL)
        set = loaded = tl_protocol_set_new_default ();
      self->report = tl_report_new (self->tip, self->profile, self->overrides, NULL);
      if (set != NULL)
        plan = tl_router_route_in_set (set, self->tip, NULL, now, NULL, NULL);
      if (plan != NULL)
        tl_report_add_plan (self->report, plan);
      tl_report_set_contact (self->report, self->advocate_name, self->agency_phone);
      if (self->attachments != NULL)
        tl_attachments_add_to_report (self->report, self->attachments);
    }
  return self->report;
}

void
tl_export_set_attachments (TlExport  *self,
                           GPtrArray *releases)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->report == NULL);

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  self->attachments = releases != NULL ? g_ptr_array_ref (releases) : NULL;
}

GPtrArray *
tl_export_list_withheld (TlExport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return tl_report_profile_list_withheld (self->profile, self->tip, self->overrides);
}

GBytes *
tl_export_render (TlExport  *self,
                  GError   **error)
{
  TlReport *report;
  g_autoptr(GPtrArray) one = NULL;
  char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = tl_export_get_report (self);
  switch (self->format)
    {
    case TL_REPORT_TEXT:
      text = tl_report_to_text (report);
      length = strlen (text);
      break;
    case TL_REPORT_XML:
      text = tl_report_to_xml (report, &length);
      if (!tl_exchange_check_size (self->tip->id, length, error))
        {
          g_free (text);
          return NULL;
        }
      break;
    case TL_REPORT_HTCDS_CSV:
    case TL_REPORT_HTCDS_JSON:
      /* from the redacted tip: the same table decides what a row may carry */
      one = g_ptr_array_new ();
      g_ptr_array_add (one, (gpointer) tl_report_get_redacted_tip (report));
      text = self->format == TL_REPORT_HTCDS_CSV ? tl_htcds_to_csv (one) : tl_htcds_to_json (one);
      length = strlen (text);
      break;
    case TL_REPORT_PDF:
      return tl_report_to_pdf (report, error);
    default:
      g_return_val_if_reached (NULL);
    }
  return g_bytes_new_take (text, length);
}

gboolean
tl_export_audit_tip (TlStore     *store,
                     const char  *tip_id,
                     gboolean     overridden,
                     GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);

  /* The audit log never holds an override's reason: it may quote tip content. */
  return tl_store_audit (store, TL_AUDIT_EXPORT, tip_id, error)
         && (!overridden || tl_store_audit (store, TL_AUDIT_EXPORT_OVERRIDE, tip_id, error));
}

gboolean
tl_export_record (TlExport  *self,
                  TlStore   *store,
                  GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* The XML form carries the copies themselves (issue 20): each is recorded too. */
  return tl_export_audit_tip (store, self->tip->id, self->overrides->len > 0, error) &&
         (self->format != TL_REPORT_XML || self->report == NULL ||
          tl_attachments_record_carried (store, self->report->carried, error));
}

gboolean
tl_export_write_file (TlExport    *self,
                      TlStore     *store,
                      const char  *path,
                      gboolean     overwrite,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) audit_error = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = tl_export_render (self, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);

  if (!tl_write_private_file (path, data, length, overwrite, error))
    return FALSE;

  if (!tl_export_record (self, store, &audit_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (path);
      g_set_error (error, TL_ERROR, TL_ERROR_FAILED,
                   _("%s was not written because the export could not be recorded in the audit log: %s"),
                   display, audit_error->message);
      return FALSE;
    }
  return TRUE;
}
