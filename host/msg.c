/* msg.c - see msg.h; the byte layouts are firmware/README.md's. */
#include <string.h>

#include "msg.h"
#include "tk_ticker.h"

static void start(tk_frame *f, uint8_t type, uint8_t seq, uint8_t len)
{
    f->version = TK_PROTO_VERSION;
    f->type = type;
    f->seq = seq;
    f->len = len;
}

void msg_empty(tk_frame *f, uint8_t type, uint8_t seq)
{
    start(f, type, seq, 0);
}

void msg_del(tk_frame *f, uint8_t seq, uint16_t id)
{
    start(f, TK_MSG_ITEM_DEL, seq, 2);
    tk_put16(f->payload, id);
}

uint16_t msg_part_max(uint8_t max_payload)
{
    if (max_payload <= TK_PUT_HEADER)
        return 1; /* a display that small is broken; still make progress */
    if (max_payload > TK_PROTO_MAX_PAYLOAD)
        max_payload = TK_PROTO_MAX_PAYLOAD;
    return (uint16_t)(max_payload - TK_PUT_HEADER);
}

uint16_t msg_put_parts(uint16_t len, uint16_t part_max)
{
    if (len == 0)
        return 1;
    return (uint16_t)((len + part_max - 1u) / part_max);
}

uint16_t msg_put_part(tk_frame *f, uint8_t seq, const msg_item *it, uint16_t offset,
                      uint16_t part_max)
{
    uint16_t n = 0;
    if (offset < it->len)
        n = (uint16_t)(it->len - offset);
    if (n > part_max)
        n = part_max;
    if (n > TK_PUT_MAX_PART)
        n = TK_PUT_MAX_PART;
    start(f, TK_MSG_ITEM_PUT, seq, (uint8_t)(TK_PUT_HEADER + n));
    tk_put16(f->payload, it->id);
    f->payload[2] = it->flags;
    f->payload[3] = it->passes;
    tk_put16(f->payload + 4, it->ttl_s);
    tk_put16(f->payload + 6, it->len);
    tk_put16(f->payload + 8, offset);
    if (n)
        memcpy(f->payload + TK_PUT_HEADER, it->text + offset, n);
    return n;
}

int msg_config_frame(tk_frame *f, uint8_t seq, const msg_config *c)
{
    uint8_t *p = f->payload;
    if (c->separator_len > MSG_SEPARATOR_MAX || c->idle_len > MSG_IDLE_MAX)
        return -1;
    start(f, TK_MSG_CONFIG, seq, (uint8_t)(12 + c->separator_len + c->idle_len));
    tk_put16(p, c->speed);
    tk_put16(p + 2, c->pause_ms);
    p[4] = c->brightness;
    p[5] = c->passes;
    tk_put16(p + 6, c->stale_s);
    tk_put16(p + 8, 0);
    p[10] = c->separator_len;
    memcpy(p + 11, c->separator, c->separator_len);
    p[11 + c->separator_len] = c->idle_len;
    memcpy(p + 12 + c->separator_len, c->idle, c->idle_len);
    return 0;
}

int msg_parse_caps(const tk_frame *f, msg_caps *c)
{
    const uint8_t *p = f->payload;
    /* a later protocol may append fields: read what we know */
    if (f->type != TK_MSG_CAPS || f->len < MSG_CAPS_BYTES)
        return -1;
    c->version = p[0];
    c->width = tk_get16(p + 1);
    c->height = p[3];
    c->font_height = p[4];
    c->coverage = tk_get32(p + 5);
    c->glyphs = tk_get16(p + 9);
    c->slots = p[11];
    c->max_item = tk_get16(p + 12);
    c->max_payload = p[14];
    c->boot_id = tk_get32(p + 15);
    return 0;
}

int msg_parse_telemetry(const tk_frame *f, msg_telemetry *t)
{
    const uint8_t *p = f->payload;
    if (f->type != TK_MSG_TELEMETRY || f->len < MSG_TELEMETRY_BYTES)
        return -1;
    t->uptime_ms = tk_get32(p);
    t->frames = tk_get32(p + 4);
    t->late_frames = tk_get32(p + 8);
    t->worst_frame_us = tk_get32(p + 12);
    t->uart_errors = tk_get16(p + 16);
    t->crc_errors = tk_get16(p + 18);
    t->framing_errors = tk_get16(p + 20);
    t->overflows = tk_get16(p + 22);
    t->missing_glyphs = tk_get16(p + 24);
    t->live_items = p[26];
    t->free_slots = p[27];
    t->events_lost = tk_get16(p + 28);
    return 0;
}

int msg_parse_event(const tk_frame *f, msg_event *e)
{
    if (f->type != TK_MSG_EVENT || f->len < MSG_EVENT_BYTES)
        return -1;
    e->kind = f->payload[0];
    e->id = tk_get16(f->payload + 1);
    e->arg = tk_get32(f->payload + 3);
    return 0;
}

const char *msg_nak_name(uint8_t reason)
{
    switch (reason) {
    case TK_NAK_BAD_VERSION: return "bad protocol version";
    case TK_NAK_BAD_TYPE: return "unknown message type";
    case TK_NAK_BAD_LENGTH: return "bad length";
    case TK_NAK_FULL: return "queue full";
    case TK_NAK_BUSY: return "busy";
    case TK_NAK_TOO_LONG: return "too long";
    case TK_NAK_OUT_OF_ORDER: return "part out of order";
    case TK_NAK_INVALID: return "invalid value";
    case TK_NAK_BAD_FRAME: return "damaged frame";
    default: return "unknown reason";
    }
}

const char *msg_event_name(uint8_t kind)
{
    switch (kind) {
    case TK_EVENT_ITEM_STARTED: return "item started";
    case TK_EVENT_ITEM_FINISHED: return "item finished";
    case TK_EVENT_QUEUE_LOW: return "queue low";
    case TK_EVENT_GLYPH_MISSING: return "glyph missing";
    default: return "unknown event";
    }
}
