/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-agency"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tl-agency.h"
#include "tl-error.h"
#include "tl-file-util.h"

/* The fingerprint is what the advocates compare, so it covers both keys: a file whose
 * encryption key was swapped has another fingerprint. 100 bits make a second key with
 * the same fingerprint out of reach; 20 characters can still be read aloud. */

#define FINGERPRINT_BITS 100
#define KEY_FILE_MAGIC "tipline-agency-public-key 1"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* helpers */

static char *
dup_key_base64 (const guint8 *key)
{
  return g_base64_encode (key, TL_AGENCY_KEY_BYTES);
}

static gboolean
parse_key (const char  *value,
           guint8      *key)
{
  gsize length = 0;
  g_autofree guchar *bytes = NULL;

  if (value == NULL || strlen (value) != 44)
    return FALSE;
  bytes = g_base64_decode (value, &length);
  if (length != TL_AGENCY_KEY_BYTES)
    return FALSE;
  memcpy (key, bytes, TL_AGENCY_KEY_BYTES);
  return TRUE;
}

static gboolean
invalid_file (GError **error)
{
  g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                       _("This is not a Tipline agency public-key file, or it was damaged: ask the agency to send it again."));
  return FALSE;
}

/* public API */

char *
tl_agency_dup_fingerprint (const TlAgency *agency)
{
  static const char domain[] = "tipline-agency-fingerprint-1";
  crypto_generichash_state state;
  guint8 hash[16];
  GString *out = g_string_new (NULL);
  guint bit = 0;

  g_return_val_if_fail (agency != NULL, NULL);

  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, agency->sign_public, TL_AGENCY_KEY_BYTES);
  crypto_generichash_update (&state, agency->box_public, TL_AGENCY_KEY_BYTES);
  crypto_generichash_final (&state, hash, sizeof hash);

  for (guint i = 0; i < FINGERPRINT_BITS / 5; i++, bit += 5)
    {
      guint value = 0;

      for (guint b = 0; b < 5; b++)
        value = (value << 1) | ((hash[(bit + b) / 8] >> (7 - (bit + b) % 8)) & 1);
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, alphabet[value]);
    }
  return g_string_free (out, FALSE);
}

char *
tl_agency_key_file_to_text (const TlAgency *agency)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *box = NULL;
  g_autofree char *sign = NULL;

  g_return_val_if_fail (agency != NULL, NULL);

  fingerprint = tl_agency_dup_fingerprint (agency);
  box = dup_key_base64 (agency->box_public);
  sign = dup_key_base64 (agency->sign_public);
  return g_strdup_printf ("%s\nfingerprint %s\nencryption %s\nsigning %s\n",
                          KEY_FILE_MAGIC, fingerprint, box, sign);
}

gboolean
tl_agency_write_key_file (const TlAgency  *agency,
                          const char      *path,
                          gboolean         overwrite,
                          GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (agency != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = tl_agency_key_file_to_text (agency);
  return tl_write_private_file (path, text, strlen (text), overwrite, error);
}

TlAgency *
tl_agency_parse_key_file (const char  *text,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(TlAgency) agency = NULL;
  g_autofree char *fingerprint = NULL;
  const char *claimed = NULL;
  gboolean have_box = FALSE, have_sign = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (length > TL_AGENCY_KEY_FILE_MAX || memchr (text, '\0', length) != NULL ||
      !g_utf8_validate (text, length, NULL))
    {
      invalid_file (error);
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  if (lines[0] == NULL || !g_str_equal (g_strstrip (lines[0]), KEY_FILE_MAGIC))
    {
      invalid_file (error);
      return NULL;
    }

  agency = g_new0 (TlAgency, 1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "fingerprint "))
        claimed = line + strlen ("fingerprint ");
      else if (g_str_has_prefix (line, "encryption "))
        have_box = parse_key (line + strlen ("encryption "), agency->box_public);
      else if (g_str_has_prefix (line, "signing "))
        have_sign = parse_key (line + strlen ("signing "), agency->sign_public);
      else if (*line != '\0')
        {
          invalid_file (error);
          return NULL;
        }
    }
  if (!have_box || !have_sign || claimed == NULL)
    {
      invalid_file (error);
      return NULL;
    }
  fingerprint = tl_agency_dup_fingerprint (agency);
  if (g_ascii_strcasecmp (fingerprint, claimed) != 0)
    {
      g_set_error_literal (error, TL_ERROR, TL_ERROR_INVALID,
                           _("The public-key file does not match its own fingerprint, so it was changed or damaged: ask the agency to send it again."));
      return NULL;
    }
  return g_steal_pointer (&agency);
}

TlAgency *
tl_agency_read_key_file (const char  *path,
                         GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  /* A key file is a few lines: anything larger is not one, and is not read. */
  if (g_stat (path, &st) == 0 && st.st_size > TL_AGENCY_KEY_FILE_MAX)
    {
      invalid_file (error);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TL_ERROR, TL_ERROR_IO,
                   _("Tipline could not read %s: %s"), display, local_error->message);
      return NULL;
    }
  return tl_agency_parse_key_file (text, length, error);
}
