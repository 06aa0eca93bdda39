/*
 * feed_xml_lift.c - text runs lifted out of an XML document before
 * libxml2 reads it, for speed.
 *
 * libxml2 2.9 reads character data fast while it is plain ASCII, but from
 * the first other character (an accent, a curly quote) to the next tag
 * it goes one character at a time, and CDATA always so; with references
 * (&lt;p&gt;...) it stops at each. In a feed that is most of the text and
 * most of the parse. So, in a well-formed document, each text run inside
 * the root that holds such characters or references, and each CDATA
 * section, is moved into a side buffer and replaced by one character
 * reference to a private-use code point, U+F0000 + its index; libxml2
 * parses the markup as before and hands that character back, and the
 * tree builder puts the run, decoded in one pass, in its place.
 *
 * Only what libxml2 would read without complaint is lifted: no carriage
 * return (libxml2 rewrites line ends), no control character, U+FFFE or
 * U+FFFF, no "]]>" in text, every '&' a reference it decodes the same. A
 * document that already holds code points of the placeholder range in
 * its text is not lifted at all, nor one whose markup does not scan as
 * well-formed here; and the reader parses the document again, restored
 * (feed_xlift_restore), when libxml2 finds it was not well-formed after
 * all, so recover mode sees what it always saw.
 */
#include <stdlib.h>
#include <string.h>

#include "feed_internal.h"

#define PLACEHOLDER_BASE 0xF0000u
#define PLACEHOLDER_LEN 9  /* "&#xF0000;" */
#define RUNS_FIRST 64
#define RUNS_MAX 0xFFFEu   /* U+F0000 .. U+FFFFD */

/* 1 when s starts a code point of the placeholder range (plane 15). */
static int in_plane15(const unsigned char *s, size_t n)
{
    return n >= 2 && s[0] == 0xF3 && s[1] >= 0xB0 && s[1] <= 0xBF;
}

#define ONES 0x0101010101010101ull
#define HIGH_BITS 0x8080808080808080ull

/* Whether any byte of w is below c (c <= 0x80), or equal to c. */
static int has_less(uint64_t w, unsigned c)
{
    return ((w - ONES * c) & ~w & HIGH_BITS) != 0;
}

static int has_byte(uint64_t w, unsigned c)
{
    return has_less(w ^ (ONES * c), 1);
}

#define LIFT_NEVER -2 /* a placeholder-range code point: lift nothing in this document */
#define LIFT_NOT -1   /* libxml2 would complain about it or rewrite it: leave it to libxml2 */

/* Whether a run of character data (text 1, CDATA 0) is lifted: 1 when it
   is worth it (a byte beyond ASCII or a reference in text; any CDATA), 0
   when not, or LIFT_NOT or LIFT_NEVER. */
static int judge(const char *s, size_t n, int text)
{
    const unsigned char *u = (const unsigned char *)s;
    int worth = !text, verdict = 1;
    size_t i, used;
    uint32_t cp;

    for (i = 0; i < n; i++) {
        unsigned char c;
        /* eight bytes at a time while they hold nothing to look at: no
           control, '&' or ']', and no lead byte of U+F000..U+FFFF or of
           the placeholder plane (other bytes beyond ASCII are just worth
           lifting) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (has_less(w, 0x20) || has_byte(w, '&') || has_byte(w, ']') ||
                ((w & HIGH_BITS) && (has_byte(w, 0xEF) || has_byte(w, 0xF3))))
                break;
            worth |= (w & HIGH_BITS) != 0;
            i += 8;
        }
        if (i >= n)
            break;
        c = u[i];
        if (c >= 0x80) {
            if (in_plane15(u + i, n - i))
                return LIFT_NEVER;
            if (c == 0xEF && n - i >= 3 && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF))
                verdict = LIFT_NOT;
            worth = 1;
        } else if (c < 0x20 && c != '\t' && c != '\n') {
            verdict = LIFT_NOT; /* carriage returns included */
        } else if (c == '&' && text) {
            /* the rewritten document holds only XML's five and numeric
               references, all of characters XML allows */
            int kind = feed_entities_ref(s + i, n - i, &cp, &used);
            if (!(kind == 2 || (kind == 1 && s[i + 1] == '#'))) {
                verdict = LIFT_NOT;
                continue;
            }
            if (cp >= PLACEHOLDER_BASE && cp < PLACEHOLDER_BASE + RUNS_MAX)
                return LIFT_NEVER;
            worth = 1;
            i += used - 1;
        } else if (c == ']' && text && n - i >= 3 && u[i + 1] == ']' && u[i + 2] == '>') {
            verdict = LIFT_NOT;
        }
    }
    return verdict < 0 ? verdict : worth;
}

size_t feed_xlift_decode(const feed_xlift *lift, const feed_xrun *run, char *out)
{
    const char *s = lift->text + run->off;
    size_t i = 0, o = 0, used, n = run->len;
    uint32_t cp;
    if (run->cdata) {
        memcpy(out, s, n);
        return n;
    }
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t plain = amp ? (size_t)(amp - (s + i)) : n - i;
        memcpy(out + o, s + i, plain);
        o += plain;
        i += plain;
        if (i >= n)
            break;
        if (feed_entities_ref(s + i, n - i, &cp, &used)) {
            o += feed_utf8_put(cp, out + o);
            i += used;
        } else {
            out[o++] = s[i++];
        }
    }
    return o;
}

/* Adds run k (s, n bytes, as they are) to the side buffer and writes its
   placeholder at out, o bytes into the lifted document; 0, or -1 out of
   memory. */
static int lift_run(feed_xlift *lift, const char *s, size_t n, int text, char *out, size_t o)
{
    static const char hex[] = "0123456789ABCDEF";
    uint32_t cp = PLACEHOLDER_BASE + (uint32_t)lift->n;
    int shift;
    char *p = out;

    if (lift->n == lift->cap) {
        size_t cap = lift->cap ? lift->cap * 2 : RUNS_FIRST;
        feed_xrun *bigger;
        if (cap > RUNS_MAX)
            cap = RUNS_MAX;
        if (!(bigger = realloc(lift->runs, cap * sizeof *bigger)))
            return -1;
        lift->runs = bigger;
        lift->cap = cap;
    }
    lift->runs[lift->n].at = o;
    lift->runs[lift->n].off = lift->used;
    lift->runs[lift->n].len = n;
    lift->runs[lift->n].cdata = !text;
    memcpy(lift->text + lift->used, s, n);
    lift->used += n;
    lift->n++;
    *p++ = '&';
    *p++ = '#';
    *p++ = 'x';
    for (shift = 16; shift >= 0; shift -= 4)
        *p++ = hex[(cp >> shift) & 15];
    *p = ';';
    return 0;
}

/* Length of the start tag at s (up to its '>'), quoted values skipped;
   0 when it does not end as a start tag does. */
static size_t start_tag(const char *s, size_t n)
{
    size_t i;
    for (i = 1; i < n; i++) {
        char c = s[i];
        if (c == '>')
            return i + 1;
        if (c == '<')
            return 0;
        if (c == '"' || c == '\'') {
            const char *q = memchr(s + i + 1, c, n - i - 1);
            if (!q)
                return 0;
            i = (size_t)(q - s);
        }
    }
    return 0;
}

/* Length of the section at s from open to close, 0 when unterminated
   (the document is NUL-terminated). */
static size_t section(const char *s, const char *open, const char *close)
{
    const char *end = strstr(s + strlen(open), close);
    return end ? (size_t)(end - s) + strlen(close) : 0;
}

char *feed_xml_lift(const char *s, size_t n, size_t *outlen, feed_xlift *lift)
{
    char *out = malloc(n + 1), *shrunk;
    size_t i = 0, o = 0, k;
    long depth = 0;

    memset(lift, 0, sizeof *lift);
    /* a placeholder is never longer than what it replaces: n bytes each
       at most */
    if (!out || !(lift->text = malloc(n + 1)))
        goto fail;
    while (i < n) {
        const char *p = s + i;
        size_t rest = n - i;
        int how;
        if (*p == '<') {
            if (rest >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
                if (!(k = section(p, "<![CDATA[", "]]>")))
                    goto fail;
                if ((how = judge(p + 9, k - 12, 0)) == LIFT_NEVER)
                    goto fail;
                if (how > 0 && depth > 0 && lift->n < RUNS_MAX) {
                    if (lift_run(lift, p + 9, k - 12, 0, out + o, o))
                        goto fail;
                    o += PLACEHOLDER_LEN;
                    i += k;
                    continue;
                }
            } else if (rest >= 4 && memcmp(p, "<!--", 4) == 0) {
                if (!(k = section(p, "<!--", "-->")))
                    goto fail;
            } else if (rest >= 2 && p[1] == '?') {
                if (!(k = section(p, "<?", "?>")))
                    goto fail;
            } else if (rest >= 2 && p[1] == '/') {
                const char *gt = memchr(p, '>', rest);
                if (!gt || --depth < 0)
                    goto fail;
                k = (size_t)(gt - p) + 1;
            } else if (rest >= 2 && p[1] != '!' && (k = start_tag(p, rest))) {
                if (p[k - 2] != '/')
                    depth++;
            } else {
                goto fail; /* not markup that scans as well-formed */
            }
            memcpy(out + o, p, k);
            o += k;
            i += k;
            continue;
        }
        {
            const char *lt = memchr(p, '<', rest);
            k = lt ? (size_t)(lt - p) : rest;
        }
        if ((how = judge(p, k, 1)) == LIFT_NEVER)
            goto fail;
        if (how > 0 && depth > 0 && k >= PLACEHOLDER_LEN && lift->n < RUNS_MAX) {
            if (lift_run(lift, p, k, 1, out + o, o))
                goto fail;
            o += PLACEHOLDER_LEN;
        } else {
            memcpy(out + o, p, k);
            o += k;
        }
        i += k;
    }
    if (!lift->n)
        goto fail; /* nothing lifted: the document as it is will do */
    out[o] = '\0';
    *outlen = o;
    /* give back what the lifted runs left unused, for the parse to reuse */
    shrunk = realloc(out, o + 1);
    return shrunk ? shrunk : out;
fail:
    free(out);
    feed_xlift_free(lift);
    return NULL;
}

const feed_xrun *feed_xlift_find(const feed_xlift *lift, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t k;
    if (!lift || n != 4 || !in_plane15(u, n))
        return NULL;
    k = ((uint32_t)(u[0] & 7) << 18 | (uint32_t)(u[1] & 63) << 12 | (uint32_t)(u[2] & 63) << 6 |
         (u[3] & 63)) - PLACEHOLDER_BASE;
    return k < lift->n ? &lift->runs[k] : NULL;
}

char *feed_xlift_restore(const char *s, size_t n, const feed_xlift *lift, size_t *outlen)
{
    size_t len = n, i, at = 0, o = 0;
    char *out;

    for (i = 0; i < lift->n; i++)
        len += lift->runs[i].len + (lift->runs[i].cdata ? 12 : 0) - PLACEHOLDER_LEN;
    if (!(out = malloc(len + 1)))
        return NULL;
    for (i = 0; i < lift->n; i++) {
        const feed_xrun *r = &lift->runs[i];
        memcpy(out + o, s + at, r->at - at);
        o += r->at - at;
        if (r->cdata) {
            memcpy(out + o, "<![CDATA[", 9);
            o += 9;
        }
        memcpy(out + o, lift->text + r->off, r->len);
        o += r->len;
        if (r->cdata) {
            memcpy(out + o, "]]>", 3);
            o += 3;
        }
        at = r->at + PLACEHOLDER_LEN;
    }
    memcpy(out + o, s + at, n - at);
    o += n - at;
    out[o] = '\0';
    *outlen = o;
    return out;
}

void feed_xlift_free(feed_xlift *lift)
{
    free(lift->text);
    free(lift->runs);
    memset(lift, 0, sizeof *lift);
}
