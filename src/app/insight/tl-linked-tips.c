/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-links"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tl-linked-tips.h"
#include "tl-links.h"

/* "Also in 3 other tips": above the editor, one expandable row per phone, plate,
 * e-mail, account or offender name of the open tip that other tips share, listing
 * those tips by date and status. Activating one emits "open-tip"; the window opens it.
 * The lookup is a few index searches (well under a millisecond in a store of 100,000
 * tips), so it runs on the main thread, 300 ms after typing stops.
 *
 * Building and laying out the rows is what costs (issue 16): every label is shaped and
 * measured, even inside a closed expander. At 10,000 tips a made-up phone is shared by
 * dozens of tips, and rebuilding 20 rows per link after each pause in typing and each
 * save stalled the window for up to 1.4 s. So a link's tip rows are built when it is
 * first expanded, and the rows stay as they are when the links did not change. */

#define REFRESH_DELAY_MS 300
/* The rest of a long list is one row saying how many more. */
#define MAX_ROWS_SHOWN 20

struct _TlLinkedTips
{
  GtkWidget parent_instance;

  GtkWidget *box;             /* the clamp holding everything, hidden without links */
  GtkWidget *list;

  TlStore *store;
  TlTip *tip;
  guint refresh_id;
  guint n_links;
  GPtrArray *links;           /* TlLink, what the rows show; their tip rows come from it */
  char *shown;                /* what the rows show, to tell whether a refresh changes it */
};

G_DEFINE_FINAL_TYPE (TlLinkedTips, tl_linked_tips, GTK_TYPE_WIDGET)

enum
{
  OPEN_TIP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static void link_expanded_cb (GtkWidget    *row,
                              GParamSpec   *pspec,
                              TlLinkedTips *self);

static void
clear_rows (TlLinkedTips *self)
{
  GtkWidget *child;

  /* A row may outlive its removal: it must not reach the links freed below. */
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    {
      g_signal_handlers_disconnect_by_func (child, link_expanded_cb, self);
      gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
    }
  self->n_links = 0;
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);
  gtk_widget_set_visible (self->box, FALSE);
}

/* Everything the rows show of the links, in order. */
static char *
describe_links (GPtrArray *links)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < links->len; i++)
    {
      const TlLink *link = g_ptr_array_index (links, i);

      g_string_append_printf (text, "%d\x1f%s\x1f%u\x1f%d\x1f%u\x1e", link->kind,
                              link->typed != NULL ? link->typed : "", link->n_tips, link->count_capped,
                              link->tips->len);
      for (guint t = 0; t < MIN (link->tips->len, MAX_ROWS_SHOWN); t++)
        {
          const TlTipRow *tip = g_ptr_array_index (link->tips, t);

          g_string_append_printf (text, "%s\x1f%" G_GINT64_FORMAT "\x1f%d\x1f%s\x1e", tip->id,
                                  tip->received, tip->status, tip->summary != NULL ? tip->summary : "");
        }
    }
  return g_string_free (text, FALSE);
}

static char *
format_received (gint64 seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (seconds == 0)
    return g_strdup (_("Date not recorded"));
  utc = g_date_time_new_from_unix_utc (seconds);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  /* Translators: a linked tip's date, as in the tip list without the time */
  return local != NULL ? g_strstrip (g_date_time_format (local, _("%e %b %Y"))) : g_strdup ("");
}

static char *
link_title (const TlLink *link)
{
  /* Translators: what links the tips and its value, e.g. "Phone (505) 555-0100" */
  return g_strdup_printf (_("%s %s"), tl_enum_label (tl_link_kind_values, link->kind), link->typed);
}

static char *
link_subtitle (const TlLink *link)
{
  if (link->count_capped)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In more than %u other tip: too common to list",
                                         "In more than %u other tips: too common to list", link->n_tips),
                            link->n_tips);
  if (tl_link_is_too_common (link))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In %u other tip: too common to list",
                                         "In %u other tips: too common to list", link->n_tips),
                            link->n_tips);
  if (link->kind == TL_LINK_NAME_SOUND)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "A name that sounds alike is in %u other tip",
                                         "A name that sounds alike is in %u other tips", link->n_tips),
                            link->n_tips);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Also in %u other tip",
                                       "Also in %u other tips", link->n_tips),
                          link->n_tips);
}

static void
tip_row_activated_cb (AdwActionRow *row,
                      TlLinkedTips *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "tl-tip-id");

  if (id != NULL)
    g_signal_emit (self, signals[OPEN_TIP], 0, id);
}

static GtkWidget *
build_tip_row (TlLinkedTips   *self,
               const TlTipRow *tip)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *received = format_received (tip->received);
  g_autofree char *subtitle = NULL;

  /* Translators: a linked tip's date and status, e.g. "03/01/2024 · Open" */
  subtitle = g_strdup_printf (_("%s · %s"), received, tl_enum_label (tl_tip_status_values, tip->status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 tip->summary != NULL && tip->summary[0] != '\0' ? tip->summary : _("Tip"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open this tip"));
  g_object_set_data_full (G_OBJECT (row), "tl-tip-id", g_strdup (tip->id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (tip_row_activated_cb), self);

  return row;
}

static GtkWidget *
build_link_row (TlLinkedTips *self,
                const TlLink *link)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = link_title (link);
  g_autofree char *subtitle = link_subtitle (link);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), link->tips->len > 0);

  if (link->kind == TL_LINK_NAME_SOUND)
    {
      GtkWidget *tag = gtk_label_new (_("Sounds alike"));

      gtk_widget_add_css_class (tag, "tl-tag");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (tag, _("Not the same spelling: check before treating these tips as one case."));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), tag);
    }

  g_object_set_data (G_OBJECT (row), "tl-link", (gpointer) link);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (link_expanded_cb), self);

  return row;
}

/* A link's tips, the first time it opens. */
static void
add_tip_rows (TlLinkedTips *self,
              GtkWidget    *row,
              const TlLink *link)
{
  guint shown = MIN (link->tips->len, MAX_ROWS_SHOWN);

  for (guint i = 0; i < shown; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), build_tip_row (self, g_ptr_array_index (link->tips, i)));

  if (link->tips->len > shown)
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more tip",
                                                            "And %u more tips", link->tips->len - shown),
                                               link->tips->len - shown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), more);
    }
}

static void
link_expanded_cb (GtkWidget    *row,
                  GParamSpec   *pspec,
                  TlLinkedTips *self)
{
  const TlLink *link = g_object_get_data (G_OBJECT (row), "tl-link");

  if (link == NULL || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    return;
  g_object_set_data (G_OBJECT (row), "tl-link", NULL);
  add_tip_rows (self, row, link);
}

static gboolean
refresh_cb (gpointer user_data)
{
  TlLinkedTips *self = user_data;

  self->refresh_id = 0;
  tl_linked_tips_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
tips_changed_cb (TlLinkedTips *self)
{
  /* Another tip saved or deleted can add or remove a link. */
  tl_linked_tips_tip_changed (self);
}

/* overrides */

static void
tl_linked_tips_dispose (GObject *object)
{
  TlLinkedTips *self = (TlLinkedTips *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->tip, tl_tip_unref);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, tips_changed_cb, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tl_linked_tips_parent_class)->dispose (object);
}

static void
tl_linked_tips_class_init (TlLinkedTipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_linked_tips_dispose;

  /**
   * TlLinkedTips::open-tip:
   * @id: the tip to open
   */
  signals[OPEN_TIP] = g_signal_new ("open-tip",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tl-linked-tips");
}

static void
tl_linked_tips_init (TlLinkedTips *self)
{
  GtkWidget *clamp, *box, *heading, *scroller;

  /* As wide as the form below it (editor/tl-tip-editor.ui), so the two line up. */
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  gtk_widget_set_visible (clamp, FALSE);
  gtk_widget_set_parent (clamp, GTK_WIDGET (self));
  self->box = clamp;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 6);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  heading = gtk_label_new (_("Linked Tips"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Linked Tips"),
                                  -1);

  /* Many links must not push the form off the screen. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_box_append (GTK_BOX (box), scroller);
}

/* public API */

GtkWidget *
tl_linked_tips_new (void)
{
  return g_object_new (TL_TYPE_LINKED_TIPS, NULL);
}

void
tl_linked_tips_set_store (TlLinkedTips *self,
                          TlStore      *store)
{
  g_return_if_fail (TL_IS_LINKED_TIPS (self));
  g_return_if_fail (store == NULL || TL_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, tips_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "tips-changed", G_CALLBACK (tips_changed_cb), self);
}

/**
 * tl_linked_tips_set_tip:
 * @tip: (nullable): the tip open in the editor, which it edits in place
 *
 * Shows the links of @tip at once; %NULL forgets every row (as on lock).
 */
void
tl_linked_tips_set_tip (TlLinkedTips *self,
                        TlTip        *tip)
{
  g_return_if_fail (TL_IS_LINKED_TIPS (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (tip == NULL || (self->tip != NULL && g_strcmp0 (tip->id, self->tip->id) == 0))
    {
      g_clear_pointer (&self->tip, tl_tip_unref);
      self->tip = tip != NULL ? tl_tip_ref (tip) : NULL;
      tl_linked_tips_refresh (self);
      return;
    }

  /* A tip opened: the last one's links go now, the new ones are looked up when
   * the window is idle, after the frames that lay out the opened tip (looking up and
   * building them was 40 ms of opening a tip at 100,000 tips, issue 16). */
  g_clear_pointer (&self->tip, tl_tip_unref);
  self->tip = tl_tip_ref (tip);
  clear_rows (self);
  self->refresh_id = g_idle_add (refresh_cb, self);
}

/* The tip was edited: look again once typing stops. */
void
tl_linked_tips_tip_changed (TlLinkedTips *self)
{
  g_return_if_fail (TL_IS_LINKED_TIPS (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->tip != NULL)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

void
tl_linked_tips_refresh (TlLinkedTips *self)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  g_return_if_fail (TL_IS_LINKED_TIPS (self));

  if (self->tip == NULL || self->store == NULL || !tl_store_is_unlocked (self->store))
    {
      clear_rows (self);
      return;
    }

  links = tl_store_find_links (self->store, self->tip, &error);
  if (links == NULL)
    {
      /* Links are a help, not the form: say so in the log and carry on without. */
      g_warning ("Could not look for linked tips: %s", error->message);
      clear_rows (self);
      return;
    }

  /* The same links as shown (most pauses in typing, most saves): nothing to rebuild. */
  shown = describe_links (links);
  if (self->shown != NULL && g_str_equal (shown, self->shown))
    return;

  clear_rows (self);
  for (guint i = 0; i < links->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), build_link_row (self, g_ptr_array_index (links, i)));
  self->n_links = links->len;
  self->links = g_steal_pointer (&links);
  self->shown = g_steal_pointer (&shown);
  gtk_widget_set_visible (self->box, self->n_links > 0);
}

guint
tl_linked_tips_get_n_links (TlLinkedTips *self)
{
  g_return_val_if_fail (TL_IS_LINKED_TIPS (self), 0);

  return self->n_links;
}
