/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-contact-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tl-clipboard.h"
#include "tl-contact-row.h"
#include "tl-wrapped-label.h"

/* One contact of a plan step: its name, each number exactly as the protocol prints it
 * ("1-855-333-SAFE") with a button that copies what to dial, its e-mail, and whether
 * it answers now. A contact with neither number nor e-mail says so: it is a gap. */

#define COPIED_FEEDBACK_S 2

struct _TlContactRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *name_label;
  GtkLabel *organisation_label;
  GtkBox *numbers_box;
  GtkWidget *gap_label;
  GtkImage *availability_icon;
  GtkLabel *availability_label;
};

G_DEFINE_FINAL_TYPE (TlContactRow, tl_contact_row, GTK_TYPE_WIDGET)

/* helpers */

static gboolean
has_letters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      return TRUE;
  return FALSE;
}

/* The printed form, then the digits when the printed form has letters, so that a
 * person reading it aloud can also dial it. */
static char *
phone_text (const TlContactPhone *phone)
{
  g_autofree char *shown = NULL;

  if (has_letters (phone->display))
    {
      g_autofree char *digits = tl_phone_format_digits (phone->digits);

      shown = g_strdup_printf ("%s (%s)", phone->display, digits);
    }
  else
    shown = g_strdup (phone->display);

  if (phone->mobile_only)
    /* Translators: %s is a short code such as "#SAFE (#7233)" */
    return g_strdup_printf (_("%s from a cell phone"), shown);
  return g_steal_pointer (&shown);
}

static gboolean
restore_copy_icon_cb (gpointer user_data)
{
  GtkButton *button = user_data;

  gtk_button_set_icon_name (button, "edit-copy-symbolic");
  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button)
{
  const char *digits = g_object_get_data (G_OBJECT (button), "tl-digits");

  tl_copy_number (GTK_WIDGET (button), digits);

  /* A moment's check mark says the copy happened, without a dialog mid-call. */
  gtk_button_set_icon_name (button, "object-select-symbolic");
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, COPIED_FEEDBACK_S, restore_copy_icon_cb,
                              g_object_ref (button), g_object_unref);
}

static void
add_number (TlContactRow         *self,
            const TlContactPhone *phone)
{
  g_autofree char *text = phone_text (phone);
  g_autofree char *tooltip = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "tl-phone-number");

  /* Translators: %s is a phone number as printed, e.g. "1-855-333-SAFE" */
  tooltip = g_strdup_printf (_("Copy %s"), phone->display);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "tl-digits", g_strdup (phone->digits), g_free);
  g_object_set_data_full (G_OBJECT (button), "tl-display", g_strdup (phone->display), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);

  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (self->numbers_box, row);
}

static void
add_email (TlContactRow *self,
           const char   *email)
{
  GtkWidget *label = gtk_label_new (email);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  tl_label_wrap_anywhere (GTK_LABEL (label));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (self->numbers_box, label);
}

static void
show_availability (TlContactRow        *self,
                   const TlPlanContact *pc)
{
  g_autofree char *text = NULL;
  const char *icon;
  const char *css;

  switch (pc->state)
    {
    case TL_OPEN_STATE_OPEN:
      text = g_strdup (pc->contact->availability->kind == TL_AVAILABILITY_ALWAYS
                       ? _("Open now (24 hours)") : _("Open now"));
      icon = "emblem-ok-symbolic";
      css = "success";
      break;

    case TL_OPEN_STATE_CLOSED:
      if (pc->next_open != NULL)
        {
          /* Translators: how the next opening time shows; see strftime(3) */
          g_autofree char *when = g_date_time_format (pc->next_open, _("%a %e %b, %R"));

          /* Translators: %s is a day and time, e.g. "Mon 23 Nov, 08:00" */
          text = g_strdup_printf (_("Closed now; opens %s"), when);
        }
      else
        text = g_strdup (_("Closed now"));
      icon = "dialog-warning-symbolic";
      css = "warning";
      break;

    case TL_OPEN_STATE_UNKNOWN:
    default:
      text = g_strdup (_("Hours unknown: the protocol does not say when they answer"));
      icon = "preferences-system-time-symbolic";
      css = "dim-label";
      break;
    }

  gtk_image_set_from_icon_name (self->availability_icon, icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->availability_icon), css);
  gtk_label_set_text (self->availability_label, text);
  gtk_widget_add_css_class (GTK_WIDGET (self->availability_label), css);
}

/* overrides */

static void
tl_contact_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_CONTACT_ROW);

  G_OBJECT_CLASS (tl_contact_row_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_contact_row_class_init (TlContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_contact_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tipline/Tipline/tl-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, box);
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, organisation_label);
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, numbers_box);
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, gap_label);
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, availability_icon);
  gtk_widget_class_bind_template_child (widget_class, TlContactRow, availability_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tl_contact_row_init (TlContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

/**
 * tl_contact_row_new:
 * @contact: a contact of a plan step; the row copies what it shows
 * @lang: the plan's language
 */
GtkWidget *
tl_contact_row_new (const TlPlanContact *contact,
                    const char          *lang)
{
  const TlContact *c;
  const char *organisation;
  TlContactRow *self;

  g_return_val_if_fail (contact != NULL && contact->contact != NULL, NULL);

  self = g_object_new (TL_TYPE_CONTACT_ROW, NULL);
  c = contact->contact;

  gtk_label_set_text (self->name_label, tl_contact_get_name (c, lang));
  /* "911" named "911": the number alone says it. */
  if (c->phones->len == 1 &&
      g_strcmp0 (((TlContactPhone *) g_ptr_array_index (c->phones, 0))->display,
                 tl_contact_get_name (c, lang)) == 0)
    gtk_widget_set_visible (GTK_WIDGET (self->name_label), FALSE);
  organisation = tl_text_get (&c->organisation, lang);
  if (organisation != NULL && g_strcmp0 (organisation, tl_contact_get_name (c, lang)) != 0)
    {
      gtk_label_set_text (self->organisation_label, organisation);
      gtk_widget_set_visible (GTK_WIDGET (self->organisation_label), TRUE);
    }

  for (guint i = 0; i < c->phones->len; i++)
    add_number (self, g_ptr_array_index (c->phones, i));
  for (guint i = 0; i < c->emails->len; i++)
    add_email (self, g_ptr_array_index (c->emails, i));
  gtk_widget_set_visible (self->gap_label, c->phones->len == 0 && c->emails->len == 0);

  show_availability (self, contact);

  return GTK_WIDGET (self);
}

/**
 * tl_contact_row_set_step:
 * @order: the step the contact belongs to, 1, 2, …
 *
 * Names each copy button for a screen reader with its number and its step ("Copy 911,
 * step 1"): on a plan several steps list numbers, and a button alone does not say which.
 */
void
tl_contact_row_set_step (TlContactRow *self,
                         guint         order)
{
  g_return_if_fail (TL_IS_CONTACT_ROW (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->numbers_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = gtk_widget_get_last_child (row);
      const char *display = button != NULL ? g_object_get_data (G_OBJECT (button), "tl-display") : NULL;
      g_autofree char *name = NULL;

      if (display == NULL)
        continue;
      /* Translators: the name a screen reader gives a copy button: "Copy 911, step 1" */
      name = g_strdup_printf (_("Copy %s, step %u"), display, order);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}
