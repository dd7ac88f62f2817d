/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tl-context.h"
#include "tl-create-page.h"
#include "tl-growing-list-model.h"
#include "tl-import-dialog.h"
#include "tl-routing-panel.h"
#include "tl-tip-editor.h"
#include "tl-tip-list-model.h"
#include "tl-tip-list-row.h"
#include "tl-unlock-page.h"
#include "tl-window.h"

G_BEGIN_DECLS

/* How long the editor must be quiet before a draft is written. */
#define TL_AUTOSAVE_DELAY_MS 1500

struct _TlWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  GtkStack *stack;
  TlCreatePage *create_page;
  TlUnlockPage *unlock_page;
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *editor_pane;
  GtkMenuButton *filter_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *list_stack;
  GtkListView *list_view;
  GtkDropDown *status_dropdown;
  GtkDropDown *type_dropdown;
  GtkDropDown *received_dropdown;
  AdwHeaderBar *editor_header;
  AdwWindowTitle *editor_title;
  GtkWidget *save_button;
  GtkWidget *tip_menu_button;
  GtkStack *editor_stack;
  TlTipEditor *editor;
  GtkWidget *linked_tips;
  GtkWidget *side_separator;
  AdwBin *side_pane;
  GWeakRef focus_before_routing;      /* where Ctrl+R came from (tl-window-panes.c) */
  TlRoutingPanel *routing_panel;

  TlContext *context;
  TlStore *store;             /* the context's */
  GSettings *settings;        /* the context's */
  TlTipListModel *model;
  TlGrowingListModel *growing;   /* model's rows shown a slice a frame after a reset */
  GtkSingleSelection *selection;
  guint mark_list_source;     /* marks made along the list when idle (tl-window-list.c) */
  guint build_ahead_source;   /* the main page built while the start page waits */

  /* autosave: a draft is written this long after the last edit */
  guint autosave_source;
  gboolean unsaved;

  /* auto-lock: a timer that checks how long the window has been idle */
  guint idle_source;
  gint64 last_activity;

  /* drafts left by a crash, offered back one at a time after unlock */
  GPtrArray *pending_drafts;
  AdwMessageDialog *drafts_dialog;

  AdwToast *toast;

  /* a lock asked for while a worker thread holds the store (tl_context_hold()) */
  gboolean lock_pending;
  gboolean close_pending;      /* a close asked for while a worker thread holds the store */
  gboolean save_pending;       /* Ctrl+S while a worker thread holds the store */
  guint64 changes_at_unlock;  /* tl-window-integrity.c */
  GtkWindow *stats_window;    /* weak */

  /* the automatic backup on close failed and the advocate chose to close anyway */
  gboolean close_without_backup;
  AdwMessageDialog *backup_failed_dialog;   /* weak */
  gboolean backup_running;                  /* the automatic backup on close, hidden */
  GtkWindow *history_window;  /* weak */

  /* issue 19 (tl-window-due.c): the Due view and its count on the list's header */
  GtkWidget *due_button;
  GtkLabel *due_count_label;
  GtkCheckButton *overdue_check;
  GtkWindow *due_window;      /* weak */
  guint due_source;
  gulong due_store_changed_id;

  /* selection mode (tl-window-select.c): several tips sealed into one bundle */
  GtkWidget *list_start_box;  /* New Tip and Due */
  GtkWidget *main_menu_button;
  GtkWidget *select_cancel_button;
  GtkActionBar *select_bar;
  GtkLabel *select_count_label;
  gboolean selecting;
  GPtrArray *chosen_ids;      /* char *: the tips chosen, in the order chosen */
  GPtrArray *list_rows;       /* TlTipListRow: every row the list made (borrowed) */
  GtkNoSelection *no_selection;
};

/* tl-window.c */
void     _tl_window_show_toast        (TlWindow    *self,
                                       const char  *title);
void     _tl_window_show_error        (TlWindow    *self,
                                       const char  *heading,
                                       const GError *error);
void     _tl_window_open_tip          (TlWindow    *self,
                                       TlTip       *tip,
                                       gboolean     unsaved);
void     _tl_window_update_actions    (TlWindow    *self);

/* tl-window-actions.c */
void     _tl_window_class_init_actions (GtkWidgetClass *widget_class);
void     _tl_window_editor_changed     (TlWindow    *self);
gboolean _tl_window_flush_autosave     (TlWindow    *self);
void     _tl_window_cancel_autosave    (TlWindow    *self);

/* tl-window-panes.c */
void     _tl_window_class_init_panes         (GtkWidgetClass *widget_class);

/* tl-window-lifecycle.c */
void     _tl_window_class_init_lifecycle     (GtkWidgetClass *widget_class);
void     _tl_window_update_lifecycle_actions (TlWindow       *self,
                                              TlTip          *tip);

/* tl-window-conflict.c */
void     _tl_window_save_conflict      (TlWindow     *self,
                                        TlTip        *mine,
                                        const GError *error);

/* tl-window-reports.c */
void     _tl_window_class_init_reports (GtkWidgetClass *widget_class);
TlImportDialog *_tl_window_import_paths (TlWindow           *self,
                                         const char * const *paths);
AdwMessageDialog *_tl_window_ask_save_first (TlWindow  *self,
                                             GCallback  response_cb);

/* tl-window-security.c */
void     _tl_window_class_init_security     (GtkWidgetClass *widget_class);
void     _tl_window_security_update_actions (TlWindow    *self,
                                             gboolean     unlocked);
void     _tl_window_security_lock           (TlWindow    *self);
gboolean _tl_window_security_closing        (TlWindow    *self);

/* tl-window-integrity.c (issue 16) */
void     _tl_window_integrity_opened        (TlWindow    *self);
gboolean _tl_window_integrity_changed       (TlWindow    *self);

/* tl-window-list.c */
void     _tl_window_init_list          (TlWindow    *self);
void     _tl_window_class_init_list    (GtkWidgetClass *widget_class);
void     _tl_window_list_select_tip    (TlWindow    *self,
                                        const char  *tip_id);
void     _tl_window_list_clear         (TlWindow    *self);
void     _tl_window_list_mark_soon     (TlWindow    *self);

/* tl-window-select.c */
void     _tl_window_class_init_select  (GtkWidgetClass *widget_class);
void     _tl_window_init_select        (TlWindow    *self);
void     _tl_window_select_row_setup   (TlWindow     *self,
                                        TlTipListRow *row);
void     _tl_window_select_update_actions (TlWindow *self,
                                           gboolean  unlocked);
void     _tl_window_select_row_bound   (TlWindow     *self,
                                        TlTipListRow *row);
gboolean _tl_window_select_activated   (TlWindow    *self,
                                        guint        position);
void     _tl_window_select_leave       (TlWindow    *self);
void     _tl_window_select_dispose     (TlWindow    *self);
GPtrArray *_tl_window_select_get_chosen (TlWindow   *self);

/* tl-window-due.c (issue 19) */
void     _tl_window_class_init_due     (GtkWidgetClass *widget_class);
void     _tl_window_due_update         (TlWindow    *self,
                                        gboolean     unlocked);
void     _tl_window_due_update_actions (TlWindow    *self,
                                        TlTip       *tip);
void     _tl_window_due_dispose        (TlWindow    *self);

/* tl-window-handoff.c (issue 19) */
void     _tl_window_class_init_handoff (GtkWidgetClass *widget_class);

/* tl-window-links.c */
void     _tl_window_class_init_links   (GtkWidgetClass *widget_class);
void     _tl_window_links_update       (TlWindow    *self,
                                        gboolean     unlocked);
void     _tl_window_links_tip_changed  (TlWindow    *self);

G_END_DECLS
