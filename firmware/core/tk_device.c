/* tk_device.c - see tk_device.h; the message layouts are specified in
   firmware/README.md. */
#include "tk_device.h"
#include "tk_font.h"

#define CAPS_BYTES 19
#define TELEMETRY_BYTES 30
#define CONFIG_FIXED 10
#define EVENT_BYTES 7

/* The answer is built where it fits at the buffer's end (tk_device.h). */
typedef char tk_device_answer_fits[TK_PROTO_WIRE(TELEMETRY_BYTES) <= TK_DEVICE_OUT_END ? 1 : -1];

void tk_device_init(tk_device *d, tk_ticker *ticker, uint32_t boot_id)
{
    tk_zero(d, sizeof *d); /* every counter */
    d->ticker = ticker;
    tk_proto_decoder_init(&d->decoder);
    d->boot_id = boot_id;
    d->out_at = TK_DEVICE_OUT_END;
}

/* The decoder's frame, as bytes: the outgoing buffer too. */
static uint8_t *buffer(tk_device *d)
{
    return (uint8_t *)&d->decoder.frame;
}

/* Where a frame of len payload bytes starts when it ends the buffer. */
static uint8_t out_start(uint8_t len)
{
    return (uint8_t)(TK_DEVICE_OUT_END - TK_PROTO_WIRE(len));
}

/*
 * Starts a frame of len payload bytes at the end of the buffer and returns
 * where its payload goes, to be filled before send(). Only when nothing
 * waits to be sent and the frame being decoded is clear of that end: the
 * frame is encoded in place, so no copy of it is ever made.
 */
TK_NOINLINE static uint8_t *reply(tk_device *d, uint8_t type, uint8_t seq, uint8_t len)
{
    return tk_proto_start(buffer(d) + out_start(len), type, seq);
}

TK_NOINLINE static void send(tk_device *d, uint8_t len)
{
    uint8_t at = out_start(len);
    tk_proto_seal(buffer(d) + at, len);
    d->out_at = at;
}

static void answer(tk_device *d, uint8_t seq, uint8_t nak)
{
    uint8_t len = nak ? 1 : 0;
    uint8_t *p = reply(d, nak ? TK_MSG_NAK : TK_MSG_ACK, seq, len);
    p[0] = nak;
    send(d, len);
}

static void send_caps(tk_device *d, uint8_t seq)
{
    const tk_ticker *t = d->ticker;
    uint8_t *p = reply(d, TK_MSG_CAPS, seq, CAPS_BYTES);
    p[0] = TK_PROTO_VERSION;
    tk_put16(p + 1, t->width);
    p[3] = t->height;
    p[4] = tk_font_height(t->font);
    tk_put32(p + 5, tk_font_coverage(t->font));
    tk_put16(p + 9, tk_font_glyph_count(t->font));
    p[11] = TK_QUEUE_SLOTS;
    tk_put16(p + 12, TK_ITEM_MAX_BYTES);
    p[14] = TK_PROTO_FRAME_PAYLOAD;
    tk_put32(p + 15, d->boot_id);
    send(d, CAPS_BYTES);
}

static uint16_t clamp16(uint32_t v)
{
    return v > 0xFFFFu ? 0xFFFFu : (uint16_t)v;
}

static void send_telemetry(tk_device *d, uint8_t seq, uint32_t now_ms)
{
    const tk_ticker *t = d->ticker;
    const tk_proto_stats *s = &d->decoder.stats;
    uint8_t *p = reply(d, TK_MSG_TELEMETRY, seq, TELEMETRY_BYTES);
    tk_put32(p + 0, now_ms);
    tk_put32(p + 4, t->stats.frames);
    tk_put32(p + 8, d->late_frames);
    tk_put32(p + 12, d->worst_frame_us);
    tk_put16(p + 16, d->rx_errors);
    tk_put16(p + 18, s->crc_errors);
    tk_put16(p + 20, s->framing);
    tk_put16(p + 22, s->overflows);
    tk_put16(p + 24, t->stats.missing_glyphs);
    p[26] = tk_queue_live(&t->queue);
    p[27] = tk_queue_free_slots(&t->queue);
    tk_put16(p + 28, t->stats.event_overflows);
    send(d, TELEMETRY_BYTES);
}

/* The errors' values are the NAK reasons' negatives (tk_err.h). */
typedef char tk_device_err_is_nak[(TK_ERR_FULL == -TK_NAK_FULL && TK_ERR_BUSY == -TK_NAK_BUSY &&
                                   TK_ERR_TOO_LONG == -TK_NAK_TOO_LONG &&
                                   TK_ERR_ORDER == -TK_NAK_OUT_OF_ORDER &&
                                   TK_ERR_INVALID == -TK_NAK_INVALID) ? 1 : -1];

static uint8_t nak_for(tk_err err)
{
    return err == TK_ERR_NOT_FOUND ? 0 : (uint8_t)-err; /* see tk_err.h */
}

static uint8_t apply_put(tk_device *d, const tk_frame *f, uint32_t now_ms)
{
    const uint8_t *p = f->payload;
    tk_put part;
    if (f->len < TK_PUT_HEADER)
        return TK_NAK_BAD_LENGTH;
    part.id = tk_get16(p);
    part.flags = (p[2] & TK_PUT_BREAKING) ? TK_ITEM_BREAKING : 0;
    part.passes = p[3];
    part.ttl_s = tk_get16(p + 4);
    part.text = p + TK_PUT_HEADER;
    part.len = (uint16_t)(f->len - TK_PUT_HEADER);
    return nak_for(tk_ticker_put_part(d->ticker, &part, tk_get16(p + 6), tk_get16(p + 8), now_ms));
}

static uint8_t apply_config(tk_device *d, const tk_frame *f)
{
    const uint8_t *p = f->payload;
    tk_settings set;
    uint8_t sep_len, idle_len;
    if (f->len < CONFIG_FIXED + 2)
        return TK_NAK_BAD_LENGTH;
    sep_len = p[CONFIG_FIXED];
    if (f->len < CONFIG_FIXED + 2 + sep_len)
        return TK_NAK_BAD_LENGTH;
    idle_len = p[CONFIG_FIXED + 1 + sep_len];
    if (f->len != CONFIG_FIXED + 2 + sep_len + idle_len)
        return TK_NAK_BAD_LENGTH;
    if (sep_len > TK_SEPARATOR_MAX_BYTES || idle_len > TK_IDLE_MAX_BYTES)
        return TK_NAK_TOO_LONG;
    set.speed = tk_get16(p);
    set.pause_ms = tk_get16(p + 2);
    set.brightness = p[4];
    set.breaking_passes = p[5];
    set.stale_s = tk_get16(p + 6);
    /* bytes 8..9 are reserved and must be zero, so they can mean something later */
    if (tk_get16(p + 8) != 0 || set.breaking_passes == 0 ||
        tk_ticker_configure(d->ticker, &set) != TK_OK)
        return TK_NAK_INVALID;
    tk_ticker_set_separator(d->ticker, p + CONFIG_FIXED + 1, sep_len);
    tk_ticker_set_idle(d->ticker, p + CONFIG_FIXED + 2 + sep_len, idle_len);
    return 0;
}

/* Applies a state-changing frame; returns 0 for ACK or the NAK reason. */
static uint8_t apply(tk_device *d, const tk_frame *f, uint32_t now_ms)
{
    switch (f->type) {
    case TK_MSG_ITEM_PUT:
        return apply_put(d, f, now_ms);
    case TK_MSG_ITEM_DEL:
        if (f->len != 2)
            return TK_NAK_BAD_LENGTH;
        return nak_for(tk_ticker_delete(d->ticker, tk_get16(f->payload)));
    case TK_MSG_CLEAR:
        if (f->len != 0)
            return TK_NAK_BAD_LENGTH;
        tk_ticker_clear(d->ticker);
        return 0;
    case TK_MSG_CONFIG:
        return apply_config(d, f);
    case TK_MSG_HEARTBEAT:
        return f->len == 0 ? 0 : TK_NAK_BAD_LENGTH;
    default:
        return TK_NAK_BAD_TYPE;
    }
}

static void handle(tk_device *d, const tk_frame *f, uint32_t now_ms)
{
    uint8_t nak;
    tk_ticker_heard(d->ticker, now_ms);
    if (f->version != TK_PROTO_VERSION) {
        answer(d, f->seq, TK_NAK_BAD_VERSION);
        return;
    }
    if (f->type == TK_MSG_HELLO) {
        d->last_type = 0; /* a new conversation: its seqs owe nothing to the last */
        send_caps(d, f->seq);
        return;
    }
    if (f->type == TK_MSG_QUERY) {
        send_telemetry(d, f->seq, now_ms);
        return;
    }
    /* last_type 0: none yet (a type-0 frame is only ever NAKed, so its
       repeat is NAKed the same way without being remembered). */
    if (d->last_type != 0 && f->seq == d->last_seq && f->type == d->last_type) {
        answer(d, f->seq, d->last_nak); /* our answer was lost: repeat it */
        return;
    }
    nak = apply(d, f, now_ms);
    d->last_seq = f->seq;
    d->last_type = f->type;
    d->last_nak = nak;
    answer(d, f->seq, nak);
}

int tk_device_rx(tk_device *d, uint8_t byte, uint32_t now_ms)
{
    const tk_proto_decoder *dec = &d->decoder;
    uint16_t bad;
    const tk_frame *f;
    /* While bytes wait at the buffer's end: no frame may end (its answer
       needs that room) and the frame being decoded must not reach them
       (its next byte goes at offset fill + 1). */
    if (d->out_at != TK_DEVICE_OUT_END && (byte == 0x00 || dec->fill + 2u > d->out_at))
        return 0;
    bad = (uint16_t)(dec->stats.crc_errors + dec->stats.framing);
    f = tk_proto_take(&d->decoder, byte);
    if (f) {
        handle(d, f, now_ms);
    } else if ((uint16_t)(dec->stats.crc_errors + dec->stats.framing) != bad) {
        /* A frame arrived damaged: say so at once (its seq cannot be
           trusted), so the host resends without waiting for its time-out
           and knows the display is alive behind a noisy line. */
        answer(d, TK_PROTO_SEQ_NONE, TK_NAK_BAD_FRAME);
    }
    return 1;
}

void tk_device_poll(tk_device *d)
{
    tk_event ev;
    /* Room: nothing waiting, and the frame being decoded short of where
       the event would start. */
    if (d->out_at == TK_DEVICE_OUT_END &&
        d->decoder.fill + 2u <= out_start(EVENT_BYTES) &&
        tk_ticker_next_event(d->ticker, &ev)) {
        uint8_t *p = reply(d, TK_MSG_EVENT, d->event_seq++, EVENT_BYTES);
        p[0] = ev.kind;
        tk_put16(p + 1, ev.id);
        tk_put32(p + 3, ev.arg);
        send(d, EVENT_BYTES);
    }
}

uint16_t tk_device_output(tk_device *d, uint8_t *buf, uint16_t cap)
{
    const uint8_t *out = buffer(d);
    uint16_t n = 0;
    while (n < cap && d->out_at < TK_DEVICE_OUT_END)
        buf[n++] = out[d->out_at++];
    return n;
}

void tk_device_frame_timing(tk_device *d, uint32_t work_us, int late)
{
    if (late && d->late_frames != 0xFFFFu)
        d->late_frames++;
    if (work_us > d->worst_frame_us)
        d->worst_frame_us = clamp16(work_us);
}
