/*
 * test_condense_props.c - properties of condense over many generated
 * inputs (news words mixed with accents, typographic punctuation, control,
 * bidi and zero-width characters, markup, and raw random bytes), for byte
 * budgets and for pixel budgets in the built-in fonts and in a font with
 * printable ASCII only. The output always fits the budget, is valid
 * UTF-8 on one line, holds only glyphs the font has (and never a control,
 * bidi or zero-width character), never ends inside a word, and is the same
 * every time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "condense.h"
#include "condense_test.h"
#include "tk_font.h"
#include "tk_fonts.h"
#include "tk_text.h"
#include "tk_utf8.h"

#define ROUNDS 2500
#define OUT_MAX (3 * CONDENSE_MAX_INPUT + 16)

/* Pieces the generator strings together. */
static const char *const pieces[] = {
    "Oil", "prices", "rose", "3", "percent", "on", "Monday", ",", "officials", "said", ".",
    "the", "a", "of", "to", "in", "after", "as", "who", "which", "(", ")", "Reuters", "REUTERS/",
    "Kim", "Shoigu", "North", "Korea\xE2\x80\x99s", "missiles", "not", "will", "would", "million",
    "\xC5\x81\xC3\xB3" "d\xC5\xBA", "S\xC3\xA3o", "Paulo", "Z\xC3\xBCrich", "\xE2\x80\x9C", "\xE2\x80\x9D",
    "\xE2\x80\x94", "-", "\xE2\x80\xA6", "\xF0\x9F\x93\xB0", "\xE2\x80\xAE", "\xE2\x80\x8B",
    "\x1B[2J", "\x07", "&amp;", "&#8217;", "<b>", "</b>", "BREAKING:", "LIVE:", "- Reuters",
    "| Al Jazeera", "UPDATE 2-", "ALL", "CAPS", "NATO", "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1",
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "Internationalisation", "and", "but", "for",
    "according", "that", "killing", "10", "people", "\xC3\xA9", "e\xCC\x81", "\t", "\xFF",
    "Supercalifragilisticexpialidocious-style", "U.S.", "$5", "2,100",
};

static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* A generated input in buf (cap bytes); its length. */
static size_t generate(char *buf, size_t cap)
{
    size_t n = 0, words = 1 + next() % 60, i;
    if (next() % 8 == 0) { /* raw bytes */
        size_t len = next() % 300;
        for (i = 0; i < len && n + 1 < cap; i++)
            buf[n++] = (char)(next() & 0xFF);
        buf[n] = '\0';
        return n;
    }
    for (i = 0; i < words; i++) {
        const char *p = pieces[next() % (sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(p);
        if (n + k + 2 >= cap)
            break;
        if (n && next() % 5)
            buf[n++] = ' ';
        memcpy(buf + n, p, k);
        n += k;
    }
    buf[n] = '\0';
    return n;
}

/* 1 when word w[0..n) occurs in s bounded by non-word bytes. */
static int has_word(const char *s, const char *w, size_t n)
{
    const char *p;
    /* any case: the output's first letter is raised */
    for (p = s; *p; p++) {
        if (!strncasecmp(p, w, n)) {
            int before = p == s || p[-1] == ' ' || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z');
            char c = p[n];
            int after = !((c | 32) >= 'a' && (c | 32) <= 'z') && !(c >= '0' && c <= '9');
            if (before && after)
                return 1;
        }
    }
    return 0;
}

/* 1 when w[0..n) occurs anywhere in s, in any case. */
static int has_part(const char *s, const char *w, size_t n)
{
    for (; *s; s++)
        if (!strncasecmp(s, w, n))
            return 1;
    return 0;
}

/* Checks that out does not end inside a word of its source. */
static void check_word_end(const condense_opts *o, const char *in, size_t len, const char *out)
{
    static char full[OUT_MAX], hl[OUT_MAX];
    condense_opts none = *o;
    size_t n = strlen(out), a;
    char last[256];

    if (n >= 3 && !strcmp(out + n - 3, "..."))
        n -= 3;
    else if (n >= 3 && !strcmp(out + n - 3, "\xE2\x80\xA6"))
        n -= 3;
    while (n > 0 && strchr(".,;:!?)\"'", out[n - 1]))
        n--;
    for (a = n; a > 0 && out[a - 1] != ' ' && out[a - 1] != '(' && out[a - 1] != '"'; a--)
        ;
    if (n == a || n - a >= sizeof last)
        return;
    memcpy(last, out + a, n - a);
    last[n - a] = '\0';
    none.max_bytes = 0;
    none.max_px = 0;
    assert_true(condense_line(&none, in, len, full, sizeof full) >= 0);
    assert_true(condense_stage(&none, "headlinese", full, strlen(full), hl, sizeof hl) >= 0);
    /* a whole word of the source, or a rewritten one (a tense, an
       abbreviation), but never the start of a longer word cut short */
    if (!has_word(full, last, n - a) && !has_word(hl, last, n - a) &&
        (has_part(full, last, n - a) || has_part(hl, last, n - a)))
        fail_msg("ends mid-word: \"%s\" from \"%s\" (full \"%s\")", out, in, full);
}

static void check(const condense_opts *o, const char *in, size_t len)
{
    static char out[OUT_MAX], again[OUT_MAX];
    int n = condense_line(o, in, len, out, sizeof out);
    size_t i = 0;

    assert_true(n >= 0);
    assert_int_equal((size_t)n, strlen(out));
    assert_true(condense_test_valid_utf8(out, (size_t)n));
    if (o->max_bytes)
        assert_true((size_t)n <= o->max_bytes);
    if (o->max_px && tk_text_width(o->font, (const uint8_t *)out, (uint16_t)n, NULL) > o->max_px)
        fail_msg("wider than %u px: \"%s\" from \"%s\"", o->max_px, out, in);
    while (i < (size_t)n) {
        uint32_t cp;
        tk_glyph g;
        i += tk_utf8_decode((const uint8_t *)out + i, (uint16_t)((size_t)n - i), &cp);
        assert_true(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
        assert_false((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                     (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xAD);
        if (o->font && !tk_font_lookup(o->font, cp, &g))
            fail_msg("U+%04X is not in the font: \"%s\" from \"%s\"", (unsigned)cp, out, in);
    }
    if (n > 0)
        assert_true(out[0] != ' ' && out[n - 1] != ' ');
    check_word_end(o, in, len, out);
    assert_int_equal(condense_line(o, in, len, again, sizeof again), n);
    assert_string_equal(out, again);
}

static void test_byte_budgets(void **state)
{
    char in[2048];
    int r;
    (void)state;
    for (r = 0; r < ROUNDS; r++) {
        condense_opts o = { 1 + next() % 120, 0, NULL, NULL, NULL };
        size_t len = generate(in, sizeof in);
        check(&o, in, len);
    }
}

static void test_pixel_budgets_builtin_fonts(void **state)
{
    char in[2048];
    int r;
    (void)state;
    for (r = 0; r < ROUNDS; r++) {
        size_t f = next() % 3;
        condense_opts o = { 0, 1 + next() % 400, NULL, NULL, NULL };
        size_t len = generate(in, sizeof in);
        assert_non_null(tk_fonts_builtin[f].name);
        o.font = tk_fonts_builtin[f].data;
        check(&o, in, len);
    }
}

static void test_ascii_font(void **state)
{
    char in[2048];
    bdfc_font ascii;
    int r;
    (void)state;
    condense_test_ascii_font(&ascii);
    for (r = 0; r < ROUNDS; r++) {
        condense_opts o = { 0, 1 + next() % 400, ascii.blob, NULL, NULL };
        size_t len = generate(in, sizeof in);
        if (r % 2)
            o.max_px = 0, o.max_bytes = 1 + next() % 120; /* glyphs checked with a byte budget too */
        check(&o, in, len);
    }
    bdfc_free(&ascii);
}

static void test_whole_words_and_no_budget(void **state)
{
    static const char *const cases[] = {
        "Kim shows off banned missiles to Russia's defence chief at an exhibition",
        "Internationalisation of the economy proceeds apace",
        "Oil",
    };
    char out[OUT_MAX];
    condense_opts none = { 0, 0, NULL, NULL, NULL };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        condense_opts o = { 30, 0, NULL, NULL, NULL };
        check(&o, cases[i], strlen(cases[i]));
        assert_true(condense_line(&none, cases[i], strlen(cases[i]), out, sizeof out) >= 0);
        assert_string_equal(out, cases[i]); /* no budget: nothing to condense */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_byte_budgets),
        cmocka_unit_test(test_pixel_budgets_builtin_fonts),
        cmocka_unit_test(test_ascii_font),
        cmocka_unit_test(test_whole_words_and_no_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
