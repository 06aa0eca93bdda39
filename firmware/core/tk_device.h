/*
 * tk_device.h - the device end of the serial link: bytes from the host in,
 * replies and events out, applied to the ticker. Shared by every port.
 *
 * Nothing blocks: the port feeds each received byte to tk_device_rx(),
 * calls tk_device_poll() from its main loop, and sends what
 * tk_device_output() hands it whenever the line has room.
 */
#ifndef TK_DEVICE_H
#define TK_DEVICE_H

#include <stdint.h>
#include "tk_proto.h"
#include "tk_ticker.h"

/* Bytes of replies and events waiting for the line: two whole frames. */
#ifndef TK_DEVICE_OUTBOX
#define TK_DEVICE_OUTBOX (2 * TK_PROTO_MAX_WIRE)
#endif

typedef struct tk_device {
    tk_ticker *ticker;        /* not owned */
    tk_proto_decoder decoder;
    uint32_t boot_id;         /* new at every start: tells the host we reset */
    uint8_t last_seq;         /* the last state-changing frame, to answer a */
    uint8_t last_type;        /* retransmission without applying it twice; */
    uint8_t last_nak;         /* its answer: 0 ACK, else the NAK reason */
    uint8_t event_seq;        /* sequence numbers of the device's own frames */
    uint32_t late_frames;     /* frames drawn later than their period */
    uint32_t worst_frame_us;  /* longest frame's work */
    uint16_t rx_errors;       /* UART errors the port reported */
    uint16_t out_dropped;     /* frames lost to a full outbox */
    uint16_t out_len;
    uint8_t out[TK_DEVICE_OUTBOX];
} tk_device;

void tk_device_init(tk_device *d, tk_ticker *ticker, uint32_t boot_id);
/* One byte from the line, at now_ms. */
void tk_device_rx(tk_device *d, uint8_t byte, uint32_t now_ms);
/* Moves the ticker's events into the outbox while there is room. */
void tk_device_poll(tk_device *d);
/* Copies up to cap waiting bytes into buf and removes them; returns how many. */
uint16_t tk_device_output(tk_device *d, uint8_t *buf, uint16_t cap);
/* The port reports each frame's work time and whether it was late. */
void tk_device_frame_timing(tk_device *d, uint32_t work_us, int late);

#endif
