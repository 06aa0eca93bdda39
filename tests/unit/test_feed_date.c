/* test_feed_date.c - feed_date_parse() on the date forms feeds write,
   good and broken, each checked against its UTC instant. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <time.h>

#include "feed_internal.h"

#define T20040101 1072986501 /* 2004-01-01T19:48:21Z */

static void is_at(const char *s, time_t want)
{
    time_t got = 0;
    if (feed_date_parse(s, &got) != 0)
        print_error("not read: '%s'\n", s);
    assert_int_equal(feed_date_parse(s, &got), 0);
    if (got != want)
        print_error("'%s' read as %lld, not %lld\n", s, (long long)got, (long long)want);
    assert_int_equal((long long)got, (long long)want);
}

static void refused(const char *s)
{
    time_t got;
    if (feed_date_parse(s, &got) == 0)
        print_error("'%s' should not read as a date\n", s);
    assert_int_equal(feed_date_parse(s, &got), -1);
}

static void test_rfc822(void **state)
{
    (void)state;
    is_at("Thu, 01 Jan 2004 19:48:21 GMT", T20040101);
    is_at("Thu, 01 Jan 2004 19:48:21 +0000", T20040101);
    is_at("Thu, 1 Jan 2004 19:48:21 UT", T20040101);
    is_at("Thu, 01 Jan 2004 20:48:21 +0100", T20040101);
    is_at("Thu, 01 Jan 2004 14:48:21 -05:00", T20040101);
    is_at("  Thu, 01 Jan 2004 19:48:21 Z  ", T20040101);
}

static void test_rfc822_odd(void **state)
{
    (void)state;
    is_at("Thurs, 01 Jan 2004 19:48:21 GMT", T20040101);   /* odd day name */
    is_at("Thursday, 01 January 2004 19:48:21 GMT", T20040101);
    is_at("01 Jan 2004 19:48:21 GMT", T20040101);          /* no day name */
    is_at("Thu, 01 Jan 2004 19:48 GMT", T20040101 - 21);   /* no seconds */
    is_at("Thu, 01 Jan 04 19:48:21 GMT", T20040101);       /* two-digit year */
    is_at("Thu, 01 Jan 2004 14:48:21 EST", T20040101);     /* named zones */
    is_at("Thu, 01 Jan 2004 11:48:21 PST", T20040101);
    is_at("Thu, 01 Jan 2004 12:48:21 PDT", T20040101);
    is_at("Thu, 01 Jan 2004 20:48:21 CET", T20040101);
    is_at("Thu, 01 Jan 2004 21:48:21 GMT+2", T20040101);
    is_at("Thu, 01-Jan-2004 19:48:21 GMT", T20040101);
    is_at("Thu Jan  1 11:48:21 PST 2004", T20040101);      /* asctime and Unix date */
    is_at("January 1, 2004 7:48:21 PM GMT", T20040101);    /* 12-hour clock */
    is_at("Thu, 01 Jan 2004 19:48:21", T20040101);         /* no zone: UTC */
}

static void test_w3dtf(void **state)
{
    (void)state;
    is_at("2004-01-01T19:48:21Z", T20040101);
    is_at("2004-01-01T19:48:21+00:00", T20040101);
    is_at("2004-01-01T20:48:21+01:00", T20040101);
    is_at("2004-01-01T14:48:21-0500", T20040101);
    is_at("2004-01-01T19:48:21.123Z", T20040101);
    is_at("2004-01-01t19:48:21z", T20040101);
    is_at("2004-01-01T19:48Z", T20040101 - 21);
    is_at("2004-01-01 19:48:21", T20040101);               /* space, no zone */
    is_at("20040101T194821Z", T20040101);                  /* compact ISO 8601 */
    is_at("2004-01-01", 1072915200);
    is_at("2004-01", 1072915200);
    is_at("2004", 1072915200);
    is_at("2004-02-29T00:00:00Z", 1078012800);              /* leap day */
}

static void test_broken(void **state)
{
    (void)state;
    refused("");
    refused("   ");
    refused("yesterday");
    refused("Mon, 31 Feb 2004 10:00:00 GMT");   /* no such day */
    refused("2004-13-01T00:00:00Z");            /* no such month */
    refused("2003-02-29");                      /* not a leap year */
    refused("2004-01-01T25:00:00Z");
    refused("Thu, 01 Jan 2004 19:61:00 GMT");
    refused("2004-01-01T19:48:21+99:00");
    refused("12345678901234567890");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc822), cmocka_unit_test(test_rfc822_odd),
        cmocka_unit_test(test_w3dtf), cmocka_unit_test(test_broken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
