/* test_breaking.c - a breaking item pre-empts at once, shows its passes,
   and the rotation resumes at the item it interrupted; the rotation order
   holds across the wrap of the 8-bit seq counter. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tk_test.h"

#define W 32
#define PERIOD 20

static tk_ticker ticker;
static tk_fb fb;

/* Ids of the items that started, in order, until count of them did. */
static unsigned record_starts(uint32_t *now, uint16_t *ids, unsigned count)
{
    unsigned n = 0;
    tk_event ev;
    uint32_t limit = *now + 600000;
    while (n < count && *now < limit) {
        tk_test_run(&ticker, &fb, now, *now + PERIOD, PERIOD);
        while (tk_ticker_next_event(&ticker, &ev))
            if (ev.kind == TK_EVENT_ITEM_STARTED && n < count)
                ids[n++] = ev.id;
    }
    return n;
}

static void drain_events(void)
{
    tk_event ev;
    while (tk_ticker_next_event(&ticker, &ev))
        ;
}

static void start_with_three(void)
{
    tk_settings set;
    assert_int_equal(tk_ticker_init(&ticker, tk_test_font("prop8"), W, 8, 0), TK_OK);
    tk_settings_default(&set);
    set.speed = 60;
    set.breaking_passes = 2;
    tk_ticker_configure(&ticker, &set);
    tk_fb_init(&fb, W, 8);
    tk_test_put(&ticker, 1, "Alpha: the first of three headlines", 0, 0);
    tk_test_put(&ticker, 2, "Bravo: the second of three headlines", 0, 0);
    tk_test_put(&ticker, 3, "Charlie: the third of three headlines", 0, 0);
}

/* The three, run until the second is at the head (*now: the time then). */
static void start_at_second(uint32_t *now)
{
    start_with_three();
    while (tk_test_head_id(&ticker) != 2)
        tk_test_run(&ticker, &fb, now, *now + PERIOD, PERIOD);
}

static void test_preempts_at_once(void **state)
{
    uint32_t now = 0;
    (void)state;
    start_at_second(&now);
    tk_test_run(&ticker, &fb, &now, now + 500, PERIOD);
    assert_true(tk_test_any_lit(&fb, 0, W));

    assert_int_equal(tk_test_put(&ticker, 9, "BREAKING: flood warning", TK_ITEM_BREAKING, now), TK_OK);
    now += PERIOD;
    tk_ticker_frame(&ticker, now, &fb);
    /* The old text is gone at once; the breaking item is entering. */
    assert_int_equal(tk_test_head_id(&ticker), 9);
    assert_int_equal(ticker.marquee.count, 1);
    assert_false(tk_test_any_lit(&fb, 0, W - 2));
}

static void test_passes_then_resume_at_interrupted_item(void **state)
{
    uint32_t now = 0;
    uint16_t ids[5];
    (void)state;
    start_at_second(&now);
    drain_events();
    tk_test_put(&ticker, 9, "BREAKING: flood warning", TK_ITEM_BREAKING, now);

    assert_int_equal(record_starts(&now, ids, 5), 5);
    assert_int_equal(ids[0], 9);
    assert_int_equal(ids[1], 9); /* two passes, nothing in between */
    assert_int_equal(ids[2], 2); /* resumes at the item it left */
    assert_int_equal(ids[3], 3);
    assert_int_equal(ids[4], 9); /* then it joins the rotation as the newest */
}

static void test_passes_from_the_put(void **state)
{
    uint32_t now = 0;
    uint16_t ids[5];
    tk_put put = { 9, TK_ITEM_BREAKING, 4, 0, (const uint8_t *)"Quake", 5 };
    (void)state;
    start_with_three();
    tk_test_run(&ticker, &fb, &now, 200, PERIOD);
    drain_events();
    assert_int_equal(tk_ticker_put(&ticker, &put, now), TK_OK);
    assert_int_equal(record_starts(&now, ids, 5), 5);
    assert_int_equal(ids[3], 9);
    assert_int_equal(ids[4], 1);
}

static void test_newer_breaking_goes_first(void **state)
{
    uint32_t now = 0;
    uint16_t ids[5];
    (void)state;
    start_with_three();
    tk_test_run(&ticker, &fb, &now, 200, PERIOD);
    tk_test_put(&ticker, 8, "Older alert", TK_ITEM_BREAKING, now);
    tk_test_run(&ticker, &fb, &now, now + 100, PERIOD);
    drain_events();
    tk_test_put(&ticker, 9, "Newer alert", TK_ITEM_BREAKING, now);
    assert_int_equal(record_starts(&now, ids, 5), 5);
    assert_int_equal(ids[0], 9);
    assert_int_equal(ids[1], 9);
    assert_int_equal(ids[2], 8); /* the older one's remaining passes */
    assert_int_equal(ids[3], 8);
    assert_int_equal(ids[4], 1);
}

/* Puts and deletes a throw-away item (each put takes a new seq) until the
   next seq handed out is last; returns how often the counter went down. */
static unsigned churn_until(tk_seq last, unsigned at_least)
{
    unsigned puts = 0, wraps = 0;
    while (puts < at_least || ticker.queue.next_seq != last) {
        tk_seq before = ticker.queue.next_seq;
        assert_int_equal(tk_test_put(&ticker, 100, "throw-away", 0, 0), TK_OK);
        assert_int_equal(tk_ticker_delete(&ticker, 100), TK_OK);
        if (ticker.queue.next_seq < before)
            wraps++;
        puts++;
        assert_true(puts < 10000);
    }
    return wraps;
}

/* The counter wraps (live items renumbered) with the rotation standing
   after each of the three items in turn: it goes on with the next one. */
static void test_rotation_order_across_seq_wrap(void **state)
{
    unsigned done, i;
    (void)state;
    for (done = 1; done <= 3; done++) {
        uint32_t now = 0;
        uint16_t ids[4];
        start_with_three();
        assert_int_equal(record_starts(&now, ids, done), done);
        assert_int_equal(ids[done - 1], done);
        assert_true(churn_until(TK_SEQ_END, 600) >= 2);
        assert_int_equal(record_starts(&now, ids, 4), 4);
        for (i = 0; i < 4; i++)
            assert_int_equal(ids[i], (done + i) % 3 + 1);
    }
}

/* A breaking put whose seq is the one that makes the counter wrap (a put
   takes one seq: a new breaking item only the one that puts it first). */
static void test_breaking_across_seq_wrap(void **state)
{
    uint32_t now = 0;
    uint16_t ids[5];
    (void)state;
    start_at_second(&now);
    drain_events();
    churn_until(TK_SEQ_END, 0);
    tk_test_put(&ticker, 9, "BREAKING: flood warning", TK_ITEM_BREAKING, now);
    assert_true(ticker.queue.next_seq < 10); /* it wrapped */
    assert_int_equal(record_starts(&now, ids, 5), 5);
    assert_int_equal(ids[0], 9);
    assert_int_equal(ids[1], 9);
    assert_int_equal(ids[2], 2);
    assert_int_equal(ids[3], 3);
    assert_int_equal(ids[4], 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preempts_at_once),
        cmocka_unit_test(test_passes_then_resume_at_interrupted_item),
        cmocka_unit_test(test_passes_from_the_put),
        cmocka_unit_test(test_newer_breaking_goes_first),
        cmocka_unit_test(test_rotation_order_across_seq_wrap),
        cmocka_unit_test(test_breaking_across_seq_wrap),
    };
    return cmocka_run_group_tests_name("breaking", tests, NULL, NULL);
}
