/* test_ttl_stale.c - items expire by TTL; a silent host makes the display
   mark itself stale while it keeps showing what it has; with nothing left
   the idle text shows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tk_test.h"

#define W 32
#define PERIOD 20

static tk_ticker ticker;
static tk_fb fb;

static void start(uint16_t stale_s)
{
    tk_settings set;
    assert_int_equal(tk_ticker_init(&ticker, tk_test_font("mono5x7"), W, 8, 0), TK_OK);
    tk_settings_default(&set);
    set.speed = 60;
    set.stale_s = stale_s;
    tk_ticker_configure(&ticker, &set);
    tk_fb_init(&fb, W, 8);
}

static void put_ttl(uint16_t id, const char *text, uint16_t ttl_s, uint32_t now)
{
    tk_put put = { id, 0, 0, ttl_s, (const uint8_t *)text, (uint16_t)strlen(text) };
    assert_int_equal(tk_ticker_put(&ticker, &put, now), TK_OK);
}

static void test_ttl_expires_items(void **state)
{
    uint32_t now = 0;
    tk_event ev;
    int started_after_expiry = 0;
    (void)state;
    start(0);
    put_ttl(1, "Expires after five seconds", 5, 0);
    put_ttl(2, "Stays until deleted", 0, 0);
    tk_test_run(&ticker, &fb, &now, 5000, PERIOD);
    while (tk_ticker_next_event(&ticker, &ev))
        ;
    assert_int_equal(tk_queue_find(&ticker.queue, 1), -1);
    assert_true(tk_queue_find(&ticker.queue, 2) >= 0);
    tk_test_run(&ticker, &fb, &now, 60000, PERIOD);
    while (tk_ticker_next_event(&ticker, &ev))
        if (ev.kind == TK_EVENT_ITEM_STARTED && ev.id == 1)
            started_after_expiry = 1;
    assert_false(started_after_expiry);
    /* Its slot came back once it had left the screen. */
    assert_int_equal(tk_queue_free_slots(&ticker.queue), TK_QUEUE_SLOTS - 1);
}

static void test_expired_item_on_screen_finishes_its_pass(void **state)
{
    uint32_t now = 0;
    int8_t slot;
    (void)state;
    start(0);
    put_ttl(1, "A long headline that is still crossing the screen when it expires", 2, 0);
    slot = tk_queue_find(&ticker.queue, 1);
    tk_test_run(&ticker, &fb, &now, 2500, PERIOD);
    assert_int_equal(ticker.queue.slot[slot].state, TK_SLOT_RETIRED);
    assert_true(tk_test_any_lit(&fb, 0, W));
    tk_test_run(&ticker, &fb, &now, 20000, PERIOD);
    assert_int_equal(ticker.queue.slot[slot].state, TK_SLOT_FREE);
}

static void test_idle_text_when_nothing_left(void **state)
{
    uint32_t now = 0;
    (void)state;
    start(0);
    assert_int_equal(tk_ticker_set_idle(&ticker, (const uint8_t *)"idle", 4), TK_OK);
    put_ttl(1, "Gone soon", 1, 0);
    tk_test_run(&ticker, &fb, &now, 15000, PERIOD);
    assert_int_equal(ticker.marquee.count, 1);
    assert_int_equal(ticker.marquee.seg[0].slot, TK_SEG_IDLE);
    assert_true(tk_test_any_lit(&fb, 0, W));
}

static void test_stale_marker_blinks_and_content_stays(void **state)
{
    uint32_t now = 0;
    int on = 0, off = 0;
    (void)state;
    start(2);
    put_ttl(1, "Kept while the host is silent", 0, 0);
    tk_ticker_heard(&ticker, 0);
    tk_test_run(&ticker, &fb, &now, 1900, PERIOD);
    assert_false(tk_ticker_is_stale(&ticker, now));

    /* The marker sets and clears the corner pixel, whatever text is there. */
    while (now < 6000) {
        tk_test_run(&ticker, &fb, &now, now + PERIOD, PERIOD);
        if (now <= 2000)
            continue;
        assert_true(tk_ticker_is_stale(&ticker, now));
        if (tk_fb_pixel(&fb, W - 1, 0))
            on++;
        else
            off++;
    }
    assert_true(on > 50 && off > 50); /* it blinks, about half the time on */
    assert_int_equal(tk_queue_live(&ticker.queue), 1);
    assert_true(tk_test_any_lit(&fb, 0, W - 1));

    tk_ticker_heard(&ticker, now);
    tk_test_run(&ticker, &fb, &now, now + 1000, PERIOD);
    assert_false(tk_ticker_is_stale(&ticker, now));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ttl_expires_items),
        cmocka_unit_test(test_expired_item_on_screen_finishes_its_pass),
        cmocka_unit_test(test_idle_text_when_nothing_left),
        cmocka_unit_test(test_stale_marker_blinks_and_content_stays),
    };
    return cmocka_run_group_tests_name("ttl_stale", tests, NULL, NULL);
}
