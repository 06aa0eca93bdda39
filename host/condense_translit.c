/*
 * condense_translit.c - replaces what the display's font cannot show with
 * the nearest thing it can: curly quotes and dashes with ASCII ones,
 * accented letters with their base letter (by utf8proc's canonical
 * decomposition), letters without a decomposition (Ł, ø, ß, æ) from a small
 * table, and anything else with '?' (or nothing, when even '?' is missing).
 * A letter the font has stays: Ł becomes L only when the font lacks Ł.
 *
 * Without a font (a byte budget) only typographic punctuation is mapped:
 * it costs three bytes where ASCII costs one.
 */
#include <string.h>
#include <utf8proc.h>

#include "condense_internal.h"
#include "tk_font.h"

typedef struct mapping {
    uint32_t cp;
    const char *to;
} mapping;

/* Punctuation and symbols, by code point. */
static const mapping punct[] = {
    { 0xA0, " " }, { 0xA9, "(c)" }, { 0xAB, "\"" }, { 0xAD, "" }, { 0xB7, "-" }, { 0xBB, "\"" },
    { 0xD7, "x" }, { 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" },
    { 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" }, { 0x201A, "'" },
    { 0x201B, "'" }, { 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" }, { 0x201F, "\"" },
    { 0x2022, "-" }, { 0x2026, "..." }, { 0x2032, "'" }, { 0x2033, "\"" }, { 0x2039, "<" },
    { 0x203A, ">" }, { 0x2212, "-" },
};

/* Symbols spelled out when the font lacks them (with a font only). */
static const mapping symbols[] = {
    { 0xA2, "c" }, { 0xA3, "GBP" }, { 0xA5, "JPY" }, { 0xB0, "deg" }, { 0x20AC, "EUR" },
    { 0x20BD, "RUB" }, { 0x20B9, "INR" }, { 0x2122, "" }, { 0xAE, "" },
};

/* Letters with no canonical decomposition. */
static const mapping letters[] = {
    { 0xC6, "AE" }, { 0xD0, "D" }, { 0xD8, "O" }, { 0xDE, "Th" }, { 0xDF, "ss" }, { 0xE6, "ae" },
    { 0xF0, "d" }, { 0xF8, "o" }, { 0xFE, "th" }, { 0x110, "D" }, { 0x111, "d" }, { 0x126, "H" },
    { 0x127, "h" }, { 0x131, "i" }, { 0x138, "k" }, { 0x13F, "L" }, { 0x140, "l" }, { 0x141, "L" },
    { 0x142, "l" }, { 0x14A, "N" }, { 0x14B, "n" }, { 0x152, "OE" }, { 0x153, "oe" },
    { 0x166, "T" }, { 0x167, "t" }, { 0x1E9E, "SS" },
};

int condense_has_glyph(const uint8_t *font, uint32_t cp)
{
    tk_glyph g;
    return !font || tk_font_lookup(font, cp, &g);
}

static const char *lookup(const mapping *m, size_t count, uint32_t cp)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].cp == cp)
            return m[mid].to;
        if (m[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* 1 when the font has every character of ASCII s. */
static int has_all(const uint8_t *font, const char *s)
{
    for (; *s; s++)
        if (!condense_has_glyph(font, (unsigned char)*s))
            return 0;
    return 1;
}

/* The replacement for cp, written to rep (8 bytes room); its length. */
static size_t replace(const uint8_t *font, uint32_t cp, char *rep)
{
    const char *to;
    utf8proc_int32_t dec[8];
    utf8proc_ssize_t k;

    if ((to = lookup(punct, sizeof punct / sizeof punct[0], cp)) && has_all(font, to))
        goto ascii;
    if ((to = lookup(symbols, sizeof symbols / sizeof symbols[0], cp)) && has_all(font, to))
        goto ascii;
    if ((to = lookup(letters, sizeof letters / sizeof letters[0], cp)) && has_all(font, to))
        goto ascii;
    k = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
    /* the base letter of a full decomposition: é -> e, ǖ -> u */
    if (k > 0 && k <= 8 && (uint32_t)dec[0] != cp && condense_has_glyph(font, (uint32_t)dec[0]))
        return condense_put((uint32_t)dec[0], rep);
    to = condense_has_glyph(font, '?') ? "?" : "";
ascii:
    memcpy(rep, to, strlen(to));
    return strlen(to);
}

size_t condense_translit(const char *in, size_t n, const uint8_t *font, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        uint32_t cp;
        size_t k, r;
        char rep[8];
        if (!font && (unsigned char)in[i] < 0x80) {
            /* ASCII needs nothing without a font: copy the whole run */
            for (k = i; k < n && (unsigned char)in[k] < 0x80 && o + 1 < cap; k++)
                out[o++] = in[k];
            if (k == i)
                break;
            i = k;
            continue;
        }
        k = condense_utf8(in + i, n - i, &cp);
        if (font ? condense_has_glyph(font, cp) : !lookup(punct, sizeof punct / sizeof punct[0], cp)) {
            if (o + k + 1 > cap)
                break;
            memcpy(out + o, in + i, k);
            o += k;
            i += k;
            continue;
        }
        r = replace(font, cp, rep);
        if (o + r + 1 > cap)
            break;
        memcpy(out + o, rep, r);
        o += r;
        i += k;
    }
    out[o] = '\0';
    return o;
}
