/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-protocol-set"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "tl-core-resources.h"
#include "tl-protocol-private.h"
#include "tl-normalize.h"
#include "tl-protocol-set.h"

#define BUNDLED_PATH "/io/github/tipline/core/protocols/"

struct _TlProtocolSet
{
  GHashTable *by_id;      /* id -> TlProtocol (ref) */
  GPtrArray *problems;    /* char * */
};

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const TlProtocol *pa = *(TlProtocol * const *) a;
  const TlProtocol *pb = *(TlProtocol * const *) b;

  return g_strcmp0 (pa->id, pb->id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_problem_lines (TlProtocolSet *set,
                   const char    *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (set->problems, g_strdup (lines[i]));
}

TlProtocolSet *
tl_protocol_set_new (void)
{
  TlProtocolSet *set = g_new0 (TlProtocolSet, 1);

  set->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) tl_protocol_unref);
  set->problems = g_ptr_array_new_with_free_func (g_free);
  return set;
}

void
tl_protocol_set_free (TlProtocolSet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->by_id);
  g_ptr_array_unref (set->problems);
  g_free (set);
}

char *
tl_protocol_set_user_directory (void)
{
  return g_build_filename (g_get_user_config_dir (), "tipline", "protocols", NULL);
}

TlProtocolSet *
tl_protocol_set_new_default (void)
{
  TlProtocolSet *set = tl_protocol_set_new ();
  g_autofree char *user_dir = tl_protocol_set_user_directory ();

  tl_protocol_set_add_bundled (set);
  tl_protocol_set_add_directory (set, user_dir, TL_PROTOCOL_ORIGIN_USER);
  return set;
}

void
tl_protocol_set_add (TlProtocolSet *set,
                     TlProtocol    *protocol)
{
  TlProtocol *old;

  g_return_if_fail (set != NULL);
  g_return_if_fail (protocol != NULL && protocol->id != NULL);

  old = g_hash_table_lookup (set->by_id, protocol->id);
  if (old != NULL)
    {
      /* Two of the user's own files with one id is probably a mistake: say which wins. */
      if (old->origin != TL_PROTOCOL_ORIGIN_BUNDLED && protocol->origin != TL_PROTOCOL_ORIGIN_BUNDLED)
        g_ptr_array_add (set->problems,
                         g_strdup_printf (_("%s:1: This protocol has the same id \"%s\" as %s and replaces it."),
                                          protocol->origin_path != NULL ? protocol->origin_path : protocol->filename,
                                          protocol->id,
                                          old->origin_path != NULL ? old->origin_path : old->filename));
      _tl_protocol_set_replaced (protocol, old->origin_path);
    }
  g_hash_table_replace (set->by_id, g_strdup (protocol->id), tl_protocol_ref (protocol));
}

void
tl_protocol_set_add_bundled (TlProtocolSet *set)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (set != NULL);

  names = g_resource_enumerate_children (tl_core_get_resource (), BUNDLED_PATH, 0, NULL);
  if (names == NULL)
    {
      g_ptr_array_add (set->problems, g_strdup (_("Tipline's bundled protocols are missing; reinstall Tipline.")));
      return;
    }
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (BUNDLED_PATH, names[i], NULL);
      g_autofree char *uri = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(TlProtocol) protocol = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (names[i], ".xml"))
        continue;
      bytes = g_resource_lookup_data (tl_core_get_resource (), path, 0, &error);
      if (bytes != NULL)
        protocol = tl_protocol_load_from_data (g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes), uri, &error);
      if (protocol == NULL)
        {
          add_problem_lines (set, error->message);
          continue;
        }
      _tl_protocol_set_origin (protocol, TL_PROTOCOL_ORIGIN_BUNDLED, uri);
      tl_protocol_set_add (set, protocol);
    }
}

gboolean
tl_protocol_set_add_file (TlProtocolSet     *set,
                          const char        *path,
                          TlProtocolOrigin   origin,
                          GError           **error)
{
  g_autoptr(TlProtocol) protocol = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  protocol = tl_protocol_load_from_file (path, &local_error);
  if (protocol == NULL)
    {
      add_problem_lines (set, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _tl_protocol_set_origin (protocol, origin, path);
  tl_protocol_set_add (set, protocol);
  return TRUE;
}

void
tl_protocol_set_add_directory (TlProtocolSet    *set,
                               const char       *directory,
                               TlProtocolOrigin  origin)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_if_fail (set != NULL);
  g_return_if_fail (directory != NULL);

  dir = g_dir_open (directory, 0, &error);
  if (dir == NULL)
    {
      /* No folder simply means no user protocols; anything else is worth saying. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_ptr_array_add (set->problems,
                         g_strdup_printf (_("%s: The protocols folder could not be read: %s"),
                                          directory, error->message));
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  /* Sorted, so which file wins a clash of ids does not depend on the file system. */
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      tl_protocol_set_add_file (set, path, origin, NULL);
    }
}

GPtrArray *
tl_protocol_set_list (TlProtocolSet *set)
{
  GPtrArray *list;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (set != NULL, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_protocol_unref);
  g_hash_table_iter_init (&iter, set->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, tl_protocol_ref (value));
  g_ptr_array_sort (list, compare_ids);
  return list;
}

GPtrArray *
tl_protocol_set_get_problems (TlProtocolSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  return set->problems;
}

TlProtocol *
tl_protocol_set_lookup (TlProtocolSet *set,
                        const char    *id)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (set->by_id, id);
}

/* A state's protocol by its postal code ("NM", " nm "); the lowest id wins if a user
 * has two for one state, so the choice is stable. */
TlProtocol *
tl_protocol_set_for_state (TlProtocolSet *set,
                           const char    *state)
{
  g_autofree char *code = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (set != NULL, NULL);

  if (state == NULL)
    return NULL;
  /* The model's reading of a state, so "New Mexico", "n.m." and "Nuevo México" route
   * like "NM" in the app, the store, an import and the CLI alike. */
  code = g_strdup (tl_state_code (state));
  if (code == NULL)
    return NULL;
  list = tl_protocol_set_list (set);
  for (guint i = 0; i < list->len; i++)
    {
      TlProtocol *p = g_ptr_array_index (list, i);

      if (g_strcmp0 (p->jurisdiction, code) == 0)
        return p;
    }
  return NULL;
}

TlProtocol *
tl_protocol_set_get_national (TlProtocolSet *set)
{
  g_autoptr(GPtrArray) list = NULL;
  TlProtocol *p;

  g_return_val_if_fail (set != NULL, NULL);

  p = g_hash_table_lookup (set->by_id, "national");
  if (p != NULL)
    return p;
  list = tl_protocol_set_list (set);
  for (guint i = 0; i < list->len; i++)
    if (tl_protocol_is_national (g_ptr_array_index (list, i)))
      return g_ptr_array_index (list, i);
  return NULL;
}
