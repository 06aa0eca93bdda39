/*
 * tk_hal.h - what a port supplies: plain functions, one .c per port
 * (ports/avr; ports/template shows the whole set as stubs). None of them
 * may block: the UART calls return at once, and an SPI transfer only takes
 * as long as its bytes need on the wire (a few microseconds a latch).
 *
 * The core itself only calls tk_hal_millis(); the rest is what a port's
 * main loop and its display driver (firmware/drivers) need, declared here
 * so that every port offers the same set. The simulator (ports/sim) runs
 * on the host clock and a pty instead, so it only supplies the clock.
 */
#ifndef TK_HAL_H
#define TK_HAL_H

#include <stdint.h>

/* Milliseconds since start; wraps after 49 days and the core allows it. */
uint32_t tk_hal_millis(void);

/* Serial line to the host (115200 8N1 on the reference board). */

/* Sets up the line; received bytes are buffered from then on. */
void tk_hal_uart_init(void);
/* Takes the oldest received byte into *byte: 1, or 0 when none waits. */
int tk_hal_uart_read(uint8_t *byte);
/* UART errors (framing, overrun, bytes lost to a full buffer) since the
   last call, so the device can count them for telemetry. */
uint16_t tk_hal_uart_take_errors(void);
/* 1 when tk_hal_uart_write() can take a byte now. */
int tk_hal_uart_writable(void);
/* Sends one byte; only call it after tk_hal_uart_writable() said 1. */
void tk_hal_uart_write(uint8_t byte);

/* SPI master for the display, MSB first. */

void tk_hal_spi_init(void);
/*
 * One transfer: begin selects the display (chip select low), each byte
 * call shifts one out, end deselects it (the rising edge is the latch).
 * tk_hal_spi_byte() only waits for the byte before it, so the caller
 * prepares the next byte while the last one is on the wire; end waits
 * for the last byte.
 */
void tk_hal_spi_begin(void);
void tk_hal_spi_byte(uint8_t byte);
void tk_hal_spi_end(void);

#endif
