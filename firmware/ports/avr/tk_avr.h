/*
 * tk_avr.h - what the AVR port's main loop needs from its HAL file beyond
 * tk_hal.h: the tick's set-up, a microsecond clock for frame timing, and
 * the frame-work marker pin. Private to ports/avr.
 */
#ifndef TK_AVR_H
#define TK_AVR_H

#include <stdint.h>

/* Starts Timer0's 1 kHz tick; tk_hal_millis() counts from 0 then. */
void tk_avr_tick_init(void);
/* Microseconds since the tick started, to 4 us, modulo 65536: enough to
   time a frame's work, and 16-bit arithmetic costs the chip far less. */
uint16_t tk_avr_micros(void);
/* PB0 (D8) as an output, low. */
void tk_avr_marker_init(void);

/* PB0 high for the duration of each frame's work, so the time a frame
   takes can be seen on a scope (or counted by the simulated-chip tests). */
#define TK_AVR_MARKER_ON() (PORTB |= _BV(PB0))
#define TK_AVR_MARKER_OFF() (PORTB &= (uint8_t)~_BV(PB0))

#endif
