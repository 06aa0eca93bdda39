/*
 * feed_charset.c - a document's bytes to UTF-8. Which charset: a BOM, else
 * the HTTP Content-Type's charset (RFC 7303: it overrides the document),
 * else the XML declaration or an HTML <meta>, else UTF-8. Conversions go
 * through glibc's iconv. ISO-8859-1 and US-ASCII labels are read as
 * windows-1252, as browsers do, because that is what such feeds really
 * hold; and a document labelled UTF-8 (or 8-bit) that is not valid UTF-8
 * is repaired byte by byte as windows-1252 rather than cut short.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_internal.h"

#define LABEL_MAX 40    /* longest charset name taken from a document */
#define SNIFF_BYTES 4096 /* how far to look for a declaration */

size_t feed_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return feed_utf8_put(0xFFFD, out);
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t feed_charset_cp1252(unsigned char b)
{
    /* built once from iconv, so the table is glibc's, not typed in here */
    static uint32_t table[32];
    static int ready;
    if (b < 0x80 || b >= 0xA0)
        return b;
    if (!ready) {
        iconv_t cd = iconv_open("UTF-32LE", "WINDOWS-1252");
        unsigned i;
        for (i = 0; i < 32; i++) {
            char in = (char)(0x80 + i), *ip = &in;
            unsigned char out[4];
            char *op = (char *)out;
            size_t il = 1, ol = 4;
            table[i] = 0xFFFD;
            if (cd != (iconv_t)-1 && iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 0)
                table[i] = out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16;
        }
        if (cd != (iconv_t)-1)
            iconv_close(cd);
        ready = 1;
    }
    return table[b - 0x80];
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t valid_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

/* How many bytes at the start of s are valid UTF-8: ASCII is checked
   eight bytes at a time, most of any feed being ASCII. */
static size_t valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0, k;
    uint64_t w;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull)))
                i += 8;
        } else if ((k = valid_seq(s + i, n - i))) {
            i += k;
        } else {
            break;
        }
    }
    return i;
}

/* UTF-8 kept, each invalid byte read as windows-1252. A valid document
   (nearly every one) is one check and one copy; a broken one is
   rewritten into room for the worst case, 3n, then shrunk. */
static char *repair_utf8(const unsigned char *s, size_t n, size_t *outlen)
{
    size_t i = valid_prefix(s, n), o, k;
    char *out, *shrunk;

    if (i == n) {
        if (!(out = malloc(n + 1)))
            return NULL;
        memcpy(out, s, n);
        out[n] = '\0';
        *outlen = n;
        return out;
    }
    if (!(out = malloc(3 * n + 1)))
        return NULL;
    memcpy(out, s, i);
    o = i;
    while (i < n) {
        if ((k = valid_seq(s + i, n - i))) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            o += feed_utf8_put(feed_charset_cp1252(s[i++]), out + o);
        }
    }
    out[o] = '\0';
    *outlen = o;
    /* give back the room kept for repairs, so the parse that follows reuses it */
    shrunk = realloc(out, o + 1);
    return shrunk ? shrunk : out;
}

/* Converts with iconv; a byte it cannot read becomes U+FFFD. NULL when
   iconv does not know the charset (or out of memory). UTF-8 output is at
   most 4 bytes per input byte for every charset glibc has, plus room for
   the replacement characters. */
static char *convert(const char *from, const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    size_t cap = 4 * n + 16, left = n, room = cap;
    char *out = NULL, *ip = (char *)s, *op;

    if (cd == (iconv_t)-1)
        return NULL;
    if (!(out = malloc(cap + 1)))
        goto done;
    op = out;
    while (left > 0) {
        if (iconv(cd, &ip, &left, &op, &room) != (size_t)-1)
            break;
        if (errno == E2BIG || room < 3)
            break;
        /* EILSEQ or EINVAL: mark the bad byte and go on after it */
        op += feed_utf8_put(0xFFFD, op);
        room -= 3;
        ip++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    *op = '\0';
    *outlen = (size_t)(op - out);
done:
    iconv_close(cd);
    return out;
}

/* Copies the charset name at s (quoted or not) into label; 0, or -1. */
static int take_label(const char *s, const char *end, char *label)
{
    size_t n = 0;
    while (s < end && (*s == ' ' || *s == '=' || *s == '"' || *s == '\''))
        s++;
    while (s < end && n < LABEL_MAX - 1 && (isalnum((unsigned char)*s) || strchr("-_.:", *s)))
        label[n++] = *s++;
    label[n] = '\0';
    return n ? 0 : -1;
}

/* Case-insensitive search for needle within s[0..n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return s + i;
    return NULL;
}

/* The charset the document declares about itself: XML declaration or HTML meta. */
static int declared(const char *s, size_t n, char *label)
{
    const char *p, *end;
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    if (n >= 5 && memcmp(s, "<?xml", 5) == 0) {
        end = memchr(s, '>', n);
        if (end && (p = find_ci(s, (size_t)(end - s), "encoding")))
            return take_label(p + 8, end, label);
        return -1;
    }
    if ((p = find_ci(s, n, "<meta")) && (p = find_ci(p, n - (size_t)(p - s), "charset"))) {
        end = memchr(p, '>', n - (size_t)(p - s));
        return take_label(p + 7, end ? end : s + n, label);
    }
    return -1;
}

/* 1 for the labels browsers read as windows-1252. */
static int is_latin1(const char *label)
{
    static const char *const names[] = {
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii",
        "ascii", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252", "iso-ir-100"
    };
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(label, names[i]) == 0)
            return 1;
    return 0;
}

static int is_utf8_label(const char *label)
{
    return strcasecmp(label, "utf-8") == 0 || strcasecmp(label, "utf8") == 0;
}

/* The BOM's charset and length, or NULL. UTF-16 without a BOM is known by
   its "<" and "?" padded with zeros. */
static const char *bom(const unsigned char *s, size_t n, size_t *skip)
{
    *skip = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *skip = 3;
        return "UTF-8";
    }
    if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) {
        *skip = 4;
        return "UTF-32LE";
    }
    if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
        *skip = 4;
        return "UTF-32BE";
    }
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        *skip = 2;
        return "UTF-16LE";
    }
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        *skip = 2;
        return "UTF-16BE";
    }
    if (n >= 4 && s[0] == '<' && s[1] == 0 && s[2] != 0 && s[3] == 0)
        return "UTF-16LE";
    if (n >= 4 && s[0] == 0 && s[1] == '<' && s[2] == 0 && s[3] != 0)
        return "UTF-16BE";
    return NULL;
}

char *feed_charset_to_utf8(const char *data, size_t len, const char *content_type,
                           size_t *outlen)
{
    const unsigned char *s = (const unsigned char *)data;
    char label[LABEL_MAX] = "";
    const char *p, *from;
    size_t skip;
    char *out;

    if ((from = bom(s, len, &skip))) {
        if (strcmp(from, "UTF-8") == 0)
            return repair_utf8(s + skip, len - skip, outlen);
        out = convert(from, data + skip, len - skip, outlen);
        return out ? out : repair_utf8(s + skip, len - skip, outlen);
    }
    if (!(content_type && (p = find_ci(content_type, strlen(content_type), "charset")) &&
          take_label(p + 7, p + strlen(p), label) == 0))
        declared(data, len, label);
    /* a label of UTF-8, of Latin-1, or none: UTF-8 with repair, which reads
       each byte that is not UTF-8 as windows-1252. UTF-8 under a Latin-1
       label is a mislabel (real Latin-1 text is almost never valid UTF-8),
       so it comes out right too. */
    if (!label[0] || is_utf8_label(label) || is_latin1(label))
        return repair_utf8(s, len, outlen);
    out = convert(label, data, len, outlen);
    return out ? out : repair_utf8(s, len, outlen);
}
