/* tk_proto.c - framing, COBS and CRC for the wire protocol; see tk_proto.h. */
#include "tk_proto.h"

uint16_t tk_crc16_update(uint16_t crc, const uint8_t *data, uint16_t len)
{
    uint16_t i;
    uint8_t bit;
    for (i = 0; i < len; i++) {
        crc ^= (uint16_t)(data[i] << 8);
        for (bit = 0; bit < 8; bit++)
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
    return crc;
}

uint16_t tk_crc16(const uint8_t *data, uint16_t len)
{
    return tk_crc16_update(0xFFFFu, data, len);
}

uint16_t tk_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t tk_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

void tk_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void tk_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/*
 * COBS: each run of non-zero bytes is preceded by a code byte, one more
 * than the run's length, and stands for the run and a zero after it (the
 * last run's zero is not there). A frame is shorter than 254 bytes, so no
 * run is long enough for the 0xFF code. The frame is written from out[1]
 * on; each zero in it becomes the code of the run after it, so the
 * encoding is done in place.
 */
uint8_t *tk_proto_start(uint8_t *out, uint8_t type, uint8_t seq)
{
    out[1] = TK_PROTO_VERSION;
    out[2] = type;
    out[3] = seq;
    return out + 4;
}

uint16_t tk_proto_seal(uint8_t *out, uint8_t len)
{
    uint8_t n = (uint8_t)(3 + len), i, code_at = 0;
    uint16_t crc = tk_crc16(out + 1, n);
    out[++n] = (uint8_t)crc;
    out[++n] = (uint8_t)(crc >> 8);
    for (i = 1; i <= n; i++) {
        if (out[i] == 0) {
            out[code_at] = (uint8_t)(i - code_at);
            code_at = i;
        }
    }
    out[code_at] = (uint8_t)(i - code_at);
    out[i] = 0x00;
    return (uint16_t)(i + 1u);
}

uint16_t tk_proto_encode(const tk_frame *f, uint8_t *out)
{
    uint8_t *p, i;
    if (f->len > TK_PROTO_FRAME_PAYLOAD)
        return 0;
    p = tk_proto_start(out, f->type, f->seq);
    out[1] = f->version;
    for (i = 0; i < f->len; i++)
        p[i] = f->payload[i];
    return tk_proto_seal(out, f->len);
}

enum { IDLE, IN_FRAME, DISCARDING };

void tk_proto_decoder_init(tk_proto_decoder *d)
{
    d->fill = 0;
    d->left = 0;
    d->zero = 0;
    d->state = IDLE;
    d->stats.frames = 0;
    d->stats.crc_errors = 0;
    d->stats.framing = 0;
    d->stats.overflows = 0;
}

/* The frame's bytes from its version on, as they came: version, type,
   seq, payload, CRC (tk_frame keeps them in that order). */
static uint8_t *wire_bytes(tk_frame *f)
{
    return (uint8_t *)f + 1;
}

/* Appends one decoded byte to the frame: 0, or -1 when it is too long. */
static int store(tk_proto_decoder *d, uint8_t b)
{
    if (d->fill >= TK_PROTO_FRAME_BYTES)
        return -1;
    wire_bytes(&d->frame)[d->fill++] = b;
    return 0;
}

/* The delimiter ended a frame of d->fill decoded bytes: checks it. */
static const tk_frame *finish(tk_proto_decoder *d, uint8_t cut)
{
    tk_frame *f = &d->frame;
    uint8_t n = (uint8_t)(d->fill - 2u); /* before the CRC */
    if (cut || d->fill < 5) { /* a run cut short, or too short */
        d->stats.framing++;
        return 0;
    }
    f->len = (uint8_t)(n - 3u);
    if (tk_crc16(wire_bytes(f), n) != tk_get16(wire_bytes(f) + n)) {
        d->stats.crc_errors++;
        return 0;
    }
    d->stats.frames++;
    return f;
}

const tk_frame *tk_proto_take(tk_proto_decoder *d, uint8_t byte)
{
    uint8_t state = d->state, left = d->left;
    if (byte == 0x00) {
        const tk_frame *f = 0;
        d->state = IDLE;
        d->left = 0;
        d->zero = 0;
        if (state == IN_FRAME) /* else the end of junk, or an idle delimiter */
            f = finish(d, left);
        d->fill = 0;
        return f;
    }
    if (state == DISCARDING)
        return 0;
    d->state = IN_FRAME;
    if (left == 0) { /* a code: the last run's zero was real */
        if (d->zero && store(d, 0) != 0)
            goto overflow;
        d->left = (uint8_t)(byte - 1u);
        d->zero = byte != 0xFF;
    } else {
        if (store(d, byte) != 0)
            goto overflow;
        d->left--;
    }
    return 0;
overflow:
    d->state = DISCARDING;
    d->stats.overflows++;
    return 0;
}

int tk_proto_feed(tk_proto_decoder *d, uint8_t byte, tk_frame *f)
{
    const tk_frame *got = tk_proto_take(d, byte);
    if (!got)
        return 0;
    *f = *got;
    return 1;
}
