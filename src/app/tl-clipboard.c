/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-clipboard"

#include "config.h"

#include "tl-clipboard.h"

/* Every copy of a number (or of a recovery code) goes through here, so that one place
 * decides what reaches the clipboard and for how long. What was copied is remembered
 * only as a keyed hash (the key is random and lives as long as the process), so the
 * clipboard can be cleared later only if it still holds that text: something the
 * advocate copied since, from any program, is left alone. */

static guint clear_timeout_ms = TL_CLIPBOARD_CLEAR_MS;
static guint clear_source;
static GdkClipboard *copied_clipboard;   /* weak */
static char *copied_mac;
static guint8 mac_key[32];
static gboolean mac_key_set;

/* helpers */

static char *
compute_mac (const char *text)
{
  if (!mac_key_set)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mac_key); i++)
        mac_key[i] = (guint8) g_random_int_range (0, 256);
      mac_key_set = TRUE;
    }
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, mac_key, sizeof mac_key, text, -1);
}

static void
forget_copy (void)
{
  g_clear_handle_id (&clear_source, g_source_remove);
  g_clear_pointer (&copied_mac, g_free);
  if (copied_clipboard != NULL)
    g_object_remove_weak_pointer (G_OBJECT (copied_clipboard), (gpointer *) &copied_clipboard);
  copied_clipboard = NULL;
}

/* callbacks */

static void
read_back_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  g_autofree char *expected = user_data;
  g_autofree char *text = NULL;
  g_autofree char *mac = NULL;

  text = gdk_clipboard_read_text_finish (clipboard, result, NULL);
  if (text == NULL)
    return;

  mac = compute_mac (text);
  if (g_str_equal (mac, expected))
    gdk_clipboard_set_content (clipboard, NULL);
}

static void
clear_if_still_ours (void)
{
  GdkClipboard *clipboard = copied_clipboard;
  char *expected = g_steal_pointer (&copied_mac);

  forget_copy ();
  if (clipboard == NULL || expected == NULL)
    {
      g_free (expected);
      return;
    }

  gdk_clipboard_read_text_async (clipboard, NULL, read_back_cb, expected);
}

static gboolean
clear_timeout_cb (gpointer user_data)
{
  clear_source = 0;
  clear_if_still_ours ();
  return G_SOURCE_REMOVE;
}

static void
copy_text (GtkWidget  *widget,
           const char *text)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  forget_copy ();
  gdk_clipboard_set_text (clipboard, text);

  copied_mac = compute_mac (text);
  copied_clipboard = clipboard;
  g_object_add_weak_pointer (G_OBJECT (clipboard), (gpointer *) &copied_clipboard);
  clear_source = g_timeout_add (clear_timeout_ms, clear_timeout_cb, NULL);
}

/* public API */

/**
 * tl_copy_number:
 * @widget: a widget on the display whose clipboard to use
 * @digits: what to dial, e.g. "18553337233" or "#7233"
 *
 * Puts the dialable number on the clipboard, to paste into a softphone, and takes it
 * off again after TL_CLIPBOARD_CLEAR_MS if nothing else was copied since.
 */
void
tl_copy_number (GtkWidget  *widget,
                const char *digits)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (digits != NULL);

  copy_text (widget, digits);
}

/**
 * tl_copy_secret:
 * @widget: a widget on the display whose clipboard to use
 * @secret: a recovery code
 *
 * Like tl_copy_number(): the clipboard is cleared after the same delay.
 */
void
tl_copy_secret (GtkWidget  *widget,
                const char *secret)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (secret != NULL);

  copy_text (widget, secret);
}

/* On lock: takes a copied number or code off the clipboard now, if it is still there. */
void
tl_clipboard_clear_copied (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  clear_if_still_ours ();
}

void
_tl_clipboard_set_clear_timeout (guint ms)
{
  clear_timeout_ms = ms;
}
