/* condense_test.c - helpers shared by the condense unit tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condense_test.h"
#include "tk_utf8.h"

/* Text of the ASCII font: a header, then one small glyph per code point. */
#define ASCII_BDF_MAX (96 * 96 + 256)

void condense_test_ascii_font(bdfc_font *out)
{
    static char bdf[ASCII_BDF_MAX];
    char err[200];
    size_t n = 0;
    unsigned cp;

    n += (size_t)snprintf(bdf + n, sizeof bdf - n,
                          "STARTFONT 2.1\nFONT ascii-test\nSIZE 7 75 75\n"
                          "FONTBOUNDINGBOX 5 7 0 -1\nCHARS 95\n");
    for (cp = 0x20; cp <= 0x7E; cp++)
        n += (size_t)snprintf(bdf + n, sizeof bdf - n,
                              "STARTCHAR u%04X\nENCODING %u\nSWIDTH 500 0\nDWIDTH 6 0\n"
                              "BBX 5 1 0 0\nBITMAP\nF8\nENDCHAR\n", cp, cp);
    n += (size_t)snprintf(bdf + n, sizeof bdf - n, "ENDFONT\n");
    assert_true(n < sizeof bdf);
    if (bdfc_compile(bdf, n, "ascii-test", out, err, sizeof err) != 0)
        fail_msg("ascii test font: %s", err);
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t condense_test_unescape(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    while (*s && n + 4 < cap) {
        if (s[0] == '\\' && s[1] == 'x' && hex(s[2]) >= 0 && hex(s[3]) >= 0) {
            out[n++] = (char)(hex(s[2]) * 16 + hex(s[3]));
            s += 4;
        } else if (s[0] == '\\' && s[1] == 'u') {
            unsigned cp = 0;
            int i;
            for (i = 2; i < 6 && hex(s[i]) >= 0; i++)
                cp = cp * 16 + (unsigned)hex(s[i]);
            if (cp < 0x80) {
                out[n++] = (char)cp;
            } else if (cp < 0x800) {
                out[n++] = (char)(0xC0 | cp >> 6);
                out[n++] = (char)(0x80 | (cp & 63));
            } else {
                out[n++] = (char)(0xE0 | cp >> 12);
                out[n++] = (char)(0x80 | ((cp >> 6) & 63));
                out[n++] = (char)(0x80 | (cp & 63));
            }
            s += i;
        } else if (s[0] == '\\' && (s[1] == 't' || s[1] == 'n' || s[1] == '\\')) {
            out[n++] = s[1] == 't' ? '\t' : s[1] == 'n' ? '\n' : '\\';
            s += 2;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    return n;
}

int condense_test_valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = tk_utf8_decode((const uint8_t *)s + i, (uint16_t)(n - i > 0xFFFF ? 0xFFFF : n - i), &cp);
        /* a real U+FFFD is three bytes; a replacement for bad input is shorter */
        if (cp == TK_UTF8_REPLACEMENT && (k != 3 || memcmp(s + i, "\xEF\xBF\xBD", 3)))
            return 0;
        i += k;
    }
    return 1;
}

char *condense_test_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)size, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}
