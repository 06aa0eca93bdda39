/*
 * daemon_playlist.c - the feeds' items become the playlist on the
 * displays: the newest max_items of each feed, higher priority feeds
 * first, at most [playlist] max_items and LINK_MAX_ITEMS in all.
 *
 * An item's display id is a hash of its feed's name and its own id, folded
 * to 16 bits; an item keeps its id for as long as it stays in the
 * playlist (and across restarts, through the state file), and a collision
 * takes the next free id.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "log.h"

static uint16_t fold_id(const char *feed, const char *key)
{
    uint64_t h = state_hash(feed) * 31u ^ state_hash(key);
    uint16_t id = (uint16_t)(h ^ h >> 16 ^ h >> 32 ^ h >> 48);
    return id ? id : 1;
}

static int same_item(const state_item *it, const char *feed, const char *key)
{
    return strcmp(it->feed, feed) == 0 && strcmp(it->key, key) == 0;
}

static int id_used(const state_item *items, unsigned n, uint16_t id)
{
    unsigned i;
    for (i = 0; i < n; i++)
        if (items[i].id == id)
            return 1;
    return 0;
}

/* 1 when id belongs to an item of items other than (feed, key). */
static int held_by_other(const state_item *items, unsigned n, uint16_t id, const char *feed,
                         const char *key)
{
    unsigned i;
    for (i = 0; i < n; i++)
        if (items[i].id == id && !same_item(&items[i], feed, key))
            return 1;
    return 0;
}

/* The id for (feed, key): its old one, else its hash, else the next free
   one; an id the old playlist gave another item is not reused at once. */
static uint16_t pick_id(const daemon_ctx *d, const state_item *fresh, unsigned n, const char *feed,
                        const char *key)
{
    unsigned i;
    uint16_t id;
    for (i = 0; i < d->nplaylist; i++)
        if (same_item(&d->playlist[i], feed, key) && !id_used(fresh, n, d->playlist[i].id))
            return d->playlist[i].id;
    id = fold_id(feed, key);
    while (id_used(fresh, n, id) || held_by_other(d->playlist, d->nplaylist, id, feed, key))
        id = (uint16_t)(id + 1) ? (uint16_t)(id + 1) : 1;
    return id;
}

/* Feeds in the order their items go: priority, then the file's order. */
static void feed_order(const daemon_ctx *d, unsigned *order)
{
    unsigned i, j;
    for (i = 0; i < d->nfeeds; i++) {
        unsigned k = i;
        for (j = i; j > 0 && d->feeds[order[j - 1]]->cfg.priority < d->feeds[k]->cfg.priority;
             j--)
            order[j] = order[j - 1];
        order[j] = k;
    }
}

static int playlist_equal(const state_item *a, unsigned na, const state_item *b, unsigned nb)
{
    unsigned i;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (a[i].id != b[i].id || a[i].breaking != b[i].breaking ||
            strcmp(a[i].title, b[i].title) != 0)
            return 0;
    return 1;
}

static void put(link_conn *l, const state_item *it)
{
    msg_item m = { it->id, it->breaking ? TK_PUT_BREAKING : 0, 0, 0,
                   (const uint8_t *)it->title, 0 };
    size_t len = strlen(it->title);
    m.len = (uint16_t)(len > LINK_ITEM_MAX_BYTES ? LINK_ITEM_MAX_BYTES : len);
    link_set_item(l, &m);
}

void daemon_playlist_push(daemon_ctx *d, link_conn *l)
{
    unsigned i;
    for (i = 0; i < d->nplaylist; i++)
        put(l, &d->playlist[i]);
}

/* Sends the differences between old and the current playlist to every display. */
static void send_changes(daemon_ctx *d, const state_item *old, unsigned nold)
{
    unsigned i, k;
    for (k = 0; k < d->nlinks; k++) {
        for (i = 0; i < nold; i++)
            if (!id_used(d->playlist, d->nplaylist, old[i].id))
                link_delete_item(d->links[k], old[i].id);
        daemon_playlist_push(d, d->links[k]);
    }
}

void daemon_playlist_update(daemon_ctx *d)
{
    unsigned order[CONFIG_MAX_FEEDS], i, j, n = 0;
    unsigned max = (unsigned)d->cfg->playlist.max_items;
    state_item *fresh;

    if (max > LINK_MAX_ITEMS)
        max = LINK_MAX_ITEMS;
    if (!(fresh = calloc(max ? max : 1, sizeof *fresh))) {
        log_msg(LOG_ERROR, "playlist: out of memory; keeping the old one");
        return;
    }
    feed_order(d, order);
    for (i = 0; i < d->nfeeds && n < max; i++) {
        const daemon_feed *f = d->feeds[order[i]];
        for (j = 0; j < f->nitems && n < max; j++) {
            state_item *it = &fresh[n];
            it->id = pick_id(d, fresh, n, f->cfg.name, f->items[j].key);
            it->breaking = (uint8_t)f->cfg.breaking;
            memcpy(it->feed, f->cfg.name, strlen(f->cfg.name) + 1);
            it->first_seen = f->items[j].first_seen;
            it->key = strdup(f->items[j].key);
            it->title = strdup(f->items[j].title);
            n++;
            if (!it->key || !it->title) {
                log_msg(LOG_ERROR, "playlist: out of memory; keeping the old one");
                state_items_free(fresh, n);
                return;
            }
        }
    }
    if (playlist_equal(fresh, n, d->playlist, d->nplaylist)) {
        state_items_free(fresh, n);
        return;
    }
    {
        state_item *old = d->playlist;
        unsigned nold = d->nplaylist;
        d->playlist = fresh;
        d->nplaylist = n;
        send_changes(d, old, nold);
        state_items_free(old, nold);
    }
    log_msg(LOG_DEBUG, "playlist: %u items", n);
    if (d->store)
        state_playlist_save(d->store, d->playlist, d->nplaylist);
}

void daemon_playlist_print(const daemon_ctx *d, FILE *out)
{
    unsigned i;
    for (i = 0; i < d->nplaylist; i++)
        fprintf(out, "%s\t%s\n", d->playlist[i].feed, d->playlist[i].title);
}
