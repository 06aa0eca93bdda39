/* test_feed_entities.c - the pre-pass that lets libxml2 keep undeclared
   HTML entities and bare ampersands, the DOCTYPE it removes, and the
   HTML-to-text of escaped fields (double escaping, markup in titles). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "feed_internal.h"

static void prepares(const char *in, const char *want)
{
    size_t len = 0;
    char *out = feed_entities_prepare_xml(in, strlen(in), &len);
    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    free(out);
}

static void to_text(const char *in, const char *want)
{
    char out[256];
    size_t n = feed_markup_to_text(in, strlen(in), out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void test_html_entities_become_numeric(void **state)
{
    (void)state;
    prepares("<t>&Oacute;scar&nbsp;&mdash; &eacute;</t>", "<t>&#211;scar&#160;&#8212; &#233;</t>");
    prepares("<t>&lt;&gt;&amp;&quot;&apos;</t>", "<t>&lt;&gt;&amp;&quot;&apos;</t>");
    prepares("<t>&#233;&#xE9;&#X2014;</t>", "<t>&#233;&#233;&#8212;</t>");
}

static void test_bad_numeric_references(void **state)
{
    (void)state;
    /* C1 controls are windows-1252 in disguise; NUL and surrogates are not text */
    prepares("<t>&#150;&#0;&#xD800;&#1114112;</t>", "<t>&#8211;&#65533;&#65533;&#65533;</t>");
}

static void test_bare_ampersands(void **state)
{
    (void)state;
    prepares("<t>M&S & R&D &unknown; &#;&#x;&</t>",
             "<t>M&amp;S &amp; R&amp;D &amp;unknown; &amp;#;&amp;#x;&amp;</t>");
    prepares("<a href=\"?a=1&b=2\"/>", "<a href=\"?a=1&amp;b=2\"/>");
}

static void test_cdata_comments_pi_untouched(void **state)
{
    (void)state;
    prepares("<t><![CDATA[a & b &nbsp;]]></t><!-- & --><?pi & ?>",
             "<t><![CDATA[a & b &nbsp;]]></t><!-- & --><?pi & ?>");
    prepares("<t><![CDATA[unterminated & ", "<t><![CDATA[unterminated & ");
}

static void test_doctype_removed_simple_entities_kept(void **state)
{
    (void)state;
    prepares("<!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"http://x/rss.dtd\"><rss/>",
             "<rss/>");
    prepares("<!DOCTYPE r [<!ENTITY who \"Reuters\"><!ENTITY c \"&#169;\">]><r>&who; &c;</r>",
             "<r>Reuters &#169;</r>");
}

static void test_expansion_and_external_refused(void **state)
{
    (void)state;
    prepares("<!DOCTYPE r [<!ENTITY a \"xx\"><!ENTITY b \"&a;&a;\">"
             "<!ENTITY s SYSTEM \"file:///etc/passwd\"><!ENTITY % p SYSTEM \"http://x/\"> %p; ]>"
             "<r>&b;&s;&a;</r>",
             "<r>&amp;b;&amp;s;xx</r>");
    /* markup in a declared value would smuggle elements in: refused */
    prepares("<!DOCTYPE r [<!ENTITY m \"<b>x</b>\">]><r>&m;</r>", "<r>&amp;m;</r>");
}

static void test_ref_kinds(void **state)
{
    uint32_t cp;
    size_t used;
    (void)state;
    assert_int_equal(feed_entities_ref("&amp;x", 6, &cp, &used), 2);
    assert_int_equal(cp, '&');
    assert_int_equal(used, 5);
    assert_int_equal(feed_entities_ref("&euro;", 6, &cp, &used), 1);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(feed_entities_ref("&euro", 5, &cp, &used), 0); /* no ';' */
    assert_int_equal(feed_entities_ref("&nosuch;", 8, &cp, &used), 0);
    assert_int_equal(feed_entities_ref("&#x41;", 6, &cp, &used), 1);
    assert_int_equal(cp, 'A');
}

static void test_markup_to_text(void **state)
{
    (void)state;
    to_text("Budget <em>passes</em>", "Budget passes");
    to_text("AT&amp;amp;T", "AT&amp;T");                     /* one level at a time */
    to_text("Smith &amp; Sons", "Smith & Sons");
    to_text("AT&T a < b", "AT&T a < b");                     /* not markup: stays */
    to_text("<p>One</p><p>Two</p>", " One  Two ");           /* blocks separate words */
    to_text("a<br/>b", "a b");
    to_text("x<script>alert('&amp;')</script>y<style>p{}</style>z", "xyz");
    to_text("keep<!-- hidden -->this", "keepthis");
    to_text("&Oacute;scar &mdash; &#8364;5", "\xC3\x93scar \xE2\x80\x94 \xE2\x82\xAC" "5");
    to_text("cut <b", "cut ");
}

static void test_markup_to_text_bounded(void **state)
{
    char out[8];
    (void)state;
    assert_int_equal(feed_markup_to_text("abcdefghijkl", 12, out, sizeof out), 7);
    assert_string_equal(out, "abcdefg");
    assert_int_equal(feed_markup_to_text("abcdef&euro;", 12, out, sizeof out), 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_entities_become_numeric),
        cmocka_unit_test(test_bad_numeric_references),
        cmocka_unit_test(test_bare_ampersands),
        cmocka_unit_test(test_cdata_comments_pi_untouched),
        cmocka_unit_test(test_doctype_removed_simple_entities_kept),
        cmocka_unit_test(test_expansion_and_external_refused),
        cmocka_unit_test(test_ref_kinds),
        cmocka_unit_test(test_markup_to_text),
        cmocka_unit_test(test_markup_to_text_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
