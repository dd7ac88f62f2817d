/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-editor-section"

#include "config.h"

#include "tl-editor-section.h"

typedef struct
{
  TlTip *tip;
  TlFieldSet *fields;
} TlEditorSectionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TlEditorSection, tl_editor_section, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static void
field_edited (gpointer    user_data,
              const char *key)
{
  tl_editor_section_changed (TL_EDITOR_SECTION (user_data));
}

/* overrides */

static void
tl_editor_section_real_fill (TlEditorSection *self,
                             TlTip           *tip)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  tl_field_set_fill (priv->fields, tip);
}

static void
tl_editor_section_real_show_problems (TlEditorSection *self,
                                      GPtrArray       *problems)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  tl_field_set_show_problems (priv->fields, "", problems);
}

static gboolean
tl_editor_section_real_focus_field (TlEditorSection *self,
                                    const char      *path)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);
  GtkWidget *widget = tl_field_set_lookup (priv->fields, path);

  return widget != NULL && tl_field_focus (widget);
}

static void
tl_editor_section_dispose (GObject *object)
{
  TlEditorSection *self = TL_EDITOR_SECTION (object);
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  /* The field set holds handlers on template children: drop it before they go. */
  g_clear_pointer (&priv->fields, tl_field_set_free);
  g_clear_pointer (&priv->tip, tl_tip_unref);

  G_OBJECT_CLASS (tl_editor_section_parent_class)->dispose (object);
}

/* class_init / init */

static void
tl_editor_section_class_init (TlEditorSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_editor_section_dispose;

  klass->fill = tl_editor_section_real_fill;
  klass->show_problems = tl_editor_section_real_show_problems;
  klass->focus_field = tl_editor_section_real_focus_field;

  /**
   * TlEditorSection::changed:
   *
   * Emitted after a user edit was written to the tip; never while filling.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
tl_editor_section_init (TlEditorSection *self)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  priv->fields = tl_field_set_new (field_edited, self);
}

/* public API */

/* Keeps a reference on @tip and fills the section from it; NULL empties the section. */
void
tl_editor_section_set_tip (TlEditorSection *self,
                           TlTip           *tip)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  g_return_if_fail (TL_IS_EDITOR_SECTION (self));

  if (tip != NULL)
    tl_tip_ref (tip);
  g_clear_pointer (&priv->tip, tl_tip_unref);
  priv->tip = tip;

  TL_EDITOR_SECTION_GET_CLASS (self)->fill (self, tip);
}

TlTip *
tl_editor_section_get_tip (TlEditorSection *self)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  g_return_val_if_fail (TL_IS_EDITOR_SECTION (self), NULL);

  return priv->tip;
}

/* @problems: the TlProblem array from tl_tip_validate(), or NULL to clear. */
void
tl_editor_section_show_problems (TlEditorSection *self,
                                 GPtrArray       *problems)
{
  g_return_if_fail (TL_IS_EDITOR_SECTION (self));

  TL_EDITOR_SECTION_GET_CLASS (self)->show_problems (self, problems);
}

/* Focuses the widget for @path ("location/city", "victims/0/age"), opening what hides
 * it; FALSE when the path is not in this section. */
gboolean
tl_editor_section_focus_field (TlEditorSection *self,
                               const char      *path)
{
  g_return_val_if_fail (TL_IS_EDITOR_SECTION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return TL_EDITOR_SECTION_GET_CLASS (self)->focus_field (self, path);
}

TlFieldSet *
tl_editor_section_get_fields (TlEditorSection *self)
{
  TlEditorSectionPrivate *priv = tl_editor_section_get_instance_private (self);

  g_return_val_if_fail (TL_IS_EDITOR_SECTION (self), NULL);

  return priv->fields;
}

/* For subclasses: an edit was written to the tip. */
void
tl_editor_section_changed (TlEditorSection *self)
{
  g_return_if_fail (TL_IS_EDITOR_SECTION (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
