/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tl-normalize.h"
#include "tl-tip.h"
#include "tl-tip-rules.h"

static GDateTime *
make_date (int year, int month, int day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");

  return g_date_time_new (tz, year, month, day, 12, 0, 0);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((TlProblem *) g_ptr_array_index (problems, i))->field, field))
      return TRUE;
  return FALSE;
}

static void
test_phone_digits (void)
{
  struct { const char *typed; const char *digits; } cases[] = {
    { "505-GET-FREE", "5054383733" },
    { "(505) 438-3733", "5054383733" },
    { "+1 505 438 3733", "5054383733" },
    { "1-855-333-SAFE", "8553337233" },
    { "505.555.0100 ext. 12", "5055550100" },
    { "505 555 0100 x12", "5055550100" },
    { "#SAFE", "7233" },
    { "+52 55 1234 5678", "525512345678" },
    { "", "" },
    { "no sé", "667" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *digits = tl_phone_digits (cases[i].typed);
      g_assert_cmpstr (digits, ==, cases[i].digits);
    }
}

static void
test_plate (void)
{
  g_autofree char *a = tl_plate_normalize ("abc-1234");
  g_autofree char *b = tl_plate_normalize (" ABC 1234 ");
  g_autofree char *c = tl_plate_normalize ("ñxa.12");

  g_assert_cmpstr (a, ==, "ABC1234");
  g_assert_cmpstr (b, ==, "ABC1234");
  g_assert_cmpstr (c, ==, "ÑXA12");
}

static void
test_email (void)
{
  const char *good[] = { "a@example.org", "first.last+tag@sub.example.com", "x@b.co" };
  const char *bad[] = { "", "a", "a@", "@b.org", "a@b", "a b@c.org", "a@@b.org",
                        "a@b..org", ".a@b.org", "a@-b.org" };
  g_autofree char *norm = tl_email_normalize ("  Ana@Example.ORG ");

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (tl_email_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (tl_email_is_valid (bad[i]));
  g_assert_cmpstr (norm, ==, "ana@example.org");
}

static void
test_age_and_date (void)
{
  int years = -1;
  g_autoptr(GDate) leap = tl_parse_date ("2012-02-29");
  g_autoptr(GDate) not_leap = tl_parse_date ("2013-02-29");

  g_assert_true (tl_parse_age (" 15 ", &years));
  g_assert_cmpint (years, ==, 15);
  g_assert_false (tl_parse_age ("fifteen", &years));
  g_assert_false (tl_parse_age ("-3", &years));
  g_assert_false (tl_parse_age ("131", &years));
  g_assert_nonnull (leap);
  g_assert_null (not_leap);
  g_assert_null (tl_parse_date ("2012-2-9"));
  g_assert_null (tl_parse_date ("30/04/2010"));
}

static void
test_minor (void)
{
  g_autoptr(GDateTime) received = make_date (2026, 11, 22);
  g_autoptr(TlVictim) v = tl_victim_new ();

  g_assert_false (tl_victim_is_minor (v, received));
  g_assert_cmpint (tl_victim_get_age (v, received), ==, -1);

  tl_set_str (&v->age, "17");
  g_assert_true (tl_victim_is_minor (v, received));
  tl_set_str (&v->age, "18");
  g_assert_false (tl_victim_is_minor (v, received));

  /* 18th birthday the day after the tip: still a minor when received */
  tl_set_str (&v->age, NULL);
  tl_set_str (&v->birth_date, "2008-11-23");
  g_assert_true (tl_victim_is_minor (v, received));
  g_assert_cmpint (tl_victim_get_age (v, received), ==, 17);
  tl_set_str (&v->birth_date, "2008-11-22");
  g_assert_false (tl_victim_is_minor (v, received));
  g_assert_cmpint (tl_victim_get_age (v, received), ==, 18);

  /* a stated adult age does not hide a date of birth that says minor */
  tl_set_str (&v->age, "19");
  tl_set_str (&v->birth_date, "2010-01-01");
  g_assert_true (tl_victim_is_minor (v, received));
}

static TlTip *
make_full_tip (void)
{
  TlTip *tip = tl_tip_new ();
  TlVictim *v = tl_victim_new ();
  TlOffender *o = tl_offender_new ();
  TlPhone *p = tl_phone_new ();
  TlReferral *r = tl_referral_new ();

  tip->type = TL_TRAFFICKING_SEX;
  tip->danger = TL_DANGER_IMMEDIATE;
  tl_set_str (&tip->location.city, "Albuquerque");
  tl_set_str (&tip->location.state, "NM");
  tl_set_str (&v->name, "Test Victim");
  tl_set_str (&v->age, "15");
  g_ptr_array_add (tip->victims, v);
  tl_set_str (&o->name, "Test Offender");
  g_ptr_array_add (tip->offenders, o);
  tl_set_str (&p->number, "505-555-0100");
  g_ptr_array_add (tip->phones, p);
  r->at = g_date_time_new_now_utc ();
  tl_set_str (&r->contact_id, "911");
  g_ptr_array_add (tip->referrals, r);
  return tip;
}

static void
test_copy_equal (void)
{
  g_autoptr(TlTip) tip = make_full_tip ();
  g_autoptr(TlTip) copy = tl_tip_copy (tip);
  TlVictim *v;

  g_assert_true (tl_tip_equal (tip, copy));
  g_assert_true (tip->victims != copy->victims);

  v = g_ptr_array_index (copy->victims, 0);
  tl_set_str (&v->name, "Other");
  g_assert_false (tl_tip_equal (tip, copy));
}

static void
test_equal_keeps_offset (void)
{
  g_autoptr(TlTip) a = tl_tip_new ();
  g_autoptr(TlTip) b = tl_tip_copy (a);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_date_time_unref (b->received);
  b->received = g_date_time_to_timezone (a->received, utc);
  /* same instant, but a different offset is a different record */
  g_assert_true (g_date_time_equal (a->received, b->received));
  if (g_date_time_get_utc_offset (a->received) != 0)
    g_assert_false (tl_tip_equal (a, b));
}

static void
test_validate (void)
{
  g_autoptr(TlTip) tip = make_full_tip ();
  g_autoptr(GPtrArray) none = tl_tip_validate (tip);
  g_autoptr(GPtrArray) some = NULL;
  TlVictim *v = g_ptr_array_index (tip->victims, 0);
  TlPhone *p = g_ptr_array_index (tip->phones, 0);
  TlVehicle *car = tl_vehicle_new ();

  g_assert_cmpuint (none->len, ==, 0);

  tl_set_str (&v->age, "fifteen");
  tl_set_str (&v->birth_date, "2099-01-01");
  tl_set_str (&v->email, "ana@");
  tl_set_str (&p->number, "call me");
  tl_set_str (&tip->location.state, "Atlantis");
  tl_set_str (&car->year, "19");
  g_ptr_array_add (tip->vehicles, car);

  some = tl_tip_validate (tip);
  g_assert_true (has_problem (some, "victims/0/age"));
  g_assert_true (has_problem (some, "victims/0/birth-date"));
  g_assert_true (has_problem (some, "victims/0/email"));
  g_assert_true (has_problem (some, "phones/0/number") == FALSE);  /* "call me" has keypad letters */
  g_assert_true (has_problem (some, "location/state"));
  g_assert_true (has_problem (some, "vehicles/0/year"));
  /* nothing typed was thrown away */
  g_assert_cmpstr (v->age, ==, "fifteen");
  g_assert_cmpstr (tip->location.state, ==, "Atlantis");

  tl_set_str (&p->number, "--");
  g_clear_pointer (&some, g_ptr_array_unref);
  some = tl_tip_validate (tip);
  g_assert_true (has_problem (some, "phones/0/number"));
}

static void
test_set_str (void)
{
  g_autofree char *field = NULL;

  tl_set_str (&field, "  ");
  g_assert_null (field);
  tl_set_str (&field, " x ");
  g_assert_cmpstr (field, ==, " x ");
  tl_set_str (&field, "");
  g_assert_null (field);
}

static void
test_summary_has_no_names (void)
{
  g_autoptr(TlTip) tip = make_full_tip ();
  g_autofree char *summary = tl_tip_dup_summary (tip);

  g_assert_nonnull (strstr (summary, "Albuquerque, NM"));
  g_assert_nonnull (strstr (summary, "1 victim"));
  g_assert_nonnull (strstr (summary, "(1 minor)"));
  g_assert_null (strstr (summary, "Test Victim"));
  g_assert_true (tl_tip_has_minor (tip));
}

static void
test_touch_moves_forward (void)
{
  g_autoptr(TlTip) tip = tl_tip_new ();
  gint64 before;

  tip->modified = g_get_real_time () + (gint64) G_USEC_PER_SEC * 3600;  /* a clock that stepped back */
  before = tip->modified;
  tl_tip_touch (tip);
  g_assert_cmpint (tip->modified, >, before);
}

/* States as people write them (issue 14): every row is what an advocate or an import
 * may hold, and the code Tipline reads in it. */
static void
test_state_code (void)
{
  static const struct { const char *typed; const char *code; } rows[] = {
    { "NM", "NM" }, { "nm", "NM" }, { " Nm ", "NM" }, { "N.M.", "NM" }, { "n. m.", "NM" },
    { "New Mexico", "NM" }, { "new mexico", "NM" }, { "NEW MEXICO", "NM" }, { "New  Mexico.", "NM" },
    { "Nuevo México", "NM" }, { "nuevo mexico", "NM" }, { "NUEVO MÉXICO", "NM" },
    { "MS", "MS" }, { "ms", "MS" }, { "M.S.", "MS" }, { "Mississippi", "MS" }, { "mississippi", "MS" },
    { "Misisipi", "MS" }, { "misisipi", "MS" },
    { "TX", "TX" }, { "Texas", "TX" }, { "Nueva York", "NY" }, { "New York", "NY" },
    { "Carolina del Norte", "NC" }, { "north carolina", "NC" }, { "Distrito de Columbia", "DC" },
    { "D.C.", "DC" }, { "Puerto Rico", "PR" }, { "Hawái", "HI" }, { "hawaii", "HI" },
    { "Pensilvania", "PA" }, { "Luisiana", "LA" },
    { "Atlantis", NULL }, { "", NULL }, { "   ", NULL }, { "N", NULL }, { "XX", NULL },
    { "US", NULL }, { "Mexico", NULL }, { "New", NULL }, { "NMX", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (tl_state_code (rows[i].typed), rows[i].code) != 0)
      g_error ("\"%s\" reads as %s, expected %s", rows[i].typed,
               tl_state_code (rows[i].typed), rows[i].code);
  g_assert_null (tl_state_code (NULL));
}

/* The model writes a recognised state as its code; what it does not know stays. */
static void
test_normalize_state (void)
{
  g_autoptr(TlTip) tip = tl_tip_new ();
  TlVehicle *car = tl_vehicle_new ();
  g_autoptr(GPtrArray) problems = NULL;

  tl_set_str (&tip->location.state, "Nuevo México");
  tl_set_str (&car->plate_state, "mississippi");
  g_ptr_array_add (tip->vehicles, car);
  tl_tip_normalize (tip);
  g_assert_cmpstr (tip->location.state, ==, "NM");
  g_assert_cmpstr (car->plate_state, ==, "MS");
  problems = tl_tip_validate (tip);
  g_assert_false (has_problem (problems, "location/state"));

  tl_set_str (&tip->location.state, "Atlantis");
  tl_tip_normalize (tip);
  g_assert_cmpstr (tip->location.state, ==, "Atlantis");
}

/* Saving opens a new tip; every later status is the advocate's and stays. */
static void
test_mark_saved (void)
{
  static const struct { TlTipStatus before, after; } cases[] = {
    { TL_TIP_STATUS_DRAFT, TL_TIP_STATUS_OPEN },
    { TL_TIP_STATUS_OPEN, TL_TIP_STATUS_OPEN },
    { TL_TIP_STATUS_REFERRED, TL_TIP_STATUS_REFERRED },
    { TL_TIP_STATUS_CLOSED, TL_TIP_STATUS_CLOSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TlTip) tip = tl_tip_new ();

      tip->status = cases[i].before;
      g_assert_cmpint (tl_tip_mark_saved (tip), ==, cases[i].before);
      g_assert_cmpint (tip->status, ==, cases[i].after);
    }
}

/* Every status against every call outcome: only a contact that took the case moves a
 * draft or open tip to referred; the call is logged in every case, under the advocate. */
static void
test_add_referral (void)
{
  static const TlTipStatus statuses[] = {
    TL_TIP_STATUS_DRAFT, TL_TIP_STATUS_OPEN, TL_TIP_STATUS_REFERRED, TL_TIP_STATUS_CLOSED,
  };
  static const struct { TlOutcome outcome; gboolean took_case; } outcomes[] = {
    { TL_OUTCOME_REACHED, TRUE },
    { TL_OUTCOME_LEFT_MESSAGE, FALSE },
    { TL_OUTCOME_NO_ANSWER, FALSE },
    { TL_OUTCOME_REFERRED, TRUE },
    { TL_OUTCOME_DECLINED, FALSE },
  };

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
      {
        g_autoptr(TlTip) tip = tl_tip_new ();
        TlReferral *referral = tl_referral_new ();
        gboolean opens = statuses[s] == TL_TIP_STATUS_DRAFT || statuses[s] == TL_TIP_STATUS_OPEN;

        tip->status = statuses[s];
        referral->outcome = outcomes[o].outcome;
        tl_tip_add_referral (tip, referral, "Ana Advocate");

        g_assert_cmpuint (tip->referrals->len, ==, 1);
        g_assert_true (g_ptr_array_index (tip->referrals, 0) == referral);
        g_assert_cmpstr (referral->advocate, ==, "Ana Advocate");
        g_assert_cmpint (tip->status, ==,
                         outcomes[o].took_case && opens ? TL_TIP_STATUS_REFERRED : statuses[s]);
      }

  /* No advocate name in Preferences: the call is logged without one. */
  {
    g_autoptr(TlTip) tip = tl_tip_new ();
    TlReferral *referral = tl_referral_new ();

    tl_tip_add_referral (tip, referral, "");
    g_assert_null (referral->advocate);
    g_assert_cmpuint (tip->referrals->len, ==, 1);
  }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/phone-digits", test_phone_digits);
  g_test_add_func ("/model/plate", test_plate);
  g_test_add_func ("/model/email", test_email);
  g_test_add_func ("/model/age-and-date", test_age_and_date);
  g_test_add_func ("/model/minor", test_minor);
  g_test_add_func ("/model/copy-equal", test_copy_equal);
  g_test_add_func ("/model/equal-keeps-offset", test_equal_keeps_offset);
  g_test_add_func ("/model/validate", test_validate);
  g_test_add_func ("/model/state-code", test_state_code);
  g_test_add_func ("/model/normalize-state", test_normalize_state);
  g_test_add_func ("/model/set-str", test_set_str);
  g_test_add_func ("/model/summary-has-no-names", test_summary_has_no_names);
  g_test_add_func ("/model/touch", test_touch_moves_forward);
  g_test_add_func ("/model/mark-saved", test_mark_saved);
  g_test_add_func ("/model/add-referral", test_add_referral);

  return g_test_run ();
}
