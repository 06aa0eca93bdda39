/*
 * feed_entities.c - character references as feeds really write them.
 *
 * libxml2 in recover mode drops an undeclared entity such as &Oacute; or
 * &mdash; with its text, and stops at a bare ampersand. So before the XML
 * parser sees a document, feed_entities_prepare_xml() rewrites every HTML
 * named reference into a numeric one (the names come from libxml2's own
 * HTML table, htmlEntityLookup), escapes each ampersand that starts no
 * reference, and removes the DOCTYPE. Of the entities a DOCTYPE declares,
 * only simple text replacements are kept (substituted here, once, so
 * nothing can expand recursively: no billion laughs, no external entities).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "feed_internal.h"

#define NAME_MAX_LEN 32   /* longest entity name looked up */
#define DECLARED_MAX 32   /* simple entities kept from a DOCTYPE */
#define DECLARED_VALUE 64 /* longest replacement text kept */

typedef struct declared_entity {
    char name[NAME_MAX_LEN];
    char value[DECLARED_VALUE];
} declared_entity;

typedef struct declared_set {
    declared_entity e[DECLARED_MAX];
    size_t n;
} declared_set;

static int is_name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

/* What a numeric reference to cp should mean: C1 controls as windows-1252,
   what XML cannot hold as U+FFFD. */
static uint32_t fix_codepoint(uint32_t cp)
{
    if (cp >= 0x80 && cp <= 0x9F)
        return feed_charset_cp1252((unsigned char)cp);
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp > 0x10FFFF || cp == 0xFFFE || cp == 0xFFFF)
        return 0xFFFD;
    return cp;
}

int feed_entities_ref(const char *s, size_t n, uint32_t *cp, size_t *used)
{
    static const struct { const char *name; uint32_t cp; } xml5[] = {
        { "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' }, { "apos", '\'' }
    };
    char name[NAME_MAX_LEN];
    const htmlEntityDesc *d;
    size_t i = 1, k;

    if (n < 3 || s[0] != '&')
        return 0;
    if (s[1] == '#') {
        uint32_t v = 0;
        int hex = n > 2 && (s[2] == 'x' || s[2] == 'X'), digits = 0;
        for (i = hex ? 3 : 2; i < n && digits < 8; i++, digits++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= '0' && c <= '9')
                v = v * (hex ? 16 : 10) + (c - '0');
            else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                v = v * 16 + ((c | 0x20) - 'a' + 10);
            else
                break;
        }
        if (!digits || i >= n || s[i] != ';')
            return 0;
        *cp = fix_codepoint(v);
        *used = i + 1;
        return 1;
    }
    while (i < n && i < NAME_MAX_LEN && is_name_char((unsigned char)s[i]))
        i++;
    if (i == 1 || i >= n || i >= NAME_MAX_LEN || s[i] != ';')
        return 0;
    memcpy(name, s + 1, i - 1);
    name[i - 1] = '\0';
    *used = i + 1;
    for (k = 0; k < sizeof xml5 / sizeof xml5[0]; k++) {
        if (strcmp(name, xml5[k].name) == 0) {
            *cp = xml5[k].cp;
            return 2;
        }
    }
    if (!(d = htmlEntityLookup((const xmlChar *)name)))
        return 0;
    *cp = d->value;
    return 1;
}

/* ---- the DOCTYPE ---- */

/* Keeps <!ENTITY name "value"> when value is plain text (or one numeric
   reference) short enough; anything else (parameter, external, nested
   references, markup) is left out, so its references end up escaped. */
static void keep_entity(const char *s, size_t n, declared_set *set)
{
    size_t i = 8, a, b;
    char q;
    declared_entity *e;

    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    a = i;
    while (i < n && is_name_char((unsigned char)s[i]))
        i++;
    b = i;
    if (b == a || b - a >= NAME_MAX_LEN || set->n >= DECLARED_MAX)
        return;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (i >= n || (s[i] != '"' && s[i] != '\''))
        return;
    q = s[i++];
    e = &set->e[set->n];
    {
        const char *v = s + i, *end = memchr(v, q, n - i);
        size_t len = end ? (size_t)(end - v) : 0;
        uint32_t cp;
        size_t used;
        if (!end || len >= DECLARED_VALUE || memchr(v, '<', len) || memchr(v, '%', len))
            return;
        if (memchr(v, '&', len) && !(v[0] == '&' && feed_entities_ref(v, len, &cp, &used) == 1 &&
                                     used == len && v[1] == '#'))
            return;
        memcpy(e->name, s + a, b - a);
        e->name[b - a] = '\0';
        memcpy(e->value, v, len);
        e->value[len] = '\0';
    }
    set->n++;
}

/* Length of the markup declaration at s up to its '>', quotes skipped. */
static size_t decl_len(const char *s, size_t n)
{
    size_t i;
    char q = 0;
    for (i = 1; i < n; i++) {
        if (q) {
            q = s[i] == q ? 0 : q;
        } else if (s[i] == '"' || s[i] == '\'') {
            q = s[i];
        } else if (s[i] == '>') {
            return i + 1;
        }
    }
    return n;
}

/* Length of the DOCTYPE at s, with its internal subset; simple entities
   go into set. */
static size_t doctype(const char *s, size_t n, declared_set *set)
{
    size_t i = 9;
    char q = 0;
    int subset = 0;

    for (; i < n; i++) {
        char c = s[i];
        if (q) {
            if (c == q)
                q = 0;
        } else if (c == '"' || c == '\'') {
            q = c;
        } else if (c == '[') {
            subset = 1;
        } else if (subset && c == ']') {
            subset = 0;
        } else if (subset && c == '<' && n - i > 8 && memcmp(s + i, "<!ENTITY", 8) == 0) {
            size_t len = decl_len(s + i, n - i);
            keep_entity(s + i, len, set);
            i += len - 1;
        } else if (subset && c == '<' && n - i > 4 && memcmp(s + i, "<!--", 4) == 0) {
            const char *end = strstr(s + i + 4, "-->");
            i = end ? (size_t)(end - s) + 2 : n;
        } else if (!subset && c == '>') {
            return i + 1;
        }
    }
    return n;
}

/* ---- the rewrite ---- */

/* Emits len bytes (when out is not NULL); returns len. */
/* Writes s[0..len) at out + o when out is given and it fits in cap (a
   guard: the callers size out so that it always does); returns len. */
static size_t emit(char *out, size_t o, size_t cap, const char *s, size_t len)
{
    if (out && len <= cap && o <= cap - len)
        memcpy(out + o, s, len);
    return len;
}

/* Length of the section at s that starts with open and ends with close
   (the whole rest when unterminated), or 0 when s does not start it. */
static size_t section(const char *s, size_t n, const char *open, const char *close)
{
    size_t k = strlen(open);
    const char *end;
    if (n < k || memcmp(s, open, k) != 0)
        return 0;
    end = strstr(s + k, close);
    return end ? (size_t)(end - s) + strlen(close) : n;
}

static const declared_entity *find_declared(const declared_set *set, const char *s, size_t n)
{
    size_t i, k;
    for (i = 0; i < set->n; i++) {
        k = strlen(set->e[i].name);
        if (n > k + 1 && memcmp(s + 1, set->e[i].name, k) == 0 && s[k + 1] == ';')
            return &set->e[i];
    }
    return NULL;
}

/* One pass over the document: with out NULL it only counts the bytes it
   would write, so the caller can allocate exactly; it writes at most cap
   bytes. The DOCTYPE's entities go into set as the pass meets them, and
   only those met so far are expanded. in is NUL-terminated. */
static size_t rewrite(const char *in, size_t n, declared_set *set, char *out, size_t cap)
{
    size_t i = 0, o = 0, k, used;
    uint32_t cp;
    char num[16];

    while (i < n) {
        const char *p = in + i;
        if (*p == '<') {
            /* only "<!" and "<?" can start a section: skip the lookups for tags */
            if ((p[1] == '!' || p[1] == '?') &&
                ((k = section(p, n - i, "<![CDATA[", "]]>")) ||
                 (k = section(p, n - i, "<!--", "-->")) || (k = section(p, n - i, "<?", "?>")))) {
                o += emit(out, o, cap, p, k);
                i += k;
                continue;
            }
            if (n - i >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0) {
                i += doctype(p, n - i, set);
                continue;
            }
            o += emit(out, o, cap, p, 1);
            i++;
            continue;
        }
        if (*p != '&') {
            /* copy the run up to the next markup or reference at once
               (strcspn stops at a NUL too, which is then copied alone) */
            const char *next = p + strcspn(p, "<&");
            if (next > in + n)
                next = in + n;
            else if (next == p)
                next++;
            o += emit(out, o, cap, p, (size_t)(next - p));
            i += (size_t)(next - p);
            continue;
        }
        {
            const declared_entity *d = find_declared(set, p, n - i);
            int kind = feed_entities_ref(p, n - i, &cp, &used);
            if (kind == 2) {
                o += emit(out, o, cap, p, used);
                i += used;
            } else if (d) {
                o += emit(out, o, cap, d->value, strlen(d->value));
                i += strlen(d->name) + 2;
            } else if (kind == 1) {
                int len = snprintf(num, sizeof num, "&#%u;", (unsigned)cp);
                o += emit(out, o, cap, num, (size_t)len);
                i += used;
            } else {
                o += emit(out, o, cap, "&amp;", 5);
                i++;
            }
        }
    }
    return o;
}

/* 1 when "<!DOCTYPE" occurs anywhere in s (n bytes). */
static int has_doctype(const char *s, size_t n)
{
    const char *p = s;
    while ((p = memchr(p, '<', n - (size_t)(p - s)))) {
        if ((size_t)(s + n - p) >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0)
            return 1;
        p++;
    }
    return 0;
}

char *feed_entities_prepare_xml(const char *in, size_t n, size_t *outlen)
{
    declared_set *set = calloc(1, sizeof *set);
    size_t len;
    char *out = NULL, *shrunk;

    if (!set)
        return NULL;
    if (!has_doctype(in, n)) {
        /* no entities declared: a reference grows at most from 1 byte ("&")
           to 5 ("&amp;"), so one pass into room for that is enough */
        const char *amp = in;
        for (len = n; (amp = memchr(amp, '&', n - (size_t)(amp - in))); amp++)
            len += 4;
        if (!(out = malloc(len + 1)))
            goto done;
        *outlen = rewrite(in, n, set, out, len);
        if (*outlen > len)
            *outlen = len; /* cannot happen (see above); never past the buffer */
        out[*outlen] = '\0';
        if (*outlen < len && (shrunk = realloc(out, *outlen + 1)))
            out = shrunk;
        goto done;
    }
    /* the first pass finds the size, the second writes: both collect the
       DOCTYPE's entities as they meet them, so a reference before the
       DOCTYPE is left alone in both and the second writes what the first
       counted */
    len = rewrite(in, n, set, NULL, 0);
    if (!(out = malloc(len + 1)))
        goto done;
    set->n = 0;
    *outlen = rewrite(in, n, set, out, len);
    if (*outlen > len)
        *outlen = len;
    out[*outlen] = '\0';
done:
    free(set);
    return out;
}
