/*
 * test_condense_article.c - condense on whole articles: the title line is
 * kept as the headline, captions, credits, agency notices and "Source:"
 * lines never reach the output, an article without a usable headline gets
 * one from its lead sentence; on the project's own fixtures and on the
 * shared seed article (../shared/seeds/article-example.txt), which is
 * skipped, saying why, when ../shared is absent. Also the API's edges:
 * small buffers, the command's abbreviation table, determinism.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condense.h"
#include "condense_test.h"
#include "tk_fonts.h"
#include "tk_text.h"

#define SEED "../shared/seeds/article-example.txt"
#define OUT_MAX (3 * CONDENSE_MAX_INPUT + 16)

/* Credit, caption and notice text that may not survive anywhere. */
static const char *const forbidden[] = {
    "REUTERS", "ATTENTION EDITORS", "THIRD PARTY", "via Reuters", "via REUTERS", "Source:",
    "in this image", "in this picture", "AP Photo", "NO RESALES", "(Reuters)", "(AP)",
    "EDITORIAL USE", "Photo:",
};

static void assert_clean(const char *out, const char *from)
{
    size_t i;
    for (i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
        if (strstr(out, forbidden[i]))
            fail_msg("\"%s\" survived in \"%s\" (from \"%.60s...\")", forbidden[i], out, from);
}

/* Every line of text, condensed with o, is free of credits and notices. */
static void check_lines(const condense_opts *o, const char *text)
{
    static char out[OUT_MAX];
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        assert_true(condense_line(o, p, n, out, sizeof out) >= 0);
        assert_clean(out, p);
        p += n + (e != NULL);
    }
}

/* 1 when s holds every word of the NULL-ended list. */
static void assert_has_all(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (!strstr(s, *words))
            fail_msg("\"%s\" lost from \"%s\"", *words, s);
}

static void test_seed_article(void **state)
{
    static const char *const kept[] = { "Kim", "missiles", "Shoigu", "Korea", "Russia", NULL };
    static char out[OUT_MAX], title[OUT_MAX];
    condense_opts none = { 0, 0, NULL, NULL, NULL }, at64 = { 64, 0, NULL, NULL, NULL };
    condense_opts px = { 0, 200, NULL, NULL, NULL };
    size_t len, tl;
    char *text = condense_test_read(SEED, &len);
    (void)state;
    if (!text) {
        print_message("skipped: %s is absent (the shared folder is not checked out beside "
                      "this tree)\n", SEED);
        skip();
    }
    tl = strcspn(text, "\n");
    /* the headline is kept whole when there is room */
    assert_true(condense_line(&none, text, tl, title, sizeof title) > 0);
    assert_true(condense_article(&none, text, len, out, sizeof out) > 0);
    assert_string_equal(out, title);
    assert_has_all(out, kept);
    assert_true(condense_article(&at64, text, len, out, sizeof out) > 0);
    assert_true(strlen(out) <= 64);
    assert_has_all(out, kept);
    assert_clean(out, text);
    px.font = tk_fonts_builtin[1].data;
    assert_true(condense_article(&px, text, len, out, sizeof out) > 0);
    assert_true(tk_text_width(px.font, (const uint8_t *)out, (uint16_t)strlen(out), NULL) <= 200);
    assert_true(strstr(out, "Kim") != NULL);
    check_lines(&none, text);
    check_lines(&at64, text);
    free(text);
}

static void test_own_article(void **state)
{
    static const char *const kept[] = { "Norway", "ferries", "battery", NULL };
    static char out[OUT_MAX];
    condense_opts none = { 0, 0, NULL, NULL, NULL }, at48 = { 48, 0, NULL, NULL, NULL };
    size_t len;
    char *text = condense_test_read("tests/fixtures/condense/article.txt", &len);
    (void)state;
    assert_non_null(text);
    assert_true(condense_article(&none, text, len, out, sizeof out) > 0);
    assert_string_equal(out, "Norway's fjord ferries switch to battery power in record time");
    assert_true(condense_article(&at48, text, len, out, sizeof out) > 0);
    assert_true(strlen(out) <= 48);
    assert_has_all(out, kept);
    check_lines(&none, text);
    check_lines(&at48, text);
    free(text);
}

static void test_headline_from_lead(void **state)
{
    static const char *const kept[] = { "Denmark", "port", NULL };
    static char out[OUT_MAX];
    condense_opts at60 = { 60, 0, NULL, NULL, NULL };
    size_t len;
    char *text = condense_test_read("tests/fixtures/condense/article-nohead.txt", &len);
    (void)state;
    assert_non_null(text);
    assert_true(condense_article(&at60, text, len, out, sizeof out) > 0);
    assert_true(strlen(out) <= 60);
    assert_has_all(out, kept);
    assert_clean(out, text);
    /* the lead's first sentence only, and its attribution dropped */
    assert_null(strstr(out, "Repairs"));
    assert_null(strstr(out, "said"));
    free(text);
}

static void test_small_buffer_and_null_options(void **state)
{
    char out[8];
    static const char line[] = "Kim shows off banned missiles";
    (void)state;
    assert_int_equal(condense_line(NULL, line, sizeof line - 1, out, sizeof out), -1);
    assert_string_equal(out, "");
    assert_int_equal(condense_line(NULL, "Oil", 3, out, sizeof out), 3);
    assert_string_equal(out, "Oil");
    assert_int_equal(condense_line(NULL, "", 0, out, sizeof out), 0);
}

static void test_abbreviation_table(void **state)
{
    static const char conf[] = "# newsroom style\n"
                               "North Korea = DPRK\n"
                               "  ; a comment\n\n"
                               "missiles = arms\n";
    static condense_abbrev_table t;
    static const char line[] = "North Korea shows missiles to a visiting Russian delegation today";
    char out[256], err[128];
    condense_opts o = { 40, 0, NULL, NULL, NULL };
    (void)state;
    assert_int_equal(condense_abbrev_parse(conf, sizeof conf - 1, &t, err, sizeof err), 0);
    assert_int_equal(t.count, 2);
    assert_string_equal(t.entry[0].from, "North Korea");
    assert_string_equal(t.entry[1].to, "arms");
    o.abbrev = &t;
    assert_true(condense_line(&o, line, sizeof line - 1, out, sizeof out) > 0);
    assert_non_null(strstr(out, "DPRK shows arms"));
    assert_int_equal(condense_abbrev_parse("no equals sign\n", 15, &t, err, sizeof err), -1);
    assert_string_equal(err, "line 1: expected 'long form = short form'");
    assert_int_equal(condense_abbrev_parse("a = \n", 5, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "line 1:"));
}

static void test_fits_without_change(void **state)
{
    static const char line[] = "Fed holds rates steady, signals one more hike this year";
    char out[256];
    condense_opts o = { 75, 0, NULL, NULL, NULL };
    (void)state;
    /* a headline that fits is only cleaned: no rule, no headlinese */
    assert_int_equal(condense_line(&o, line, sizeof line - 1, out, sizeof out), (int)sizeof line - 1);
    assert_string_equal(out, line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_article),
        cmocka_unit_test(test_own_article),
        cmocka_unit_test(test_headline_from_lead),
        cmocka_unit_test(test_small_buffer_and_null_options),
        cmocka_unit_test(test_abbreviation_table),
        cmocka_unit_test(test_fits_without_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
