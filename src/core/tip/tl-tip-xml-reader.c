/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-tip-xml"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>

#include "tl-core-resources.h"
#include "tl-error.h"
#include "tl-tip-xml.h"
#include "tl-tip-xml-private.h"

/* Tip files come from outside: other offices, other tools, e-mail attachments. The
 * reader therefore refuses anything over TL_TIP_XML_MAX_SIZE before parsing, never
 * touches the network, never substitutes entities or loads DTDs, and stops at the
 * first DOCTYPE (a document type is how billion-laughs and external-entity attacks
 * get in, and a tip file has no use for one). libxml2's messages are caught and
 * turned into one "FILE:LINE: sentence" error; nothing is printed. */

/* COMPACT keeps short text inside its node instead of a block of its own: fewer
 * allocations per tip (export --all parses every tip: 7-10 % of its time, issue 16).
 * It forbids changing the tree afterwards, which the reader never does. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT)

typedef struct
{
  int line;
  char *element;      /* the element the first error is about, if known */
  char *message;      /* libxml2's text for the first error, NULL if none */
} FirstError;

typedef struct
{
  const char *filename;
  TlTipXmlFlags flags;
  GPtrArray *carried;  /* TlCarriedAttachment, or NULL when not asked for */
  FirstError first;
  int doctype_line;   /* where a DOCTYPE was met; 0 if there is none */
} ReadContext;

/* libxml2's error handlers are per thread; these are the ones we replaced. */
typedef struct
{
  xmlStructuredErrorFunc structured;
  void *structured_data;
  xmlGenericErrorFunc generic;
  void *generic_data;
} ErrorGuard;

/* Helpers */

static void
ensure_libxml (void)
{
  static gsize initialized;

  /* xmlInitParser is not safe to call from two threads at once. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
first_error_record (FirstError  *first,
                    xmlErrorPtr  error)
{
  g_autofree char *message = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR || first->message != NULL)
    return;

  first->line = error->line;
  /* Validation errors point at a node; its line is exact even past 65535, and
   * its name says where, which libxml2's first message often does not. */
  if (error->node != NULL && ((xmlNodePtr) error->node)->type == XML_ELEMENT_NODE)
    {
      xmlNodePtr node = error->node;

      first->line = (int) xmlGetLineNo (node);
      first->element = g_strdup ((const char *) node->name);
    }

  message = g_utf8_make_valid (error->message != NULL ? error->message : "", -1);
  first->message = g_strdup (g_strstrip (message));
}

/* Callbacks */

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  first_error_record (user_data, error);
}

static void
parser_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  /* libxml2 passes the parser context; ours hangs off _private. */
  xmlParserCtxtPtr ctxt = user_data;
  ReadContext *rc = ctxt->_private;

  first_error_record (&rc->first, error);
}

static void
generic_error_cb (void       *user_data,
                  const char *format,
                  ...)
{
  /* Unstructured messages also have a structured twin; drop these so nothing
   * reaches stderr. */
}

static void
doctype_cb (void          *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = user_data;
  ReadContext *rc = ctxt->_private;

  /* Called once the DOCTYPE's name and identifiers are read, before any of its
   * declarations: stopping here means no entity is ever declared or fetched. */
  rc->doctype_line = xmlSAX2GetLineNumber (ctxt);
  xmlStopParser (ctxt);
}

static void
error_guard_begin (ErrorGuard *guard,
                   FirstError *first)
{
  guard->structured = xmlStructuredError;
  guard->structured_data = xmlStructuredErrorContext;
  guard->generic = xmlGenericError;
  guard->generic_data = xmlGenericErrorContext;

  xmlSetStructuredErrorFunc (first, structured_error_cb);
  xmlSetGenericErrorFunc (NULL, generic_error_cb);
}

static void
error_guard_end (ErrorGuard *guard)
{
  xmlSetStructuredErrorFunc (guard->structured_data, guard->structured);
  xmlSetGenericErrorFunc (guard->generic_data, guard->generic);
}

/* Parsing and validation */

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized;
  static xmlRelaxNGPtr schema;

  /* Compiled once and kept: the schema never changes while Tipline runs. */
  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      FirstError first = { 0, NULL, NULL };
      ErrorGuard guard;

      /* Referencing the resource keeps it in the static library's link. */
      bytes = g_resource_lookup_data (tl_core_get_resource (), TL_TIP_XML_SCHEMA_PATH,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_critical ("The tip schema is missing from the resources: %s", error->message);
        }
      else
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlRelaxNGParserCtxtPtr parser;

          error_guard_begin (&guard, &first);
          parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);
          xmlRelaxNGSetParserStructuredErrors (parser, structured_error_cb, &first);
          schema = xmlRelaxNGParse (parser);
          xmlRelaxNGFreeParserCtxt (parser);
          error_guard_end (&guard);

          if (schema == NULL)
            g_critical ("The tip schema does not compile: line %d: %s",
                        first.line, first.message != NULL ? first.message : "");
          g_free (first.element);
          g_free (first.message);
        }

      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

static gboolean
validate (ReadContext  *rc,
          xmlDocPtr     doc,
          GError      **error)
{
  /* One validation at a time: libxml2 does not promise that a compiled RelaxNG
   * schema may be used from several threads at once. */
  static GMutex lock;
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr validator;
  int result;

  if (schema == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_FAILED,
                   _("Tipline could not load its description of the tip format, so it cannot "
                     "check %s. This is a bug in Tipline; please report it."),
                   rc->filename);
      return FALSE;
    }

  g_mutex_lock (&lock);
  validator = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (validator, structured_error_cb, &rc->first);
  result = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  g_mutex_unlock (&lock);

  if (result == 0)
    return TRUE;

  if (rc->first.message == NULL)
    {
      rc->first.line = (int) xmlGetLineNo (xmlDocGetRootElement (doc));
      rc->first.message = g_strdup ("");
    }

  if (rc->first.element != NULL)
    g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                 /* Translators: FILE:LINE: then an element name and libxml2's English detail */
                 _("%s:%d: This tip does not follow the Tipline tip format: <%s>: %s"),
                 rc->filename, rc->first.line, rc->first.element, rc->first.message);
  else
    g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                 /* Translators: FILE:LINE: then libxml2's English detail */
                 _("%s:%d: This tip does not follow the Tipline tip format: %s"),
                 rc->filename, rc->first.line, rc->first.message);
  return FALSE;
}

static xmlDocPtr
parse (ReadContext *rc,
       const char  *data,
       gsize        length)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDocPtr doc;

  if (ctxt == NULL)
    g_error ("Could not read tip XML: out of memory");

  ctxt->_private = rc;
  ctxt->sax->serror = parser_error_cb;
  ctxt->sax->internalSubset = doctype_cb;

  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, PARSE_OPTIONS);
  xmlFreeParserCtxt (ctxt);

  return doc;
}

static GPtrArray *
read_document (ReadContext  *rc,
               const char   *data,
               gsize         length,
               GError      **error)
{
  g_autoptr(xmlDoc) doc = parse (rc, data, length);
  GPtrArray *tips;
  xmlNodePtr root;

  if (rc->doctype_line > 0)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("%s:%d: This file declares a document type (<!DOCTYPE …>). Tip files "
                     "must not have one, because a document type can make a program read "
                     "other files or run out of memory. Remove the DOCTYPE and try again."),
                   rc->filename, rc->doctype_line);
      return NULL;
    }

  /* Namespace and other recoverable errors still return a document: any error
   * at all means the file is not what it claims to be. */
  if (rc->first.message != NULL || doc == NULL)
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   /* Translators: FILE:LINE: then libxml2's English detail */
                   _("%s:%d: This is not well-formed XML: %s"),
                   rc->filename, rc->first.line,
                   rc->first.message != NULL ? rc->first.message : "");
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL
      || !(_tl_tip_xml_is_element (root, "tip") || _tl_tip_xml_is_element (root, "tips")))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_INVALID,
                   _("%s:%d: This is not a Tipline tip file: it should start with <tip> or "
                     "<tips> in the namespace %s."),
                   rc->filename, root != NULL ? (int) xmlGetLineNo (root) : 1,
                   TL_TIP_XML_NAMESPACE);
      return NULL;
    }

  if (!(rc->flags & TL_TIP_XML_TRUSTED) && !validate (rc, doc, error))
    return NULL;

  tips = _tl_tip_xml_tips_from_root (root, rc->filename, rc->flags, error);
  if (tips != NULL && rc->carried != NULL)
    _tl_tip_xml_read_attachments (root, rc->filename, rc->carried);
  return tips;
}

/* Public API */

GPtrArray *
tl_tip_xml_read (const char     *data,
                 gsize           length,
                 const char     *filename,
                 TlTipXmlFlags   flags,
                 GError        **error)
{
  return tl_tip_xml_read_carrying (data, length, filename, flags, NULL, error);
}

GPtrArray *
tl_tip_xml_read_carrying (const char     *data,
                          gsize           length,
                          const char     *filename,
                          TlTipXmlFlags   flags,
                          GPtrArray      *carried,
                          GError        **error)
{
  ReadContext rc = { 0, };
  ErrorGuard guard;
  GPtrArray *tips;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Translators: stands in for a file name when tips come from memory */
  rc.filename = filename != NULL ? filename : _("tip data");
  rc.flags = flags;
  rc.carried = carried;

  if (length > TL_TIP_XML_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (TL_TIP_XML_MAX_SIZE);

      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s is %s; a tip file can be at most %s. Split it into smaller files."),
                   rc.filename, size, limit);
      return NULL;
    }

  ensure_libxml ();

  error_guard_begin (&guard, &rc.first);
  tips = read_document (&rc, data != NULL ? data : "", length, error);
  error_guard_end (&guard);

  g_free (rc.first.element);
  g_free (rc.first.message);

  return tips;
}

GPtrArray *
tl_tip_xml_read_file (const char  *path,
                      GError     **error)
{
  return tl_tip_xml_read_file_carrying (path, NULL, error);
}

GPtrArray *
tl_tip_xml_read_file_carrying (const char  *path,
                               GPtrArray   *carried,
                               GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TL_ERROR, TL_ERROR_IO, _("Could not read %s: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  /* A FIFO or device could feed data forever; only plain files are read. */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO,
                   _("Could not read %s: it is not a regular file."), display);
      return NULL;
    }

  /* Check the size first, so an oversized file is refused without reading it. */
  if (st.st_size > TL_TIP_XML_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (TL_TIP_XML_MAX_SIZE);

      g_set_error (error, TL_ERROR, TL_ERROR_TOO_LARGE,
                   _("%s is %s; a tip file can be at most %s. Split it into smaller files."),
                   display, size, limit);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, TL_ERROR, TL_ERROR_IO, _("Could not read %s: %s"),
                   display, local_error->message);
      return NULL;
    }

  /* If the file grew after the check, tl_tip_xml_read refuses it by length. */
  return tl_tip_xml_read_carrying (contents, length, display, TL_TIP_XML_NONE, carried, error);
}
