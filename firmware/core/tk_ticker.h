/*
 * tk_ticker.h - the ticker: what to show, when, and drawing it.
 *
 * It owns the item queue and the marquee and applies the display's rules:
 * a continuous rotation in put order; a breaking item pre-empts at once,
 * shows its passes, then the rotation resumes at the item it interrupted;
 * items expire by TTL; a lone item that fits stands still, centred, and an
 * item that fits pauses at the left edge; with no host heartbeat for a
 * while a corner pixel blinks; with nothing queued the idle text shows.
 *
 * Nothing here blocks or allocates: the port calls tk_ticker_frame() with
 * the time and flushes the frame buffer it fills.
 */
#ifndef TK_TICKER_H
#define TK_TICKER_H

#include <stdint.h>
#include "tk_config.h"
#include "tk_err.h"
#include "tk_fb.h"
#include "tk_marquee.h"
#include "tk_queue.h"

enum tk_event_kind {
    TK_EVENT_ITEM_STARTED = 1,  /* id entered the screen */
    TK_EVENT_ITEM_FINISHED = 2, /* id left the screen */
    TK_EVENT_QUEUE_LOW = 3,     /* arg: live items left, now below 2 */
    TK_EVENT_GLYPH_MISSING = 4  /* id's text has arg, a code point the font lacks */
};

typedef struct tk_event {
    uint8_t kind;   /* enum tk_event_kind */
    uint16_t id;
    uint32_t arg;
} tk_event;

/* An event as the ticker keeps it until it is taken: 5 bytes, not 7. The
   kind goes in the top 3 bits of 24, the arg (a count or a code point, at
   most U+10FFFF: 21 bits) in the rest. */
#define TK_EVENT_ARG_BITS 21
typedef struct tk_event_packed {
    uint16_t id;
    uint8_t kind_arg[3]; /* little-endian */
} tk_event_packed;

typedef struct tk_settings {
    uint16_t speed;           /* pixels per second, 1..1000 */
    uint16_t pause_ms;        /* an item that fits waits this long at the left */
    uint8_t brightness;       /* 0..15, applied by the display driver */
    uint8_t breaking_passes;  /* passes of a breaking item whose put gives 0 */
    uint16_t stale_s;         /* no heartbeat this many seconds: stale; 0 never
                                 (CONFIG's unit; 2 bytes of RAM, not 4) */
} tk_settings;

typedef struct tk_put {
    uint16_t id;
    uint8_t flags;            /* TK_ITEM_BREAKING */
    uint8_t passes;           /* for a breaking item; 0: the setting */
    uint16_t ttl_s;           /* 0: until deleted */
    const uint8_t *text;      /* UTF-8, copied in */
    uint16_t len;
} tk_put;

typedef struct tk_ticker_stats {
    uint32_t frames;
    uint16_t missing_glyphs;  /* placeholders in the items and parts put so far,
                                 counted as each part is measured; saturating
                                 (TELEMETRY carries 16 bits) */
    uint16_t event_overflows; /* events dropped because nobody drained them */
} tk_ticker_stats;

typedef struct tk_ticker {
    const uint8_t *font;
    tk_queue queue;
    tk_marquee marquee;
    tk_settings set;
    uint16_t width;
    uint8_t height;
    uint8_t y;                /* rows above the text, to centre the font */
    uint8_t separator[TK_SEPARATOR_MAX_BYTES];
    uint8_t separator_len;
    uint16_t separator_width;
    uint8_t idle[TK_IDLE_MAX_BYTES];
    uint8_t idle_len;         /* measured when it enters the strip (rarely) */
    tk_seq rotation_seq;      /* seq of the last item started; next is after it */
    int8_t staging_slot;      /* slot of an item arriving in parts, or -1 */
    uint16_t staging_total;   /* its length when whole */
    uint32_t last_frame_ms;
    uint32_t last_heard_ms;
    uint32_t hold_until_ms;
    /* Flags as bits: one byte of RAM for the six. */
    unsigned holding : 1;     /* 1 while a fitting item pauses */
    unsigned framed : 1;      /* 1 after the first frame */
    unsigned low : 1;         /* 1 while the queue-low event stands */
    unsigned dirty : 1;       /* the next frame must be drawn whole */
    unsigned drawn_still : 1; /* what the last frame showed: a lone still item, */
    unsigned drawn_stale : 1; /* the stale marker, */
    tk_px drawn_offset;       /* the strip's offset, */
    const tk_fb *drawn_fb;    /* in this buffer */
    tk_event_packed event[TK_TICKER_EVENTS];
    uint8_t event_head, event_count;
    tk_ticker_stats stats;
} tk_ticker;

/* Sets n bytes at p to zero: the core's start-up of its state structs. */
void tk_zero(void *p, uint16_t n);

/* Defaults: 24 px/s, 1.5 s pause, brightness 4, 3 breaking passes, stale after 30 s. */
void tk_settings_default(tk_settings *set);

/* TK_ERR_INVALID when the geometry exceeds the build or the font is taller
   than the display. The separator starts as " • " and the idle text empty. */
tk_err tk_ticker_init(tk_ticker *t, const uint8_t *font, uint16_t width, uint8_t height,
                      uint32_t now_ms);
tk_err tk_ticker_configure(tk_ticker *t, const tk_settings *set);
tk_err tk_ticker_set_separator(tk_ticker *t, const uint8_t *text, uint16_t len);
tk_err tk_ticker_set_idle(tk_ticker *t, const uint8_t *text, uint16_t len);

/*
 * Adds the item, or replaces the live item with the same id at once. A put
 * that changes nothing (the host re-sending its playlist) only renews the
 * TTL and leaves the screen alone.
 */
tk_err tk_ticker_put(tk_ticker *t, const tk_put *put, uint32_t now_ms);
/*
 * One part of an item of total bytes, starting at offset; part->text and
 * part->len are this part's bytes. Parts come in order; the item is
 * assembled in a spare slot and put only when whole. TK_ERR_ORDER for a
 * part that does not continue the item being assembled.
 */
tk_err tk_ticker_put_part(tk_ticker *t, const tk_put *part, uint16_t total, uint16_t offset,
                          uint32_t now_ms);
tk_err tk_ticker_delete(tk_ticker *t, uint16_t id);
void tk_ticker_clear(tk_ticker *t);

/* The host was heard from: clears the stale marker. */
void tk_ticker_heard(tk_ticker *t, uint32_t now_ms);
int tk_ticker_is_stale(const tk_ticker *t, uint32_t now_ms);

/*
 * Moves time on to now_ms and brings fb up to date: the frame is whole
 * each time, but only what changed is drawn, so fb must be the buffer of
 * the last frame, left as it was (another buffer means a full redraw).
 * Returns 1 when fb changed, 0 when it is as it was (nothing to flush);
 * fb->changed says which rows this frame changed.
 */
int tk_ticker_frame(tk_ticker *t, uint32_t now_ms, tk_fb *fb);

/* The i-th pending event (0: the oldest), left in place; 0 when there are
   fewer. */
int tk_ticker_peek_event(const tk_ticker *t, uint8_t i, tk_event *ev);
/* Takes the oldest pending event; 0 when there is none. */
int tk_ticker_next_event(tk_ticker *t, tk_event *ev);

#endif
