/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-xml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <string.h>

#include "tl-tip-xml-private.h"

/* The <attachment> elements of a tip file (issue 20; data/schemas/README.md): the bytes
 * in base64, cut into <data> pieces, because libxml2 refuses a text node over 10 MB
 * unless its safety limits are switched off, and a 25 MB photo is 33 MB of base64. The
 * reader checks the bytes against the file's own SHA-256 and size; an attachment that
 * does not match is refused on its own (one sentence) and the rest of the file stays. */

#define FORMAT "1"
#define PIECE_BYTES (768 * 1024)    /* 1 MiB of base64 per <data> */

/* helpers */

/* UTC, whole seconds, as the store keeps them ("2026-11-22T21:05:09Z"). */
static char *
format_seconds (gint64 seconds)
{
  g_autoptr(GDateTime) date_time = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;

  return date_time != NULL ? g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static gint64
parse_seconds (const char *text)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (text == NULL)
    return 0;
  date_time = g_date_time_new_from_iso8601 (text, NULL);
  return date_time != NULL ? g_date_time_to_unix (date_time) : 0;
}

static void
set_prop (xmlNodePtr  node,
          const char *name,
          const char *value)
{
  if (value != NULL)
    xmlNewProp (node, BAD_CAST name, BAD_CAST value);
}

static char *
dup_prop (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static void
add_one (xmlNodePtr                 tip_node,
         const TlCarriedAttachment *carried)
{
  const TlAttachment *a = carried->info;
  xmlNodePtr node = xmlNewChild (tip_node, tip_node->ns, BAD_CAST "attachment", NULL);
  g_autofree char *number = g_strdup_printf ("%u", a->number);
  g_autofree char *size = NULL;
  g_autofree char *captured = format_seconds (a->captured);
  g_autofree char *attached = format_seconds (a->attached);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (carried->bytes, &length);

  size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
  set_prop (node, "format", FORMAT);
  set_prop (node, "number", number);
  set_prop (node, "name", a->name);
  set_prop (node, "kind", tl_enum_to_nick (tl_attachment_kind_values, a->kind));
  set_prop (node, "size", size);
  set_prop (node, "sha256", a->sha256);
  set_prop (node, "copy", carried->cleaned ? "cleaned" : "original");
  if (carried->cleaned)
    set_prop (node, "original-sha256", carried->original_sha256);
  set_prop (node, "captured", captured);
  set_prop (node, "attached", attached);
  set_prop (node, "by", a->advocate);

  /* At least one piece, so an empty file still has its (empty) <data>. */
  for (gsize offset = 0; offset == 0 || offset < length; offset += PIECE_BYTES)
    {
      g_autofree char *text = g_base64_encode (data + offset, MIN (PIECE_BYTES, length - offset));

      xmlNewTextChild (node, tip_node->ns, BAD_CAST "data", BAD_CAST text);
      if (length == 0)
        break;
    }
}

static char *
refuse (const char *filename,
        xmlNodePtr  node,
        const char *tip_id,
        const char *name,
        const char *why)
{
  /* Translators: FILE:LINE: tip ID, attachment “NAME”: why it was not imported */
  return g_strdup_printf (_("%s:%ld: tip %s, attachment “%s”: %s It was not imported."),
                          filename, xmlGetLineNo (node), tip_id, name != NULL ? name : "", why);
}

/* The bytes of the <data> pieces, or NULL when they are more than an attachment may be
 * (counted before decoding, so a hostile file cannot make Tipline decode gigabytes). */
static GBytes *
decode (xmlNodePtr node)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize encoded = 0;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (_tl_tip_xml_is_element (child, "data") && child->children != NULL &&
        child->children->content != NULL)
      encoded += strlen ((const char *) child->children->content);
  if (encoded / 4 * 3 > TL_ATTACHMENT_MAX_SIZE + 3)
    return NULL;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (_tl_tip_xml_is_element (child, "data"))
      {
        xmlChar *text = xmlNodeGetContent (child);
        gsize length = 0;
        guchar *piece = g_base64_decode ((const char *) text, &length);

        g_byte_array_append (bytes, piece, length);
        g_free (piece);
        xmlFree (text);
      }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static TlCarriedAttachment *
read_one (xmlNodePtr  node,
          const char *tip_id,
          const char *filename)
{
  g_autoptr(TlCarriedAttachment) carried = g_new0 (TlCarriedAttachment, 1);
  TlAttachment *a = g_new0 (TlAttachment, 1);
  g_autofree char *number = dup_prop (node, "number");
  g_autofree char *kind = dup_prop (node, "kind");
  g_autofree char *size = dup_prop (node, "size");
  g_autofree char *copy = dup_prop (node, "copy");
  g_autofree char *captured = dup_prop (node, "captured");
  g_autofree char *attached = dup_prop (node, "attached");
  g_autofree char *actual = NULL;
  int kind_value = TL_ATTACHMENT_KIND_UNCLASSIFIED;
  gsize length = 0;
  const guint8 *data;

  carried->info = a;
  a->tip_id = g_strdup (tip_id);
  a->number = number != NULL ? (guint) g_ascii_strtoull (number, NULL, 10) : 0;
  a->name = dup_prop (node, "name");
  a->sha256 = dup_prop (node, "sha256");
  a->advocate = dup_prop (node, "by");
  a->size = size != NULL ? g_ascii_strtoll (size, NULL, 10) : -1;
  a->captured = parse_seconds (captured);
  a->attached = parse_seconds (attached);
  if (kind != NULL && tl_enum_from_nick (tl_attachment_kind_values, kind, &kind_value))
    a->kind = kind_value;
  carried->cleaned = g_strcmp0 (copy, "cleaned") == 0;
  carried->original_sha256 = dup_prop (node, "original-sha256");

  carried->bytes = decode (node);
  if (carried->bytes == NULL)
    {
      g_autofree char *limit = g_strdup_printf ("%d MB", TL_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      g_autofree char *why = g_strdup_printf (_("It is larger than %s, the most Tipline attaches."), limit);

      carried->refused = refuse (filename, node, tip_id, a->name, why);
      return g_steal_pointer (&carried);
    }
  data = g_bytes_get_data (carried->bytes, &length);
  actual = tl_attachment_sha256 (data, length);
  if (a->sha256 == NULL || g_ascii_strcasecmp (actual, a->sha256) != 0 || (gint64) length != a->size)
    {
      carried->refused = refuse (filename, node, tip_id, a->name,
                                 _("Its bytes do not match the SHA-256 the file gives for them: it was changed or damaged on the way."));
      g_clear_pointer (&carried->bytes, g_bytes_unref);
      return g_steal_pointer (&carried);
    }
  /* What arrived, as the store will record it. */
  g_free (a->sha256);
  a->sha256 = g_steal_pointer (&actual);
  a->type = tl_attachment_sniff (data, length);
  return g_steal_pointer (&carried);
}

/* Shared with the writer and the reader */

void
_tl_tip_xml_add_attachments (xmlNodePtr   tip_node,
                             const TlTip *tip,
                             GPtrArray   *carried)
{
  for (guint i = 0; carried != NULL && i < carried->len; i++)
    {
      const TlCarriedAttachment *c = g_ptr_array_index (carried, i);

      if (c->bytes != NULL && g_strcmp0 (c->info->tip_id, tip->id) == 0)
        add_one (tip_node, c);
    }
}

void
_tl_tip_xml_read_attachments (xmlNodePtr  root,
                              const char *filename,
                              GPtrArray  *carried)
{
  gboolean one = _tl_tip_xml_is_element (root, "tip");

  for (xmlNodePtr tip = one ? root : root->children; tip != NULL; tip = one ? NULL : tip->next)
    {
      g_autofree char *tip_id = NULL;

      if (!_tl_tip_xml_is_element (tip, "tip"))
        continue;
      tip_id = dup_prop (tip, "id");
      for (xmlNodePtr child = tip->children; child != NULL; child = child->next)
        if (_tl_tip_xml_is_element (child, "attachment"))
          g_ptr_array_add (carried, read_one (child, tip_id, filename));
    }
}
