/*
 * tk_queue.h - the item store: fixed slots, items copied in, found by id.
 *
 * The queue only stores; which item is shown when is tk_ticker's business.
 * A slot that is on screen is "pinned": its text must not change under the
 * renderer, so a replacement goes to another slot and the old one is
 * retired, to be freed when it has scrolled off.
 */
#ifndef TK_QUEUE_H
#define TK_QUEUE_H

#include <stdint.h>
#include "tk_config.h"

enum tk_slot_state {
    TK_SLOT_FREE = 0,
    TK_SLOT_LIVE,    /* in the rotation */
    TK_SLOT_RETIRED, /* replaced or expired; shown until it scrolls off */
    TK_SLOT_STAGING  /* an item arriving in parts, not yet whole */
};

#define TK_ITEM_BREAKING 0x01u

/*
 * Rotation order: a new item gets the next seq, lower shows first. Seqs
 * are 8 bits (an 8-bit chip compares them in one instruction); before the
 * counter would reach TK_SEQ_END the live items are renumbered (see
 * tk_queue_new_seq), so it never wraps.
 */
typedef uint8_t tk_seq;
#define TK_SEQ_END 0xFFu

typedef struct tk_item {
    uint8_t state;         /* enum tk_slot_state */
    uint8_t pinned;        /* 1 while a marquee segment draws this slot */
    uint8_t flags;         /* TK_ITEM_* */
    uint8_t repeat_left;   /* breaking passes still to show */
    uint16_t id;           /* the host's id; unique among live items */
    uint16_t len;          /* bytes of text */
    uint16_t width;        /* text width in pixels in the current font */
    tk_seq seq;            /* rotation order: lower shows first */
    uint32_t expires_ms;   /* tk_hal time; meaningful when has_ttl */
    uint8_t has_ttl;
    uint8_t text[TK_ITEM_MAX_BYTES];
} tk_item;

typedef struct tk_queue {
    tk_item slot[TK_QUEUE_SLOTS];
    tk_seq next_seq;       /* handed to the next new item, starts at 1 */
} tk_queue;

void tk_queue_init(tk_queue *q);
/* Index of the live item with this id, or -1. */
int8_t tk_queue_find(const tk_queue *q, uint16_t id);
/* Index of a free slot, or -1 when all are taken. */
int8_t tk_queue_alloc(const tk_queue *q);
/* Number of live items. */
uint8_t tk_queue_live(const tk_queue *q);
/* Number of free slots. */
uint8_t tk_queue_free_slots(const tk_queue *q);
/*
 * The seq for an item about to become live (it is not live yet, or its
 * seq is about to be overwritten). *rotation is the caller's position in
 * the rotation (the seq of the last item started, 0 before the first); it
 * is renumbered with the live items when the counter is about to wrap.
 */
tk_seq tk_queue_new_seq(tk_queue *q, tk_seq *rotation);

#endif
