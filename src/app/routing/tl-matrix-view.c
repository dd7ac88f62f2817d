/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-matrix-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-matrix-view.h"
#include "tl-vertical-label.h"

/* The NHTRC reporting and referral matrix of one protocol (seed 002): a row per
 * service, a column per condition, each cell a button with its number of contacts.
 * Gaps are marked so a task force sees what to fill; a cell's tooltip and popover
 * name its contacts with their numbers as printed. */

struct _TlMatrixView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkGrid *grid;

  TlMatrix *matrix;
  char *lang;
  gboolean built;             /* the grid shows matrix (it is built when first shown) */
  GtkWidget *cells[TL_N_MATRIX_SERVICES][TL_N_MATRIX_CONDITIONS];
};

G_DEFINE_FINAL_TYPE (TlMatrixView, tl_matrix_view, GTK_TYPE_WIDGET)

/* helpers */

/* "Name: number" lines, one per contact; or that the cell is a gap. */
static char *
describe_cell (TlMatrixView *self,
               GPtrArray    *contacts)
{
  GString *text = g_string_new (NULL);

  if (contacts->len == 0)
    return g_strdup (_("Gap: the protocol names no contact for this."));

  for (guint i = 0; i < contacts->len; i++)
    {
      const TlContact *contact = g_ptr_array_index (contacts, i);
      const TlContactPhone *phone = tl_contact_get_phone (contact);
      const char *email = tl_contact_get_email (contact);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, tl_contact_get_name (contact, self->lang));
      if (phone != NULL)
        g_string_append_printf (text, ": %s", phone->display);
      else if (email != NULL)
        g_string_append_printf (text, ": %s", email);
      else
        /* Translators: a contact the protocol names without a number or e-mail */
        g_string_append_printf (text, ": %s", _("no number in the protocol"));
    }
  return g_string_free (text, FALSE);
}

static char *
cell_heading (TlService         service,
              TlMatrixCondition condition)
{
  /* Translators: a cell of the referral matrix, e.g. "Emergency shelter — Minors" */
  return g_strdup_printf (_("%s — %s"),
                          _(tl_enum_label (tl_service_values, service)),
                          _(tl_enum_label (tl_matrix_condition_values, condition)));
}

static GtkWidget *
create_popup (TlMatrixView *self,
              TlService     service,
              TlMatrixCondition condition)
{
  GPtrArray *contacts = tl_matrix_get_cell (self->matrix, service, condition);
  g_autofree char *heading = cell_heading (service, condition);
  g_autofree char *body = describe_cell (self, contacts);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *label = gtk_label_new (body);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), label);
  /* The document sentence behind the cell, so a coordinator can check it. */
  {
    GPtrArray *sources = tl_matrix_get_cell_sources (self->matrix, service, condition);

    for (guint i = 0; i < sources->len; i++)
      {
        g_autofree char *described = tl_source_describe (g_ptr_array_index (sources, i),
                                                         tl_matrix_get_protocol (self->matrix), self->lang);
        /* Translators: the document sentence behind a filled matrix cell. */
        g_autofree char *text = g_strdup_printf (_("Source: %s"), described);
        GtkWidget *source = gtk_label_new (text);

        gtk_label_set_xalign (GTK_LABEL (source), 0);
        gtk_label_set_wrap (GTK_LABEL (source), TRUE);
        gtk_label_set_max_width_chars (GTK_LABEL (source), 40);
        gtk_label_set_selectable (GTK_LABEL (source), TRUE);
        gtk_widget_add_css_class (source, "caption");
        gtk_box_append (GTK_BOX (box), source);
      }
  }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  TlMatrixView *self = user_data;
  TlService service = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tl-service"));
  TlMatrixCondition condition = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tl-condition"));

  if (self->matrix != NULL)
    gtk_menu_button_set_popover (button, create_popup (self, service, condition));
}

static GtkWidget *
create_cell (TlMatrixView     *self,
             TlService         service,
             TlMatrixCondition condition)
{
  GPtrArray *contacts = tl_matrix_get_cell (self->matrix, service, condition);
  g_autofree char *heading = cell_heading (service, condition);
  g_autofree char *body = describe_cell (self, contacts);
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", heading, body);
  g_autofree char *count = g_strdup_printf ("%u", contacts->len);
  g_autofree char *accessible = NULL;
  GtkWidget *button = gtk_menu_button_new ();

  /* A child rather than a label: a label would bring a dropdown arrow into each cell. */
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), gtk_label_new (contacts->len == 0 ? "—" : count));
  if (contacts->len == 0)
    {
      gtk_widget_add_css_class (button, "tl-matrix-gap");
      /* Translators: the accessible name of an empty matrix cell */
      accessible = g_strdup_printf (_("%s: gap, no contact"), heading);
    }
  else
    {
      gtk_widget_add_css_class (button, "tl-matrix-filled");
      accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s: %u contact",
                                                 "%s: %u contacts",
                                                 contacts->len),
                                    heading, contacts->len);
    }
  gtk_widget_add_css_class (button, "tl-matrix-cell");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (button), "tl-service", GUINT_TO_POINTER (service));
  g_object_set_data (G_OBJECT (button), "tl-condition", GUINT_TO_POINTER (condition));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup_cb, self, NULL);
  return button;
}

static void
clear_grid (TlMatrixView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  memset (self->cells, 0, sizeof self->cells);
}

static void
build (TlMatrixView *self)
{
  g_autofree char *summary = NULL;
  TlProtocol *protocol;

  if (self->built || self->matrix == NULL)
    return;
  self->built = TRUE;
  protocol = tl_matrix_get_protocol (self->matrix);

  gtk_label_set_text (self->title_label, tl_protocol_get_name (protocol, self->lang));
  /* Translators: e.g. "66 of 96 cells filled, 30 gaps" */
  summary = g_strdup_printf (_("%u of %u cells filled, %u gaps"),
                             tl_matrix_count_filled (self->matrix),
                             TL_N_MATRIX_SERVICES * TL_N_MATRIX_CONDITIONS,
                             tl_matrix_count_gaps (self->matrix));
  gtk_label_set_text (self->summary_label, summary);

  for (guint c = 0; c < TL_N_MATRIX_CONDITIONS; c++)
    {
      GtkWidget *header = tl_vertical_label_new (_(tl_enum_label (tl_matrix_condition_values, c)));

      gtk_widget_set_halign (header, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (header, GTK_ALIGN_END);
      gtk_widget_set_margin_bottom (header, 4);
      gtk_grid_attach (self->grid, header, c + 1, 0, 1, 1);
    }

  for (guint s = 0; s < TL_N_MATRIX_SERVICES; s++)
    {
      GtkWidget *header = gtk_label_new (_(tl_enum_label (tl_service_values, s)));

      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (header), 16);
      gtk_label_set_width_chars (GTK_LABEL (header), 12);
      gtk_widget_set_margin_end (header, 6);
      gtk_grid_attach (self->grid, header, 0, s + 1, 1, 1);

      for (guint c = 0; c < TL_N_MATRIX_CONDITIONS; c++)
        {
          self->cells[s][c] = create_cell (self, s, c);
          gtk_grid_attach (self->grid, self->cells[s][c], c + 1, s + 1, 1, 1);
        }
    }
}

/* overrides */

/* The matrix sits on a page of its own, behind the plan: building and laying out its
 * hundred cells each time an opened tip had another state's protocol was a third of
 * opening a tip (issue 16). It is built when the page is first shown. */
static void
tl_matrix_view_map (GtkWidget *widget)
{
  build (TL_MATRIX_VIEW (widget));
  GTK_WIDGET_CLASS (tl_matrix_view_parent_class)->map (widget);
}

static void
tl_matrix_view_dispose (GObject *object)
{
  TlMatrixView *self = TL_MATRIX_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_MATRIX_VIEW);
  memset (self->cells, 0, sizeof self->cells);
  g_clear_pointer (&self->matrix, tl_matrix_free);
  g_clear_pointer (&self->lang, g_free);

  G_OBJECT_CLASS (tl_matrix_view_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_matrix_view_class_init (TlMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_matrix_view_dispose;
  widget_class->map = tl_matrix_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-matrix-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TlMatrixView, box);
  gtk_widget_class_bind_template_child (widget_class, TlMatrixView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TlMatrixView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TlMatrixView, grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tl_matrix_view_init (TlMatrixView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

GtkWidget *
tl_matrix_view_new (void)
{
  return g_object_new (TL_TYPE_MATRIX_VIEW, NULL);
}

/**
 * tl_matrix_view_set_protocol:
 * @protocol: (nullable): the protocol whose matrix to show
 * @lang: the language for contact names
 */
void
tl_matrix_view_set_protocol (TlMatrixView *self,
                             TlProtocol   *protocol,
                             const char   *lang)
{
  g_return_if_fail (TL_IS_MATRIX_VIEW (self));

  if (self->matrix != NULL && protocol == tl_matrix_get_protocol (self->matrix) &&
      g_strcmp0 (lang, self->lang) == 0)
    return;

  clear_grid (self);
  self->built = FALSE;
  g_clear_pointer (&self->matrix, tl_matrix_free);
  g_free (self->lang);
  self->lang = g_strdup (lang);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->summary_label, "");

  if (protocol == NULL)
    return;

  self->matrix = tl_matrix_new (protocol);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build (self);
}

/* The button of one cell, for tests and keyboard focus. */
GtkWidget *
tl_matrix_view_get_cell (TlMatrixView     *self,
                         TlService         service,
                         TlMatrixCondition condition)
{
  g_return_val_if_fail (TL_IS_MATRIX_VIEW (self), NULL);
  g_return_val_if_fail (service < TL_N_MATRIX_SERVICES && condition < TL_N_MATRIX_CONDITIONS, NULL);

  build (self);
  return self->cells[service][condition];
}
