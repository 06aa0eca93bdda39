/* test_feed_charset.c - feed_charset_to_utf8(): which charset wins (BOM,
   then HTTP header, then the document), windows-1252 behind Latin-1 and
   UTF-8 labels, and invalid UTF-8 repaired rather than dropped. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "feed_internal.h"

static void converts(const char *in, size_t n, const char *ctype, const char *want)
{
    size_t len = 0;
    char *out = feed_charset_to_utf8(in, n, ctype, &len);
    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    free(out);
}

#define CONVERTS(in, ctype, want) converts(in, sizeof(in) - 1, ctype, want)

static void test_utf8_passes(void **state)
{
    (void)state;
    CONVERTS("<a>\xC5\x81\xC3\xB3" "d\xC5\xBA</a>", NULL, "<a>\xC5\x81\xC3\xB3" "d\xC5\xBA</a>");
    CONVERTS("\xEF\xBB\xBF<a>x</a>", NULL, "<a>x</a>"); /* the BOM goes */
}

static void test_bom_beats_header_and_declaration(void **state)
{
    (void)state;
    /* UTF-16LE BOM, "<a>é</a>", though both header and declaration say otherwise */
    converts("\xFF\xFE<\0a\0>\0\xE9\0<\0/\0a\0>\0", 18, "text/xml; charset=iso-8859-1",
             "<a>\xC3\xA9</a>");
    converts("\xFE\xFF\0<\0a\0>\0\xE9\0<\0/\0a\0>", 18, NULL, "<a>\xC3\xA9</a>");
}

static void test_header_beats_declaration(void **state)
{
    (void)state;
    /* KOI8-R declared, windows-1251 bytes, the header says windows-1251 */
    CONVERTS("<?xml version=\"1.0\" encoding=\"koi8-r\"?><t>\xCD\xEE\xE2</t>",
             "text/xml; charset=windows-1251",
             "<?xml version=\"1.0\" encoding=\"koi8-r\"?><t>\xD0\x9D\xD0\xBE\xD0\xB2</t>");
    /* without the header the declaration is used */
    CONVERTS("<?xml version='1.0' encoding='koi8-r'?><t>\xCF</t>", NULL,
             "<?xml version='1.0' encoding='koi8-r'?><t>\xD0\xBE</t>");
}

static void test_html_meta(void **state)
{
    (void)state;
    CONVERTS("<html><head><meta charset=\"windows-1251\"></head>\xC4\xE0</html>", NULL,
             "<html><head><meta charset=\"windows-1251\"></head>\xD0\x94\xD0\xB0</html>");
}

static void test_latin1_is_cp1252(void **state)
{
    (void)state;
    /* 0x93 0x94 are curly quotes in windows-1252, controls in ISO-8859-1 */
    CONVERTS("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>\x93Hi\x94 \xE9</t>", NULL,
             "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>\xE2\x80\x9CHi\xE2\x80\x9D \xC3\xA9</t>");
    /* a header saying us-ascii over high bytes */
    CONVERTS("<t>\x80</t>", "text/xml; charset=us-ascii", "<t>\xE2\x82\xAC</t>");
}

static void test_utf8_mislabelled_latin1(void **state)
{
    (void)state;
    CONVERTS("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>S\xC3\xA3o</t>", NULL,
             "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>S\xC3\xA3o</t>");
}

static void test_invalid_utf8_repaired(void **state)
{
    (void)state;
    /* cp1252 bytes in a UTF-8 document */
    CONVERTS("<t>\x93quoted\x94 caf\xE9</t>", NULL, "<t>\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9</t>");
    /* a truncated sequence, a lone continuation byte, an overlong form, a surrogate */
    CONVERTS("a\xE2\x82" "b", NULL, "a\xC3\xA2\xE2\x80\x9A" "b");
    CONVERTS("\x80", "text/xml; charset=utf-8", "\xE2\x82\xAC");
    CONVERTS("\xC0\xAF", NULL, "\xC3\x80\xC2\xAF");
    CONVERTS("\xED\xA0\x80", NULL, "\xC3\xAD\xC2\xA0\xE2\x82\xAC");
    /* nothing lost: every input byte gives a character */
    CONVERTS("\x81", NULL, "\xEF\xBF\xBD");
}

static void test_unknown_label(void **state)
{
    (void)state;
    CONVERTS("<t>ok \xC3\xA9</t>", "text/xml; charset=no-such-charset", "<t>ok \xC3\xA9</t>");
}

static void test_cp1252_table(void **state)
{
    (void)state;
    assert_int_equal(feed_charset_cp1252(0x80), 0x20AC);
    assert_int_equal(feed_charset_cp1252(0x96), 0x2013);
    assert_int_equal(feed_charset_cp1252(0x9F), 0x178);
    assert_int_equal(feed_charset_cp1252(0x81), 0xFFFD);
    assert_int_equal(feed_charset_cp1252(0xE9), 0xE9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_passes),
        cmocka_unit_test(test_bom_beats_header_and_declaration),
        cmocka_unit_test(test_header_beats_declaration),
        cmocka_unit_test(test_html_meta),
        cmocka_unit_test(test_latin1_is_cp1252),
        cmocka_unit_test(test_utf8_mislabelled_latin1),
        cmocka_unit_test(test_invalid_utf8_repaired),
        cmocka_unit_test(test_unknown_label),
        cmocka_unit_test(test_cp1252_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
