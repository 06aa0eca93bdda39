/*
 * state_records.c - the two kinds of state file, on state_io's line format:
 *
 *   feed-NAME:  tickerd-feed 1 / url HASH / etag V / last_modified V /
 *               seen FIRST_SEEN ID ...
 *   playlist:   tickerd-playlist 1 / item ID BREAKING FEED FIRST_SEEN KEY TITLE PUBLISHED LEAD
 *               (PUBLISHED, 0 when unknown, and LEAD, empty when none, were added
 *               later: files without them read)
 *
 * (fields tab-separated; times in Unix seconds; HASH in hex). Unknown
 * record names are skipped, so a later version may add some.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "state_io.h"

#define MAX_FIELDS 9
#define FEED_HEADER "tickerd-feed\t1"
#define PLAYLIST_HEADER "tickerd-playlist\t1"

static int parse_num(const char *s, int64_t min, int64_t max, int64_t *out)
{
    char *end;
    long long v;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A record's fields; 0, or -1 when they are malformed. */
typedef int (*record_fn)(void *ctx, char **f, int n);

/* Calls fn for every record line after the header; on a malformed file
   sets it aside and returns 1; 0 when read, -1 when missing. */
static int read_records(state_store *s, const char *name, const char *header, record_fn fn,
                        void *ctx)
{
    int missing, rc = 0;
    unsigned line_no = 1;
    char *data = state_read(s, name, &missing), *line, *next;
    size_t hlen = strlen(header);

    if (!data)
        return missing ? -1 : 1;
    if (strncmp(data, header, hlen) != 0 || (data[hlen] != '\n' && data[hlen] != 0)) {
        state_set_aside(s, name, "not a tickerd state file of this version", 1);
        free(data);
        return 1;
    }
    if (data[strlen(data) - 1] != '\n') {
        /* a crash cannot do this (writes are atomic); an editor or a bad disk can */
        state_set_aside(s, name, "last line cut short", 0);
        free(data);
        return 1;
    }
    for (line = data + hlen + 1; *line; line = next) {
        char *f[MAX_FIELDS];
        int n;
        next = line + strcspn(line, "\n");
        *next++ = 0;
        line_no++;
        if ((n = state_split(line, f, MAX_FIELDS)) < 0 || fn(ctx, f, n) != 0) {
            state_set_aside(s, name, "malformed record", line_no);
            rc = 1;
            break;
        }
    }
    free(data);
    return rc;
}

/* ---- feeds --------------------------------------------------------------- */

void state_feed_clear(state_feed *f)
{
    unsigned i;
    for (i = 0; i < f->nseen; i++)
        free(f->seen[i].id);
    free(f->seen);
    memset(f, 0, sizeof *f);
}

/* Ids are kept to STATE_ID_MAX - 1 bytes, so they are compared so far. */
static size_t id_len(const char *id)
{
    size_t n = strlen(id);
    return n < STATE_ID_MAX ? n : STATE_ID_MAX - 1;
}

static int find_seen(const state_feed *f, const char *id)
{
    size_t n = id_len(id);
    unsigned i = f->nseen;
    while (i--)
        if (strncmp(f->seen[i].id, id, n) == 0 && f->seen[i].id[n] == 0)
            return (int)i;
    return -1;
}

time_t state_feed_first_seen(const state_feed *f, const char *id)
{
    int i = find_seen(f, id);
    return i < 0 ? 0 : f->seen[i].first_seen;
}

int state_feed_see(state_feed *f, const char *id, time_t now)
{
    size_t len = id_len(id);
    char *copy;

    if (find_seen(f, id) >= 0)
        return 0;
    if (!f->seen && !(f->seen = malloc(STATE_MAX_SEEN * sizeof *f->seen)))
        return -1;
    if (!(copy = malloc(len + 1)))
        return -1;
    memcpy(copy, id, len);
    copy[len] = 0;
    if (f->nseen == STATE_MAX_SEEN) {
        free(f->seen[0].id);
        memmove(f->seen, f->seen + 1, (STATE_MAX_SEEN - 1) * sizeof *f->seen);
        f->nseen--;
    }
    f->seen[f->nseen].id = copy;
    f->seen[f->nseen].first_seen = now;
    f->nseen++;
    return 1;
}

static int copy_validator(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n >= STATE_VALIDATOR_MAX)
        return -1;
    memcpy(dst, src, n + 1);
    return 0;
}

static int feed_record(void *ctx, char **f, int n)
{
    state_feed *sf = ctx;
    int64_t t;

    if (strcmp(f[0], "url") == 0 && n == 2) {
        char *end;
        errno = 0;
        sf->url_hash = strtoull(f[1], &end, 16);
        return errno || end == f[1] || *end ? -1 : 0;
    }
    if (strcmp(f[0], "etag") == 0 && n == 2)
        return copy_validator(sf->etag, f[1]);
    if (strcmp(f[0], "last_modified") == 0 && n == 2)
        return copy_validator(sf->last_modified, f[1]);
    if (strcmp(f[0], "seen") == 0) {
        if (n != 3 || parse_num(f[1], 0, INT64_MAX, &t) != 0 || !f[2][0])
            return -1;
        return state_feed_see(sf, f[2], (time_t)t) < 0 ? -1 : 0;
    }
    return n >= 1 && f[0][0] ? 0 : -1;
}

static void file_name(char *out, size_t cap, const char *feed)
{
    snprintf(out, cap, "feed-%s", feed);
}

int state_feed_load(state_store *s, const char *name, state_feed *out)
{
    char file[96];
    memset(out, 0, sizeof *out);
    file_name(file, sizeof file, name);
    if (read_records(s, file, FEED_HEADER, feed_record, out) == 1)
        state_feed_clear(out);
    return 0;
}

int state_feed_save(state_store *s, const char *name, const state_feed *f)
{
    state_buf b = { 0 };
    char file[96], num[32];
    unsigned i;
    int rc;

    state_buf_add(&b, FEED_HEADER "\n", strlen(FEED_HEADER) + 1);
    snprintf(num, sizeof num, "url\t%016" PRIx64 "\n", f->url_hash);
    state_buf_add(&b, num, strlen(num));
    if (f->etag[0]) {
        state_buf_add(&b, "etag\t", 5);
        state_buf_field(&b, f->etag);
        state_buf_add(&b, "\n", 1);
    }
    if (f->last_modified[0]) {
        state_buf_add(&b, "last_modified\t", 14);
        state_buf_field(&b, f->last_modified);
        state_buf_add(&b, "\n", 1);
    }
    for (i = 0; i < f->nseen; i++) {
        snprintf(num, sizeof num, "seen\t%lld\t", (long long)f->seen[i].first_seen);
        state_buf_add(&b, num, strlen(num));
        state_buf_field(&b, f->seen[i].id);
        state_buf_add(&b, "\n", 1);
    }
    file_name(file, sizeof file, name);
    rc = state_write(s, file, &b);
    state_buf_free(&b);
    return rc;
}

/* ---- the playlist -------------------------------------------------------- */

typedef struct item_list {
    state_item *items;
    unsigned n;
} item_list;

static char *dup_max(const char *s, size_t max)
{
    size_t n = strlen(s);
    char *d;
    if (n >= max)
        return NULL;
    if ((d = malloc(n + 1)))
        memcpy(d, s, n + 1);
    return d;
}

static int item_record(void *ctx, char **f, int n)
{
    item_list *l = ctx;
    state_item *it;
    int64_t id, brk, t, pub = 0;

    if (strcmp(f[0], "item") != 0)
        return n >= 1 && f[0][0] ? 0 : -1;
    if (n < 7 || n > 9 || parse_num(f[1], 1, 65535, &id) || parse_num(f[2], 0, 1, &brk) ||
        parse_num(f[4], 0, INT64_MAX, &t) || (n >= 8 && parse_num(f[7], 0, INT64_MAX, &pub)) ||
        strlen(f[3]) >= sizeof it->feed || !f[3][0] ||
        !f[6][0] || l->n >= STATE_MAX_ITEMS)
        return -1;
    if (!l->items && !(l->items = calloc(STATE_MAX_ITEMS, sizeof *l->items)))
        return -1;
    it = &l->items[l->n];
    it->id = (uint16_t)id;
    it->breaking = (uint8_t)brk;
    memcpy(it->feed, f[3], strlen(f[3]) + 1);
    it->first_seen = (time_t)t;
    it->published = (time_t)pub;
    if (!(it->key = dup_max(f[5], STATE_ID_MAX)) || !(it->title = dup_max(f[6], STATE_TITLE_MAX)) ||
        (n == 9 && f[8][0] && !(it->lead = dup_max(f[8], STATE_LEAD_MAX)))) {
        free(it->key);
        free(it->title);
        it->key = it->title = NULL;
        return -1;
    }
    l->n++;
    return 0;
}

void state_items_free(state_item *items, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++) {
        free(items[i].key);
        free(items[i].title);
        free(items[i].lead);
    }
    free(items);
}

int state_playlist_load(state_store *s, state_item **items, unsigned *n)
{
    item_list l = { NULL, 0 };
    if (read_records(s, "playlist", PLAYLIST_HEADER, item_record, &l) == 1) {
        state_items_free(l.items, l.n);
        l.items = NULL;
        l.n = 0;
    }
    *items = l.items;
    *n = l.n;
    return 0;
}

int state_playlist_save(state_store *s, const state_item *items, unsigned n)
{
    state_buf b = { 0 };
    char num[64];
    unsigned i;
    int rc;

    state_buf_add(&b, PLAYLIST_HEADER "\n", strlen(PLAYLIST_HEADER) + 1);
    for (i = 0; i < n; i++) {
        snprintf(num, sizeof num, "item\t%u\t%u\t", items[i].id, items[i].breaking);
        state_buf_add(&b, num, strlen(num));
        state_buf_field(&b, items[i].feed);
        snprintf(num, sizeof num, "\t%lld\t", (long long)items[i].first_seen);
        state_buf_add(&b, num, strlen(num));
        state_buf_field(&b, items[i].key);
        state_buf_add(&b, "\t", 1);
        state_buf_field(&b, items[i].title);
        snprintf(num, sizeof num, "\t%lld\t", (long long)items[i].published);
        state_buf_add(&b, num, strlen(num));
        state_buf_field(&b, items[i].lead ? items[i].lead : "");
        state_buf_add(&b, "\n", 1);
    }
    rc = state_write(s, "playlist", &b);
    state_buf_free(&b);
    return rc;
}
