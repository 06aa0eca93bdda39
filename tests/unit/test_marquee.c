/* test_marquee.c - the scroll rate is pixels per second, whatever the
   frame rate; items follow each other with no restart gap; an item that
   fits stands still. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tk_test.h"

#define W 128

static tk_ticker ticker;
static tk_fb fb, earlier;

static void start(uint16_t width, uint16_t speed)
{
    tk_settings set;
    assert_int_equal(tk_ticker_init(&ticker, tk_test_font("prop8"), width, 8, 0), TK_OK);
    tk_settings_default(&set);
    set.speed = speed;
    assert_int_equal(tk_ticker_configure(&ticker, &set), TK_OK);
    tk_fb_init(&fb, width, 8);
}

/* 1 when frame b is frame a moved left by shift columns (where both show). */
static int shifted_by(const tk_fb *a, const tk_fb *b, uint16_t shift)
{
    uint16_t x;
    for (x = 0; x + shift < a->width; x++)
        if (tk_fb_column(b, x) != tk_fb_column(a, (uint16_t)(x + shift)))
            return 0;
    return 1;
}

/* At fps frames per second and 30 px/s, one second moves exactly 30 px,
   and no frame moves more than its share. */
static void check_rate(unsigned fps)
{
    const char *text = "Rate test: a headline long enough to stay on a wide display for ten seconds of scrolling at thirty pixels";
    uint32_t now = 0;
    unsigned frame;
    int32_t last_offset;
    uint32_t last_now = 0;

    start(W, 30);
    tk_test_put(&ticker, 1, text, 0, 0);
    tk_ticker_frame(&ticker, 0, &fb);
    last_offset = ticker.marquee.offset;
    for (frame = 1; frame <= 6 * fps; frame++) {
        now = frame * 1000u / fps;
        tk_ticker_frame(&ticker, now, &fb);
        /* Even: a frame moves what its own time is worth, less than a pixel
           of carry either way. */
        assert_true((ticker.marquee.offset - last_offset) * 1000 <= (int32_t)(30 * (now - last_now)) + 999);
        assert_true((ticker.marquee.offset - last_offset) * 1000 >= (int32_t)(30 * (now - last_now)) - 999);
        last_offset = ticker.marquee.offset;
        last_now = now;
        if (now == 3000)
            earlier = fb;
    }
    assert_int_equal(now, 6000);
    /* 3 s at 30 px/s: 90 columns, seen in the pixels themselves. */
    assert_true(tk_test_any_lit(&fb, 0, W - 90));
    assert_true(shifted_by(&earlier, &fb, 90));
    assert_int_equal(ticker.marquee.offset, -W + 6 * 30);
}

static void test_rate_10fps(void **state) { (void)state; check_rate(10); }
static void test_rate_30fps(void **state) { (void)state; check_rate(30); }
static void test_rate_60fps(void **state) { (void)state; check_rate(60); }

static void test_uneven_frame_times_keep_the_rate(void **state)
{
    const uint32_t jitter[] = { 7, 33, 16, 50, 1, 23, 17, 40 };
    uint32_t now = 0;
    unsigned i = 0;
    (void)state;
    start(W, 45);
    tk_test_put(&ticker, 1, "A headline long enough to keep scrolling for the whole of this test run here", 0, 0);
    tk_ticker_frame(&ticker, 0, &fb);
    while (now < 4000)
        tk_ticker_frame(&ticker, now += jitter[i++ % 8], &fb);
    /* 45 px/s over `now` ms, to the pixel (the fraction is carried). */
    assert_int_equal(ticker.marquee.offset, -W + (int32_t)(45u * now / 1000u));
}

static void test_items_follow_without_gap(void **state)
{
    uint32_t now = 0;
    int32_t span;
    (void)state;
    start(32, 24);
    tk_test_put(&ticker, 1, "First headline here", 0, 0);
    tk_test_put(&ticker, 2, "Second headline here", 0, 0);
    while (ticker.marquee.count < 2 && now < 60000)
        tk_test_run(&ticker, &fb, &now, now + 20, 20);
    /* The second is committed right after the first's separator. */
    assert_int_equal(ticker.marquee.count, 2);
    span = ticker.marquee.seg[0].width;
    assert_int_equal(span, ticker.marquee.seg[0].text_width + ticker.separator_width);
    /* While the first leaves, the second is already visible: no blank screen. */
    while (tk_test_head_id(&ticker) == 1) {
        tk_test_run(&ticker, &fb, &now, now + 20, 20);
        assert_true(tk_test_any_lit(&fb, 0, 32));
    }
    assert_int_equal(tk_test_head_id(&ticker), 2);
}

static void test_lone_item_that_fits_stands_still(void **state)
{
    uint32_t now = 0;
    tk_fb before;
    (void)state;
    start(64, 30);
    tk_test_put(&ticker, 1, "Short", 0, 0);
    tk_test_run(&ticker, &fb, &now, 5000, 20);
    before = fb;
    tk_test_run(&ticker, &fb, &now, 9000, 20);
    assert_memory_equal(before.px, fb.px, sizeof fb.px);
    /* Centred: as many blank columns on the left as on the right, give or
       take the rounding and the glyphs' own spacing column. */
    {
        uint16_t left = 0, right = 0;
        assert_true(tk_test_any_lit(&fb, 0, 64));
        while (left < 64 && !tk_fb_column(&fb, left))
            left++;
        while (right < 64 && !tk_fb_column(&fb, (uint16_t)(63 - right)))
            right++;
        if (left - right > 2 || right - left > 2)
            fail_msg("not centred: %u blank columns left, %u right", left, right);
    }
    /* A second item sets it moving again. */
    tk_test_put(&ticker, 2, "Another headline", 0, now);
    tk_test_run(&ticker, &fb, &now, now + 1000, 20);
    assert_memory_not_equal(before.px, fb.px, sizeof fb.px);
}

static void test_item_that_fits_pauses_at_the_left(void **state)
{
    uint32_t now = 0;
    int held = 0;
    (void)state;
    start(64, 30);
    tk_test_put(&ticker, 1, "Short", 0, 0);
    tk_test_put(&ticker, 2, "A longer headline that scrolls", 0, 0);
    while (now < 20000) {
        tk_test_run(&ticker, &fb, &now, now + 20, 20);
        if (ticker.holding && tk_test_head_id(&ticker) == 1) {
            int32_t at = ticker.marquee.offset;
            uint32_t until = ticker.hold_until_ms;
            assert_int_equal(at, 0);
            tk_test_run(&ticker, &fb, &now, until - 20, 20);
            assert_int_equal(ticker.marquee.offset, 0); /* still for the pause */
            held = 1;
            break;
        }
    }
    assert_true(held);
}

/* Drawing only what scrolled in must give the very frames a full redraw
   gives: two tickers get the same puts, deletes and breaking items; one
   draws into the same buffer each frame (incremental), the other into
   alternating buffers (always whole). */
static void test_incremental_equals_full_redraw(void **state)
{
    static tk_ticker inc, full;
    static tk_fb fb_inc, fb_full[2];
    static const char *const texts[] = {
        "Short", "A longer headline that scrolls by", "\xC5\x81\xC3\xB3" "d\xC5\xBA 3-1",
        "Tiny", "Another story, with commas, and numbers 1,234", "x",
    };
    uint32_t now = 0, seed = 12345;
    unsigned frame;
    tk_settings set;
    (void)state;
    assert_int_equal(tk_ticker_init(&inc, tk_test_font("prop8"), 48, 8, 0), TK_OK);
    assert_int_equal(tk_ticker_init(&full, tk_test_font("prop8"), 48, 8, 0), TK_OK);
    tk_settings_default(&set);
    set.speed = 37;
    set.pause_ms = 300;
    tk_ticker_configure(&inc, &set);
    tk_ticker_configure(&full, &set);
    tk_fb_init(&fb_inc, 48, 8);
    tk_fb_init(&fb_full[0], 48, 8);
    tk_fb_init(&fb_full[1], 48, 8);
    for (frame = 0; frame < 6000; frame++) {
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 16) % 97 == 0) {
            uint16_t id = (uint16_t)((seed >> 8) % 5 + 1);
            const char *text = texts[(seed >> 4) % 6];
            uint8_t flags = (seed >> 20) % 7 == 0 ? TK_ITEM_BREAKING : 0;
            assert_int_equal(tk_test_put(&inc, id, text, flags, now),
                             tk_test_put(&full, id, text, flags, now));
        } else if ((seed >> 16) % 211 == 0) {
            uint16_t id = (uint16_t)((seed >> 8) % 5 + 1);
            assert_int_equal(tk_ticker_delete(&inc, id), tk_ticker_delete(&full, id));
        }
        now += 7 + (seed >> 12) % 30; /* uneven frame times, some moving several pixels */
        tk_ticker_frame(&inc, now, &fb_inc);
        tk_ticker_frame(&full, now, &fb_full[frame % 2]);
        if (memcmp(fb_inc.px, fb_full[frame % 2].px, sizeof fb_inc.px) != 0)
            fail_msg("frame %u at %u ms differs from the full redraw", frame, now);
    }
}

/* A frame that moved nothing reports so: the port need not flush it. */
static void test_unchanged_frame_reports_no_change(void **state)
{
    uint32_t now = 0;
    (void)state;
    start(32, 10); /* 10 px/s: most 20 ms frames move nothing */
    tk_test_put(&ticker, 1, "A headline long enough to scroll", 0, 0);
    tk_ticker_frame(&ticker, 0, &fb);
    assert_int_equal(tk_ticker_frame(&ticker, 20, &fb), 0);
    now = 100; /* 1 px */
    assert_int_equal(tk_ticker_frame(&ticker, now, &fb), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_10fps),
        cmocka_unit_test(test_rate_30fps),
        cmocka_unit_test(test_rate_60fps),
        cmocka_unit_test(test_uneven_frame_times_keep_the_rate),
        cmocka_unit_test(test_items_follow_without_gap),
        cmocka_unit_test(test_lone_item_that_fits_stands_still),
        cmocka_unit_test(test_item_that_fits_pauses_at_the_left),
        cmocka_unit_test(test_incremental_equals_full_redraw),
        cmocka_unit_test(test_unchanged_frame_reports_no_change),
    };
    return cmocka_run_group_tests_name("marquee", tests, NULL, NULL);
}
