/*
 * test_fetch_policy.c - when tickerd fetches a feed next (interval,
 * max-age, RSS ttl, backoff, Retry-After, jitter) and what of a URL it logs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fetch_policy.h"

static long delay(long interval, int ok, unsigned failures, long max_age, long ttl, long retry)
{
    fetch_outcome o = { ok, failures, max_age, ttl, retry };
    return fetch_policy_delay_s(interval, &o);
}

static void test_success_waits_interval_or_what_server_asks(void **state)
{
    (void)state;
    assert_int_equal(delay(300, 1, 0, -1, -1, -1), 300);
    assert_int_equal(delay(300, 1, 0, 60, -1, -1), 300);      /* shorter max-age: interval */
    assert_int_equal(delay(300, 1, 0, 900, -1, -1), 900);     /* longer max-age wins */
    assert_int_equal(delay(300, 1, 0, -1, 30, -1), 1800);     /* ttl in minutes */
    assert_int_equal(delay(300, 1, 0, 31536000, -1, -1), FETCH_HONOUR_MAX_S);
}

static void test_backoff_doubles_to_cap(void **state)
{
    (void)state;
    assert_int_equal(delay(300, 0, 1, -1, -1, -1), 300);
    assert_int_equal(delay(300, 0, 2, -1, -1, -1), 600);
    assert_int_equal(delay(300, 0, 3, -1, -1, -1), 1200);
    assert_int_equal(delay(300, 0, 10, -1, -1, -1), FETCH_BACKOFF_CAP_S);
    assert_int_equal(delay(300, 0, 4000000000u, -1, -1, -1), FETCH_BACKOFF_CAP_S);
    assert_int_equal(delay(7200, 0, 5, -1, -1, -1), 7200);    /* never below the interval */
}

static void test_retry_after_is_a_floor(void **state)
{
    (void)state;
    assert_int_equal(delay(60, 0, 1, -1, -1, 120), 120);
    assert_int_equal(delay(60, 0, 5, -1, -1, 120), 960);
    assert_int_equal(delay(60, 0, 1, -1, -1, 10000000), FETCH_HONOUR_MAX_S);
}

static void test_jitter_bounds(void **state)
{
    uint32_t r;
    uint64_t lo = UINT64_MAX, hi = 0;
    (void)state;
    for (r = 0; r < 100000; r += 7) {
        uint64_t ms = fetch_policy_jitter_ms(300, r * 2654435761u);
        lo = ms < lo ? ms : lo;
        hi = ms > hi ? ms : hi;
    }
    assert_true(lo >= 270000 && lo < 275000);
    assert_true(hi <= 330000 && hi > 325000);
    assert_int_equal(fetch_policy_jitter_ms(0, 12345), 1000);
}

static void test_max_age(void **state)
{
    (void)state;
    assert_int_equal(fetch_policy_max_age("public, max-age=600"), 600);
    assert_int_equal(fetch_policy_max_age("MAX-AGE=\"60\""), 60);
    assert_int_equal(fetch_policy_max_age("max-age=600, no-cache"), -1);
    assert_int_equal(fetch_policy_max_age("no-store"), -1);
    assert_int_equal(fetch_policy_max_age("s-maxage=5"), -1);
    assert_int_equal(fetch_policy_max_age("max-age=abc"), -1);
    assert_int_equal(fetch_policy_max_age(NULL), -1);
}

static void test_redact(void **state)
{
    char out[128];
    (void)state;
    fetch_policy_redact("https://user:key@news.example:8443/a/b.rss?apikey=SECRET#x", out,
                        sizeof out);
    assert_string_equal(out, "https://news.example:8443/a/b.rss");
    fetch_policy_redact("https://h.example?token=1", out, sizeof out);
    assert_string_equal(out, "https://h.example");
    fetch_policy_redact("https://a@b@h.example/p", out, sizeof out);
    assert_string_equal(out, "https://h.example/p");
    fetch_policy_redact("https://h.example/p@q", out, sizeof out);
    assert_string_equal(out, "https://h.example/p@q");
    fetch_policy_redact("garbage?key=1", out, sizeof out);
    assert_string_equal(out, "(not a URL)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_success_waits_interval_or_what_server_asks),
        cmocka_unit_test(test_backoff_doubles_to_cap),
        cmocka_unit_test(test_retry_after_is_a_floor),
        cmocka_unit_test(test_jitter_bounds),
        cmocka_unit_test(test_max_age),
        cmocka_unit_test(test_redact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
