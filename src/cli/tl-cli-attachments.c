/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-cli-attachments"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-attach.h"
#include "tl-cli.h"
#include "tl-error.h"
#include "tl-json.h"

/* attach ID FILE…, attachments ID [--json], attachment ID N -o FILE [--original],
 * detach ID N [--yes] (issue 20): evidence into, out of and off the store, through the
 * core's tl-attach.c and tl-store-attachments.c. */

/* helpers */

static char *
format_iso (gint64 seconds)
{
  g_autoptr(GDateTime) utc = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;

  return utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;
}

static char *
format_local (gint64 seconds)
{
  g_autoptr(GDateTime) utc = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("—");
}

static gboolean
parse_kind (const char       *text,
            TlAttachmentKind *kind)
{
  int value;

  if (text == NULL)
    {
      *kind = TL_ATTACHMENT_KIND_UNCLASSIFIED;
      return TRUE;
    }
  if (!tl_enum_from_nick (tl_attachment_kind_values, text, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

static void
print_json (GPtrArray *list)
{
  g_autoptr(TlJson) json = tl_json_new ();
  g_autofree char *text = NULL;

  tl_json_begin_array (json);
  for (guint i = 0; i < list->len; i++)
    {
      const TlAttachment *a = g_ptr_array_index (list, i);
      g_autofree char *captured = format_iso (a->captured);
      g_autofree char *attached = format_iso (a->attached);

      tl_json_begin_object (json);
      tl_json_member_int (json, "number", a->number);
      tl_json_member_string (json, "name", a->name);
      tl_json_member_string (json, "type", tl_enum_to_nick (tl_attachment_type_values, a->type));
      tl_json_member_string (json, "mime", tl_attachment_type_mime (a->type));
      tl_json_member_string (json, "kind", tl_enum_to_nick (tl_attachment_kind_values, a->kind));
      tl_json_member_int (json, "size", a->size);
      tl_json_member_string (json, "sha256", a->sha256);
      tl_json_member_string (json, "captured", captured);
      tl_json_member_string (json, "attached", attached);
      tl_json_member_string (json, "advocate", a->advocate);
      tl_json_member_bool (json, "cleanable",
                           tl_attachment_clean_method (a->type) != TL_CLEAN_NOT_CLEANABLE);
      tl_json_end_object (json);
    }
  tl_json_end_array (json);
  text = tl_json_steal (g_steal_pointer (&json));
  g_print ("%s\n", text);
}

static void
print_text (GPtrArray *list)
{
  if (list->len == 0)
    {
      g_print ("%s\n", _("This tip has no attachments."));
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const TlAttachment *a = g_ptr_array_index (list, i);
      g_autofree char *size = tl_attachment_format_size (a->size);
      g_autofree char *attached = format_local (a->attached);
      g_autofree char *captured = format_local (a->captured);

      /* number, name, type, size; then the hash; then when, who and what it shows */
      g_print ("%u  %s  %s  %s\n", a->number, a->name,
               g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_attachment_type_values, a->type)), size);
      g_print ("    SHA-256 %s\n", a->sha256);
      /* Translators: attached <when> by <advocate>; captured <when>; <what it shows> */
      g_print (_("    attached %s by %s; captured %s; %s\n"), attached,
               a->advocate != NULL ? a->advocate : "—", captured,
               g_dgettext (GETTEXT_PACKAGE, tl_enum_label (tl_attachment_kind_values, a->kind)));
    }
}

/* commands */

int
tl_cli_attach (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autofree char *kind_text = NULL;
  TlAttachmentKind kind;
  int status, failed = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("What the files show: victim, offender-ad, offender (default: unclassified, sent only in the full record)"), N_("KIND") },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID FILE…", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc < 3)
    return tl_cli_usage (cli, _("attach takes a tip id and one or more files."));
  if (!parse_kind (kind_text, &kind))
    return tl_cli_usage (cli, _("--kind takes victim, offender-ad, offender or unclassified."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      guint number;

      file = g_mapped_file_new (argv[i], FALSE, &error);
      if (file == NULL)
        {
          g_autoptr(GError) sentence = NULL;

          g_set_error (&sentence, TL_ERROR, TL_ERROR_IO,
                       _("Tipline could not read %s. Check the name and that you may read it."), argv[i]);
          tl_cli_fail (cli, sentence);
          failed++;
          continue;
        }
      bytes = g_mapped_file_get_bytes (file);
      number = tl_attach_bytes (store, argv[1], argv[i], bytes, kind, &error);
      if (number == 0)
        {
          status = tl_cli_fail (cli, error);
          failed++;
          continue;
        }
      /* Translators: attachment <number>: <file> */
      g_print (_("Attachment %u: %s\n"), number, argv[i]);
    }
  return failed == 0 ? TL_EXIT_OK : (status != TL_EXIT_OK ? status : TL_EXIT_FAILED);
}

int
tl_cli_attachments (TlCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 2)
    return tl_cli_usage (cli, _("attachments takes one tip id."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  {
    g_autoptr(TlTip) tip = tl_store_load_tip (store, argv[1], &error);

    if (tip == NULL)
      return tl_cli_fail (cli, error);
  }
  list = tl_store_list_attachments (store, argv[1], &error);
  if (list == NULL)
    return tl_cli_fail (cli, error);
  if (json)
    print_json (list);
  else
    print_text (list);
  return TL_EXIT_OK;
}

int
tl_cli_attachment (TlCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gboolean original = FALSE, force = FALSE;
  guint64 number;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the attachment to FILE"), N_("FILE") },
    { "original", 0, 0, G_OPTION_ARG_NONE, &original,
      N_("Write the original with its metadata (GPS, camera, dates) instead of the cleaned copy"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID N -o FILE", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &number, NULL))
    return tl_cli_usage (cli, _("attachment takes a tip id and the attachment’s number, as “tipline-cli attachments” lists it."));
  if (output == NULL)
    return tl_cli_usage (cli, _("Say where to write the attachment with -o FILE."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  if (!tl_attachment_write_file (store, argv[1], number, original, output, force, &error))
    return tl_cli_fail (cli, error);
  return TL_EXIT_OK;
}

/* The bytes are zeroed at once (secure_delete); the store's close runs the purge that
 * empties the write-ahead log and the search index's older segments. */
int
tl_cli_detach (TlCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean yes = FALSE;
  guint64 number;
  int status;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };

  if (!tl_cli_parse (cli, entries, "ID N", &argc, &argv))
    return TL_EXIT_USAGE;
  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &number, NULL))
    return tl_cli_usage (cli, _("detach takes a tip id and the attachment’s number, as “tipline-cli attachments” lists it."));

  store = tl_cli_open_store (cli, &status);
  if (store == NULL)
    return status;
  /* Its record first: the question names the file, and a wrong number fails here. */
  bytes = tl_store_load_attachment (store, argv[1], number, &attachment, &error);
  if (bytes == NULL)
    return tl_cli_fail (cli, error);

  if (!yes && tl_cli_stdin_is_terminal ())
    {
      g_autofree char *question =
        /* Translators: %u is the attachment's number, %s its file name, then the tip's id */
        g_strdup_printf (_("Remove attachment %u (%s) from tip %s and erase it from the store? It cannot be brought back. [y/N]"),
                         attachment->number, attachment->name, attachment->tip_id);
      if (!tl_cli_confirm (question))
        {
          g_print ("%s\n", _("Nothing was removed."));
          return TL_EXIT_OK;
        }
    }

  if (!tl_store_delete_attachment (store, argv[1], number, &error))
    return tl_cli_fail (cli, error);
  /* Translators: attachment <number> (<file name>) removed; then its SHA-256 */
  g_print (_("Removed attachment %u (%s); the audit log keeps its SHA-256 %s\n"),
           attachment->number, attachment->name, attachment->sha256);
  return TL_EXIT_OK;
}
