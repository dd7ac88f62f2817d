/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tl-enums.h"
#include "tl-types.h"

G_BEGIN_DECLS

/* A tip and its parts are plain structures with public fields, as a form edits them.
 * Strings are owned (g_free), NULL when empty. Values people type that have a syntax
 * (ages, dates) are kept exactly as typed, so validation never throws anything away;
 * tl_tip_validate() says what is wrong and the helpers below parse them. */

struct _TlLocation
{
  char *address;
  char *city;
  char *county;
  char *state;        /* two-letter postal code, e.g. "NM" */
  char *description;  /* descriptions, signage and markings */
};

/* Whether and how a person may be called back (issue 19; NNEDV safety planning), kept
 * for the reporter and for each victim with a phone. All zero is "not asked". The window
 * is a weekly one on the office's clock: days (bit 0 = Monday ... bit 6 = Sunday) and
 * minutes from midnight; to <= from runs past midnight into the next day. timezone is
 * the IANA zone the window was written in (the office's, from its default protocol),
 * so a tip file read by another office keeps its meaning. Never in a report but full. */
typedef struct
{
  TlCallBack call_back;
  guint8 days;                /* 0 with call_back WINDOW: every day */
  guint16 from;               /* minutes from midnight, 0..1439 */
  guint16 to;
  char *timezone;             /* IANA id; NULL: the office's zone when it is read */
  TlMessageRule message;
  char *message_text;         /* what a message may say, word for word */
  char *ask_for;              /* the name to ask for */
  char *code_word;
  char *if_dropped;           /* what to do if the call drops */
} TlSafetyPlan;

struct _TlVictim
{
  char *name;
  char *description;
  char *age;          /* whole years, as typed */
  char *birth_date;   /* YYYY-MM-DD, as typed */
  TlGender gender;
  TlCitizenship citizenship;
  char *country;      /* ISO 3166-1 alpha-2 */
  char *language;     /* ISO 639-1 */
  char *phone;
  char *email;
  char *address;
  TlStance stance;
  TlNeeds needs;
  gboolean release_signed;
  char *release_date;      /* YYYY-MM-DD, as typed */
  char *release_language;  /* ISO 639-1 */
  TlSafetyPlan plan;       /* calling this victim back */
};

struct _TlOffender
{
  char *name;
  char *alias;
  char *age;
  char *birth_date;
  TlGender gender;
  char *description;
  char *address;
  char *marks;        /* tattoos, scars, other identifying marks */
  TlOffenderRole role;
};

struct _TlVehicle
{
  char *plate;        /* as typed; tl_plate_normalize() for matching */
  char *plate_state;
  char *make;
  char *model;
  char *color;
  char *year;
  char *description;
};

struct _TlPhone
{
  char *number;       /* as typed; tl_phone_digits() for matching */
  char *carrier;
  TlPhoneOwner owner;
};

struct _TlOnline
{
  TlOnlineKind kind;
  char *platform;
  char *value;        /* address, handle, URL or ad text */
};

struct _TlFinancial
{
  TlFinancialKind kind;
  char *institution;
  char *holder;
  char *value;        /* card or account number exactly as given */
};

/* One move of a referral after it was logged: to a stage, when, by whom, and why (the
 * reason it was declined, the outcome it was done with). */
typedef struct
{
  TlReferralStage stage;
  GDateTime *at;
  char *reason;
  char *advocate;
} TlReferralMove;

/* One logged call or e-mail made for the tip. It starts at the stage its outcome puts it
 * (tl_referral_stage_from_outcome) at `at`; moves holds each later step, in order. */
struct _TlReferral
{
  GDateTime *at;
  char *contact_id;
  char *contact_name;
  char *step;         /* what was being done, e.g. "Call 911" */
  TlOutcome outcome;
  char *note;
  char *advocate;
  GPtrArray *moves;   /* TlReferralMove, NULL when it never moved */
};

struct _TlTip
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char *id;                 /* UUID, stable for the tip's life */
  gint64 created;           /* unix time in microseconds */
  gint64 modified;
  TlTipStatus status;
  /* The store's revision of the tip this copy was read at (tl_store_load_tip), or 0 for
   * a tip not read from the store. Not part of the tip file; saving a tip whose stored
   * revision moved on is a conflict (TL_ERROR_CONFLICT). */
  gint64 revision;
  char *close_reason;       /* why the advocate closed it (free text); NULL while open */

  /* intake */
  GDateTime *received;      /* with the offset it was entered in */
  TlChannel channel;
  TlReporterRole reporter_role;
  gboolean reporter_anonymous;  /* the caller asked to stay anonymous, whatever the role */
  char *reporter_name;
  char *reporter_phone;
  char *reporter_email;
  TlSafetyPlan reporter_plan;   /* calling the reporter back */
  char *advocate;

  /* situation */
  TlDanger danger;
  TlTraffickingType type;
  TlVenue venue;
  char *venue_detail;
  char *operation;          /* how the operation works */

  /* consent */
  TlReleasePolicy release_policy;
  TlInfoSource sources[TL_N_PARTS];  /* who provided each part; FROM_ROLE by default */

  TlLocation location;

  GPtrArray *victims;       /* TlVictim */
  GPtrArray *offenders;     /* TlOffender */
  GPtrArray *vehicles;      /* TlVehicle */
  GPtrArray *phones;        /* TlPhone */
  GPtrArray *online;        /* TlOnline */
  GPtrArray *financial;     /* TlFinancial */
  GPtrArray *referrals;     /* TlReferral */

  char *narrative;
};

/* A validation finding: which field (a path such as "victims/0/age") and what to do. */
struct _TlProblem
{
  char *field;
  char *message;
};

#define TL_TYPE_TIP (tl_tip_get_type ())

GType        tl_tip_get_type       (void) G_GNUC_CONST;
TlTip       *tl_tip_new            (void);
TlTip       *tl_tip_new_with_id    (const char   *id);
TlTip       *tl_tip_ref            (TlTip        *tip);
void         tl_tip_unref          (TlTip        *tip);
TlTip       *tl_tip_copy           (const TlTip  *tip);
gboolean     tl_tip_equal          (const TlTip  *a,
                                    const TlTip  *b);
void         tl_tip_touch          (TlTip        *tip);
gboolean     tl_tip_has_minor      (const TlTip  *tip);

/* Writes what the model recognises in its canonical form: a state written as a name or
 * with periods ("New Mexico", "n.m.") becomes its postal code ("NM"), in the location and
 * on vehicle plates. What it does not recognise stays as typed (tl_tip_validate says so).
 * The XML reader and the store call it, so every path agrees. */
void         tl_tip_normalize      (TlTip        *tip);

GPtrArray   *tl_tip_validate       (const TlTip  *tip);
char        *tl_tip_dup_summary    (const TlTip  *tip);
/* The caller asked to stay anonymous: reporter_anonymous, or the old "anonymous" role. */
gboolean     tl_tip_is_anonymous   (const TlTip  *tip);
/* Who provided a part: the recorded source, else from the reporter's role (the victim
 * reporting herself: the victim; anyone else: the reporter). */
TlInfoSource     tl_tip_get_source     (const TlTip  *tip,
                                    TlPart        part);

TlVictim    *tl_victim_new         (void);
TlVictim    *tl_victim_copy        (const TlVictim *victim);
void         tl_victim_free        (TlVictim       *victim);
int          tl_victim_get_age     (const TlVictim *victim,
                                    GDateTime      *on);
gboolean     tl_victim_is_minor    (const TlVictim *victim,
                                    GDateTime      *on);

TlOffender  *tl_offender_new       (void);
TlOffender  *tl_offender_copy      (const TlOffender *offender);
void         tl_offender_free      (TlOffender       *offender);

TlVehicle   *tl_vehicle_new        (void);
TlVehicle   *tl_vehicle_copy       (const TlVehicle *vehicle);
void         tl_vehicle_free       (TlVehicle       *vehicle);

TlPhone     *tl_phone_new          (void);
TlPhone     *tl_phone_copy         (const TlPhone *phone);
void         tl_phone_free         (TlPhone       *phone);

TlOnline    *tl_online_new         (void);
TlOnline    *tl_online_copy        (const TlOnline *online);
void         tl_online_free        (TlOnline       *online);

TlFinancial *tl_financial_new      (void);
TlFinancial *tl_financial_copy     (const TlFinancial *financial);
void         tl_financial_free     (TlFinancial       *financial);

TlReferral  *tl_referral_new       (void);
TlReferral  *tl_referral_copy      (const TlReferral *referral);
void         tl_referral_free      (TlReferral       *referral);

TlReferralStage tl_referral_stage_from_outcome (TlOutcome outcome);
TlReferralStage tl_referral_get_stage (const TlReferral *referral);
/* When the referral reached its current stage. */
GDateTime   *tl_referral_get_stage_time (const TlReferral *referral);
TlReferralMove *tl_referral_move_new  (TlReferralStage stage,
                                       GDateTime      *at,
                                       const char     *reason,
                                       const char     *advocate);
void         tl_referral_move_free (TlReferralMove *move);

void         tl_problem_free       (TlProblem *problem);

/* Replace an owned string field; empty or all-blank text becomes NULL. */
void         tl_set_str            (char       **field,
                                    const char  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlTip, tl_tip_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlVictim, tl_victim_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlOffender, tl_offender_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlVehicle, tl_vehicle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlPhone, tl_phone_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlOnline, tl_online_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlFinancial, tl_financial_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlReferral, tl_referral_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlProblem, tl_problem_free)

G_END_DECLS
