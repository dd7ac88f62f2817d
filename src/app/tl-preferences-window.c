/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-agencies-page.h"
#include "tl-field-set.h"
#include "tl-office-page.h"
#include "tl-preferences-window.h"
#include "tl-security-page.h"

/* Preferences, each row bound to its GSettings key: who the advocate is (for the audit
 * log and new tips), which protocol routes tips by default, and when to lock. */

struct _TlPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *advocate_row;
  AdwEntryRow *agency_phone_row;
  AdwComboRow *protocol_row;
  AdwComboRow *channel_row;
  AdwComboRow *release_policy_row;
  GtkSpinButton *auto_lock_spin;
  GtkSwitch *retention_switch;
  GtkSpinButton *retention_draft_spin;
  GtkSpinButton *retention_open_spin;
  GtkSpinButton *retention_referred_spin;
  GtkSpinButton *retention_closed_spin;
  GtkSpinButton *retention_warning_spin;
  GtkSpinButton *referral_days_spin;
  GtkSpinButton *stats_threshold_spin;

  TlContext *context;
  GSettings *settings;        /* the context's */
};

G_DEFINE_FINAL_TYPE (TlPreferencesWindow, tl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The protocol ids, in the order of the combo row's items in the template. */
static const char * const protocol_ids[] = { "us-nm", "us-ms", "national" };

/* helpers */

static gboolean
protocol_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (protocol_ids); i++)
    if (g_str_equal (id, protocol_ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  /* An id this version does not offer (a custom protocol): show nothing chosen. */
  g_value_set_uint (value, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static GVariant *
protocol_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (protocol_ids))
    return NULL;
  return g_variant_new_string (protocol_ids[position]);
}

/* An enum setting (its nick) shown by a combo row filled with tl_combo_row_set_enum. */
static gboolean
enum_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const TlEnumValue *table = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; table[i].nick != NULL; i++)
    if (g_str_equal (nick, table[i].nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
enum_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const TlEnumValue *table = user_data;
  guint position = g_value_get_uint (value);

  if (position >= tl_enum_count (table))
    return NULL;
  return g_variant_new_string (table[position].nick);
}

static void
bind_enum (TlPreferencesWindow *self,
           const char          *key,
           AdwComboRow         *row,
           const TlEnumValue   *table)
{
  tl_combo_row_set_enum (row, table);
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_get_mapping, enum_set_mapping, (gpointer) table, NULL);
}

/* overrides */

static void
tl_preferences_window_dispose (GObject *object)
{
  TlPreferencesWindow *self = (TlPreferencesWindow *) object;

  /* The settings are the context's, which outlives this window. */
  if (self->settings != NULL)
    {
      g_settings_unbind (self->advocate_row, "text");
      g_settings_unbind (self->auto_lock_spin, "value");
      g_settings_unbind (self->referral_days_spin, "value");
      g_settings_unbind (self->stats_threshold_spin, "value");
      g_settings_unbind (self->protocol_row, "selected");
      g_settings_unbind (self->retention_switch, "active");
      g_settings_unbind (self->retention_draft_spin, "value");
      g_settings_unbind (self->retention_open_spin, "value");
      g_settings_unbind (self->retention_referred_spin, "value");
      g_settings_unbind (self->retention_closed_spin, "value");
      g_settings_unbind (self->retention_warning_spin, "value");
      self->settings = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tl_preferences_window_parent_class)->dispose (object);
}

static void
tl_preferences_window_class_init (TlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tipline/Tipline/tl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, advocate_row);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, agency_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, channel_row);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, release_policy_row);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, retention_switch);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, retention_draft_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, retention_open_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, retention_referred_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, retention_closed_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, retention_warning_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, referral_days_spin);
  gtk_widget_class_bind_template_child (widget_class, TlPreferencesWindow, stats_threshold_spin);
}

static void
tl_preferences_window_init (TlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

GtkWidget *
tl_preferences_window_new (TlContext *context)
{
  TlPreferencesWindow *self;

  g_return_val_if_fail (TL_IS_CONTEXT (context), NULL);

  self = g_object_new (TL_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  self->settings = tl_context_get_settings (context);
  g_settings_bind (self->settings, "advocate-name", self->advocate_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "agency-phone", self->agency_phone_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "auto-lock-delay", self->auto_lock_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-enabled", self->retention_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-draft-days", self->retention_draft_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-open-years", self->retention_open_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-referred-years", self->retention_referred_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-closed-years", self->retention_closed_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-warning-days", self->retention_warning_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "referral-check-days", self->referral_days_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "stats-threshold", self->stats_threshold_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-protocol",
                                self->protocol_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                protocol_get_mapping, protocol_set_mapping,
                                NULL, NULL);
  bind_enum (self, "usual-channel", self->channel_row, tl_channel_values);
  bind_enum (self, "release-policy", self->release_policy_row, tl_release_policy_values);
  return GTK_WIDGET (self);
}

/* Adds the Security and Agencies pages, for the context's store, which must be unlocked. */
void
tl_preferences_window_add_security_page (TlPreferencesWindow *self)
{
  g_return_if_fail (TL_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (tl_store_is_unlocked (tl_context_get_store (self->context)));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tl_security_page_new (self->context)));
  /* issue 21: this agency's fingerprint and the known agencies, for sealed bundles */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tl_agencies_page_new (self->context)));
}

/* Adds the Office page (issue 21, docs/sync.md), for the context's unlocked store. */
void
tl_preferences_window_add_office_page (TlPreferencesWindow *self)
{
  g_return_if_fail (TL_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (tl_store_is_unlocked (tl_context_get_store (self->context)));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tl_office_page_new (self->context)));
}
