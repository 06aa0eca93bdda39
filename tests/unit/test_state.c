/*
 * test_state.c - the state directory: feeds' validators and seen ids, the
 * playlist, escaping, corrupt files set aside, failing writes survived.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "log.h"
#include "state.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    harness_tmpdir(dir, sizeof dir);
    log_verbosity = LOG_ERROR - 1; /* the corrupt-file warnings are expected */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    harness_rmtree(dir);
    return 0;
}

static void write_file(const char *name, const char *text)
{
    char p[128];
    FILE *f;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    assert_non_null(f = fopen(p, "w"));
    fputs(text, f);
    fclose(f);
}

/* How many entries of the directory start with prefix. */
static int count(const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static void test_feed_round_trip(void **state)
{
    state_store *s = state_open(dir);
    state_feed f, g;
    (void)state;
    assert_non_null(s);
    memset(&f, 0, sizeof f);
    f.url_hash = state_hash("https://x.example/");
    snprintf(f.etag, sizeof f.etag, "W/\"a\tb\\c\"");
    snprintf(f.last_modified, sizeof f.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
    assert_int_equal(state_feed_see(&f, "id-1", 1000), 1);
    assert_int_equal(state_feed_see(&f, "id\n2", 2000), 1);
    assert_int_equal(state_feed_see(&f, "id-1", 3000), 0);
    assert_int_equal(state_feed_save(s, "news", &f), 0);
    assert_int_equal(count("feed-news.tmp"), 0);
    assert_int_equal(state_feed_load(s, "news", &g), 0);
    assert_true(g.url_hash == f.url_hash);
    assert_string_equal(g.etag, f.etag);
    assert_string_equal(g.last_modified, f.last_modified);
    assert_int_equal(g.nseen, 2);
    assert_int_equal(state_feed_first_seen(&g, "id\n2"), 2000);
    assert_int_equal(state_feed_first_seen(&g, "id-1"), 1000);
    state_feed_clear(&f);
    state_feed_clear(&g);
    state_close(s);
}

static void test_seen_is_bounded(void **state)
{
    state_feed f;
    char id[32];
    unsigned i;
    (void)state;
    memset(&f, 0, sizeof f);
    for (i = 0; i < STATE_MAX_SEEN + 10; i++) {
        snprintf(id, sizeof id, "item-%u", i);
        assert_int_equal(state_feed_see(&f, id, (time_t)i), 1);
    }
    assert_int_equal(f.nseen, STATE_MAX_SEEN);
    assert_int_equal(state_feed_first_seen(&f, "item-0"), 0);      /* the oldest went */
    assert_int_equal(state_feed_first_seen(&f, "item-1009"), 1009);
    state_feed_clear(&f);
}

static void test_playlist_round_trip(void **state)
{
    state_store *s = state_open(dir);
    state_item items[2] = {
        { 7, 0, "news", "k1", "São Paulo: first", 100, 0, NULL },
        { 65535, 1, "wire", "k\t2", "Łódź\\second", 200, 150, "Lead\twith a tab\nand a line" },
    };
    state_item *back;
    unsigned n;
    (void)state;
    assert_int_equal(state_playlist_save(s, items, 2), 0);
    assert_int_equal(state_playlist_load(s, &back, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(back[1].id, 65535);
    assert_int_equal(back[1].breaking, 1);
    assert_string_equal(back[1].key, "k\t2");
    assert_string_equal(back[1].title, "Łódź\\second");
    assert_string_equal(back[0].feed, "news");
    assert_int_equal(back[0].first_seen, 100);
    assert_int_equal(back[1].published, 150);
    assert_null(back[0].lead);
    assert_string_equal(back[1].lead, "Lead\twith a tab\nand a line");
    state_items_free(back, n);
    state_close(s);
}

/* Files written before PUBLISHED and LEAD were added still read. */
static void test_playlist_older_records(void **state)
{
    state_store *s = state_open(dir);
    state_item *back;
    unsigned n;
    (void)state;
    write_file("playlist", "tickerd-playlist\t1\nitem\t3\t0\tf\t1\tk\tOld title\n"
               "item\t4\t1\tf\t2\tk2\tNewer title\t9\n");
    assert_int_equal(state_playlist_load(s, &back, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(back[0].title, "Old title");
    assert_int_equal(back[0].published, 0);
    assert_int_equal(back[1].published, 9);
    assert_null(back[0].lead);
    assert_null(back[1].lead);
    state_items_free(back, n);
    state_close(s);
}

static void test_corrupt_files_set_aside(void **state)
{
    state_store *s = state_open(dir);
    state_feed f;
    state_item *items;
    unsigned n;
    (void)state;
    write_file("feed-a", "something else\n");
    write_file("feed-b", "tickerd-feed\t1\nseen\tnot-a-number\tx\n");
    write_file("feed-c", "tickerd-feed\t1\netag\t\"x\"");           /* cut short */
    write_file("playlist", "tickerd-playlist\t1\nitem\t0\t0\tf\t1\tk\tt\n"); /* id 0 */
    assert_int_equal(state_feed_load(s, "a", &f), 0);
    assert_int_equal(f.nseen, 0);
    state_feed_clear(&f);
    assert_int_equal(state_feed_load(s, "b", &f), 0);
    assert_int_equal(f.nseen, 0);
    state_feed_clear(&f);
    assert_int_equal(state_feed_load(s, "c", &f), 0);
    assert_string_equal(f.etag, "");
    state_feed_clear(&f);
    assert_int_equal(state_playlist_load(s, &items, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(count("feed-a.corrupt-"), 1);
    assert_int_equal(count("feed-b.corrupt-"), 1);
    assert_int_equal(count("feed-c.corrupt-"), 1);
    assert_int_equal(count("playlist.corrupt-"), 1);
    assert_int_equal(count("feed-a"), 1); /* only the set-aside copy */
    /* a missing file is no error and sets nothing aside */
    assert_int_equal(state_feed_load(s, "none", &f), 0);
    assert_int_equal(count("feed-none"), 0);
    state_close(s);
}

static void test_failing_writes_are_survived(void **state)
{
    state_store *s = state_open(dir);
    state_feed f;
    char cmd[128];
    (void)state;
    memset(&f, 0, sizeof f);
    snprintf(f.etag, sizeof f.etag, "\"v1\"");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);    /* the directory is gone: every write fails */
    assert_int_equal(state_feed_save(s, "news", &f), -1);
    assert_int_equal(state_feed_save(s, "news", &f), -1);
    assert_string_equal(f.etag, "\"v1\"");
    state_close(s);
    assert_int_equal(mkdir(dir, 0700), 0); /* for teardown */
}

static void test_pick_dir(void **state)
{
    (void)state;
    assert_string_equal(state_pick_dir("/x"), "/x");
    setenv("STATE_DIRECTORY", "/var/lib/tickerd:/var/lib/other", 1);
    assert_string_equal(state_pick_dir(NULL), "/var/lib/tickerd");
    unsetenv("STATE_DIRECTORY");
    assert_string_equal(state_pick_dir(NULL), STATE_DEFAULT_DIR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_playlist_older_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed_round_trip, setup, teardown),
        cmocka_unit_test(test_seen_is_bounded),
        cmocka_unit_test_setup_teardown(test_playlist_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_files_set_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failing_writes_are_survived, setup, teardown),
        cmocka_unit_test(test_pick_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
