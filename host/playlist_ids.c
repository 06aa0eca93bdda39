/*
 * playlist_ids.c - an item's display id: a hash of its feed's name and its
 * own id, folded to 16 bits. An item keeps its id for as long as it stays
 * in the playlist (and across restarts, through the state file), and a
 * collision takes the next free id.
 */
#include <string.h>

#include "playlist.h"

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

uint16_t playlist_pick_id(const state_item *prev, unsigned nprev, const state_item *fresh,
                          unsigned n, const char *feed, const char *key)
{
    unsigned i;
    uint16_t id;
    for (i = 0; i < nprev; i++)
        if (same_item(&prev[i], feed, key) && !id_used(fresh, n, prev[i].id))
            return prev[i].id;
    id = fold_id(feed, key);
    while (id_used(fresh, n, id) || held_by_other(prev, nprev, id, feed, key))
        id = (uint16_t)(id + 1) ? (uint16_t)(id + 1) : 1;
    return id;
}
