/*
 * link.h - the reliable link to one display: opens the port (and keeps
 * reopening it while it is unplugged), says HELLO, keeps the display's
 * playlist equal to the caller's by sending only differences, and
 * retransmits what is not answered.
 *
 * A non-blocking state machine, driven by the caller's poll loop:
 *
 *     closed -> opening -> hello -> ready
 *                  ^          |       |
 *                  +----------+-------+   lost, or not answering
 *
 * Each turn the caller polls link_fd() for link_poll_events() until
 * link_next_deadline_ms(), then calls link_on_readable(), link_on_writable()
 * and link_on_timer() with the time (clock_now_ms). Nothing in here sleeps.
 * One frame is outstanding at a time; the playlist is at most
 * LINK_MAX_ITEMS items of at most LINK_ITEM_MAX_BYTES each.
 */
#ifndef LINK_H
#define LINK_H

#include <stdint.h>

#include "msg.h"

#define LINK_MAX_ITEMS 64
#define LINK_ITEM_MAX_BYTES 1024
#define LINK_NEVER UINT64_MAX

typedef struct link_opts {
    uint32_t answer_ms;       /* wait for an answer, plus the frames' time on the line */
    uint8_t max_tries;        /* sends of one frame before "not answering" */
    uint32_t backoff_min_ms;  /* reopening waits from this ... */
    uint32_t backoff_max_ms;  /* ... doubling up to this */
    uint32_t heartbeat_ms;    /* say something this often when idle; 0 never */
    uint8_t hello_every;      /* every Nth idle frame is a HELLO, to notice a reset; 0 never */
    uint32_t retry_ms;        /* after a BUSY or FULL answer, try the item again this late */
} link_opts;

enum link_state {
    LINK_CLOSED = 0,
    LINK_OPENING,             /* waiting to (re)open the port */
    LINK_HELLO,               /* HELLO sent, waiting for CAPS */
    LINK_READY
};

enum link_item_status {
    LINK_ITEM_UNKNOWN = 0,    /* no such item */
    LINK_ITEM_PENDING,        /* not (yet) on the display as it is now */
    LINK_ITEM_SHOWN,          /* the display acknowledged it */
    LINK_ITEM_REJECTED        /* NAKed for good, or too long for the display */
};

typedef struct link_counters {
    unsigned long open_attempts;
    unsigned long frames_sent;    /* new frames, not counting retransmissions */
    unsigned long retransmits;
    unsigned long not_answering;  /* times the display was given up on */
    unsigned long connects;       /* CAPS after a (re)open */
    unsigned long resets_seen;    /* CAPS with a new boot id */
} link_counters;

typedef struct link_conn link_conn;

/* Each device EVENT, as it arrives. */
typedef void (*link_event_fn)(void *ctx, const msg_event *ev);

/* 150 ms answers, 8 tries, backoff 100 ms .. 5 s, heartbeat 5 s with every
   3rd a HELLO, retry after BUSY/FULL in 500 ms. */
void link_opts_default(link_opts *o);

/* A closed link to the port at path; opts NULL for the defaults. The caller
   owns the result and frees it with link_free(). NULL when out of memory or
   path is too long. */
link_conn *link_new(const char *path, const link_opts *opts);
void link_free(link_conn *l);

/* Starts opening the port (at once). */
void link_start(link_conn *l, uint64_t now_ms);

int link_fd(const link_conn *l);                 /* -1 while the port is closed */
short link_poll_events(const link_conn *l);      /* POLLIN, plus POLLOUT while a frame waits */
uint64_t link_next_deadline_ms(const link_conn *l); /* LINK_NEVER when nothing is timed */
/* Call when poll reported anything on link_fd() (POLLIN, POLLHUP, POLLERR). */
void link_on_readable(link_conn *l, uint64_t now_ms);
void link_on_writable(link_conn *l, uint64_t now_ms);
void link_on_timer(link_conn *l, uint64_t now_ms);

/*
 * The playlist. Items are copied in; the display gets an ITEM_PUT only for
 * a new or changed item and an ITEM_DEL for a deleted one. -1 when the text
 * is empty or longer than LINK_ITEM_MAX_BYTES, or the playlist is full.
 */
int link_set_item(link_conn *l, const msg_item *it);
/* Removes id; the display is told even when the link never sent it. */
int link_delete_item(link_conn *l, uint16_t id);
/* Empties the playlist and sends CLEAR, which also drops items put by others. */
void link_clear(link_conn *l);
void link_set_config(link_conn *l, const msg_config *cfg);
/* Asks for TELEMETRY; link_telemetry() has it when it comes. */
void link_query(link_conn *l);
int link_telemetry(const link_conn *l, msg_telemetry *out);
void link_set_event_fn(link_conn *l, link_event_fn fn, void *ctx);

enum link_state link_get_state(const link_conn *l);
const char *link_path(const link_conn *l);
/* The display's CAPS, or NULL before the first. */
const msg_caps *link_caps(const link_conn *l);
/* What became of id; *nak gets the display's last NAK reason for it, or 0. */
enum link_item_status link_item_status(const link_conn *l, uint16_t id, uint8_t *nak);
/* 1 when ready and the display holds the whole playlist: nothing of it
   waits (a heartbeat or a query on the line does not count). */
int link_synced(const link_conn *l);
/* Items the display has acknowledged, and items it refused. */
unsigned link_items_shown(const link_conn *l);
unsigned link_items_rejected(const link_conn *l);
const link_counters *link_get_counters(const link_conn *l);

#endif
