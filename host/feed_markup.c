/*
 * feed_markup.c - the plain text of an escaped-HTML field (an RSS
 * description, an Atom type="html" title, a double-escaped &amp;amp;).
 * A field is a fragment, not a page, and there may be thousands per
 * feed, so this is one linear pass rather than a parse into a tree; the
 * entity names are libxml2's (feed_entities_ref). A '<' that starts no
 * tag ("a < b") and an '&' that starts no reference ("AT&T") stay text.
 */
#include <string.h>
#include <strings.h>

#include "feed_internal.h"

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 when the tag named at s (after '<' or '</') separates words. */
static int is_block(const char *s, size_t n)
{
    static const char *const blocks[] = {
        "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "hr", "dd", "dt", "table", "section", "article", "figure", "figcaption"
    };
    size_t len = 0, i;
    while (len < n && (is_alpha((unsigned char)s[len]) || (s[len] >= '0' && s[len] <= '9')))
        len++;
    /* every tag is tried: the first letter rules most out */
    for (i = 0; len && i < sizeof blocks / sizeof blocks[0]; i++)
        if ((blocks[i][0] | 0x20) == (s[0] | 0x20) && strlen(blocks[i]) == len &&
            strncasecmp(s, blocks[i], len) == 0)
            return 1;
    return 0;
}

/* Where the element whose content is not text (script, style) ends. */
static size_t skip_raw(const char *s, size_t n, size_t i, const char *name)
{
    size_t k = strlen(name);
    for (; i + k + 2 <= n; i++)
        if (s[i] == '<' && s[i + 1] == '/' && strncasecmp(s + i + 2, name, k) == 0) {
            const char *gt = memchr(s + i, '>', n - i);
            return gt ? (size_t)(gt - s) + 1 : n;
        }
    return n;
}

/* Where the text goes: raw into a buffer (feed_markup_to_text), or on
   into a field (feed_set_html), which saves a second pass over it. Either
   way at most cap - 1 bytes of text are taken, as a buffer of cap bytes
   holds. */
typedef struct sink {
    char *raw;         /* the buffer, or NULL when writing the field */
    feed_text *field;
    size_t o, cap;     /* bytes of text so far, and the bound */
} sink;

/* Adds k bytes of text, or as many as the bound leaves room for when
   split is set (a run of plain bytes) and else nothing (one character):
   0, or -1 when full. */
static int put(sink *s, const char *b, size_t k, int split)
{
    size_t room = s->cap - 1 - s->o;
    int full = k > room;
    if (full && !split)
        return -1;
    if (full)
        k = room;
    if (s->raw)
        memcpy(s->raw + s->o, b, k);
    else if (feed_text_write(s->field, b, k))
        return -1;
    s->o += k;
    return full ? -1 : 0;
}

static void walk(const char *in, size_t n, sink *s)
{
    size_t i = 0, used;
    uint32_t cp;
    char u[4];

    while (i < n) {
        unsigned char c = (unsigned char)in[i];
        if (c == '<' && i + 1 < n &&
            (is_alpha((unsigned char)in[i + 1]) || in[i + 1] == '/' || in[i + 1] == '!' ||
             in[i + 1] == '?')) {
            const char *name = in + i + 1 + (in[i + 1] == '/');
            size_t rest = n - (size_t)(name - in);
            const char *gt;
            if (n - i >= 4 && memcmp(in + i, "<!--", 4) == 0) {
                const char *end = NULL;
                size_t j;
                for (j = i + 4; j + 3 <= n && !end; j++)
                    if (memcmp(in + j, "-->", 3) == 0)
                        end = in + j;
                i = end ? (size_t)(end - in) + 3 : n;
                continue;
            }
            if (!(gt = memchr(in + i, '>', n - i)))
                break; /* a tag cut off at the end of the field */
            if (is_block(name, rest) && put(s, " ", 1, 0))
                break;
            i = (size_t)(gt - in) + 1;
            if (in[i - 2] != '/' && name[-1] != '/') {
                if (rest >= 6 && strncasecmp(name, "script", 6) == 0)
                    i = skip_raw(in, n, i, "script");
                else if (rest >= 5 && strncasecmp(name, "style", 5) == 0)
                    i = skip_raw(in, n, i, "style");
            }
            continue;
        }
        if (c == '&' && feed_entities_ref(in + i, n - i, &cp, &used)) {
            if (put(s, u, feed_utf8_put(cp, u), 0))
                break;
            i += used;
            continue;
        }
        {
            /* plain text up to the next '<' or '&' (at least this byte,
               which may be one that starts no tag or reference) */
            size_t j = i + 1;
            while (j < n && in[j] != '<' && in[j] != '&')
                j++;
            if (put(s, in + i, j - i, 1))
                break;
            i = j;
        }
    }
}

size_t feed_markup_to_text(const char *in, size_t n, char *out, size_t cap)
{
    sink s;

    if (!cap)
        return 0;
    s.raw = out;
    s.field = NULL;
    s.o = 0;
    s.cap = cap;
    walk(in, n, &s);
    out[s.o] = '\0';
    return s.o;
}

int feed_set_html(char **dst, const char *s, size_t n)
{
    feed_text field;
    sink k;

    /* markup and spaces shrink in the field, so read twice the field's
       worth; the text is never longer than the markup */
    if (feed_text_begin(&field, n))
        return -1;
    k.raw = NULL;
    k.field = &field;
    k.o = 0;
    k.cap = n + 1 < 2 * FEED_MAX_FIELD ? n + 1 : 2 * FEED_MAX_FIELD;
    walk(s, n, &k);
    feed_text_end(&field, dst);
    return 0;
}
