/*
 * test_playlist.c - the playlist stage: the same story across feeds folded
 * (and different stories kept), ranking by priority, freshness and
 * breaking, fair rotation, filters, max age and idle, stable ids and
 * minimal differences, and a restart that restores the playlist before
 * any fetch. Time is passed in, so every case is deterministic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "playlist.h"

#define NOW 1700000000L

static config_feed feeds[4];
static config_playlist pc;

static void feed_init(config_feed *f, const char *name, long priority)
{
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    f->priority = priority;
    f->max_items = 10;
}

static int setup(void **state)
{
    (void)state;
    feed_init(&feeds[0], "wire", 10);
    feed_init(&feeds[1], "local", 0);
    feed_init(&feeds[2], "sport", 0);
    memset(&pc, 0, sizeof pc);
    pc.max_items = 32;
    pc.dedup_percent = 60;
    return 0;
}

static state_item *build(playlist_source *src, unsigned nsrc, const state_item *prev,
                         unsigned nprev, time_t now, unsigned *n, playlist_stats *st)
{
    state_item *out;
    assert_int_equal(playlist_build(&pc, src, nsrc, prev, nprev, now, &out, n, st), 0);
    return out;
}

static int find_title(const state_item *it, unsigned n, const char *title)
{
    unsigned i;
    for (i = 0; i < n; i++)
        if (strcmp(it[i].title, title) == 0)
            return (int)i;
    return -1;
}

static void test_similarity(void **state)
{
    playlist_words a, b, c, d;
    (void)state;
    playlist_words_of("Kim shows Shoigu banned missiles", &a);
    playlist_words_of("North Korea's Kim displays banned missiles to Russia's Shoigu", &b);
    assert_true(playlist_same_story(&a, &b, 60));
    playlist_words_of("Fed raises interest rates by a quarter point", &c);
    playlist_words_of("Bank of England raises interest rates to 5%", &d);
    assert_false(playlist_same_story(&c, &d, 60));
    playlist_words_of("Fed raises rates", &c);
    playlist_words_of("Fed holds rates", &d);
    assert_false(playlist_same_story(&c, &d, 60));
    assert_true(playlist_has_word("Storm hits Łódź, BREAKING", "election, breaking"));
    assert_false(playlist_has_word("Breakingviews column", "breaking"));
    assert_true(playlist_has_word("Climate change talks", "climate change"));
}

static void test_dedup_keeps_higher_priority(void **state)
{
    playlist_input wire[] = { { "w1", "North Korea's Kim displays banned missiles to Russia's "
                                "Shoigu", 0, NOW - 600, "The leader showed the visitor a hall "
                                "of missiles." } };
    playlist_input local[] = { { "l1", "Kim shows Shoigu banned missiles - Local News", 0,
                                 NOW - 60, NULL },
                               { "l2", "Kim Jong Un visits missile factory with daughter", 0,
                                 NOW - 120, NULL } };
    playlist_source src[] = { { &feeds[1], local, 2 }, { &feeds[0], wire, 1 } };
    playlist_stats st;
    unsigned n;
    state_item *out;
    (void)state;
    out = build(src, 2, NULL, 0, NOW, &n, &st);
    assert_int_equal(n, 2);
    assert_int_equal(st.folded, 1);
    assert_true(find_title(out, n, wire[0].title) >= 0);
    /* the kept item carries its lead (what a publisher sends on) */
    assert_string_equal(out[find_title(out, n, wire[0].title)].lead, wire[0].lead);
    assert_int_equal(find_title(out, n, local[0].title), -1);
    assert_true(find_title(out, n, local[1].title) >= 0); /* shares words, another story */
    state_items_free(out, n);
}

static void test_rank_breaking_priority_rotation(void **state)
{
    playlist_input wire[] = { { "w1", "Parliament passes the budget after long night", 0, NOW - 50, NULL },
                              { "w2", "Central bank keeps its rates on hold again", 0, NOW - 40, NULL },
                              { "w3", "Floods close the main motorway near the coast", 0, NOW - 30, NULL } };
    playlist_input local[] = { { "l1", "City council approves new cycle lanes downtown", 0, NOW - 10, NULL },
                               { "l2", "Earthquake shakes the region, buildings evacuated", 0, NOW - 900, NULL } };
    playlist_input sport[] = { { "s1", "United sign young striker from Porto in record deal", 0, NOW - 5, NULL } };
    playlist_source src[] = { { &feeds[0], wire, 3 }, { &feeds[1], local, 2 },
                              { &feeds[2], sport, 1 } };
    playlist_stats st;
    unsigned n;
    state_item *out;
    (void)state;
    snprintf(pc.breaking_keywords, sizeof pc.breaking_keywords, "earthquake, tsunami");
    out = build(src, 3, NULL, 0, NOW, &n, &st);
    assert_int_equal(n, 6);
    /* breaking first */
    assert_string_equal(out[0].key, "l2");
    assert_int_equal(out[0].breaking, 1);
    /* round 1: wire (priority 10) newest, then sport (fresher) before local */
    assert_string_equal(out[1].key, "w3");
    assert_string_equal(out[2].key, "s1");
    assert_string_equal(out[3].key, "l1");
    /* round 2: wire again, not all of wire first */
    assert_string_equal(out[4].key, "w2");
    assert_string_equal(out[5].key, "w1");
    state_items_free(out, n);
    /* a breaking item older than PLAYLIST_BREAKING_S is ordinary news */
    out = build(src, 3, NULL, 0, NOW + PLAYLIST_BREAKING_S, &n, &st);
    assert_int_equal(find_title(out, n, local[1].title) > 0, 1);
    assert_int_equal(out[find_title(out, n, local[1].title)].breaking, 0);
    state_items_free(out, n);
    /* max_items cuts the last round, lowest rank first */
    pc.max_items = 2;
    out = build(src, 3, NULL, 0, NOW, &n, &st);
    assert_int_equal(n, 2);
    assert_string_equal(out[1].key, "w3");
    state_items_free(out, n);
}

static void test_filters_and_idle(void **state)
{
    playlist_input wire[] = { { "w1", "Election results due tonight in the capital", NOW - 100, NOW - 50, NULL },
                              { "w2", "Celebrity gossip roundup for the weekend", NOW - 100, NOW - 50, NULL },
                              { "w3", "Vote count delayed by power cut", NOW - 7200, NOW - 7200, NULL } };
    playlist_source src[] = { { &feeds[0], wire, 3 } };
    playlist_stats st;
    unsigned n;
    state_item *out;
    (void)state;
    snprintf(feeds[0].include, sizeof feeds[0].include, "election, vote");
    snprintf(feeds[0].exclude, sizeof feeds[0].exclude, "gossip");
    out = build(src, 1, NULL, 0, NOW, &n, &st);
    assert_int_equal(n, 2);
    assert_int_equal(st.filtered, 1);
    state_items_free(out, n);
    feeds[0].max_age_s = 3600;
    out = build(src, 1, NULL, 0, NOW, &n, &st);
    assert_int_equal(n, 1);
    assert_int_equal(st.expired, 1);
    state_items_free(out, n);
    feeds[0].max_items = 1;
    feeds[0].max_age_s = 0;
    out = build(src, 1, NULL, 0, NOW, &n, &st);
    assert_int_equal(n, 1);
    state_items_free(out, n);
    /* offline for days: everything past [playlist] max_age, the playlist is empty */
    pc.max_age_s = 86400;
    out = build(src, 1, NULL, 0, NOW + 3 * 86400, &n, &st);
    assert_int_equal(n, 0);
    state_items_free(out, n);
}

static void test_ids_stable_one_change(void **state)
{
    playlist_input a[] = { { "a1", "Ferry service suspended as gales batter islands", 0, NOW - 10, NULL },
                           { "a2", "School meals price rise approved by council", 0, NOW - 20, NULL },
                           { "a3", "Museum reopens after five years of repairs", 0, NOW - 30, NULL } };
    playlist_source src[] = { { &feeds[1], a, 3 } };
    playlist_stats st;
    playlist_view v;
    config cfg;
    unsigned n, n2, i, changed = 0;
    state_item *one, *two;
    char t1[256], t2[256];
    (void)state;
    one = build(src, 1, NULL, 0, NOW, &n, &st);
    a[1].title = "School meals price rise approved by council after vote";
    two = build(src, 1, one, n, NOW + 60, &n2, &st);
    assert_int_equal(n, n2);
    memset(&cfg, 0, sizeof cfg);
    playlist_display_view(&cfg, NULL, NULL, &v);
    for (i = 0; i < n; i++) {
        assert_int_equal(one[i].id, two[i].id);
        playlist_display_text(&v, &one[i], t1, sizeof t1);
        playlist_display_text(&v, &two[i], t2, sizeof t2);
        changed += strcmp(t1, t2) != 0;
    }
    assert_int_equal(changed, 1); /* the link sends one ITEM_PUT for it */
    state_items_free(one, n);
    state_items_free(two, n2);
}

static void test_display_budget(void **state)
{
    config cfg;
    config_display dc;
    playlist_view v;
    state_item it = { 1, 0, "wire", (char *)"k",
                      (char *)"The prime minister of the United Kingdom said on Tuesday that "
                      "the government would raise spending on hospitals by 5 percent", 0, 0, NULL };
    char out[512];
    size_t len;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    memset(&dc, 0, sizeof dc);
    dc.brightness = -1;
    snprintf(dc.font, sizeof dc.font, "mono5x7");
    dc.width = 32;
    playlist_display_view(&cfg, &dc, NULL, &v);
    assert_true(v.ready);
    assert_int_equal(v.o.max_px, PLAYLIST_MIN_PX);
    len = playlist_display_text(&v, &it, out, sizeof out);
    assert_true(len > 0 && len * 6 <= PLAYLIST_MIN_PX + 6);
    cfg.condense.max_bytes = 40;
    playlist_display_view(&cfg, &dc, NULL, &v);
    len = playlist_display_text(&v, &it, out, sizeof out);
    assert_true(len > 0 && len <= 40);
    dc.width = 0; /* width from CAPS: not ready before them */
    playlist_display_view(&cfg, &dc, NULL, &v);
    assert_false(v.ready);
}

static void test_display_config(void **state)
{
    config cfg;
    config_display dc;
    playlist_view v;
    msg_config mc;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    memset(&dc, 0, sizeof dc);
    dc.brightness = -1;
    playlist_display_view(&cfg, &dc, NULL, &v);
    assert_int_equal(playlist_display_config(&cfg, &dc, &v, &mc), 0);
    dc.speed = 40;
    dc.brightness = 9;
    snprintf(cfg.playlist.idle_text, sizeof cfg.playlist.idle_text, "No news is good news");
    snprintf(cfg.playlist.separator, sizeof cfg.playlist.separator, "+++");
    assert_int_equal(playlist_display_config(&cfg, &dc, &v, &mc), 1);
    assert_int_equal(mc.speed, 40);
    assert_int_equal(mc.brightness, 9);
    assert_int_equal(mc.separator_len, 5);
    assert_memory_equal(mc.separator, " +++ ", 5);
    assert_int_equal(mc.idle_len, strlen("No news is good news"));
}

static void test_restart_restores_before_fetch(void **state)
{
    char dir[64] = "/tmp/tickerd-playlist-XXXXXX", cmd[128];
    playlist_input a[] = { { "a1", "Ferry service suspended as gales batter islands", NOW - 10, NOW - 10, NULL },
                           { "a2", "School meals price rise approved by council", NOW - 20, NOW - 20, NULL } };
    playlist_source src[] = { { &feeds[1], a, 2 } };
    playlist_input back_in[2];
    playlist_stats st;
    state_store *s;
    state_item *one, *saved, *again;
    unsigned n, ns, n2, i;
    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_non_null(s = state_open(dir));
    one = build(src, 1, NULL, 0, NOW, &n, &st);
    assert_int_equal(state_playlist_save(s, one, n), 0);
    state_close(s);
    /* a new run: no fetch yet, only the state file */
    assert_non_null(s = state_open(dir));
    assert_int_equal(state_playlist_load(s, &saved, &ns), 0);
    assert_int_equal(ns, n);
    for (i = 0; i < ns; i++) {
        back_in[i].key = saved[i].key;
        back_in[i].title = saved[i].title;
        back_in[i].published = saved[i].published;
        back_in[i].first_seen = saved[i].first_seen;
        assert_int_equal(saved[i].published, one[i].published);
    }
    src[0].items = back_in;
    again = build(src, 1, saved, ns, NOW + 30, &n2, &st);
    assert_int_equal(n2, n);
    for (i = 0; i < n; i++) {
        assert_int_equal(again[i].id, one[i].id);
        assert_string_equal(again[i].title, one[i].title);
    }
    state_items_free(one, n);
    state_items_free(saved, ns);
    state_items_free(again, n2);
    state_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_similarity, setup),
        cmocka_unit_test_setup(test_dedup_keeps_higher_priority, setup),
        cmocka_unit_test_setup(test_rank_breaking_priority_rotation, setup),
        cmocka_unit_test_setup(test_filters_and_idle, setup),
        cmocka_unit_test_setup(test_ids_stable_one_change, setup),
        cmocka_unit_test_setup(test_display_budget, setup),
        cmocka_unit_test_setup(test_display_config, setup),
        cmocka_unit_test_setup(test_restart_restores_before_fetch, setup),
    };
    log_verbosity = LOG_ERROR;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
