/*
 * feed_text.c - a plain-text article, as wire services and copy-paste give
 * them: the first line is the headline; then the standfirst; photo
 * captions (agency credits, "ATTENTION EDITORS" notices, "[... via
 * Reuters]"), which are never the lead; the body; and a closing
 * "Source: Agency" line. Short "By ..." and date lines near the top give
 * the author and the date. The result is a feed of one item whose summary
 * is the standfirst (or, without one, the first paragraph).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "feed_internal.h"

#define LEAD_MIN 40    /* bytes: a shorter paragraph is a subhead, not a lead */
#define META_MAX 80    /* bytes: a byline or date line is short */
#define DATE_ALONE_MAX 40 /* bytes: a date line without "Published:" is shorter */
#define LINE_MAX_READ FEED_MAX_FIELD

/* Case-insensitive search for needle in the len bytes at s. */
static int has(const char *s, size_t len, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; i + k <= len; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

/* 1 when the line reads as a photo caption or an agency's picture notice. */
static int is_caption(const char *s, size_t len)
{
    static const char *const marks[] = {
        "ATTENTION EDITORS", "THIRD PARTY", "image released by", "in this image",
        "in this photo", "(AP Photo", "AP Photo/", "REUTERS/", "/Reuters", "Getty Images",
        "AFP via", "/AFP", "File Photo", "Photo:", "Photograph:", "Picture:", "Caption:",
        "Image:", "Photo by", "EPA-EFE"
    };
    size_t i;
    for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (has(s, len, marks[i]))
            return 1;
    /* "... [KCNA via Reuters]": a credit in brackets closing the line */
    if (len > 2 && s[len - 1] == ']') {
        const char *open = NULL;
        for (i = len - 1; i > 0 && !open; i--)
            if (s[i - 1] == '[')
                open = s + i;
        return open && (size_t)(s + len - open) < 60;
    }
    return 0;
}

/* 1 when the line starts with prefix (case-insensitive); *rest after it. */
static int starts(const char *s, size_t len, const char *prefix, const char **rest)
{
    size_t k = strlen(prefix);
    if (len < k || strncasecmp(s, prefix, k) != 0)
        return 0;
    *rest = s + k;
    return 1;
}

/* 1 when the line is a date on its own ("Published: 3 July 2023 10:02 GMT"),
   which is then the item's (first) published or updated date. */
static int date_line(const char *s, size_t len, feed_item *it)
{
    time_t t;
    char buf[META_MAX + 1];
    const char *rest = s;
    int updated = starts(s, len, "Updated", &rest);
    if (!updated && !starts(s, len, "Published", &rest)) {
        if (len > DATE_ALONE_MAX)
            return 0; /* a longer sentence that holds a date is not a date line */
        rest = s;
    }
    while (rest < s + len && (*rest == ':' || *rest == ' '))
        rest++;
    len -= (size_t)(rest - s);
    if (len > META_MAX)
        return 0;
    memcpy(buf, rest, len);
    buf[len] = '\0';
    if (feed_date_parse(buf, &t) != 0)
        return 0;
    if (updated && !it->has_updated) {
        it->updated = t;
        it->has_updated = 1;
    } else if (!updated && !it->has_published) {
        it->published = t;
        it->has_published = 1;
    }
    return 1;
}

int feed_text_parse(const char *s, size_t n, feed *f, char *err, size_t errlen)
{
    const char *p = s, *end = s + n;
    feed_item *it = NULL;
    int lines = 0;

    f->format = FEED_FORMAT_TEXT;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p, *rest;
        size_t len = (size_t)((nl ? nl : end) - p);
        p = nl ? nl + 1 : end;
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
            len--;
        while (len && (*line == ' ' || *line == '\t')) {
            line++;
            len--;
        }
        if (!len)
            continue;
        if (!it) {
            if (!(it = feed_add_item(f))) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            feed_set_text(&it->title, line, len);
            continue;
        }
        lines++;
        if (starts(line, len, "Source:", &rest)) {
            feed_set_text(&it->source, rest, len - (size_t)(rest - line));
        } else if (is_caption(line, len)) {
            continue;
        } else if (lines <= 4 && len <= META_MAX && starts(line, len, "By ", &rest)) {
            feed_set_text(&it->author, rest, len - 3);
        } else if (lines <= 4 && len <= META_MAX && date_line(line, len, it)) {
            continue;
        } else if (!it->summary && len >= LEAD_MIN) {
            feed_set_text(&it->summary, line, len < LINE_MAX_READ ? len : LINE_MAX_READ);
        }
    }
    if (!it) {
        snprintf(err, errlen, "empty text: no headline line");
        return -1;
    }
    return 0;
}
