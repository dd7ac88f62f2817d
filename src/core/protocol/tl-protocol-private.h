/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-protocol.h"

G_BEGIN_DECLS

struct _TlProtocol
{
  gatomicrefcount ref_count;

  char *id;
  TlText name;
  char *jurisdiction;
  char *timezone_id;
  GTimeZone *timezone;          /* NULL until checked */
  char *version;
  char *date;
  GPtrArray *sources;           /* char *: document titles */
  GPtrArray *documents;         /* TlDocument */
  GPtrArray *notes;             /* TlText */
  TlAvailability *business_hours;
  GPtrArray *business_hours_sources; /* TlSource, NULL when none */

  GPtrArray *contacts;          /* TlContact */
  GHashTable *contacts_by_id;   /* id -> TlContact, first of each id */
  GPtrArray *rules;             /* TlRule */
  GPtrArray *cells;             /* TlMatrixCell */

  char *filename;               /* for messages */
  int timezone_line;
  int id_line;

  TlProtocolOrigin origin;
  char *origin_path;
  char *replaced_path;
};

TlProtocol *_tl_protocol_new          (void);
void        _tl_text_clear            (TlText     *text);
TlText     *_tl_text_new              (void);
void        _tl_text_free             (TlText     *text);
TlContact  *_tl_contact_new           (void);
void        _tl_contact_free          (TlContact  *contact);
TlRule     *_tl_rule_new              (void);
void        _tl_rule_free             (TlRule     *rule);
TlStep     *_tl_step_new              (void);
void        _tl_step_free             (TlStep     *step);
TlMatrixCell *_tl_matrix_cell_new     (void);
void        _tl_matrix_cell_free      (TlMatrixCell *cell);
void        _tl_contact_phone_free    (TlContactPhone *phone);
TlSource   *_tl_source_new            (void);
void        _tl_source_free           (TlSource   *source);
GPtrArray  *_tl_sources_new           (void);

/* tl-protocol-check.c: semantic checks after the schema; appends "FILE:LINE: ..." lines. */
void        _tl_protocol_check        (TlProtocol *protocol,
                                       GPtrArray  *problems);

void        _tl_protocol_set_origin   (TlProtocol       *protocol,
                                       TlProtocolOrigin  origin,
                                       const char       *path);
void        _tl_protocol_set_replaced (TlProtocol       *protocol,
                                       const char       *path);

G_END_DECLS
