/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tl-disclosure-private.h"
#include "tl-export.h"
#include "tl-htcds.h"
#include "tl-report-private.h"
#include "tl-tip-xml.h"
#include "tl-test-store.h"

/* Issue 13, "disclosure you can trust". The table in docs/report-profiles.md is the
 * rule: this test reads it, checks that the engine (tl-disclosure.c) holds the same
 * table and that the tip model has no field without a row, then walks a tip with a
 * distinct canary in every field through every profile, consent state and format,
 * and fails when a field appears where the table withholds it or is missing where the
 * table shows it. The cases of the issue follow. */

#define N_PROFILES 5

typedef struct
{
  char *key;              /* section.field */
  char *kind;
  char *part;
  gboolean free_text;
  char *rules[N_PROFILES];
} DocRow;

static void
doc_row_free (DocRow *row)
{
  g_free (row->key);
  g_free (row->kind);
  g_free (row->part);
  for (guint i = 0; i < N_PROFILES; i++)
    g_free (row->rules[i]);
  g_free (row);
}

/* The rows of the table in docs/report-profiles.md, by "section.field". */
static GHashTable *
read_doc_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "report-profiles.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) key_re = g_regex_new ("^[a-z-]+\\.[a-z-]+$", 0, 0, NULL);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) doc_row_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = NULL;
      DocRow *row;

      if (!g_str_has_prefix (lines[l], "| `"))
        continue;
      cells = g_strsplit (lines[l], "|", -1);
      if (g_strv_length (cells) < 12)
        continue;
      for (guint c = 0; cells[c] != NULL; c++)
        {
          g_strstrip (cells[c]);
          g_strdelimit (cells[c], "`", ' ');
          g_strstrip (cells[c]);
        }
      if (!g_regex_match (key_re, cells[1], 0, NULL))
        continue;
      row = g_new0 (DocRow, 1);
      row->key = g_strdup (cells[1]);
      row->kind = g_strdup (cells[2]);
      row->part = g_strdup (cells[3]);
      row->free_text = g_str_equal (cells[4], "yes");
      for (guint p = 0; p < N_PROFILES; p++)
        row->rules[p] = g_strdup (cells[5 + p]);
      /* every row says why, citing the seed */
      g_assert_cmpuint (strlen (cells[10]), >, 10);
      g_assert_false (g_hash_table_contains (rows, row->key));
      g_hash_table_insert (rows, row->key, row);
    }
  return rows;
}

/* The documentation and the engine hold one table. */
static void
test_doc_matches_engine (void)
{
  g_autoptr(GHashTable) doc = read_doc_table ();
  guint n = 0;

  for (const TlDisclosureRow *r = _tl_disclosure_rows (); r->section != NULL; r++, n++)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", r->section, r->field);
      DocRow *d = g_hash_table_lookup (doc, key);

      if (d == NULL)
        g_error ("docs/report-profiles.md has no row for %s", key);
      g_assert_cmpstr (d->kind, ==, _tl_disclosure_kind_nick (r->kind));
      g_assert_cmpstr (d->part, ==, r->part < 0 ? "—" : tl_enum_to_nick (tl_part_values, r->part));
      if (d->free_text != r->free_text)
        g_error ("%s: free text differs between the docs and the engine", key);
      for (guint p = 0; p < N_PROFILES; p++)
        if (!g_str_equal (d->rules[p], _tl_disclosure_rule_nick (r->rules[p])))
          g_error ("%s, %s: the docs say %s, the engine %s", key,
                   tl_enum_to_nick (tl_report_profile_values, p), d->rules[p],
                   _tl_disclosure_rule_nick (r->rules[p]));
      g_assert_nonnull (r->why);
    }
  g_assert_cmpuint (g_hash_table_size (doc), ==, n);
}

/* The model: a mirror of each structure. Adding a field to the model changes its size,
 * and this fails until the field has a canary below and a row in the table. */
typedef struct { char *a, *b, *c, *d, *e; } MirrorLocation;
typedef struct
{
  TlCallBack call_back;
  guint8 days;
  guint16 from, to;
  char *timezone;
  TlMessageRule message;
  char *message_text, *ask_for, *code_word, *if_dropped;
} MirrorPlan;
typedef struct
{
  char *name, *description, *age, *birth_date;
  TlGender gender;
  TlCitizenship citizenship;
  char *country, *language, *phone, *email, *address;
  TlStance stance;
  TlNeeds needs;
  gboolean release_signed;
  char *release_date, *release_language;
  MirrorPlan plan;
} MirrorVictim;
typedef struct
{
  char *name, *alias, *age, *birth_date;
  TlGender gender;
  char *description, *address, *marks;
  TlOffenderRole role;
} MirrorOffender;
typedef struct { char *plate, *plate_state, *make, *model, *color, *year, *description; } MirrorVehicle;
typedef struct { char *number, *carrier; TlPhoneOwner owner; } MirrorPhone;
typedef struct { TlOnlineKind kind; char *platform, *value; } MirrorOnline;
typedef struct { TlFinancialKind kind; char *institution, *holder, *value; } MirrorFinancial;
typedef struct { TlReferralStage stage; GDateTime *at; char *reason, *advocate; } MirrorMove;
typedef struct
{
  GDateTime *at;
  char *contact_id, *contact_name, *step;
  TlOutcome outcome;
  char *note, *advocate;
  GPtrArray *moves;
} MirrorReferral;
typedef struct
{
  gatomicrefcount ref_count;
  char *id;
  gint64 created, modified;
  TlTipStatus status;
  gint64 revision;   /* the store's bookkeeping: not in the tip file, never in a report */
  char *close_reason;
  GDateTime *received;
  TlChannel channel;
  TlReporterRole reporter_role;
  gboolean reporter_anonymous;
  char *reporter_name, *reporter_phone, *reporter_email;
  MirrorPlan reporter_plan;
  char *advocate;
  TlDanger danger;
  TlTraffickingType type;
  TlVenue venue;
  char *venue_detail, *operation;
  TlReleasePolicy release_policy;
  TlInfoSource sources[TL_N_PARTS];
  MirrorLocation location;
  GPtrArray *victims, *offenders, *vehicles, *phones, *online, *financial, *referrals;
  char *narrative;
} MirrorTip;

static void
test_model_guard (void)
{
#define SAME(real, mirror) \
  if (sizeof (real) != sizeof (mirror)) \
    g_error ("%s changed: give the new field a canary in test-disclosure.c and a row in the " \
             "disclosure table (tl-disclosure.c and docs/report-profiles.md)", #real)
  SAME (TlLocation, MirrorLocation);
  SAME (TlSafetyPlan, MirrorPlan);
  SAME (TlReferralMove, MirrorMove);
  SAME (TlVictim, MirrorVictim);
  SAME (TlOffender, MirrorOffender);
  SAME (TlVehicle, MirrorVehicle);
  SAME (TlPhone, MirrorPhone);
  SAME (TlOnline, MirrorOnline);
  SAME (TlFinancial, MirrorFinancial);
  SAME (TlReferral, MirrorReferral);
  SAME (TlTip, MirrorTip);
#undef SAME
}

/* The canary tip: every field filled, text fields with a distinct canary that no other
 * text contains (constrained fields hold valid values, chosen to be unique too). */
typedef struct
{
  const char *key;        /* section.field as the table names it */
  const char *canary;     /* NULL: not text (an enumeration, a time, a flag) */
} Canary;

static const Canary canaries[] = {
  { "intake.received", NULL },
  { "intake.channel", NULL },
  { "intake.reporter-role", NULL },
  { "intake.reporter-anonymous", NULL },
  { "intake.reporter-name", "Qxrepname" },
  { "intake.reporter-phone", "3141592653" },
  { "intake.reporter-email", "qxrepmail@example.org" },
  { "intake.advocate", "Qxadvocate" },
  { "intake.close-reason", "Qxclosereason" },
  { "intake.sources", NULL },
  { "reporter-call-back.safe", NULL },
  { "reporter-call-back.window", NULL },
  { "reporter-call-back.message", NULL },
  { "reporter-call-back.message-text", "Qxrepmsgtext" },
  { "reporter-call-back.ask-for", "Qxrepaskfor" },
  { "reporter-call-back.code-word", "Qxrepcodeword" },
  { "reporter-call-back.if-dropped", "Qxrepifdropped" },
  { "victim-call-back.safe", NULL },
  { "victim-call-back.window", NULL },
  { "victim-call-back.message", NULL },
  { "victim-call-back.message-text", "Qxvicmsgtext" },
  { "victim-call-back.ask-for", "Qxvicaskfor" },
  { "victim-call-back.code-word", "Qxviccodeword" },
  { "victim-call-back.if-dropped", "Qxvicifdropped" },
  { "situation.danger", NULL },
  { "situation.type", NULL },
  { "situation.venue", NULL },
  { "situation.venue-detail", "Qxvenuedetail" },
  { "situation.operation", "Qxoperation" },
  { "situation.release-policy", NULL },
  { "location.address", "Qxlocaddress" },
  { "location.city", "Qxloccity" },
  { "location.county", "Qxloccounty" },
  { "location.state", "XW" },
  { "location.description", "Qxlocdescription" },
  { "victim.name", "Qxvicname" },
  { "victim.description", "Qxvicdescription" },
  { "victim.age", "87" },
  { "victim.birth-date", "1939-01-29" },
  { "victim.gender", NULL },
  { "victim.citizenship", NULL },
  { "victim.country", "QZ" },
  { "victim.language", "qzv" },
  { "victim.phone", "2718281828" },
  { "victim.email", "qxvicmail@example.org" },
  { "victim.address", "Qxvicaddress" },
  { "victim.law-enforcement", NULL },
  { "victim.needs", NULL },
  { "victim.release-signed", NULL },
  { "victim.release-date", "1941-03-23" },
  { "victim.release-language", "qzr" },
  { "offender.name", "Qxoffname" },
  { "offender.alias", "Qxoffalias" },
  { "offender.age", "93" },
  { "offender.birth-date", "1933-05-27" },
  { "offender.gender", NULL },
  { "offender.description", "Qxoffdescription" },
  { "offender.address", "Qxoffaddress" },
  { "offender.marks", "Qxoffmarks" },
  { "offender.role", NULL },
  { "vehicle.plate", "QXPLATE9" },
  { "vehicle.plate-state", "XV" },
  { "vehicle.make", "Qxmake" },
  { "vehicle.model", "Qxmodel" },
  { "vehicle.color", "Qxcolor" },
  { "vehicle.year", "1907" },
  { "vehicle.description", "Qxvehdescription" },
  { "phone.number", "1414213562" },
  { "phone.carrier", "Qxoffcarrier" },
  { "phone.owner", NULL },
  { "victim-phone.number", "1732050807" },
  { "victim-phone.carrier", "Qxviccarrier" },
  { "victim-phone.owner", NULL },
  { "reporter-phone.number", "2236067977" },
  { "reporter-phone.carrier", "Qxrepcarrier" },
  { "reporter-phone.owner", NULL },
  { "online.kind", NULL },
  { "online.platform", "Qxplatform" },
  { "online.value", "qxhandle" },
  { "financial.kind", NULL },
  { "financial.institution", "Qxbank" },
  { "financial.holder", "Qxholder" },
  { "financial.value", "QXACCT77" },
  { "narrative.narrative", "Qxnarrative" },
  { "referral.at", NULL },
  { "referral.step", "Qxstep" },
  { "referral.contact", "Qxcontact" },
  { "referral.outcome", NULL },
  { "referral.note", "Qxnote" },
  { "referral.advocate", "Qxrefadvocate" },
  { "referral.stage", NULL },
  { "referral.stages", "Qxstagereason" },
};

static const char *
canary (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    if (g_str_equal (canaries[i].key, key))
      return canaries[i].canary;
  g_error ("no canary for %s", key);
}

static void
set (char      **field,
     const char *key)
{
  tl_set_str (field, canary (key));
}

static TlPhone *
new_phone (const char   *section,
           TlPhoneOwner  owner)
{
  TlPhone *phone = tl_phone_new ();
  g_autofree char *number = g_strdup_printf ("%s.number", section);
  g_autofree char *carrier = g_strdup_printf ("%s.carrier", section);

  set (&phone->number, number);
  set (&phone->carrier, carrier);
  phone->owner = owner;
  return phone;
}

/* One victim, so "that victim's release" and "every victim's" are the same. */
static TlTip *
canary_tip (void)
{
  TlTip *tip = tl_tip_new_with_id ("00000000-0000-4000-8000-000000000000");
  TlVictim *v = tl_victim_new ();
  TlOffender *o = tl_offender_new ();
  TlVehicle *car = tl_vehicle_new ();
  TlOnline *online = tl_online_new ();
  TlFinancial *money = tl_financial_new ();
  TlReferral *referral = tl_referral_new ();

  tip->received = g_date_time_new_from_iso8601 ("2026-10-03T10:40:00-06:00", NULL);
  tip->channel = TL_CHANNEL_PHONE;
  tip->reporter_role = TL_REPORTER_VICTIM;
  set (&tip->reporter_name, "intake.reporter-name");
  set (&tip->reporter_phone, "intake.reporter-phone");
  set (&tip->reporter_email, "intake.reporter-email");
  set (&tip->advocate, "intake.advocate");
  set (&tip->close_reason, "intake.close-reason");
  tip->reporter_plan.call_back = TL_CALL_BACK_WINDOW;
  tip->reporter_plan.days = 0x1f;
  tip->reporter_plan.from = 9 * 60;
  tip->reporter_plan.to = 17 * 60;
  tl_set_str (&tip->reporter_plan.timezone, "America/Denver");
  tip->reporter_plan.message = TL_MESSAGE_YES;
  set (&tip->reporter_plan.message_text, "reporter-call-back.message-text");
  set (&tip->reporter_plan.ask_for, "reporter-call-back.ask-for");
  set (&tip->reporter_plan.code_word, "reporter-call-back.code-word");
  set (&tip->reporter_plan.if_dropped, "reporter-call-back.if-dropped");
  tip->sources[TL_PART_NARRATIVE] = TL_SOURCE_FROM_ROLE;
  tip->danger = TL_DANGER_NONE;
  tip->type = TL_TRAFFICKING_LABOR;
  tip->venue = TL_VENUE_AGRICULTURE;
  set (&tip->venue_detail, "situation.venue-detail");
  set (&tip->operation, "situation.operation");
  tip->release_policy = TL_RELEASE_POLICY_REQUIRED;
  set (&tip->location.address, "location.address");
  set (&tip->location.city, "location.city");
  set (&tip->location.county, "location.county");
  set (&tip->location.state, "location.state");
  set (&tip->location.description, "location.description");

  set (&v->name, "victim.name");
  set (&v->description, "victim.description");
  set (&v->age, "victim.age");
  set (&v->birth_date, "victim.birth-date");
  v->gender = TL_GENDER_FEMALE;
  v->citizenship = TL_CITIZENSHIP_FOREIGN_NATIONAL;
  set (&v->country, "victim.country");
  set (&v->language, "victim.language");
  set (&v->phone, "victim.phone");
  set (&v->email, "victim.email");
  set (&v->address, "victim.address");
  v->stance = TL_STANCE_ANONYMOUS_TIP;
  v->needs = TL_NEED_LEGAL;
  set (&v->release_date, "victim.release-date");
  set (&v->release_language, "victim.release-language");
  v->plan.call_back = TL_CALL_BACK_WINDOW;
  v->plan.days = 0x60;
  v->plan.from = 22 * 60;
  v->plan.to = 2 * 60;
  tl_set_str (&v->plan.timezone, "America/Denver");
  v->plan.message = TL_MESSAGE_NO;
  set (&v->plan.message_text, "victim-call-back.message-text");
  set (&v->plan.ask_for, "victim-call-back.ask-for");
  set (&v->plan.code_word, "victim-call-back.code-word");
  set (&v->plan.if_dropped, "victim-call-back.if-dropped");
  g_ptr_array_add (tip->victims, v);

  set (&o->name, "offender.name");
  set (&o->alias, "offender.alias");
  set (&o->age, "offender.age");
  set (&o->birth_date, "offender.birth-date");
  o->gender = TL_GENDER_MALE;
  set (&o->description, "offender.description");
  set (&o->address, "offender.address");
  set (&o->marks, "offender.marks");
  o->role = TL_OFFENDER_ROLE_EXPLOITER;
  g_ptr_array_add (tip->offenders, o);

  set (&car->plate, "vehicle.plate");
  set (&car->plate_state, "vehicle.plate-state");
  set (&car->make, "vehicle.make");
  set (&car->model, "vehicle.model");
  set (&car->color, "vehicle.color");
  set (&car->year, "vehicle.year");
  set (&car->description, "vehicle.description");
  g_ptr_array_add (tip->vehicles, car);

  g_ptr_array_add (tip->phones, new_phone ("phone", TL_PHONE_OWNER_OFFENDER));
  g_ptr_array_add (tip->phones, new_phone ("victim-phone", TL_PHONE_OWNER_VICTIM));
  g_ptr_array_add (tip->phones, new_phone ("reporter-phone", TL_PHONE_OWNER_REPORTER));

  online->kind = TL_ONLINE_SOCIAL;
  set (&online->platform, "online.platform");
  set (&online->value, "online.value");
  g_ptr_array_add (tip->online, online);

  money->kind = TL_FINANCIAL_BANK_ACCOUNT;
  set (&money->institution, "financial.institution");
  set (&money->holder, "financial.holder");
  set (&money->value, "financial.value");
  g_ptr_array_add (tip->financial, money);

  referral->at = g_date_time_new_from_iso8601 ("2026-10-03T11:00:00-06:00", NULL);
  tl_set_str (&referral->contact_id, "national-hotline");
  set (&referral->contact_name, "referral.contact");
  set (&referral->step, "referral.step");
  referral->outcome = TL_OUTCOME_REACHED;
  set (&referral->note, "referral.note");
  set (&referral->advocate, "referral.advocate");
  referral->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_referral_move_free);
  g_ptr_array_add (referral->moves, tl_referral_move_new (TL_REFERRAL_DONE, referral->at,
                                                          canary ("referral.stages"), NULL));
  g_ptr_array_add (tip->referrals, referral);

  set (&tip->narrative, "narrative.narrative");
  return tip;
}

/* Every row of the table is a field of the canary tip, and every field of the canary
 * tip has a row: a field added to tl_tip_describe() without a row fails here. */
static void
test_every_field_has_a_row (void)
{
  g_autoptr(TlTip) tip = canary_tip ();
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  tip->reporter_anonymous = TRUE;
  tip->release_policy = TL_RELEASE_POLICY_REQUIRED;
  ((TlVictim *) g_ptr_array_index (tip->victims, 0))->release_signed = TRUE;
  tip->sources[TL_PART_LOCATION] = TL_SOURCE_ADVOCATE;
  sections = tl_tip_describe (tip);

  for (guint i = 0; i < sections->len; i++)
    {
      TlSection *s = g_ptr_array_index (sections, i);

      for (guint j = 0; j < s->fields->len; j++)
        {
          TlField *f = g_ptr_array_index (s->fields, j);
          const TlDisclosureRow *row = _tl_disclosure_lookup (tip, s->key, s->index, f->key);

          if (row == NULL)
            g_error ("%s.%s has no row in the disclosure table", s->key, f->key);
          g_hash_table_add (seen, g_strdup_printf ("%s.%s", row->section, row->field));
        }
    }

  for (const TlDisclosureRow *r = _tl_disclosure_rows (); r->section != NULL; r++)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", r->section, r->field);

      /* Attachments live in the store, not in the tip: their rows are walked by
       * tests/unit/ops/test-export-attachments.c, one per kind (issue 20). */
      if (g_str_equal (r->section, "attachment") &&
          tl_enum_from_nick (tl_attachment_kind_values, r->field, NULL))
        continue;
      if (!g_hash_table_contains (seen, key))
        g_error ("the table has a row for %s, which the canary tip does not fill", key);
      canary (key);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (canaries));
}

/* The consent states that matter. */
typedef struct
{
  const char *name;
  TlReporterRole role;
  gboolean anonymous;
  TlReleasePolicy policy;
  gboolean signed_release;
  TlDanger danger;
} State;

static const State states[] = {
  { "victim-no-release", TL_REPORTER_VICTIM, FALSE, TL_RELEASE_POLICY_REQUIRED, FALSE, TL_DANGER_NONE },
  { "victim-signed", TL_REPORTER_VICTIM, FALSE, TL_RELEASE_POLICY_REQUIRED, TRUE, TL_DANGER_NONE },
  { "policy-not-required", TL_REPORTER_VICTIM, FALSE, TL_RELEASE_POLICY_NOT_REQUIRED, FALSE, TL_DANGER_NONE },
  { "policy-unknown", TL_REPORTER_VICTIM, FALSE, TL_RELEASE_POLICY_UNKNOWN, FALSE, TL_DANGER_NONE },
  { "immediate-danger", TL_REPORTER_VICTIM, FALSE, TL_RELEASE_POLICY_REQUIRED, FALSE, TL_DANGER_IMMEDIATE },
  { "third-party-anonymous", TL_REPORTER_THIRD_PARTY, TRUE, TL_RELEASE_POLICY_REQUIRED, FALSE, TL_DANGER_NONE },
  { "third-party-named", TL_REPORTER_THIRD_PARTY, FALSE, TL_RELEASE_POLICY_UNKNOWN, FALSE, TL_DANGER_NONE },
};

/* What the documented rule says, worked out here from the state, not by the engine. */
static gboolean
expect_shown (const char  *rule,
              const char  *part,
              const State *state)
{
  gboolean released = state->policy == TL_RELEASE_POLICY_NOT_REQUIRED || state->signed_release;
  /* the canary tip leaves every part to the reporter's role */
  gboolean from_victim = !g_str_equal (part, "—") && state->role == TL_REPORTER_VICTIM;

  if (g_str_equal (rule, "shown"))
    return TRUE;
  if (g_str_equal (rule, "withheld") || g_str_equal (rule, "override") || g_str_equal (rule, "caller"))
    return FALSE;
  if (g_str_equal (rule, "release"))
    return released;
  if (g_str_equal (rule, "provided"))
    return !from_victim || released;
  if (g_str_equal (rule, "incident"))
    return state->danger == TL_DANGER_IMMEDIATE || !from_victim || released;
  g_error ("unknown rule %s", rule);
}

static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("disclosure");
  g_autofree char *in = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *out = g_build_filename (dir, "r.txt", NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", in, out, NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status;

  g_assert_true (g_file_set_contents (in, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return text;
}

/* A canary as a whole word: "87" is not found inside "1987". */
static gboolean
contains (const char *text,
          const char *word)
{
  g_autofree char *escaped = g_regex_escape_string (word, -1);
  g_autofree char *pattern = g_strdup_printf ("(?<![\\w.@-])%s(?![\\w@-])", escaped);

  return g_regex_match_simple (pattern, text, 0, 0);
}

/* A non-text field: shown when its row in the report carries a value. */
static gboolean
report_shows (TlReport   *report,
              const char *section,
              const char *field)
{
  /* the canary tip's phones: the offender's, the victim's, the reporter's */
  int index = g_str_equal (section, "victim-phone") ? 1 : g_str_equal (section, "reporter-phone") ? 2
              : g_str_equal (section, "intake") || g_str_equal (section, "situation")
                || g_str_equal (section, "location") || g_str_equal (section, "narrative")
                || g_str_equal (section, "reporter-call-back") ? -1 : 0;
  const char *key = g_str_has_suffix (section, "phone") ? "phone" : section;

  for (guint i = 0; i < report->sections->len; i++)
    {
      TlReportSection *s = g_ptr_array_index (report->sections, i);

      /* a part withheld whole is collapsed into one line ("Phones (2)"): not shown */
      if (!g_str_equal (s->key, key) || s->index != index)
        continue;
      for (guint j = 0; j < s->rows->len; j++)
        {
          TlReportRow *row = g_ptr_array_index (s->rows, j);

          if (g_str_equal (row->key, field))
            return row->value != NULL;
        }
    }
  return FALSE;
}

static void
test_canary_walk (void)
{
  g_autoptr(GHashTable) doc = read_doc_table ();
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gboolean have_pdftotext = pdftotext != NULL;
  guint checks = 0;

  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    for (int p = 0; p < N_PROFILES; p++)
      {
        const State *state = &states[s];
        g_autoptr(TlTip) tip = canary_tip ();
        g_autoptr(TlExport) export = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) pdf = NULL;
        g_autoptr(GPtrArray) back = NULL;
        g_autoptr(GPtrArray) one = g_ptr_array_new ();
        g_autofree char *text = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *pdf_out = NULL;
        g_autofree char *csv = NULL;
        g_autofree char *json = NULL;
        TlReport *report;
        gsize xml_len = 0;
        const char *outputs[3];
        const char *names[] = { "text", "pdf", "xml" };
        /* fields this tip holds in this state ("unknown" and "no" are not described) */
        g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GPtrArray) described = NULL;

        tip->reporter_role = state->role;
        tip->reporter_anonymous = state->anonymous;
        tip->release_policy = state->policy;
        tip->danger = state->danger;
        ((TlVictim *) g_ptr_array_index (tip->victims, 0))->release_signed = state->signed_release;

        tip->reporter_role = state->role;
        tip->reporter_anonymous = state->anonymous;
        tip->release_policy = state->policy;
        tip->danger = state->danger;
        ((TlVictim *) g_ptr_array_index (tip->victims, 0))->release_signed = state->signed_release;
        described = tl_tip_describe (tip);
        for (guint i = 0; i < described->len; i++)
          {
            TlSection *sec = g_ptr_array_index (described, i);

            for (guint j = 0; j < sec->fields->len; j++)
              {
                TlField *fld = g_ptr_array_index (sec->fields, j);
                const TlDisclosureRow *r = _tl_disclosure_lookup (tip, sec->key, sec->index, fld->key);

                g_hash_table_add (present, g_strdup_printf ("%s.%s", r->section, r->field));
              }
          }

        export = tl_export_new (tip, p, TL_REPORT_TEXT, NULL);
        report = tl_export_get_report (export);
        text = tl_report_to_text (report);
        xml = tl_report_to_xml (report, &xml_len);
        /* the redacted XML stays valid against data/schemas/tip.rng */
        back = tl_tip_xml_read (xml, xml_len, "redacted.xml", TL_TIP_XML_NONE, &error);
        g_assert_no_error (error);
        g_ptr_array_add (one, (gpointer) tl_report_get_redacted_tip (report));
        csv = tl_htcds_to_csv (one);
        json = tl_htcds_to_json (one);
        if (have_pdftotext)
          {
            pdf = tl_report_to_pdf (report, &error);
            g_assert_no_error (error);
            pdf_out = pdf_text (pdf);
          }
        outputs[0] = text;
        outputs[1] = pdf_out;
        outputs[2] = xml;

        for (guint c = 0; c < G_N_ELEMENTS (canaries); c++)
          {
            DocRow *row = g_hash_table_lookup (doc, canaries[c].key);
            g_auto(GStrv) parts = g_strsplit (canaries[c].key, ".", 2);
            gboolean shown;

            g_assert_nonnull (row);
            shown = expect_shown (row->rules[p], row->part, state);
            /* "release signed: no", "not anonymous", an unknown policy and sources left
             * to the role are not fields of this tip */
            if (!g_hash_table_contains (present, canaries[c].key))
              continue;

            if (canaries[c].canary == NULL)
              {
                if (report_shows (report, parts[0], parts[1]) != shown)
                  g_error ("%s, %s, %s: the report %s it", state->name,
                           tl_enum_to_nick (tl_report_profile_values, p), canaries[c].key,
                           shown ? "lacks" : "shows");
                checks++;
                continue;
              }

            for (guint f = 0; f < G_N_ELEMENTS (outputs); f++)
              {
                if (outputs[f] == NULL)
                  continue;
                if (contains (outputs[f], canaries[c].canary) != shown)
                  g_error ("%s, %s, %s: %s %s “%s”", state->name,
                           tl_enum_to_nick (tl_report_profile_values, p), names[f],
                           canaries[c].key, shown ? "is missing" : "appears", canaries[c].canary);
                checks++;
              }
            /* HTCDS carries only codes: nothing withheld may be in it */
            if (!shown && (contains (csv, canaries[c].canary) || contains (json, canaries[c].canary)))
              g_error ("%s, %s: HTCDS carries withheld %s", state->name,
                       tl_enum_to_nick (tl_report_profile_values, p), canaries[c].key);
          }
      }

  g_test_message ("%u checks", checks);
  g_assert_cmpuint (checks, >, 1000);
}

/* helpers for the cases */

static TlTip *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tips = tl_tip_xml_read_file (path, &error);

  g_assert_no_error (error);
  return tl_tip_ref (g_ptr_array_index (tips, 0));
}

static char *
render (const TlTip     *tip,
        TlReportProfile  profile,
        TlReportFormat   format,
        GPtrArray       *overrides)
{
  g_autoptr(TlExport) export = tl_export_new (tip, profile, format, overrides);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  if (format == TL_REPORT_PDF)
    {
      g_autoptr(GBytes) pdf = tl_export_render (export, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = pdf_text (pdf);
      return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
    }
  bytes = tl_export_render (export, &error);
  g_assert_no_error (error);
  return g_regex_replace_literal (space, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  0, " ", 0, NULL);
}

static const TlReportFormat text_formats[] = { TL_REPORT_TEXT, TL_REPORT_XML, TL_REPORT_PDF };

/* A victim who reported herself, refuses police, signed no release, and the policy
 * requires one: nothing she provided reaches law enforcement, in any format. */
static void
test_self_report_without_release (void)
{
  g_autoptr(TlTip) tip = load ("tip-self-report.xml");
  static const char * const never[] = {
    "Mara Testcase", "1998-02-11", "Slim, long black hair", "Refuses, but allows", "HN",
    "Foreign national", "foreign-national", "She says she was brought", "Desert Rose", "Qxsecret",
    "505-555-0162", NULL
  };

  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    {
      g_autofree char *out = render (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, text_formats[f], NULL);

      for (guint i = 0; never[i] != NULL; i++)
        if (contains (out, never[i]))
          g_error ("law enforcement (%d) gets “%s”", text_formats[f], never[i]);
      g_assert_true (strstr (out, "[withheld: provided by the victim, no signed release]") != NULL);
      g_assert_null (strstr (out, "Age: 29"));
      g_assert_null (strstr (out, "<age>29</age>"));
      /* the danger is never held back */
      if (text_formats[f] != TL_REPORT_XML)
        g_assert_nonnull (strstr (out, "No immediate danger"));
    }

  {
    g_autofree char *out = render (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, NULL);

    g_assert_nonnull (strstr (out, "withheld whole"));
  }
}

/* The same victim signs: her name and her account go to law enforcement. */
static void
test_signed_release (void)
{
  g_autoptr(TlTip) tip = load ("tip-self-report.xml");
  TlVictim *v = g_ptr_array_index (tip->victims, 0);

  v->release_signed = TRUE;
  tl_set_str (&v->release_date, "2026-11-02");
  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    {
      g_autofree char *out = render (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, text_formats[f], NULL);

      g_assert_nonnull (strstr (out, "Mara Testcase"));
      g_assert_nonnull (strstr (out, "She says she was brought"));
      g_assert_nonnull (strstr (out, "Desert Rose"));
      g_assert_null (strstr (out, "provided by the victim, no signed release"));
    }
}

/* An aunt who asks to stay anonymous: no profile but the full record names her or her
 * phone, and the export preview says so. */
static void
test_anonymous_aunt (void)
{
  g_autoptr(TlTip) tip = load ("tip-anonymous-aunt.xml");

  g_assert_true (tl_tip_is_anonymous (tip));
  g_assert_cmpint (tip->reporter_role, ==, TL_REPORTER_THIRD_PARTY);
  for (int p = 0; p < TL_REPORT_PROFILE_FULL; p++)
    for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
      {
        g_autofree char *out = render (tip, p, text_formats[f], NULL);
        g_autoptr(TlExport) export = tl_export_new (tip, p, text_formats[f], NULL);
        g_autoptr(GPtrArray) lines = tl_export_list_withheld (export);
        gboolean listed = FALSE;

        g_assert_null (strstr (out, "Ina Auntie"));
        g_assert_null (strstr (out, "575) 555-0147"));
        g_assert_null (strstr (out, "555-0147"));
        g_assert_null (strstr (out, "ina.auntie@example.org"));
        for (guint i = 0; i < lines->len; i++)
          listed |= strstr (g_ptr_array_index (lines, i), "Reporter’s phone") != NULL;
        g_assert_true (listed);
      }

  /* not even with an override: she asked */
  {
    g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
    g_autofree char *out = NULL;

    g_ptr_array_add (overrides, tl_report_override_parse ("reporter-identity=detective asked", NULL));
    out = render (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, overrides);
    g_assert_null (strstr (out, "Ina Auntie"));
    g_assert_nonnull (strstr (out, "[withheld: the caller asked to stay anonymous]"));
  }

  /* the internal record keeps the call-back number for the advocate */
  {
    g_autofree char *out = render (tip, TL_REPORT_PROFILE_FULL, TL_REPORT_TEXT, NULL);

    g_assert_nonnull (strstr (out, "Ina Auntie"));
    g_assert_nonnull (strstr (out, "555-0147"));
  }

  /* the tip list says so */
  {
    g_autofree char *summary = tl_tip_dup_summary (tip);

    g_assert_nonnull (strstr (summary, "anonymous caller"));
  }
}

/* The anonymous tip names nobody: no victim description, no release, no plan. */
static void
test_anonymous_tip_report (void)
{
  g_autoptr(TlTip) tip = load ("tip-anonymous-aunt.xml");
  static const char * const never[] = {
    "Ina Auntie", "555-0147", "Short, braces", "2026-10-30", "Routing plan", "immigration attorney",
    "Refuses", "Lupe", "Emergency shelter", "emergency-shelter", NULL
  };

  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    {
      g_autofree char *out = render (tip, TL_REPORT_PROFILE_ANONYMOUS_TIP, text_formats[f], NULL);

      for (guint i = 0; never[i] != NULL; i++)
        if (strstr (out, never[i]) != NULL)
          g_error ("the anonymous tip (%d) carries “%s”", text_formats[f], never[i]);
      /* what the seed's anonymous tip is for */
      g_assert_nonnull (strstr (out, "Rick Dealer"));
      g_assert_nonnull (strstr (out, "NMX4471"));
    }
}

/* "Ana Ford": structured fields are never cleaned, free text by whole words only. */
static void
test_ana_ford (void)
{
  g_autoptr(TlTip) tip = load ("tip-anonymous-aunt.xml");
  TlVictim *v = g_ptr_array_index (tip->victims, 0);
  TlVehicle *car = g_ptr_array_index (tip->vehicles, 0);
  g_autofree char *out = NULL;

  tl_set_str (&v->name, "Ana Ford");
  tl_set_str (&car->make, "Ford");
  tl_set_str (&tip->reporter_name, "Sue Provider");
  tip->reporter_anonymous = FALSE;
  tip->reporter_role = TL_REPORTER_SERVICE_PROVIDER;
  tl_set_str (&tip->narrative, "ANA FORD was seen at the Fordham motel; José said ana left with "
                               "him. The caller (Sue) works at a shelter. Anastasia is her cousin.");
  tl_set_str (&car->description, "Fords are common here");

  out = render (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, NULL);
  g_assert_nonnull (strstr (out, "Make: Ford"));
  /* the role is a structured field: withheld whole or shown whole, never half */
  g_assert_nonnull (strstr (out, "Reported by: [withheld"));
  g_assert_null (strstr (out, "A service [withheld"));
  g_assert_null (strstr (out, "ANA FORD"));
  g_assert_nonnull (strstr (out, "Fordham motel"));       /* not a whole word */
  g_assert_nonnull (strstr (out, "Anastasia"));
  g_assert_null (strstr (out, " ana left"));              /* case-insensitive */
  g_assert_null (strstr (out, "(Sue)"));
  g_assert_nonnull (strstr (out, "Fords are common"));

  /* accents: "Jose" withheld removes "José" */
  tl_set_str (&v->name, "Jose Ford");
  g_clear_pointer (&out, g_free);
  out = render (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, NULL);
  g_assert_null (strstr (out, "José"));
}

/* A service provider sees neither the plate nor the offender's phone, in the tables or
 * in the narrative. */
static void
test_service_provider_narrative (void)
{
  g_autoptr(TlTip) tip = load ("tip-anonymous-aunt.xml");

  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    {
      g_autofree char *out = render (tip, TL_REPORT_PROFILE_SERVICE_PROVIDER, text_formats[f], NULL);

      g_assert_null (strstr (out, "NMX4471"));
      g_assert_null (strstr (out, "NMX 4471"));
      g_assert_null (strstr (out, "505-555-0188"));
      g_assert_null (strstr (out, "(505) 555 0188"));
      g_assert_nonnull (strstr (out, "Rick Dealer"));     /* who to watch out for */
    }
}

/* An override: its typed reason is printed and the export is audited. */
static void
test_override_printed_and_audited (void)
{
  g_autoptr(TlTip) tip = load ("tip-self-report.xml");
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_report_override_free);
  g_autoptr(TlExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  TlTestStore fx;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint exports = 0, overridden = 0;

  tl_test_store_set_up (&fx, NULL);
  g_assert_true (tl_store_save_tip (fx.store, tip, &error));
  g_ptr_array_add (overrides, tl_report_override_parse ("victim-provided=She agreed by phone on 2026-11-03", &error));
  g_assert_no_error (error);

  export = tl_export_new (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, overrides);
  path = g_build_filename (fx.dir, "le.txt", NULL);
  g_assert_true (tl_export_write_file (export, fx.store, path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "She agreed by phone on 2026-11-03"));
  g_assert_nonnull (strstr (text, "She says she was brought"));
  /* the override lifts what she provided, not who she is */
  g_assert_null (strstr (text, "Mara Testcase"));

  audit = tl_store_list_audit (fx.store, tip->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      TlAuditEntry *e = g_ptr_array_index (audit, i);

      exports += e->action == TL_AUDIT_EXPORT;
      overridden += e->action == TL_AUDIT_EXPORT_OVERRIDE;
      /* the reason may quote the tip: never in the audit log */
      g_assert_true (e->detail == NULL || strstr (e->detail, "agreed") == NULL);
    }
  g_assert_cmpuint (exports, ==, 1);
  g_assert_cmpuint (overridden, ==, 1);
  g_unlink (path);
  tl_test_store_tear_down (&fx, NULL);
}

/* Page 1 of the law-enforcement report: danger, type, location, offenders, vehicles,
 * phones and online accounts come before the notices, with the hotline's call-back. */
static void
test_le_page_one (void)
{
  g_autoptr(TlTip) tip = load ("tip-anonymous-aunt.xml");
  g_autoptr(TlExport) export = tl_export_new (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_PDF, NULL);
  g_autoptr(TlExport) unset = tl_export_new (tip, TL_REPORT_PROFILE_LAW_ENFORCEMENT, TL_REPORT_TEXT, NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *unset_text = NULL;
  char *feed;

  tl_export_set_contact (export, "Dana Advocate", "505-555-0100");
  pdf = tl_export_render (export, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  feed = strchr (text, '\f');
  page1 = feed != NULL ? g_strndup (text, feed - text) : g_strdup (text);
  if (g_getenv ("TL_DEBUG_PAGE1"))
    g_printerr ("%s", page1);
  /* page 1: the danger, the type, where, who, and whom to call back */
  {
    static const char * const first[] = {
      "Immediate danger", "Labor trafficking", "Hobbs", "Rick Dealer", "Dana Advocate", "505-555-0100",
    };

    for (guint i = 0; i < G_N_ELEMENTS (first); i++)
      if (strstr (page1, first[i]) == NULL)
        g_error ("page 1 lacks “%s”", first[i]);
  }
  /* then the vehicles, phones and online accounts, all before the notices and the
   * victims; a long tip continues on page 2 in this order */
  {
    static const char * const order[] = {
      "Immediate danger", "Hobbs", "Rick Dealer", "NMX4471", "505-555-0188", "rick.deals.example",
      "Fields marked", "Victim 1",
    };

    for (guint i = 1; i < G_N_ELEMENTS (order); i++)
      {
        const char *before = strstr (text, order[i - 1]);
        const char *after = strstr (text, order[i]);

        if (before == NULL || after == NULL || before > after)
          g_error ("“%s” should come before “%s”", order[i - 1], order[i]);
      }
  }

  /* empty stays visibly empty, never invented */
  unset_text = tl_report_to_text (tl_export_get_report (unset));
  g_assert_nonnull (strstr (unset_text, "Agency phone:"));
  g_assert_nonnull (strstr (unset_text, "Not set in Preferences"));
}

/* Old tip files open unchanged: no <sources>, no anonymous attribute, the old
 * "anonymous" role still means the caller asked. */
static void
test_old_files (void)
{
  g_autoptr(TlTip) old = load ("tip-full.xml");
  g_autoptr(TlTip) aunt = load ("tip-anonymous-aunt.xml");
  g_autoptr(TlTip) copy = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *xml = NULL;
  gsize length = 0;

  g_assert_false (old->reporter_anonymous);
  for (guint i = 0; i < TL_N_PARTS; i++)
    g_assert_cmpint (old->sources[i], ==, TL_SOURCE_FROM_ROLE);
  old->reporter_role = TL_REPORTER_ANONYMOUS;
  g_assert_true (tl_tip_is_anonymous (old));

  /* the new fields survive a round trip */
  xml = tl_tip_xml_write_one (aunt, &length);
  back = tl_tip_xml_read (xml, length, "aunt.xml", TL_TIP_XML_NONE, NULL);
  g_assert_nonnull (back);
  copy = tl_tip_ref (g_ptr_array_index (back, 0));
  g_assert_true (tl_tip_equal (aunt, copy));
  g_assert_cmpint (copy->sources[TL_PART_VICTIMS], ==, TL_SOURCE_REPORTER);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disclosure/doc-matches-engine", test_doc_matches_engine);
  g_test_add_func ("/disclosure/model-guard", test_model_guard);
  g_test_add_func ("/disclosure/every-field-has-a-row", test_every_field_has_a_row);
  g_test_add_func ("/disclosure/canary-walk", test_canary_walk);
  g_test_add_func ("/disclosure/self-report-without-release", test_self_report_without_release);
  g_test_add_func ("/disclosure/signed-release", test_signed_release);
  g_test_add_func ("/disclosure/anonymous-aunt", test_anonymous_aunt);
  g_test_add_func ("/disclosure/anonymous-tip-report", test_anonymous_tip_report);
  g_test_add_func ("/disclosure/ana-ford", test_ana_ford);
  g_test_add_func ("/disclosure/service-provider-narrative", test_service_provider_narrative);
  g_test_add_func ("/disclosure/override", test_override_printed_and_audited);
  g_test_add_func ("/disclosure/le-page-one", test_le_page_one);
  g_test_add_func ("/disclosure/old-files", test_old_files);

  return g_test_run ();
}
