/*
 * test_condense_rules.c - golden before/after pairs for every stage and
 * every compression rule of condense, from
 * tests/fixtures/condense/rules.tsv: stage, option, input, expected.
 *
 * The option is "-" (none), a byte budget, "px=N" (pixels of mono5x7),
 * "font=mono5x7" or "font=ascii" (printable ASCII only), or "site=NAME".
 * Each stage or rule runs alone, once (condense_stage), so a pair shows
 * exactly what that rule does.
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

#define FIXTURE "tests/fixtures/condense/rules.tsv"
#define LINE_MAX_BYTES 2048

static const char *const stages[] = {
    "clean", "boiler", "affix", "case", "translit", "headlinese", "fit",
};

/* Runs one fixture line; 1 when it matched, 0 after printing why not. */
static int run_line(char *line, int lineno, const bdfc_font *ascii, int *seen_stage, int *seen_rule)
{
    char in[LINE_MAX_BYTES], want[LINE_MAX_BYTES], got[3 * LINE_MAX_BYTES];
    char *f[4];
    condense_opts o = { 0, 0, NULL, NULL, NULL };
    const char *const *rules = condense_rule_names();
    size_t i;
    int n;

    f[0] = line;
    for (i = 1; i < 4; i++) {
        f[i] = strchr(f[i - 1], '\t');
        assert_non_null(f[i]);
        *f[i]++ = '\0';
    }
    if (!strcmp(f[1], "font=ascii"))
        o.font = ascii->blob;
    else if (!strcmp(f[1], "font=mono5x7"))
        o.font = tk_fonts_builtin[0].data;
    else if (!strncmp(f[1], "site=", 5))
        o.site = f[1] + 5;
    else if (!strncmp(f[1], "px=", 3))
        o.max_px = (unsigned)atoi(f[1] + 3), o.font = tk_fonts_builtin[0].data;
    else if (strcmp(f[1], "-"))
        o.max_bytes = (size_t)atoi(f[1]);
    assert_string_equal(tk_fonts_builtin[0].name, "mono5x7");
    condense_test_unescape(f[2], in, sizeof in);
    condense_test_unescape(f[3], want, sizeof want);
    n = condense_stage(&o, f[0], in, strlen(in), got, sizeof got);
    if (n < 0) {
        print_error("%s:%d: unknown stage '%s'\n", FIXTURE, lineno, f[0]);
        return 0;
    }
    for (i = 0; i < sizeof stages / sizeof stages[0]; i++)
        seen_stage[i] |= !strcmp(f[0], stages[i]);
    for (i = 0; rules[i]; i++)
        seen_rule[i] |= !strcmp(f[0], rules[i]);
    if (strcmp(got, want)) {
        print_error("%s:%d: %s(\"%s\")\n   got \"%s\"\n  want \"%s\"\n", FIXTURE, lineno, f[0], f[2],
                    got, want);
        return 0;
    }
    return 1;
}

static void test_golden_pairs(void **state)
{
    char line[4 * LINE_MAX_BYTES];
    int seen_stage[sizeof stages / sizeof stages[0]] = { 0 }, seen_rule[32] = { 0 };
    int lineno = 0, pairs = 0, bad = 0;
    const char *const *rules = condense_rule_names();
    bdfc_font ascii;
    size_t i;
    FILE *f = fopen(FIXTURE, "r");

    (void)state;
    assert_non_null(f);
    condense_test_ascii_font(&ascii);
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        pairs++;
        bad += !run_line(line, lineno, &ascii, seen_stage, seen_rule);
    }
    fclose(f);
    bdfc_free(&ascii);
    for (i = 0; i < sizeof stages / sizeof stages[0]; i++)
        if (!seen_stage[i])
            print_error("%s: no pair for stage %s\n", FIXTURE, stages[i]), bad++;
    for (i = 0; rules[i]; i++)
        if (!seen_rule[i])
            print_error("%s: no pair for rule %s\n", FIXTURE, rules[i]), bad++;
    assert_true(pairs >= 60);
    assert_int_equal(bad, 0);
}

static void test_unknown_stage(void **state)
{
    char out[64];
    (void)state;
    assert_int_equal(condense_stage(NULL, "no-such-rule", "x", 1, out, sizeof out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_pairs),
        cmocka_unit_test(test_unknown_stage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
