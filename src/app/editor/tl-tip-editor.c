/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tl-attachments-section.h"
#include "tl-consent-section.h"
#include "tl-financial-row.h"
#include "tl-intake-section.h"
#include "tl-layout-warm-up.h"
#include "tl-list-section.h"
#include "tl-location-section.h"
#include "tl-narrative-section.h"
#include "tl-offender-row.h"
#include "tl-online-row.h"
#include "tl-phone-row.h"
#include "tl-situation-section.h"
#include "tl-tip-editor.h"
#include "tl-vehicle-row.h"
#include "tl-victim-row.h"

/* The tip form: one TlEditorSection per part of the tip, the most urgent facts first
 * (danger, type, location, victims), edited in place. Edits are written to the tip at
 * once and announced with "changed"; validation runs a moment after typing stops and
 * only marks fields, it never changes them. */

#define VALIDATE_DELAY_MS 300
/* What the first tip's open would otherwise do in one stall (issue 16) is done ahead,
 * in idle moments from a second after unlock, one short step at a time: a row for
 * each list section (victims, offenders...), then the whole form measured
 * (tl-layout-warm-up.c), then more rows, so that a tip with more victims than any
 * before does not build them in its open either. Not at once: a step longer than a
 * frame stalled the list's first scroll at 100,000 tips. */
#define PREPARED_ROWS 3
#define PREPARE_AFTER_MS 1000
#define MEASURE_STEP_US 8000

struct _TlTipEditor
{
  GtkWidget parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *scrolled_window;
  GtkBox *sections_box;

  GPtrArray *sections;        /* TlEditorSection, in form order */
  GtkWidget *attachments;     /* TlAttachmentsSection: in the store, not in the tip */
  GHashTable *section_keys;   /* "intake" -> TlEditorSection, unowned */
  TlTip *tip;
  guint validate_id;
  guint n_problems;
  guint scroll_tick_id;
  guint scroll_ticks;
  guint prepare_id;
  TlLayoutWarmUp *warm_up;
  gboolean measured;
  gboolean prepared;
};

G_DEFINE_FINAL_TYPE (TlTipEditor, tl_tip_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_N_PROBLEMS,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const TlListKind victims_kind = {
  "victims", G_STRUCT_OFFSET (TlTip, victims),
  N_("Victims"),
  N_("Age first: anyone under 18 is a child and changes whom to call."),
  N_("Add _Victim"),
  N_("No victims recorded"),
  N_("Victim %u"),
  N_("Remove victim %u"),
  N_("Victim removed"),
  tl_victim_row_get_type, (gpointer (*) (void)) tl_victim_new,
  (GDestroyNotify) tl_victim_free,
};

static const TlListKind offenders_kind = {
  "offenders", G_STRUCT_OFFSET (TlTip, offenders),
  N_("Offenders"),
  NULL,
  N_("Add _Offender"),
  N_("No offenders recorded"),
  N_("Offender %u"),
  N_("Remove offender %u"),
  N_("Offender removed"),
  tl_offender_row_get_type, (gpointer (*) (void)) tl_offender_new,
  (GDestroyNotify) tl_offender_free,
};

static const TlListKind vehicles_kind = {
  "vehicles", G_STRUCT_OFFSET (TlTip, vehicles),
  N_("Vehicles"),
  NULL,
  N_("Add V_ehicle"),
  N_("No vehicles recorded"),
  N_("Vehicle %u"),
  N_("Remove vehicle %u"),
  N_("Vehicle removed"),
  tl_vehicle_row_get_type, (gpointer (*) (void)) tl_vehicle_new,
  (GDestroyNotify) tl_vehicle_free,
};

static const TlListKind phones_kind = {
  "phones", G_STRUCT_OFFSET (TlTip, phones),
  N_("Phones"),
  NULL,
  N_("Add _Phone"),
  N_("No phones recorded"),
  N_("Phone %u"),
  N_("Remove phone %u"),
  N_("Phone removed"),
  tl_phone_row_get_type, (gpointer (*) (void)) tl_phone_new,
  (GDestroyNotify) tl_phone_free,
};

static const TlListKind online_kind = {
  "online", G_STRUCT_OFFSET (TlTip, online),
  N_("Online"),
  N_("E-mail addresses, social media accounts, websites and online ads."),
  N_("Add Online _Detail"),
  N_("No online details recorded"),
  N_("Online detail %u"),
  N_("Remove online detail %u"),
  N_("Online detail removed"),
  tl_online_row_get_type, (gpointer (*) (void)) tl_online_new,
  (GDestroyNotify) tl_online_free,
};

static const TlListKind financial_kind = {
  "financial", G_STRUCT_OFFSET (TlTip, financial),
  N_("Financial"),
  N_("Cards, bank accounts and money transfers, with numbers exactly as given."),
  N_("Add _Financial Detail"),
  N_("No financial details recorded"),
  N_("Financial detail %u"),
  N_("Remove financial detail %u"),
  N_("Financial detail removed"),
  tl_financial_row_get_type, (gpointer (*) (void)) tl_financial_new,
  (GDestroyNotify) tl_financial_free,
};

/* helpers */

static void
validate_now (TlTipEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  guint n_problems;

  g_clear_handle_id (&self->validate_id, g_source_remove);

  if (self->tip != NULL)
    problems = tl_tip_validate (self->tip);
  for (guint i = 0; i < self->sections->len; i++)
    tl_editor_section_show_problems (g_ptr_array_index (self->sections, i), problems);

  n_problems = problems != NULL ? problems->len : 0;
  if (n_problems != self->n_problems)
    {
      self->n_problems = n_problems;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
}

/* Brings the focused field into view. Runs for a few frames, because a field in a row
 * that was just expanded only gets its place as the row opens. */
static gboolean
scroll_to_focus_tick (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  TlTipEditor *self = TL_TIP_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget) || ++self->scroll_ticks > 30)
    {
      self->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL)
    row = focus;
  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->sections_box), &bounds))
    return G_SOURCE_CONTINUE;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y - 24);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment,
                              MIN (bounds.origin.y - 24,
                                   bounds.origin.y + bounds.size.height - page + 48));
  return G_SOURCE_CONTINUE;
}

static void
add_section (TlTipEditor *self,
             const char  *key,
             GtkWidget   *section)
{
  g_ptr_array_add (self->sections, section);
  g_hash_table_insert (self->section_keys, (gpointer) key, section);
  gtk_box_append (self->sections_box, section);
}

/* callbacks */

/* Builds a spare row in a list section that has fewer than @n_rows. */
static gboolean
prepare_a_row (TlTipEditor *self,
               guint        n_rows)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      gpointer section = g_ptr_array_index (self->sections, i);

      if (TL_IS_LIST_SECTION (section) && tl_list_section_prepare_row (section, n_rows))
        return TRUE;
    }
  return FALSE;
}

/* Measures the next few widgets of the form; FALSE once all are. */
static gboolean
measure_a_step (TlTipEditor *self)
{
  if (self->measured)
    return FALSE;
  if (self->warm_up == NULL)
    self->warm_up = tl_layout_warm_up_new (GTK_WIDGET (self->sections_box));
  if (tl_layout_warm_up_step (self->warm_up, MEASURE_STEP_US))
    return TRUE;
  g_clear_pointer (&self->warm_up, tl_layout_warm_up_free);
  self->measured = TRUE;
  return FALSE;
}

/* One step per idle moment: each is a short stall of its own. */
static gboolean
prepare_step_cb (gpointer user_data)
{
  TlTipEditor *self = TL_TIP_EDITOR (user_data);

  if (prepare_a_row (self, 1) || measure_a_step (self))
    return G_SOURCE_CONTINUE;
  /* More rows only once a tip has opened: each costs memory (1.4 MB for a victim's). */
  if (self->tip != NULL && prepare_a_row (self, PREPARED_ROWS))
    return G_SOURCE_CONTINUE;
  self->prepare_id = 0;
  /* Asked at unlock with no tip yet: the first tip to open asks again for the rest. */
  self->prepared = self->tip != NULL;
  return G_SOURCE_REMOVE;
}

static gboolean
prepare_later_cb (gpointer user_data)
{
  TlTipEditor *self = TL_TIP_EDITOR (user_data);

  self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_step_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
validate_timeout_cb (gpointer user_data)
{
  TlTipEditor *self = TL_TIP_EDITOR (user_data);

  self->validate_id = 0;
  validate_now (self);
  return G_SOURCE_REMOVE;
}

static void
section_changed_cb (TlTipEditor *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_timeout_cb, self);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* overrides */

static void
tl_tip_editor_dispose (GObject *object)
{
  TlTipEditor *self = TL_TIP_EDITOR (object);

  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_pointer (&self->warm_up, tl_layout_warm_up_free);
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_TIP_EDITOR);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->section_keys, g_hash_table_unref);
  g_clear_pointer (&self->tip, tl_tip_unref);

  G_OBJECT_CLASS (tl_tip_editor_parent_class)->dispose (object);
}

static void
tl_tip_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TlTipEditor *self = TL_TIP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->n_problems);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* class_init / init */

static void
tl_tip_editor_class_init (TlTipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_tip_editor_dispose;
  object_class->get_property = tl_tip_editor_get_property;

  /**
   * TlTipEditor:n-problems:
   *
   * How many validation problems the tip has, as last checked.
   */
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlTipEditor::changed:
   *
   * Emitted after a user edit was written to the tip; never by set_tip().
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-tip-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TlTipEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TlTipEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TlTipEditor, sections_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tipeditor");

  g_type_ensure (TL_TYPE_CONSENT_SECTION);
  g_type_ensure (TL_TYPE_INTAKE_SECTION);
  g_type_ensure (TL_TYPE_LOCATION_SECTION);
  g_type_ensure (TL_TYPE_NARRATIVE_SECTION);
  g_type_ensure (TL_TYPE_SITUATION_SECTION);
}

static void
tl_tip_editor_init (TlTipEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_ptr_array_new ();
  self->section_keys = g_hash_table_new (g_str_hash, g_str_equal);

  /* Form order is tab order: what decides the first call comes first. */
  add_section (self, "situation", tl_situation_section_new ());
  add_section (self, "location", tl_location_section_new ());
  add_section (self, "victims", tl_list_section_new (&victims_kind));
  add_section (self, "intake", tl_intake_section_new ());
  add_section (self, "consent", tl_consent_section_new ());
  add_section (self, "offenders", tl_list_section_new (&offenders_kind));
  add_section (self, "vehicles", tl_list_section_new (&vehicles_kind));
  add_section (self, "phones", tl_list_section_new (&phones_kind));
  add_section (self, "online", tl_list_section_new (&online_kind));
  add_section (self, "financial", tl_list_section_new (&financial_kind));
  add_section (self, "narrative", tl_narrative_section_new ());
  self->attachments = tl_attachments_section_new ();
  gtk_box_append (self->sections_box, self->attachments);

  for (guint i = 0; i < self->sections->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->sections, i), "changed",
                              G_CALLBACK (section_changed_cb), self);

  /* Room for a label and a value side by side, and no more: it lives in a pane. */
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, -1);
}

/* public API */

GtkWidget *
tl_tip_editor_new (void)
{
  return g_object_new (TL_TYPE_TIP_EDITOR, NULL);
}

/**
 * tl_tip_editor_set_tip:
 * @tip: (nullable): the tip to edit in place
 *
 * Fills the form from @tip and keeps a reference on it. %NULL empties every widget,
 * which is how the application hides a tip when it locks.
 */
void
tl_tip_editor_set_tip (TlTipEditor *self,
                       TlTip       *tip)
{
  g_return_if_fail (TL_IS_TIP_EDITOR (self));

  if (tip != NULL)
    tl_tip_ref (tip);
  g_clear_pointer (&self->tip, tl_tip_unref);
  self->tip = tip;

  for (guint i = 0; i < self->sections->len; i++)
    tl_editor_section_set_tip (g_ptr_array_index (self->sections, i), tip);
  tl_attachments_section_set_tip (TL_ATTACHMENTS_SECTION (self->attachments), tip != NULL ? tip->id : NULL);

  validate_now (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (tip != NULL)
    tl_tip_editor_prepare_ahead (self);
}

/**
 * tl_tip_editor_prepare_ahead:
 *
 * A moment from now, in idle moments and once in the editor's life, builds the spare
 * rows of the list sections and measures the form, so that the first tip opens as fast
 * as the next. The window asks for it at unlock; the editor itself when its first tip
 * opens, if nobody did.
 */
void
tl_tip_editor_prepare_ahead (TlTipEditor *self)
{
  g_return_if_fail (TL_IS_TIP_EDITOR (self));

  if (!self->prepared && self->prepare_id == 0)
    self->prepare_id = g_timeout_add_full (G_PRIORITY_LOW, PREPARE_AFTER_MS, prepare_later_cb, self, NULL);
}

/* Where the tip's attachments are (issue 20); NULL while locked. */
void
tl_tip_editor_set_store (TlTipEditor *self,
                         TlStore     *store)
{
  g_return_if_fail (TL_IS_TIP_EDITOR (self));

  tl_attachments_section_set_store (TL_ATTACHMENTS_SECTION (self->attachments), store);
}

GtkWidget *
tl_tip_editor_get_attachments (TlTipEditor *self)
{
  g_return_val_if_fail (TL_IS_TIP_EDITOR (self), NULL);

  return self->attachments;
}

TlTip *
tl_tip_editor_get_tip (TlTipEditor *self)
{
  g_return_val_if_fail (TL_IS_TIP_EDITOR (self), NULL);

  return self->tip;
}

/**
 * tl_tip_editor_focus_field:
 * @path: a field path as in tl_tip_validate() ("victims/0/age"), or a section key
 *   ("victims", "intake")
 *
 * Opens what hides the field, gives it the keyboard focus and scrolls it into view.
 *
 * Returns: %FALSE when no widget has that path
 */
gboolean
tl_tip_editor_focus_field (TlTipEditor *self,
                           const char  *path)
{
  GtkWidget *section;
  gboolean focused = FALSE;

  g_return_val_if_fail (TL_IS_TIP_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < self->sections->len && !focused; i++)
    focused = tl_editor_section_focus_field (g_ptr_array_index (self->sections, i), path);

  /* A section key that the section does not handle itself: its first field. */
  section = g_hash_table_lookup (self->section_keys, path);
  if (!focused && section != NULL)
    focused = gtk_widget_child_focus (section, GTK_DIR_TAB_FORWARD);

  if (focused && self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                         scroll_to_focus_tick, NULL, NULL);
  self->scroll_ticks = 0;
  return focused;
}

guint
tl_tip_editor_get_n_problems (TlTipEditor *self)
{
  g_return_val_if_fail (TL_IS_TIP_EDITOR (self), 0);

  return self->n_problems;
}
