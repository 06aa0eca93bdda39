/*
 * test_golden.c - known text rendered in each built-in font, compared with
 * the checked-in frames in tests/golden/ (the text dump format of
 * sim_dump.h). After a deliberate change to a font or the renderer, run
 * `make golden-update`, look at the diff, and commit it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_dump.h"
#include "tk_fonts.h"
#include "tk_test.h"
#include "tk_text.h"

#define GOLDEN_DIR "tests/golden"
#define MAX_GOLDEN (64 * SIM_DUMP_MAX_BYTES)

/* Each line is drawn into its own 256-pixel frame. */
static const char *const samples[] = {
    "The quick brown fox jumps over the lazy dog",
    "HMWN 0O 1lI 0123456789 !?.,;:'\"()[]{}/&@#%+-=*",
    "Zelenskyy S\xC3\xA3o Paulo \xC5\x81\xC3\xB3" "d\xC5\xBA \xC3\x87" "a\xC4\x9Fr\xC4\xB1 Dvo\xC5\x99\xC3\xA1k",
    "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xCE\x98\xCE\xB5\xCF\x83\xCF\x83\xCE\xB1\xCE\xBB\xCE\xBF\xCE\xBD\xCE\xAF\xCE\xBA\xCE\xB7",
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xD0\x96\xD1\x83\xD0\xBA\xD0\xBE\xD0\xB2 \xD0\xA9\xD1\x91\xD0\xBB\xD0\xBA\xD0\xBE\xD0\xB2\xD0\xBE",
    "\xE2\x80\x9C" "curly\xE2\x80\x9D \xE2\x80\x98quotes\xE2\x80\x99 \xE2\x80\x93 \xE2\x80\x94 \xE2\x80\xA6 \xE2\x80\xA2 \xE2\x82\xAC" "5 20\xC2\xB0 5\xE2\x80\xB2 3\xE2\x80\xB3 \xE2\x84\x96" "5",
    "Missing: \xE4\xB8\xAD \xF0\x9F\x93\xB0 \xFF end", /* placeholders */
};

static char *build_golden(const uint8_t *font, size_t *len)
{
    static tk_fb fb;
    char *out = malloc(MAX_GOLDEN);
    uint8_t height = tk_font_height(font) > 8 ? 16 : 8;
    size_t used = 0, i;

    assert_non_null(out);
    for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        int n;
        tk_fb_init(&fb, 256, height);
        tk_text_draw(&fb, font, (const uint8_t *)samples[i], (uint16_t)strlen(samples[i]), 1, 0, NULL);
        n = sim_dump_format(&fb, (uint32_t)i, out + used, MAX_GOLDEN - used);
        assert_true(n > 0);
        used += (size_t)n;
    }
    *len = used;
    return out;
}

/* A scrolling run of the ticker: frames every 250 ms for 3 s. */
static char *build_golden_scroll(const uint8_t *font, size_t *len)
{
    static tk_ticker ticker;
    static tk_fb fb;
    char *out = malloc(MAX_GOLDEN);
    uint8_t height = tk_font_height(font) > 8 ? 16 : 8;
    size_t used = 0;
    uint32_t now;

    assert_non_null(out);
    assert_int_equal(tk_ticker_init(&ticker, font, 32, height, 0), TK_OK);
    tk_fb_init(&fb, 32, height);
    tk_test_put(&ticker, 1, "\xC5\x81\xC3\xB3" "d\xC5\xBA 1-0", 0, 0);
    tk_test_put(&ticker, 2, "Zelenskyy", 0, 0);
    for (now = 0; now <= 3000; now += 250) {
        int n;
        tk_ticker_frame(&ticker, now, &fb);
        n = sim_dump_format(&fb, now, out + used, MAX_GOLDEN - used);
        assert_true(n > 0);
        used += (size_t)n;
    }
    *len = used;
    return out;
}

static void compare_or_update(const char *name, const char *got, size_t len)
{
    char path[256];
    FILE *f;
    char *want;
    size_t want_len;

    snprintf(path, sizeof path, GOLDEN_DIR "/%s.txt", name);
    if (getenv("UPDATE_GOLDEN")) {
        f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(got, 1, len, f), len);
        assert_int_equal(fclose(f), 0);
        fprintf(stderr, "updated %s\n", path);
        return;
    }
    f = fopen(path, "rb");
    if (!f)
        fail_msg("%s is missing: run `make golden-update` and commit it", path);
    want = malloc(MAX_GOLDEN);
    assert_non_null(want);
    want_len = fread(want, 1, MAX_GOLDEN, f);
    fclose(f);
    if (want_len != len || memcmp(want, got, len) != 0) {
        size_t i = 0;
        while (i < len && i < want_len && want[i] == got[i])
            i++;
        free(want);
        fail_msg("%s differs from the rendering at byte %zu; if the change is meant, "
                 "run `make golden-update` and commit the diff", path, i);
    }
    free(want);
}

static void test_fonts_render_golden(void **state)
{
    const tk_font_entry *f;
    int fonts = 0;
    (void)state;
    for (f = tk_fonts_builtin; f->name; f++) {
        char name[64];
        size_t len;
        char *got = build_golden(f->data, &len);
        compare_or_update(f->name, got, len);
        free(got);
        got = build_golden_scroll(f->data, &len);
        snprintf(name, sizeof name, "%s-scroll", f->name);
        compare_or_update(name, got, len);
        free(got);
        fonts++;
    }
    assert_true(fonts >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fonts_render_golden),
    };
    return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
