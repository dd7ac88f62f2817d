/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "tl-error.h"
#include "tl-office.h"
#include "tl-test-store.h"

/* The office sync end to end (issue 21): two real Syncthing daemons (Debian's
 * syncthing) on 127.0.0.1, each with its own home, its GUI on a loopback port, global
 * and local discovery, relays and NAT off, one folder shared between them; two stores
 * joined to one office through it. The daemons are stopped by their own process ids
 * (and, should this test abort, by the kernel: they die with it). */

#define CANARY "CANARY-syncthing-4e9b2"
#define WAIT_US (45 * G_USEC_PER_SEC)

typedef struct
{
  char *root;
  char *home[2];
  char *folder[2];
  GSubprocess *daemon[2];
  TlTestStore store[2];
} Fixture;

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static char *
run_out (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  char *out = NULL;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (p));
  return g_strstrip (out);
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
write_config (const char *home,
              const char *me,
              const char *other,
              guint16     listen,
              guint16     other_listen,
              guint16     gui,
              const char *folder)
{
  g_autofree char *path = g_build_filename (home, "config.xml", NULL);
  g_autofree char *xml = g_strdup_printf (
    "<configuration version=\"36\">\n"
    "  <folder id=\"tipline-office\" label=\"office\" path=\"%s\" type=\"sendreceive\""
    "   rescanIntervalS=\"5\" fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\">\n"
    "    <device id=\"%s\"></device>\n"
    "    <device id=\"%s\"></device>\n"
    "    <markerName>.stfolder</markerName>\n"
    "  </folder>\n"
    "  <device id=\"%s\" name=\"self\"><address>dynamic</address></device>\n"
    "  <device id=\"%s\" name=\"other\"><address>tcp://127.0.0.1:%u</address></device>\n"
    "  <gui enabled=\"true\" tls=\"false\"><address>127.0.0.1:%u</address></gui>\n"
    "  <options>\n"
    "    <listenAddress>tcp://127.0.0.1:%u</listenAddress>\n"
    "    <globalAnnounceEnabled>false</globalAnnounceEnabled>\n"
    "    <localAnnounceEnabled>false</localAnnounceEnabled>\n"
    "    <relaysEnabled>false</relaysEnabled>\n"
    "    <natEnabled>false</natEnabled>\n"
    "    <startBrowser>false</startBrowser>\n"
    "    <urAccepted>-1</urAccepted>\n"
    "    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
    "    <crashReportingEnabled>false</crashReportingEnabled>\n"
    "    <reconnectionIntervalS>1</reconnectionIntervalS>\n"
    "  </options>\n"
    "</configuration>\n",
    folder, me, other, me, other, other_listen, gui, listen);

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *syncthing = g_find_program_in_path ("syncthing");
  char *id[2];
  guint16 listen[2] = { free_port (), free_port () };

  /* build-aux/debian-packages.txt lists syncthing: a missing one is a failure. */
  g_assert_nonnull (syncthing);
  fx->root = tl_test_make_tmp_dir ("office-syncthing");
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *marker = NULL;
      const char *generate[] = { syncthing, "generate", NULL, "--no-default-folder", NULL };
      const char *device_id[] = { syncthing, "serve", NULL, "--device-id", NULL };
      g_autofree char *home_arg = NULL;
      g_autofree char *out = NULL;

      fx->home[i] = g_build_filename (fx->root, i == 0 ? "home-a" : "home-b", NULL);
      fx->folder[i] = g_build_filename (fx->root, i == 0 ? "office-a" : "office-b", NULL);
      marker = g_build_filename (fx->folder[i], ".stfolder", NULL);
      g_assert_cmpint (g_mkdir_with_parents (marker, 0700), ==, 0);
      home_arg = g_strconcat ("--home=", fx->home[i], NULL);
      generate[2] = device_id[2] = home_arg;
      out = run_out (generate);
      id[i] = run_out (device_id);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autofree char *home_arg = g_strconcat ("--home=", fx->home[i], NULL);
      g_autoptr(GError) error = NULL;

      write_config (fx->home[i], id[i], id[1 - i], listen[i], listen[1 - i], free_port (), fx->folder[i]);
      g_subprocess_launcher_setenv (launcher, "STNOUPGRADE", "1", TRUE);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      fx->daemon[i] = g_subprocess_launcher_spawn (launcher, &error, syncthing, "serve", home_arg,
                                                   "--no-browser", "--no-restart", "--no-upgrade", NULL);
      g_assert_no_error (error);
      g_test_message ("syncthing %c: pid %s", 'A' + i, g_subprocess_get_identifier (fx->daemon[i]));
    }
  g_free (id[0]);
  g_free (id[1]);

  tl_test_store_init (&fx->store[0], "store-a");
  tl_test_store_create (&fx->store[0], "Advocate A", TL_TEST_STORE_PASSPHRASE);
  tl_test_store_init (&fx->store[1], "store-b");
  tl_test_store_create (&fx->store[1], "Advocate B", TL_TEST_STORE_PASSPHRASE);
}

static gboolean
timeout_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Stops one daemon by its own process id: SIGTERM, then SIGKILL after 10 s. */
static void
stop_daemon (GSubprocess *daemon)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint timer;

  if (daemon == NULL || g_subprocess_get_identifier (daemon) == NULL)
    return;
  g_subprocess_send_signal (daemon, SIGTERM);
  timer = g_timeout_add_seconds (10, timeout_cb, cancellable);
  if (!g_subprocess_wait (daemon, cancellable, NULL))
    {
      g_subprocess_force_exit (daemon);
      g_subprocess_wait (daemon, NULL, NULL);
    }
  else
    g_source_remove (timer);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  for (int i = 0; i < 2; i++)
    {
      stop_daemon (fx->daemon[i]);
      g_clear_object (&fx->daemon[i]);
      tl_test_store_clear (&fx->store[i]);
      g_free (fx->home[i]);
      g_free (fx->folder[i]);
    }
  tl_test_remove_tree (fx->root);
  g_free (fx->root);
}

/* name → size of the office files in a folder. */
static GHashTable *
listing (const char *folder)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (name[0] != '.' && g_stat (path, &st) == 0)
        g_hash_table_insert (files, g_strdup (name), GSIZE_TO_POINTER ((gsize) st.st_size + 1));
    }
  return files;
}

static gboolean
same_listing (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer k, v;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (g_hash_table_lookup (b, k) != v)
      return FALSE;
  return TRUE;
}

/* Waits until Syncthing has made both folders hold the same files. */
static void
wait_synced (Fixture *fx)
{
  gint64 until = g_get_monotonic_time () + WAIT_US;

  for (;;)
    {
      g_autoptr(GHashTable) a = listing (fx->folder[0]);
      g_autoptr(GHashTable) b = listing (fx->folder[1]);

      if (same_listing (a, b))
        {
          /* Twice, a moment apart: a file still being written has settled. */
          g_autoptr(GHashTable) a2 = NULL;

          g_usleep (150 * 1000);
          a2 = listing (fx->folder[0]);
          if (same_listing (a, a2))
            return;
        }
      if (g_get_monotonic_time () > until)
        g_error ("Syncthing did not carry the office folder across within %d s", (int) (WAIT_US / G_USEC_PER_SEC));
      g_usleep (100 * 1000);
    }
}

static TlOfficeSyncResult *
do_sync (TlStore *store)
{
  g_autoptr(GError) error = NULL;
  TlOfficeSyncResult *result = tl_office_sync (store, TL_OFFICE_SYNC_DEFAULT, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < result->problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (result->problems, i));
  return result;
}

static void
sync_clean (TlStore *store)
{
  g_autoptr(TlOfficeSyncResult) result = do_sync (store);

  g_assert_cmpuint (result->problems->len, ==, 0);
}

static void
save_narrative (TlStore    *store,
                const char *id,
                const char *narrative)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTip) tip = tl_store_load_tip (store, id, &error);

  g_assert_no_error (error);
  tl_set_str (&tip->narrative, narrative);
  tl_tip_touch (tip);
  g_assert_true (tl_store_save_tip (store, tip, &error));
  g_assert_no_error (error);
}

static void
assert_no_canary (const char *path,
                  const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL) &&
          g_strstr_len (contents, length, needle) != NULL)
        g_error ("%s holds %s", path, needle);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_null (strstr (name, needle));
      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        assert_no_canary (child, needle);
    }
}

static void
test_two_daemons (Fixture       *fx,
                  gconstpointer  data)
{
  TlStore *a = fx->store[0].store;
  TlStore *b = fx->store[1].store;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *tip_id = NULL;
  g_autofree char *later_id = NULL;
  gint64 saved_at, visible_at;

  /* Two stores join one office through the daemons. */
  g_assert_true (tl_office_create (a, fx->folder[0], "Office workstation", &error));
  g_assert_no_error (error);
  sync_clean (a);
  code = tl_office_invite (a, &error);
  g_assert_no_error (error);
  wait_synced (fx);
  g_assert_true (tl_office_join (b, fx->folder[1], "Night laptop", code, &error));
  g_assert_no_error (error);
  wait_synced (fx);
  {
    g_autoptr(TlOfficeSyncResult) let_in = do_sync (a);

    g_assert_cmpuint (let_in->members_added, ==, 1);
  }
  wait_synced (fx);
  {
    g_autoptr(TlOfficeSyncResult) joined = do_sync (b);

    g_assert_true (joined->became_member);
  }
  wait_synced (fx);
  sync_clean (a);
  wait_synced (fx);

  /* A tip saved on A is readable on B. */
  {
    g_autoptr(TlTip) tip = tl_tip_new ();
    g_autoptr(TlTip) on_b = NULL;

    tip->type = TL_TRAFFICKING_SEX;
    tl_set_str (&tip->reporter_name, CANARY);
    tl_set_str (&tip->narrative, "The caller said " CANARY ".");
    tl_set_str (&tip->location.state, "NM");
    saved_at = g_get_monotonic_time ();
    g_assert_true (tl_store_save_tip (a, tip, &error));
    g_assert_no_error (error);
    tip_id = g_strdup (tip->id);
    sync_clean (a);
    for (;;)
      {
        g_autoptr(TlOfficeSyncResult) r = do_sync (b);

        on_b = tl_store_load_tip (b, tip_id, NULL);
        if (on_b != NULL)
          break;
        g_assert_cmpint (g_get_monotonic_time () - saved_at, <, WAIT_US);
        g_usleep (100 * 1000);
      }
    visible_at = g_get_monotonic_time ();
    g_test_message ("save on A to visible on B: %.0f ms", (visible_at - saved_at) / 1000.0);
    g_assert_cmpstr (on_b->narrative, ==, "The caller said " CANARY ".");
    g_assert_cmpstr (on_b->reporter_name, ==, CANARY);
  }
  wait_synced (fx);
  sync_clean (a);
  wait_synced (fx);

  /* Concurrent edits of one field: one conflict on both, resolved once. */
  save_narrative (a, tip_id, "Version typed on A.");
  save_narrative (b, tip_id, "Version typed on B.");
  sync_clean (a);
  sync_clean (b);
  wait_synced (fx);
  sync_clean (a);
  sync_clean (b);
  wait_synced (fx);
  {
    g_autoptr(GPtrArray) on_a = tl_office_list_conflicts (a, &error);
    g_autoptr(GPtrArray) on_b = tl_office_list_conflicts (b, &error);
    g_autoptr(TlTip) tip_a = tl_store_load_tip (a, tip_id, NULL);
    g_autoptr(TlTip) tip_b = tl_store_load_tip (b, tip_id, NULL);
    TlOfficeConflict *conflict;

    g_assert_cmpuint (on_a->len, ==, 1);
    g_assert_cmpuint (on_b->len, ==, 1);
    conflict = g_ptr_array_index (on_b, 0);
    g_assert_cmpstr (conflict->id, ==, ((TlOfficeConflict *) g_ptr_array_index (on_a, 0))->id);
    g_assert_cmpstr (conflict->field, ==, "narrative");
    g_assert_cmpstr (tip_a->narrative, ==, tip_b->narrative);
    g_assert_true (tl_office_resolve (b, conflict->id, TL_OFFICE_KEEP_OTHER, &error));
    g_assert_no_error (error);
  }
  sync_clean (b);
  wait_synced (fx);
  sync_clean (a);
  wait_synced (fx);
  {
    g_autoptr(GPtrArray) on_a = tl_office_list_conflicts (a, &error);
    g_autoptr(GPtrArray) on_b = tl_office_list_conflicts (b, &error);
    g_autoptr(TlTip) tip_a = tl_store_load_tip (a, tip_id, NULL);
    g_autoptr(TlTip) tip_b = tl_store_load_tip (b, tip_id, NULL);

    g_assert_cmpuint (on_a->len, ==, 0);
    g_assert_cmpuint (on_b->len, ==, 0);
    g_assert_cmpstr (tip_a->narrative, ==, tip_b->narrative);
  }

  /* A delete on B removes the tip on A. */
  g_assert_true (tl_store_delete_tip (b, tip_id, &error));
  g_assert_no_error (error);
  sync_clean (b);
  wait_synced (fx);
  sync_clean (a);
  g_assert_null (tl_store_load_tip (a, tip_id, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  wait_synced (fx);

  /* A removed member cannot decrypt what is written after its removal. */
  g_assert_true (tl_office_remove_member (a, "Night laptop", &error));
  g_assert_no_error (error);
  {
    g_autoptr(TlTip) later = tl_tip_new ();
    g_autoptr(TlOfficeSyncResult) on_b = NULL;
    gboolean unreadable = FALSE;

    tl_set_str (&later->narrative, "Written after B was removed: " CANARY);
    g_assert_true (tl_store_save_tip (a, later, &error));
    later_id = g_strdup (later->id);
    sync_clean (a);
    wait_synced (fx);
    on_b = do_sync (b);
    for (guint i = 0; i < on_b->problems->len; i++)
      unreadable |= strstr (g_ptr_array_index (on_b->problems, i), "office key this device does not have") != NULL;
    g_assert_true (unreadable);
    g_assert_null (tl_store_load_tip (b, later_id, NULL));
  }
  wait_synced (fx);

  /* Nothing in either folder (nor the daemons' homes) holds the canary or a tip id. */
  for (int i = 0; i < 2; i++)
    {
      assert_no_canary (fx->folder[i], CANARY);
      assert_no_canary (fx->folder[i], tip_id);
      assert_no_canary (fx->folder[i], later_id);
      assert_no_canary (fx->home[i], CANARY);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/office-syncthing/two-daemons", Fixture, NULL, fixture_set_up, test_two_daemons,
              fixture_tear_down);

  return g_test_run ();
}
