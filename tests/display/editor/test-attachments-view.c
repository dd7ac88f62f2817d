/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-attachments-view"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tl-attachment-preview.h"
#include "tl-attachment-viewer.h"
#include "tl-attachments-section.h"
#include "tl-i18n.h"
#include "tl-test-evidence.h"
#include "tl-test-store.h"
#include "tl-test-util.h"
#include "tl-tip-editor.h"

/* Attachments in the tip editor (issue 20), in a real window under Xvfb: a screenshot
 * pasted from the clipboard becomes an attachment in the store with its thumbnail; the
 * viewer shows the GPS position under its warning; damaged images and PDFs show "Cannot
 * preview" and never crash (the corpus of damaged files replayed); a thumbnail's remove
 * button asks, then removes; a voicemail plays in the viewer from memory (no file with
 * its bytes appears) and the viewer's remove button removes it. */

typedef struct
{
  TlTestStore store;
  GtkWindow *window;
  TlTipEditor *editor;
  TlTip *tip;
} Fixture;

/* Damaged files that no loader may show (the others in the corpus only must not crash). */
static const char * const never_previewed[] = {
  "jpeg-header-only", "png-truncated", "png-chunk-length-huge", "png-no-ihdr",
  "pdf-header-only", "gif-truncated",
};

/* helpers */


/* A window whose content just changed (a player that ended) may have nothing to draw
 * until it is laid out again: try for up to 5 s, as tl_test_screenshot() does. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int width = 0, height = 0;

  while (node == NULL && g_get_monotonic_time () < end)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        tl_test_spin (50);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Whether a regular file under dir (changed since `since`) holds needle: where a player
 * that wrote the recording out would leave it. */
static gboolean
tree_holds (const char   *dir,
            const guint8 *needle,
            gsize         length,
            gint64        since,
            guint         depth)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autofree char *contents = NULL;
      gsize size;
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || st.st_mtime < since)
        continue;
      if (S_ISDIR (st.st_mode) && depth > 0 && tree_holds (path, needle, length, since, depth - 1))
        return TRUE;
      if (S_ISREG (st.st_mode) && st.st_size < 64 * 1024 * 1024 &&
          g_file_get_contents (path, &contents, &size, NULL) &&
          memmem (contents, size, needle, length) != NULL)
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A button activated as by the keyboard shows itself pressed for 250 ms before it
 * clicks: wait for what it opens, at most 3 s (a busy CI machine). */
static AdwMessageDialog *
wait_for_message_dialog (void)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (find_message_dialog () == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return find_message_dialog ();
}

static TlAttachmentViewer *
find_viewer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TL_IS_ATTACHMENT_VIEWER (window))
        return TL_ATTACHMENT_VIEWER (window);
    }
  return NULL;
}

static TlAttachmentsSection *
section (Fixture *fixture)
{
  return TL_ATTACHMENTS_SECTION (tl_tip_editor_get_attachments (fixture->editor));
}

/* The section is the last of the form: scroll down to it for the screenshot. */
static void
scroll_to_end (Fixture *fixture)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (section (fixture)), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  tl_test_spin (200);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  tl_test_spin (300);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tl_test_store_set_up (&fixture->store, NULL);
  fixture->tip = tl_tip_new ();
  fixture->tip->type = TL_TRAFFICKING_SEX;
  tl_set_str (&fixture->tip->location.state, "NM");
  tl_test_store_save (&fixture->store, fixture->tip);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 700);
  fixture->editor = TL_TIP_EDITOR (tl_tip_editor_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  tl_tip_editor_set_store (fixture->editor, fixture->store.store);
  tl_tip_editor_set_tip (fixture->editor, fixture->tip);
  gtk_window_present (fixture->window);
  tl_test_spin (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->tip, tl_tip_unref);
  tl_test_store_tear_down (&fixture->store, NULL);
}

/* tests */

static void
test_paste_screenshot (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) png = tl_test_evidence_plain_png ();
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (section (fixture)));
  GdkPaintable *thumbnail;
  const TlAttachment *attachment;
  gint64 end;

  g_assert_nonnull (texture);
  g_assert_cmpuint (tl_attachments_section_get_n_items (section (fixture)), ==, 0);
  gdk_clipboard_set_texture (clipboard, texture);
  tl_attachments_section_paste (section (fixture));

  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (tl_attachments_section_get_n_items (section (fixture)) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (tl_attachments_section_get_message (section (fixture)), ==, NULL);
  g_assert_cmpuint (tl_attachments_section_get_n_items (section (fixture)), ==, 1);

  /* The thumbnail is the pasted picture, 8 × 8. */
  thumbnail = tl_attachments_section_get_thumbnail (section (fixture), 0);
  g_assert_nonnull (thumbnail);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (thumbnail), ==, 8);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (thumbnail), ==, 8);

  /* In the store, as a PNG named after its arrival. */
  stored = tl_store_list_attachments (fixture->store.store, fixture->tip->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  attachment = g_ptr_array_index (stored, 0);
  g_assert_cmpint (attachment->type, ==, TL_ATTACHMENT_TYPE_PNG);
  g_assert_true (g_str_has_prefix (attachment->name, "Pasted image "));
  g_assert_true (g_str_has_suffix (attachment->name, ".png"));
  scroll_to_end (fixture);
  save_png (GTK_WIDGET (fixture->window), "attachments-pasted.png");
}

static void
test_viewer_metadata (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = tl_test_evidence_jpeg ();
  g_autoptr(GPtrArray) stored = NULL;
  GtkWidget *viewer;
  gboolean found_gps = FALSE;

  g_assert_true (tl_attachments_section_attach (section (fixture), "IMG_2041.jpg", jpeg));
  g_assert_nonnull (tl_attachments_section_get_thumbnail (section (fixture), 0));
  stored = tl_store_list_attachments (fixture->store.store, fixture->tip->id, NULL);

  viewer = tl_attachment_viewer_new (fixture->store.store, g_ptr_array_index (stored, 0), jpeg);
  gtk_window_present (GTK_WINDOW (viewer));
  tl_test_spin (400);
  /* The GPS position is shown, with the warning. */
  for (GtkWidget *w = gtk_widget_get_first_child (viewer); w != NULL; )
    {
      if (ADW_IS_ACTION_ROW (w) &&
          g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (w)), "35.084167, -106.650556") == 0)
        found_gps = TRUE;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != viewer && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == viewer ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_true (found_gps);
  save_png (viewer, "attachments-viewer.png");
  gtk_window_destroy (GTK_WINDOW (viewer));
}

/* Every file of the damaged corpus through the previewer, and the attachable ones into
 * the editor: no crash, "Cannot preview" where nothing can be shown. */
static void
test_damaged_corpus (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "attachment", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint replayed = 0, attached = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;
      TlAttachmentType type;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bytes = g_bytes_new (contents, length);
      type = tl_attachment_sniff ((const guint8 *) contents, length);
      for (TlAttachmentType t = 0; t < tl_enum_count (tl_attachment_type_values); t++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GdkPaintable) paintable = tl_attachment_preview_new (t, bytes, 96, &error);

          g_assert_true (paintable == NULL || error == NULL);
          if (t == type && g_strv_contains (never_previewed, entry))
            {
              g_assert_null (paintable);
              g_assert_nonnull (error);
            }
        }
      if (type != TL_ATTACHMENT_TYPE_UNKNOWN && attached < TL_ATTACHMENT_MAX_PER_TIP &&
          tl_attachments_section_attach (section (fixture), entry, bytes))
        attached++;
      replayed++;
    }
  g_assert_cmpuint (replayed, >, 10);
  g_assert_cmpuint (attached, >, 5);
  g_assert_cmpuint (tl_attachments_section_get_n_items (section (fixture)), ==, attached);
  scroll_to_end (fixture);
  save_png (GTK_WIDGET (fixture->window), "attachments-damaged.png");
}

/* The remove button on a thumbnail: the dialog names the file and says what happens;
 * Cancel keeps it, Remove takes it out of the store, the others stay. */
static void
test_remove_from_thumbnail (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) png = tl_test_evidence_plain_png ();
  g_autoptr(GBytes) text = g_bytes_new_static ("Ad text: call now\n", 18);
  g_autoptr(GPtrArray) stored = NULL;
  static const struct
  {
    const char *response;
    guint left;
  } answers[] = {
    { "cancel", 2 },
    { "remove", 1 },
  };

  g_assert_true (tl_attachments_section_attach (section (fixture), "ad-screenshot.png", png));
  g_assert_true (tl_attachments_section_attach (section (fixture), "ad-text.txt", text));
  scroll_to_end (fixture);
  save_png (GTK_WIDGET (fixture->window), "attachments-remove-buttons.png");

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GtkWidget *remove = tl_attachments_section_get_remove_button (section (fixture), 0);
      AdwMessageDialog *dialog;

      g_assert_nonnull (remove);
      g_assert_true (gtk_widget_get_visible (remove) && gtk_widget_is_sensitive (remove));
      g_assert_true (gtk_widget_activate (remove));
      dialog = wait_for_message_dialog ();
      g_assert_nonnull (dialog);
      g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "ad-screenshot.png"));
      g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==,
                       ADW_RESPONSE_DESTRUCTIVE);
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
      if (i == 0)
        {
          tl_test_spin (300);   /* drawn once, for the screenshot */
          save_png (GTK_WIDGET (dialog), "attachments-remove-dialog.png");
        }
      adw_message_dialog_response (dialog, answers[i].response);
      tl_test_spin (200);
      g_assert_cmpuint (tl_attachments_section_get_n_items (section (fixture)), ==, answers[i].left);
    }
  g_assert_cmpstr (tl_attachments_section_get_message (section (fixture)), ==, NULL);
  stored = tl_store_list_attachments (fixture->store.store, fixture->tip->id, NULL);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (((TlAttachment *) g_ptr_array_index (stored, 0))->name, ==, "ad-text.txt");
}

/* A voicemail opened from its thumbnail: the viewer shows a player that reads the
 * recording from memory (a sealed memory file, not an input stream: GTK 4.8's GStreamer
 * backend aborts on those), it prepares and plays with its duration and no error, and
 * no file in the temporary folder or the store's folder holds its bytes meanwhile.
 * Then the viewer's remove button removes it and closes the viewer. */
static void
test_audio_player (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) wav = tl_test_evidence_wav ();
  gint64 start = g_get_real_time () / G_USEC_PER_SEC - 1;
  const guint8 *pcm = (const guint8 *) g_bytes_get_data (wav, NULL) + 44 + 2000;
  GtkWidget *open;
  TlAttachmentViewer *viewer;
  AdwMessageDialog *dialog;
  GtkMediaStream *media;
  GFile *file;
  g_autofree char *path = NULL;
  gboolean played = FALSE;
  gint64 end;

  g_assert_true (tl_attachments_section_attach (section (fixture), "voicemail.wav", wav));
  open = gtk_overlay_get_child (GTK_OVERLAY (gtk_widget_get_parent (
           tl_attachments_section_get_remove_button (section (fixture), 0))));
  g_assert_true (gtk_widget_activate (open));
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (find_viewer () == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  viewer = find_viewer ();
  g_assert_nonnull (viewer);

  /* From memory: a file with no name in any folder. */
  media = tl_attachment_viewer_get_media (viewer);
  g_assert_true (GTK_IS_MEDIA_FILE (media));
  g_assert_null (gtk_media_file_get_input_stream (GTK_MEDIA_FILE (media)));
  file = gtk_media_file_get_file (GTK_MEDIA_FILE (media));
  path = g_file_get_path (file);
  g_assert_true (g_str_has_prefix (path, "/proc/self/fd/"));

  gtk_media_stream_play (media);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end && gtk_media_stream_get_error (media) == NULL &&
         !(gtk_media_stream_is_prepared (media) && gtk_media_stream_get_timestamp (media) > 0))
    g_main_context_iteration (NULL, FALSE);
  g_assert_no_error (gtk_media_stream_get_error (media));
  g_assert_true (gtk_media_stream_is_prepared (media));
  g_assert_cmpint (gtk_media_stream_get_duration (media), >=, 450000);
  g_assert_cmpint (gtk_media_stream_get_duration (media), <=, 550000);
  played = gtk_media_stream_get_playing (media) || gtk_media_stream_get_ended (media);
  g_assert_true (played);
  g_test_message ("playing %d, at %" G_GINT64_FORMAT " µs", gtk_media_stream_get_playing (media),
                  gtk_media_stream_get_timestamp (media));
  tl_test_spin (200);   /* drawn with the player's position, for the screenshot */
  save_png (GTK_WIDGET (viewer), "attachments-audio.png");

  /* The control: the needle is in the recording; then no file holds it. */
  g_assert_nonnull (memmem (g_bytes_get_data (wav, NULL), g_bytes_get_size (wav), pcm, 512));
  g_assert_false (tree_holds (g_get_tmp_dir (), pcm, 512, start, 3));
  g_assert_false (tree_holds (fixture->store.dir, pcm, 512, 0, 3));
  g_assert_false (tree_holds ("/dev/shm", pcm, 512, start, 1));

  /* Removed from the viewer: asked, then gone, and the viewer closes. */
  g_assert_true (gtk_widget_activate (tl_attachment_viewer_get_remove_button (viewer)));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "voicemail.wav"));
  adw_message_dialog_response (dialog, "remove");
  tl_test_spin (200);
  g_assert_null (find_viewer ());
  g_assert_cmpuint (tl_attachments_section_get_n_items (section (fixture)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tl_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/attachments-view/paste-screenshot", test_paste_screenshot);
  ADD ("/attachments-view/viewer-metadata", test_viewer_metadata);
  ADD ("/attachments-view/damaged-corpus", test_damaged_corpus);
  ADD ("/attachments-view/remove-from-thumbnail", test_remove_from_thumbnail);
  ADD ("/attachments-view/audio-player", test_audio_player);

  return g_test_run ();
}
