/*
 * tk_device.h - the device end of the serial link: bytes from the host in,
 * replies and events out, applied to the ticker. Shared by every port.
 *
 * Nothing blocks: the port feeds each received byte to tk_device_rx(),
 * calls tk_device_poll() from its main loop, and sends what
 * tk_device_output() hands it whenever the line has room.
 *
 * One buffer, the decoder's frame, serves both ways: the protocol is
 * stop-and-wait (the host keeps one frame outstanding), so a frame is
 * consumed before its answer exists, and the answer is built in place at
 * the end of the buffer while the next frame is decoded from its start.
 * When the two would meet, tk_device_rx refuses the byte: the port keeps
 * it (in its receive ring), sends what tk_device_output gives, and offers
 * the byte again. Events go out the same way, when the buffer has room.
 */
#ifndef TK_DEVICE_H
#define TK_DEVICE_H

#include <stdint.h>
#include "tk_proto.h"
#include "tk_ticker.h"

typedef struct tk_device {
    tk_ticker *ticker;        /* not owned */
    tk_proto_decoder decoder; /* its frame is also the outgoing buffer */
    uint32_t boot_id;         /* new at every start: tells the host we reset */
    uint8_t last_seq;         /* the last state-changing frame, to answer a */
    uint8_t last_type;        /* retransmission without applying it twice; */
    uint8_t last_nak;         /* its answer: 0 ACK, else the NAK reason */
    uint8_t event_seq;        /* sequence numbers of the device's own frames */
    uint16_t late_frames;     /* frames drawn later than their period,
                                 saturating (TELEMETRY has room for 32 bits) */
    uint16_t worst_frame_us;  /* longest frame's work, saturating */
    uint16_t rx_errors;       /* UART errors the port reported */
    uint8_t out_at;           /* the unsent bytes: from here to the buffer's
                                 end (TK_DEVICE_OUT_END: none) */
} tk_device;

/* The end of the shared buffer: its size. */
#define TK_DEVICE_OUT_END ((uint8_t)sizeof(tk_frame))

void tk_device_init(tk_device *d, tk_ticker *ticker, uint32_t boot_id);
/* One byte from the line, at now_ms: 1 when taken, 0 when refused because
   bytes wait to be sent first (tk_device_output; then offer it again). */
int tk_device_rx(tk_device *d, uint8_t byte, uint32_t now_ms);
/* Moves the ticker's next event into the buffer when it has room. */
void tk_device_poll(tk_device *d);
/* Copies up to cap waiting bytes into buf and removes them; returns how many.
   Everything waiting is at most TK_PROTO_MAX_WIRE bytes. */
uint16_t tk_device_output(tk_device *d, uint8_t *buf, uint16_t cap);
/* The port reports each frame's work time and whether it was late. */
void tk_device_frame_timing(tk_device *d, uint32_t work_us, int late);

#endif
