/*
 * test_fb_row_major.c - the row-major frame buffer the AVR build uses
 * with FC-16 modules (TK_FB_ROW_MAJOR 1), in its portable C form: the
 * host's own build is column-major, so this test compiles tk_fb.c a second
 * time with the other layout. Random frames at every width up to 40 and
 * heights 8 and 16, scrolled by every count, must equal a plain model, and
 * every row whose pixels changed must be marked changed.
 */
#define TK_FB_ROW_MAJOR 1
#include "tk_fb.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#define MAX_W 40

static uint32_t rng = 12345u;

static uint16_t next_bits(void)
{
    rng = rng * 1103515245u + 12345u;
    return (uint16_t)(rng >> 8);
}

static void test_scroll_matches_model(void **state)
{
    static const uint8_t heights[] = { 8, 16 };
    uint16_t model[MAX_W], w, n, x;
    unsigned h;
    tk_fb fb;
    (void)state;

    for (h = 0; h < 2; h++) {
        uint16_t mask = (uint16_t)((1u << heights[h]) - 1u);
        for (w = 1; w <= MAX_W; w++) {
            for (n = 0; n <= w + 1; n++) {
                uint16_t changed_rows = 0;
                assert_int_equal(tk_fb_init(&fb, w, heights[h]), 0);
                for (x = 0; x < w; x++) {
                    model[x] = next_bits() & mask;
                    tk_fb_or_column(&fb, x, model[x]);
                }
                for (x = 0; x < w; x++)
                    assert_int_equal(tk_fb_column(&fb, x), model[x]);
                fb.changed = 0;
                tk_fb_scroll_left(&fb, n);
                for (x = 0; x < w; x++) {
                    uint16_t want = x + n < w ? model[x + n] : 0;
                    changed_rows = (uint16_t)(changed_rows | (want ^ model[x]));
                    if (tk_fb_column(&fb, x) != want)
                        fail_msg("height %u width %u scroll %u: column %u is %#x, not %#x",
                                 heights[h], w, n, x, tk_fb_column(&fb, x), want);
                }
                if ((fb.changed & changed_rows) != changed_rows)
                    fail_msg("height %u width %u scroll %u: rows %#x changed, %#x marked",
                             heights[h], w, n, changed_rows, (unsigned)fb.changed);
            }
        }
    }
}

static void test_corner_and_clear(void **state)
{
    tk_fb fb;
    (void)state;
    assert_int_equal(tk_fb_init(&fb, 21, 8), 0);
    fb.changed = 0;
    tk_fb_set_corner(&fb, 1);
    assert_int_equal(tk_fb_pixel(&fb, 20, 0), 1);
    assert_int_equal(fb.changed & 1u, 1);
    tk_fb_set_corner(&fb, 0);
    assert_int_equal(tk_fb_pixel(&fb, 20, 0), 0);
    tk_fb_or_column(&fb, 3, 0x81);
    fb.changed = 0;
    tk_fb_clear(&fb);
    assert_int_equal(tk_fb_column(&fb, 3), 0);
    assert_int_equal(fb.changed, 0x81);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scroll_matches_model),
        cmocka_unit_test(test_corner_and_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
