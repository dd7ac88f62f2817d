/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key slots, the recovery code, re-keying (and each crash point of it), wrong
 * passphrases, and the audit hash chain. */
#define G_LOG_DOMAIN "test-store-keys"

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "tl-error.h"
#include "tl-keyslot.h"
#include "tl-secret.h"
#include "tl-store-testing.h"
#include "tl-test-store.h"
#include "tl-test-util.h"

#define PASS_A "first advocate secret"
#define PASS_B "second advocate secret"

/* helpers */

static void
setup (TlTestStore   *fx,
       gconstpointer  data)
{
  tl_test_store_init (fx, "store-keys");
  tl_test_store_create (fx, TL_TEST_STORE_ADVOCATE, PASS_A);
  tl_test_store_reopen (fx, PASS_A);
}

static void
add_b (TlTestStore *fx)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_store_add_passphrase (fx->store, PASS_A, "Beto", PASS_B, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
}

static gboolean
opens (TlTestStore *fx,
       const char  *passphrase)
{
  g_autoptr(TlStore) store = tl_store_new (fx->dir);
  g_autoptr(GError) error = NULL;
  gboolean ok = tl_store_unlock (store, passphrase, &error);

  if (!ok)
    g_test_message ("unlock: %s", error->message);
  return ok;
}

/* Every 1024-byte page of a database file (the store's page size), as a set. */
static GHashTable *
page_set (const char *path)
{
  GHashTable *pages = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length % 1024, ==, 0);
  for (gsize at = 0; at < length; at += 1024)
    g_hash_table_add (pages, g_bytes_new (data + at, 1024));
  return pages;
}

/* Saves a tip long enough to take many pages and deletes it: free pages, which no
 * b-tree check reads. */
static void
leave_free_pages (TlTestStore *fx)
{
  g_autoptr(GString) narrative = g_string_new (NULL);
  g_autoptr(TlTip) deleted = tl_tip_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 400; i++)
    g_string_append (narrative, "Deleted Canary was seen at the truck stop again. ");
  tl_set_str (&deleted->narrative, narrative->str);
  tl_test_store_save (fx, deleted);
  g_assert_true (tl_store_delete_tip (fx->store, deleted->id, &error));
  g_assert_no_error (error);
}

/* Not one page of the old file is in the new one, wherever it might have moved to. */
static void
assert_no_page_kept (GHashTable *old_pages,
                     GHashTable *new_pages)
{
  GHashTableIter iter;
  gpointer page;

  g_hash_table_iter_init (&iter, new_pages);
  while (g_hash_table_iter_next (&iter, &page, NULL))
    g_assert_false (g_hash_table_contains (old_pages, page));
}

/* tests */

static void
test_add_and_list (TlTestStore   *fx,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStore) store = NULL;

  /* Re-authentication: an unlocked session alone cannot add a passphrase. */
  g_assert_false (tl_store_add_passphrase (fx->store, "not it", "Eve", "eve secret", TL_KDF_MINIMUM, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  add_b (fx);
  infos = tl_store_list_key_slots (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 2);
  g_assert_cmpstr (((TlKeySlotInfo *) infos->pdata[0])->label, ==, "Advocate A");
  g_assert_cmpstr (((TlKeySlotInfo *) infos->pdata[1])->label, ==, "Beto");

  /* Both open; the audit log names Beto from his slot's label. */
  g_assert_true (opens (fx, PASS_A));
  store = tl_store_new (fx->dir);
  g_assert_true (tl_store_unlock (store, PASS_B, &error));
  audit = tl_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((TlAuditEntry *) audit->pdata[audit->len - 1])->advocate, ==, "Beto");
}

static void
test_remove_rekeys (TlTestStore   *fx,
                    gconstpointer  data)
{
  g_autofree char *keys_path = tl_test_store_path (fx, "tipline.keys");
  g_autofree char *db_path = tl_test_store_path (fx, "tipline.db");
  g_autofree char *old_keys = NULL;
  g_autoptr(GHashTable) old_pages = NULL;
  g_autoptr(GHashTable) new_pages = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  gsize old_len;

  add_b (fx);
  tl_test_store_save_tip (fx, "Zorbalina Canary");
  leave_free_pages (fx);
  g_assert_cmpint (tl_test_store_query_int (fx->store, "PRAGMA freelist_count"), >, 10);
  g_assert_true (g_file_get_contents (keys_path, &old_keys, &old_len, NULL));
  /* Locked, the store is all in its database file. */
  tl_store_lock (fx->store);
  old_pages = page_set (db_path);
  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));

  /* Never the last passphrase. */
  g_assert_true (tl_store_remove_key_slot (fx->store, PASS_A, 1, &error));
  g_assert_no_error (error);
  g_assert_false (tl_store_remove_key_slot (fx->store, PASS_A, 0, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_clear_error (&error);

  /* The store stayed unlocked under the new key and still has its tip. */
  g_assert_true (tl_store_is_unlocked (fx->store));
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, &error), ==, 1);
  infos = tl_store_list_key_slots (fx->store, &error);
  g_assert_cmpuint (infos->len, ==, 1);

  /* Every page was encrypted again: not one page of the old file is in the new one,
   * wherever it might have moved to. */
  tl_store_lock (fx->store);
  new_pages = page_set (db_path);
  g_assert_cmpuint (g_hash_table_size (new_pages), >, 10);
  /* Encrypted again page by page, not rebuilt table by table (which drops free pages,
   * and is the slow way: the re-key's fallback). */
  g_assert_cmpuint (g_hash_table_size (new_pages), ==, g_hash_table_size (old_pages));
  assert_no_page_kept (old_pages, new_pages);

  g_assert_false (opens (fx, PASS_B));
  g_assert_true (opens (fx, PASS_A));

  /* The removed advocate kept a copy of the old key file: it no longer opens. */
  tl_test_store_write (fx, "tipline.keys", old_keys, old_len);
  g_clear_object (&fx->store);
  fx->store = tl_store_new (fx->dir);
  g_assert_false (tl_store_unlock (fx->store, PASS_B, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_DAMAGED);
}

/* Flips a byte in the middle of page `page` (from 0) of the database file. */
static void
damage_page (TlTestStore *fx,
             char        *db,
             gsize        length,
             gsize        page)
{
  db[page * 1024 + 512] ^= 0x5a;
  tl_test_store_write (fx, "tipline.db", db, length);
}

/* SQLCipher's rekey stops at the first page it cannot read. A damaged free page holds
 * nothing and no check of the store reads it, so it must not keep a passphrase from
 * being removed, nor leave the pages after it under the old key. */
static void
test_rekey_damaged_free_page (TlTestStore   *fx,
                              gconstpointer  data)
{
  g_autofree char *db_path = tl_test_store_path (fx, "tipline.db");
  g_autoptr(GHashTable) old_pages = NULL;
  g_autoptr(GHashTable) new_pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  gsize length, damaged = 0;

  add_b (fx);
  tl_test_store_save_tip (fx, "Ana");
  leave_free_pages (fx);

  /* Damage the last page whose damage the store's own check does not see: a free one. */
  tl_store_lock (fx->store);
  g_assert_true (g_file_get_contents (db_path, &db, &length, NULL));
  for (gsize p = length / 1024 - 1; p > 0 && damaged == 0; p--)
    {
      g_autofree char *check = NULL;

      damage_page (fx, db, length, p);
      if (tl_store_unlock (fx->store, PASS_A, NULL))
        {
          check = tl_test_store_query_text (fx->store, "PRAGMA quick_check");
          tl_store_lock (fx->store);
        }
      if (g_strcmp0 (check, "ok") == 0)
        damaged = p;
      else
        damage_page (fx, db, length, p);
    }
  g_assert_cmpuint (damaged, >, 0);
  g_test_message ("damaged free page %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, damaged + 1, length / 1024);
  old_pages = page_set (db_path);

  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));
  g_assert_true (tl_store_remove_key_slot (fx->store, PASS_A, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_tips (fx->store, NULL, &error), ==, 1);

  tl_store_lock (fx->store);
  new_pages = page_set (db_path);
  assert_no_page_kept (old_pages, new_pages);
  g_assert_false (opens (fx, PASS_B));
  g_assert_true (opens (fx, PASS_A));
}

static void
test_recovery_code (TlTestStore   *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) messy = g_string_new (NULL);
  char *code, *second;

  code = tl_store_new_recovery_code (fx->store, PASS_A, TL_KDF_MINIMUM, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, 47);
  g_assert_true (g_regex_match_simple ("^([A-Z2-7]{5}-){7}[A-Z2-7]{5}$", code, 0, 0));

  /* Typed in lower case, without dashes, with spaces: still the code. */
  for (const char *p = code; *p; p++)
    if (*p != '-')
      g_string_append_c (messy, g_ascii_tolower (*p));
  g_string_insert_c (messy, 10, ' ');
  g_assert_true (opens (fx, messy->str));
  g_assert_true (opens (fx, code));

  /* One wrong character is not the code (the check catches it). */
  messy->str[0] = messy->str[0] == 'a' ? 'b' : 'a';
  g_assert_false (opens (fx, messy->str));

  /* Replacing the code re-keys: the old one stops working. */
  second = tl_store_new_recovery_code (fx->store, PASS_A, TL_KDF_MINIMUM, &error);
  g_assert_no_error (error);
  g_assert_false (opens (fx, code));
  g_assert_true (opens (fx, second));
  g_assert_true (opens (fx, PASS_A));

  /* passwd with the code would turn the recovery slot into a dead one: refused. */
  g_assert_false (tl_store_change_passphrase (fx->store, second, "a new passphrase", TL_KDF_MINIMUM, &error));
  g_assert_error (error, TL_ERROR, TL_ERROR_INVALID);
  g_assert_true (opens (fx, second));

  tl_store_secret_free (code);
  tl_store_secret_free (second);
}

static void
test_create_with_recovery (void)
{
  g_autofree char *dir = tl_test_make_tmp_dir ("keys");
  g_autoptr(TlStore) store = tl_store_new (dir);
  g_autoptr(TlStore) again = tl_store_new (dir);
  g_autoptr(GError) error = NULL;
  char *code = NULL;

  g_assert_true (tl_store_create_with_recovery (store, PASS_A, TL_KDF_MINIMUM, &code, &error));
  g_assert_no_error (error);
  g_assert_nonnull (code);
  tl_store_lock (store);
  g_assert_true (tl_store_unlock (again, code, &error));
  g_assert_no_error (error);
  tl_store_secret_free (code);
  tl_store_lock (again);
  tl_test_remove_tree (dir);
}

/* Each crash point of a re-key leaves a store that opens with the remaining
 * passphrase. The states are made by hand: what the files would look like. */
static void
test_rekey_crash_points (TlTestStore   *fx,
                         gconstpointer  data)
{
  g_autofree char *dir2 = tl_test_make_tmp_dir ("keys");
  g_autofree char *keys_old = NULL, *db_old = NULL, *keys_new = NULL, *db_new = NULL;
  g_autoptr(GError) error = NULL;
  gsize keys_old_len, db_old_len, keys_new_len, db_new_len;

  add_b (fx);
  tl_test_store_save_tip (fx, "Ana");
  tl_store_lock (fx->store);
  g_assert_true (g_file_get_contents (tl_test_store_path_tmp (fx, "tipline.keys"), &keys_old, &keys_old_len, NULL));
  g_assert_true (g_file_get_contents (tl_test_store_path_tmp (fx, "tipline.db"), &db_old, &db_old_len, NULL));

  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));
  g_assert_true (tl_store_remove_key_slot (fx->store, PASS_A, 1, &error));
  g_assert_no_error (error);
  tl_store_lock (fx->store);
  g_assert_true (g_file_get_contents (tl_test_store_path_tmp (fx, "tipline.keys"), &keys_new, &keys_new_len, NULL));
  g_assert_true (g_file_get_contents (tl_test_store_path_tmp (fx, "tipline.db"), &db_new, &db_new_len, NULL));

  /* Crash before the database rename: old files plus both leftovers. */
  tl_test_store_write (fx, "tipline.db", db_old, db_old_len);
  tl_test_store_write (fx, "tipline.keys", keys_old, keys_old_len);
  tl_test_store_write (fx, TL_STORE_REKEY_DB_NAME, db_new, db_new_len);
  tl_test_store_write (fx, TL_STORE_KEYS_NEW_NAME, keys_new, keys_new_len);
  g_assert_true (opens (fx, PASS_A));
  g_assert_false (g_file_test (tl_test_store_path_tmp (fx, TL_STORE_REKEY_DB_NAME), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (tl_test_store_path_tmp (fx, TL_STORE_KEYS_NEW_NAME), G_FILE_TEST_EXISTS));
  /* the removal did not happen: B still opens, as the person removing was told */
  g_assert_true (opens (fx, PASS_B));

  /* Crash between the renames: new database, old key file, pending key file. */
  tl_test_store_write (fx, "tipline.db", db_new, db_new_len);
  tl_test_store_write (fx, "tipline.keys", keys_old, keys_old_len);
  tl_test_store_write (fx, TL_STORE_KEYS_NEW_NAME, keys_new, keys_new_len);
  g_assert_false (opens (fx, PASS_B));
  g_assert_true (opens (fx, PASS_A));
  g_assert_false (g_file_test (tl_test_store_path_tmp (fx, TL_STORE_KEYS_NEW_NAME), G_FILE_TEST_EXISTS));
  g_assert_true (opens (fx, PASS_A));
  g_assert_false (opens (fx, PASS_B));

  tl_test_remove_tree (dir2);
}

static void
test_wrong_passphrase_20 (TlTestStore   *fx,
                          gconstpointer  data)
{
  g_autofree char *db = tl_test_store_path (fx, "tipline.db");
  g_autofree char *keys = tl_test_store_path (fx, "tipline.keys");
  g_autofree char *db_before = NULL, *keys_before = NULL;
  g_autofree char *db_after = NULL, *keys_after = NULL;

  tl_test_store_save_tip (fx, "Ana");
  tl_store_lock (fx->store);
  db_before = tl_test_hash_file (db);
  keys_before = tl_test_hash_file (keys);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *guess = g_strdup_printf ("guess number %u", i);

      g_assert_false (tl_store_unlock (fx->store, guess, &error));
      g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
    }

  db_after = tl_test_hash_file (db);
  g_assert_cmpstr (db_after, ==, db_before);
  keys_after = tl_test_hash_file (keys);
  g_assert_cmpstr (keys_after, ==, keys_before);
  g_assert_false (g_file_test (tl_test_store_path_tmp (fx, "tipline.db-wal"), G_FILE_TEST_EXISTS));
}

static void
test_audit_chain (TlTestStore   *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TlAuditCheck check;

  tl_test_store_save_tip (fx, "Ana");
  tl_test_store_save_tip (fx, "Beatriz");
  g_assert_true (tl_store_audit (fx->store, TL_AUDIT_VIEW, "some-id", &error));

  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_no_error (error);
  g_assert_true (check.intact);
  g_assert_cmpuint (check.checked, >=, 3);
  g_assert_cmpuint (check.unprotected, ==, 0);

  /* Someone with the key edits a row behind the store's back. */
  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store),
                                 "DROP TRIGGER audit_no_update;"
                                 "UPDATE audit SET advocate = 'Nobody' WHERE seq = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_seq, ==, 2);
  g_assert_cmpint (check.broken_at, >, 0);
}

static void
test_audit_chain_delete (TlTestStore   *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TlAuditCheck check;

  for (guint i = 0; i < 4; i++)
    g_assert_true (tl_store_audit (fx->store, TL_AUDIT_VIEW, "some-id", &error));

  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store),
                                 "DROP TRIGGER audit_no_delete;"
                                 "DELETE FROM audit WHERE seq = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_seq, ==, 4);
}

/* Issue 16: a wrong passphrase costs at most 2 key derivations however many slots the
 * store has, and the slot a right one opens is found with one; a slot with a salt of its
 * own (a version 2 key file) joins its group's salt when its owner unlocks. */
static void
test_many_slots_derivations (TlTestStore   *fx,
                             gconstpointer  data)
{
  static const char * const extra[] = { "pass two", "pass three", "pass four", "pass five" };
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(TlSecret) master = tl_secret_new (TL_MASTER_KEY_BYTES);
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = tl_test_store_path (fx, TL_STORE_KEYS_NAME);
  const char *secrets[5] = { PASS_A, extra[0], extra[1], extra[2], extra[3] };
  guint64 ops, mem;
  guint before;

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_assert_true (tl_store_add_passphrase (fx->store, PASS_A, extra[i], extra[i], TL_KDF_MINIMUM, &error));
      g_assert_no_error (error);
    }
  tl_store_lock (fx->store);

  before = _tl_keyslot_derivation_count ();
  g_assert_false (opens (fx, "nobody's passphrase"));
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, <=, 2);

  before = _tl_keyslot_derivation_count ();
  g_assert_true (opens (fx, "pass five"));
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 1);

  /* Each slot with a salt of its own, as in a version 2 file. */
  slots = tl_keyslot_load (keys, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 5);
  sodium_mprotect_readwrite (master->data);
  g_assert_cmpint (tl_keyslot_unwrap_any (slots, PASS_A, NULL, master->data, NULL), ==, 0);
  _tl_store_kdf_limits (TL_KDF_MINIMUM, &ops, &mem);
  for (guint i = 0; i < slots->len; i++)
    {
      TlKeySlot *old = g_ptr_array_index (slots, i);
      TlKeySlot *own = tl_keyslot_wrap (old->kind, old->label, secrets[i], master->data, ops, mem, NULL);

      g_ptr_array_index (slots, i) = own;
      tl_keyslot_free (old);
    }
  g_assert_true (tl_keyslot_save (keys, slots, &error));
  g_clear_pointer (&slots, g_ptr_array_unref);

  before = _tl_keyslot_derivation_count ();
  g_assert_false (opens (fx, "nobody's passphrase"));
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 5);

  /* The owner of slot 3 unlocks: the slot moves to slot 0's salt. */
  g_assert_true (opens (fx, "pass four"));
  slots = tl_keyslot_load (keys, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (((TlKeySlot *) slots->pdata[3])->salt, TL_KEYSLOT_SALT_BYTES,
                   ((TlKeySlot *) slots->pdata[0])->salt, TL_KEYSLOT_SALT_BYTES);
  g_assert_cmpstr (((TlKeySlot *) slots->pdata[3])->label, ==, "pass four");
  before = _tl_keyslot_derivation_count ();
  g_assert_false (opens (fx, "nobody's passphrase"));
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 4);
  before = _tl_keyslot_derivation_count ();
  g_assert_true (opens (fx, "pass four"));
  g_assert_cmpuint (_tl_keyslot_derivation_count () - before, ==, 1);
}

/* tipline-cli audit verify on the store (locked here first), as a process of its own:
 * it must fail, exit 1, with the problem on standard output and no "OK". */
static void
cli_verify_fails (TlTestStore *fx,
                  const char  *passphrase)
{
  g_autoptr(GSubprocessLauncher) launcher = tl_test_cli_launcher_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *input = g_strconcat (passphrase, "\n", NULL);
  TlTestCliResult r;

  tl_store_lock (fx->store);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_ptr_array_add (args, "--store");
  g_ptr_array_add (args, fx->dir);
  g_ptr_array_add (args, "audit");
  g_ptr_array_add (args, "verify");
  r = tl_test_cli_run (launcher, input, args);
  g_test_message ("tipline-cli audit verify: exit %d: %s%s", r.status, r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_null (strstr (r.out, "OK"));
  g_assert_nonnull (strstr (r.out, "audit log"));
  tl_test_cli_result_clear (&r);
}

/* An older copy of the database put back (the key file and the anchor stay): the store
 * still opens, and audit verify says the log lost entries. */
static void
test_audit_rollback (TlTestStore   *fx,
                     gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->dir, "tipline.db", NULL);
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  TlAuditCheck check;

  tl_store_lock (fx->store);
  g_assert_true (g_file_get_contents (db, &old, &length, NULL));

  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));
  for (guint i = 0; i < 4; i++)
    g_assert_true (tl_store_audit (fx->store, TL_AUDIT_VIEW, "some-id", &error));
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_true (check.intact);
  tl_store_lock (fx->store);
  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));   /* the anchor moves on */
  tl_store_lock (fx->store);

  g_assert_true (g_file_set_contents (db, old, length, NULL));
  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_nonnull (check.problem);
  g_test_message ("%s", check.problem);

  /* And it stays caught: unlocking again does not move the anchor over the gap. */
  tl_store_lock (fx->store);
  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  cli_verify_fails (fx, PASS_A);
}

/* An entry edited and the whole chain recomputed with the audit key from the database
 * (what a modified build run by someone with a passphrase could do): every link holds,
 * and audit verify still fails because the chain no longer ends in the anchored link. */
static void
test_audit_rewrite (TlTestStore   *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  TlAuditCheck check;

  for (guint i = 0; i < 3; i++)
    g_assert_true (tl_store_audit (fx->store, TL_AUDIT_VIEW, "some-id", &error));
  tl_store_lock (fx->store);
  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));

  db = _tl_store_get_db (fx->store);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update;"
                                     "UPDATE audit SET advocate = 'Someone else' WHERE seq = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (_tl_store_audit_rewrite_chain (db));
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_seq, ==, 0);          /* every link holds */
  g_assert_nonnull (check.problem);
  g_test_message ("%s", check.problem);
  cli_verify_fails (fx, PASS_A);
}

/* One UPDATE (with the trigger dropped) used to switch checking off, and verify then
 * passed with "0 entries checked". */
static void
test_audit_checking_off (TlTestStore   *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TlAuditCheck check;

  g_assert_cmpint (sqlite3_exec (_tl_store_get_db (fx->store),
                                 "DROP TRIGGER audit_key_no_update;"
                                 "UPDATE audit_key SET chain_from = 1000000;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_nonnull (check.problem);
  g_test_message ("%s", check.problem);
  cli_verify_fails (fx, PASS_A);
}

/* tipline.anchor deleted (with or without entries removed): audit verify fails, it
 * does not pass with the entries it could check. */
static void
test_audit_anchor_missing (TlTestStore   *fx,
                           gconstpointer  data)
{
  g_autofree char *anchor = g_build_filename (fx->dir, "tipline.anchor", NULL);
  g_autoptr(GError) error = NULL;
  TlAuditCheck check;

  g_assert_true (g_file_test (anchor, G_FILE_TEST_IS_REGULAR));
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_true (check.intact);
  g_assert_cmpint (g_unlink (anchor), ==, 0);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_nonnull (strstr (check.problem, "tipline.anchor"));
  cli_verify_fails (fx, PASS_A);
}

/* Rewrites the container at path with its database part taken from the container at
 * other (the checksum is recomputed: it only catches accidents). */
static void
swap_backup_database (const char *path,
                      const char *other)
{
  g_autofree guint8 *a = NULL, *b = NULL;
  gsize a_len, b_len;
  guint64 a_keys, a_db, b_keys, b_db;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 sum[32];

  g_assert_true (g_file_get_contents (path, (char **) &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (other, (char **) &b, &b_len, NULL));
  a_keys = a[12] | a[13] << 8 | a[14] << 16 | (guint32) a[15] << 24;
  b_keys = b[12] | b[13] << 8 | b[14] << 16 | (guint32) b[15] << 24;
  a_db = b_db = 0;
  for (guint i = 0; i < 8; i++)
    {
      a_db |= (guint64) a[16 + i] << (8 * i);
      b_db |= (guint64) b[16 + i] << (8 * i);
    }
  g_byte_array_append (out, a, 24);
  for (guint i = 0; i < 8; i++)
    out->data[16 + i] = (b_db >> (8 * i)) & 0xff;
  g_byte_array_append (out, a + 24, a_keys);
  g_byte_array_append (out, b + 24 + b_keys, b_db);
  g_byte_array_append (out, a + 24 + a_keys + a_db, a_len - 32 - (24 + a_keys + a_db));
  crypto_generichash (sum, sizeof sum, out->data, out->len, NULL, 0);
  g_byte_array_append (out, sum, sizeof sum);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
}

/* Each backup carries the audit chain's anchor and a restore puts it back: the
 * restored store checks out, and a backup whose database was swapped for an older one
 * (same key, checksum recomputed) is caught by audit verify after the restore. */
static void
test_backup_carries_anchor (TlTestStore   *fx,
                            gconstpointer  data)
{
  g_autofree char *older = g_build_filename (fx->dir, "..", "store-keys-older.tlbackup", NULL);
  g_autofree char *newer = g_build_filename (fx->dir, "..", "store-keys-newer.tlbackup", NULL);
  g_autofree char *anchor = g_build_filename (fx->dir, "tipline.anchor", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  TlAuditCheck check;

  g_assert_true (tl_store_backup (fx->store, older, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_true (tl_store_audit (fx->store, TL_AUDIT_VIEW, "some-id", &error));
  g_assert_true (tl_store_backup (fx->store, newer, &error));
  g_assert_no_error (error);

  /* A whole backup: restored with its anchor, which holds. */
  g_assert_true (tl_store_restore (fx->store, newer, PASS_A, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (anchor, G_FILE_TEST_IS_REGULAR));
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_true (check.intact);
  tl_test_remove_tree (kept);
  g_clear_pointer (&kept, g_free);

  /* The newer backup with the older database inside: the anchor it carries is ahead. */
  swap_backup_database (newer, older);
  g_assert_true (tl_store_restore (fx->store, newer, PASS_A, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_false (check.intact);
  g_assert_nonnull (check.problem);
  g_test_message ("%s", check.problem);
  tl_test_remove_tree (kept);
  cli_verify_fails (fx, PASS_A);
  g_unlink (older);
  g_unlink (newer);
}

/* passwd on a locked store is in the audit log, with the slot's name. */
static void
test_passwd_audited (TlTestStore   *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean found = FALSE;
  TlAuditCheck check;

  tl_store_lock (fx->store);
  g_assert_true (tl_store_change_passphrase (fx->store, PASS_A, PASS_B, TL_KDF_MINIMUM, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_unlock (fx->store, PASS_B, &error));
  entries = tl_store_list_audit (fx->store, NULL, &error);
  for (guint i = 0; i < entries->len; i++)
    if (((TlAuditEntry *) g_ptr_array_index (entries, i))->action == TL_AUDIT_PASSPHRASE_CHANGE)
      found = TRUE;
  g_assert_true (found);
  g_assert_true (tl_store_check_audit (fx->store, &check, &error));
  g_assert_true (check.intact);
}

/* The key file's limits on the unlock path (the parser's own test is /keyslot/limits):
 * the key-derivation cost of a version 3 key file one past the app's strongest setting
 * is refused before any derivation, with one line that names the limit; at the limit it
 * is derived (and the passphrase then does not match the changed cost); the seventeenth
 * passphrase is refused when added. */
static void
put_u64_le (guint8  *out,
            guint64  v)
{
  for (guint i = 0; i < 8; i++)
    out[i] = (v >> (8 * i)) & 0xff;
}

static void
test_unlock_limits (TlTestStore   *fx,
                    gconstpointer  data)
{
  g_autofree char *keys = g_build_filename (fx->dir, "tipline.keys", NULL);
  g_autofree guint8 *original = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  /* Version 3: the first cost group (opslimit, memlimit) follows the 16-byte header. */
  const struct { gsize at; guint64 limit; } costs[] = {
    { 16, crypto_pwhash_argon2id_OPSLIMIT_MODERATE },
    { 24, crypto_pwhash_argon2id_MEMLIMIT_MODERATE },
  };

  tl_store_lock (fx->store);
  g_assert_true (g_file_get_contents (keys, (char **) &original, &length, NULL));
  g_assert_cmpint (original[8], ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (costs); i++)
    for (guint past = 0; past <= 1; past++)
      {
        g_autofree guint8 *copy = g_memdup2 (original, length);

        put_u64_le (copy + costs[i].at, costs[i].limit + past);
        crypto_generichash (copy + length - 32, 32, copy, length - 32, NULL, 0);
        g_assert_true (g_file_set_contents (keys, (const char *) copy, length, NULL));
        g_assert_false (tl_store_unlock (fx->store, PASS_A, &error));
        g_test_message ("cost %u %s: %s", i, past ? "one past" : "at the limit", error->message);
        if (past)
          {
            g_assert_error (error, TL_ERROR, TL_ERROR_TOO_LARGE);
            g_assert_nonnull (strstr (error->message, "at most"));
            g_assert_null (strchr (error->message, '\n'));
          }
        else
          g_assert_error (error, TL_ERROR, TL_ERROR_WRONG_PASSPHRASE);
        g_clear_error (&error);
      }
  g_assert_true (g_file_set_contents (keys, (const char *) original, length, NULL));

  /* Slots: up to TL_KEYSLOT_MAX_SLOTS, then one line that names the limit. */
  g_assert_true (tl_store_unlock (fx->store, PASS_A, &error));
  for (guint n = 1; n < TL_KEYSLOT_MAX_SLOTS; n++)
    {
      g_autofree char *secret = g_strdup_printf ("extra passphrase number %u", n);

      g_assert_true (tl_store_add_passphrase (fx->store, PASS_A, secret, secret, TL_KDF_MINIMUM, &error));
      g_assert_no_error (error);
    }
  g_assert_false (tl_store_add_passphrase (fx->store, PASS_A, "one too many", "one too many passphrase",
                                           TL_KDF_MINIMUM, &error));
  g_assert_nonnull (error);
  g_test_message ("slot %d: %s", TL_KEYSLOT_MAX_SLOTS + 1, error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  tl_store_lock (fx->store);
  g_assert_true (tl_store_unlock (fx->store, "extra passphrase number 15", &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, TlTestStore, NULL, setup, fn, tl_test_store_tear_down)
  ADD ("/store-keys/add-and-list", test_add_and_list);
  ADD ("/store-keys/remove-rekeys", test_remove_rekeys);
  ADD ("/store-keys/recovery-code", test_recovery_code);
  ADD ("/store-keys/rekey-crash-points", test_rekey_crash_points);
  ADD ("/store-keys/rekey-damaged-free-page", test_rekey_damaged_free_page);
  ADD ("/store-keys/wrong-passphrase-20-times", test_wrong_passphrase_20);
  ADD ("/store-keys/audit-chain-edit", test_audit_chain);
  ADD ("/store-keys/audit-chain-delete", test_audit_chain_delete);
  ADD ("/store-keys/many-slots-derivations", test_many_slots_derivations);
  ADD ("/store-keys/audit-rollback", test_audit_rollback);
  ADD ("/store-keys/audit-rewrite", test_audit_rewrite);
  ADD ("/store-keys/audit-checking-off", test_audit_checking_off);
  ADD ("/store-keys/passwd-audited", test_passwd_audited);
  ADD ("/store-keys/audit-anchor-missing", test_audit_anchor_missing);
  ADD ("/store-keys/backup-carries-anchor", test_backup_carries_anchor);
  ADD ("/store-keys/unlock-limits", test_unlock_limits);
#undef ADD
  g_test_add_func ("/store-keys/create-with-recovery", test_create_with_recovery);

  return g_test_run ();
}
