/* test_utf8.c - the core's UTF-8 decoder against well- and ill-formed input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tk_utf8.h"

/* Decodes all of s; fills cps (at most max) and returns how many. */
static size_t decode_all(const char *s, size_t len, uint32_t *cps, size_t max)
{
    size_t i = 0, n = 0;
    while (i < len && n < max) {
        uint8_t used = tk_utf8_decode((const uint8_t *)s + i, (uint16_t)(len - i), &cps[n++]);
        assert_true(used >= 1 && used <= 4);
        assert_true(i + used <= len);
        i += used;
    }
    return n;
}

static void check(const char *s, size_t len, const uint32_t *want, size_t want_n)
{
    uint32_t got[16];
    size_t n = decode_all(s, len, got, 16);
    size_t i;
    assert_int_equal(n, want_n);
    for (i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

#define CHECK(s, ...) do { \
        const uint32_t want_[] = { __VA_ARGS__ }; \
        check(s, sizeof(s) - 1, want_, sizeof want_ / sizeof want_[0]); \
    } while (0)

#define FFFD TK_UTF8_REPLACEMENT

static void test_well_formed(void **state)
{
    (void)state;
    CHECK("A", 0x41);
    CHECK("\xC5\x81\xC3\xB3" "d\xC5\xBA", 0x141, 0xF3, 'd', 0x17A); /* Łódź */
    CHECK("\xE2\x80\x99", 0x2019);
    CHECK("\xF0\x9F\x93\xB0", 0x1F4F0);
    CHECK("\xF4\x8F\xBF\xBF", 0x10FFFF);
    CHECK("\xEF\xBF\xBD", 0xFFFD);
    CHECK("\xED\x9F\xBF", 0xD7FF); /* last before the surrogates */
}

static void test_overlong_forms(void **state)
{
    (void)state;
    /* C0 and C1 can only be overlong: each byte is its own error. */
    CHECK("\xC0\xAF", FFFD, FFFD);
    CHECK("\xC1\xBF", FFFD, FFFD);
    /* E0 80..9F and F0 80..8F are overlong: the lead alone is the subpart. */
    CHECK("\xE0\x80\xAF", FFFD, FFFD, FFFD);
    CHECK("\xE0\x9F\xBF", FFFD, FFFD, FFFD);
    CHECK("\xF0\x8F\xBF\xBF", FFFD, FFFD, FFFD, FFFD);
}

static void test_surrogates_and_range(void **state)
{
    (void)state;
    CHECK("\xED\xA0\x80", FFFD, FFFD, FFFD);      /* U+D800 */
    CHECK("\xED\xBF\xBF", FFFD, FFFD, FFFD);      /* U+DFFF */
    CHECK("\xF4\x90\x80\x80", FFFD, FFFD, FFFD, FFFD); /* U+110000 */
    CHECK("\xF5\x80\x80\x80", FFFD, FFFD, FFFD, FFFD);
    CHECK("\xFF", FFFD);
    CHECK("\xFE", FFFD);
}

static void test_truncated_sequences(void **state)
{
    (void)state;
    /* A valid prefix cut short is one U+FFFD, then decoding resumes. */
    CHECK("\xE2\x80" "A", FFFD, 'A');
    CHECK("\xF0\x9F\x93" "B", FFFD, 'B');
    CHECK("\xC3", FFFD);
    CHECK("\xE2", FFFD);
    CHECK("\xF0\x9F", FFFD);
    /* Stray continuation bytes are one U+FFFD each. */
    CHECK("\x80\xBF" "x", FFFD, FFFD, 'x');
}

static void test_never_reads_past_len(void **state)
{
    /* The byte after len is a continuation that would complete the
       sequence: the decoder must not look at it. */
    const uint8_t buf[] = { 0xE2, 0x80, 0x99 };
    uint32_t cp;
    (void)state;
    assert_int_equal(tk_utf8_decode(buf, 2, &cp), 2);
    assert_int_equal(cp, FFFD);
    assert_int_equal(tk_utf8_decode(buf, 1, &cp), 1);
    assert_int_equal(cp, FFFD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_well_formed),
        cmocka_unit_test(test_overlong_forms),
        cmocka_unit_test(test_surrogates_and_range),
        cmocka_unit_test(test_truncated_sequences),
        cmocka_unit_test(test_never_reads_past_len),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
