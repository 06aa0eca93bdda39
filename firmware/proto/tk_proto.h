/*
 * tk_proto.h - the ledticker wire protocol, shared by the host and the
 * firmware. firmware/README.md is the specification, byte by byte; this
 * header and tk_proto.c are its one implementation, used on both sides.
 *
 * A frame is version, type, sequence number, payload and a CRC-16, COBS
 * encoded and ended by a 0x00 byte. The decoder takes one byte at a time,
 * allocates nothing, never writes past its buffer, and after any noise
 * picks up again at the next 0x00.
 *
 * C99, freestanding-friendly: no malloc, no stdio.
 */
#ifndef TK_PROTO_H
#define TK_PROTO_H

#include <stdint.h>

#define TK_PROTO_VERSION 1
#define TK_PROTO_MAX_PAYLOAD 64
/* version + type + seq + payload + CRC */
#define TK_PROTO_MAX_FRAME (3 + TK_PROTO_MAX_PAYLOAD + 2)
/* The same for what a tk_frame of this build holds (below). */
#define TK_PROTO_FRAME_BYTES (3 + TK_PROTO_FRAME_PAYLOAD + 2)
/* A frame of n payload bytes on the line: COBS adds one code byte (a
   frame is shorter than 254 bytes, so only one), then the 0x00 delimiter. */
#define TK_PROTO_WIRE(n) (3 + (n) + 2 + 1 + 1)
#define TK_PROTO_MAX_WIRE TK_PROTO_WIRE(TK_PROTO_MAX_PAYLOAD)
/*
 * Payload bytes a tk_frame of this build holds, so the most a decoder
 * takes: all of them unless a device short of RAM takes less. Such a
 * device says so in CAPS (max payload) and the host sizes item parts from
 * that; it must still take the largest CONFIG (TK_PROTO_CONFIG_MAX).
 */
#define TK_PROTO_CONFIG_MAX (10 + 1 + 8 + 1 + 32)
#ifndef TK_PROTO_FRAME_PAYLOAD
#define TK_PROTO_FRAME_PAYLOAD TK_PROTO_MAX_PAYLOAD
#endif
#if TK_PROTO_FRAME_PAYLOAD < TK_PROTO_CONFIG_MAX || TK_PROTO_FRAME_PAYLOAD > TK_PROTO_MAX_PAYLOAD
#error "TK_PROTO_FRAME_PAYLOAD must be 52..64: every CONFIG must fit, and no frame is longer."
#endif
#if TK_PROTO_MAX_FRAME > 253
#error "TK_PROTO_MAX_FRAME must stay below 254 bytes: the COBS code here writes one code per zero."
#endif

enum tk_proto_type {
    /* host -> device; every one is answered (ACK, NAK, CAPS or TELEMETRY) */
    TK_MSG_HELLO = 0x01,
    TK_MSG_ITEM_PUT = 0x02,
    TK_MSG_ITEM_DEL = 0x03,
    TK_MSG_CLEAR = 0x04,
    TK_MSG_CONFIG = 0x05,
    TK_MSG_HEARTBEAT = 0x06,
    TK_MSG_QUERY = 0x07,
    /* device -> host */
    TK_MSG_ACK = 0x80,
    TK_MSG_NAK = 0x81,
    TK_MSG_CAPS = 0x82,
    TK_MSG_EVENT = 0x83,
    TK_MSG_TELEMETRY = 0x84
};

enum tk_proto_nak {
    TK_NAK_BAD_VERSION = 1,
    TK_NAK_BAD_TYPE = 2,
    TK_NAK_BAD_LENGTH = 3,
    TK_NAK_FULL = 4,
    TK_NAK_BUSY = 5,
    TK_NAK_TOO_LONG = 6,
    TK_NAK_OUT_OF_ORDER = 7,
    TK_NAK_INVALID = 8,
    TK_NAK_BAD_FRAME = 9  /* a damaged frame arrived; seq is TK_PROTO_SEQ_NONE */
};

/* The seq of a NAK that answers a frame too damaged to read its seq. */
#define TK_PROTO_SEQ_NONE 0xFF

/* ITEM_PUT: fixed fields before the text part. */
#define TK_PUT_HEADER 10
#define TK_PUT_MAX_PART (TK_PROTO_MAX_PAYLOAD - TK_PUT_HEADER)
#define TK_PUT_BREAKING 0x01

/* len first: the frame's bytes as on the line (before COBS) follow it
   without a gap, so the decoder stores and checks them as one run. */
typedef struct tk_frame {
    uint8_t len;                          /* payload bytes */
    uint8_t version;
    uint8_t type;
    uint8_t seq;
    uint8_t payload[TK_PROTO_FRAME_PAYLOAD + 2]; /* + the CRC, while decoding */
} tk_frame;

/* CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection. */
uint16_t tk_crc16(const uint8_t *data, uint16_t len);
/* Goes on from crc over len more bytes: tk_crc16 is this from 0xFFFF. */
uint16_t tk_crc16_update(uint16_t crc, const uint8_t *data, uint16_t len);

/*
 * Encodes frame f (f->version is written as given) into out, which holds
 * TK_PROTO_WIRE(f->len) bytes: COBS, then the 0x00 delimiter. Returns the
 * bytes written, or 0 when f->len exceeds TK_PROTO_FRAME_PAYLOAD.
 */
uint16_t tk_proto_encode(const tk_frame *f, uint8_t *out);

/*
 * The same in two steps, for a sender with no room for a tk_frame: start
 * writes a version-1 header into out and returns where the payload goes;
 * the caller writes len (at most TK_PROTO_MAX_PAYLOAD) bytes there, and
 * seal adds the CRC, encodes in place and returns the bytes on the line,
 * TK_PROTO_WIRE(len). out holds TK_PROTO_WIRE(len) bytes.
 */
uint8_t *tk_proto_start(uint8_t *out, uint8_t type, uint8_t seq);
uint16_t tk_proto_seal(uint8_t *out, uint8_t len);

/* Decoder counters, for telemetry. */
typedef struct tk_proto_stats {
    uint16_t frames;      /* good frames delivered */
    uint16_t crc_errors;  /* delimited frames whose CRC did not match */
    uint16_t framing;     /* COBS errors and frames too short */
    uint16_t overflows;   /* frames longer than the largest allowed */
} tk_proto_stats;

/* The decoder undoes COBS as the bytes come, straight into the frame. */
typedef struct tk_proto_decoder {
    tk_frame frame;       /* the frame being received */
    uint8_t fill;         /* decoded bytes of it so far; 0 between frames */
    uint8_t left;         /* bytes left in the COBS group; 0: a code is next */
    uint8_t zero;         /* 1 when the group ends in a zero */
    uint8_t state;        /* idle (nothing since the last 0x00), in a frame,
                             or discarding an overflow until the next 0x00 */
    tk_proto_stats stats;
} tk_proto_decoder;

void tk_proto_decoder_init(tk_proto_decoder *d);

/*
 * Feeds one received byte. Returns the frame it completed with a good CRC
 * (any version: the caller NAKs what it does not speak), else NULL; bad
 * frames are counted and dropped. The frame stays valid until the next
 * call.
 */
const tk_frame *tk_proto_take(tk_proto_decoder *d, uint8_t byte);
/* The same, copying a completed frame into *f: 1 when it did, else 0. */
int tk_proto_feed(tk_proto_decoder *d, uint8_t byte, tk_frame *f);

/* Little-endian field access for payloads. */
uint16_t tk_get16(const uint8_t *p);
uint32_t tk_get32(const uint8_t *p);
void tk_put16(uint8_t *p, uint16_t v);
void tk_put32(uint8_t *p, uint32_t v);

#endif
