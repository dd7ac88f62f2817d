/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-protocol"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-core-resources.h"
#include "tl-error.h"
#include "tl-protocol-set.h"
#include "tl-test-util.h"

static char *
fixture_path (const char *name)
{
  return tl_test_fixture_path ("protocols", name, NULL);
}

static TlProtocolSet *
load_bundled (void)
{
  TlProtocolSet *set = tl_protocol_set_new ();

  tl_protocol_set_add_bundled (set);
  return set;
}

static void
test_bundled (void)
{
  g_autoptr(TlProtocolSet) set = load_bundled ();
  g_autoptr(GPtrArray) list = tl_protocol_set_list (set);
  TlProtocol *nm, *ms;
  const TlContact *c;
  const TlContactPhone *phone;

  for (guint i = 0; i < tl_protocol_set_get_problems (set)->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (tl_protocol_set_get_problems (set), i));
  g_assert_cmpuint (tl_protocol_set_get_problems (set)->len, ==, 0);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (tl_protocol_get_id (g_ptr_array_index (list, 0)), ==, "national");
  g_assert_cmpstr (tl_protocol_get_id (g_ptr_array_index (list, 1)), ==, "us-ms");
  g_assert_cmpstr (tl_protocol_get_id (g_ptr_array_index (list, 2)), ==, "us-nm");

  nm = tl_protocol_set_lookup (set, "us-nm");
  ms = tl_protocol_set_lookup (set, "us-ms");
  g_assert_true (tl_protocol_set_for_state (set, "NM") == nm);
  g_assert_true (tl_protocol_set_for_state (set, "ms") == ms);
  g_assert_null (tl_protocol_set_for_state (set, "TX"));
  g_assert_true (tl_protocol_is_national (tl_protocol_set_get_national (set)));
  g_assert_cmpint (tl_protocol_get_origin (nm), ==, TL_PROTOCOL_ORIGIN_BUNDLED);
  g_assert_cmpstr (tl_protocol_get_origin_path (nm), ==, "resource:///io/github/tipline/core/protocols/us-nm.xml");
  g_assert_cmpstr (tl_protocol_get_timezone_id (nm), ==, "America/Denver");
  g_assert_cmpstr (tl_protocol_get_timezone_id (ms), ==, "America/Chicago");

  /* The numbers exactly as the seeds print them. */
  c = tl_protocol_lookup_contact (nm, "life-link");
  phone = tl_contact_get_phone (c);
  g_assert_cmpstr (phone->display, ==, "505-GET-FREE");
  g_assert_cmpstr (phone->digits, ==, "5054383733");
  g_assert_cmpint (c->availability->kind, ==, TL_AVAILABILITY_ALWAYS);
  c = tl_protocol_lookup_contact (nm, "cyfd-sci");
  g_assert_cmpuint (c->phones->len, ==, 2);
  phone = g_ptr_array_index (c->phones, 1);
  g_assert_cmpstr (phone->display, ==, "#SAFE");
  g_assert_cmpstr (phone->digits, ==, "#7233");
  g_assert_true (phone->mobile_only);
  g_assert_cmpint (c->availability->kind, ==, TL_AVAILABILITY_UNKNOWN);
  g_assert_cmpint (tl_protocol_lookup_contact (nm, "nm-ag-ht-unit")->availability->kind, ==, TL_AVAILABILITY_UNKNOWN);
  g_assert_cmpuint (tl_protocol_lookup_contact (nm, "la-pinon")->phones->len, ==, 0);
  g_assert_cmpstr (tl_contact_get_email (tl_protocol_lookup_contact (ms, "ms-report-ht")), ==, "ReportHT@dps.ms.gov");
  g_assert_cmpstr (tl_contact_get_phone (tl_protocol_lookup_contact (ms, "ms-crime-stoppers"))->digits, ==, "18888274637");
  g_assert_cmpstr (tl_contact_get_phone (tl_protocol_lookup_contact (ms, "mdcps-mci"))->digits, ==, "18002228000");
  g_assert_cmpint (tl_protocol_lookup_contact (ms, "ms-mbi-ht")->availability->kind, ==, TL_AVAILABILITY_UNKNOWN);
}

static void
assert_spanish (const TlText *text,
                const char   *where)
{
  if (text->en != NULL && text->es == NULL)
    g_error ("%s: \"%s\" has no Spanish text", where, text->en);
}

static void
assert_spanish_all (GPtrArray  *texts,
                    const char *where)
{
  for (guint i = 0; i < texts->len; i++)
    assert_spanish (g_ptr_array_index (texts, i), where);
}

/* Every text a person reads has its Spanish twin. */
static void
test_spanish (void)
{
  g_autoptr(TlProtocolSet) set = load_bundled ();
  g_autoptr(GPtrArray) list = tl_protocol_set_list (set);

  for (guint p = 0; p < list->len; p++)
    {
      TlProtocol *protocol = g_ptr_array_index (list, p);
      GPtrArray *contacts = tl_protocol_get_contacts (protocol);
      GPtrArray *rules = tl_protocol_get_rules (protocol);
      const char *id = tl_protocol_get_id (protocol);

      g_assert_nonnull (tl_protocol_get_name (protocol, "es"));
      assert_spanish_all (tl_protocol_get_notes (protocol), id);
      for (guint i = 0; i < contacts->len; i++)
        {
          const TlContact *c = g_ptr_array_index (contacts, i);

          assert_spanish (&c->name, c->id);
          assert_spanish (&c->organisation, c->id);
          assert_spanish_all (c->notes, c->id);
        }
      for (guint i = 0; i < rules->len; i++)
        {
          const TlRule *r = g_ptr_array_index (rules, i);

          assert_spanish (&r->situation, r->id);
          for (guint k = 0; k < r->steps->len; k++)
            {
              const TlStep *s = g_ptr_array_index (r->steps, k);

              assert_spanish (&s->text, r->id);
              assert_spanish_all (s->warnings, r->id);
              assert_spanish_all (s->notes, r->id);
            }
        }
      for (guint i = 0; i < tl_protocol_get_matrix_cells (protocol)->len; i++)
        assert_spanish_all (((TlMatrixCell *) g_ptr_array_index (tl_protocol_get_matrix_cells (protocol), i))->notes, id);
    }
}

typedef struct
{
  const char *file;
  int line;
  const char *says;
} Invalid;

static const Invalid invalid[] = {
  { "bad-doctype.xml", 2, "may not contain a DOCTYPE" },
  { "bad-unknown-contact.xml", 29, "There is no contact with the id \"nobody\"" },
  { "bad-duplicate-id.xml", 20, "already a contact with the id \"office-line\"" },
  { "bad-timezone.xml", 8, "\"America/Nowhere\" is not a time zone" },
  { "bad-phone-no-digits.xml", 17, "has no digits to dial" },
  { "bad-vanity-mismatch.xml", 17, "dials 5054383733, but its digits say 5054383734" },
  { "bad-contradiction.xml", 27, "can never apply: its conditions on danger contradict" },
  { "bad-victim-contradiction.xml", 27, "can never apply: its conditions on the victim's stance" },
  { "bad-time-without-hours.xml", 22, "depends on business hours" },
  { "bad-schema.xml", 27, "does not follow the protocol format" },
  { "bad-closing-time.xml", 18, "start and end at the same time" },
  { "bad-not-wellformed.xml", 15, "not well-formed XML" },
  { "bad-empty.xml", 1, "" },
  { "bad-english-missing.xml", 22, "has no English text" },
  { "bad-source-missing.xml", 30, "No source for this step" },
  { "bad-source-unknown-document.xml", 16, "<source ref=\"leaflet\"> names no document" },
};

static void
test_invalid (gconstpointer data)
{
  const Invalid *inv = data;
  g_autofree char *path = fixture_path (inv->file);
  g_autofree char *expected = g_strdup_printf ("%s:%d: ", path, inv->line);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlProtocol) protocol = tl_protocol_load_from_file (path, &error);

  g_assert_null (protocol);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, expected) || strstr (error->message, inv->says) == NULL)
    g_error ("%s: expected \"%s...%s\", got:\n%s", inv->file, expected, inv->says, error->message);
}

static void
test_valid_fixtures (void)
{
  const char *names[] = { "valid-minimal.xml", "valid-schedule.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture_path (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TlProtocol) protocol = tl_protocol_load_from_file (path, &error);

      g_assert_no_error (error);
      g_assert_nonnull (protocol);
    }
}

static void
test_too_large (void)
{
  gsize size = TL_PROTOCOL_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlProtocol) protocol = NULL;

  memset (data, ' ', size);
  protocol = tl_protocol_load_from_data (data, size, "huge.xml", &error);
  g_assert_null (protocol);
  g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.xml:1: "));
}

/* External entities must never be fetched or expanded, even without a DOCTYPE check. */
static void
test_no_entities (void)
{
  const char *data = "<?xml version=\"1.0\"?>\n<protocol xmlns=\"urn:tipline:protocol:1\" format=\"1\">&xxe;</protocol>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TlProtocol) protocol = tl_protocol_load_from_data (data, strlen (data), "entity.xml", &error);

  g_assert_null (protocol);
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "entity.xml:2: "));
}

static void
copy_fixture (const char *name,
              const char *dir,
              const char *as)
{
  g_autofree char *from = fixture_path (name);
  g_autofree char *to = g_build_filename (dir, as, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* User protocols add to and replace bundled ones by id; a broken one is listed, skipped,
 * and stops nothing. XDG_CONFIG_HOME is a fresh temporary folder (G_TEST_OPTION_ISOLATE_DIRS). */
static void
test_user_directory (void)
{
  g_autofree char *dir = tl_protocol_set_user_directory ();
  g_autofree char *nm_text = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *user_nm = g_build_filename (dir, "my-nm.xml", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.xml", NULL);
  g_autoptr(TlProtocolSet) set = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) parts = NULL;
  GPtrArray *problems;
  TlProtocol *nm;
  gboolean reported = FALSE;

  g_assert_true (g_str_has_prefix (dir, g_get_user_config_dir ()));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  copy_fixture ("valid-minimal.xml", dir, "extra.xml");
  copy_fixture ("bad-unknown-contact.xml", dir, "broken.xml");
  /* A coordinator's edited copy of the NM protocol: the bundled one with a new version. */
  bytes = g_resource_lookup_data (tl_core_get_resource (), "/io/github/tipline/core/protocols/us-nm.xml", 0, NULL);
  g_assert_nonnull (bytes);
  nm_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  parts = g_strsplit (nm_text, "<version>2</version>", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  replaced = g_strjoinv ("<version>3</version>", parts);
  g_assert_true (g_file_set_contents (user_nm, replaced, -1, NULL));

  set = tl_protocol_set_new_default ();
  nm = tl_protocol_set_lookup (set, "us-nm");
  g_assert_nonnull (nm);
  g_assert_cmpstr (tl_protocol_get_version (nm), ==, "3");
  g_assert_cmpint (tl_protocol_get_origin (nm), ==, TL_PROTOCOL_ORIGIN_USER);
  g_assert_cmpstr (tl_protocol_get_origin_path (nm), ==, user_nm);
  g_assert_cmpstr (tl_protocol_get_replaced_path (nm), ==, "resource:///io/github/tipline/core/protocols/us-nm.xml");
  g_assert_nonnull (tl_protocol_set_lookup (set, "test"));
  g_assert_nonnull (tl_protocol_set_lookup (set, "us-ms"));

  problems = tl_protocol_set_get_problems (set);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (problems, i), broken))
      reported = TRUE;
  g_assert_true (reported);
}

/* A bundled protocol with one citation taken out is refused, at the line of the item that
 * lost it: a coordinator can review the file line by line against the signed document. */
typedef struct
{
  const char *protocol;
  const char *remove;          /* the whole line holding this is taken out */
  const char *item;            /* a line holding this is the one the message names */
  const char *says;
} Uncited;

static const Uncited uncited[] = {
  { "us-nm", "<source ref=\"nm-protocol\">Do not leave details on voicemail.</source>",
    "<warning xml:lang=\"en\">Do not leave details on voicemail.", "No source for this warning" },
  { "us-nm", "<general-knowledge xml:lang=\"en\">911 answers at all hours",
    "<general-knowledge xml:lang=\"es\">El 911", "needs the reason in English" },
  { "us-nm", "<source ref=\"nm-protocol\">Call SCI and make a report of a situation involving a child.</source>",
    "<do xml:lang=\"en\">Call Statewide Central Intake", "No source for this step" },
  { "us-ms", "<source ref=\"ms-protocol\">Mississippi Crime Stoppers at 1-888-8CRIMES (1-888-827-4637)</source>",
    "<contact id=\"ms-crime-stoppers\"", "No source for this contact" },
  { "national", "<source ref=\"nm-profile\">Contact the confidential hotline to report tips, seek services, ask for help, or receive information and statistics related to human trafficking.</source>\n    </cell>",
    "<cell service=\"tip-reporting\" conditions=\"urgent non-urgent", "No source for this matrix cell" },
};

static void
test_source_removed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (uncited); i++)
    {
      const Uncited *u = &uncited[i];
      g_autofree char *resource = g_strdup_printf ("/io/github/tipline/core/protocols/%s.xml", u->protocol);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (tl_core_get_resource (), resource, 0, NULL);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autoptr(GString) edited = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TlProtocol) protocol = NULL;
      g_autofree char *expected = NULL;
      const char *needle = u->remove;
      g_autofree char *first_line = NULL;
      int item_line = 0;
      int out_line = 0;
      gboolean removed = FALSE;

      /* A needle ending in "\n ... </cell>" removes the line before a </cell>. */
      if (strchr (needle, '\n') != NULL)
        first_line = g_strndup (needle, strchr (needle, '\n') - needle);
      for (guint n = 0; lines[n] != NULL; n++)
        {
          gboolean drop = !removed && strstr (lines[n], first_line != NULL ? first_line : needle) != NULL &&
                          (first_line == NULL || (lines[n + 1] != NULL && strstr (lines[n + 1], "</cell>") != NULL));

          if (drop)
            {
              removed = TRUE;
              continue;
            }
          out_line++;
          if (item_line == 0 && strstr (lines[n], u->item) != NULL)
            item_line = out_line;
          g_string_append_printf (edited, "%s\n", lines[n]);
        }
      g_assert_true (removed);
      g_assert_cmpint (item_line, >, 0);

      protocol = tl_protocol_load_from_data (edited->str, edited->len, "edited.xml", &error);
      g_assert_null (protocol);
      g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
      expected = g_strdup_printf ("edited.xml:%d: ", item_line);
      if (!g_str_has_prefix (error->message, expected) || strstr (error->message, u->says) == NULL)
        g_error ("%s without \"%s\": expected \"%s...%s\", got:\n%s", u->protocol, needle, expected, u->says, error->message);
    }
}

/* Every citation of the bundled protocols names a document they list. */
static void
test_bundled_sources (void)
{
  g_autoptr(TlProtocolSet) set = tl_protocol_set_new ();
  g_autoptr(GPtrArray) list = NULL;

  tl_protocol_set_add_bundled (set);
  list = tl_protocol_set_list (set);
  for (guint p = 0; p < list->len; p++)
    {
      TlProtocol *protocol = g_ptr_array_index (list, p);
      GPtrArray *contacts = tl_protocol_get_contacts (protocol);

      g_assert_cmpuint (tl_protocol_get_documents (protocol)->len, >, 0);
      for (guint i = 0; i < contacts->len; i++)
        {
          const TlContact *c = g_ptr_array_index (contacts, i);

          g_assert_cmpuint (c->sources->len, >, 0);
          for (guint k = 0; k < c->sources->len; k++)
            {
              g_autofree char *described = tl_source_describe (g_ptr_array_index (c->sources, k), protocol, "en");

              g_assert_nonnull (strstr (described, "“"));
            }
        }
    }
}

static void
test_phone_helpers (void)
{
  g_autofree char *a = tl_phone_vanity_digits ("1-888-8CRIMES");
  g_autofree char *b = tl_phone_vanity_digits ("1-855-333-SAFE");
  g_autofree char *c = tl_phone_format_digits ("5054383733");
  g_autofree char *d = tl_phone_format_digits ("18883737888");

  g_assert_cmpstr (a, ==, "18888274637");
  g_assert_cmpstr (b, ==, "18553337233");
  g_assert_cmpstr (c, ==, "505-438-3733");
  g_assert_cmpstr (d, ==, "1-888-373-7888");
}

static void
test_availability_overnight (void)
{
  g_autoptr(TlAvailability) a = tl_availability_new (TL_AVAILABILITY_SCHEDULE);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Chicago");
  g_autoptr(GDateTime) sat_2am = g_date_time_new (tz, 2026, 11, 21, 2, 0, 0);
  g_autoptr(GDateTime) sat_noon = g_date_time_new (tz, 2026, 11, 21, 12, 0, 0);
  g_autoptr(GDateTime) next = NULL;
  TlOpenPeriod friday_night = { 1u << 4, 22 * 60, 6 * 60, 1 };

  tl_availability_add (a, &friday_night);
  g_assert_cmpint (tl_availability_state_at (a, sat_2am, NULL), ==, TL_OPEN_STATE_OPEN);
  g_assert_cmpint (tl_availability_state_at (a, sat_noon, &next), ==, TL_OPEN_STATE_CLOSED);
  g_assert_cmpint (g_date_time_get_day_of_week (next), ==, 5);
  g_assert_cmpint (g_date_time_get_hour (next), ==, 22);
}

/* Every file of the fuzzing seed corpus goes through the loader without crashing. */
static void
test_corpus_replay (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "protocol", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      TlProtocol *protocol;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      protocol = tl_protocol_load_from_data (contents, length, name, NULL);
      g_clear_pointer (&protocol, tl_protocol_unref);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/protocol/bundled", test_bundled);
  g_test_add_func ("/protocol/spanish", test_spanish);
  g_test_add_func ("/protocol/valid-fixtures", test_valid_fixtures);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *path = g_strconcat ("/protocol/invalid/", invalid[i].file, NULL);

      g_test_add_data_func (path, &invalid[i], test_invalid);
    }
  g_test_add_func ("/protocol/too-large", test_too_large);
  g_test_add_func ("/protocol/no-entities", test_no_entities);
  g_test_add_func ("/protocol/user-directory", test_user_directory);
  g_test_add_func ("/protocol/phone-helpers", test_phone_helpers);
  g_test_add_func ("/protocol/source-removed", test_source_removed);
  g_test_add_func ("/protocol/bundled-sources", test_bundled_sources);
  g_test_add_func ("/protocol/availability-overnight", test_availability_overnight);
  g_test_add_func ("/protocol/corpus-replay", test_corpus_replay);

  return g_test_run ();
}
