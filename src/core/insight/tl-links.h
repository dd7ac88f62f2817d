/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tl-enums.h"
#include "tl-tip.h"

G_BEGIN_DECLS

/* What two tips can have in common. The nicks are the `kind` values of the store's
 * identifiers table. */
typedef enum
{
  TL_LINK_PHONE,
  TL_LINK_PLATE,
  TL_LINK_EMAIL,
  TL_LINK_HANDLE,       /* social media handles, websites, ads */
  TL_LINK_ACCOUNT,      /* card and account numbers */
  TL_LINK_NAME,         /* offender name or alias, same letters */
  TL_LINK_NAME_SOUND,   /* offender name or alias that sounds the same */
  TL_LINK_ATTACHMENT,   /* the same file attached (issue 20): value is its SHA-256, typed
                         * its name on this tip; found in the attachments table */
} TlLinkKind;
extern const TlEnumValue tl_link_kind_values[];

/* A value that can link tips: its normal form, as the tip has it typed, and where. */
typedef struct
{
  TlLinkKind kind;
  char *value;          /* normal form, e.g. "5055550100" */
  char *typed;          /* as typed in the tip */
  char *field;          /* a field path as in tl_tip_validate(), e.g. "phones/0/number" */
} TlIdentifier;

/* Other tips a link found, beyond which only the count is given. */
#define TL_LINKS_MAX_TIPS 200
/* Counting stops past this many: counting a nickname in 20,000 tips of 300,000 took
 * 20 ms of each pause in typing (issue 16), and "more than 1,000" tells as much. */
#define TL_LINKS_MAX_COUNT 1000

typedef struct
{
  TlLinkKind kind;
  char *value;
  char *typed;
  char *field;
  guint n_tips;         /* other tips with the value, even when tips holds none */
  gboolean count_capped; /* in more than n_tips (TL_LINKS_MAX_COUNT) other tips */
  GPtrArray *tips;      /* TlTipRow, latest received first; empty when n_tips is
                         * above TL_LINKS_MAX_TIPS (the value is too common to help) */
} TlLink;

GPtrArray *tl_tip_collect_identifiers (const TlTip *tip);
void       tl_identifier_free         (TlIdentifier *identifier);

char      *tl_name_normalize          (const char *name);
char      *tl_name_sound_key          (const char *name);
char      *tl_soundex                 (const char *word);

gboolean   tl_link_is_too_common      (const TlLink *link);
void       tl_link_free               (TlLink       *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlIdentifier, tl_identifier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlLink, tl_link_free)

G_END_DECLS
