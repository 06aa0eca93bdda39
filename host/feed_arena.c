/*
 * feed_arena.c - a bump allocator for what lives exactly as long as one
 * document's parse (the XML reader's tree and its text): a few large
 * blocks instead of thousands of small mallocs, all freed at once.
 * Blocks start at ARENA_FIRST bytes and double up to ARENA_BLOCK_MAX; the
 * whole arena is capped at FEED_ARENA_MAX bytes, after which allocation
 * fails and the reader keeps what it has.
 */
#include <stdlib.h>
#include <string.h>

#include "feed_internal.h"

#define ARENA_FIRST (8u * 1024u)
#define ARENA_BLOCK_MAX (256u * 1024u)
#define ARENA_ALIGN 8u

struct feed_arena_block {
    struct feed_arena_block *next;
    size_t used, cap;
    char data[];
};

void feed_arena_init(feed_arena *a)
{
    memset(a, 0, sizeof *a);
}

static size_t round_up(size_t n)
{
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void *feed_arena_alloc(feed_arena *a, size_t n)
{
    feed_arena_block *b = a->head;
    size_t need = round_up(n ? n : 1);

    if (!b || b->cap - b->used < need) {
        size_t cap = b ? b->cap * 2 : ARENA_FIRST;
        if (cap > ARENA_BLOCK_MAX)
            cap = ARENA_BLOCK_MAX;
        if (cap < need)
            cap = need;
        if (need > FEED_ARENA_MAX || a->total + cap > FEED_ARENA_MAX ||
            !(b = malloc(sizeof *b + cap)))
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
        a->total += cap;
    }
    a->last = b->data + b->used;
    b->used += need;
    return a->last;
}

int feed_arena_extend(feed_arena *a, void *p, size_t old_n, size_t new_n)
{
    feed_arena_block *b = a->head;
    size_t start, need;

    if (!b || p != a->last)
        return -1;
    start = (size_t)((char *)p - b->data);
    need = round_up(new_n);
    if (need < old_n || start + need > b->cap)
        return -1;
    b->used = start + need;
    return 0;
}

void feed_arena_free(feed_arena *a)
{
    feed_arena_block *b = a->head, *next;
    for (; b; b = next) {
        next = b->next;
        free(b);
    }
    memset(a, 0, sizeof *a);
}
