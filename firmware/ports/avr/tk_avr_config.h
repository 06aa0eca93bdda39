/*
 * tk_avr_config.h - the firmware core's sizes for the reference board:
 * ATmega328P (2 KiB RAM, 32 KiB flash) driving a chain of MAX7219 8x8
 * modules. The build includes it before every AVR source (-include), so
 * these settings win over the #ifndef defaults in tk_config.h; the host
 * build never sees it.
 *
 * RAM is the scarce thing: the item slots take most of it, and everything
 * else (ticker state, frame buffer, link buffer, UART ring,
 * driver) must stay within 320 bytes for a 32x8 display.
 */
#ifndef TK_AVR_CONFIG_H
#define TK_AVR_CONFIG_H

#include <avr/pgmspace.h>

/* Modules in the chain: the display is 8 per module wide. */
#ifndef TK_MAX7219_MODULES
#define TK_MAX7219_MODULES 4
#endif
#if TK_MAX7219_MODULES < 1 || TK_MAX7219_MODULES > 32
#error "TK_MAX7219_MODULES must be 1..32: a chain longer than 32 modules is not supported."
#endif

#define TK_FB_MAX_WIDTH (8 * TK_MAX7219_MODULES)
#define TK_FB_MAX_HEIGHT 8

/* The frame buffer in the modules' own order: rows for FC-16 modules,
   columns for generic ones (see tk_drv_max7219.c). */
#ifndef TK_MAX7219_ROTATE
#define TK_MAX7219_ROTATE 0
#endif
#define TK_FB_ROW_MAJOR (TK_MAX7219_ROTATE == 0)

/* Four slots: the rotation, one being replaced and one arriving in parts. */
#ifndef TK_QUEUE_SLOTS
#define TK_QUEUE_SLOTS 4
#endif
/* A long headline fits; the host condenses to the max_item it reads in CAPS. */
#ifndef TK_ITEM_MAX_BYTES
#define TK_ITEM_MAX_BYTES 200
#endif

/*
 * Segments on the strip: it is committed up to two display widths ahead
 * and every segment is at least a separator wide, so wider displays need
 * more. Headlines are far wider than this allows for.
 */
#ifndef TK_MARQUEE_SEGMENTS
#define TK_MARQUEE_SEGMENTS (TK_MAX7219_MODULES / 2 + 2)
#endif

/* Pending events: the main loop sends them within a few milliseconds. */
#ifndef TK_TICKER_EVENTS
#define TK_TICKER_EVENTS 4
#endif

/* Received bytes waiting for the main loop; a power of two. See
   tk_avr_hal.c. 32 holds since each part of an item is measured as it
   arrives (at most 42 text bytes) rather than a 200-byte item at its last
   part; the full-rate test, with accented 200-byte items in parts, loses
   bytes with 16 (and with 32 when the whole item was measured at once). */
#ifndef TK_AVR_RX_RING
#define TK_AVR_RX_RING 32
#endif

/* The largest frame the device decodes: the largest CONFIG (52 payload
   bytes) rather than the protocol's 64; CAPS says so, and the host sends
   items in parts of 42 text bytes instead of 54. */
#define TK_PROTO_FRAME_PAYLOAD 52

/* The scroll's one-bit pass in assembly (tk_avr_fb.h). */
#include "tk_avr_fb.h"
#define TK_FB_SHIFT_ROWS tk_avr_shift_rows

/* The font stays in flash and is read a byte at a time. */
#define TK_FONT_STORAGE PROGMEM
#define TK_FONT_BYTE(p) pgm_read_byte(p)

#if TK_QUEUE_SLOTS * (TK_ITEM_MAX_BYTES + 16) > 1024
#error "TK_QUEUE_SLOTS * (TK_ITEM_MAX_BYTES + 16) must stay within 1024 bytes: the ATmega328P has 2048 bytes of RAM in all."
#endif
#if TK_AVR_RX_RING < 16 || TK_AVR_RX_RING > 256 || (TK_AVR_RX_RING & (TK_AVR_RX_RING - 1)) != 0
#error "TK_AVR_RX_RING must be a power of two, 16..256."
#endif

#endif
