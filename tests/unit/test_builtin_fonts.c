/* test_builtin_fonts.c - the fonts drawn for this project cover what news
   copy needs and keep look-alike characters apart on real LEDs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tk_font.h"
#include "tk_fonts.h"

typedef struct cp_range { uint32_t first, last; } cp_range;

static const cp_range required[] = {
    { 0x20, 0x7E },     /* ASCII */
    { 0xA0, 0xFF },     /* Latin-1 Supplement, no-break space included */
    { 0x100, 0x17F },   /* Latin Extended-A */
    { 0x391, 0x3A1 }, { 0x3A3, 0x3A9 }, { 0x3B1, 0x3C9 }, /* basic Greek */
    { 0x410, 0x44F },   /* basic Cyrillic */
    { 0x401, 0x401 }, { 0x451, 0x451 }, { 0x404, 0x404 }, { 0x406, 0x407 },
    { 0x454, 0x454 }, { 0x456, 0x457 }, /* Ё ё Є І Ї є і ї */
    { 0x2018, 0x2019 }, { 0x201C, 0x201D }, { 0x2013, 0x2014 },
    { 0x2026, 0x2026 }, { 0x2022, 0x2022 }, { 0x20AC, 0x20AC },
    { 0xB0, 0xB0 }, { 0x2032, 0x2033 }, { 0x2116, 0x2116 },
};

static void test_coverage(void **state)
{
    const tk_font_entry *f;
    (void)state;
    for (f = tk_fonts_builtin; f->name; f++) {
        size_t r;
        assert_true(tk_font_valid(f->data));
        for (r = 0; r < sizeof required / sizeof required[0]; r++) {
            uint32_t cp;
            for (cp = required[r].first; cp <= required[r].last; cp++) {
                tk_glyph g;
                if (!tk_font_lookup(f->data, cp, &g))
                    fail_msg("font %s lacks U+%04X", f->name, (unsigned)cp);
            }
        }
    }
}

/* 1 when the two glyphs light exactly the same pixels. */
static int same_bitmap(const uint8_t *font, uint32_t a, uint32_t b)
{
    tk_glyph ga, gb;
    uint8_t col;
    assert_true(tk_font_lookup(font, a, &ga));
    assert_true(tk_font_lookup(font, b, &gb));
    if (ga.columns != gb.columns)
        return 0;
    for (col = 0; col < ga.columns; col++)
        if (tk_font_column(font, &ga, col) != tk_font_column(font, &gb, col))
            return 0;
    return 1;
}

static void test_look_alikes_are_distinct(void **state)
{
    static const char *const sets[] = { "HMWN", "0O", "1lI", "Il|", "rn" };
    const tk_font_entry *f;
    (void)state;
    for (f = tk_fonts_builtin; f->name; f++) {
        size_t s;
        for (s = 0; s < sizeof sets / sizeof sets[0]; s++) {
            const char *p, *q;
            for (p = sets[s]; *p; p++)
                for (q = p + 1; *q; q++)
                    if (same_bitmap(f->data, (uint8_t)*p, (uint8_t)*q))
                        fail_msg("font %s: '%c' and '%c' look the same", f->name, *p, *q);
        }
    }
}

static void test_one_blank_column_between_glyphs(void **state)
{
    const tk_font_entry *f;
    (void)state;
    for (f = tk_fonts_builtin; f->name; f++) {
        uint32_t cp;
        for (cp = 0x21; cp <= 0x7E; cp++) {
            tk_glyph g;
            assert_true(tk_font_lookup(f->data, cp, &g));
            if (g.columns >= g.advance)
                fail_msg("font %s: U+%04X has no blank column before the next glyph",
                         f->name, (unsigned)cp);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_look_alikes_are_distinct),
        cmocka_unit_test(test_one_blank_column_between_glyphs),
    };
    return cmocka_run_group_tests_name("builtin_fonts", tests, NULL, NULL);
}
