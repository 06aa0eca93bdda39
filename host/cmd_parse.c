/*
 * cmd_parse.c - `tickerd parse [--tsv|--json] FILE|URL`: read one feed or
 * article with feed_parse() and print what came out, so parsing can be
 * checked and compared without a display.
 *
 * TSV is one field a line, KEY<TAB>VALUE, keys feed.title, feed.link,
 * entries[N].title, .link, .id, .published, .updated, .summary; dates
 * RFC 3339 UTC; backslash, tab and newline escaped as \\, \t and \n.
 * --json prints everything the parser keeps. Exit 0 when anything was
 * read (even from a broken document), 1 with a one-line reason when
 * nothing could be, 2 on a usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "feed.h"
#include "log.h"

static const char parse_usage[] =
    "Usage: tickerd parse [--tsv|--json] [--base URL] [--content-type TYPE] FILE|URL\n"
    "Parses an RSS, Atom or JSON feed, an HTML article page or a plain-text\n"
    "article and prints what was read. FILE '-' is standard input.\n"
    "  --tsv               one KEY<TAB>VALUE a line (the default)\n"
    "  --json              everything, as one JSON object\n"
    "  --base URL          the document's address, to resolve relative links\n"
    "  --content-type T    the HTTP Content-Type it came with (its charset wins)\n"
    "Exit status: 0 something was read, 1 nothing could be, 2 usage error.\n";

/* Reads all of fp, at most FEED_MAX_INPUT bytes; the caller frees *out.
   0, or -1 with errno set (EFBIG when too big). */
static int slurp(FILE *fp, char **out, size_t *len)
{
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap), *bigger;
    if (!buf)
        return -1;
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (n < cap) {
            if (ferror(fp)) {
                free(buf);
                return -1;
            }
            break;
        }
        if (cap > FEED_MAX_INPUT) {
            free(buf);
            errno = EFBIG;
            return -1;
        }
        if (!(bigger = realloc(buf, cap * 2))) {
            free(buf);
            return -1;
        }
        buf = bigger;
        cap *= 2;
    }
    *out = buf;
    *len = n;
    return 0;
}

static void add_str(cJSON *o, const char *key, const char *value)
{
    if (value)
        cJSON_AddStringToObject(o, key, value);
}

static void add_date(cJSON *o, const char *key, int has, time_t t)
{
    char date[40];
    if (has)
        add_str(o, key, feed_rfc3339(t, date, sizeof date));
}

/* 0, or -1 out of memory. */
static int print_json(const feed *f)
{
    static const char *const days[] = { "Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday" };
    cJSON *root = cJSON_CreateObject(), *entries, *hours, *skip_days;
    char *text;
    size_t i, c;

    if (!root)
        return -1;
    add_str(root, "format", feed_format_name(f->format));
    add_str(root, "title", f->title);
    add_str(root, "link", f->link);
    if (f->ttl >= 0)
        cJSON_AddNumberToObject(root, "ttl", (double)f->ttl);
    hours = cJSON_AddArrayToObject(root, "skipHours");
    for (i = 0; i < 24 && hours; i++)
        if (f->skip_hours & (1u << i))
            cJSON_AddItemToArray(hours, cJSON_CreateNumber((double)i));
    skip_days = cJSON_AddArrayToObject(root, "skipDays");
    for (i = 0; i < 7 && skip_days; i++)
        if (f->skip_days & (1u << i))
            cJSON_AddItemToArray(skip_days, cJSON_CreateString(days[i]));
    cJSON_AddBoolToObject(root, "recovered", f->recovered);
    cJSON_AddNumberToObject(root, "dropped", (double)f->dropped);
    entries = cJSON_AddArrayToObject(root, "entries");
    for (i = 0; i < f->nitems && entries; i++) {
        const feed_item *it = &f->items[i];
        cJSON *e = cJSON_CreateObject(), *cats;
        if (!e)
            break;
        cJSON_AddItemToArray(entries, e);
        add_str(e, "title", it->title);
        add_str(e, "link", it->link);
        add_str(e, "id", it->id);
        add_date(e, "published", it->has_published, it->published);
        add_date(e, "updated", it->has_updated, it->updated);
        add_str(e, "summary", it->summary);
        add_str(e, "author", it->author);
        add_str(e, "source", it->source);
        cats = cJSON_AddArrayToObject(e, "categories");
        for (c = 0; c < it->ncategories && cats; c++)
            cJSON_AddItemToArray(cats, cJSON_CreateString(it->categories[c]));
    }
    text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return -1;
    puts(text);
    cJSON_free(text);
    return 0;
}

int cmd_parse(int argc, char **argv)
{
    static const struct option opts[] = {
        { "tsv", no_argument, 0, 't' }, { "json", no_argument, 0, 'j' },
        { "base", required_argument, 0, 'b' }, { "content-type", required_argument, 0, 'c' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 }
    };
    const char *base = NULL, *ctype = NULL, *path;
    char err[256], *data = NULL;
    size_t len = 0;
    int c, json = 0, rc = CMD_FAIL;
    FILE *fp;
    feed f;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 't': json = 0; break;
        case 'j': json = 1; break;
        case 'b': base = optarg; break;
        case 'c': ctype = optarg; break;
        case 'h': fputs(parse_usage, stdout); return CMD_OK;
        default:
            return cmd_bad_option("parse", argv, "--tsv, --json, --base URL, --content-type TYPE, --help");
        }
    }
    if (optind != argc - 1)
        return cmd_usage_error("parse", optind >= argc ? "a FILE or URL is needed"
                                                       : "one FILE or URL only");
    path = argv[optind];
    if (strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0) {
        fprintf(stderr, "tickerd parse: %s: fetching is not available yet in this build; "
                "save the document and give its file\n", path);
        return CMD_FAIL;
    }
    fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "tickerd parse: %s: %s\n", path, strerror(errno));
        return CMD_FAIL;
    }
    if (slurp(fp, &data, &len)) {
        fprintf(stderr, "tickerd parse: %s: %s\n", path,
                errno == EFBIG ? "larger than the 16 MiB a document may be" : strerror(errno));
        if (fp != stdin)
            fclose(fp);
        return CMD_FAIL;
    }
    if (fp != stdin)
        fclose(fp);
    if (feed_parse(data, len, ctype, base, &f, err, sizeof err)) {
        fprintf(stderr, "tickerd parse: %s: %s\n", path, err);
        goto out;
    }
    if (f.recovered)
        log_msg(LOG_INFO, "%s: broken %s document; printed what could be read", path,
                feed_format_name(f.format));
    if (f.dropped)
        log_msg(LOG_WARN, "%s: %zu items past the first %d ignored", path, f.dropped,
                FEED_MAX_ITEMS);
    if (json) {
        if (print_json(&f)) {
            fprintf(stderr, "tickerd parse: out of memory\n");
            goto out;
        }
    } else {
        feed_write_tsv(stdout, &f);
    }
    rc = fflush(stdout) == 0 ? CMD_OK : CMD_FAIL;
out:
    feed_free(&f);
    free(data);
    return rc;
}
