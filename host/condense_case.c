/*
 * condense_case.c - sentence-cases ALL-CAPS alerts ("QUAKE HITS TAIWAN, US
 * ISSUES WARNING" -> "Quake hits Taiwan, US issues warning"): a screamed
 * headline is harder to read on a small matrix. Acronyms from the word
 * table, dotted abbreviations (U.S.) and words with digits (G7) stay upper
 * case; the first word, the word after a colon and proper names from the
 * gazetteer (condense_names.c: "Taiwan", "New York") start upper case.
 * Mixed case text passes through untouched.
 */
#include <string.h>
#include <utf8proc.h>

#include "condense_internal.h"

/* 1 when s is mostly upper-case letters. */
static int shouting(const char *s, size_t n)
{
    size_t i = 0, up = 0, low = 0;
    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            break;
        up += s[i] >= 'A' && s[i] <= 'Z';
        low += s[i] >= 'a' && s[i] <= 'z';
        if (low > 2 && low * 10 > up)
            return 0; /* plainly mixed case: the common answer, found early */
    }
    while (i < n) {
        uint32_t cp;
        i += condense_utf8(s + i, n - i, &cp);
        if (utf8proc_isupper((utf8proc_int32_t)cp))
            up++;
        else if (utf8proc_islower((utf8proc_int32_t)cp))
            low++;
    }
    return up >= 6 && low * 10 <= up;
}

/* 1 when the word s[0..n) keeps its capitals. */
static int acronym(const char *s, size_t n)
{
    size_t i, a = 0, b = n;
    while (a < b && !((s[a] >= 'A' && s[a] <= 'Z') || (s[a] >= '0' && s[a] <= '9') || (unsigned char)s[a] >= 0x80))
        a++;
    while (b > a && !((s[b - 1] >= 'A' && s[b - 1] <= 'Z') || (s[b - 1] >= '0' && s[b - 1] <= '9') ||
                      (unsigned char)s[b - 1] >= 0x80))
        b--;
    for (i = a; i < b; i++)
        if ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i + 1 < b))
            return 1;
    return b > a && (condense_word_class(s + a, b - a) & CW_ACRONYM) != 0;
}

size_t condense_case(const char *in, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0, name_words = 0;
    int start = 1;

    if (!shouting(in, n)) {
        size_t k = n < cap ? n : cap - 1;
        while (k > 0 && k < n && ((unsigned char)in[k] & 0xC0) == 0x80)
            k--;
        memcpy(out, in, k);
        out[k] = '\0';
        return k;
    }
    while (i < n) {
        size_t j = i, w;
        int keep_caps, name, first = 1;
        while (j < n && in[j] != ' ')
            j++;
        keep_caps = acronym(in + i, j - i);
        if (!name_words)
            name_words = condense_name_at(in + i, n - i);
        name = name_words > 0;
        if (name_words)
            name_words--;
        for (w = i; w < j && o + 5 < cap;) {
            uint32_t cp;
            size_t k = condense_utf8(in + w, j - w, &cp);
            int letter = utf8proc_isupper((utf8proc_int32_t)cp) || utf8proc_islower((utf8proc_int32_t)cp);
            if (letter && !keep_caps)
                cp = (uint32_t)(start || (name && first) ? utf8proc_toupper((utf8proc_int32_t)cp)
                                                         : utf8proc_tolower((utf8proc_int32_t)cp));
            if (letter)
                first = 0;
            if (letter || (cp >= '0' && cp <= '9'))
                start = 0;
            if (cp == ':')
                start = 1;
            o += condense_put(cp, out + o);
            w += k;
        }
        if (j < n && o + 1 < cap)
            out[o++] = ' ';
        i = j + 1;
    }
    out[o] = '\0';
    return o;
}
