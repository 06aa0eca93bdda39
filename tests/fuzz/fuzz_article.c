/*
 * fuzz_article.c - libFuzzer target for the article extractors: any bytes,
 * made UTF-8 by the charset step, read both as an HTML page and as a
 * plain-text article whatever they look like (feed_parse would pick only
 * one). Nothing may read or write out of bounds or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    size_t n = 0;
    char *text = feed_charset_to_utf8((const char *)data, size, NULL, &n);
    feed f;

    if (!text)
        return 0;
    memset(&f, 0, sizeof f);
    feed_html_parse(text, n, "https://fuzz.example/", &f, err, sizeof err);
    if (f.nitems > 1)
        abort();
    feed_free(&f);
    feed_text_parse(text, n, &f, err, sizeof err);
    if (f.nitems > 1)
        abort();
    feed_free(&f);
    free(text);
    return 0;
}
