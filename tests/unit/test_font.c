/*
 * test_font.c - the font table reader (firmware/core/tk_font.c): lookups at
 * the edges of every range, misses in the gaps (below the first range,
 * between ranges, above the last), header checks, columns; tk_font_find's
 * table entry agrees with each lookup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tk_font.h"
#include "tk_test.h"

/* Ranges: A..C, U+00E9, U+0391..U+0392, U+10FFFD; written out of order. */
static const char font_text[] =
    TK_TEST_BDF_HEAD
    "CHARS 7\n"
    "STARTCHAR high\nENCODING 1114109\nDWIDTH 4 0\nBBX 2 1 0 0\nBITMAP\nC0\nENDCHAR\n"
    "STARTCHAR C\nENCODING 67\nDWIDTH 6 0\nBBX 3 1 0 0\nBITMAP\nE0\nENDCHAR\n"
    "STARTCHAR A\nENCODING 65\nDWIDTH 4 0\nBBX 1 1 0 0\nBITMAP\n80\nENDCHAR\n"
    "STARTCHAR B\nENCODING 66\nDWIDTH 5 0\nBBX 2 1 0 0\nBITMAP\nC0\nENDCHAR\n"
    "STARTCHAR eacute\nENCODING 233\nDWIDTH 3 0\nBBX 1 1 0 5\nBITMAP\n80\nENDCHAR\n"
    "STARTCHAR Alpha\nENCODING 913\nDWIDTH 2 0\nBBX 1 1 0 -1\nBITMAP\n80\nENDCHAR\n"
    "STARTCHAR Beta\nENCODING 914\nDWIDTH 3 0\nBBX 2 1 0 -1\nBITMAP\nC0\nENDCHAR\n"
    "ENDFONT\n";

static int setup(void **state)
{
    return tk_test_compile_bdf(state, font_text);
}

static const uint8_t *blob(void **state)
{
    return ((bdfc_font *)*state)->blob;
}

static void expect_hit(const uint8_t *font, uint32_t cp, uint8_t columns, uint8_t advance,
                       uint16_t column0)
{
    tk_glyph g;
    const uint8_t *entry = tk_font_find(font, cp);
    memset(&g, 0xEE, sizeof g);
    if (tk_font_lookup(font, cp, &g) != 1 || !entry)
        fail_msg("U+%04lX not found", (unsigned long)cp);
    assert_int_equal(*entry & 0x0Fu, columns);
    assert_int_equal(TK_FONT_ENTRY_ADVANCE(*entry), advance);
    assert_int_equal(g.columns, columns);
    assert_int_equal(g.advance, advance);
    assert_int_equal(tk_font_column(font, &g, 0), column0);
}

static void expect_miss(const uint8_t *font, uint32_t cp)
{
    tk_glyph g;
    if (tk_font_lookup(font, cp, &g) != 0 || tk_font_find(font, cp) != NULL)
        fail_msg("U+%04lX found, expected a miss", (unsigned long)cp);
}

static void test_header(void **state)
{
    const uint8_t *f = blob(state);
    assert_int_equal(tk_font_valid(f), 1);
    assert_int_equal(tk_font_height(f), 7);
    assert_int_equal(tk_font_baseline(f), 6);
    assert_int_equal(tk_font_glyph_count(f), 7);
}

static void test_range_edges(void **state)
{
    const uint8_t *f = blob(state);
    expect_hit(f, 'A', 1, 4, 0x20);     /* row 5: the row above the baseline */
    expect_hit(f, 'C', 3, 6, 0x20);
    expect_hit(f, 0xE9, 1, 3, 0x01);    /* placed at the top row */
    expect_hit(f, 0x391, 1, 2, 0x40);   /* descender row */
    expect_hit(f, 0x392, 2, 3, 0x40);
    expect_hit(f, 0x10FFFD, 2, 4, 0x20);
}

static void test_gaps_miss(void **state)
{
    static const uint32_t gaps[] = {0x40, 0x44, 0xE8, 0xEA, 0x390, 0x393, 0x10FFFC, 0x10FFFE};
    const uint8_t *f = blob(state);
    size_t i;
    for (i = 0; i < sizeof gaps / sizeof gaps[0]; i++)
        expect_miss(f, gaps[i]);
}

static void test_out_of_range_code_points(void **state)
{
    const uint8_t *f = blob(state);
    expect_miss(f, 0);
    expect_miss(f, 0x10FFFF);
    expect_miss(f, 0x1000041); /* 'A' in its low 24 bits */
    expect_miss(f, 0xFFFFFFFFUL);
}

static void test_column_past_end(void **state)
{
    const uint8_t *f = blob(state);
    tk_glyph g;
    assert_int_equal(tk_font_lookup(f, 'C', &g), 1);
    assert_int_equal(tk_font_column(f, &g, 2), 0x20);
    assert_int_equal(tk_font_column(f, &g, 3), 0);
    assert_int_equal(tk_font_column(f, &g, 255), 0);
}

static void test_valid_rejects_bad_headers(void **state)
{
    bdfc_font *font = *state;
    uint8_t copy[TK_FONT_HEADER_BYTES];
    memcpy(copy, font->blob, sizeof copy);
    copy[3] = '2'; /* the old layout, without the glyph table's offset */
    assert_int_equal(tk_font_valid(copy), 0);
    memcpy(copy, font->blob, sizeof copy);
    copy[0] = 't';
    assert_int_equal(tk_font_valid(copy), 0);
    memcpy(copy, font->blob, sizeof copy);
    copy[4] = 0;
    assert_int_equal(tk_font_valid(copy), 0);
    copy[4] = 17;
    assert_int_equal(tk_font_valid(copy), 0);
    copy[4] = 16;
    assert_int_equal(tk_font_valid(copy), 1);
    assert_int_equal(tk_font_valid(NULL), 0);
}

/* A blob assembled by hand, so the reader is checked apart from the compiler. */
static void test_hand_made_blob(void **state)
{
    static const uint8_t f[] = {
        'T', 'K', 'F', '4', 8, 7, 1, 0, 2, 0, 0x78, 0x56, 0x34, 0x12,
        23, 0,                        /* the glyph table at byte 23 */
        0x41, 0, 0, 2, 0,             /* range: 'A', 2 code points */
        0, 0,                         /* checkpoint: glyph 0 at column 0 */
        0x12, 0x11,                   /* 2 columns + 1 blank, 1 column + 1 blank */
        0x11, 0x22, 0x33,             /* bitmap */
    };
    tk_glyph g;
    (void)state;
    assert_int_equal(tk_font_valid(f), 1);
    assert_int_equal(tk_font_coverage(f), 0x12345678);
    assert_int_equal(tk_font_lookup(f, 'A', &g), 1);
    assert_int_equal(g.columns, 2);
    assert_int_equal(g.advance, 3);
    assert_int_equal(tk_font_column(f, &g, 1), 0x22);
    assert_int_equal(tk_font_lookup(f, 'B', &g), 1);
    assert_int_equal(g.offset, 2);
    assert_int_equal(g.columns, 1);
    assert_int_equal(g.advance, 2);
    assert_int_equal(tk_font_column(f, &g, 0), 0x33);
    assert_int_equal(tk_font_lookup(f, 'C', &g), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_range_edges),
        cmocka_unit_test(test_gaps_miss),
        cmocka_unit_test(test_out_of_range_code_points),
        cmocka_unit_test(test_column_past_end),
        cmocka_unit_test(test_valid_rejects_bad_headers),
        cmocka_unit_test(test_hand_made_blob),
    };
    return cmocka_run_group_tests_name("font", tests, setup, tk_test_free_bdf);
}
