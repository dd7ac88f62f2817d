/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-stats-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tl-bar-chart.h"
#include "tl-error.h"
#include "tl-export.h"
#include "tl-file-util.h"
#include "tl-normalize.h"
#include "tl-stats.h"
#include "tl-stats-window.h"

/* Counts for a period, for grant reports and the task force's yearly figures: a few
 * totals, then one bar chart per table with its numbers, and CSV export. Everything
 * shown is an aggregate; the window still closes when the main window locks. */

/* Positions in period_choices (tl-stats-window.ui). */
enum {
  PERIOD_FISCAL_YEAR,
  PERIOD_LAST_FISCAL_YEAR,
  PERIOD_CALENDAR_YEAR,
  PERIOD_LAST_CALENDAR_YEAR,
  PERIOD_CUSTOM,
};

struct _TlStatsWindow
{
  AdwWindow parent_instance;

  GtkDropDown *period_dropdown;
  GtkRevealer *custom_revealer;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkWidget *export_button;
  GtkToggleButton *grant_toggle;
  GtkBox *content_box;

  TlStore *store;
  TlStats *stats;
  guint threshold;            /* small counts hidden below it (Preferences) */
  TlStatsPreset preset;       /* every table, or the grant indicators */
  GDate from;
  GDate to;
};

G_DEFINE_FINAL_TYPE (TlStatsWindow, tl_stats_window, ADW_TYPE_WINDOW)

/* helpers */

static void
clear_content (TlStatsWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
}

static void
add_total (AdwPreferencesGroup *group,
           const TlStats       *stats,
           const char          *title,
           gint64               value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = tl_stats_format_count (stats, value, tl_stats_classify (stats, value));
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static GtkWidget *
build_table (const TlStats      *stats,
             const TlStatsTable *table)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) numbers_shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *chart, *expander, *numbers;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), table->title);
  if (table->counts_victims)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Counts victims, not tips."));

  gtk_widget_add_css_class (card, "card");

  if (table->rows->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("None in this period"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_box_append (GTK_BOX (card), none);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
      return group;
    }

  for (guint i = 0; i < table->rows->len; i++)
    {
      const TlStatsRow *row = g_ptr_array_index (table->rows, i);
      /* a hidden count draws no bar: its length would give it away */
      gint64 drawn = row->shown == TL_COUNT_SHOWN ? row->count : 0;
      char *shown = tl_stats_format_count (stats, row->count, row->shown);

      g_ptr_array_add (labels, row->label);
      g_array_append_val (values, drawn);
      g_ptr_array_add (numbers_shown, shown);
      g_string_append_printf (text, "%s%s\t%s", i > 0 ? "\n" : "", row->label, shown);
    }

  chart = tl_bar_chart_new ();
  tl_bar_chart_set_bars_with_texts (TL_BAR_CHART (chart), table->title, (const char * const *) labels->pdata,
                                    (const gint64 *) (gpointer) values->data,
                                    (const char * const *) numbers_shown->pdata, labels->len);
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_box_append (GTK_BOX (card), chart);

  /* The same numbers as text, to read aloud, select and copy. */
  numbers = gtk_label_new (text->str);
  gtk_label_set_selectable (GTK_LABEL (numbers), TRUE);
  gtk_label_set_xalign (GTK_LABEL (numbers), 0);
  gtk_widget_set_margin_start (numbers, 12);
  expander = gtk_expander_new_with_mnemonic (_("Numbers as _Text"));
  {
    /* Translators: what a screen reader says for the expander under a chart: "Tips by type: numbers as text" */
    g_autofree char *name = g_strdup_printf (_("%s: numbers as text"), table->title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_expander_set_child (GTK_EXPANDER (expander), numbers);
  gtk_widget_set_margin_start (expander, 12);
  gtk_widget_set_margin_end (expander, 12);
  gtk_widget_set_margin_bottom (expander, 12);
  gtk_box_append (GTK_BOX (card), expander);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
  return group;
}

static void
show_error (TlStatsWindow *self,
            const GError  *error)
{
  GtkWidget *page = adw_status_page_new ();

  clear_content (self);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Statistics Could Not Be Counted"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), error->message);
  gtk_box_append (self->content_box, page);
  gtk_widget_set_sensitive (self->export_button, FALSE);
}

static void
refresh (TlStatsWindow *self)
{
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *totals;
  GtkWidget *note;
  char from[16], to[16];
  g_autofree char *period = NULL;

  g_clear_pointer (&self->stats, tl_stats_free);
  if (self->store == NULL || !tl_store_is_unlocked (self->store))
    {
      clear_content (self);
      return;
    }

  self->stats = tl_store_compute_stats (self->store, &self->from, &self->to, &error);
  if (self->stats == NULL)
    {
      show_error (self, error);
      return;
    }
  /* What the window shows can be printed, copied or exported: counts that could identify
   * a victim are hidden here already, as in the CSV. */
  tl_stats_suppress (self->stats, self->threshold);

  clear_content (self);
  gtk_widget_set_sensitive (self->export_button, TRUE);

  g_date_strftime (from, sizeof from, "%Y-%m-%d", &self->from);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &self->to);
  /* Translators: the period of the statistics, two dates */
  period = g_strdup_printf (_("Tips received from %s to %s"), from, to);

  totals = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (totals, period);
  add_total (totals, self->stats, self->preset == TL_STATS_PRESET_GRANT ? _("Contacts") : _("Tips"),
             self->stats->tips);
  add_total (totals, self->stats, _("Victims"), self->stats->victims);
  add_total (totals, self->stats, _("Referrals made"), self->stats->referrals);
  if (self->preset != TL_STATS_PRESET_GRANT)
    {
      add_total (totals, self->stats, _("Unique reporters"), self->stats->unique_reporters);
      add_total (totals, self->stats, _("Tips with no reporter phone or e-mail"), self->stats->tips_without_reporter);
    }
  gtk_box_append (self->content_box, GTK_WIDGET (totals));

  /* As the state profiles say it (seed 003): victims are counted, not tips. */
  note = gtk_label_new (_("These counts are non-cumulative: one tip can have several victims, and each victim is counted once in each victim table. Unique reporters counts distinct reporter phone numbers or e-mail addresses."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (self->content_box, note);

  {
    g_autofree char *hidden = tl_stats_suppression_note (self->stats);

    if (hidden != NULL)
      {
        GtkWidget *label = gtk_label_new (hidden);

        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "dim-label");
        gtk_box_append (self->content_box, label);
      }
  }

  for (guint t = 0; t < TL_STATS_N_TABLES; t++)
    if (tl_stats_preset_has_table (self->preset, t))
      gtk_box_append (self->content_box, build_table (self->stats, self->stats->tables[t]));
}

static void
set_preset (TlStatsWindow *self,
            guint          choice)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (choice == PERIOD_LAST_FISCAL_YEAR || choice == PERIOD_LAST_CALENDAR_YEAR)
    g_date_subtract_years (&today, 1);

  if (choice == PERIOD_FISCAL_YEAR || choice == PERIOD_LAST_FISCAL_YEAR)
    tl_stats_fiscal_year (&today, &self->from, &self->to);
  else
    tl_stats_calendar_year (&today, &self->from, &self->to);
}

static void
fill_custom_entries (TlStatsWindow *self)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", &self->from);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), text);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &self->to);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), text);
}

/* callbacks */

static void
period_changed_cb (TlStatsWindow *self)
{
  guint choice = gtk_drop_down_get_selected (self->period_dropdown);

  gtk_revealer_set_reveal_child (self->custom_revealer, choice == PERIOD_CUSTOM);
  if (choice == PERIOD_CUSTOM)
    {
      fill_custom_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }

  set_preset (self, choice);
  refresh (self);
}

static gboolean
entry_date (GtkEntry *entry,
            GDate    *day)
{
  g_autoptr(GDate) parsed = tl_parse_date (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (parsed == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *day = *parsed;
  return TRUE;
}

static void
custom_apply_cb (TlStatsWindow *self)
{
  GDate from, to;
  gboolean from_ok = entry_date (self->from_entry, &from);
  gboolean to_ok = entry_date (self->to_entry, &to);

  if (!from_ok || !to_ok)
    return;
  tl_stats_window_set_period (self, &from, &to);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    TlStatsWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->stats == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    g_set_error_literal (&error, TL_ERROR, TL_ERROR_IO,
                         _("Tipline can only export to a folder on this computer. Choose another folder."));
  else
    {
      csv = tl_stats_to_csv_preset (self->stats, self->preset);
      /* The chooser already asked before replacing a file. */
      tl_write_private_file (path, csv, strlen (csv), TRUE, &error);
    }

  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Statistics Could Not Be Exported"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (!tl_export_audit_tip (self->store, NULL, FALSE, &error))
    g_warning ("Could not record an export in the audit log: %s", error->message);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (TlStatsWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char from[16], to[16];

  if (self->stats == NULL)
    return;

  g_date_strftime (from, sizeof from, "%Y-%m-%d", &self->from);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &self->to);
  /* Translators: file name of the statistics CSV; %s are the first and last day */
  name = g_strdup_printf (_("tipline-statistics-%s-to-%s.csv"), from, to);

  chooser = gtk_file_chooser_native_new (_("Export Statistics"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
grant_toggled_cb (TlStatsWindow *self)
{
  self->preset = gtk_toggle_button_get_active (self->grant_toggle) ? TL_STATS_PRESET_GRANT
                                                                   : TL_STATS_PRESET_ALL;
  refresh (self);
}

static void
tips_changed_cb (TlStatsWindow *self)
{
  refresh (self);
}

/* overrides */

static void
tl_stats_window_dispose (GObject *object)
{
  TlStatsWindow *self = (TlStatsWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_STATS_WINDOW);

  g_clear_pointer (&self->stats, tl_stats_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tl_stats_window_parent_class)->dispose (object);
}

static void
tl_stats_window_class_init (TlStatsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_stats_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-stats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, grant_toggle);
  gtk_widget_class_bind_template_callback (widget_class, grant_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, TlStatsWindow, content_box);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_stats_window_init (TlStatsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->threshold = TL_STATS_DEFAULT_THRESHOLD;
  set_preset (self, PERIOD_FISCAL_YEAR);
}

/* public API */

TlStatsWindow *
tl_stats_window_new (GtkWindow *parent,
                     TlStore   *store)
{
  TlStatsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  self = g_object_new (TL_TYPE_STATS_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "tips-changed", G_CALLBACK (tips_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);

  return self;
}

/* Shows a custom range, as if typed into the From and To fields. */
void
tl_stats_window_set_period (TlStatsWindow *self,
                            const GDate   *from,
                            const GDate   *to)
{
  g_return_if_fail (TL_IS_STATS_WINDOW (self));
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));

  self->from = *from;
  self->to = *to;

  g_signal_handlers_block_by_func (self->period_dropdown, period_changed_cb, self);
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
  g_signal_handlers_unblock_by_func (self->period_dropdown, period_changed_cb, self);
  gtk_revealer_set_reveal_child (self->custom_revealer, TRUE);
  fill_custom_entries (self);

  refresh (self);
}

/* Counts from 1 to threshold - 1 are hidden ("<11") everywhere the window shows, copies
 * or exports them; 1 shows every count. */
void
tl_stats_window_set_threshold (TlStatsWindow *self,
                               guint          threshold)
{
  g_return_if_fail (TL_IS_STATS_WINDOW (self));

  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  refresh (self);
}
