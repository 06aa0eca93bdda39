/* test_feed_fixtures.c - every fixture in tests/fixtures/feeds parsed and
   printed as TSV must match its expected/NAME.tsv, and the shared seed
   article (when ../shared is there) must give its headline and lead. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"

#define DIR "tests/fixtures/feeds/"

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, fp) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

/* Parses fixture name (with content_type) and compares its TSV with expected/name.tsv. */
static void check(const char *name, const char *content_type)
{
    char path[256], err[256], *data, *want, *got = NULL;
    size_t len, want_len, got_len = 0;
    FILE *mem;
    feed f;

    snprintf(path, sizeof path, DIR "%s", name);
    data = slurp(path, &len);
    assert_non_null(data);
    snprintf(path, sizeof path, DIR "expected/%s.tsv", name);
    want = slurp(path, &want_len);
    assert_non_null(want);
    assert_int_equal(feed_parse(data, len, content_type, NULL, &f, err, sizeof err), 0);
    mem = open_memstream(&got, &got_len);
    assert_non_null(mem);
    feed_write_tsv(mem, &f);
    fclose(mem);
    if (strcmp(got, want) != 0)
        print_error("%s:\n--- want\n%s--- got\n%s", name, want, got);
    assert_string_equal(got, want);
    feed_free(&f);
    free(got);
    free(want);
    free(data);
}

static void test_rss20(void **state) { (void)state; check("rss20.xml", NULL); }
static void test_rss091_doctype_entities(void **state) { (void)state; check("rss091.xml", NULL); }
static void test_rss10_rdf(void **state) { (void)state; check("rss10.rdf", NULL); }
static void test_rss090(void **state) { (void)state; check("rss090.rdf", NULL); }
static void test_atom10_base_and_html(void **state) { (void)state; check("atom10.xml", NULL); }
static void test_atom03(void **state) { (void)state; check("atom03.xml", NULL); }
static void test_jsonfeed11(void **state) { (void)state; check("jsonfeed11.json", NULL); }
static void test_jsonfeed10(void **state) { (void)state; check("jsonfeed10.json", NULL); }
static void test_article_jsonld(void **state) { (void)state; check("article-jsonld.html", NULL); }
static void test_article_og(void **state) { (void)state; check("article-og.html", NULL); }
static void test_article_title(void **state) { (void)state; check("article-title.html", NULL); }
static void test_article_text(void **state) { (void)state; check("article.txt", NULL); }
static void test_mess_entities(void **state) { (void)state; check("mess-entities.xml", NULL); }
static void test_mess_cp1252_latin1(void **state) { (void)state; check("mess-cp1252-as-latin1.xml", NULL); }
static void test_mess_cp1252_utf8(void **state) { (void)state; check("mess-cp1252-as-utf8.xml", NULL); }
static void test_mess_utf8_latin1(void **state) { (void)state; check("mess-utf8-as-latin1.xml", NULL); }
static void test_mess_utf16(void **state) { (void)state; check("mess-utf16le-bom.xml", NULL); }
static void test_mess_utf8_bom(void **state) { (void)state; check("mess-utf8-bom.xml", NULL); }
static void test_mess_invalid_utf8(void **state) { (void)state; check("mess-invalid-utf8.xml", NULL); }
static void test_mess_shift_jis(void **state) { (void)state; check("mess-shift-jis.xml", NULL); }
static void test_mess_header_charset(void **state)
{
    (void)state;
    check("mess-header-charset.xml", "application/rss+xml; charset=\"windows-1251\"");
}
static void test_mess_dates(void **state) { (void)state; check("mess-dates.xml", NULL); }
static void test_mess_broken(void **state) { (void)state; check("mess-broken.xml", NULL); }
static void test_mess_billion_laughs(void **state) { (void)state; check("mess-billion-laughs.xml", NULL); }
static void test_mess_xxe(void **state) { (void)state; check("mess-xxe.xml", NULL); }
static void test_mess_deep(void **state) { (void)state; check("mess-deep.xml", NULL); }

/* The real wire article in ../shared: headline, standfirst as the lead
   (not the photo caption), and the Source: line. */
static void test_shared_seed_article(void **state)
{
    const char *path = "../shared/seeds/article-example.txt";
    char err[256], *data;
    size_t len;
    feed f;
    (void)state;
    if (!(data = slurp(path, &len))) {
        printf("skipped: %s is not there (the shared seeds live beside the repository)\n", path);
        skip();
    }
    assert_int_equal(feed_parse(data, len, NULL, NULL, &f, err, sizeof err), 0);
    assert_int_equal(f.format, FEED_FORMAT_TEXT);
    assert_int_equal(f.nitems, 1);
    assert_non_null(strstr(f.items[0].title, "Kim"));
    assert_non_null(f.items[0].summary);
    assert_null(strstr(f.items[0].summary, "ATTENTION EDITORS"));
    assert_null(strstr(f.items[0].summary, "[KCNA"));
    assert_string_equal(f.items[0].source, "Reuters");
    feed_free(&f);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss20), cmocka_unit_test(test_rss091_doctype_entities),
        cmocka_unit_test(test_rss10_rdf), cmocka_unit_test(test_rss090),
        cmocka_unit_test(test_atom10_base_and_html), cmocka_unit_test(test_atom03),
        cmocka_unit_test(test_jsonfeed11), cmocka_unit_test(test_jsonfeed10),
        cmocka_unit_test(test_article_jsonld), cmocka_unit_test(test_article_og),
        cmocka_unit_test(test_article_title), cmocka_unit_test(test_article_text),
        cmocka_unit_test(test_mess_entities), cmocka_unit_test(test_mess_cp1252_latin1),
        cmocka_unit_test(test_mess_cp1252_utf8), cmocka_unit_test(test_mess_utf8_latin1),
        cmocka_unit_test(test_mess_utf16), cmocka_unit_test(test_mess_utf8_bom),
        cmocka_unit_test(test_mess_invalid_utf8), cmocka_unit_test(test_mess_shift_jis),
        cmocka_unit_test(test_mess_header_charset), cmocka_unit_test(test_mess_dates),
        cmocka_unit_test(test_mess_broken), cmocka_unit_test(test_mess_billion_laughs),
        cmocka_unit_test(test_mess_xxe), cmocka_unit_test(test_mess_deep),
        cmocka_unit_test(test_shared_seed_article),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
