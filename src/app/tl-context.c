/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-context"

#include "config.h"

#include "tl-context.h"

/* What the windows, pages and dialogs of one run share, as GNOME Calendar's GcalContext:
 * the store, the one protocol set, the one GSettings object (its id is the build's app
 * id, so a .Devel build keeps its own settings), and a count of holds on the store.
 * The application owns one and hands it down; nothing reaches into a window for these.
 *
 * A hold says a worker thread is using the store, whose connection is not shared
 * between threads: while #TlContext:busy is true the window writes no draft, reads no
 * list page and puts off locking. */

struct _TlContext
{
  GObject parent_instance;

  TlStore *store;
  TlProtocolSet *protocols;   /* read on first use */
  GSettings *settings;
  guint holds;
};

G_DEFINE_FINAL_TYPE (TlContext, tl_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* overrides */

static void
tl_context_finalize (GObject *object)
{
  TlContext *self = (TlContext *) object;

  if (self->holds > 0)
    g_warning ("The context went with %u holds on the store", self->holds);
  g_clear_object (&self->store);
  g_clear_pointer (&self->protocols, tl_protocol_set_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tl_context_parent_class)->finalize (object);
}

static void
tl_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TlContext *self = TL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->holds > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TlContext *self = TL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_context_class_init (TlContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_context_finalize;
  object_class->get_property = tl_context_get_property;
  object_class->set_property = tl_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * TlContext:busy:
   *
   * Whether a worker thread holds the store (tl_context_hold()).
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_context_init (TlContext *self)
{
  /* The only GSettings object of the app. */
  self->settings = g_settings_new (APP_ID);
}

/* public API */

TlContext *
tl_context_new (TlStore *store)
{
  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  return g_object_new (TL_TYPE_CONTEXT, "store", store, NULL);
}

TlStore *
tl_context_get_store (TlContext *self)
{
  g_return_val_if_fail (TL_IS_CONTEXT (self), NULL);

  return self->store;
}

/* The protocols every window routes with and every report's plan comes from: bundled
 * ones and the user's own, read once per run (a changed protocol file takes effect on
 * the next start). */
TlProtocolSet *
tl_context_get_protocols (TlContext *self)
{
  g_return_val_if_fail (TL_IS_CONTEXT (self), NULL);

  if (self->protocols == NULL)
    self->protocols = tl_protocol_set_new_default ();
  return self->protocols;
}

GSettings *
tl_context_get_settings (TlContext *self)
{
  g_return_val_if_fail (TL_IS_CONTEXT (self), NULL);

  return self->settings;
}

/* A worker thread is about to use the store. Each hold needs one tl_context_release(). */
void
tl_context_hold (TlContext *self)
{
  g_return_if_fail (TL_IS_CONTEXT (self));

  if (self->holds++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
tl_context_release (TlContext *self)
{
  g_return_if_fail (TL_IS_CONTEXT (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
tl_context_is_busy (TlContext *self)
{
  g_return_val_if_fail (TL_IS_CONTEXT (self), FALSE);

  return self->holds > 0;
}
