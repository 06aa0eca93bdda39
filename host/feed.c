/*
 * feed.c - feed_parse(): charset to UTF-8, detect the format, run its
 * reader, then give every item an id; and the helpers the readers build
 * a feed with, which keep each field within its limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "feed_internal.h"

feed_item *feed_add_item(feed *f)
{
    feed_item *it;

    if (f->nitems >= FEED_MAX_ITEMS) {
        f->dropped++;
        return NULL;
    }
    if (f->nitems == f->items_cap) {
        size_t cap = f->items_cap ? f->items_cap * 2 : 16;
        feed_item *bigger;
        if (cap > FEED_MAX_ITEMS)
            cap = FEED_MAX_ITEMS;
        if (!(bigger = realloc(f->items, cap * sizeof *bigger)))
            return NULL;
        f->items = bigger;
        f->items_cap = cap;
    }
    it = &f->items[f->nitems++];
    memset(it, 0, sizeof *it);
    return it;
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0)
        return c < 0xF0 ? 3 : 1;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* What a field does with each byte: 0 keep, 1 white space, 2 drop (the
   other controls). */
static const unsigned char byte_kind[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    [' '] = 1, [0x7F] = 2
};

/* The length of out[0..o) without a UTF-8 sequence cut short at its end. */
static size_t whole_chars(const char *out, size_t o)
{
    size_t p = o, back = 0;
    while (p > 0 && back < 3 && ((unsigned char)out[p - 1] & 0xC0) == 0x80) {
        p--;
        back++;
    }
    if (p == 0 || ((unsigned char)out[p - 1] & 0xC0) == 0x80)
        return o; /* only stray continuation bytes: kept, one by one */
    p--;
    return p + seq_len((unsigned char)out[p]) > o ? p : o;
}

int feed_text_begin(feed_text *t, size_t n)
{
    t->cap = n < FEED_MAX_FIELD - 1 ? n : FEED_MAX_FIELD - 1;
    t->o = 0;
    t->space = 0;
    return (t->out = malloc(t->cap + 1)) ? 0 : -1;
}

void feed_text_end(feed_text *t, char **dst)
{
    size_t o = whole_chars(t->out, t->o);
    if (o && t->out[o - 1] == ' ')
        o--; /* the space before a character taken back */
    t->out[o] = '\0';
    free(*dst);
    *dst = t->out;
    if (!o) {
        /* an empty field is a missing one */
        free(t->out);
        *dst = NULL;
    }
    t->out = NULL;
}

int feed_text_write(feed_text *t, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s, *end = u + n;
    char *out = t->out;
    size_t o = t->o, cap = t->cap;
    int space = t->space, rc = 0;

    for (; u < end; u++) {
        unsigned char kind = byte_kind[*u];
        if (kind == 0) {
            if (o + (size_t)space >= cap) {
                rc = -1;
                break;
            }
            if (space)
                out[o++] = ' ';
            space = 0;
            out[o++] = (char)*u;
        } else if (kind == 1) {
            space = o > 0;
        }
    }
    t->o = o;
    t->space = space;
    return rc;
}

int feed_set_text(char **dst, const char *s, size_t n)
{
    feed_text t;

    if (feed_text_begin(&t, n))
        return -1;
    feed_text_write(&t, s, n);
    feed_text_end(&t, dst);
    return 0;
}

int feed_set_link(char **dst, const char *ref, const char *base)
{
    char *trimmed = NULL;
    xmlChar *abs = NULL;
    int rc = -1;

    if (feed_set_text(&trimmed, ref, strlen(ref)))
        return -1;
    if (!trimmed) {
        rc = 0;
        goto out;
    }
    if (base && base[0])
        abs = xmlBuildURI((const xmlChar *)trimmed, (const xmlChar *)base);
    rc = feed_set_text(dst, abs ? (const char *)abs : trimmed,
                       strlen(abs ? (const char *)abs : trimmed));
out:
    xmlFree(abs);
    free(trimmed);
    return rc;
}

void feed_add_category(feed_item *it, const char *s, size_t n)
{
    char *c = NULL;
    if (it->ncategories >= FEED_MAX_CATEGORIES || feed_set_text(&c, s, n) || !c)
        return;
    it->categories[it->ncategories++] = c;
}

const char *feed_format_name(feed_format format)
{
    static const char *const names[] = { "unknown", "rss", "rdf", "atom", "json", "html", "text" };
    return (size_t)format < sizeof names / sizeof names[0] ? names[format] : "unknown";
}

/* An item with no guid or link still needs a stable id: FNV-1a of title and link. */
static int give_id(feed_item *it)
{
    const char *parts[2];
    uint64_t h = 1469598103934665603ull;
    char buf[40];
    size_t p;

    if (it->id && it->id[0])
        return 0;
    if (it->link && it->link[0])
        return feed_set_text(&it->id, it->link, strlen(it->link));
    parts[0] = it->title ? it->title : "";
    parts[1] = it->link ? it->link : "";
    for (p = 0; p < 2; p++) {
        const unsigned char *c = (const unsigned char *)parts[p];
        for (; *c; c++)
            h = (h ^ *c) * 1099511628211ull;
        h = (h ^ '\n') * 1099511628211ull;
    }
    snprintf(buf, sizeof buf, "hash:%016llx", (unsigned long long)h);
    return feed_set_text(&it->id, buf, strlen(buf));
}

static int has_anything(const feed *f)
{
    return f->nitems > 0 || (f->title && f->title[0]) || (f->link && f->link[0]);
}

int feed_parse(const char *data, size_t len, const char *content_type, const char *base_url,
               feed *out, char *err, size_t errlen)
{
    char *text = NULL;
    size_t n = 0, i;
    int rc = -1;

    memset(out, 0, sizeof *out);
    out->ttl = -1;
    if (errlen)
        err[0] = '\0';
    if (len > FEED_MAX_INPUT) {
        snprintf(err, errlen, "document is %zu bytes, more than the %u allowed", len,
                 FEED_MAX_INPUT);
        return -1;
    }
    if (!(text = feed_charset_to_utf8(data, len, content_type, &n))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    out->format = feed_detect(text, n, content_type);
    switch (out->format) {
    case FEED_FORMAT_RSS:
    case FEED_FORMAT_RDF:
    case FEED_FORMAT_ATOM:
        rc = feed_xml_parse(text, n, base_url, out, err, errlen);
        text = NULL; /* feed_xml_parse took it */
        break;
    case FEED_FORMAT_JSON:
        rc = feed_json_parse(text, n, base_url, out, err, errlen);
        break;
    case FEED_FORMAT_HTML:
        rc = feed_html_parse(text, n, base_url, out, err, errlen);
        break;
    case FEED_FORMAT_TEXT:
        rc = feed_text_parse(text, n, out, err, errlen);
        break;
    default:
        snprintf(err, errlen, "not a feed or an article (empty or binary)");
        break;
    }
    for (i = 0; rc == 0 && i < out->nitems; i++)
        if (give_id(&out->items[i]))
            rc = -1;
    if (rc == 0 && !has_anything(out)) {
        snprintf(err, errlen, "no items, title or link found in this %s document",
                 feed_format_name(out->format));
        rc = -1;
    }
    free(text);
    return rc;
}

static void free_item(feed_item *it)
{
    size_t c;
    free(it->title);
    free(it->link);
    free(it->id);
    free(it->summary);
    free(it->author);
    free(it->source);
    for (c = 0; c < it->ncategories; c++)
        free(it->categories[c]);
}

void feed_free(feed *f)
{
    size_t i;
    if (!f)
        return;
    for (i = 0; i < f->nitems; i++)
        free_item(&f->items[i]);
    free(f->items);
    free(f->title);
    free(f->link);
    memset(f, 0, sizeof *f);
    f->ttl = -1;
}
