/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-availability.h"
#include "tl-enums.h"

G_BEGIN_DECLS

#define TL_PROTOCOL_NAMESPACE "urn:tipline:protocol:1"
/* A real protocol is a few dozen kilobytes; anything near this is not one. */
#define TL_PROTOCOL_MAX_SIZE (4 * 1024 * 1024)

typedef struct _TlProtocol TlProtocol;

/* Where a rule, step, warning, note, contact or matrix cell comes from: a sentence of
 * one of the documents the protocol lists in <metadata> (<source id>), or general
 * knowledge with the reason no document is needed (911 answers at all hours). */
typedef struct _TlText TlText;
typedef struct
{
  char *document;      /* id of a <source id="..."> in <metadata>; NULL: general knowledge */
  char *quote;         /* the sentence as printed in the document */
  TlText *reason;      /* general knowledge: why no document is needed */
  int line;
} TlSource;

/* Text a person reads, in each language the file gives, with the sources it cites. */
struct _TlText
{
  char *en;
  char *es;
  GPtrArray *sources;  /* TlSource, NULL when none is given */
  int line;            /* of the first element of the pair, 0 when not read from a file */
};

const char *tl_text_get (const TlText *text,
                         const char   *lang);

typedef enum
{
  TL_CONTACT_KIND_EMERGENCY,
  TL_CONTACT_KIND_HOTLINE,
  TL_CONTACT_KIND_LAW_ENFORCEMENT,
  TL_CONTACT_KIND_CHILD_PROTECTION,
  TL_CONTACT_KIND_COORDINATOR,
  TL_CONTACT_KIND_SERVICE_PROVIDER,
  TL_CONTACT_KIND_LEGAL,
  TL_CONTACT_KIND_IMMIGRATION,
  TL_CONTACT_KIND_OTHER,
} TlContactKind;
extern const TlEnumValue tl_contact_kind_values[];

/* The first TL_N_MATRIX_SERVICES are the rows of the NHTRC matrix (seed 002); the rest
 * only label steps. */
typedef enum
{
  TL_SERVICE_TIP_REPORTING,
  TL_SERVICE_VICTIM_EXTRACTION,
  TL_SERVICE_EMERGENCY_SHELTER,
  TL_SERVICE_TRANSITIONAL_SHELTER,
  TL_SERVICE_CASE_MANAGEMENT,
  TL_SERVICE_LEGAL,
  TL_SERVICE_MENTAL_HEALTH,
  TL_SERVICE_IMMIGRATION,
  TL_SERVICE_CHILD_PROTECTION,
  TL_SERVICE_COORDINATION,
  TL_SERVICE_CONSENT,
  TL_SERVICE_OTHER,
} TlService;
extern const TlEnumValue tl_service_values[];
#define TL_N_MATRIX_SERVICES 8

/* The columns of the NHTRC matrix. */
typedef enum
{
  TL_MATRIX_URGENT,
  TL_MATRIX_NON_URGENT,
  TL_MATRIX_BUSINESS_HOURS,
  TL_MATRIX_AFTER_HOURS,
  TL_MATRIX_FOREIGN_NATIONALS,
  TL_MATRIX_US_CITIZENS,
  TL_MATRIX_MINORS,
  TL_MATRIX_ADULTS,
  TL_MATRIX_MALES,
  TL_MATRIX_FEMALES,
  TL_MATRIX_LABOR,
  TL_MATRIX_SEX,
} TlMatrixCondition;
extern const TlEnumValue tl_matrix_condition_values[];
#define TL_N_MATRIX_CONDITIONS 12

typedef enum
{
  TL_ACTION_CALL,
  TL_ACTION_EMAIL,
  TL_ACTION_CONSULT,
  TL_ACTION_OBTAIN_RELEASE,
  TL_ACTION_FOLLOW_GUIDELINES,
} TlAction;
extern const TlEnumValue tl_action_values[];

/* What to tell the contact, each tied to the tip fields that hold it. */
typedef enum
{
  TL_PROVIDE_TRAFFICKING_TYPE,
  TL_PROVIDE_VICTIM_AGES,
  TL_PROVIDE_LOCATION_CITY,
  TL_PROVIDE_LOCATION_ADDRESS,
  TL_PROVIDE_LOCATION_DESCRIPTION,
  TL_PROVIDE_CALLBACK_PHONE,
  TL_PROVIDE_OPERATION,
  TL_PROVIDE_OFFENDERS,
  TL_PROVIDE_VEHICLES,
  TL_PROVIDE_PHONES,
  TL_PROVIDE_ONLINE,
  TL_PROVIDE_FINANCIAL,
} TlProvideItem;
extern const TlEnumValue tl_provide_item_values[];

typedef enum
{
  TL_PROTOCOL_ORIGIN_BUNDLED,
  TL_PROTOCOL_ORIGIN_USER,
  TL_PROTOCOL_ORIGIN_FILE,
} TlProtocolOrigin;
extern const TlEnumValue tl_protocol_origin_values[];

typedef struct
{
  char *display;       /* as printed: "505-GET-FREE", "#SAFE" */
  char *digits;        /* what to dial: "5054383733", "#7233" */
  gboolean mobile_only;
  int line;
} TlContactPhone;

typedef struct
{
  char *id;
  TlContactKind kind;
  TlText name;
  TlText organisation;
  GPtrArray *phones;           /* TlContactPhone */
  GPtrArray *emails;           /* char * */
  TlAvailability *availability;
  char **languages;            /* ISO 639, may be NULL */
  GPtrArray *notes;            /* TlText */
  GPtrArray *sources;          /* TlSource: where the contact (name, number, e-mail) comes from */
  GPtrArray *availability_sources; /* TlSource: where its opening hours come from */
  int availability_line;
  int line;
} TlContact;

/* Facts a rule tests. Each is a set of accepted values as bits; a fact not in `facts`
 * accepts anything. Victim facts must hold for one and the same victim. */
typedef enum
{
  TL_FACT_DANGER = 1 << 0,
  TL_FACT_TRAFFICKING = 1 << 1,
  TL_FACT_REPORTER = 1 << 2,
  TL_FACT_TIME = 1 << 3,
  TL_FACT_RELEASE_POLICY = 1 << 4,
  TL_FACT_MINOR = 1 << 5,
  TL_FACT_CITIZENSHIP = 1 << 6,
  TL_FACT_GENDER = 1 << 7,
  TL_FACT_STANCE = 1 << 8,
  TL_FACT_RELEASE_SIGNED = 1 << 9,
} TlFact;
#define TL_FACTS_VICTIM (TL_FACT_MINOR | TL_FACT_CITIZENSHIP | TL_FACT_GENDER | \
                         TL_FACT_STANCE | TL_FACT_RELEASE_SIGNED)

/* Bits for the facts that are not tip enums. */
enum { TL_MINOR_YES, TL_MINOR_NO, TL_MINOR_UNKNOWN };
enum { TL_TIME_BUSINESS_HOURS, TL_TIME_AFTER_HOURS };

typedef struct
{
  guint facts;            /* TlFact */
  guint danger;           /* bits of TlDanger */
  guint trafficking;      /* bits of TlTraffickingType; sex or labor also match both */
  guint reporter;         /* bits of TlReporterRole */
  guint time;             /* bits of TL_TIME_* */
  guint release_policy;   /* bits of TlReleasePolicy */
  guint minor;            /* bits of TL_MINOR_* */
  guint citizenship;      /* bits of TlCitizenship */
  guint gender;           /* bits of TlGender */
  guint stance;           /* bits of TlStance */
  guint release_signed;   /* bit 0 = not signed, bit 1 = signed */
} TlConditions;

typedef struct _TlRule TlRule;

typedef struct
{
  guint order;
  TlAction action;
  TlService service;
  gboolean choose_one;          /* call one of the contacts, not each */
  gboolean shares_victim_info;  /* victim-provided information reaches law enforcement */
  GPtrArray *contact_refs;      /* char * ids as written */
  GArray *ref_lines;            /* int, the line of each reference */
  GPtrArray *contacts;          /* const TlContact *, resolved */
  TlText text;
  GArray *provide;              /* TlProvideItem */
  GPtrArray *warnings;          /* TlText */
  GPtrArray *notes;             /* TlText */
  TlRule *rule;
  guint index;                  /* position in the whole file, to keep order stable */
  int line;
} TlStep;

struct _TlRule
{
  char *id;
  TlText situation;
  TlConditions when;
  char *conflict;               /* why the conditions can never hold, or NULL */
  int conflict_line;
  GPtrArray *steps;             /* TlStep */
  int line;
};

typedef struct
{
  TlService service;
  TlMatrixCondition condition;
  GPtrArray *contact_refs;      /* char * */
  GArray *ref_lines;            /* int */
  GPtrArray *notes;             /* TlText */
  GPtrArray *sources;           /* TlSource, shared by the cells of one <cell> element */
  int line;
} TlMatrixCell;

/* A document in <metadata>: <source id="nm-protocol">title</source>. */
typedef struct
{
  char *id;                     /* NULL in files that cite nothing */
  char *title;
  int line;
} TlDocument;

TlProtocol       *tl_protocol_ref               (TlProtocol       *protocol);
void              tl_protocol_unref             (TlProtocol       *protocol);

const char       *tl_protocol_get_id            (const TlProtocol *protocol);
const char       *tl_protocol_get_name          (const TlProtocol *protocol,
                                                 const char       *lang);
const char       *tl_protocol_get_jurisdiction  (const TlProtocol *protocol);
gboolean          tl_protocol_is_national       (const TlProtocol *protocol);
const char       *tl_protocol_get_timezone_id   (const TlProtocol *protocol);
GTimeZone        *tl_protocol_get_timezone      (const TlProtocol *protocol);
const char       *tl_protocol_get_version       (const TlProtocol *protocol);
const char       *tl_protocol_get_date          (const TlProtocol *protocol);
GPtrArray        *tl_protocol_get_sources       (const TlProtocol *protocol);
GPtrArray        *tl_protocol_get_documents     (const TlProtocol *protocol);
const char       *tl_protocol_get_document_title (const TlProtocol *protocol,
                                                 const char       *id);
/* "Document title: “quote”", or "General knowledge: reason" in lang. */
char             *tl_source_describe            (const TlSource   *source,
                                                 const TlProtocol *protocol,
                                                 const char       *lang);
GPtrArray        *tl_protocol_get_notes         (const TlProtocol *protocol);
const TlAvailability *tl_protocol_get_business_hours (const TlProtocol *protocol);
GPtrArray        *tl_protocol_get_contacts      (const TlProtocol *protocol);
const TlContact  *tl_protocol_lookup_contact    (const TlProtocol *protocol,
                                                 const char       *id);
GPtrArray        *tl_protocol_get_rules         (const TlProtocol *protocol);
GPtrArray        *tl_protocol_get_matrix_cells  (const TlProtocol *protocol);

TlProtocolOrigin  tl_protocol_get_origin        (const TlProtocol *protocol);
const char       *tl_protocol_get_origin_path   (const TlProtocol *protocol);
const char       *tl_protocol_get_replaced_path (const TlProtocol *protocol);

/* Loading (tl-protocol-loader.c). Every problem is a line "FILE:LINE: message" in the
 * error, TL_ERROR_INVALID (or TL_ERROR_TOO_LARGE). */
TlProtocol       *tl_protocol_load_from_data    (const char       *data,
                                                 gsize             length,
                                                 const char       *filename,
                                                 GError          **error);
TlProtocol       *tl_protocol_load_from_file    (const char       *path,
                                                 GError          **error);

const char       *tl_contact_get_name           (const TlContact  *contact,
                                                 const char       *lang);
const TlContactPhone *tl_contact_get_phone      (const TlContact  *contact);
const char       *tl_contact_get_email          (const TlContact  *contact);
char             *tl_phone_format_digits        (const char       *digits);
char             *tl_phone_vanity_digits        (const char       *display);

/* Language of the user's locale that protocols have texts for: "es" or "en". */
const char       *tl_protocol_default_language  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlProtocol, tl_protocol_unref)

G_END_DECLS
