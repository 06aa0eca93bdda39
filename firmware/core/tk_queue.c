/* tk_queue.c - see tk_queue.h. */
#include "tk_queue.h"

TK_NOINLINE void tk_queue_init(tk_queue *q)
{
    uint8_t i;
    for (i = 0; i < TK_QUEUE_SLOTS; i++) {
        q->slot[i].state = TK_SLOT_FREE;
        q->slot[i].pinned = 0;
    }
    q->next_seq = 1;
}

int8_t tk_queue_find(const tk_queue *q, uint16_t id)
{
    int8_t i;
    for (i = 0; i < TK_QUEUE_SLOTS; i++)
        if (q->slot[i].state == TK_SLOT_LIVE && q->slot[i].id == id)
            return i;
    return -1;
}

int8_t tk_queue_alloc(const tk_queue *q)
{
    int8_t i;
    for (i = 0; i < TK_QUEUE_SLOTS; i++)
        if (q->slot[i].state == TK_SLOT_FREE)
            return i;
    return -1;
}

TK_NOINLINE static uint8_t count_state(const tk_queue *q, uint8_t state)
{
    uint8_t i, n = 0;
    for (i = 0; i < TK_QUEUE_SLOTS; i++)
        if (q->slot[i].state == state)
            n++;
    return n;
}

uint8_t tk_queue_live(const tk_queue *q)
{
    return count_state(q, TK_SLOT_LIVE);
}

uint8_t tk_queue_free_slots(const tk_queue *q)
{
    return count_state(q, TK_SLOT_FREE);
}

/*
 * Gives the live items the seqs 1..n in their present order, and the
 * rotation the number of live items at or before it. Why the rotation
 * then picks the same items: live seqs are distinct (a replacement takes
 * over its predecessor's seq and the predecessor leaves the rotation), so
 * the new seq of a live item is its rank k among them, and k > the new
 * rotation (the count of live seqs <= the old one) exactly when the old
 * seq > the old rotation; seq a < seq b is kept by the ranking itself.
 * Nothing compares seqs of items that are not live.
 * The items are taken in order of their old seq, each the smallest above
 * the last one taken (prev); an item renumbered to k had an old seq of at
 * least k (k distinct seqs from 1 up), so it is at most prev from then on
 * and never taken twice. With at most TK_QUEUE_SLOTS (64) live items the
 * counter restarts at n + 1, far from TK_SEQ_END.
 */
static void renumber(tk_queue *q, tk_seq *rotation)
{
    tk_seq prev = 0, k = 0, before = 0;
    for (;;) {
        tk_item *a, *min = 0;
        for (a = q->slot; a < q->slot + TK_QUEUE_SLOTS; a++)
            if (a->state == TK_SLOT_LIVE && a->seq > prev && (!min || a->seq < min->seq))
                min = a;
        if (!min)
            break;
        prev = min->seq;
        min->seq = ++k;
        if (prev <= *rotation)
            before = k;
    }
    *rotation = before;
    q->next_seq = (tk_seq)(k + 1u);
}

tk_seq tk_queue_new_seq(tk_queue *q, tk_seq *rotation)
{
    if (q->next_seq == TK_SEQ_END)
        renumber(q, rotation);
    return q->next_seq++;
}
