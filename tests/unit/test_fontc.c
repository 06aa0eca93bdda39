/*
 * test_fontc.c - the BDF compiler (fonts/bdf_compile.c): good fonts compile
 * to the documented blob, bad ones fail naming the right line.
 *
 * Fixtures live in tests/fixtures/bdf/; run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bdf_compile.h"
#include "tk_font.h"

#define FIXTURES "tests/fixtures/bdf/"
#define ERR_BYTES 256
/* Largest generated font text: 65536 tiny glyphs of about 70 bytes. */
#define GEN_MAX_BYTES (8UL * 1024 * 1024)

static void compile_fixture(const char *name, bdfc_font *font)
{
    char path[128], err[ERR_BYTES];
    snprintf(path, sizeof path, FIXTURES "%s", name);
    if (bdfc_compile_file(path, font, err, sizeof err) != 0)
        fail_msg("%s", err);
}

/* Looks cp up and checks its advance and every stored column. */
static void expect_glyph(const uint8_t *blob, uint32_t cp, uint8_t advance,
                         const uint16_t *cols, uint8_t ncols)
{
    tk_glyph g;
    uint8_t i;
    assert_int_equal(tk_font_lookup(blob, cp, &g), 1);
    assert_int_equal(g.advance, advance);
    assert_int_equal(g.columns, ncols);
    for (i = 0; i < ncols; i++)
        assert_int_equal(tk_font_column(blob, &g, i), cols[i]);
    assert_int_equal(tk_font_column(blob, &g, ncols), 0);
}

static void test_basic_metrics(void **state)
{
    bdfc_font f;
    (void)state;
    compile_fixture("good-basic.bdf", &f);
    assert_int_equal(f.glyphs, 6); /* 7 STARTCHARs, one ENCODING -1 */
    assert_int_equal(f.ranges, 4);
    assert_int_equal(f.height, 8);
    assert_int_equal(f.baseline, 7);
    assert_int_equal(f.bitmap_bytes, 16);
    assert_int_equal(f.size, 16 + 4 * 5 + 1 * 2 + 6 * 1 + 16); /* one checkpoint, 6 glyph bytes */
    assert_memory_equal(f.blob, "TKF4", 4);
    /* the glyph table after the header, the ranges and the checkpoint */
    assert_int_equal(f.blob[14] | f.blob[15] << 8, 16 + 4 * 5 + 1 * 2);
    assert_int_equal(tk_font_glyph_count(f.blob), 6);
    /* FNV-1a of 0x20 0x41 0x42 0x43 0x67 0x20AC, 3 bytes each, computed apart */
    assert_int_equal(tk_font_coverage(f.blob), 0x0e9e2f4a);
    bdfc_free(&f);
    assert_null(f.blob);
}

static void test_basic_ranges_bytes(void **state)
{
    /* The range table as documented: first (3), count (2). */
    static const uint8_t ranges[4 * 5] = {
        0x20, 0x00, 0x00, 1, 0,
        0x41, 0x00, 0x00, 3, 0,
        0x67, 0x00, 0x00, 1, 0,
        0xAC, 0x20, 0x00, 1, 0,
    };
    bdfc_font f;
    (void)state;
    compile_fixture("good-basic.bdf", &f);
    assert_memory_equal(f.blob + TK_FONT_HEADER_BYTES, ranges, sizeof ranges);
    bdfc_free(&f);
}

static void test_basic_glyphs(void **state)
{
    static const uint16_t a[] = {0x7E, 0x09, 0x09, 0x09, 0x7E};
    static const uint16_t b[] = {0x00, 0x7F};        /* blank column before the ink kept */
    static const uint16_t c[] = {0x80, 0x80};        /* clipped left and above the cell */
    static const uint16_t g_[] = {0x70, 0x50, 0xF0}; /* descender in row 7 */
    static const uint16_t euro[] = {0x14, 0x3E, 0x55, 0x55}; /* 8 wide BBX, 4 inked */
    bdfc_font f;
    tk_glyph g;
    (void)state;
    compile_fixture("good-basic.bdf", &f);
    expect_glyph(f.blob, 'A', 6, a, 5);
    expect_glyph(f.blob, 'B', 3, b, 2);
    expect_glyph(f.blob, 'C', 3, c, 2);
    expect_glyph(f.blob, 'g', 4, g_, 3);
    expect_glyph(f.blob, 0x20AC, 6, euro, 4);
    expect_glyph(f.blob, ' ', 3, NULL, 0);
    assert_int_equal(tk_font_lookup(f.blob, 300, &g), 0); /* the ENCODING -1 glyph */
    bdfc_free(&f);
}

static void test_tall_font_two_bytes_per_column(void **state)
{
    static const uint16_t hyphen[] = {0x0080, 0x0080, 0x0080};
    static const uint16_t i_[] = {0xFFFF, 0xFFFF};
    static const uint16_t under[] = {0x8000, 0x8000, 0x8000, 0x8000};
    bdfc_font f;
    tk_glyph g;
    (void)state;
    compile_fixture("good-tall.bdf", &f);
    assert_int_equal(f.height, 16);
    assert_int_equal(f.baseline, 13); /* from FONTBOUNDINGBOX 8 16 0 -3 */
    assert_int_equal(f.glyphs, 3);
    assert_int_equal(f.bitmap_bytes, (3 + 2 + 4) * 2);
    assert_int_equal(tk_font_coverage(f.blob), 0xf9992eac);
    expect_glyph(f.blob, '-', 4, hyphen, 3);
    expect_glyph(f.blob, 'I', 3, i_, 2);
    expect_glyph(f.blob, '_', 5, under, 4);
    assert_int_equal(tk_font_lookup(f.blob, 'I', &g), 1);
    assert_int_equal(g.offset, 6); /* after the hyphen's 3 columns of 2 bytes */
    bdfc_free(&f);
}

static const char small_font[] =
    "STARTFONT 2.1\n"
    "FONTBOUNDINGBOX 3 5 0 0\n"
    "CHARS 1\n"
    "STARTCHAR x\n"
    "ENCODING 120\n"
    "DWIDTH 4 0\n"
    "BBX 3 2 0 0\n"
    "BITMAP\n"
    "A0\n"
    "40\n"
    "ENDCHAR\n"
    "ENDFONT\n";

static void test_crlf_same_as_lf(void **state)
{
    char crlf[sizeof small_font * 2];
    char err[ERR_BYTES];
    size_t i, n = 0;
    bdfc_font lf, dos;
    (void)state;
    for (i = 0; small_font[i]; i++) {
        if (small_font[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = small_font[i];
    }
    assert_int_equal(bdfc_compile(small_font, strlen(small_font), "lf", &lf, err, sizeof err), 0);
    assert_int_equal(bdfc_compile(crlf, n, "crlf", &dos, err, sizeof err), 0);
    assert_int_equal(lf.size, dos.size);
    assert_memory_equal(lf.blob, dos.blob, lf.size);
    assert_int_equal(lf.baseline, 5);
    bdfc_free(&lf);
    bdfc_free(&dos);
}

static void test_no_trailing_newline_and_no_glyphs(void **state)
{
    static const char empty_font[] =
        "STARTFONT 2.1\nFONTBOUNDINGBOX 1 7 0 0\nCHARS 0\nENDFONT";
    char err[ERR_BYTES];
    bdfc_font f;
    tk_glyph g;
    (void)state;
    assert_int_equal(bdfc_compile(empty_font, strlen(empty_font), "e", &f, err, sizeof err), 0);
    assert_int_equal(f.glyphs, 0);
    assert_int_equal(f.ranges, 0);
    assert_int_equal(f.size, TK_FONT_HEADER_BYTES);
    assert_int_equal(tk_font_coverage(f.blob), 0x811c9dc5); /* FNV offset basis */
    assert_int_equal(tk_font_valid(f.blob), 1);
    assert_int_equal(tk_font_lookup(f.blob, 'A', &g), 0);
    bdfc_free(&f);
}

/* ---- errors --------------------------------------------------------------- */

static void expect_error(const char *text, size_t len, const char *where, const char *says)
{
    char err[ERR_BYTES];
    bdfc_font f;
    assert_int_equal(bdfc_compile(text, len, "t.bdf", &f, err, sizeof err), -1);
    assert_null(f.blob);
    assert_int_equal(f.size, 0);
    if (strncmp(err, where, strlen(where)) != 0 || !strstr(err, says))
        fail_msg("got \"%s\", expected \"%s ...%s...\"", err, where, says);
}

typedef struct bad_case {
    const char *file;
    const char *line; /* "file:line: " prefix expected */
    const char *says; /* a word the message must contain */
} bad_case;

static const bad_case bad_cases[] = {
    {"bad-no-startfont.bdf", "2", "STARTFONT expected"},
    {"bad-number.bdf", "4", "integers expected after FONTBOUNDINGBOX"},
    {"bad-rows-short.bdf", "13", "3 BITMAP rows expected"},
    {"bad-rows-long.bdf", "13", "ENDCHAR expected"},
    {"bad-hex-short.bdf", "12", "4 hex digits expected"},
    {"bad-hex-invalid.bdf", "11", "hex digits expected"},
    {"bad-duplicate.bdf", "16", "also at line 7"},
    {"bad-encoding-range.bdf", "7", "0..0x10FFFF expected"},
    {"bad-chars-count.bdf", "5", "CHARS 2 expected"},
    {"bad-missing-endchar.bdf", "14", "ENDCHAR expected"},
    {"bad-missing-endfont.bdf", "14", "ENDFONT expected"},
    {"bad-height.bdf", "5", "1..16 rows expected"},
    {"bad-dwidth.bdf", "8", "DWIDTH x of 0..255 expected"},
    {"bad-endproperties.bdf", "8", "ENDPROPERTIES expected"},
};

static void test_bad_fixtures(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        char path[128], where[160], err[ERR_BYTES];
        bdfc_font f;
        snprintf(path, sizeof path, FIXTURES "%s", bad_cases[i].file);
        snprintf(where, sizeof where, "%s:%s: ", path, bad_cases[i].line);
        err[0] = '\0';
        if (bdfc_compile_file(path, &f, err, sizeof err) != -1)
            fail_msg("%s compiled", path);
        assert_null(f.blob);
        if (strncmp(err, where, strlen(where)) != 0 || !strstr(err, bad_cases[i].says))
            fail_msg("%s: got \"%s\", expected \"%s...%s\"", path, err, where, bad_cases[i].says);
    }
}

static void test_missing_file(void **state)
{
    char err[ERR_BYTES];
    bdfc_font f;
    (void)state;
    assert_int_equal(bdfc_compile_file(FIXTURES "no-such-font.bdf", &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "no-such-font.bdf"));
}

static void test_inline_errors(void **state)
{
    static const char nul[] = "STARTFONT 2.1\nFONT a\0b\n";
    static const char no_bbx[] =
        "STARTFONT 2.1\nFONTBOUNDINGBOX 3 5 0 0\nCHARS 1\nSTARTCHAR x\nENCODING 1\n"
        "DWIDTH 4 0\nBITMAP\nENDCHAR\nENDFONT\n";
    static const char version[] = "STARTFONT 1.0\n";
    static const char no_metrics[] = "STARTFONT 2.1\nCHARS 0\nENDFONT\n";
    static const char neg_enc[] =
        "STARTFONT 2.1\nFONTBOUNDINGBOX 3 5 0 0\nCHARS 1\nSTARTCHAR x\nENCODING -2\n";
    static const char too_wide[] = /* 16 inked columns: one more than a glyph byte holds */
        "STARTFONT 2.1\nFONTBOUNDINGBOX 16 1 0 0\nCHARS 1\nSTARTCHAR x\nENCODING 65\n"
        "DWIDTH 17 0\nBBX 16 1 0 0\nBITMAP\nFFFF\nENDCHAR\nENDFONT\n";
    static const char wide_gap[] = /* 2 columns and 16 blank ones after */
        "STARTFONT 2.1\nFONTBOUNDINGBOX 2 1 0 0\nCHARS 1\nSTARTCHAR x\nENCODING 65\n"
        "DWIDTH 18 0\nBBX 2 1 0 0\nBITMAP\nC0\nENDCHAR\nENDFONT\n";
    static const char overlap[] = /* an advance short of the ink */
        "STARTFONT 2.1\nFONTBOUNDINGBOX 3 1 0 0\nCHARS 1\nSTARTCHAR x\nENCODING 65\n"
        "DWIDTH 2 0\nBBX 3 1 0 0\nBITMAP\nE0\nENDCHAR\nENDFONT\n";
    (void)state;
    expect_error(too_wide, strlen(too_wide), "t.bdf:10: ", "at most 15 inked columns expected");
    expect_error(wide_gap, strlen(wide_gap), "t.bdf:10: ", "an advance of 2..17");
    expect_error(overlap, strlen(overlap), "t.bdf:10: ", "an advance of 3..18");
    expect_error("", 0, "t.bdf:1: ", "STARTFONT expected");
    expect_error(nul, sizeof nul - 1, "t.bdf:2: ", "NUL");
    expect_error(no_bbx, strlen(no_bbx), "t.bdf:7: ", "BBX expected before BITMAP");
    expect_error(version, strlen(version), "t.bdf:1: ", "STARTFONT 2.1 or 2.2 expected");
    expect_error(no_metrics, strlen(no_metrics), "t.bdf:2: ", "FONTBOUNDINGBOX");
    expect_error(neg_enc, strlen(neg_enc), "t.bdf:5: ", "ENCODING -1 or");
}

static void test_long_line(void **state)
{
    size_t n = strlen("STARTFONT 2.1\nCOMMENT ");
    char *text = malloc(n + BDFC_MAX_LINE_CHARS + 2);
    (void)state;
    assert_non_null(text);
    memcpy(text, "STARTFONT 2.1\nCOMMENT ", n);
    memset(text + n, 'x', BDFC_MAX_LINE_CHARS);
    expect_error(text, n + BDFC_MAX_LINE_CHARS, "t.bdf:2: ", "at most 4096 characters");
    free(text);
}

static void test_file_over_16_mib(void **state)
{
    size_t len = BDFC_MAX_FILE_BYTES + 1;
    char *text = calloc(1, len);
    (void)state;
    assert_non_null(text);
    memcpy(text, "STARTFONT 2.1\n", 14);
    expect_error(text, len, "t.bdf:1: ", "at most 16777216 bytes");
    free(text);
}

/* ---- generated large fonts ------------------------------------------------ */

typedef struct gen {
    char *text;
    size_t len; /* at most GEN_MAX_BYTES */
} gen;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void add(gen *g, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(g->text + g->len, GEN_MAX_BYTES - g->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < GEN_MAX_BYTES - g->len);
    g->len += (size_t)n;
}

/* count glyphs, each 15 columns (the widest a glyph byte holds) of 16
   rows, all inked: 30 bitmap bytes. */
static void gen_wide(gen *g, unsigned count)
{
    unsigned i, row;
    add(g, "STARTFONT 2.1\nFONTBOUNDINGBOX 15 16 0 -3\nCHARS %u\n", count);
    for (i = 0; i < count; i++) {
        add(g, "STARTCHAR g\nENCODING %u\nDWIDTH 16 0\nBBX 15 16 0 -3\nBITMAP\n", 0x100 + i);
        for (row = 0; row < 16; row++)
            add(g, "%s\n", "FFFE");
        add(g, "ENDCHAR\n");
    }
    add(g, "ENDFONT\n");
}

/* count empty glyphs at code points 0..count-1. */
static void gen_many(gen *g, unsigned count)
{
    unsigned i;
    add(g, "STARTFONT 2.1\nFONTBOUNDINGBOX 1 8 0 0\nCHARS %u\n", count);
    for (i = 0; i < count; i++)
        add(g, "STARTCHAR g\nENCODING %u\nDWIDTH 1 0\nBBX 0 0 0 0\nBITMAP\nENDCHAR\n", i);
    add(g, "ENDFONT\n");
}

static void test_bitmap_limit(void **state)
{
    gen g = {malloc(GEN_MAX_BYTES), 0};
    char err[ERR_BYTES];
    bdfc_font f;
    tk_glyph gl;
    (void)state;
    assert_non_null(g.text);
    gen_wide(&g, 2184); /* 65520 bytes: fits */
    assert_int_equal(bdfc_compile(g.text, g.len, "t.bdf", &f, err, sizeof err), 0);
    assert_int_equal(f.bitmap_bytes, 2184 * 30);
    assert_int_equal(tk_font_lookup(f.blob, 0x100 + 2183, &gl), 1);
    assert_int_equal(gl.columns, 15);
    assert_int_equal(gl.advance, 16);
    assert_int_equal(gl.offset, 2183 * 30);
    assert_int_equal(tk_font_column(f.blob, &gl, 14), 0xFFFF);
    bdfc_free(&f);
    g.len = 0;
    gen_wide(&g, 2185); /* the ENDCHAR of glyph 2185 is line 3 + 2185 * 22 */
    expect_error(g.text, g.len, "t.bdf:48073: ", "at most 65535 bytes expected");
    free(g.text);
}

static void test_glyph_limit(void **state)
{
    gen g = {malloc(GEN_MAX_BYTES), 0};
    char err[ERR_BYTES];
    bdfc_font f;
    tk_glyph gl;
    (void)state;
    assert_non_null(g.text);
    gen_many(&g, 65535);
    assert_int_equal(bdfc_compile(g.text, g.len, "t.bdf", &f, err, sizeof err), 0);
    assert_int_equal(f.glyphs, 65535);
    assert_int_equal(f.ranges, 1);
    assert_int_equal(tk_font_lookup(f.blob, 65534, &gl), 1);
    assert_int_equal(gl.advance, 1);
    assert_int_equal(tk_font_lookup(f.blob, 65535, &gl), 0);
    bdfc_free(&f);
    g.len = 0;
    gen_many(&g, 65536); /* the last ENDCHAR is line 3 + 65536 * 6 */
    expect_error(g.text, g.len, "t.bdf:393219: ", "at most 65535 glyphs expected");
    free(g.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_metrics),
        cmocka_unit_test(test_basic_ranges_bytes),
        cmocka_unit_test(test_basic_glyphs),
        cmocka_unit_test(test_tall_font_two_bytes_per_column),
        cmocka_unit_test(test_crlf_same_as_lf),
        cmocka_unit_test(test_no_trailing_newline_and_no_glyphs),
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_inline_errors),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_file_over_16_mib),
        cmocka_unit_test(test_bitmap_limit),
        cmocka_unit_test(test_glyph_limit),
    };
    return cmocka_run_group_tests_name("fontc", tests, NULL, NULL);
}
