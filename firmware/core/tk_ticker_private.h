/*
 * tk_ticker_private.h - what tk_ticker.c and tk_frame.c share and nobody
 * else may call.
 */
#ifndef TK_TICKER_PRIVATE_H
#define TK_TICKER_PRIVATE_H

#include "tk_ticker.h"

/* Queues an event for the host; counts it as lost when the ring is full.
   kind is below 8 and arg below 1 << TK_EVENT_ARG_BITS (tk_ticker.h). */
void tk_ticker_push_event(tk_ticker *t, uint8_t kind, uint16_t id, uint32_t arg);
/* Raises TK_EVENT_QUEUE_LOW when fewer than 2 items remain. */
void tk_ticker_check_low(tk_ticker *t);
/* The screen no longer draws slot: unpin it, free it if it was retired. */
void tk_ticker_release(tk_ticker *t, int8_t slot);
/* The item leaves the rotation: on screen it finishes its pass (retired),
   off screen it goes now (free). */
void tk_ticker_retire(tk_item *item);
/* Empties the strip; the next item enters at the right edge. */
void tk_ticker_restart_strip(tk_ticker *t);

#endif
