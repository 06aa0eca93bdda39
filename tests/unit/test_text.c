/*
 * test_text.c - measuring text (tk_text_width in firmware/core/tk_text.c):
 * each code point's advance from the font's table, the placeholder's for
 * a missing one (counted in the stats), ill-formed UTF-8 measured as
 * U+FFFD, and the width clamped at TK_TEXT_MAX_PX.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tk_test.h"
#include "tk_text.h"

/* Advances: 'A' 4, 'B' 5, U+00E9 3, U+20AC 7, U+10FFFD 2; the
   placeholder (a missing glyph, U+FFFD included) is 5. */
static const char font_text[] =
    TK_TEST_BDF_HEAD
    "CHARS 5\n"
    "STARTCHAR A\nENCODING 65\nDWIDTH 4 0\nBBX 1 1 0 0\nBITMAP\n80\nENDCHAR\n"
    "STARTCHAR B\nENCODING 66\nDWIDTH 5 0\nBBX 2 1 0 0\nBITMAP\nC0\nENDCHAR\n"
    "STARTCHAR eacute\nENCODING 233\nDWIDTH 3 0\nBBX 1 1 0 5\nBITMAP\n80\nENDCHAR\n"
    "STARTCHAR Euro\nENCODING 8364\nDWIDTH 7 0\nBBX 3 1 0 0\nBITMAP\nE0\nENDCHAR\n"
    "STARTCHAR high\nENCODING 1114109\nDWIDTH 2 0\nBBX 1 1 0 0\nBITMAP\n80\nENDCHAR\n"
    "ENDFONT\n";

static int setup(void **state)
{
    return tk_test_compile_bdf(state, font_text);
}

static uint16_t width(void **state, const char *s, tk_text_stats *stats)
{
    return tk_text_width(((bdfc_font *)*state)->blob, (const uint8_t *)s, (uint16_t)strlen(s),
                         stats);
}

static void test_advances_added(void **state)
{
    tk_text_stats st = {0, 0};
    assert_int_equal(width(state, "", &st), 0);
    assert_int_equal(width(state, "AB", &st), 9);
    assert_int_equal(width(state, "A\xc3\xa9" "B\xe2\x82\xac", &st), 4 + 3 + 5 + 7);
    assert_int_equal(width(state, "\xf4\x8f\xbf\xbd" "A", &st), 2 + 4);
    assert_int_equal(st.missing, 0);
}

static void test_missing_counted(void **state)
{
    tk_text_stats st = {0, 0};
    /* '@' below the first range, 'C' between ranges, U+10FFFE above the
       last: each the placeholder's 5 pixels. */
    assert_int_equal(width(state, "@AC\xf4\x8f\xbf\xbe", &st), 5 + 4 + 5 + 5);
    assert_int_equal(st.missing, 3);
    assert_int_equal(st.last_missing, 0x10FFFE);
    assert_int_equal(width(state, "A\xc3", NULL), 4 + 5); /* truncated: U+FFFD */
}

static void test_clamped(void **state)
{
    static char text[4000];
    tk_text_stats st = {0, 0};
    memset(text, 'B', sizeof text - 1); /* 3999 x 5 pixels */
    assert_int_equal(width(state, text, &st), TK_TEXT_MAX_PX);
    memset(text, 'A', sizeof text - 1);
    assert_int_equal(width(state, text, &st), 3999 * 4);
    text[0] = 'C';                      /* counted past the clamp too */
    text[sizeof text - 2] = 'C';
    memset(text + 1, 'B', sizeof text - 3);
    assert_int_equal(width(state, text, &st), TK_TEXT_MAX_PX);
    assert_int_equal(st.missing, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_advances_added),
        cmocka_unit_test(test_missing_counted),
        cmocka_unit_test(test_clamped),
    };
    return cmocka_run_group_tests_name("text", tests, setup, tk_test_free_bdf);
}
