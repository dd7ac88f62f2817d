/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-bench"

#include "config.h"

#include "tl-store-testing.h"
#include "tl-bench-gen.h"

/* The generator. Each tip has its own PRNG seeded from (seed, index), so any tip can be
 * made again on its own: the benchmark regenerates tip k to know what to search for. */

#define BATCH 1000

/* 2024-01-01T00:00:00Z: a fixed end for the received times, not "now", so two runs
 * build the same store. */
#define END_OF_RANGE G_GINT64_CONSTANT (1704067200)
#define FIVE_YEARS   (5 * 365 * 24 * 3600)

static const char * const given_names[] = {
  "María", "José", "Guadalupe", "Juan", "Rosa", "Luis", "Carmen", "Miguel", "Ana",
  "Jesús", "Lucía", "Francisco", "Sofía", "Alejandro", "Elena", "Diego", "Isabel",
  "Mateo", "Valeria", "Santiago", "Paula", "Andrés", "Ximena", "Emily", "James",
  "Olivia", "Michael", "Emma", "David", "Ava", "Daniel", "Grace", "Robert", "Chloe",
  "William", "Hannah", "Thomas", "Megan", "Joseph", "Abigail", "Tyler", "Brianna",
};

static const char * const family_names[] = {
  "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
  "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz",
  "Morales", "Reyes", "Gutiérrez", "Ortiz", "Chávez", "Smith", "Johnson", "Williams",
  "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
  "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen",
};

static const char * const aliases[] = {
  "Flaco", "Güero", "Chato", "Big Mike", "Shorty", "Boss", "La Tía", "Primo", "Tiny",
};

/* Area codes of the states the bundled protocols cover, and a few others. */
static const char * const area_codes[] = {
  "505", "575", "601", "662", "769", "228", "915", "602", "713", "214",
};

static const char * const states[] = {
  "NM", "NM", "NM", "MS", "MS", "TX", "AZ", "CO",
};

static const char * const cities[] = {
  "Albuquerque", "Las Cruces", "Santa Fe", "Roswell", "Farmington", "Gallup",
  "Jackson", "Gulfport", "Hattiesburg", "Tupelo", "Biloxi", "Meridian",
};

static const char * const makes[][2] = {
  { "Toyota", "Camry" }, { "Honda", "Civic" }, { "Ford", "F-150" },
  { "Chevrolet", "Silverado" }, { "Nissan", "Altima" }, { "Dodge", "Caravan" },
};

static const char * const colors[] = {
  "white", "black", "silver", "gray", "red", "blue", "green", "maroon",
};

/* The narrative vocabulary: plain words a hotline note would use. */
static const char * const words[] = {
  "caller", "said", "she", "he", "they", "was", "were", "working", "at", "the",
  "restaurant", "motel", "farm", "house", "truck", "stop", "nail", "salon", "night",
  "morning", "every", "day", "without", "pay", "owed", "debt", "passport", "taken",
  "phone", "kept", "locked", "door", "manager", "man", "woman", "girl", "boy",
  "older", "younger", "car", "drove", "picked", "up", "dropped", "off", "ads",
  "online", "posted", "money", "cash", "wire", "sent", "family", "home", "country",
  "afraid", "police", "immigration", "threatened", "hurt", "hit", "scared", "crying",
  "hungry", "tired", "sleeping", "room", "twelve", "hours", "shift", "week", "month",
  "cousin", "friend", "neighbor", "noticed", "saw", "heard", "yelling", "van",
  "parking", "lot", "behind", "store", "apartment", "upstairs", "basement", "fields",
  "crew", "leader", "boss", "rent", "food", "clothes", "speaks", "spanish", "english",
  "little", "school", "age", "maybe", "sixteen", "twenty", "recruited", "promised",
  "job", "visa", "papers", "bus", "station", "hotline", "number", "called", "back",
  "later", "safe", "now", "needs", "shelter", "lawyer", "help", "wants", "talk",
  "again", "tomorrow", "evening", "weekend", "cleaning", "kitchen", "dishes",
  "construction", "site", "roofing", "painting", "orchard", "packing", "plant",
  "cantina", "bar", "club", "massage", "parlor", "highway", "exit", "corner", "street",
};

/* helpers */

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static char *
make_name (GRand *rand)
{
  return g_strdup_printf ("%s %s", PICK (rand, given_names), PICK (rand, family_names));
}

/* (505) 555-0123 and its spellings; the fictional block is 555-0100 to 555-0199. */
static char *
make_phone (GRand *rand)
{
  const char *area = PICK (rand, area_codes);
  int line = g_rand_int_range (rand, 100, 200);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_strdup_printf ("(%s) 555-0%d", area, line);
    case 1:
      return g_strdup_printf ("%s-555-0%d", area, line);
    default:
      return g_strdup_printf ("+1 %s 555 0%d", area, line);
    }
}

static char *
make_plate (GRand *rand)
{
  return g_strdup_printf ("%c%c%c-%03d",
                          'A' + g_rand_int_range (rand, 0, 26),
                          'A' + g_rand_int_range (rand, 0, 26),
                          'A' + g_rand_int_range (rand, 0, 26),
                          g_rand_int_range (rand, 0, 1000));
}

static char *
make_narrative (GRand *rand)
{
  guint n_words = g_rand_int_range (rand, 150, 400);
  GString *text = g_string_sized_new (n_words * 7);

  g_string_append (text, "Caller spoke with the " TL_BENCH_COMMON_WORD ".");
  for (guint i = 0; i < n_words; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, words));
      if (g_rand_int_range (rand, 0, 12) == 0)
        g_string_append_c (text, '.');
    }
  if (g_rand_int_range (rand, 0, 50) == 0)
    g_string_append (text, " Met near the old " TL_BENCH_RARE_WORD ".");
  g_string_append_c (text, '.');

  return g_string_free (text, FALSE);
}

static void
add_victim (TlTip *tip,
            GRand *rand)
{
  TlVictim *victim = tl_victim_new ();

  victim->name = make_name (rand);
  victim->age = g_strdup_printf ("%d", g_rand_int_range (rand, 13, 45));
  victim->gender = g_rand_int_range (rand, 0, 3);
  victim->language = g_strdup (g_rand_boolean (rand) ? "es" : "en");
  if (g_rand_int_range (rand, 0, 3) == 0)
    victim->phone = make_phone (rand);
  victim->description = g_strdup_printf ("%s hair, about %d cm", PICK (rand, colors),
                                         g_rand_int_range (rand, 150, 185));
  g_ptr_array_add (tip->victims, victim);
}

static void
add_offender (TlTip *tip,
              GRand *rand)
{
  TlOffender *offender = tl_offender_new ();

  offender->name = make_name (rand);
  if (g_rand_int_range (rand, 0, 3) == 0)
    offender->alias = g_strdup (PICK (rand, aliases));
  offender->gender = g_rand_int_range (rand, 0, 3);
  offender->role = g_rand_int_range (rand, 0, TL_OFFENDER_ROLE_OTHER + 1);
  offender->description = g_strdup_printf ("drives a %s car", PICK (rand, colors));
  g_ptr_array_add (tip->offenders, offender);
}

static void
add_vehicle (TlTip *tip,
             GRand *rand)
{
  TlVehicle *vehicle = tl_vehicle_new ();
  guint make = g_rand_int_range (rand, 0, G_N_ELEMENTS (makes));

  vehicle->plate = make_plate (rand);
  vehicle->plate_state = g_strdup (PICK (rand, states));
  vehicle->make = g_strdup (makes[make][0]);
  vehicle->model = g_strdup (makes[make][1]);
  vehicle->color = g_strdup (PICK (rand, colors));
  g_ptr_array_add (tip->vehicles, vehicle);
}

static void
add_phone (TlTip *tip,
           GRand *rand)
{
  TlPhone *phone = tl_phone_new ();

  phone->number = make_phone (rand);
  phone->owner = g_rand_int_range (rand, 0, TL_PHONE_OWNER_REPORTER + 1);
  g_ptr_array_add (tip->phones, phone);
}

/* public API */

/* A UUID-shaped id from the seed and index (version 4 and variant bits set). */
char *
tl_bench_tip_id (guint32 seed,
                 guint   index)
{
  guint32 words4[4];
  g_autoptr(GRand) rand = NULL;
  guint32 seeds[3] = { seed, index, 0x1d5 };

  rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  for (guint i = 0; i < 4; i++)
    words4[i] = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          words4[0], words4[1] >> 16, words4[1] & 0xfff,
                          0x8000 | (words4[2] >> 18), words4[2] & 0xffff, words4[3]);
}

TlTip *
tl_bench_make_tip (guint32 seed,
                   guint   index)
{
  g_autofree char *id = tl_bench_tip_id (seed, index);
  g_autoptr(GRand) rand = NULL;
  guint32 seeds[2] = { seed, index };
  TlTip *tip = tl_tip_new_with_id (id);
  gint64 received;
  guint n;

  rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));

  received = END_OF_RANGE - g_rand_int_range (rand, 0, FIVE_YEARS);
  g_clear_pointer (&tip->received, g_date_time_unref);
  tip->received = g_date_time_new_from_unix_utc (received);
  tip->created = (received + g_rand_int_range (rand, 60, 3600)) * G_USEC_PER_SEC;
  /* A third of the tips were edited later. */
  tip->modified = tip->created;
  if (g_rand_int_range (rand, 0, 3) == 0)
    tip->modified += (gint64) g_rand_int_range (rand, 3600, 90 * 24 * 3600) * G_USEC_PER_SEC;

  tip->status = g_rand_int_range (rand, 0, TL_TIP_STATUS_CLOSED + 1);
  tip->channel = g_rand_int_range (rand, TL_CHANNEL_PHONE, TL_CHANNEL_OTHER + 1);
  tip->reporter_role = g_rand_int_range (rand, 0, TL_REPORTER_SERVICE_PROVIDER + 1);
  if (tip->reporter_role != TL_REPORTER_ANONYMOUS)
    {
      tip->reporter_name = make_name (rand);
      tip->reporter_phone = make_phone (rand);
    }
  tip->advocate = g_strdup_printf ("Advocate %d", g_rand_int_range (rand, 1, 9));
  tip->danger = g_rand_int_range (rand, 0, TL_DANGER_NONE + 1);
  tip->type = g_rand_int_range (rand, 0, TL_TRAFFICKING_BOTH + 1);
  tip->venue = g_rand_int_range (rand, 0, TL_VENUE_OTHER + 1);
  tip->location.state = g_strdup (PICK (rand, states));
  tip->location.city = g_strdup (PICK (rand, cities));
  tip->location.address = g_strdup_printf ("%d %s St", g_rand_int_range (rand, 100, 9999),
                                           PICK (rand, family_names));

  n = g_rand_int_range (rand, 1, 4);
  for (guint i = 0; i < n; i++)
    add_victim (tip, rand);
  n = g_rand_int_range (rand, 0, 5);
  for (guint i = 0; i < n; i++)
    add_offender (tip, rand);
  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    add_vehicle (tip, rand);
  n = g_rand_int_range (rand, 0, 4);
  for (guint i = 0; i < n; i++)
    add_phone (tip, rand);

  tip->narrative = make_narrative (rand);

  return tip;
}

/* Tips first .. first + n_tips - 1, a thousand per transaction (a memory bound, and
 * a commit per batch is a negligible share of the time). */
gboolean
tl_bench_fill_store (TlStore  *store,
                     guint32   seed,
                     guint     first,
                     guint     n_tips,
                     GError  **error)
{
  for (guint done = 0; done < n_tips; done += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_tip_unref);

      for (guint i = done; i < MIN (done + BATCH, n_tips); i++)
        g_ptr_array_add (batch, tl_bench_make_tip (seed, first + i));
      if (!_tl_store_save_tips (store, batch, error))
        return FALSE;
    }

  return TRUE;
}
