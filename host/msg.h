/*
 * msg.h - the host's side of the wire messages: builds each host-to-device
 * frame and reads each device-to-host payload, as firmware/README.md
 * specifies them. Framing, COBS and CRC are tk_proto's.
 */
#ifndef MSG_H
#define MSG_H

#include <stdint.h>
#include "tk_proto.h"

#define MSG_CAPS_BYTES 19
#define MSG_TELEMETRY_BYTES 30
#define MSG_EVENT_BYTES 7
#define MSG_SEPARATOR_MAX 8
#define MSG_IDLE_MAX 32

/* An item as ITEM_PUT carries it; text is not owned. */
typedef struct msg_item {
    uint16_t id;
    uint8_t flags;          /* TK_PUT_BREAKING */
    uint8_t passes;         /* of a breaking item; 0: the display's setting */
    uint16_t ttl_s;         /* 0: never expires */
    const uint8_t *text;    /* UTF-8 */
    uint16_t len;
} msg_item;

typedef struct msg_config {
    uint16_t speed;         /* pixels per second, 1..1000 */
    uint16_t pause_ms;
    uint8_t brightness;     /* 0..15 */
    uint8_t passes;         /* default passes of a breaking item, 1..255 */
    uint16_t stale_s;       /* 0: never stale */
    uint8_t separator[MSG_SEPARATOR_MAX];
    uint8_t separator_len;
    uint8_t idle[MSG_IDLE_MAX];
    uint8_t idle_len;
} msg_config;

typedef struct msg_caps {
    uint8_t version;
    uint16_t width;
    uint8_t height;
    uint8_t font_height;
    uint32_t coverage;      /* FNV-1a of the font's code points */
    uint16_t glyphs;
    uint8_t slots;
    uint16_t max_item;      /* bytes of one item's text */
    uint8_t max_payload;
    uint32_t boot_id;
} msg_caps;

typedef struct msg_telemetry {
    uint32_t uptime_ms, frames, late_frames, worst_frame_us;
    uint16_t uart_errors, crc_errors, framing_errors, overflows, missing_glyphs;
    uint8_t live_items, free_slots;
    uint16_t events_lost;
} msg_telemetry;

typedef struct msg_event {
    uint8_t kind;           /* enum tk_event_kind */
    uint16_t id;
    uint32_t arg;
} msg_event;

/* A frame with no payload: HELLO, CLEAR, HEARTBEAT, QUERY. */
void msg_empty(tk_frame *f, uint8_t type, uint8_t seq);
void msg_del(tk_frame *f, uint8_t seq, uint16_t id);

/* Text bytes per ITEM_PUT part when frames carry max_payload bytes. */
uint16_t msg_part_max(uint8_t max_payload);
/* Parts an item of len bytes takes at part_max bytes each (at least one). */
uint16_t msg_put_parts(uint16_t len, uint16_t part_max);
/* The ITEM_PUT part of it that starts at offset; returns its text bytes. */
uint16_t msg_put_part(tk_frame *f, uint8_t seq, const msg_item *it, uint16_t offset,
                      uint16_t part_max);

/* CONFIG; -1 when the separator or idle text is too long. */
int msg_config_frame(tk_frame *f, uint8_t seq, const msg_config *c);

/* Each reads a device-to-host payload; -1 when its length is wrong. */
int msg_parse_caps(const tk_frame *f, msg_caps *c);
int msg_parse_telemetry(const tk_frame *f, msg_telemetry *t);
int msg_parse_event(const tk_frame *f, msg_event *e);

/* Words for log lines: "queue full", "item started". */
const char *msg_nak_name(uint8_t reason);
const char *msg_event_name(uint8_t kind);

#endif
