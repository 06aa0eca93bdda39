/*
 * avr_uart_bridge.h - the host's serial line to the simulated chip's UART0,
 * paced on simulated cycles.
 *
 * Bytes for the chip wait in a queue and go onto the line back to back,
 * one every AVR_UART_BYTE_CYCLES (10 bit-times at 115200 baud: start, 8
 * data, stop): each is handed to simavr's UART at the cycle its stop bit
 * ends, never before the previous one has finished. The receiver is
 * modelled as the ATmega328P's: a 2-byte buffer behind UDR0. A byte that
 * completes while two unread bytes wait is lost, as a data overrun (DOR0)
 * would lose it, and counted; the firmware then sees the gap in the
 * stream, as it would on the board. (The chip holds such a byte in its
 * shift register until the next start bit, which on a busy line comes at
 * once, so the model is at most one bit-time stricter.)
 *
 * Bytes the firmware transmits are kept for the caller to pass on (a pty)
 * and decoded as protocol frames, so the harness can report the replies,
 * and the device's own error counters when a script ends with a QUERY.
 */
#ifndef AVR_UART_BRIDGE_H
#define AVR_UART_BRIDGE_H

#include <stdint.h>

#include "msg.h"
#include "sim_avr.h"
#include "tk_proto.h"

/* 16 MHz x 10 bits / 115200 baud, rounded. */
#define AVR_UART_BYTE_CYCLES 1389u
/* Bytes waiting for the line at most (a script or the pty's backlog). */
#define AVR_UART_QUEUE_MAX 65536u
/* Transmitted bytes kept until the caller takes them. */
#define AVR_UART_TX_MAX 4096u

typedef struct avr_uart_bridge {
    avr_t *avr;
    void *uart;                         /* simavr's avr_uart_t for UART0 */
    struct avr_irq_t *input;            /* UART_IRQ_INPUT */
    uint8_t queue[AVR_UART_QUEUE_MAX];  /* ring: bytes for the line */
    uint32_t head, count;
    int line_busy;                      /* a byte is on the line */
    uint8_t tx[AVR_UART_TX_MAX];        /* bytes from the chip, not yet taken */
    uint32_t tx_len;
    tk_proto_decoder replies;           /* the chip's bytes, as frames */
    /* What the harness reports. */
    uint64_t rx_bytes;                  /* bytes the receiver accepted */
    uint64_t overruns;                  /* bytes lost to a full receive buffer */
    uint64_t rx_disabled;               /* bytes sent while RXEN0 was off */
    uint64_t queue_full;                /* bytes dropped before the line */
    uint64_t tx_bytes, tx_dropped;      /* from the chip; dropped: caller too slow */
    uint32_t acks, naks, other_replies;
    int telemetry_seen;                 /* a TELEMETRY reply (to QUERY) arrived */
    msg_telemetry telemetry;            /* the last one */
} avr_uart_bridge;

/* Connects to UART0 of avr (after avr_init). 0, or -1 with a message. */
int avr_uart_bridge_attach(avr_uart_bridge *b, avr_t *avr, char *err, unsigned errlen);
/* Queues bytes for the line from the current cycle on. */
void avr_uart_bridge_send(avr_uart_bridge *b, const uint8_t *data, uint32_t n);
/* Takes up to cap transmitted bytes into out; returns how many. */
uint32_t avr_uart_bridge_take(avr_uart_bridge *b, uint8_t *out, uint32_t cap);
/* 1 while bytes wait for or are on the line. */
int avr_uart_bridge_busy(const avr_uart_bridge *b);

#endif
