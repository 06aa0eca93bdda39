/* test_feed_limits.c - what one document may cost (items, field bytes,
   nesting, entity expansion, external entities), format detection,
   ids for items without one, and `tickerd parse`'s exit codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "feed_internal.h"

/* Parses the NUL-terminated s; returns feed_parse's result. */
static int parse(const char *s, feed *f)
{
    char err[256];
    int rc = feed_parse(s, strlen(s), NULL, NULL, f, err, sizeof err);
    assert_true(rc == 0 || err[0]); /* a failure always says why */
    return rc;
}

/* A malloc'd string: head, then body repeated times, then tail. */
static char *repeat(const char *head, const char *body, size_t times, const char *tail)
{
    size_t hl = strlen(head), bl = strlen(body), tl = strlen(tail), i;
    char *s = malloc(hl + bl * times + tl + 1), *p = s;
    assert_non_null(s);
    memcpy(p, head, hl);
    p += hl;
    for (i = 0; i < times; i++, p += bl)
        memcpy(p, body, bl);
    memcpy(p, tail, tl + 1);
    return s;
}

static void test_items_bounded(void **state)
{
    char *s = repeat("<rss><channel><title>t</title>", "<item><title>x</title></item>",
                     FEED_MAX_ITEMS + 37, "</channel></rss>");
    feed f;
    (void)state;
    assert_int_equal(parse(s, &f), 0);
    assert_int_equal(f.nitems, FEED_MAX_ITEMS);
    assert_int_equal(f.dropped, 37);
    feed_free(&f);
    free(s);
}

static void test_field_bounded_at_char_boundary(void **state)
{
    /* 3-byte characters: the cut must not split one */
    char *s = repeat("<rss><channel><item><title>", "\xE2\x80\x94", FEED_MAX_FIELD, "</title></item></channel></rss>");
    feed f;
    size_t len;
    (void)state;
    assert_int_equal(parse(s, &f), 0);
    len = strlen(f.items[0].title);
    assert_true(len < FEED_MAX_FIELD);
    assert_true(len > FEED_MAX_FIELD - 4);
    assert_int_equal(len % 3, 0);
    feed_free(&f);
    free(s);
}

static void test_deep_xml_refused_but_feed_read(void **state)
{
    char *open = repeat("<rss><channel><title>Deep</title><item><title>ok</title><description>",
                        "<div>", 100000, "x");
    feed f;
    (void)state;
    assert_int_equal(parse(open, &f), 0);
    assert_string_equal(f.title, "Deep");
    assert_int_equal(f.nitems, 1);
    assert_string_equal(f.items[0].title, "ok");
    assert_int_equal(f.recovered, 1);
    feed_free(&f);
    free(open);
}

/* Found by fuzz_feed: unclosed items nest, and the one at the depth
   limit was read through a NULL item. */
static void test_unclosed_items_nested_past_the_limit(void **state)
{
    char *s = repeat("<rss><channel><title>t</title>", "<item><title>x</title>", 100, "");
    feed f;
    (void)state;
    assert_int_equal(parse(s, &f), 0);
    assert_int_equal(f.recovered, 1);
    assert_true(f.nitems > 1);
    assert_string_equal(f.items[0].title, "x");
    assert_string_equal(f.items[1].title, "x");
    feed_free(&f);
    free(s);
}

static void test_deep_json_refused(void **state)
{
    char *s = repeat("{\"items\":[", "[", 1000, "]}");
    char err[256];
    feed f;
    (void)state;
    assert_int_equal(feed_parse(s, strlen(s), NULL, NULL, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "deeper"));
    feed_free(&f);
    free(s);
}

static void test_billion_laughs_refused(void **state)
{
    static const char doc[] =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<rss><channel><title>&c;&c;&c;&c;</title><item><title>i</title></item></channel></rss>";
    feed f;
    (void)state;
    assert_int_equal(parse(doc, &f), 0);
    assert_null(strstr(f.title, "aaaaaaaaaaaaaaaaaaaa"));
    assert_true(strlen(f.title) < 64);
    feed_free(&f);
}

static void test_external_entities_not_loaded(void **state)
{
    static const char doc[] =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY s SYSTEM \"file:///etc/passwd\">]>"
        "<rss><channel><title>&s;</title><item><title>i</title></item></channel></rss>";
    feed f;
    (void)state;
    assert_int_equal(parse(doc, &f), 0);
    assert_null(strstr(f.title, "root:"));
    feed_free(&f);
}

static void test_detect(void **state)
{
    (void)state;
    assert_int_equal(feed_detect("<?xml version='1.0'?><!-- x --><rss>", 36, NULL), FEED_FORMAT_RSS);
    assert_int_equal(feed_detect("\n <rdf:RDF xmlns:rdf='x'>", 25, NULL), FEED_FORMAT_RDF);
    assert_int_equal(feed_detect("<feed xmlns='http://www.w3.org/2005/Atom'>", 42, NULL), FEED_FORMAT_ATOM);
    assert_int_equal(feed_detect("<atom:feed>", 11, NULL), FEED_FORMAT_ATOM);
    assert_int_equal(feed_detect("  {\"version\":1}", 15, NULL), FEED_FORMAT_JSON);
    assert_int_equal(feed_detect("<!DOCTYPE html><html>", 21, NULL), FEED_FORMAT_HTML);
    assert_int_equal(feed_detect("<html><head>", 12, "text/xml"), FEED_FORMAT_HTML);
    assert_int_equal(feed_detect("Headline here\n\nBody", 19, NULL), FEED_FORMAT_TEXT);
    assert_int_equal(feed_detect("   \n\t ", 6, NULL), FEED_FORMAT_UNKNOWN);
    assert_int_equal(feed_detect("\x01\x02\0\x03", 4, NULL), FEED_FORMAT_UNKNOWN);
}

static void test_nothing_to_read(void **state)
{
    char err[256];
    feed f;
    (void)state;
    assert_int_equal(feed_parse("", 0, NULL, NULL, &f, err, sizeof err), -1);
    assert_true(err[0] != '\0');
    feed_free(&f);
    assert_int_equal(feed_parse("[1,2]", 5, NULL, NULL, &f, err, sizeof err), -1);
    feed_free(&f);
    assert_int_equal(feed_parse("<rss><channel></channel></rss>", 30, NULL, NULL, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "no items"));
    feed_free(&f);
    assert_int_equal(feed_parse("x", FEED_MAX_INPUT + 1u, NULL, NULL, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than"));
    feed_free(&f);
}

static void test_ids(void **state)
{
    static const char doc[] =
        "<rss><channel><item><title>A</title><link>http://x/a</link></item>"
        "<item><title>B</title></item><item><title>B</title></item>"
        "<item><title>C</title></item></channel></rss>";
    feed f;
    (void)state;
    assert_int_equal(parse(doc, &f), 0);
    assert_int_equal(f.nitems, 4);
    assert_string_equal(f.items[0].id, "http://x/a");
    assert_int_equal(strncmp(f.items[1].id, "hash:", 5), 0);
    assert_string_equal(f.items[1].id, f.items[2].id); /* stable */
    assert_string_not_equal(f.items[1].id, f.items[3].id);
    feed_free(&f);
}

static void test_base_url_and_permalink_guid(void **state)
{
    static const char doc[] =
        "<rss><channel><link>/home</link><item><guid>https://x.example/g1</guid></item>"
        "<item><guid isPermaLink=\"false\">https://x.example/g2</guid></item>"
        "<item><link>../up</link></item></channel></rss>";
    char err[256];
    feed f;
    (void)state;
    assert_int_equal(feed_parse(doc, sizeof doc - 1, NULL, "https://site.example/a/b/feed.xml",
                                &f, err, sizeof err), 0);
    assert_string_equal(f.link, "https://site.example/home");
    assert_string_equal(f.items[0].link, "https://x.example/g1");
    assert_null(f.items[1].link);
    assert_string_equal(f.items[2].link, "https://site.example/a/up");
    feed_free(&f);
}

static void test_ttl_skip_categories(void **state)
{
    static const char doc[] =
        "<rss><channel><title>t</title><ttl>30</ttl><skipHours><hour>0</hour><hour>23</hour>"
        "</skipHours><skipDays><day>Monday</day><day>Sunday</day></skipDays>"
        "<item><title>i</title><category>A</category><category> </category>"
        "<category>B</category><source url=\"http://w\">Wire</source></item></channel></rss>";
    feed f;
    (void)state;
    assert_int_equal(parse(doc, &f), 0);
    assert_int_equal(f.ttl, 30);
    assert_int_equal(f.skip_hours, (1u << 0) | (1u << 23));
    assert_int_equal(f.skip_days, (1u << 0) | (1u << 6));
    assert_int_equal(f.items[0].ncategories, 2);
    assert_string_equal(f.items[0].categories[1], "B");
    assert_string_equal(f.items[0].source, "Wire");
    feed_free(&f);
}

static void test_cmd_parse_exit_codes(void **state)
{
    char *url[] = { "parse", "https://example.com/feed.xml", NULL };
    char *missing[] = { "parse", "tests/fixtures/feeds/no-such-file.xml", NULL };
    char *none[] = { "parse", NULL };
    char *bad[] = { "parse", "--xml", "x", NULL };
    char *empty[] = { "parse", "/dev/null", NULL };
    (void)state;
    assert_int_equal(cmd_parse(2, url), CMD_FAIL);
    assert_int_equal(cmd_parse(2, missing), CMD_FAIL);
    assert_int_equal(cmd_parse(1, none), CMD_USAGE);
    assert_int_equal(cmd_parse(3, bad), CMD_USAGE);
    assert_int_equal(cmd_parse(2, empty), CMD_FAIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_bounded),
        cmocka_unit_test(test_field_bounded_at_char_boundary),
        cmocka_unit_test(test_deep_xml_refused_but_feed_read),
        cmocka_unit_test(test_unclosed_items_nested_past_the_limit),
        cmocka_unit_test(test_deep_json_refused),
        cmocka_unit_test(test_billion_laughs_refused),
        cmocka_unit_test(test_external_entities_not_loaded),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_nothing_to_read),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_base_url_and_permalink_guid),
        cmocka_unit_test(test_ttl_skip_categories),
        cmocka_unit_test(test_cmd_parse_exit_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
