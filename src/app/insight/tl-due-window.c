/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-due-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-ask-dialog.h"
#include "tl-due-window.h"

/* The Due view (issue 19): the follow-ups due today or overdue across tips, soonest
 * first, each with what, when, the tip's list summary and who took it on, and the tips
 * the retention schedule deletes within its warning days. Done, snoozed (with a reason)
 * and dropped (with a reason) go through the store's follow-up functions, which audit
 * them by number; Keep Longer through tl_store_extend_retention(). Opening a tip is the
 * window's business: "open-tip". "changed" tells the window to count again. */

#define DAY (24 * 3600)

struct _TlDueWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkWidget *overdue_group;
  GtkWidget *today_group;
  GtkWidget *expiring_group;
  GtkListBox *overdue_list;
  GtkListBox *today_list;
  GtkListBox *expiring_list;

  TlStore *store;
  GSettings *settings;
  guint n_due;
};

G_DEFINE_FINAL_TYPE (TlDueWindow, tl_due_window, ADW_TYPE_WINDOW)

enum { OPEN_TIP, CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* One row's business: the follow-up's number or the tip's id. */
typedef struct
{
  TlDueWindow *self;
  gint64 number;
  char *tip_id;
} RowData;

static void
row_data_free (gpointer data)
{
  RowData *row = data;

  g_free (row->tip_id);
  g_free (row);
}

/* helpers */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_when (gint64 seconds,
             gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (today))
    /* Translators: a follow-up due at a time today, e.g. "Today 14:00" */
    return g_date_time_format (local, _("Today %H:%M"));
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
show_error (TlDueWindow  *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
changed (TlDueWindow *self)
{
  tl_due_window_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static RowData *
row_data (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "tl-due-row");
}

static GtkWidget *
suffix_button (GtkWidget  *row,
               const char *icon,
               const char *name,
               RowData    *data,
               GCallback   clicked)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "tl-due-row", data);
  g_signal_connect (button, "clicked", clicked, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* callbacks */

static void
open_clicked_cb (GtkButton *button)
{
  RowData *data = row_data (GTK_WIDGET (button));

  g_signal_emit (data->self, signals[OPEN_TIP], 0, data->tip_id);
}

static void
done_clicked_cb (GtkButton *button)
{
  RowData *data = row_data (GTK_WIDGET (button));
  TlDueWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!tl_store_finish_follow_up (self->store, data->number, NULL, &error))
    show_error (self, _("The Follow-up Could Not Be Marked Done"), error);
  changed (self);
}

typedef struct
{
  TlDueWindow *self;
  gint64 number;
  char *tip_id;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->self);
  g_free (pending->tip_id);
  g_free (pending);
}

static Pending *
pending_new (RowData *data)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (data->self);
  pending->number = data->number;
  pending->tip_id = g_strdup (data->tip_id);
  return pending;
}

static void
snooze_answered (gpointer    user_data,
                 const char *reason,
                 gint64      until)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_store_snooze_follow_up (pending->self->store, pending->number, until, reason, &error))
    show_error (pending->self, _("The Follow-up Could Not Be Snoozed"), error);
  changed (pending->self);
}

static void
snooze_clicked_cb (GtkButton *button)
{
  RowData *data = row_data (GTK_WIDGET (button));
  const TlAskWhen choices[] = {
    { _("In 1 hour"), 3600 },
    { _("In 3 hours"), 3 * 3600 },
    { _("Tomorrow"), DAY },
    { _("In 3 days"), 3 * DAY },
    { _("In a week"), 7 * DAY },
  };
  GtkWidget *dialog;

  dialog = tl_ask_dialog_new (GTK_WINDOW (data->self), _("Snooze Follow-up?"),
                              _("It comes back as due at the new time. The reason is kept with the follow-up."),
                              _("_Why"), _("_Due again"), choices, G_N_ELEMENTS (choices),
                              _("_Snooze"), FALSE, snooze_answered, pending_new (data), pending_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
drop_answered (gpointer    user_data,
               const char *reason,
               gint64      when)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_store_drop_follow_up (pending->self->store, pending->number, reason, &error))
    show_error (pending->self, _("The Follow-up Could Not Be Dropped"), error);
  changed (pending->self);
}

static void
drop_clicked_cb (GtkButton *button)
{
  RowData *data = row_data (GTK_WIDGET (button));
  GtkWidget *dialog;

  dialog = tl_ask_dialog_new (GTK_WINDOW (data->self), _("Drop Follow-up?"),
                              _("It will not be due again. The reason is kept with the follow-up."),
                              _("_Why"), NULL, NULL, 0, _("_Drop"), TRUE,
                              drop_answered, pending_new (data), pending_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keep_answered (gpointer    user_data,
               const char *reason,
               gint64      until)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_store_extend_retention (pending->self->store, pending->tip_id, until, reason, &error))
    show_error (pending->self, _("The Tip Could Not Be Kept Longer"), error);
  changed (pending->self);
}

static void
keep_clicked_cb (GtkButton *button)
{
  RowData *data = row_data (GTK_WIDGET (button));
  const TlAskWhen choices[] = {
    { _("For 30 more days"), 30 * DAY },
    { _("For 90 more days"), 90 * DAY },
    { _("For 1 more year"), 365 * DAY },
  };
  GtkWidget *dialog;

  dialog = tl_ask_dialog_new (GTK_WINDOW (data->self), _("Keep Tip Longer?"),
                              _("The retention schedule will not delete it before the new date. The reason is kept with the tip; the audit log records the date."),
                              _("_Why it is still needed"), _("_Keep"), choices, G_N_ELEMENTS (choices),
                              _("_Keep Longer"), FALSE, keep_answered, pending_new (data), pending_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
follow_up_row (TlDueWindow      *self,
               const TlFollowUp *follow_up,
               gint64            now)
{
  GtkWidget *row = adw_action_row_new ();
  RowData *data = g_new0 (RowData, 1);
  g_autofree char *when = format_when (follow_up->due, now);
  g_autoptr(GString) subtitle = g_string_new (when);

  data->self = self;
  data->number = follow_up->id;
  data->tip_id = g_strdup (follow_up->tip_id);
  g_object_set_data_full (G_OBJECT (row), "tl-due-row", data, row_data_free);

  if (follow_up->tip_summary != NULL)
    g_string_append_printf (subtitle, " · %s", follow_up->tip_summary);
  if (follow_up->advocate != NULL)
    g_string_append_printf (subtitle, " · %s", follow_up->advocate);
  if (follow_up->state == TL_FOLLOW_UP_SNOOZED)
    g_string_append_printf (subtitle, " · %s", _("snoozed"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), follow_up->what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  suffix_button (row, "document-open-symbolic", _("Open Tip"), data, G_CALLBACK (open_clicked_cb));
  suffix_button (row, "alarm-symbolic", _("Snooze…"), data, G_CALLBACK (snooze_clicked_cb));
  suffix_button (row, "edit-delete-symbolic", _("Drop…"), data, G_CALLBACK (drop_clicked_cb));
  suffix_button (row, "object-select-symbolic", _("Mark Done"), data, G_CALLBACK (done_clicked_cb));
  return row;
}

static GtkWidget *
expiring_row (TlDueWindow           *self,
              const TlRetentionItem *item,
              gint64                 now)
{
  GtkWidget *row = adw_action_row_new ();
  RowData *data = g_new0 (RowData, 1);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->expires);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *subtitle = NULL;
  const char *status = tl_enum_label (tl_tip_status_values, item->status);

  data->self = self;
  data->tip_id = g_strdup (item->tip_id);
  g_object_set_data_full (G_OBJECT (row), "tl-due-row", data, row_data_free);

  if (item->expires <= now)
    /* Translators: %s is a date; then the tip's status */
    subtitle = g_strdup_printf (_("Expired %s · %s"), day, status);
  else
    /* Translators: %s is a date; then the tip's status */
    subtitle = g_strdup_printf (_("Expires %s · %s"), day, status);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 item->saved && item->summary != NULL ? item->summary : _("Unsaved draft"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (item->saved)
    {
      suffix_button (row, "document-open-symbolic", _("Open Tip"), data, G_CALLBACK (open_clicked_cb));
      {
        GtkWidget *keep = suffix_button (row, "document-save-symbolic", _("Keep Longer…"), data,
                                         G_CALLBACK (keep_clicked_cb));

        gtk_button_set_label (GTK_BUTTON (keep), _("Keep Longer…"));
      }
    }
  return row;
}

/* overrides */

static void
tl_due_window_dispose (GObject *object)
{
  TlDueWindow *self = TL_DUE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_DUE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tl_due_window_parent_class)->dispose (object);
}

static void
tl_due_window_class_init (TlDueWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_due_window_dispose;

  /**
   * TlDueWindow::open-tip:
   * @tip_id: the tip to open
   */
  signals[OPEN_TIP] = g_signal_new ("open-tip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /** TlDueWindow::changed: a follow-up or a hold changed; count again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-due-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, today_group);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, expiring_group);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, today_list);
  gtk_widget_class_bind_template_child (widget_class, TlDueWindow, expiring_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_due_window_init (TlDueWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

TlDueWindow *
tl_due_window_new (GtkWindow *parent,
                   TlStore   *store,
                   GSettings *settings)
{
  TlDueWindow *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TL_TYPE_DUE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  tl_due_window_reload (self);
  return self;
}

/* Reads the follow-ups and the retention warnings again. */
void
tl_due_window_reload (TlDueWindow *self)
{
  g_autoptr(GDateTime) now_local = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) expiring = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  TlRetentionSchedule schedule;
  gint64 now = g_date_time_to_unix (now_local);
  guint n_overdue = 0, n_today = 0;
  gint64 total;

  g_return_if_fail (TL_IS_DUE_WINDOW (self));

  clear_list (self->overdue_list);
  clear_list (self->today_list);
  clear_list (self->expiring_list);
  self->n_due = 0;
  if (!tl_store_is_unlocked (self->store))
    return;

  due = tl_store_list_due_follow_ups (self->store, tl_follow_up_end_of_day (now_local), TL_DUE_VIEW_LIMIT, &error);
  total = due != NULL ? tl_store_count_due_follow_ups (self->store, tl_follow_up_end_of_day (now_local), &error) : -1;
  if (due == NULL || total < 0)
    {
      show_error (self, _("The Follow-ups Could Not Be Read"), error);
      return;
    }
  for (guint i = 0; i < due->len; i++)
    {
      const TlFollowUp *follow_up = g_ptr_array_index (due, i);
      gboolean overdue = tl_follow_up_is_overdue (follow_up, now);

      gtk_list_box_append (overdue ? self->overdue_list : self->today_list,
                           follow_up_row (self, follow_up, now));
      if (overdue)
        n_overdue++;
      else
        n_today++;
    }
  self->n_due = (guint) total;
  if (total > due->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The %u soonest are listed, of %u in all. Mark some done, or snooze them, to see the rest.",
                                                            "The %u soonest are listed, of %u in all. Mark some done, or snooze them, to see the rest.",
                                                            due->len),
                                               due->len, (guint) total);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (n_today > 0 ? self->today_list : self->overdue_list, row);
    }

  tl_retention_schedule_load (&schedule, self->settings);
  expiring = tl_store_list_expiring (self->store, &schedule, now + (gint64) schedule.warning_days * DAY,
                                     TL_DUE_VIEW_LIMIT, &error);
  if (expiring == NULL)
    {
      show_error (self, _("The Retention Schedule Could Not Be Applied"), error);
      return;
    }
  for (guint i = 0; i < expiring->len; i++)
    gtk_list_box_append (self->expiring_list, expiring_row (self, g_ptr_array_index (expiring, i), now));

  gtk_widget_set_visible (self->overdue_group, n_overdue > 0);
  gtk_widget_set_visible (self->today_group, n_today > 0);
  gtk_widget_set_visible (self->expiring_group, expiring->len > 0);
  gtk_stack_set_visible_child_name (self->stack, self->n_due + expiring->len > 0 ? "list" : "empty");

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up due", "%u follow-ups due", self->n_due),
                              self->n_due);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* How many follow-ups the view lists (the header's count, for the display test). */
guint
tl_due_window_get_n_due (TlDueWindow *self)
{
  g_return_val_if_fail (TL_IS_DUE_WINDOW (self), 0);

  return self->n_due;
}
