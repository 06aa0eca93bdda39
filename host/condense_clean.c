/*
 * condense_clean.c - the first stage: turns feed text into plain, safe,
 * NFC-normalised UTF-8 on one line.
 *
 * Markup leftovers (tags, CDATA markers) go, HTML entities are decoded
 * (twice at most, for the double-escaped '&amp;amp;' feeds send), ill-formed
 * UTF-8 is dropped, and so is every code point that could move a cursor,
 * change colours or reorder text: C0/C1 controls, ANSI escape sequences,
 * bidi overrides and isolates, zero-width and other format characters,
 * private-use and unassigned code points. Any run of white space becomes
 * one space.
 */
#include <string.h>
#include <utf8proc.h>

#include "condense_internal.h"
#include "tk_utf8.h"

typedef struct entity {
    const char *name;
    uint32_t cp;
} entity;

/* The named entities news feeds actually use; sorted for bsearch by name. */
static const entity entities[] = {
    { "AElig", 0xC6 }, { "Aacute", 0xC1 }, { "Agrave", 0xC0 }, { "Auml", 0xC4 },
    { "Ccedil", 0xC7 }, { "Eacute", 0xC9 }, { "Ntilde", 0xD1 }, { "Oacute", 0xD3 },
    { "Ouml", 0xD6 }, { "Uuml", 0xDC }, { "aacute", 0xE1 }, { "acirc", 0xE2 },
    { "aelig", 0xE6 }, { "agrave", 0xE0 }, { "amp", '&' }, { "apos", '\'' },
    { "aring", 0xE5 }, { "atilde", 0xE3 }, { "auml", 0xE4 }, { "bdquo", 0x201E },
    { "bull", 0x2022 }, { "ccedil", 0xE7 }, { "cent", 0xA2 }, { "copy", 0xA9 },
    { "deg", 0xB0 }, { "eacute", 0xE9 }, { "ecirc", 0xEA }, { "egrave", 0xE8 },
    { "euml", 0xEB }, { "euro", 0x20AC }, { "gt", '>' }, { "hellip", 0x2026 },
    { "iacute", 0xED }, { "icirc", 0xEE }, { "iuml", 0xEF }, { "laquo", 0xAB },
    { "ldquo", 0x201C }, { "lsaquo", 0x2039 }, { "lsquo", 0x2018 }, { "lt", '<' },
    { "mdash", 0x2014 }, { "middot", 0xB7 }, { "nbsp", 0xA0 }, { "ndash", 0x2013 },
    { "ntilde", 0xF1 }, { "oacute", 0xF3 }, { "ocirc", 0xF4 }, { "ograve", 0xF2 },
    { "oslash", 0xF8 }, { "otilde", 0xF5 }, { "ouml", 0xF6 }, { "pound", 0xA3 },
    { "quot", '"' }, { "raquo", 0xBB }, { "rdquo", 0x201D }, { "reg", 0xAE },
    { "rsaquo", 0x203A }, { "rsquo", 0x2019 }, { "sbquo", 0x201A }, { "shy", 0xAD },
    { "szlig", 0xDF }, { "thinsp", 0x2009 }, { "trade", 0x2122 }, { "uacute", 0xFA },
    { "ucirc", 0xFB }, { "ugrave", 0xF9 }, { "uuml", 0xFC }, { "yen", 0xA5 },
    { "zwj", 0x200D }, { "zwnj", 0x200C },
};

size_t condense_utf8(const char *s, size_t n, uint32_t *cp)
{
    return tk_utf8_decode((const uint8_t *)s, (uint16_t)(n > 0xFFFFu ? 0xFFFFu : n), cp);
}

size_t condense_put(uint32_t cp, char *out)
{
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* The entity at s[0..n) (s[0] == '&'): its code point and length, or 0. */
static size_t entity_at(const char *s, size_t n, uint32_t *cp)
{
    size_t i = 1, lo = 0, hi = sizeof entities / sizeof entities[0];
    char name[12];

    if (n > 2 && s[1] == '#') {
        uint32_t v = 0;
        int hex = (s[2] == 'x' || s[2] == 'X'), digits = 0;
        for (i = hex ? 3 : 2; i < n && i < 12; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)d;
            digits++;
        }
        if (!digits || i >= n || s[i] != ';' || v > 0x10FFFF)
            return 0;
        *cp = v;
        return i + 1;
    }
    while (i < n && i < sizeof name && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i == 1 || i >= n || s[i] != ';' || i - 1 >= sizeof name)
        return 0;
    memcpy(name, s + 1, i - 1);
    name[i - 1] = '\0';
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, entities[mid].name);
        if (!c) {
            *cp = entities[mid].cp;
            return i + 1;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Length of a tag or CDATA marker at s[0..n) (s[0] == '<'), or 0. */
static size_t tag_at(const char *s, size_t n)
{
    size_t i, limit = n < 512 ? n : 512;
    if (n >= 9 && !memcmp(s, "<![CDATA[", 9))
        return 9;
    if (n < 3)
        return 0;
    if (!((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') || s[1] == '/' ||
          s[1] == '!' || s[1] == '?'))
        return 0;
    for (i = 1; i < limit; i++) {
        if (s[i] == '>')
            return i + 1;
        if (s[i] == '<')
            return 0;
    }
    return 0;
}

/* One pass: tags out (as a space), entities decoded. */
static size_t unmarkup(const char *in, size_t n, char *out, size_t cap, int *changed)
{
    size_t i = 0, o = 0;
    *changed = 0;
    while (i < n && o + 5 < cap) {
        size_t k;
        uint32_t cp;
        if (in[i] == '<' && (k = tag_at(in + i, n - i)) > 0) {
            out[o++] = ' ';
            i += k;
            *changed = 1;
        } else if (in[i] == ']' && n - i >= 3 && !memcmp(in + i, "]]>", 3)) {
            i += 3;
            *changed = 1;
        } else if (in[i] == '&' && (k = entity_at(in + i, n - i, &cp)) > 0) {
            o += condense_put(cp ? cp : ' ', out + o);
            i += k;
            *changed = 1;
        } else {
            out[o++] = in[i++];
        }
    }
    out[o] = '\0';
    return o;
}

/* Length of an ANSI escape sequence at s (s[0] == ESC), at least 1. */
static size_t escape_at(const char *s, size_t n)
{
    size_t i = 2;
    if (n < 2 || (s[1] != '[' && s[1] != ']'))
        return n < 2 ? 1 : 2;
    while (i < n && i < 64) {
        unsigned char c = (unsigned char)s[i++];
        if (s[1] == '[' ? (c >= 0x40 && c <= 0x7E) : (c == 7 || c == 0x1B))
            break;
    }
    return i;
}

/* 0 drop, 1 keep, 2 a space. */
static int keep(uint32_t cp)
{
    if (cp == TK_UTF8_REPLACEMENT)
        return 0;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return cp == '\t' || cp == '\n' || cp == '\r' ? 2 : 0;
    if (cp < 0x7F)
        return cp == ' ' ? 2 : 1;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return 2;
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF: /* bidi controls, zero-width, soft hyphen */
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
        return 0;
    default:
        /* variation selectors only steer emoji rendering */
        return !((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF));
    }
}

/* Filters code points and collapses white space; 1 in *ascii when all ASCII. */
static size_t filter(const char *in, size_t n, char *out, size_t cap, int *ascii)
{
    size_t i = 0, o = 0;
    int space = 1;
    *ascii = 1;
    while (i < n && o + 5 < cap) {
        uint32_t cp;
        size_t k;
        if (in[i] > ' ' && in[i] < 0x7F) {
            out[o++] = in[i++]; /* printable ASCII, most of any line: kept as is */
            space = 0;
            continue;
        }
        if (in[i] == 0x1B) {
            i += escape_at(in + i, n - i);
            continue;
        }
        k = condense_utf8(in + i, n - i, &cp);
        switch (keep(cp)) {
        case 1:
            if (cp >= 0x80)
                *ascii = 0;
            o += condense_put(cp, out + o);
            space = 0;
            break;
        case 2:
            if (!space)
                out[o++] = ' ';
            space = 1;
            break;
        default:
            break;
        }
        i += k;
    }
    if (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}

/* NFC into out; copies in unchanged when it cannot (too long). */
static size_t nfc(const char *in, size_t n, char *out, size_t cap)
{
    static const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_int32_t buf[CD_BUF / 2];
    utf8proc_ssize_t got, len;
    size_t copy = n < cap ? n : cap - 1;

    got = utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n, buf,
                             (utf8proc_ssize_t)(sizeof buf / sizeof buf[0]), opts);
    if (got >= 0 && (size_t)got <= sizeof buf / sizeof buf[0]) {
        len = utf8proc_reencode(buf, got, opts);
        if (len >= 0 && (size_t)len < cap) {
            memcpy(out, buf, (size_t)len);
            out[len] = '\0';
            return (size_t)len;
        }
    }
    while (copy > 0 && ((unsigned char)in[copy] & 0xC0) == 0x80)
        copy--;
    memcpy(out, in, copy);
    out[copy] = '\0';
    return copy;
}

size_t condense_clean(const char *in, size_t n, char *out, size_t cap)
{
    char a[CD_BUF], b[CD_BUF];
    size_t len;
    int changed, ascii, pass;

    if (n > CONDENSE_MAX_INPUT)
        n = CONDENSE_MAX_INPUT;
    len = unmarkup(in, n, a, sizeof a, &changed);
    for (pass = 0; pass < 2 && changed; pass++) {
        if (!memchr(a, '&', len) && !memchr(a, '<', len))
            break;
        len = unmarkup(a, len, b, sizeof b, &changed);
        memcpy(a, b, len + 1);
    }
    len = filter(a, len, b, sizeof b, &ascii);
    if (ascii) {
        size_t copy = len < cap ? len : cap - 1;
        memcpy(out, b, copy);
        out[copy] = '\0';
        return copy;
    }
    return nfc(b, len, out, cap);
}
