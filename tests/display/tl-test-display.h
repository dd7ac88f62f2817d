/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tl-application.h"
#include "tl-store.h"
#include "tl-window.h"

G_BEGIN_DECLS

#define TL_TEST_PASSPHRASE "correct horse battery staple"
/* Typed into the editor; must never be found in the widget tree after a lock. */
#define TL_TEST_MARKER "Zephyrine Quillfeather"

void           tl_test_display_init       (int          *argc,
                                           char       ***argv);
char          *tl_test_make_store_dir     (void);
TlStore       *tl_test_create_store       (const char   *dir);
TlApplication *tl_test_application        (void);
TlWindow      *tl_test_window_new         (TlStore      *store);
void           tl_test_window_destroy     (TlWindow     *window);
gboolean       tl_test_wait               (gboolean    (*done) (gpointer),
                                           gpointer      data,
                                           guint         timeout_ms);
void           tl_test_iterate            (guint         ms);
GtkWidget     *tl_test_find               (GtkWidget    *root,
                                           GType         type,
                                           guint         nth);
GtkWidget     *tl_test_find_button        (GtkWidget    *root,
                                           const char   *label);
GtkWidget     *tl_test_wait_find          (GtkWidget    *root,
                                           GType         type);
GtkWidget     *tl_test_find_visible_label (GtkWidget    *root,
                                           const char   *text);
char          *tl_test_collect_text       (GtkWidget    *root);
void           tl_test_unlock             (TlWindow     *window,
                                           const char   *passphrase);
gboolean       tl_test_can_press_keys     (void);
void           tl_test_press_key          (GtkWindow    *window,
                                           guint         keyval,
                                           GdkModifierType modifiers);
void           tl_test_type_text          (GtkWindow    *window,
                                           const char   *text);
void           tl_test_screenshot         (GtkWidget    *widget,
                                           const char   *name);

G_END_DECLS
