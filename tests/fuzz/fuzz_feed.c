/*
 * fuzz_feed.c - libFuzzer target for the feed parser: any bytes through
 * feed_parse(), with a Content-Type picked by the first byte (so the
 * header-charset path is reached too), then printed as TSV. Nothing may
 * read or write out of bounds or leak, and every kept field must respect
 * FEED_MAX_FIELD and the item count FEED_MAX_ITEMS.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *s)
{
    if (s && strlen(s) >= FEED_MAX_FIELD)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = { NULL, "text/xml; charset=windows-1252",
                                         "application/json", "text/html; charset=utf-8",
                                         "text/plain; charset=utf-16le" };
    static FILE *sink;
    char err[256];
    feed f;
    size_t i;

    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    if (feed_parse((const char *)data, size, types[size ? data[0] % 5 : 0], "https://fuzz.example/a/",
                   &f, err, sizeof err) == 0) {
        if (f.nitems > FEED_MAX_ITEMS)
            abort();
        check_field(f.title);
        check_field(f.link);
        for (i = 0; i < f.nitems; i++) {
            check_field(f.items[i].title);
            check_field(f.items[i].summary);
            check_field(f.items[i].link);
            check_field(f.items[i].id);
        }
        feed_write_tsv(sink, &f);
    }
    feed_free(&f);
    return 0;
}
