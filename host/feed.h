/*
 * feed.h - what the parser makes of a feed or an article: one feed with
 * its items, every text field plain UTF-8 (markup stripped, entities
 * decoded, whitespace collapsed), every date a UTC time_t.
 *
 * feed_parse() takes the bytes of an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or
 * JSON Feed document, an HTML article page or a plain-text article, in any
 * of the usual charsets, and is tolerant: a broken document gives what
 * could be read. The limits below bound what one document can cost.
 *
 * Ownership: a feed owns all its strings and items; feed_free() releases
 * them. Strings are NULL when the document did not have the field.
 */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define FEED_MAX_INPUT (16u * 1024u * 1024u) /* bytes of one document */
#define FEED_MAX_ITEMS 500                   /* items kept per feed; the rest are ignored */
#define FEED_MAX_FIELD 8192                  /* bytes per text field, NUL included */
#define FEED_MAX_CATEGORIES 16               /* categories kept per item */
#define FEED_MAX_DEPTH 64                    /* element / JSON nesting read; deeper is refused */

typedef enum feed_format {
    FEED_FORMAT_UNKNOWN = 0,
    FEED_FORMAT_RSS,   /* RSS 0.9x and 2.0 */
    FEED_FORMAT_RDF,   /* RSS 0.90 and 1.0 (RDF) */
    FEED_FORMAT_ATOM,  /* Atom 0.3 and 1.0 */
    FEED_FORMAT_JSON,  /* JSON Feed 1.0 and 1.1 */
    FEED_FORMAT_HTML,  /* one article page */
    FEED_FORMAT_TEXT   /* one plain-text article */
} feed_format;

typedef struct feed_item {
    char *title;
    char *link;                 /* absolute when a base was known */
    char *id;                   /* guid/id, else link, else "hash:" of title and link */
    char *summary;              /* description, summary or lead paragraph */
    char *author;
    char *source;               /* name of the feed or agency the item came from */
    char *categories[FEED_MAX_CATEGORIES];
    size_t ncategories;
    time_t published, updated;
    int has_published, has_updated;
} feed_item;

typedef struct feed {
    feed_format format;
    char *title;
    char *link;
    long ttl;                   /* minutes; -1 when not given */
    uint32_t skip_hours;        /* bit h: do not fetch during hour h (0..23, GMT) */
    uint8_t skip_days;          /* bit d: do not fetch on day d (0 Monday .. 6 Sunday) */
    feed_item *items;
    size_t nitems;
    size_t items_cap;           /* slots allocated, at most FEED_MAX_ITEMS */
    size_t dropped;             /* items past FEED_MAX_ITEMS, not kept */
    int recovered;              /* 1 when the document was broken and partly read */
} feed;

/*
 * Parses len bytes of data into *out (which it initialises). content_type
 * is the HTTP Content-Type (may be NULL): its charset wins over the
 * document's own declaration. base_url (may be NULL) is the address the
 * document came from; relative links resolve against it and xml:base.
 * Returns 0 when anything was read (an item, or a feed title or link),
 * -1 otherwise with a one-line reason in err; *out is then empty but must
 * still be freed. The caller owns *out and frees it with feed_free().
 */
int feed_parse(const char *data, size_t len, const char *content_type, const char *base_url,
               feed *out, char *err, size_t errlen);

void feed_free(feed *f);

/* The format's name ("rss", "atom", ...), for messages and --json. */
const char *feed_format_name(feed_format format);

/* Writes f as TSV (see feed_tsv.c) to fp. */
void feed_write_tsv(FILE *fp, const feed *f);

/* t as RFC 3339 UTC ("2004-01-01T19:48:21Z") in buf (size >= 21); buf, or NULL. */
const char *feed_rfc3339(time_t t, char *buf, size_t size);

#endif
