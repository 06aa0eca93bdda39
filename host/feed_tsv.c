/*
 * feed_tsv.c - the TSV form of a parsed feed that `tickerd parse` prints
 * and the fixture tests compare: one field a line, KEY<TAB>VALUE, keys
 * feed.title, feed.link, entries[N].title, .link, .id, .published,
 * .updated, .summary in that order; absent fields have no line; dates
 * RFC 3339 UTC; backslash, tab and newline escaped as \\, \t and \n.
 */
#include <stdio.h>

#include "feed.h"

const char *feed_rfc3339(time_t t, char *buf, size_t size)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return NULL;
    return buf;
}

static void line(FILE *fp, const char *key, size_t index, const char *value)
{
    const char *c;
    if (!value)
        return;
    if (index == (size_t)-1)
        fprintf(fp, "feed.%s\t", key);
    else
        fprintf(fp, "entries[%zu].%s\t", index, key);
    for (c = value; *c; c++) {
        if (*c == '\\')
            fputs("\\\\", fp);
        else if (*c == '\t')
            fputs("\\t", fp);
        else if (*c == '\n')
            fputs("\\n", fp);
        else
            putc(*c, fp);
    }
    putc('\n', fp);
}

void feed_write_tsv(FILE *fp, const feed *f)
{
    char date[40];
    size_t i;
    line(fp, "title", (size_t)-1, f->title);
    line(fp, "link", (size_t)-1, f->link);
    for (i = 0; i < f->nitems; i++) {
        const feed_item *it = &f->items[i];
        line(fp, "title", i, it->title);
        line(fp, "link", i, it->link);
        line(fp, "id", i, it->id);
        line(fp, "published", i, it->has_published ? feed_rfc3339(it->published, date, sizeof date) : NULL);
        line(fp, "updated", i, it->has_updated ? feed_rfc3339(it->updated, date, sizeof date) : NULL);
        line(fp, "summary", i, it->summary);
    }
}
