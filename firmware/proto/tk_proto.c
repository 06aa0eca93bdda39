/* tk_proto.c - framing, COBS and CRC for the wire protocol; see tk_proto.h. */
#include "tk_proto.h"

uint16_t tk_crc16(const uint8_t *data, uint16_t len)
{
    uint16_t crc = 0xFFFFu;
    uint16_t i;
    uint8_t bit;
    for (i = 0; i < len; i++) {
        crc ^= (uint16_t)(data[i] << 8);
        for (bit = 0; bit < 8; bit++)
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
    return crc;
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
 * than the run's length; code 0xFF marks a run of 254 with no zero after.
 */
uint16_t tk_proto_encode(const tk_frame *f, uint8_t *out)
{
    uint8_t raw[TK_PROTO_MAX_FRAME];
    uint16_t n = 0, i, o = 1, code_at = 0;
    uint8_t code = 1;
    uint16_t crc;

    if (f->len > TK_PROTO_MAX_PAYLOAD)
        return 0;
    raw[n++] = f->version;
    raw[n++] = f->type;
    raw[n++] = f->seq;
    for (i = 0; i < f->len; i++)
        raw[n++] = f->payload[i];
    crc = tk_crc16(raw, n);
    raw[n++] = (uint8_t)crc;
    raw[n++] = (uint8_t)(crc >> 8);

    for (i = 0; i < n; i++) {
        if (raw[i] == 0) {
            out[code_at] = code;
            code_at = o++;
            code = 1;
        } else {
            out[o++] = raw[i];
            if (++code == 0xFF) {
                out[code_at] = code;
                code_at = o++;
                code = 1;
            }
        }
    }
    out[code_at] = code;
    out[o++] = 0x00;
    return o;
}

void tk_proto_decoder_init(tk_proto_decoder *d)
{
    d->fill = 0;
    d->discarding = 0;
    d->stats.frames = 0;
    d->stats.crc_errors = 0;
    d->stats.framing = 0;
    d->stats.overflows = 0;
}

/* Decodes d->buf[0..fill) in place; returns the decoded length or -1. */
static int16_t cobs_decode_in_place(tk_proto_decoder *d)
{
    uint8_t *b = d->buf;
    uint16_t in = 0, out = 0;
    while (in < d->fill) {
        uint8_t code = b[in++];
        uint8_t k;
        if (code == 0 || in + code - 1u > d->fill)
            return -1;
        for (k = 1; k < code; k++)
            b[out++] = b[in++];
        if (code != 0xFF && in < d->fill)
            b[out++] = 0;
    }
    return (int16_t)out;
}

int tk_proto_feed(tk_proto_decoder *d, uint8_t byte, tk_frame *f)
{
    int16_t n;
    uint8_t i;

    if (byte != 0x00) {
        if (d->discarding)
            return 0;
        if (d->fill >= sizeof d->buf - 1u) {
            d->discarding = 1;
            d->stats.overflows++;
            return 0;
        }
        d->buf[d->fill++] = byte;
        return 0;
    }
    if (d->discarding || d->fill == 0) { /* end of junk, or an idle delimiter */
        d->discarding = 0;
        d->fill = 0;
        return 0;
    }
    n = cobs_decode_in_place(d);
    d->fill = 0;
    if (n < 5 || n > TK_PROTO_MAX_FRAME) {
        d->stats.framing++;
        return 0;
    }
    if (tk_crc16(d->buf, (uint16_t)(n - 2)) != tk_get16(d->buf + n - 2)) {
        d->stats.crc_errors++;
        return 0;
    }
    f->version = d->buf[0];
    f->type = d->buf[1];
    f->seq = d->buf[2];
    f->len = (uint8_t)(n - 5);
    for (i = 0; i < f->len; i++)
        f->payload[i] = d->buf[3 + i];
    d->stats.frames++;
    return 1;
}
