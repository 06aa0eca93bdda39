/* tk_queue.c - see tk_queue.h. */
#include "tk_queue.h"

void tk_queue_init(tk_queue *q)
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

static uint8_t count_state(const tk_queue *q, uint8_t state)
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
