/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A store in a temporary folder for the core tests, made with the fast key derivation
 * (TL_KDF_MINIMUM) through the public API, and files beside it. Part of
 * tipline-test-helpers. */
#pragma once

#include "tl-store.h"
#include "tl-test-util.h"

G_BEGIN_DECLS

#define TL_TEST_STORE_PASSPHRASE "correct horse battery"
#define TL_TEST_STORE_ADVOCATE "Advocate A"

typedef struct
{
  char *dir;
  TlStore *store;
  GPtrArray *paths;            /* strings handed out by tl_test_store_path_tmp() */
} TlTestStore;

void        tl_test_store_init      (TlTestStore   *fx,
                                     const char    *name);
void        tl_test_store_create    (TlTestStore   *fx,
                                     const char    *advocate,
                                     const char    *passphrase);
void        tl_test_store_reopen    (TlTestStore   *fx,
                                     const char    *passphrase);
void        tl_test_store_clear     (TlTestStore   *fx);

void        tl_test_store_set_up    (TlTestStore   *fx,
                                     gconstpointer  data);
void        tl_test_store_tear_down (TlTestStore   *fx,
                                     gconstpointer  data);

char       *tl_test_store_path      (TlTestStore   *fx,
                                     const char    *name);
const char *tl_test_store_path_tmp  (TlTestStore   *fx,
                                     const char    *name);
void        tl_test_store_write     (TlTestStore   *fx,
                                     const char    *name,
                                     const char    *data,
                                     gsize          length);
void        tl_test_store_save      (TlTestStore   *fx,
                                     TlTip         *tip);
void        tl_test_store_save_tip  (TlTestStore   *fx,
                                     const char    *victim_name);
gint64      tl_test_store_query_int (TlStore       *store,
                                     const char    *sql);
char       *tl_test_store_query_text (TlStore      *store,
                                      const char   *sql);

G_END_DECLS
