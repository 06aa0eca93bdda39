/* test_queue.c - items are copied in, replaced atomically by id and deleted
   by id; what is on screen is never garbled by a later put. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tk_test.h"

#define W 32
#define PERIOD 20 /* ms: 50 fps */

static tk_ticker subject, reference;
static tk_fb fb_subject, fb_reference;

static void start_pair(void)
{
    const uint8_t *font = tk_test_font("mono5x7");
    assert_int_equal(tk_ticker_init(&subject, font, W, 8, 0), TK_OK);
    assert_int_equal(tk_ticker_init(&reference, font, W, 8, 0), TK_OK);
    tk_fb_init(&fb_subject, W, 8);
    tk_fb_init(&fb_reference, W, 8);
}

/* Screen columns [x0, x1) where the reference draws the item in slot. */
static int segment_span(const tk_ticker *t, int8_t slot, int32_t *x0, int32_t *x1)
{
    int32_t x = -t->marquee.offset;
    uint8_t i;
    for (i = 0; i < t->marquee.count; i++) {
        if (t->marquee.seg[i].slot == slot) {
            *x0 = x;
            *x1 = x + t->marquee.seg[i].text_width;
            return 1;
        }
        x += t->marquee.seg[i].width;
    }
    return 0;
}

static void test_copied_in(void **state)
{
    char text[] = "Copied text";
    (void)state;
    start_pair();
    assert_int_equal(tk_test_put(&subject, 1, text, 0, 0), TK_OK);
    memset(text, 'X', sizeof text - 1); /* the caller's buffer is reused */
    assert_memory_equal(subject.queue.slot[tk_queue_find(&subject.queue, 1)].text, "Copied text", 11);
}

static void test_replace_while_scrolling_never_garbles(void **state)
{
    uint32_t now = 0;
    int8_t old_slot;
    int32_t x0, x1;
    int frames_compared = 0, saw_new = 0;
    (void)state;
    start_pair();
    tk_test_put(&subject, 1, "AAAAAAAAAAAAAAAA old", 0, 0);
    tk_test_put(&subject, 2, "BBBB", 0, 0);
    tk_test_put(&reference, 1, "AAAAAAAAAAAAAAAA old", 0, 0);
    tk_test_put(&reference, 2, "BBBB", 0, 0);
    old_slot = tk_queue_find(&reference.queue, 1);

    /* Scroll until item 1 fills the screen, then replace it mid-scroll. */
    while (now < 1500) {
        now += PERIOD;
        tk_ticker_frame(&subject, now, &fb_subject);
        tk_ticker_frame(&reference, now, &fb_reference);
    }
    assert_true(segment_span(&reference, old_slot, &x0, &x1));
    assert_true(x0 < 0 && x1 > W); /* it is mid-scroll */
    assert_int_equal(tk_test_put(&subject, 1, "ZZZZZZZZZZZZZZZZZZZZ new", 0, now), TK_OK);

    /* Until the old copy has left, its pixels are exactly the reference's. */
    for (;;) {
        int32_t x;
        now += PERIOD;
        tk_ticker_frame(&subject, now, &fb_subject);
        tk_ticker_frame(&reference, now, &fb_reference);
        if (!segment_span(&reference, old_slot, &x0, &x1) || x1 <= 0)
            break;
        for (x = x0 < 0 ? 0 : x0; x < x1 && x < W; x++)
            assert_int_equal(tk_fb_column(&fb_subject, (uint16_t)x),
                             tk_fb_column(&fb_reference, (uint16_t)x));
        frames_compared++;
    }
    assert_true(frames_compared > 20);

    /* The new text takes the old one's place in the rotation. */
    while (now < 60000 && !saw_new) {
        now += PERIOD;
        tk_ticker_frame(&subject, now, &fb_subject);
        saw_new = tk_test_head_id(&subject) == 1 &&
                  subject.queue.slot[subject.marquee.seg[0].slot].text[0] == 'Z';
    }
    assert_true(saw_new);
    /* The old copy's slot was freed once it left the screen. */
    assert_int_equal(tk_queue_free_slots(&subject.queue), TK_QUEUE_SLOTS - 2);
}

static void test_replace_off_screen_is_in_place(void **state)
{
    int8_t slot;
    (void)state;
    start_pair();
    tk_test_put(&subject, 7, "first", 0, 0);
    slot = tk_queue_find(&subject.queue, 7);
    assert_int_equal(tk_test_put(&subject, 7, "second", 0, 0), TK_OK);
    assert_int_equal(tk_queue_find(&subject.queue, 7), slot);
    assert_int_equal(tk_queue_live(&subject.queue), 1);
    assert_memory_equal(subject.queue.slot[slot].text, "second", 6);
}

static void test_full_and_busy(void **state)
{
    uint16_t id;
    uint32_t now = 0;
    (void)state;
    start_pair();
    for (id = 1; id <= TK_QUEUE_SLOTS; id++)
        assert_int_equal(tk_test_put(&subject, id, "a long enough headline to scroll", 0, 0), TK_OK);
    assert_int_equal(tk_test_put(&subject, 999, "one too many", 0, 0), TK_ERR_FULL);
    tk_test_run(&subject, &fb_subject, &now, 500, PERIOD);
    /* Item 1 is on screen and no slot is spare: the put is refused, not garbled. */
    assert_int_equal(tk_test_head_id(&subject), 1);
    assert_int_equal(tk_test_put(&subject, 1, "replacement", 0, now), TK_ERR_BUSY);
    assert_int_equal(tk_ticker_delete(&subject, 16), TK_OK);
    assert_int_equal(tk_test_put(&subject, 1, "replacement", 0, now), TK_OK);
}

static void test_too_long_and_unknown_id(void **state)
{
    char big[TK_ITEM_MAX_BYTES + 2];
    (void)state;
    start_pair();
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_equal(tk_test_put(&subject, 1, big, 0, 0), TK_ERR_TOO_LONG);
    big[TK_ITEM_MAX_BYTES] = 0;
    assert_int_equal(tk_test_put(&subject, 1, big, 0, 0), TK_OK);
    assert_int_equal(tk_ticker_delete(&subject, 2), TK_ERR_NOT_FOUND);
}

static void test_delete_visible_blanks_at_once(void **state)
{
    uint32_t now = 0;
    (void)state;
    start_pair();
    tk_test_put(&subject, 1, "WITHDRAWN STORY TEXT", 0, 0);
    tk_test_run(&subject, &fb_subject, &now, 1500, PERIOD);
    assert_true(tk_test_any_lit(&fb_subject, 0, W));
    assert_int_equal(tk_ticker_delete(&subject, 1), TK_OK);
    now += PERIOD;
    tk_ticker_frame(&subject, now, &fb_subject);
    assert_false(tk_test_any_lit(&fb_subject, 0, W));
    assert_int_equal(tk_queue_free_slots(&subject.queue), TK_QUEUE_SLOTS);
}

/* Puts text as item id in parts of at most part bytes. */
static void put_in_parts(tk_ticker *t, uint16_t id, const uint8_t *text, uint16_t len, uint16_t part)
{
    uint16_t off = 0;
    do {
        uint16_t n = (uint16_t)(len - off < part ? len - off : part);
        tk_put p = { id, 0, 0, 0, text + off, n };
        assert_int_equal(tk_ticker_put_part(t, &p, len, off, 0), TK_OK);
        off = (uint16_t)(off + n);
    } while (off < len);
}

/* Each part is measured as it comes, a part may end inside a UTF-8
   sequence, and the sum must be what measuring the whole item gives:
   width, placeholders and the glyph-missing event. */
static void test_parts_measured_as_whole(void **state)
{
    /* 2-, 3- and 4-byte sequences, a code point the font lacks (U+1F600),
       a lone lead byte, a truncated sequence and a stray continuation. */
    static const uint8_t text[] =
        "Caf\xc3\xa9 \xe2\x82\xac" "5 \xf0\x9f\x98\x80 \xc3x \xe2\x82 \x80 na\xc3\xafve \xe2\x80\x94 end\xf0\x9f\x98\x80";
    const uint16_t len = sizeof text - 1;
    const uint8_t *font = tk_test_font("prop8");
    tk_event want, got;
    uint16_t part;
    (void)state;
    assert_int_equal(tk_ticker_init(&reference, font, W, 8, 0), TK_OK);
    assert_int_equal(tk_test_put(&reference, 3, (const char *)text, 0, 0), TK_OK);
    assert_true(reference.stats.missing_glyphs >= 2);
    assert_true(tk_ticker_next_event(&reference, &want));
    assert_int_equal(want.kind, TK_EVENT_GLYPH_MISSING);
    for (part = 1; part < len; part++) {
        assert_int_equal(tk_ticker_init(&subject, font, W, 8, 0), TK_OK);
        put_in_parts(&subject, 3, text, len, part);
        assert_int_equal(subject.queue.slot[tk_queue_find(&subject.queue, 3)].width,
                         reference.queue.slot[tk_queue_find(&reference.queue, 3)].width);
        assert_int_equal(subject.stats.missing_glyphs, reference.stats.missing_glyphs);
        assert_true(tk_ticker_next_event(&subject, &got));
        assert_int_equal(got.kind, want.kind);
        assert_int_equal(got.id, want.id);
        assert_int_equal(got.arg, want.arg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copied_in),
        cmocka_unit_test(test_replace_while_scrolling_never_garbles),
        cmocka_unit_test(test_replace_off_screen_is_in_place),
        cmocka_unit_test(test_full_and_busy),
        cmocka_unit_test(test_too_long_and_unknown_id),
        cmocka_unit_test(test_delete_visible_blanks_at_once),
        cmocka_unit_test(test_parts_measured_as_whole),
    };
    return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
