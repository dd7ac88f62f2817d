/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-links"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tl-error.h"
#include "tl-links.h"
#include "tl-stats.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"

#define PASS TL_TEST_STORE_PASSPHRASE

typedef TlTestStore Fixture;

/* helpers */

static TlTip *
new_tip (int day)
{
  TlTip *tip = tl_tip_new ();

  tip->status = TL_TIP_STATUS_OPEN;
  tip->received = g_date_time_new_local (2024, 3, day, 10, 0, 0);
  return tip;
}

static void
add_phone (TlTip      *tip,
           const char *number)
{
  TlPhone *phone = tl_phone_new ();

  tl_set_str (&phone->number, number);
  g_ptr_array_add (tip->phones, phone);
}

static void
add_plate (TlTip      *tip,
           const char *plate)
{
  TlVehicle *vehicle = tl_vehicle_new ();

  tl_set_str (&vehicle->plate, plate);
  g_ptr_array_add (tip->vehicles, vehicle);
}

static void
add_offender (TlTip      *tip,
              const char *name)
{
  TlOffender *offender = tl_offender_new ();

  tl_set_str (&offender->name, name);
  g_ptr_array_add (tip->offenders, offender);
}

static void
add_online (TlTip        *tip,
            TlOnlineKind  kind,
            const char   *value)
{
  TlOnline *online = tl_online_new ();

  online->kind = kind;
  tl_set_str (&online->value, value);
  g_ptr_array_add (tip->online, online);
}

static GPtrArray *
links_of (Fixture     *fx,
          const TlTip *tip)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *links = tl_store_find_links (fx->store, tip, &error);

  g_assert_no_error (error);
  g_assert_nonnull (links);
  return links;
}

static const TlLink *
find_kind (GPtrArray  *links,
           TlLinkKind  kind)
{
  for (guint i = 0; i < links->len; i++)
    {
      const TlLink *link = g_ptr_array_index (links, i);

      if (link->kind == kind)
        return link;
    }
  return NULL;
}

static gboolean
link_has (const TlLink *link,
          const char   *id)
{
  for (guint i = 0; link != NULL && i < link->tips->len; i++)
    if (g_str_equal (((TlTipRow *) g_ptr_array_index (link->tips, i))->id, id))
      return TRUE;
  return FALSE;
}

/* tests */

static void
test_soundex (void)
{
  static const char *cases[][2] = {
    { "Robert", "R163" }, { "Rupert", "R163" }, { "Ashcraft", "A261" },
    { "Tymczak", "T522" }, { "Pfister", "P236" }, { "Núñez", "N520" },
    { "Smith", "S530" }, { "Smyth", "S530" }, { "Lee", "L000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = tl_soundex (cases[i][0]);
      g_assert_cmpstr (code, ==, cases[i][1]);
    }
  g_assert_null (tl_soundex ("123"));
}

static void
test_name_forms (void)
{
  g_autofree char *normal = tl_name_normalize ("  José O'Neil-Ruiz ");
  g_autofree char *key1 = tl_name_sound_key ("Jon Smyth");
  g_autofree char *key2 = tl_name_sound_key ("Smith, John");
  g_autofree char *single = tl_name_sound_key ("Flaco");

  g_assert_cmpstr (normal, ==, "jose oneil ruiz");
  g_assert_cmpstr (key1, ==, "J500 S530");
  g_assert_cmpstr (key2, ==, "J500 S530");
  g_assert_null (single);
}

/* One number typed three ways links; one digit off does not. */
static void
test_phone (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(TlTip) a = new_tip (1);
  g_autoptr(TlTip) b = new_tip (2);
  g_autoptr(TlTip) c = new_tip (3);
  g_autoptr(TlTip) d = new_tip (4);
  g_autoptr(GPtrArray) links = NULL;
  TlVictim *victim = tl_victim_new ();
  const TlLink *link;

  add_phone (a, "(505) 555-0100");
  tl_set_str (&b->reporter_phone, "505.555.0100");
  tl_set_str (&victim->phone, "+1 505 555 0100");
  g_ptr_array_add (c->victims, victim);
  add_phone (d, "(505) 555-0101");
  tl_test_store_save (fx, a);
  tl_test_store_save (fx, b);
  tl_test_store_save (fx, c);
  tl_test_store_save (fx, d);

  links = links_of (fx, a);
  g_assert_cmpuint (links->len, ==, 1);
  link = find_kind (links, TL_LINK_PHONE);
  g_assert_nonnull (link);
  g_assert_cmpstr (link->value, ==, "5055550100");
  g_assert_cmpstr (link->typed, ==, "(505) 555-0100");
  g_assert_cmpstr (link->field, ==, "phones/0/number");
  g_assert_cmpuint (link->n_tips, ==, 2);
  g_assert_true (link_has (link, b->id));
  g_assert_true (link_has (link, c->id));
  g_assert_false (link_has (link, a->id));
  g_assert_false (link_has (link, d->id));
  /* Latest received first. */
  g_assert_cmpstr (((TlTipRow *) g_ptr_array_index (link->tips, 0))->id, ==, c->id);

  g_clear_pointer (&links, g_ptr_array_unref);
  links = links_of (fx, d);
  g_assert_cmpuint (links->len, ==, 0);
}

static void
test_plate_email_handle_account (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(TlTip) a = new_tip (1);
  g_autoptr(TlTip) b = new_tip (2);
  g_autoptr(TlTip) c = new_tip (3);
  g_autoptr(GPtrArray) links = NULL;
  TlFinancial *card = tl_financial_new ();
  TlFinancial *card_b = tl_financial_new ();

  add_plate (a, "ABC-1234");
  add_online (a, TL_ONLINE_EMAIL, "Boss@Example.com");
  add_online (a, TL_ONLINE_SOCIAL, "@BigBoss_99");
  tl_set_str (&card->value, "4111 1111 1111 1111");
  g_ptr_array_add (a->financial, card);

  add_plate (b, "abc 1234");
  tl_set_str (&b->reporter_email, " boss@example.COM ");
  add_online (b, TL_ONLINE_SOCIAL, "@bigboss_99");
  tl_set_str (&card_b->value, "4111-1111-1111-1111");
  g_ptr_array_add (b->financial, card_b);

  /* Near misses: a plate one letter off, another handle, a short number. */
  add_plate (c, "ABD-1234");
  add_online (c, TL_ONLINE_SOCIAL, "@bigboss_98");
  add_phone (c, "911");
  add_phone (a, "911");
  tl_test_store_save (fx, a);
  tl_test_store_save (fx, b);
  tl_test_store_save (fx, c);

  links = links_of (fx, a);
  g_assert_cmpuint (links->len, ==, 4);
  g_assert_true (link_has (find_kind (links, TL_LINK_PLATE), b->id));
  g_assert_true (link_has (find_kind (links, TL_LINK_EMAIL), b->id));
  g_assert_true (link_has (find_kind (links, TL_LINK_HANDLE), b->id));
  g_assert_true (link_has (find_kind (links, TL_LINK_ACCOUNT), b->id));
  for (guint i = 0; i < links->len; i++)
    {
      const TlLink *link = g_ptr_array_index (links, i);

      g_assert_cmpuint (link->n_tips, ==, 1);
      g_assert_false (link_has (link, c->id));
    }
  g_assert_null (find_kind (links, TL_LINK_PHONE));
}

/* "Jon Smyth" sounds like "John Smith"; "JOHN SMITH" is the same name. */
static void
test_names (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(TlTip) a = new_tip (1);
  g_autoptr(TlTip) b = new_tip (2);
  g_autoptr(TlTip) c = new_tip (3);
  g_autoptr(TlTip) d = new_tip (4);
  g_autoptr(TlTip) e = new_tip (5);
  g_autoptr(GPtrArray) links = NULL;
  const TlLink *exact, *sound;

  add_offender (a, "John Smith");
  add_offender (b, "Jon Smyth");
  add_offender (c, "JOHN  SMITH");
  add_offender (d, "Joan Smithers");
  add_offender (e, "José Núñez");
  tl_test_store_save (fx, a);
  tl_test_store_save (fx, b);
  tl_test_store_save (fx, c);
  tl_test_store_save (fx, d);
  tl_test_store_save (fx, e);

  links = links_of (fx, a);
  g_assert_cmpuint (links->len, ==, 2);
  exact = find_kind (links, TL_LINK_NAME);
  sound = find_kind (links, TL_LINK_NAME_SOUND);
  g_assert_nonnull (exact);
  g_assert_nonnull (sound);
  g_assert_cmpuint (exact->n_tips, ==, 1);
  g_assert_true (link_has (exact, c->id));
  /* The exact match is not repeated as a sound match. */
  g_assert_cmpuint (sound->n_tips, ==, 1);
  g_assert_true (link_has (sound, b->id));
  g_assert_false (link_has (sound, d->id));
  g_assert_cmpstr (sound->field, ==, "offenders/0/name");

  /* Accents and case do not matter, for an unsaved tip too. */
  {
    g_autoptr(TlTip) unsaved = tl_tip_new ();
    g_autoptr(GPtrArray) accent_links = NULL;

    add_offender (unsaved, "jose nunez");
    accent_links = links_of (fx, unsaved);
    g_assert_cmpuint (accent_links->len, ==, 1);
    g_assert_true (link_has (find_kind (accent_links, TL_LINK_NAME), e->id));
  }
}

/* n tips imported, each with the hotline's number as a phone; the first is returned. */
static TlTip *
import_sharing_phone (Fixture *fx,
                      guint    n)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);
  g_autoptr(TlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      TlTip *tip = new_tip (1 + i % 28);

      add_phone (tip, "1-888-373-7888");
      g_ptr_array_add (tips, tip);
    }
  result = tl_store_import_tips (fx->store, tips, NULL, NULL, &error);
  g_assert_no_error (error);
  return tl_tip_ref (g_ptr_array_index (tips, 0));
}

/* A value in hundreds of tips gives its count, not the tips. */
static void
test_too_common (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(TlTip) first = import_sharing_phone (fx, TL_LINKS_MAX_TIPS + 5);
  g_autoptr(GPtrArray) links = links_of (fx, first);
  const TlLink *link = find_kind (links, TL_LINK_PHONE);

  g_assert_nonnull (link);
  g_assert_true (tl_link_is_too_common (link));
  g_assert_cmpuint (link->n_tips, ==, TL_LINKS_MAX_TIPS + 4);
  g_assert_false (link->count_capped);
  g_assert_cmpuint (link->tips->len, ==, 0);
}

/* Counting stops past TL_LINKS_MAX_COUNT other tips (issue 16: counting a nickname in
 * 20,000 tips stalled each pause in typing): exactly that many is a count, one more is
 * "more than". */
static void
test_count_capped (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(TlTip) first = import_sharing_phone (fx, TL_LINKS_MAX_COUNT + 1);
  g_autoptr(GPtrArray) links = links_of (fx, first);
  g_autoptr(TlTip) one_more = new_tip (3);
  g_autoptr(GError) error = NULL;
  const TlLink *link = find_kind (links, TL_LINK_PHONE);

  g_assert_nonnull (link);
  g_assert_cmpuint (link->n_tips, ==, TL_LINKS_MAX_COUNT);
  g_assert_false (link->count_capped);
  g_clear_pointer (&links, g_ptr_array_unref);

  add_phone (one_more, "(888) 373-7888");
  g_assert_true (tl_store_save_tip (fx->store, one_more, &error));
  g_assert_no_error (error);

  links = links_of (fx, first);
  link = find_kind (links, TL_LINK_PHONE);
  g_assert_nonnull (link);
  g_assert_true (tl_link_is_too_common (link));
  g_assert_true (link->count_capped);
  g_assert_cmpuint (link->n_tips, ==, TL_LINKS_MAX_COUNT);
  g_assert_cmpuint (link->tips->len, ==, 0);
}

static void
test_by_id (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(TlTip) a = new_tip (1);
  g_autoptr(TlTip) b = new_tip (2);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  add_plate (a, "NM 123-XYZ");
  add_plate (b, "123xyz");
  tl_test_store_save (fx, a);
  tl_test_store_save (fx, b);

  links = tl_store_find_links_by_id (fx->store, b->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 0);   /* "NM123XYZ" is not "123XYZ" */

  g_clear_pointer (&links, g_ptr_array_unref);
  tl_set_str (&((TlVehicle *) g_ptr_array_index (b->vehicles, 0))->plate, "NM-123 XYZ");
  tl_test_store_save (fx, b);
  links = tl_store_find_links_by_id (fx->store, b->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_true (link_has (g_ptr_array_index (links, 0), a->id));

  g_clear_pointer (&links, g_ptr_array_unref);
  g_assert_true (tl_store_delete_tip (fx->store, a->id, &error));
  links = tl_store_find_links_by_id (fx->store, b->id, &error);
  g_assert_cmpuint (links->len, ==, 0);

  g_assert_null (tl_store_find_links_by_id (fx->store, "no-such-tip", &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_NOT_FOUND);
}

/* A store from before migration 2 (schema 1 with the old soundex rows) gets its facts
 * and name identifiers when it is next unlocked. */
static void
test_migration (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(TlTip) a = new_tip (1);
  g_autoptr(TlTip) b = new_tip (2);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(TlStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  TlVictim *victim = tl_victim_new ();
  GDate from, to;

  add_offender (a, "John Smith");
  add_offender (b, "Jon Smyth");
  tl_set_str (&victim->age, "15");
  g_ptr_array_add (b->victims, victim);
  b->channel = TL_CHANNEL_TEXT;
  tl_test_store_save (fx, a);
  tl_test_store_save (fx, b);

  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store),
                                 "DROP TABLE tip_facts; DROP TABLE victim_facts; DROP TABLE referral_facts;"
                                 "DELETE FROM identifiers WHERE kind LIKE 'name%';"
                                 "INSERT INTO identifiers SELECT 'name-soundex', 'S530', pk FROM tips;"
                                 /* undo migration 3 (the audit chain) as well */
                                 "DROP TABLE audit_key;"
                                 "CREATE TABLE audit_v1 (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
                                 "  advocate TEXT, action TEXT NOT NULL, tip_id TEXT);"
                                 "INSERT INTO audit_v1 SELECT seq, at, advocate, action, tip_id FROM audit;"
                                 "DROP TABLE audit;"
                                 "ALTER TABLE audit_v1 RENAME TO audit;"
                                 /* and migration 5 (follow-ups) */
                                 "DROP TABLE follow_ups;"
                                 /* and migration 10 (attachments) */
                                 "DROP TABLE attachments_fts; DROP TABLE attachment_data;"
                                 "DROP TABLE attachments;"
                                 "DELETE FROM schema_version WHERE version > 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  tl_store_lock (fx->store);
  g_clear_object (&fx->store);

  fx->store = tl_store_new (fx->dir);
  g_assert_true (tl_store_unlock (fx->store, PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_tl_store_schema_version (_tl_store_get_db (fx->store)), ==, _tl_store_schema_latest ());
  g_assert_cmpint (tl_test_store_query_int (fx->store, "SELECT count(*) FROM identifiers WHERE kind = 'name-soundex'"), ==, 0);

  links = links_of (fx, a);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_true (link_has (find_kind (links, TL_LINK_NAME_SOUND), b->id));

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 3, 2024);
  g_date_set_dmy (&to, 31, 3, 2024);
  stats = tl_store_compute_stats (fx->store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->tips, ==, 2);
  g_assert_cmpint (stats->victims, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/links/soundex", test_soundex);
  g_test_add_func ("/links/name-forms", test_name_forms);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, tl_test_store_set_up, fn, tl_test_store_tear_down)
  ADD ("/links/phone", test_phone);
  ADD ("/links/plate-email-handle-account", test_plate_email_handle_account);
  ADD ("/links/names", test_names);
  ADD ("/links/too-common", test_too_common);
  ADD ("/links/count-capped", test_count_capped);
  ADD ("/links/by-id", test_by_id);
  ADD ("/links/migration", test_migration);
#undef ADD

  return g_test_run ();
}
