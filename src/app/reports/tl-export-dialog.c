/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-bundle.h"
#include "tl-error.h"
#include "tl-attach.h"
#include "tl-export-dialog-private.h"
#include "tl-export.h"
#include "tl-report-print.h"

/* Export or print one tip for one recipient. The advocate picks the profile (and, for
 * export, the format), sees what that profile withholds from this tip before anything
 * is written, and may release a withheld part only by typing a reason. The core
 * decides what is withheld and writes the file; this dialog only asks and shows.
 *
 * The first way to send, and the default, is a sealed bundle for a known agency
 * (tl-bundle.h, issue 21): the same redacted XML, encrypted for that agency and signed
 * by this one. The plain formats stay for whoever chooses one. */


G_DEFINE_FINAL_TYPE (TlExportDialog, tl_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  SHOW_FIELD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The format row's items, in order; the first is a sealed bundle. */
#define SEALED (-1)
static const int formats[] = {
  SEALED,
  TL_REPORT_PDF,
  TL_REPORT_TEXT,
  TL_REPORT_XML,
  TL_REPORT_HTCDS_CSV,
  TL_REPORT_HTCDS_JSON,
};

static const char * const extensions[] = {
  [TL_REPORT_TEXT] = "txt",
  [TL_REPORT_PDF] = "pdf",
  [TL_REPORT_XML] = "xml",
  [TL_REPORT_HTCDS_CSV] = "csv",
  [TL_REPORT_HTCDS_JSON] = "json",
};

/* What an override can name besides one victim, in the order they are tried. */
static const TlFieldFlags override_classes[] = {
  TL_FIELD_VICTIM_PROVIDED,
  TL_FIELD_REPORTER_IDENTITY,
  TL_FIELD_OFFENDER_INTEL,
  TL_FIELD_VICTIM_NEEDS,
  TL_FIELD_INTERNAL,
  TL_FIELD_VICTIM_IDENTITY,
};

static void update (TlExportDialog *self);

/* helpers */

static TlReportProfile
get_profile (TlExportDialog *self)
{
  return (TlReportProfile) adw_combo_row_get_selected (self->profile_row);
}

static gboolean
is_sealed (TlExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return self->mode == TL_EXPORT_DIALOG_EXPORT && selected < G_N_ELEMENTS (formats) &&
         formats[selected] == SEALED;
}

/* A sealed bundle carries the redacted XML exchange file of the tip. */
static TlReportFormat
get_format (TlExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (self->mode == TL_EXPORT_DIALOG_PRINT || selected >= G_N_ELEMENTS (formats))
    return TL_REPORT_PDF;
  if (formats[selected] == SEALED)
    return TL_REPORT_XML;
  return formats[selected];
}

/* The chosen known agency, or NULL. */
const char *
_tl_export_dialog_get_agency (TlExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->agency_row);

  return selected < self->agency_names->len ? g_ptr_array_index (self->agency_names, selected) : NULL;
}

static gboolean
is_htcds (TlReportFormat format)
{
  return format == TL_REPORT_HTCDS_CSV || format == TL_REPORT_HTCDS_JSON;
}

static char *
describe_override (int          victim,
                   TlFieldFlags field_class)
{
  if (victim >= 0)
    /* Translators: what an override releases; victims are counted from 1 */
    return g_strdup_printf (_("Victim %d’s identity and details"), victim + 1);
  if (field_class & TL_FIELD_VICTIM_PROVIDED)
    return g_strdup (_("What the victim provided"));
  if (field_class & TL_FIELD_VICTIM_IDENTITY)
    return g_strdup (_("Every victim’s identity"));
  if (field_class & TL_FIELD_REPORTER_IDENTITY)
    return g_strdup (_("The reporter’s identity"));
  if (field_class & TL_FIELD_OFFENDER_INTEL)
    return g_strdup (_("Offender details"));
  if (field_class & TL_FIELD_VICTIM_NEEDS)
    return g_strdup (_("Victim needs"));
  return g_strdup (_("The internal record"));
}

static void
clear_rows (TlExportDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

GtkWidget *
_tl_export_dialog_add_row (TlExportDialog      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Text from the tip would be read as markup otherwise. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* Set the button's action target before its action name: GTK checks the target's
 * type against the action as soon as the name is set. */
static GtkWidget *
add_suffix_button (GtkWidget  *row,
                   const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static gboolean
has_override (TlExportDialog *self,
              int             victim,
              TlFieldFlags    field_class)
{
  for (guint i = 0; i < self->overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (self->overrides, i);

      if (victim >= 0 ? o->victim == victim : (o->victim < 0 && o->field_class == field_class))
        return TRUE;
    }
  return FALSE;
}

/* for an array with holes (candidates never tried) */
static void
unref_lines (gpointer lines)
{
  if (lines != NULL)
    g_ptr_array_unref (lines);
}

static gboolean
lines_contain (GPtrArray  *lines,
               const char *line)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (g_ptr_array_index (lines, i), line))
      return TRUE;
  return FALSE;
}

/* Which override would release a line of the withheld list. The core owns the
 * decision, so rather than guess, ask it: the first override that makes the line
 * disappear (or change) is the one to offer. Returns FALSE when none does. */
static gboolean
find_override_for_line (TlExportDialog *self,
                        const char     *line,
                        GPtrArray      *trials,
                        int            *victim_out,
                        TlFieldFlags   *class_out)
{
  guint n_victims = self->tip->victims->len;

  for (guint i = 0; i < n_victims + G_N_ELEMENTS (override_classes); i++)
    {
      int victim = i < n_victims ? (int) i : -1;
      TlFieldFlags field_class = i < n_victims ? TL_FIELD_VICTIM_IDENTITY
                                               : override_classes[i - n_victims];
      GPtrArray *lines;

      if (has_override (self, victim, field_class))
        continue;

      /* trials caches each candidate's list: a tip asks the same question per line */
      lines = g_ptr_array_index (trials, i);
      if (lines == NULL)
        {
          /* borrowed pointers: this array frees none of them */
          g_autoptr(GPtrArray) with = g_ptr_array_sized_new (self->overrides->len + 1);
          g_autoptr(TlReportOverride) trial = tl_report_override_new (victim, field_class, "-");

          for (guint j = 0; j < self->overrides->len; j++)
            g_ptr_array_add (with, g_ptr_array_index (self->overrides, j));
          g_ptr_array_add (with, trial);
          lines = tl_report_profile_list_withheld (get_profile (self), self->tip, with);
          g_ptr_array_index (trials, i) = lines;
        }

      if (!lines_contain (lines, line))
        {
          *victim_out = victim;
          *class_out = field_class;
          return TRUE;
        }
    }
  return FALSE;
}

static void
update_problems (TlExportDialog *self,
                 TlReportFormat  format)
{
  g_autoptr(GPtrArray) problems = tl_tip_validate (self->tip);

  /* A file another program reads (the exchange file, HTCDS) must be valid; a report
   * people read can go out, but the advocate should see what is wrong first. */
  self->blocked = problems->len > 0 && (format == TL_REPORT_XML || is_htcds (format));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
  adw_preferences_group_set_title (self->problems_group,
                                   self->blocked ? _("Fix Before Exporting")
                                                 : _("Check Before Sending"));
  adw_preferences_group_set_description (self->problems_group,
                                         self->blocked
                                         ? _("This format is read by other programs, so the tip must be valid first.")
                                         : _("The report can be sent as it is, but these fields look wrong."));

  for (guint i = 0; i < problems->len; i++)
    {
      TlProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = _tl_export_dialog_add_row (self, self->problems_group, problem->message, NULL);
      GtkWidget *button = add_suffix_button (row, _("_Show"));

      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", problem->field);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "export.show-field");
    }
}

static void
update_withheld (TlExportDialog *self)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) trials = NULL;
  guint n_candidates = self->tip->victims->len + G_N_ELEMENTS (override_classes);

  lines = tl_export_dialog_get_withheld (self);
  trials = g_ptr_array_new_full (n_candidates, unref_lines);
  g_ptr_array_set_size (trials, n_candidates);

  if (lines->len == 0)
    _tl_export_dialog_add_row (self, self->withheld_group, _("Nothing is withheld from this report"), NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *dash = g_strrstr (line, " — ");
      g_autofree char *title = dash != NULL ? g_strndup (line, dash - line) : g_strdup (line);
      GtkWidget *row = _tl_export_dialog_add_row (self, self->withheld_group, title,
                                dash != NULL ? dash + strlen (" — ") : NULL);
      TlFieldFlags field_class = 0;
      int victim = -1;

      if (find_override_for_line (self, line, trials, &victim, &field_class))
        {
          GtkWidget *button = add_suffix_button (row, _("_Include…"));

          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(iu)", victim,
                                            (guint32) field_class);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "export.include");
        }
    }
}

static void
update_overrides (TlExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->overrides_group), self->overrides->len > 0);

  for (guint i = 0; i < self->overrides->len; i++)
    {
      TlReportOverride *o = g_ptr_array_index (self->overrides, i);
      g_autofree char *what = describe_override (o->victim, o->field_class);
      /* Translators: under what an override releases; %s is the advocate's reason */
      g_autofree char *reason = g_strdup_printf (_("Reason: %s"), o->reason);
      GtkWidget *row = _tl_export_dialog_add_row (self, self->overrides_group, what, reason);
      GtkWidget *button = add_suffix_button (row, _("_Withhold Again"));

      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "export.remove-override");
    }
}

static void
update (TlExportDialog *self)
{
  TlReportProfile profile = get_profile (self);
  TlReportFormat format = get_format (self);
  g_autofree char *description = NULL;

  if (self->tips != NULL)
    {
      clear_rows (self);
      _tl_export_dialog_update_tips (self);
      gtk_widget_set_sensitive (self->run_button, !self->blocked && _tl_export_dialog_get_agency (self) != NULL);
      return;
    }
  if (self->tip == NULL)
    return;

  clear_rows (self);

  if (is_htcds (format))
    description = g_strdup (_("HTCDS data is de-identified: no names, contact details or addresses of anyone. Its rows also follow the profile: what the profile withholds is not counted either."));
  else if (is_sealed (self) && self->agency_names->len == 0)
    description = g_strdup_printf ("%s\n\n%s", tl_report_profile_get_description (profile),
                                   _("No agency keys are saved yet. In Preferences → Agencies, add the other agency’s public key after checking its fingerprint by phone; or choose a plain format."));
  else if (is_sealed (self))
    description = g_strdup_printf ("%s\n\n%s", tl_report_profile_get_description (profile),
                                   _("The file is encrypted for the agency chosen above and signed by this one: only that agency’s Tipline can open it, and it shows who sent it."));
  else
    description = g_strdup (tl_report_profile_get_description (profile));
  gtk_label_set_text (self->description_label, description);
  gtk_widget_set_visible (GTK_WIDGET (self->agency_row), is_sealed (self));

  update_problems (self, format);

  /* The same list the written file prints in its notices, whatever the format. */
  update_withheld (self);
  update_overrides (self);

  gtk_widget_set_sensitive (self->run_button,
                            !self->blocked && (!is_sealed (self) || _tl_export_dialog_get_agency (self) != NULL));
}

static void
show_error (TlExportDialog *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
suggest_file_name (TlExportDialog *self)
{
  TlReportFormat format = get_format (self);
  const char *profile = is_htcds (format) ? "htcds"
                        : tl_enum_to_nick (tl_report_profile_values, get_profile (self));

  /* A bundle's name says nothing at all: not even the start of the tip's id. */
  if (is_sealed (self))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *day = g_date_time_format (now, "%Y%m%d");

      return g_strdup_printf ("tipline-%s%s", day, TL_BUNDLE_SUFFIX);
    }

  /* Only the first part of the id: enough to tell files apart, nothing about the tip. */
  return g_strdup_printf ("tip-%.8s-%s.%s", self->tip->id, profile, extensions[format]);
}

/* The known agencies the advocate saved; never any other. */
static void
fill_agencies (TlExportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) agencies = tl_store_list_agencies (self->store, NULL);

  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      TlAgency *agency = g_ptr_array_index (agencies, i);

      g_ptr_array_add (self->agency_names, g_strdup (agency->name));
      gtk_string_list_append (names, agency->name);
    }
  if (self->agency_names->len == 0)
    /* Translators: the export dialog's agency list when no agency key is saved; keep it short */
    gtk_string_list_append (names, _("None saved"));
  adw_combo_row_set_model (self->agency_row, G_LIST_MODEL (names));
}

/* callbacks */

static void
choice_changed_cb (TlExportDialog *self)
{
  update (self);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "include", reason[0] != '\0');
}

static void
include_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TlExportDialog   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  int victim = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "tl-victim"));
  TlFieldFlags field_class = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "tl-class"));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "include") || reason[0] == '\0')
    return;

  g_ptr_array_add (self->overrides, tl_report_override_new (victim, field_class, reason));
  update (self);
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                TlExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  gboolean replace;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_set_error_literal (&error, TL_ERROR, TL_ERROR_IO,
                           _("Tipline can only export to a folder on this computer. Choose another folder."));
      show_error (self, self->tips != NULL ? _("The Tips Could Not Be Sealed")
                                           : _("The Report Could Not Be Exported"), error);
      goto out;
    }

  /* The chooser asks before it returns a file that exists; only then may the core
   * replace it. A file that appeared since is never replaced unasked. */
  replace = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!tl_export_dialog_export_to_path (self, path, replace, &error))
    {
      show_error (self, self->tips != NULL ? _("The Tips Could Not Be Sealed")
                                           : _("The Report Could Not Be Exported"), error);
      goto out;
    }

  gtk_window_close (GTK_WINDOW (self));

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_clicked_cb (TlExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->blocked || (self->tip == NULL && self->tips == NULL))
    return;

  if (self->mode == TL_EXPORT_DIALOG_PRINT)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      tl_report_print (tl_export_dialog_build_export (self), self->store, parent);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  chooser = gtk_file_chooser_native_new (adw_window_title_get_title (self->window_title), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         self->tips != NULL ? _("_Seal") : _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = suggest_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* actions */

static void
include_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TlExportDialog *self = TL_EXPORT_DIALOG (widget);
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  guint32 field_class;
  int victim;

  g_variant_get (parameter, "(iu)", &victim, &field_class);
  what = describe_override (victim, field_class);
  body = g_strdup_printf (_("%s will be in the report even though the “%s” profile withholds it. Say why: the reason is printed in the report, and the export is recorded in the audit log."),
                          what, tl_report_profile_get_name (get_profile (self)));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Include Withheld Information?"),
                                                       body));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, e.g. the victim agreed by phone"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "include", _("_Include"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "include", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "include", FALSE);
  adw_message_dialog_set_default_response (dialog, "include");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "tl-victim", GINT_TO_POINTER (victim));
  g_object_set_data (G_OBJECT (dialog), "tl-class", GUINT_TO_POINTER (field_class));
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (include_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
remove_override_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TlExportDialog *self = TL_EXPORT_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < self->overrides->len)
    g_ptr_array_remove_index (self->overrides, index);
  update (self);
}

static void
show_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlExportDialog *self = TL_EXPORT_DIALOG (widget);
  g_autofree char *field = g_variant_dup_string (parameter, NULL);

  /* The editor is under this dialog: close it so the field can be reached. Closing
   * destroys the dialog, so keep it alive for the signal. */
  g_object_ref (self);
  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[SHOW_FIELD], 0, field);
  g_object_unref (self);
}

/* overrides */

static void
tl_export_dialog_dispose (GObject *object)
{
  TlExportDialog *self = (TlExportDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_EXPORT_DIALOG);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->agency_names, g_ptr_array_unref);
  g_clear_pointer (&self->overrides, g_ptr_array_unref);
  g_clear_pointer (&self->tip, tl_tip_unref);
  g_clear_pointer (&self->tips, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_export_dialog_parent_class)->dispose (object);
}

static void
tl_export_dialog_class_init (TlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_export_dialog_dispose;

  /**
   * TlExportDialog::exported:
   * @path: the file that was written
   */
  signals[EXPORTED] = g_signal_new ("exported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TlExportDialog::show-field:
   * @field: a field path from tl_tip_validate(), for tl_tip_editor_focus_field()
   */
  signals[SHOW_FIELD] = g_signal_new ("show-field",
                                      G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, agency_row);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, withheld_group);
  gtk_widget_class_bind_template_child (widget_class, TlExportDialog, overrides_group);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, run_clicked_cb);

  gtk_widget_class_install_action (widget_class, "export.include", "(iu)", include_action);
  gtk_widget_class_install_action (widget_class, "export.remove-override", "u", remove_override_action);
  gtk_widget_class_install_action (widget_class, "export.show-field", "s", show_field_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_export_dialog_init (TlExportDialog *self)
{
  g_autoptr(GtkStringList) profiles = gtk_string_list_new (NULL);

  self->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  self->rows = g_ptr_array_new ();
  self->agency_names = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Indexes follow TlReportProfile. */
  for (guint i = 0; tl_report_profile_values[i].nick != NULL; i++)
    gtk_string_list_append (profiles, tl_report_profile_get_name (tl_report_profile_values[i].value));
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (profiles));
}

/* public API */

void
_tl_export_dialog_update (TlExportDialog *self)
{
  update (self);
}

/* What both constructors need before the first update(). */
void
_tl_export_dialog_setup (TlExportDialog *self,
                         TlContext      *context)
{
  self->context = g_object_ref (context);
  self->store = g_object_ref (tl_context_get_store (context));
  fill_agencies (self);
}

/**
 * tl_export_dialog_new:
 * @context: the store to write the audit entry in, and the protocols the plan comes from
 */
TlExportDialog *
tl_export_dialog_new (GtkWindow          *parent,
                      TlContext          *context,
                      TlTip              *tip,
                      TlExportDialogMode  mode)
{
  TlExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (tip != NULL, NULL);

  self = g_object_new (TL_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->tip = tl_tip_ref (tip);
  self->mode = mode;
  _tl_export_dialog_setup (self, context);

  if (mode == TL_EXPORT_DIALOG_PRINT)
    {
      adw_window_title_set_title (self->window_title, _("Print Report"));
      gtk_button_set_label (GTK_BUTTON (self->run_button), _("_Print…"));
      gtk_widget_set_visible (GTK_WIDGET (self->format_row), FALSE);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Export Report"));
      gtk_button_set_label (GTK_BUTTON (self->run_button), _("_Export…"));
    }

  update (self);
  return self;
}

void
tl_export_dialog_set_profile (TlExportDialog  *self,
                              TlReportProfile  profile)
{
  g_return_if_fail (TL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (tl_enum_to_nick (tl_report_profile_values, profile) != NULL);

  adw_combo_row_set_selected (self->profile_row, profile);
}

gboolean
tl_export_dialog_set_sealed_for (TlExportDialog *self,
                                 const char     *agency_name)
{
  g_return_val_if_fail (TL_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (agency_name != NULL, FALSE);

  for (guint i = 0; i < self->agency_names->len; i++)
    if (g_utf8_collate (g_ptr_array_index (self->agency_names, i), agency_name) == 0)
      {
        adw_combo_row_set_selected (self->format_row, 0);
        adw_combo_row_set_selected (self->agency_row, i);
        return TRUE;
      }
  return FALSE;
}

void
tl_export_dialog_set_format (TlExportDialog *self,
                             TlReportFormat  format)
{
  g_return_if_fail (TL_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == (int) format)
      adw_combo_row_set_selected (self->format_row, i);
}

/**
 * tl_export_dialog_build_export:
 *
 * The export as chosen: profile, format, overrides and the call-back contact from
 * Preferences. The core builds the report (with the routing plan where the profile
 * carries it) and records it, for the file and for Print alike.
 *
 * Returns: (transfer full): the export
 */
TlExport *
tl_export_dialog_build_export (TlExportDialog *self)
{
  g_autofree char *advocate_name = NULL;
  g_autofree char *agency_phone = NULL;
  TlExport *export;

  g_return_val_if_fail (TL_IS_EXPORT_DIALOG (self), NULL);

  export = tl_export_new (self->tip, get_profile (self), get_format (self), self->overrides);
  advocate_name = g_settings_get_string (tl_context_get_settings (self->context), "advocate-name");
  agency_phone = g_settings_get_string (tl_context_get_settings (self->context), "agency-phone");
  tl_export_set_contact (export, advocate_name, agency_phone);
  tl_export_set_protocols (export, tl_context_get_protocols (self->context));
  /* issue 20: the report lists the tip's attachments with their hashes, as the profile
   * carries them (a tip not yet in the store has none). */
  {
    g_autoptr(GPtrArray) releases = tl_attachments_for_export (self->store, self->tip, get_profile (self),
                                                               self->overrides, NULL);

    if (releases != NULL)
      tl_export_set_attachments (export, releases);
  }
  return export;
}

/**
 * tl_export_dialog_get_withheld:
 *
 * Returns: (transfer full): the lines of the withheld list, as the report prints them
 */
GPtrArray *
tl_export_dialog_get_withheld (TlExportDialog *self)
{
  g_autoptr(TlExport) export = NULL;

  g_return_val_if_fail (TL_IS_EXPORT_DIALOG (self), NULL);

  export = tl_export_dialog_build_export (self);
  return tl_export_list_withheld (export);
}

/**
 * tl_export_dialog_export_to_path:
 * @path: where to write
 * @overwrite: whether the advocate confirmed replacing an existing file
 *
 * Writes the report as chosen, through the core (atomic, owner-only, audited, never
 * in recent files), and emits #TlExportDialog::exported.
 */
gboolean
tl_export_dialog_export_to_path (TlExportDialog  *self,
                                 const char      *path,
                                 gboolean         overwrite,
                                 GError         **error)
{
  g_autoptr(TlExport) export = NULL;

  g_return_val_if_fail (TL_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->tips != NULL)
    {
      if (!_tl_export_dialog_seal_tips (self, path, overwrite, error))
        return FALSE;
      g_signal_emit (self, signals[EXPORTED], 0, path);
      return TRUE;
    }

  if (self->blocked)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The tip has fields to fix before it can be exported in this format. Use Show next to each problem."));
      return FALSE;
    }

  if (is_sealed (self))
    {
      g_autoptr(TlBundleRequest) request = tl_bundle_request_new (get_profile (self));

      if (_tl_export_dialog_get_agency (self) == NULL)
        {
          g_set_error_literal (error, TL_ERROR, TL_ERROR_NOT_FOUND,
                               _("No agency keys are saved yet. Add the other agency’s public key in Preferences → Agencies, or choose a plain format."));
          return FALSE;
        }
      g_ptr_array_add (request->tip_ids, g_strdup (self->tip->id));
      for (guint i = 0; i < self->overrides->len; i++)
        {
          TlReportOverride *o = g_ptr_array_index (self->overrides, i);

          g_ptr_array_add (request->overrides, tl_report_override_new (o->victim, o->field_class, o->reason));
        }
      request->advocate_name = g_settings_get_string (tl_context_get_settings (self->context), "advocate-name");
      request->agency_phone = g_settings_get_string (tl_context_get_settings (self->context), "agency-phone");
      request->protocols = tl_context_get_protocols (self->context);
      if (!tl_bundle_seal (self->store, request, _tl_export_dialog_get_agency (self), path, overwrite, error))
        return FALSE;
      g_signal_emit (self, signals[EXPORTED], 0, path);
      return TRUE;
    }

  export = tl_export_dialog_build_export (self);
  if (!tl_export_write_file (export, self->store, path, overwrite, error))
    return FALSE;

  g_signal_emit (self, signals[EXPORTED], 0, path);
  return TRUE;
}
