/*
 * feed_detect.c - which format a document is, from its first element (or
 * first character) rather than its Content-Type, which servers often get
 * wrong: feeds go out as text/html, articles as text/plain.
 */
#include <string.h>
#include <strings.h>

#include "feed_internal.h"

#define LOOK_BYTES 8192 /* how far to look past prologue and comments */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* 1 when the element name at s (after '<') is name, with or without a prefix. */
static int root_is(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name), i = 0;
    while (i < n && i < 32 && s[i] != ':' && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    if (i < n && s[i] == ':')
        s += i + 1, n -= i + 1;
    return n > k && strncasecmp(s, name, k) == 0 && (is_space(s[k]) || s[k] == '>' || s[k] == '/');
}

static feed_format markup(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *p = s + i, *end;
        if (*p != '<') {
            i++;
            continue;
        }
        if (n - i >= 4 && memcmp(p, "<!--", 4) == 0) {
            end = strstr(p + 4, "-->");
            i = end ? (size_t)(end - s) + 3 : n;
            continue;
        }
        if (n - i >= 9 && strncasecmp(p, "<!DOCTYPE", 9) == 0) {
            if (n - i >= 14 && strncasecmp(p + 9, " html", 5) == 0)
                return FEED_FORMAT_HTML;
            i++;
            continue;
        }
        if (p[1] == '?' || p[1] == '!') {
            i++;
            continue;
        }
        p++;
        if (root_is(p, n - i - 1, "rss") || root_is(p, n - i - 1, "channel"))
            return FEED_FORMAT_RSS;
        if (root_is(p, n - i - 1, "RDF"))
            return FEED_FORMAT_RDF;
        if (root_is(p, n - i - 1, "feed"))
            return FEED_FORMAT_ATOM;
        return FEED_FORMAT_HTML; /* any other first element: read it as a page */
    }
    return FEED_FORMAT_UNKNOWN;
}

feed_format feed_detect(const char *s, size_t n, const char *content_type)
{
    size_t i = 0, look = n < LOOK_BYTES ? n : LOOK_BYTES;
    feed_format f;

    while (i < look && is_space(s[i]))
        i++;
    if (i == look)
        return FEED_FORMAT_UNKNOWN;
    if (s[i] == '{' || s[i] == '[')
        return FEED_FORMAT_JSON;
    f = markup(s + i, look - i);
    if (f == FEED_FORMAT_UNKNOWN && memchr(s, '\0', look))
        return FEED_FORMAT_UNKNOWN; /* binary */
    if (f == FEED_FORMAT_UNKNOWN && content_type && strstr(content_type, "json"))
        return FEED_FORMAT_JSON;
    if (f == FEED_FORMAT_UNKNOWN || (s[i] != '<' && f == FEED_FORMAT_HTML &&
                                     !(content_type && strstr(content_type, "html"))))
        return FEED_FORMAT_TEXT;
    return f;
}
